/**
 * The vCPU execution loop (QEMU's accel/tcg/cpu-exec.c): find or translate the TB for the
 * current pc and flags, run it, follow chained successors, and between TBs take interrupts
 * and exceptions, honour WFI and exit requests, and keep the instruction count.
 *
 * @module
 */

import type { ArmCpu } from "../../cpu/arm/cpu.ts";
import { CPSR_E, Mode } from "../../cpu/arm/cpu.ts";
import { DisasContext } from "../../cpu/arm/disas-context.ts";
import { Excp, ExitRequest, GuestException } from "../../cpu/arm/exception.ts";
import { TTBCR_EAE } from "../../cpu/arm/cp15.ts";
import { FSR_ALIGNMENT } from "../../cpu/arm/mmu.ts";
import { H } from "../../cpu/arm/helpers.ts";
import { MmuIdx } from "../../cpu/arm/mmu.ts";
import { condExpr, MAX_INSNS_PER_TB, translateA32 } from "../../cpu/arm/translate-a32.ts";
import type { CodeReader } from "../../cpu/arm/translate-a32.ts";
import { registerA32Groups } from "../../cpu/arm/a32.ts";
import { registerThumbGroups, translateThumb } from "../../cpu/arm/translate-thumb.ts";
import { generateTbSource } from "./codegen.ts";
import type { InsnCode } from "./codegen.ts";
import {
  ConstPool,
  execOpsCode,
  instrumentedMemOps,
  memOpsReadRegs,
} from "../../plugins/plugin-gen.ts";
import type { PluginManager } from "../../plugins/manager.ts";
import { PluginError, SetPcRequest } from "../../plugins/core.ts";
import { DisconType } from "../../plugins/api.ts";
import type { CpuTlb } from "./cputlb.ts";
import { PAGE_BITS } from "./cputlb.ts";
import { TbCache, TranslationBlock } from "./tb.ts";
import type { TbFunction } from "./tb.ts";
import type { VirtualClock } from "../../util/qemu-timer.ts";
import type { Log } from "../../util/log.ts";
import { formatInAsm, logExec, traceCflags } from "./exec-log.ts";

registerA32Groups();
registerThumbGroups();

/** Whether an A32 word is HVC (any condition but 1111). */
function isHvc(word: number): boolean {
  return (word & 0x0ff000f0) === 0x01400070 && (word >>> 28) !== 0xf;
}

/** Condition check on the CPU's flags after a TB ran (for a conditional HVC). */
type CondCheck = (nf: number, zf: number, cf: number, vf: number) => boolean;

/** Long-descriptor FSR of an alignment fault (the LPAE bit and FSC 0x21). */
const FSR_LPAE_ALIGNMENT = (1 << 9) | 0x21;

/** Why `execute` returned. */
export type ExecStop = "budget" | "halted" | ExitRequest;

/** Hooks the board and plugins attach to the loop. */
export interface ExecHooks {
  /** Called between slices to poll devices (chardev input). */
  poll?(): void;
}

/** TB flags: what translation depends on. */
export function cpuFlags(cpu: ArmCpu): number {
  return (cpu.uncachedCpsr & 0x1f) | (cpu.thumb << 5) | (cpu.condexec << 8) |
    ((cpu.uncachedCpsr & CPSR_E) << 7);
}

/** The execution engine of one vCPU. */
export class CpuExec {
  readonly cpu: ArmCpu;
  readonly tlb: CpuTlb;
  readonly tbs: TbCache = new TbCache();
  readonly clock: VirtualClock;
  readonly log: Log;
  /** Guest instructions executed. */
  icount = 0;
  /** Chaining disabled (`-d nochain`). */
  noChain = false;
  /** One guest instruction per TB (`-singlestep`); set before the first TB is translated. */
  singleStep = false;
  /** Number of exceptions and interrupts taken. */
  exceptions = 0;
  /** Loaded plugins, or null. */
  plugins: PluginManager | null = null;
  readonly #reader: CodeReader;
  /** TBs that end with an HVC: its address and condition (PSCI host calls for plugins). */
  readonly #hvcTbs = new WeakMap<TranslationBlock, { pc: number; cond: CondCheck | null }>();
  #kicked = false;
  #fetchIdx: MmuIdx = MmuIdx.KERNEL;
  /**
   * Thumb TBs whose (only) instruction continues on the next page: the physical page of that
   * second half, which the TB cache does not know about (lookups check it; writes to it
   * invalidate them), and those TBs by that page.
   */
  readonly #page2Of = new WeakMap<TranslationBlock, number>();
  readonly #page2Tbs = new Map<number, TranslationBlock[]>();

  /** Creates the loop for `cpu`. */
  constructor(cpu: ArmCpu, tlb: CpuTlb, clock: VirtualClock, log: Log) {
    this.cpu = cpu;
    this.tlb = tlb;
    // A TLB flush may change what a virtual pc maps to: forget TBs found by virtual pc.
    tlb.onFlush = () => this.tbs.flushJumpCache();
    this.clock = clock;
    this.log = log;
    this.noChain = log.on("nochain");
    this.#reader = {
      read32: (va) => this.tlb.fetch32(this.tlb.fetchPhys(va, this.#fetchIdx), va),
      read16: (va) => this.tlb.fetch16(this.tlb.fetchPhys(va, this.#fetchIdx), va),
    };
  }

  /**
   * A write hit physical bytes [pa, pa + len) of a page holding code: invalidates the TBs
   * that cover them (self-modifying code). The page stops being a code page once it holds
   * no TB, so plain data writes to it get the fast path again.
   */
  invalidateCode(pa: number, len: number): void {
    const page = pa >>> PAGE_BITS;
    if (this.tbs.invalidateRange(pa, len) > 0) this.cpu.exitRequest = 1;
    const straddlers = this.#page2Tbs.get(page);
    // A straddling instruction has its second halfword at offset 0 of the page.
    if (straddlers && (pa & ((1 << PAGE_BITS) - 1)) < 2) {
      for (const tb of straddlers) {
        if (tb.valid && this.tbs.invalidateRange(tb.phys, 1) > 0) this.cpu.exitRequest = 1;
      }
      this.#page2Tbs.delete(page);
    }
    if (!this.tbs.hasPage(page) && !this.#page2Tbs.has(page)) this.tlb.codePages[page] = 0;
  }

  /** Drops all translations (tb_flush). */
  flushTbs(): void {
    this.tbs.flush();
    this.#page2Tbs.clear();
    this.tlb.codePages.fill(0);
  }

  #mmuIdx(): MmuIdx {
    return (this.cpu.uncachedCpsr & 0x1f) === Mode.USR ? MmuIdx.USER : MmuIdx.KERNEL;
  }

  /** Finds or translates the TB at the current pc. */
  #findTb(): TranslationBlock {
    const cpu = this.cpu;
    const pc = cpu.r[15];
    const flags = cpuFlags(cpu);
    const hit = this.tbs.lookupJc(pc, flags);
    if (hit) return hit;
    const idx = this.#mmuIdx();
    if ((pc & 3) !== 0 && cpu.thumb === 0) return this.#pcAlignmentTb(pc, flags, idx);
    const phys = this.tlb.fetchPhys(pc, idx);
    const tb = this.tbs.lookup(pc, phys, flags);
    if (tb !== undefined) {
      const page2 = this.#page2Of.get(tb);
      if (page2 === undefined || this.tlb.fetchPhys((pc + 2) | 0, idx) >>> PAGE_BITS === page2) {
        return tb;
      }
      this.tbs.invalidateRange(tb.phys, 1); // the next page is mapped elsewhere now
    }
    return this.#translate(pc, phys, flags, idx);
  }

  /**
   * An interworking branch left an A32 pc with bit 1 set: as in QEMU, a one-instruction TB
   * (seen by `-d exec`, not cached) takes a PC alignment fault before anything is fetched.
   */
  #pcAlignmentTb(pc: number, flags: number, idx: MmuIdx): TranslationBlock {
    const fsr = this.cpu.cp15.ttbcr & TTBCR_EAE ? FSR_LPAE_ALIGNMENT : FSR_ALIGNMENT;
    const s = new DisasContext(pc, false, this.cpu.uncachedCpsr & 0x1f, idx);
    s.pc = pc;
    s.raise(Excp.PREFETCH_ABORT, fsr, pc);
    const insns: InsnCode[] = [{ pc, word: 0, cond: "", code: s.code, mayFault: true }];
    const { source, pcs } = generateTbSource(s, insns, "tb_pc_alignment");
    const fn = new Function("H", "M", "U", "$pcs", "$K", source)(H, null, null, pcs, []);
    return new TranslationBlock(pc, pc, flags, 1, 0, fn as TbFunction, [], pcs, source);
  }

  #translate(pc: number, phys: number, flags: number, idx: MmuIdx): TranslationBlock {
    const cpu = this.cpu;
    let s = new DisasContext(pc, cpu.thumb === 1, cpu.uncachedCpsr & 0x1f, idx);
    s.neon = cpu.hasNeon;
    s.bigEndian = (cpu.uncachedCpsr & CPSR_E) !== 0;
    s.condexec = cpu.condexec;
    this.#fetchIdx = idx;
    const translate = s.thumb ? translateThumb : translateA32;
    let insns = translate(s, this.#reader, this.singleStep ? 1 : MAX_INSNS_PER_TB);
    const pool = this.plugins?.instrumenting ? new ConstPool() : null;
    if (pool) {
      const r = this.#instrument(s, insns, pc, phys, idx, pool);
      s = r.s;
      insns = r.insns;
    }
    const name = "tb_" + (pc >>> 0).toString(16);
    const { source, pcs } = generateTbSource(
      s,
      insns,
      name,
      pool?.preamble() ?? "",
      pool ? { decl: pool.declCode(), flush: pool.flushCode() } : undefined,
    );
    const factory = new Function("H", "M", "U", "$pcs", "$K", source) as (
      h: typeof H,
      m: unknown,
      u: unknown,
      pcs: number[],
      k: unknown[],
    ) => TbFunction;
    const fn = factory(H, this.tlb.ops[idx], this.tlb.ops[MmuIdx.USER], pcs, pool?.values ?? []);
    const real = insns.filter((x) => !x.pseudo);
    const last = real[real.length - 1];
    const size = (last.pc - pc) + (last.size ?? 4);
    // A Thumb instruction may continue on the next page: the TB cache knows the first one.
    const inPage = Math.min(size, (1 << PAGE_BITS) - (pc & ((1 << PAGE_BITS) - 1)));
    const tb = new TranslationBlock(
      pc,
      phys,
      flags,
      real.length,
      inPage,
      fn,
      s.exitTargets,
      pcs,
      source,
    );
    for (const page of this.tbs.insert(tb)) this.tlb.protectCodePage(page << PAGE_BITS);
    if (inPage < size) {
      const page2 = this.tlb.fetchPhys((pc + inPage) | 0, idx) >>> PAGE_BITS;
      this.#page2Of.set(tb, page2);
      const list = this.#page2Tbs.get(page2);
      if (list) list.push(tb);
      else this.#page2Tbs.set(page2, [tb]);
      this.tlb.protectCodePage(page2 << PAGE_BITS);
    }
    if (!s.thumb && isHvc(last.word)) { // (Thumb HVC: not reported yet)
      const c = last.word >>> 28;
      const cond = c < 14
        ? new Function("NF", "ZF", "CF", "VF", `return ${condExpr(c)};`) as CondCheck
        : null;
      this.#hvcTbs.set(tb, { pc: last.pc, cond });
    }
    if (this.log.on("in_asm")) {
      this.log.write(formatInAsm(pc, size, cpu.thumb === 1, this.#reader));
    }
    return tb;
  }

  /**
   * Lets plugins instrument a freshly decoded TB: runs their TB-translation callbacks, and if
   * they watch memory accesses, translates the block again with instrumented access objects;
   * then attaches the execution-time code before each instruction.
   */
  #instrument(
    s: DisasContext,
    insns: InsnCode[],
    pc: number,
    phys: number,
    idx: MmuIdx,
    pool: ConstPool,
  ): { s: DisasContext; insns: InsnCode[] } {
    const plugins = this.plugins!;
    const thumb = s.thumb;
    const real = insns.filter((x) => !x.pseudo);
    const infos = real.map((x) => {
      const bytes = new Uint8Array(x.size ?? 4);
      const dv = new DataView(bytes.buffer);
      // Memory order: a 32-bit Thumb instruction is its first halfword, then the second.
      if (!thumb) dv.setUint32(0, x.word >>> 0, true);
      else if (bytes.length === 2) dv.setUint16(0, x.word, true);
      else {
        dv.setUint16(0, x.word >>> 16, true);
        dv.setUint16(2, x.word & 0xffff, true);
      }
      return { vaddr: x.pc, phys: (phys + (x.pc - pc)) >>> 0, bytes, thumb };
    });
    const instr = plugins.instrumentTb(infos);
    if (!instr) return { s, insns };
    if (instr.some((r) => r.mem.length > 0)) {
      const resolve = (va: number, st: boolean) => plugins.resolveHwaddr(va, st);
      const objs = instr.map((r) =>
        r.mem.length
          ? [
            pool.ref(instrumentedMemOps(this.tlb.ops[idx], r.mem, resolve, this.cpu, s.bigEndian)),
            pool.ref(
              instrumentedMemOps(this.tlb.ops[MmuIdx.USER], r.mem, resolve, this.cpu, s.bigEndian),
            ),
          ] as [string, string]
          : null
      );
      const s2 = new DisasContext(pc, s.thumb, s.mode, idx);
      s2.neon = s.neon;
      s2.bigEndian = s.bigEndian;
      s2.condexec = s.tbCondexec;
      const translate = s.thumb ? translateThumb : translateA32;
      insns = translate(s2, this.#reader, real.length, (i) => objs[i] ?? null);
      s = s2;
    }
    const n = real.length;
    for (let i = 0; i < n; i++) {
      const { lines, mayFault } = execOpsCode(pool, instr[i].exec, insns[i].pc, i, n);
      if (memOpsReadRegs(instr[i].mem)) lines.push(`/*SYNC*/ R[15] = ${insns[i].pc};`);
      if (lines.length) {
        insns[i].pre = lines;
        insns[i].preMayFault = mayFault;
      }
    }
    return { s, insns };
  }

  /**
   * Runs guest code for up to `budget` instructions. Returns "budget" when the slice is used
   * up, "halted" when the vCPU waits for an interrupt (WFI), or the ExitRequest that stopped it.
   */
  execute(budget: number): ExecStop {
    const cpu = this.cpu;
    const end = this.icount + budget;
    let tb: TranslationBlock | null = null;
    // A halted vCPU looks at its interrupt lines before running anything (WFI wake-up).
    if (cpu.halted) cpu.exitRequest = 1;
    // Looked up once per slice, not per TB (the run loop's per-TB cost bounds small-TB code).
    const logging = this.log.on("exec");
    const onePass = logging || this.singleStep;
    const hostcalls = this.plugins?.wantsDiscon ?? false;
    for (;;) {
      try {
        if (cpu.exitRequest !== 0) {
          cpu.exitRequest = 0;
          tb = null;
          if (this.plugins?.hasPending) this.plugins.runPending();
          if (this.#kicked) {
            // Something outside the CPU (an earlier timer deadline) needs the loop now.
            this.#kicked = false;
            cpu.exitRequest = 1; // still look at the interrupt lines when execution resumes
            return "budget";
          }
          if (this.#checkInterrupts()) continue;
          if (cpu.halted) {
            this.plugins?.vcpuIdle(cpu.index);
            return "halted";
          }
        }
        if (this.icount >= end) return "budget";
        if (tb === null) tb = this.#findTb();
        if (logging) this.#logExec(tb);
        // A self-looping TB may run up to the rest of the budget (in instructions), or one
        // pass per entry when every entry must be seen.
        const e = tb.fn(cpu, onePass ? 1 : end - this.icount);
        this.icount += tb.nInsns + cpu.icountExtra;
        cpu.icountExtra = 0;
        cpu.syncIcount = 0;
        if (e < 2) {
          let next: TranslationBlock | null = tb.jmp[e];
          if (next === null || !next.valid) {
            next = this.#findTb();
            // Chain only within the virtual page of the TB (as QEMU's goto_tb): a chained jump
            // skips the TLB, and another page may be remapped without this one changing.
            if (
              !this.noChain && next.flags === tb.flags &&
              ((next.pc ^ tb.pc) >>> PAGE_BITS) === 0 && !this.#page2Of.has(next)
            ) tb.jmp[e] = next;
          }
          tb = next;
        } else if (e !== 3) {
          if (hostcalls) this.#hostcallAfter(tb);
          tb = null;
        }
      } catch (err) {
        tb = null;
        if (err instanceof GuestException) {
          this.icount += cpu.faultIndex + cpu.icountExtra;
          cpu.icountExtra = 0;
          cpu.syncIcount = 0;
          cpu.faultIndex = 0;
          this.exceptions++;
          const from = cpu.r[15];
          cpu.enterException(err, from);
          if (this.plugins?.wantsDiscon) {
            this.plugins.discon(cpu.index, DisconType.EXCEPTION, from, cpu.r[15]);
          }
          continue;
        }
        if (err instanceof ExitRequest) {
          // Raised by a helper (PSCI SYSTEM_OFF/RESET): that instruction completed.
          this.icount += cpu.faultIndex + 1 + cpu.icountExtra;
          cpu.icountExtra = 0;
          cpu.syncIcount = 0;
          cpu.faultIndex = 0;
          if (this.plugins?.wantsDiscon && this.#hvcAt(cpu.r[15])) {
            this.plugins.discon(cpu.index, DisconType.HOSTCALL, cpu.r[15], (cpu.r[15] + 4) | 0);
          }
          return err;
        }
        if (err instanceof PluginError || err instanceof SetPcRequest) {
          // A plugin callback threw (it is unloaded) or moved the pc: the instructions before
          // the callback have run; the CPU state was written back by the TB.
          this.icount += cpu.faultIndex + cpu.icountExtra;
          cpu.icountExtra = 0;
          cpu.syncIcount = 0;
          cpu.faultIndex = 0;
          cpu.pluginFlags = 0;
          if (err instanceof SetPcRequest) cpu.r[15] = err.pc;
          else this.plugins?.fail(err.plugin, err.original);
          cpu.exitRequest = 1;
          continue;
        }
        throw err;
      }
    }
  }

  /**
   * Makes `execute` return to its caller at the next TB boundary (QEMU's qemu_cpu_kick):
   * used when a timer gets a deadline earlier than the running slice's end.
   */
  kick(): void {
    this.#kicked = true;
    this.cpu.exitRequest = 1;
  }

  /**
   * After `tb` took its dynamic exit: if it ended with an HVC that ran (a PSCI call, which
   * returns to the next instruction), reports the host call to plugins (QEMU reports PSCI
   * calls as HOSTCALL discontinuities: from = the HVC, to = the next instruction).
   */
  #hostcallAfter(tb: TranslationBlock): void {
    const hvc = this.#hvcTbs.get(tb);
    const cpu = this.cpu;
    if (hvc === undefined || cpu.r[15] !== ((hvc.pc + 4) | 0)) return;
    if (hvc.cond && !hvc.cond(cpu.NF, cpu.ZF, cpu.CF, cpu.VF)) return;
    this.plugins!.discon(cpu.index, DisconType.HOSTCALL, hvc.pc, cpu.r[15]);
  }

  /** Whether the A32 instruction at `pc` is an HVC (ExitRequest from a PSCI call). */
  #hvcAt(pc: number): boolean {
    if (this.cpu.thumb) return false;
    try {
      this.#fetchIdx = this.#mmuIdx();
      return isHvc(this.#reader.read32(pc));
    } catch {
      return false;
    }
  }

  /** Takes a pending unmasked interrupt; wakes from WFI on any pending one. */
  #checkInterrupts(): boolean {
    const cpu = this.cpu;
    if (cpu.halted && (cpu.irqLine || cpu.fiqLine) && cpu.powered) {
      cpu.halted = false;
      this.plugins?.vcpuResume(cpu.index);
    }
    if (cpu.halted) return false;
    const k = cpu.interruptPending();
    if (k === -1) return false;
    this.exceptions++;
    // The preferred return address is the next instruction to execute (cpu.r[15]).
    const from = cpu.r[15];
    cpu.enterException(new GuestException(k), from);
    if (this.plugins?.wantsDiscon) {
      this.plugins.discon(cpu.index, DisconType.INTERRUPT, from, cpu.r[15]);
    }
    return true;
  }

  #logExec(tb: TranslationBlock): void {
    const cflags = traceCflags(this.singleStep, this.noChain, this.clock.icountShift >= 0);
    logExec(this.log, this.cpu, tb, cflags);
  }
}

/** Register dump in QEMU's `-d cpu` layout (see accel/tcg/exec-log.ts). */
export { dumpCpu } from "./exec-log.ts";
