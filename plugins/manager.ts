/**
 * The plugin manager of a machine: implements `PluginApi` for each loaded plugin, runs the
 * TB-translation callbacks to collect instrumentation, dispatches vCPU events, and carries out
 * uninstall/reset at a safe point between TBs.
 *
 * @module
 */

import type {
  CbFlags,
  Cond,
  DisconCallback,
  Hwaddr,
  InlineOp,
  MemCallback,
  MemRW,
  PluginApi,
  PluginInsn,
  PluginTb,
  RegisterDescriptor,
  Scoreboard,
  ScoreboardU64,
  TimeControl,
  VcpuCallback,
} from "./api.ts";
import { DisconType, HwaddrResult } from "./api.ts";
import { canReadRegs, canSetPc, canWriteRegs, Plugin, RegAccess, SetPcRequest } from "./core.ts";
import type { InsnInstrumentation } from "./core.ts";
import { ScoreboardImpl } from "./scoreboard.ts";
import type { ScoreboardU64Impl } from "./scoreboard.ts";
import type { Log } from "../util/log.ts";
import { disassemble, disassemblerReady } from "../cpu/arm/disas.ts";
import { readRegisterBytes, REGISTER_NAMES, writeRegisterBytes } from "./registers.ts";
import { ExitRequest } from "../cpu/arm/exception.ts";

/** What the manager needs from the machine. */
export interface PluginHost {
  /** Number of vCPUs. */
  numVcpus: number;
  /** The CPU (one for now). */
  cpu: import("../cpu/arm/cpu.ts").ArmCpu;
  /** Virtual to physical for the current vCPU, without side effects; null if unmapped. */
  translateVaddr(vaddr: number, isStore: boolean): number | null;
  /** Physical memory access. */
  readPhys(addr: number, len: number): { ok: boolean; bytes: Uint8Array };
  writePhys(addr: number, bytes: Uint8Array): boolean;
  /** The region at a physical address. */
  describePhys(
    pa: number,
  ): { isIo: boolean; name: string; offset: number; register: string | null } | null;
  /** Symbol at an address (from the ELF), or null. */
  symbol(addr: number): string | null;
  /** Drops all translations (then the manager runs flush callbacks). */
  flushTbs(): void;
  /** Moves virtual time forward to `ns`. */
  setTimeNs(ns: number): void;
}

/** Instruction record seen by TB-translation callbacks. */
export interface TbInsnInfo {
  vaddr: number;
  phys: number;
  bytes: Uint8Array;
  thumb: boolean;
}

function parseBool(value: string): boolean | undefined {
  switch (value) {
    case "on":
    case "yes":
    case "true":
      return true;
    case "off":
    case "no":
    case "false":
      return false;
    default:
      return undefined;
  }
}

/** The plugins of one machine. */
export class PluginManager {
  readonly plugins: Plugin[] = [];
  readonly log: Log;
  host: PluginHost | null = null;
  /** Work to do at the next safe point (uninstall/reset). */
  #pending: (() => void)[] = [];
  #timeOwner: Plugin | null = null;
  /** Failures reported (one line each). */
  readonly reports: string[] = [];

  constructor(log: Log) {
    this.log = log;
  }

  /** Whether any plugin wants to see translations. */
  get instrumenting(): boolean {
    return this.plugins.some((p) => !p.removed && p.tbTrans.length > 0);
  }

  /** Whether safe-point work is pending (the run loop calls `runPending`). */
  get hasPending(): boolean {
    return this.#pending.length > 0;
  }

  /** Creates a plugin record and its API object. */
  create(name: string, path: string): { plugin: Plugin; api: PluginApi } {
    const plugin = new Plugin(this.plugins.length, name, path);
    plugin.onFail = (p, err) => {
      this.fail(p, err);
      // Stop at the end of the running TB: the flush drops the plugin's instrumentation.
      if (this.host) this.host.cpu.exitRequest = 1;
    };
    this.plugins.push(plugin);
    return { plugin, api: this.#api(plugin) };
  }

  /** Runs queued uninstall/reset work (between TBs, all vCPUs quiescent). */
  runPending(): void {
    const work = this.#pending;
    this.#pending = [];
    this.host?.flushTbs();
    this.#event("flush");
    for (const w of work) w();
  }

  /** Reports a plugin failure once and unloads it. */
  fail(plugin: Plugin, err: unknown): void {
    if (!plugin.failed) {
      plugin.failed = true;
      const msg = err instanceof Error ? err.message : String(err);
      const line = `tsemu: plugin ${plugin.name}: ${msg} (plugin unloaded)`;
      this.reports.push(line);
      console.error(line);
    }
    plugin.removed = true;
    plugin.clearCallbacks();
    plugin.atexit = [];
    this.#pending.push(() => {});
  }

  /** vCPU lifecycle events. */
  vcpuInit(vcpu: number): void {
    this.#vcpuEvent("vcpuInit", vcpu);
  }
  vcpuExit(vcpu: number): void {
    this.#vcpuEvent("vcpuExit", vcpu);
  }
  vcpuIdle(vcpu: number): void {
    this.#vcpuEvent("vcpuIdle", vcpu);
  }
  vcpuResume(vcpu: number): void {
    this.#vcpuEvent("vcpuResume", vcpu);
  }

  /** A discontinuity: exception, interrupt or host call. */
  discon(vcpu: number, type: DisconType, from: number, to: number): void {
    for (const p of this.plugins) {
      if (p.removed) continue;
      for (const [mask, cb, u] of p.discon) {
        if (mask & type) this.#call(p, () => cb(vcpu, type, from >>> 0, to >>> 0, u));
      }
    }
  }

  /** Whether some plugin listens for discontinuities. */
  get wantsDiscon(): boolean {
    return this.plugins.some((p) => !p.removed && p.discon.length > 0);
  }

  /** Runs the atexit callbacks (once); they may not access registers. */
  atexit(): void {
    this.#withoutRegs(() => {
      for (const p of this.plugins) {
        const cbs = p.atexit;
        p.atexit = [];
        for (const [cb, u] of cbs) this.#call(p, () => cb(u));
      }
    });
  }

  #event(kind: "flush"): void {
    this.#withoutRegs(() => {
      for (const p of this.plugins) {
        if (p.removed) continue;
        for (const [cb, u] of p[kind]) this.#call(p, () => cb(u));
      }
    });
  }

  /** Runs `f` with register access refused (atexit and flush callbacks, as in QEMU). */
  #withoutRegs(f: () => void): void {
    const cpu = this.host?.cpu;
    if (cpu) cpu.pluginFlags = RegAccess.NONE;
    try {
      f();
    } finally {
      if (cpu) cpu.pluginFlags = RegAccess.FREE;
    }
  }

  #vcpuEvent(kind: "vcpuInit" | "vcpuExit" | "vcpuIdle" | "vcpuResume", vcpu: number): void {
    for (const p of this.plugins) {
      if (p.removed) continue;
      for (const [cb, u] of p[kind]) this.#call(p, () => cb(vcpu, u));
    }
  }

  /** Calls plugin code outside translated code, unloading the plugin if it throws. */
  #call(p: Plugin, f: () => void): void {
    try {
      f();
    } catch (e) {
      if (e instanceof SetPcRequest) throw e;
      if (e instanceof ExitRequest) {
        // requestExit outside translated code: stop at the next TB boundary.
        this.#pending.push(() => {
          throw e;
        });
        if (this.host) this.host.cpu.exitRequest = 1;
        return;
      }
      this.fail(p, e);
    }
  }

  /**
   * Runs the TB-translation callbacks for a TB made of `insns`; returns the instrumentation per
   * instruction (TB-level operations come first in instruction 0's list), or null if none.
   */
  instrumentTb(insns: TbInsnInfo[]): InsnInstrumentation[] | null {
    const result: InsnInstrumentation[] = insns.map(() => ({ exec: [], mem: [] }));
    const tbOps: InsnInstrumentation = { exec: [], mem: [] };
    let any = false;
    for (const p of this.plugins) {
      if (p.removed || p.tbTrans.length === 0) continue;
      const live = { valid: true };
      const tb = this.#pluginTb(p, insns, result, tbOps, live);
      for (const [cb, u] of p.tbTrans) this.#call(p, () => cb(tb, u));
      live.valid = false;
    }
    for (const r of result) if (r.exec.length || r.mem.length) any = true;
    if (tbOps.exec.length) {
      result[0].exec.unshift(...tbOps.exec);
      any = true;
    }
    return any ? result : null;
  }

  #pluginTb(
    p: Plugin,
    insns: TbInsnInfo[],
    result: InsnInstrumentation[],
    tbOps: InsnInstrumentation,
    live: { valid: boolean },
  ): PluginTb {
    const host = () => this.host;
    // Handles are valid only during the TB-translation callback (as in QEMU).
    const add = <T>(list: T[], op: T): void => {
      if (!live.valid) throw new Error("TB/instruction handle used after its tb_trans callback");
      list.push(op);
    };
    const insnHandle = (i: number): PluginInsn => {
      const ins = insns[i];
      const rec = result[i];
      return {
        data: () => ins.bytes.slice(),
        size: ins.bytes.length,
        vaddr: ins.vaddr >>> 0,
        haddr: ins.phys >>> 0,
        disas: () => disasText(ins),
        symbol: () => host()?.symbol(ins.vaddr) ?? null,
        registerExecCb: <U>(fn: VcpuCallback<U>, flags: CbFlags, udata?: U) =>
          add(rec.exec, { kind: "cb", plugin: p, fn: fn as VcpuCallback, flags, udata }),
        registerExecCondCb: <U>(
          fn: VcpuCallback<U>,
          flags: CbFlags,
          cond: Cond,
          entry: ScoreboardU64,
          imm: number,
          udata?: U,
        ) =>
          add(rec.exec, {
            kind: "cond",
            plugin: p,
            fn: fn as VcpuCallback,
            flags,
            udata,
            cond,
            entry: entry as ScoreboardU64Impl,
            imm,
          }),
        registerExecInline: (op: InlineOp, entry: ScoreboardU64, imm: number) =>
          add(rec.exec, { kind: "inline", plugin: p, op, entry: entry as ScoreboardU64Impl, imm }),
        registerMemCb: <U>(fn: MemCallback<U>, flags: CbFlags, rw: MemRW, udata?: U) =>
          add(rec.mem, { kind: "cb", plugin: p, fn: fn as MemCallback, flags, rw, udata }),
        registerMemInline: (rw: MemRW, op: InlineOp, entry: ScoreboardU64, imm: number) =>
          add(rec.mem, {
            kind: "inline",
            plugin: p,
            rw,
            op,
            entry: entry as ScoreboardU64Impl,
            imm,
          }),
      };
    };
    return {
      nInsns: insns.length,
      vaddr: insns[0].vaddr >>> 0,
      insn: (
        i: number,
      ) => (Number.isInteger(i) && i >= 0 && i < insns.length ? insnHandle(i) : null),
      registerExecCb: <U>(fn: VcpuCallback<U>, flags: CbFlags, udata?: U) =>
        add(tbOps.exec, { kind: "cb", plugin: p, fn: fn as VcpuCallback, flags, udata }),
      registerExecCondCb: <U>(
        fn: VcpuCallback<U>,
        flags: CbFlags,
        cond: Cond,
        entry: ScoreboardU64,
        imm: number,
        udata?: U,
      ) =>
        add(tbOps.exec, {
          kind: "cond",
          plugin: p,
          fn: fn as VcpuCallback,
          flags,
          udata,
          cond,
          entry: entry as ScoreboardU64Impl,
          imm,
        }),
      registerExecInline: (op: InlineOp, entry: ScoreboardU64, imm: number) =>
        add(tbOps.exec, { kind: "inline", plugin: p, op, entry: entry as ScoreboardU64Impl, imm }),
    };
  }

  /** The physical side of an access, for `MemInfo.hwaddr()`. */
  resolveHwaddr(vaddr: number, isStore: boolean): Hwaddr | null {
    const h = this.host;
    if (!h) return null;
    const pa = h.translateVaddr(vaddr, isStore);
    if (pa === null) return null;
    const d = h.describePhys(pa);
    if (!d) return null;
    return {
      isIo: d.isIo,
      physAddr: pa >>> 0,
      deviceName: d.name,
      deviceOffset: d.offset,
      registerName: d.register,
    };
  }

  #api(p: Plugin): PluginApi {
    // deno-lint-ignore no-this-alias
    const m = this;
    const host = () => {
      if (!m.host) throw new Error("no machine attached");
      return m.host;
    };
    const api: PluginApi = {
      id: p.id,
      name: p.name,
      outs(text: string) {
        m.log.log("plugin", text);
      },
      boolParse: (_name: string, value: string) => parseBool(value),
      numVcpus: () => m.host?.numVcpus ?? 1,
      onVcpuInit: <U>(cb: VcpuCallback<U>, u?: U) => void p.vcpuInit.push([cb as VcpuCallback, u]),
      onVcpuExit: <U>(cb: VcpuCallback<U>, u?: U) => void p.vcpuExit.push([cb as VcpuCallback, u]),
      onVcpuIdle: <U>(cb: VcpuCallback<U>, u?: U) => void p.vcpuIdle.push([cb as VcpuCallback, u]),
      onVcpuResume: <U>(cb: VcpuCallback<U>, u?: U) =>
        void p.vcpuResume.push([cb as VcpuCallback, u]),
      onVcpuDiscon: <U>(type: DisconType, cb: DisconCallback<U>, u?: U) =>
        void p.discon.push([type, cb as DisconCallback, u]),
      onTbTrans: <U>(cb: (tb: PluginTb, u: U) => void, u?: U) =>
        void p.tbTrans.push([cb as (tb: PluginTb, u: unknown) => void, u]),
      onFlush: <U>(cb: (u: U) => void, u?: U) => void p.flush.push([cb as (u: unknown) => void, u]),
      onExit: <U>(cb: (u: U) => void, u?: U) => void p.atexit.push([cb as (u: unknown) => void, u]),
      vcpuForEach: <U>(cb: VcpuCallback<U>, u?: U) => {
        for (let v = 0; v < (m.host?.numVcpus ?? 1); v++) cb(v, u as U);
      },
      uninstall(done?: () => void) {
        m.#pending.push(() => {
          p.removed = true;
          p.clearCallbacks();
          p.atexit = [];
          done?.();
        });
        if (m.host) m.host.cpu.exitRequest = 1;
      },
      reset(done?: () => void) {
        m.#pending.push(() => {
          p.clearCallbacks();
          done?.();
        });
        if (m.host) m.host.cpu.exitRequest = 1;
      },
      scoreboardNew: (entries = 1): Scoreboard =>
        new ScoreboardImpl(m.host?.numVcpus ?? 1, entries),
      getRegisters: (): RegisterDescriptor[] =>
        REGISTER_NAMES.map((name, handle) => ({
          handle,
          name,
          feature: "org.gnu.gdb.arm.core",
          isReadonly: name === "pc",
        })),
      readRegister(handle: number) {
        const cpu = host().cpu;
        if (!canReadRegs(cpu.pluginFlags)) return null;
        return readRegisterBytes(cpu, handle);
      },
      writeRegister(handle: number, bytes: Uint8Array) {
        const cpu = host().cpu;
        if (!canWriteRegs(cpu.pluginFlags)) return false;
        return writeRegisterBytes(cpu, handle, bytes);
      },
      requestExit(status: number): never {
        throw new ExitRequest("quit", status | 0);
      },
      setPc(pc: number): never {
        if (!canSetPc(host().cpu.pluginFlags)) {
          throw new Error("setPc: only allowed in callbacks registered with RW_REGS_PC");
        }
        throw new SetPcRequest(pc | 0);
      },
      readMemoryVaddr(addr: number, len: number) {
        const out = new Uint8Array(len);
        for (let i = 0; i < len; i++) {
          const pa = host().translateVaddr((addr + i) >>> 0, false);
          if (pa === null) return null;
          const r = host().readPhys(pa, 1);
          if (!r.ok) return null;
          out[i] = r.bytes[0];
        }
        return out;
      },
      writeMemoryVaddr(addr: number, bytes: Uint8Array) {
        for (let i = 0; i < bytes.length; i++) {
          const pa = host().translateVaddr((addr + i) >>> 0, true);
          if (pa === null || !host().writePhys(pa, bytes.subarray(i, i + 1))) return false;
        }
        return true;
      },
      readMemoryHwaddr(addr: number, len: number) {
        const r = host().readPhys(addr >>> 0, len);
        return { result: r.ok ? HwaddrResult.OK : HwaddrResult.INVALID_ADDRESS, bytes: r.bytes };
      },
      writeMemoryHwaddr(addr: number, bytes: Uint8Array) {
        return host().writePhys(addr >>> 0, bytes) ? HwaddrResult.OK : HwaddrResult.INVALID_ADDRESS;
      },
      translateVaddr: (vaddr: number) => host().translateVaddr(vaddr >>> 0, false),
      requestTimeControl(): TimeControl | null {
        if (m.#timeOwner !== null) return null;
        m.#timeOwner = p;
        return { updateNs: (ns: number) => host().setTimeNs(ns) };
      },
    };
    return api;
  }
}

function disasText(ins: TbInsnInfo): string {
  if (!disassemblerReady()) {
    return `.word 0x${
      Array.from(ins.bytes).reverse().map((b) => b.toString(16).padStart(2, "0")).join("")
    }`;
  }
  const d = disassemble(ins.bytes, ins.vaddr >>> 0, ins.thumb)[0];
  return d ? (d.opStr ? `${d.mnemonic} ${d.opStr}` : d.mnemonic) : ".word";
}

export { DisconType };
