/**
 * Plugin bookkeeping (QEMU's plugins/core.c): the loaded plugins, their callbacks, and the
 * instrumentation that TB-translation callbacks request, which `plugin-gen.ts` turns into code.
 *
 * @module
 */

import type {
  CbFlags,
  Cond,
  DisconCallback,
  DisconType,
  InlineOp,
  MemCallback,
  MemRW,
  PluginTb,
  VcpuCallback,
} from "./api.ts";
import type { ScoreboardU64Impl } from "./scoreboard.ts";
import { ExitRequest } from "../cpu/arm/exception.ts";

/**
 * What plugin code running now may do with the CPU registers, kept in `cpu.pluginFlags`
 * (QEMU's `plugin_cb_flags` enforcement): 0 outside instrumentation callbacks (vCPU init,
 * exit, idle, resume, discontinuity: read and write), an exec or memory callback's context
 * ORed with its CbFlags, or NONE (atexit and flush callbacks: no access).
 */
export const enum RegAccess {
  /** Outside instrumentation callbacks: registers may be read and written. */
  FREE = 0,
  /** Inside a TB or instruction callback; the low bits are its CbFlags. */
  EXEC_CB = 0x10,
  /** Inside a memory callback; the low bits are its CbFlags (writes are refused). */
  MEM_CB = 0x20,
  /** atexit and flush callbacks: no register access. */
  NONE = 0x40,
}

/** Whether `ctx` (a `cpu.pluginFlags` value) allows reading registers. */
export function canReadRegs(ctx: number): boolean {
  return ctx === RegAccess.FREE || ((ctx & 0x30) !== 0 && (ctx & 3) >= 1);
}

/** Whether `ctx` allows writing registers (RW_REGS or RW_REGS_PC exec callbacks). */
export function canWriteRegs(ctx: number): boolean {
  return ctx === RegAccess.FREE || ((ctx & RegAccess.EXEC_CB) !== 0 && (ctx & 3) >= 2);
}

/** Whether `ctx` allows `setPc` (exec or memory callbacks registered with RW_REGS_PC). */
export function canSetPc(ctx: number): boolean {
  return (ctx & 0x30) !== 0 && (ctx & 3) === 3;
}

/** Thrown (wrapped) when a plugin callback throws: the run loop reports and unloads it. */
export class PluginError extends Error {
  /** The plugin that threw. */
  readonly plugin: Plugin;
  /** What it threw. */
  readonly original: unknown;

  constructor(plugin: Plugin, original: unknown) {
    super(
      `plugin ${plugin.name}: ${original instanceof Error ? original.message : String(original)}`,
    );
    this.plugin = plugin;
    this.original = original;
  }
}

/** Thrown by `setPc` from a callback: the run loop continues at `pc`. */
export class SetPcRequest {
  readonly pc: number;
  constructor(pc: number) {
    this.pc = pc;
  }
}

/** An execution-time operation attached to a TB or an instruction. */
export type ExecOp =
  | { kind: "cb"; plugin: Plugin; fn: VcpuCallback; flags: CbFlags; udata: unknown }
  | {
    kind: "cond";
    plugin: Plugin;
    fn: VcpuCallback;
    flags: CbFlags;
    udata: unknown;
    cond: Cond;
    entry: ScoreboardU64Impl;
    imm: number;
  }
  | { kind: "inline"; plugin: Plugin; op: InlineOp; entry: ScoreboardU64Impl; imm: number };

/** A memory-time operation attached to an instruction. */
export type MemOp =
  | { kind: "cb"; plugin: Plugin; fn: MemCallback; flags: CbFlags; rw: MemRW; udata: unknown }
  | {
    kind: "inline";
    plugin: Plugin;
    rw: MemRW;
    op: InlineOp;
    entry: ScoreboardU64Impl;
    imm: number;
  };

/** Instrumentation of one instruction. */
export interface InsnInstrumentation {
  exec: ExecOp[];
  mem: MemOp[];
}

/** A loaded plugin. */
export class Plugin {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  /** Callbacks by event. */
  vcpuInit: [VcpuCallback, unknown][] = [];
  vcpuExit: [VcpuCallback, unknown][] = [];
  vcpuIdle: [VcpuCallback, unknown][] = [];
  vcpuResume: [VcpuCallback, unknown][] = [];
  discon: [DisconType, DisconCallback, unknown][] = [];
  tbTrans: [(tb: PluginTb, u: unknown) => void, unknown][] = [];
  flush: [(u: unknown) => void, unknown][] = [];
  atexit: [(u: unknown) => void, unknown][] = [];
  /** Set once uninstalled: no callback of it runs any more. */
  removed = false;
  /** Reported a failure already. */
  failed = false;
  /**
   * Where a callback's failure goes (set by the manager: report, unload, and make the run loop
   * stop at the end of the current TB). Without it the failure is thrown as a PluginError.
   */
  onFail: ((plugin: Plugin, err: unknown) => void) | null = null;

  constructor(id: number, name: string, path: string) {
    this.id = id;
    this.name = name;
    this.path = path;
  }

  /** Drops every callback, atexit included (QEMU's reset unregisters every event). */
  clearCallbacks(): void {
    this.atexit = [];
    this.vcpuInit = [];
    this.vcpuExit = [];
    this.vcpuIdle = [];
    this.vcpuResume = [];
    this.discon = [];
    this.tbTrans = [];
    this.flush = [];
  }

  /**
   * Attributes a throw from one of this plugin's callbacks to it: setPc requests pass through;
   * other errors go to `onFail` (the callback then returns normally, so the instruction and
   * other plugins' callbacks are not run twice), or are thrown as a PluginError.
   */
  fail(e: unknown): void {
    if (e instanceof SetPcRequest || e instanceof ExitRequest) throw e; // requestExit too
    if (this.onFail) this.onFail(this, e);
    else throw new PluginError(this, e);
  }

  /**
   * Wraps a two-argument callback so that a throw is attributed to this plugin; once the
   * plugin is unloaded, callbacks still planted in the running TB do nothing.
   */
  guard2<A, B>(fn: (a: A, b: B) => void): (a: A, b: B) => void {
    return (a, b) => {
      if (this.removed) return;
      try {
        fn(a, b);
      } catch (e) {
        this.fail(e);
      }
    };
  }

  /** Wraps a four-argument callback likewise (memory callbacks). */
  guard4<A, B, C, D>(fn: (a: A, b: B, c: C, d: D) => void): (a: A, b: B, c: C, d: D) => void {
    return (a, b, c, d) => {
      if (this.removed) return;
      try {
        fn(a, b, c, d);
      } catch (e) {
        this.fail(e);
      }
    };
  }
}
