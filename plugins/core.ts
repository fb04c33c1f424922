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

  constructor(id: number, name: string, path: string) {
    this.id = id;
    this.name = name;
    this.path = path;
  }

  /** Drops every callback (QEMU's reset). */
  clearCallbacks(): void {
    this.vcpuInit = [];
    this.vcpuExit = [];
    this.vcpuIdle = [];
    this.vcpuResume = [];
    this.discon = [];
    this.tbTrans = [];
    this.flush = [];
  }

  /** Runs `f` and attributes a throw to this plugin (setPc requests pass through). */
  fail(e: unknown): never {
    if (e instanceof SetPcRequest) throw e;
    throw new PluginError(this, e);
  }

  /** Wraps a two-argument callback so that a throw is attributed to this plugin. */
  guard2<A, B>(fn: (a: A, b: B) => void): (a: A, b: B) => void {
    return (a, b) => {
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
      try {
        fn(a, b, c, d);
      } catch (e) {
        this.fail(e);
      }
    };
  }
}
