/**
 * cache: a set-associative L1 instruction and data cache per core, optionally backed by a
 * unified L2, fed by every executed instruction and every memory access (QEMU's
 * contrib/plugins/cache.c). Addresses are physical; IO accesses are ignored. At exit:
 *
 * ```
 * core #, data accesses, data misses, dmiss rate, insn accesses, insn misses, imiss rate
 * 0       9330           2300           24.6517%  36285          40             0.1102%
 *
 * address, data misses, instruction
 * 0x401008bc (stride_load), 2048, ldr r0, [r3], #0x40
 * ...
 * ```
 *
 * then the instructions with most fetch misses (and L2 misses with L2), `limit` each.
 *
 * Options (QEMU's): `iblksize`, `iassoc`, `icachesize`, `dblksize`, `dassoc`, `dcachesize`
 * (L1 defaults: 64-byte blocks, 8 ways, 16 KiB), `l2=on` or any of `l2blksize`, `l2assoc`,
 * `l2cachesize` (L2 defaults: 64-byte blocks, 16 ways, 2 MiB), `evict=lru|fifo|rand`
 * (default lru), `limit=N` (default 32), `cores=N` (default: the vCPUs). Beyond QEMU:
 * `seed=N` seeds the xorshift generator of `evict=rand` (default 1), so runs are repeatable.
 * Unlike QEMU, the L2 columns are printed whenever L2 is simulated.
 *
 * @module
 */

import { CbFlags, MemRW } from "../../plugins/api.ts";
import type { MemInfo, PluginApi, PluginInfo } from "../../plugins/api.ts";
import { boolArg, splitArgs, uintArg, unknownArg } from "./args.ts";

const PLUGIN = "cache";

/** Replacement policy. */
export type EvictionPolicy = "lru" | "fifo" | "rand";

/** xorshift32: the pseudo-random source of `evict=rand`. */
class XorShift32 {
  #s: number;
  constructor(seed: number) {
    this.#s = (seed >>> 0) || 1;
  }
  /** An integer in [0, n). */
  below(n: number): number {
    let x = this.#s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#s = x >>> 0;
    return this.#s % n;
  }
}

/** One set-associative cache (tags only: this is not a functional cache). */
export class Cache {
  readonly assoc: number;
  readonly sets: number;
  readonly #blkShift: number;
  readonly #tags: Float64Array;
  readonly #valid: Uint8Array;
  readonly #prio: Float64Array;
  readonly #gen: Float64Array;
  readonly #fifo: number[][];
  readonly #policy: EvictionPolicy;
  readonly #rng: XorShift32;
  accesses = 0;
  misses = 0;

  /** A cache of `size` bytes in blocks of `blksize` bytes, `assoc` ways. */
  constructor(
    blksize: number,
    assoc: number,
    size: number,
    policy: EvictionPolicy,
    rng: XorShift32,
  ) {
    this.assoc = assoc;
    this.sets = size / (blksize * assoc);
    this.#blkShift = Math.log2(blksize);
    this.#tags = new Float64Array(this.sets * assoc);
    this.#valid = new Uint8Array(this.sets * assoc);
    this.#prio = new Float64Array(this.sets * assoc);
    this.#gen = new Float64Array(this.sets);
    this.#fifo = policy === "fifo" ? Array.from({ length: this.sets }, () => []) : [];
    this.#policy = policy;
    this.#rng = rng;
  }

  /** Looks up `addr`, fills it on a miss; returns true on a hit. Counts the access. */
  access(addr: number): boolean {
    this.accesses++;
    const block = Math.floor(addr / 2 ** this.#blkShift);
    const set = block % this.sets;
    const tag = Math.floor(block / this.sets);
    const base = set * this.assoc;
    for (let i = 0; i < this.assoc; i++) {
      if (this.#valid[base + i] && this.#tags[base + i] === tag) {
        if (this.#policy === "lru") this.#prio[base + i] = this.#gen[set]++;
        return true;
      }
    }
    this.misses++;
    let way = -1;
    for (let i = 0; i < this.assoc; i++) {
      if (!this.#valid[base + i]) {
        way = i;
        break;
      }
    }
    if (way < 0) way = this.#victim(set, base);
    if (this.#policy === "lru") this.#prio[base + way] = this.#gen[set]++;
    else if (this.#policy === "fifo") this.#fifo[set].push(way);
    this.#tags[base + way] = tag;
    this.#valid[base + way] = 1;
    return false;
  }

  #victim(set: number, base: number): number {
    if (this.#policy === "rand") return this.#rng.below(this.assoc);
    if (this.#policy === "fifo") return this.#fifo[set].shift()!;
    let min = 0;
    for (let i = 1; i < this.assoc; i++) if (this.#prio[base + i] < this.#prio[base + min]) min = i;
    return min;
  }
}

/** Misses attributed to one instruction. */
interface InsnData {
  addr: number;
  disas: string;
  symbol: string | null;
  dmisses: number;
  imisses: number;
  l2misses: number;
}

/** Geometry of one cache level. */
interface Geometry {
  blksize: number;
  assoc: number;
  size: number;
}

function checkGeometry(what: string, g: Geometry): void {
  const pow2 = (n: number) => n > 0 && (n & (n - 1)) === 0;
  let why = "";
  if (!pow2(g.blksize)) why = "block size must be a power of two";
  else if (g.assoc < 1) why = "associativity must be at least 1";
  else if (g.size % g.blksize !== 0) why = "cache size must be divisible by block size";
  else if (g.size % (g.blksize * g.assoc) !== 0) {
    why = "cache size must be divisible by set size (assoc * block size)";
  } else if (!pow2(g.size / (g.blksize * g.assoc))) {
    why = "the number of sets must be a power of two";
  }
  if (why) {
    throw new Error(`${PLUGIN}: ${what} cannot be constructed from given parameters: ${why}`);
  }
}

function rate(misses: number, accesses: number): number {
  return accesses ? (misses / accesses) * 100 : 0;
}

/** Installs the cache simulator. */
export function install(api: PluginApi, info: PluginInfo, args: string[]): void {
  const l1i: Geometry = { blksize: 64, assoc: 8, size: 64 * 8 * 32 };
  const l1d: Geometry = { blksize: 64, assoc: 8, size: 64 * 8 * 32 };
  const l2g: Geometry = { blksize: 64, assoc: 16, size: 64 * 16 * 2048 };
  let useL2 = false;
  let limit = 32;
  let cores = info.systemEmulation ? info.system.smpVcpus : 1;
  let policy: EvictionPolicy = "lru";
  let seed = 1;
  const num = (a: { name: string; value: string; text: string }) => uintArg(PLUGIN, a);
  for (const a of splitArgs(PLUGIN, args)) {
    switch (a.name) {
      case "iblksize":
        l1i.blksize = num(a);
        break;
      case "iassoc":
        l1i.assoc = num(a);
        break;
      case "icachesize":
        l1i.size = num(a);
        break;
      case "dblksize":
        l1d.blksize = num(a);
        break;
      case "dassoc":
        l1d.assoc = num(a);
        break;
      case "dcachesize":
        l1d.size = num(a);
        break;
      case "l2blksize":
        l2g.blksize = num(a);
        useL2 = true;
        break;
      case "l2assoc":
        l2g.assoc = num(a);
        useL2 = true;
        break;
      case "l2cachesize":
        l2g.size = num(a);
        useL2 = true;
        break;
      case "l2":
        useL2 = boolArg(api, PLUGIN, a);
        break;
      case "limit":
        limit = num(a);
        break;
      case "cores":
        cores = uintArg(PLUGIN, a, { min: 1 });
        break;
      case "seed":
        seed = num(a);
        break;
      case "evict":
        if (a.value !== "lru" && a.value !== "fifo" && a.value !== "rand") {
          throw new Error(`${PLUGIN}: invalid eviction policy: ${a.text} (lru, fifo or rand)`);
        }
        policy = a.value;
        break;
      default:
        unknownArg(PLUGIN, a, [
          "iblksize",
          "iassoc",
          "icachesize",
          "dblksize",
          "dassoc",
          "dcachesize",
          "l2",
          "l2blksize",
          "l2assoc",
          "l2cachesize",
          "evict",
          "limit",
          "cores",
          "seed",
        ]);
    }
  }
  checkGeometry("dcache", l1d);
  checkGeometry("icache", l1i);
  if (useL2) checkGeometry("L2 cache", l2g);

  const rng = new XorShift32(seed);
  const make = (g: Geometry) =>
    Array.from({ length: cores }, () => new Cache(g.blksize, g.assoc, g.size, policy, rng));
  const dcaches = make(l1d);
  const icaches = make(l1i);
  const l2caches = useL2 ? make(l2g) : [];
  const insns = new Map<number, InsnData>();

  const onMem = (vcpu: number, mi: MemInfo, vaddr: number, insn: InsnData) => {
    const h = mi.hwaddr();
    if (h?.isIo) return;
    const addr = h ? h.physAddr : vaddr;
    const core = vcpu % cores;
    if (dcaches[core].access(addr)) return;
    insn.dmisses++;
    if (useL2 && !l2caches[core].access(addr)) insn.l2misses++;
  };
  const onExec = (vcpu: number, insn: InsnData) => {
    const core = vcpu % cores;
    if (icaches[core].access(insn.addr)) return;
    insn.imisses++;
    if (useL2 && !l2caches[core].access(insn.addr)) insn.l2misses++;
  };

  api.onTbTrans((tb) => {
    for (let i = 0; i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      const addr = insn.haddr;
      let data = insns.get(addr);
      if (!data) {
        data = {
          addr,
          disas: insn.disas(),
          symbol: insn.symbol(),
          dmisses: 0,
          imisses: 0,
          l2misses: 0,
        };
        insns.set(addr, data);
      }
      insn.registerMemCb(onMem, CbFlags.NO_REGS, MemRW.RW, data);
      insn.registerExecCb(onExec, CbFlags.NO_REGS, data);
    }
  });

  const statsLine = (d: Cache[], i: Cache[], l2: Cache[]) => {
    const sum = (cs: Cache[], k: "accesses" | "misses") => cs.reduce((s, c) => s + c[k], 0);
    const [da, dm, ia, im] = [
      sum(d, "accesses"),
      sum(d, "misses"),
      sum(i, "accesses"),
      sum(i, "misses"),
    ];
    let s =
      `${String(da).padEnd(14)} ${String(dm).padEnd(12)} ${rate(dm, da).toFixed(4).padStart(9)}%` +
      `  ${String(ia).padEnd(14)} ${String(im).padEnd(12)} ${rate(im, ia).toFixed(4).padStart(9)}%`;
    if (useL2) {
      const [la, lm] = [sum(l2, "accesses"), sum(l2, "misses")];
      s += `  ${String(la).padEnd(12)} ${String(lm).padEnd(11)} ${
        rate(lm, la).toFixed(4).padStart(10)
      }%`;
    }
    return s + "\n";
  };

  const topList = (title: string, key: "dmisses" | "imisses" | "l2misses") => {
    let s = `address, ${title}, instruction\n`;
    const sorted = [...insns.values()].sort((a, b) => b[key] - a[key] || a.addr - b.addr);
    for (const d of sorted.slice(0, limit)) {
      s += `0x${d.addr.toString(16)}${d.symbol ? ` (${d.symbol})` : ""}, ${d[key]}, ${d.disas}\n`;
    }
    return s;
  };

  api.onExit(() => {
    let out =
      "core #, data accesses, data misses, dmiss rate, insn accesses, insn misses, imiss rate";
    if (useL2) out += ", l2 accesses, l2 misses, l2 miss rate";
    out += "\n";
    for (let c = 0; c < cores; c++) {
      out += String(c).padEnd(8) +
        statsLine([dcaches[c]], [icaches[c]], useL2 ? [l2caches[c]] : []);
    }
    if (cores > 1) out += "sum".padEnd(8) + statsLine(dcaches, icaches, l2caches);
    out += "\n";
    out += topList("data misses", "dmisses");
    out += "\n" + topList("fetch misses", "imisses");
    if (useL2) out += "\n" + topList("L2 misses", "l2misses");
    api.outs(out);
  });
}
