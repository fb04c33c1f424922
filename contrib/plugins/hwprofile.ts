/**
 * hwprofile: who talks to which device, and how (QEMU's contrib/plugins/hwprofile.c).
 *
 * Counts the memory accesses that reach an IO region (`hwaddr().isIo`), per device
 * (`deviceName`), with read and write counts per vCPU, and prints QEMU's report at exit:
 *
 * ```
 * Device, Address, RCPUs, Reads,  WCPUs, Writes
 * pl011, 0x9000000, 1, 412, 1, 409
 * ```
 *
 * Options (QEMU's): `track=read|write` (also `arg=`), `pattern=on` (per register offset),
 * `source=on` (per guest pc; exclusive with pattern), `match=NAME` (repeatable: only those
 * devices, and a line per hit). Beyond QEMU: `format=json` prints one JSON document instead,
 * and `html=FILE` writes a self-contained HTML report with, per device, its accesses over
 * guest time and a heat map per register offset with the register names the device model
 * knows (see hwprofile-html.ts).
 *
 * Differences from QEMU, on purpose: every device is printed (QEMU drops the last row and
 * prints nothing with fewer than two devices); Address is the device's physical base (QEMU
 * prints vaddr − phys_addr, 0 for identity-mapped accesses); `pattern` offsets are offsets
 * into the device; with `match`, other devices are not listed at all.
 *
 * @module
 */

import { CbFlags, InlineOp, MemRW } from "../../plugins/api.ts";
import type { MemInfo, PluginApi, PluginInfo, ScoreboardU64 } from "../../plugins/api.ts";
import { boolArg, splitArgs, unknownArg } from "./args.ts";
import { renderHwprofileHtml } from "./hwprofile-html.ts";
import type { HtmlDevice } from "./hwprofile-html.ts";

const PLUGIN = "hwprofile";
const OPTIONS = ["track", "arg", "pattern", "source", "match", "format", "html"];

/** Time buckets per chart; the bucket width doubles as the run gets longer. */
export const TIMELINE_BUCKETS = 120;

/** Read and write counts, per vCPU. */
class IOCounts {
  readonly reads: number[] = [];
  readonly writes: number[] = [];

  add(vcpu: number, isWrite: boolean): void {
    const a = isWrite ? this.writes : this.reads;
    a[vcpu] = (a[vcpu] ?? 0) + 1;
  }

  get totalReads(): number {
    return sum(this.reads);
  }

  get totalWrites(): number {
    return sum(this.writes);
  }

  /** Bit mask of the vCPUs that read (QEMU's cpu_read). */
  get readMask(): number {
    return mask(this.reads);
  }

  get writeMask(): number {
    return mask(this.writes);
  }
}

function sum(a: number[]): number {
  let s = 0;
  for (const v of a) s += v ?? 0;
  return s;
}

function mask(a: number[]): number {
  let m = 0;
  a.forEach((v, i) => {
    if (v) m += 2 ** i;
  });
  return m;
}

/**
 * Access counts over guest time (instructions) in a fixed number of buckets; when time runs
 * past the last bucket, every series merges pairs of buckets and the width doubles.
 */
class Timeline {
  width = 64;
  readonly #series: Float64Array[] = [];

  series(): Float64Array {
    const s = new Float64Array(TIMELINE_BUCKETS);
    this.#series.push(s);
    return s;
  }

  /** The bucket of instruction count `t`. */
  bucket(t: number): number {
    while (t >= this.width * TIMELINE_BUCKETS) this.#grow();
    return Math.max(0, Math.floor(t / this.width));
  }

  #grow(): void {
    const half = TIMELINE_BUCKETS / 2;
    for (const s of this.#series) {
      for (let i = 0; i < half; i++) s[i] = s[2 * i] + s[2 * i + 1];
      s.fill(0, half);
    }
    this.width *= 2;
  }
}

/** One register offset of a device. */
interface OffsetRecord {
  offset: number;
  register: string | null;
  counts: IOCounts;
  /** Bit (1 << sizeShift) per access size seen. */
  sizes: number;
  heat: Float64Array | null;
}

/** One device (IO region). */
interface DeviceRecord {
  name: string;
  base: number;
  totals: IOCounts;
  offsets: Map<number, OffsetRecord>;
  sources: Map<number, IOCounts>;
  readsOverTime: Float64Array | null;
  writesOverTime: Float64Array | null;
}

/** Where an access comes from: its instruction's pc and its distance to the TB's end. */
interface Site {
  pc: number;
  back: number;
}

/** What the text and JSON reports show. */
interface Settings {
  reads: boolean;
  writes: boolean;
  pattern: boolean;
  source: boolean;
}

function parseTrack(value: string): MemRW {
  if (value === "read") return MemRW.R;
  if (value === "write") return MemRW.W;
  throw new Error(`${PLUGIN}: invalid value for track: ${value} (use read or write)`);
}

/** Checks at install time that `file`'s directory exists (the report is written at exit). */
function checkOutputPath(file: string): void {
  if (file === "") throw new Error(`${PLUGIN}: html= needs a file name`);
  const slash = file.lastIndexOf("/");
  const dir = slash < 0 ? "." : slash === 0 ? "/" : file.slice(0, slash);
  let st: Deno.FileInfo;
  try {
    st = Deno.statSync(dir);
  } catch {
    throw new Error(`${PLUGIN}: html=${file}: directory ${dir} does not exist`);
  }
  if (!st.isDirectory) throw new Error(`${PLUGIN}: html=${file}: ${dir} is not a directory`);
  try {
    if (Deno.statSync(file).isDirectory) {
      throw new Error(`${PLUGIN}: html=${file}: is a directory`);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}

/** QEMU's `, RCPUs, Reads,  WCPUs, Writes` columns of one record. */
function fmtCounts(c: IOCounts, s: Settings): string {
  let out = "";
  if (s.reads) out += `, ${c.readMask.toString(16)}, ${c.totalReads}`;
  if (s.writes) out += `, ${c.writeMask.toString(16)}, ${c.totalWrites}`;
  return out;
}

function fmtDevice(d: DeviceRecord, s: Settings): string {
  return `${d.name}, 0x${d.base.toString(16)}${fmtCounts(d.totals, s)}\n`;
}

function sortedDevices(devices: Map<string, DeviceRecord>): DeviceRecord[] {
  const total = (d: DeviceRecord) => d.totals.totalReads + d.totals.totalWrites;
  return [...devices.values()].sort((a, b) =>
    total(b) - total(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** The text report in QEMU's layout. */
function textReport(devices: Map<string, DeviceRecord>, s: Settings): string {
  let out = "";
  if (!s.pattern && !s.source) {
    out = "Device, Address";
    if (s.reads) out += ", RCPUs, Reads";
    if (s.writes) out += ",  WCPUs, Writes";
    out += "\n";
  }
  for (const d of sortedDevices(devices)) {
    if (!s.pattern && !s.source) {
      out += fmtDevice(d, s);
      continue;
    }
    out += `${d.name} @ 0x${d.base.toString(16)}\n`;
    const prefix = s.pattern ? "off" : "pc";
    const rows: [number, IOCounts][] = s.pattern
      ? [...d.offsets.values()].map((o) => [o.offset, o.counts])
      : [...d.sources.entries()];
    rows.sort((a, b) => a[0] - b[0]);
    for (const [key, c] of rows) {
      out += `  ${prefix}:${key.toString(16).padStart(8, "0")}${fmtCounts(c, s)}\n`;
    }
  }
  return out;
}

function sizesOf(bits: number): number[] {
  return [0, 1, 2, 3].filter((sh) => bits & (1 << sh)).map((sh) => 1 << sh);
}

/** The JSON report: every device with its offsets and sources. */
function jsonReport(devices: Map<string, DeviceRecord>, s: Settings): string {
  const track = s.reads && s.writes ? "rw" : s.reads ? "read" : "write";
  const doc = {
    plugin: PLUGIN,
    track,
    devices: sortedDevices(devices).map((d) => ({
      name: d.name,
      base: d.base,
      reads: d.totals.totalReads,
      writes: d.totals.totalWrites,
      readCpus: d.totals.readMask,
      writeCpus: d.totals.writeMask,
      perCpu: perCpu(d.totals),
      offsets: [...d.offsets.values()].sort((a, b) => a.offset - b.offset).map((o) => ({
        offset: o.offset,
        register: o.register,
        reads: o.counts.totalReads,
        writes: o.counts.totalWrites,
        sizes: sizesOf(o.sizes),
      })),
      sources: [...d.sources.entries()].sort((a, b) => a[0] - b[0]).map(([pc, c]) => ({
        pc,
        reads: c.totalReads,
        writes: c.totalWrites,
      })),
    })),
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

function perCpu(c: IOCounts): { vcpu: number; reads: number; writes: number }[] {
  const n = Math.max(c.reads.length, c.writes.length);
  const out = [];
  for (let v = 0; v < n; v++) {
    out.push({ vcpu: v, reads: c.reads[v] ?? 0, writes: c.writes[v] ?? 0 });
  }
  return out;
}

/** Installs hwprofile (see the module documentation for the options). */
export function install(api: PluginApi, info: PluginInfo, args: string[]): void {
  let rw = MemRW.RW;
  let pattern = false;
  let source = false;
  let format = "text";
  let html: string | null = null;
  const matches = new Set<string>();
  for (const a of splitArgs(PLUGIN, args)) {
    switch (a.name) {
      case "track":
      case "arg":
        rw = parseTrack(a.value);
        break;
      case "pattern":
        pattern = boolArg(api, PLUGIN, a);
        break;
      case "source":
        source = boolArg(api, PLUGIN, a);
        break;
      case "match":
        if (a.value === "") throw new Error(`${PLUGIN}: match= needs a device name`);
        matches.add(a.value);
        break;
      case "format":
        if (a.value !== "text" && a.value !== "json") {
          throw new Error(`${PLUGIN}: invalid value for format: ${a.value} (use text or json)`);
        }
        format = a.value;
        break;
      case "html":
        html = a.value;
        break;
      default:
        unknownArg(PLUGIN, a, OPTIONS);
    }
  }
  if (source && pattern) {
    throw new Error(
      `${PLUGIN}: source and pattern are mutually exclusive (can only track either source or pattern)`,
    );
  }
  if (!info.systemEmulation) throw new Error(`${PLUGIN}: plugin only useful for system emulation`);
  if (html !== null) checkOutputPath(html);

  const settings: Settings = {
    reads: (rw & MemRW.R) !== 0,
    writes: (rw & MemRW.W) !== 0,
    pattern,
    source,
  };
  const devices = new Map<string, DeviceRecord>();
  const timeline = html !== null ? new Timeline() : null;
  // Guest time for the charts: instructions per vCPU, added at the start of every TB.
  const clock: ScoreboardU64 | null = timeline ? api.scoreboardNew().u64() : null;

  const device = (name: string, base: number): DeviceRecord => {
    let d = devices.get(name);
    if (!d) {
      d = {
        name,
        base,
        totals: new IOCounts(),
        offsets: new Map(),
        sources: new Map(),
        readsOverTime: timeline?.series() ?? null,
        writesOverTime: timeline?.series() ?? null,
      };
      devices.set(name, d);
    }
    return d;
  };

  const onMem = (vcpu: number, mi: MemInfo, _vaddr: number, site: Site) => {
    const h = mi.hwaddr();
    if (!h || !h.isIo) return;
    if (matches.size && !matches.has(h.deviceName)) return;
    const d = device(h.deviceName, h.physAddr - h.deviceOffset);
    const isWrite = mi.isStore;
    if (matches.size) {
      api.outs(
        `hwprofile: match @ offset${h.deviceOffset.toString(16)}, previous hits\n` +
          fmtDevice(d, settings),
      );
    }
    d.totals.add(vcpu, isWrite);
    let o = d.offsets.get(h.deviceOffset);
    if (!o) {
      o = {
        offset: h.deviceOffset,
        register: h.registerName,
        counts: new IOCounts(),
        sizes: 0,
        heat: timeline?.series() ?? null,
      };
      d.offsets.set(h.deviceOffset, o);
    }
    o.counts.add(vcpu, isWrite);
    o.sizes |= 1 << mi.sizeShift;
    let src = d.sources.get(site.pc);
    if (!src) d.sources.set(site.pc, src = new IOCounts());
    src.add(vcpu, isWrite);
    if (timeline && clock) {
      const b = timeline.bucket(clock.get(vcpu) - site.back);
      (isWrite ? d.writesOverTime! : d.readsOverTime!)[b]++;
      o.heat![b]++;
    }
  };

  api.onTbTrans((tb) => {
    const n = tb.nInsns;
    if (clock) tb.registerExecInline(InlineOp.ADD_U64, clock, n);
    for (let i = 0; i < n; i++) {
      const insn = tb.insn(i)!;
      const site: Site = { pc: insn.vaddr, back: n - i };
      insn.registerMemCb(onMem, CbFlags.NO_REGS, rw, site);
    }
  });

  api.onExit(() => {
    api.outs(format === "json" ? jsonReport(devices, settings) : textReport(devices, settings));
    if (html !== null && timeline && clock) {
      let instructions = 0;
      for (let v = 0; v < api.numVcpus(); v++) instructions = Math.max(instructions, clock.get(v));
      const devs: HtmlDevice[] = sortedDevices(devices).map((d) => ({
        name: d.name,
        base: d.base,
        reads: d.totals.totalReads,
        writes: d.totals.totalWrites,
        readsOverTime: d.readsOverTime!,
        writesOverTime: d.writesOverTime!,
        offsets: [...d.offsets.values()].sort((a, b) => a.offset - b.offset).map((o) => ({
          offset: o.offset,
          register: o.register,
          reads: o.counts.totalReads,
          writes: o.counts.totalWrites,
          sizes: sizesOf(o.sizes),
          heat: o.heat!,
        })),
      }));
      Deno.writeTextFileSync(
        html,
        renderHwprofileHtml({
          instructions,
          bucketWidth: timeline.width,
          buckets: TIMELINE_BUCKETS,
          devices: devs,
        }),
      );
    }
  });
}
