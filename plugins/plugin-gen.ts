/**
 * Injection of plugin instrumentation into translated code (QEMU's plugin-gen.c): inline
 * operations become plain JavaScript on the scoreboard's Float64Array, callbacks become direct
 * calls of constants bound into the TB's factory, registers are written back before callbacks
 * that read them and reloaded after callbacks that may write them, and instrumented memory
 * accesses go through wrapper objects that fire memory operations after the access.
 *
 * @module
 */

import { CbFlags, Cond, InlineOp, MemRW } from "./api.ts";
import type { Hwaddr, MemInfo } from "./api.ts";
import type { ExecOp, MemOp } from "./core.ts";
import { RegAccess } from "./core.ts";
import type { MemOps } from "../accel/tcg/cputlb.ts";

/** Collects the values generated code refers to as `K0`, `K1`, ... */
export class ConstPool {
  readonly values: unknown[] = [];
  readonly #index = new Map<unknown, number>();
  /**
   * Local accumulators for inline ADDs: name -> `K<n>[index]` they flush into. A
   * read-modify-write of a typed-array element per instruction would chain every guest
   * instruction through memory (several ns each); a local add costs a cycle.
   */
  readonly accumulators = new Map<string, string>();

  /** The accumulator local for slot `index` of the array named `arr`. */
  accumulator(arr: string, index: number): string {
    const name = `$acc_${arr}_${index}`;
    this.accumulators.set(name, `${arr}[${index}]`);
    return name;
  }

  /** Statements adding every accumulator into its slot and zeroing it. */
  flushCode(): string {
    let s = "";
    for (const [name, target] of this.accumulators) s += ` ${target} += ${name}; ${name} = 0;`;
    return s;
  }

  /** Declarations of the accumulators (at TB entry). */
  declCode(): string {
    return this.accumulators.size
      ? "let " + [...this.accumulators.keys()].map((n) => `${n} = 0`).join(", ") + ";"
      : "";
  }

  /** The name of a constant holding `v` (deduplicated). */
  ref(v: unknown): string {
    let i = this.#index.get(v);
    if (i === undefined) {
      i = this.values.push(v) - 1;
      this.#index.set(v, i);
    }
    return `K${i}`;
  }

  /** Factory preamble binding every constant to a local. */
  preamble(): string {
    return this.values.length
      ? "const " + this.values.map((_, i) => `K${i} = $K[${i}]`).join(", ") + ";"
      : "";
  }
}

const COND_OPS: Record<number, string> = {
  [Cond.EQ]: "===",
  [Cond.NE]: "!==",
  [Cond.LT]: "<",
  [Cond.LE]: "<=",
  [Cond.GT]: ">",
  [Cond.GE]: ">=",
};

/**
 * Code for the execution-time operations `ops` before the instruction at `pc` (index `i` of
 * `n` in its TB). Returns the lines and whether they may throw (callbacks).
 */
export function execOpsCode(
  pool: ConstPool,
  ops: readonly ExecOp[],
  pc: number,
  i: number,
  n: number,
): { lines: string[]; mayFault: boolean } {
  const lines: string[] = [];
  let mayFault = false;
  for (const op of ops) {
    if (op.plugin.removed) continue;
    if (op.kind === "inline") {
      const arr = pool.ref(op.entry.score.data);
      const idx = op.entry.index(0);
      const acc = pool.accumulator(arr, idx);
      lines.push(
        op.op === InlineOp.ADD_U64
          ? `${acc} += ${op.imm};`
          : `${acc} = 0; ${arr}[${idx}] = ${op.imm};`,
      );
      continue;
    }
    if (op.kind === "cond" && op.cond === Cond.NEVER) continue;
    mayFault = true;
    // Callbacks and conditions see every inline update registered before them.
    lines.push("/*FLUSHACC*/");
    const call = callbackCode(pool, op.plugin.guard2(op.fn), op.udata, op.flags, pc, i, n);
    if (op.kind === "cond" && op.cond !== Cond.ALWAYS) {
      const arr = pool.ref(op.entry.score.data);
      lines.push(`if (${arr}[${op.entry.index(0)}] ${COND_OPS[op.cond]} ${op.imm}) {`);
      lines.push(...call.map((l) => "  " + l));
      lines.push("}");
    } else {
      lines.push(...call);
    }
  }
  return { lines, mayFault };
}

function callbackCode(
  pool: ConstPool,
  fn: unknown,
  udata: unknown,
  flags: CbFlags,
  pc: number,
  i: number,
  n: number,
): string[] {
  const f = pool.ref(fn);
  const u = udata === undefined ? "undefined" : pool.ref(udata);
  const call = `${f}(cpu.index, ${u});`;
  const ctx = RegAccess.EXEC_CB | flags;
  // Even NO_REGS callbacks record their context, so that register access is refused there.
  if (flags === CbFlags.NO_REGS) return [`cpu.pluginFlags = ${ctx};`, call, "cpu.pluginFlags = 0;"];
  const lines = [
    `/*SYNC*/ R[15] = ${pc}; cpu.pluginFlags = ${ctx};`,
    call,
    "cpu.pluginFlags = 0;",
  ];
  if (flags >= CbFlags.RW_REGS) {
    // Registers may have changed: reload; a change of CPU state ends the TB here.
    lines.push("/*RELOAD*/");
    lines.push(
      `if (cpu.exitRequest !== 0) { /*WB*/ cpu.icountExtra += ${i - n}; R[15] = ${pc}; return 2; }`,
    );
  }
  return lines;
}

/** Resolves the physical side of an access for `MemInfo.hwaddr()`. */
export type HwaddrResolver = (vaddr: number, isStore: boolean) => Hwaddr | null;

/** The mutable MemInfo handed to memory callbacks (valid only during the callback). */
class MemInfoImpl implements MemInfo {
  sizeShift = 0;
  signExtended = false;
  bigEndian = false;
  isStore = false;
  value = 0;
  vaddr = 0;
  readonly #resolve: HwaddrResolver;

  constructor(resolve: HwaddrResolver) {
    this.#resolve = resolve;
  }

  hwaddr(): Hwaddr | null {
    return this.#resolve(this.vaddr, this.isStore);
  }
}

/** Runs the operations that follow one access (address, raw value, size shift, signed). */
type Fire = (a: number, v: number, shift: number, signed: boolean) => void;

/** Where memory callbacks record their register-access context (the ArmCpu). */
export interface PluginCpuContext {
  /** `RegAccess` context of the plugin code running now. */
  pluginFlags: number;
}

/**
 * Memory access functions that perform the access with `base` and then run `ops` (inline
 * operations and callbacks, filtered by direction). A faulting access fires nothing.
 * Callbacks run with `cpu.pluginFlags` set to their context (reads allowed with R_REGS and
 * up; `setPc` with RW_REGS_PC; register writes refused). With `bigEndian` (CPSR.E, fixed per
 * TB) halfword and word accesses are reported big-endian, with the value as the guest sees it.
 */
export function instrumentedMemOps(
  base: MemOps,
  ops: readonly MemOp[],
  resolve: HwaddrResolver,
  cpu: PluginCpuContext = { pluginFlags: 0 },
  bigEndian = false,
): MemOps {
  const info = new MemInfoImpl(resolve);
  const live = ops.filter((o) => !o.plugin.removed);
  /** Fills `info` for a callback (the value as the guest sees it). */
  const fill = (a: number, v: number, shift: number, signed: boolean, store: boolean) => {
    info.sizeShift = shift;
    info.signExtended = signed;
    info.isStore = store;
    info.bigEndian = bigEndian && shift > 0;
    info.value = shift === 2 ? v >>> 0 : v & (shift === 1 ? 0xffff : 0xff);
    if (info.bigEndian) {
      // The raw access is little-endian: report the value the guest loads or stores.
      info.value = shift === 2
        ? ((v << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0
        : ((v & 0xff) << 8) | ((v >>> 8) & 0xff);
    }
    info.vaddr = a >>> 0;
  };
  /** What runs after an access in one direction, specialised for the common shapes. */
  const firer = (store: boolean): Fire | null => {
    const list = live.filter((o) => (o.rw & (store ? MemRW.W : MemRW.R)) !== 0);
    if (list.length === 0) return null;
    const only = list[0];
    if (list.length === 1 && only.kind === "cb") {
      // One callback: no loop, no wrapper (the guard's checks are done here).
      const { plugin, fn, udata } = only;
      const flags = RegAccess.MEM_CB | only.flags;
      return (a, v, shift, signed) => {
        if (plugin.removed) return;
        fill(a, v, shift, signed, store);
        cpu.pluginFlags = flags;
        try {
          fn(0, info, a >>> 0, udata);
        } catch (e) {
          plugin.fail(e);
        }
        cpu.pluginFlags = 0;
      };
    }
    if (list.every((o) => o.kind === "inline")) {
      const entries = list as Extract<MemOp, { kind: "inline" }>[];
      return () => {
        for (const o of entries) {
          const i = o.entry.index(0);
          if (o.op === InlineOp.ADD_U64) o.entry.score.data[i] += o.imm;
          else o.entry.score.data[i] = o.imm;
        }
      };
    }
    const cbs = list.map((o) => (o.kind === "cb" ? o.plugin.guard4(o.fn) : null));
    return (a, v, shift, signed) => {
      for (let k = 0; k < list.length; k++) {
        const o = list[k];
        if (o.kind === "inline") {
          const i = o.entry.index(0);
          if (o.op === InlineOp.ADD_U64) o.entry.score.data[i] += o.imm;
          else o.entry.score.data[i] = o.imm;
        } else {
          fill(a, v, shift, signed, store);
          cpu.pluginFlags = RegAccess.MEM_CB | o.flags;
          cbs[k]!(0, info, a >>> 0, o.udata);
          cpu.pluginFlags = 0;
        }
      }
    };
  };
  const onLoad = firer(false) ?? (() => {});
  const onStore = firer(true) ?? (() => {});
  return {
    ld8(a) {
      const v = base.ld8(a);
      onLoad(a, v, 0, false);
      return v;
    },
    ld8s(a) {
      const v = base.ld8s(a);
      onLoad(a, v, 0, true);
      return v;
    },
    ld16(a) {
      const v = base.ld16(a);
      onLoad(a, v, 1, false);
      return v;
    },
    ld16s(a) {
      const v = base.ld16s(a);
      onLoad(a, v, 1, true);
      return v;
    },
    ld32(a) {
      const v = base.ld32(a);
      onLoad(a, v, 2, false);
      return v;
    },
    st8(a, v) {
      base.st8(a, v);
      onStore(a, v, 0, false);
    },
    st16(a, v) {
      base.st16(a, v);
      onStore(a, v, 1, false);
    },
    st32(a, v) {
      base.st32(a, v);
      onStore(a, v, 2, false);
    },
  };
}

/** Whether any memory op needs registers (the instruction then syncs them first). */
export function memOpsReadRegs(ops: readonly MemOp[]): boolean {
  return ops.some((o) => o.kind === "cb" && o.flags !== CbFlags.NO_REGS);
}
