/**
 * ARMv7-A CPU state (QEMU's CPUARMState for AArch32): the visible registers, mode banking,
 * the CPSR split into QEMU-style flag words, SPSRs, and exception entry.
 *
 * Flags are kept as QEMU keeps them: N is bit 31 of `NF`, Z is set when `ZF === 0`, C is
 * `CF` (0 or 1), V is bit 31 of `VF`, Q is `QF` (0/1), GE is `GE` (4 bits).
 *
 * @module
 */

import { Excp, type GuestException } from "./exception.ts";
import { Cp15State } from "./cp15-state.ts";
import type { GenericTimer } from "./gtimer.ts";
import { VfpState } from "./vfp-state.ts";
import { pmuPostElChange, pmuPreElChange } from "./pmu.ts";
import { qemuLog } from "../../util/log.ts";
import type { Log } from "../../util/log.ts";
import { formatExceptionEntry } from "../../accel/tcg/exec-log.ts";

/** Processor modes (CPSR.M). */
export const enum Mode {
  USR = 0x10,
  FIQ = 0x11,
  IRQ = 0x12,
  SVC = 0x13,
  MON = 0x16,
  ABT = 0x17,
  HYP = 0x1a,
  UND = 0x1b,
  SYS = 0x1f,
}

/** CPSR bit masks. */
export const CPSR_M = 0x1f;
export const CPSR_T = 1 << 5;
export const CPSR_F = 1 << 6;
export const CPSR_I = 1 << 7;
export const CPSR_A = 1 << 8;
export const CPSR_E = 1 << 9;
export const CPSR_IT_2_7 = 0xfc00;
export const CPSR_GE = 0xf0000;
export const CPSR_J = 1 << 24;
/** Illegal execution state (set only by an exception return from an SPSR that has it). */
export const CPSR_IL = 1 << 20;
export const CPSR_IT_0_1 = 3 << 25;
export const CPSR_Q = 1 << 27;
export const CPSR_NZCV = 0xf0000000 | 0;
/** Bits held outside `uncachedCpsr` (flags, Q, GE, IT, T). */
export const CACHED_CPSR_BITS = CPSR_NZCV | CPSR_Q | CPSR_GE | CPSR_IT_0_1 | CPSR_IT_2_7 |
  CPSR_T;

/** Bank index of each mode for r13/r14/SPSR (USR and SYS share bank 0). */
export function bankNumber(mode: number): number {
  switch (mode) {
    case Mode.USR:
    case Mode.SYS:
      return 0;
    case Mode.SVC:
      return 1;
    case Mode.ABT:
      return 2;
    case Mode.UND:
      return 3;
    case Mode.IRQ:
      return 4;
    case Mode.FIQ:
      return 5;
    case Mode.HYP:
      return 6;
    case Mode.MON:
      return 7;
    default:
      return -1;
  }
}

/** Short mode names for logs (QEMU spelling). */
export function modeName(mode: number): string {
  switch (mode) {
    case Mode.USR:
      return "usr";
    case Mode.FIQ:
      return "fiq";
    case Mode.IRQ:
      return "irq";
    case Mode.SVC:
      return "svc";
    case Mode.MON:
      return "mon";
    case Mode.ABT:
      return "abt";
    case Mode.HYP:
      return "hyp";
    case Mode.UND:
      return "und";
    case Mode.SYS:
      return "sys";
    default:
      return "???";
  }
}

/** Whether `mode` is a valid mode on this CPU (no Security or Virtualization Extensions). */
export function modeValid(mode: number): boolean {
  switch (mode) {
    case Mode.USR:
    case Mode.FIQ:
    case Mode.IRQ:
    case Mode.SVC:
    case Mode.ABT:
    case Mode.UND:
    case Mode.SYS:
      return true;
    default:
      return false;
  }
}

/** Vector offsets and entry rules per exception kind (ARM ARM B1.8). */
interface EntryRule {
  mode: Mode;
  vector: number;
  /** LR = preferred return address + offset (A32, Thumb). */
  lrArm: number;
  lrThumb: number;
  mask: number;
}

const ENTRY: Partial<Record<Excp, EntryRule>> = {
  [Excp.UDEF]: { mode: Mode.UND, vector: 0x04, lrArm: 4, lrThumb: 2, mask: CPSR_I },
  [Excp.SWI]: { mode: Mode.SVC, vector: 0x08, lrArm: 4, lrThumb: 2, mask: CPSR_I },
  [Excp.BKPT]: { mode: Mode.ABT, vector: 0x0c, lrArm: 4, lrThumb: 4, mask: CPSR_I | CPSR_A },
  [Excp.PREFETCH_ABORT]: {
    mode: Mode.ABT,
    vector: 0x0c,
    lrArm: 4,
    lrThumb: 4,
    mask: CPSR_I | CPSR_A,
  },
  [Excp.DATA_ABORT]: { mode: Mode.ABT, vector: 0x10, lrArm: 8, lrThumb: 8, mask: CPSR_I | CPSR_A },
  [Excp.IRQ]: { mode: Mode.IRQ, vector: 0x18, lrArm: 4, lrThumb: 4, mask: CPSR_I | CPSR_A },
  [Excp.FIQ]: {
    mode: Mode.FIQ,
    vector: 0x1c,
    lrArm: 4,
    lrThumb: 4,
    mask: CPSR_I | CPSR_A | CPSR_F,
  },
};

/** The ARMv7-A CPU state of one vCPU. */
export class ArmCpu {
  /** vCPU index. */
  readonly index: number;
  /** r0–r15 of the current mode. r15 holds the address of the next instruction to run. */
  readonly r: Int32Array = new Int32Array(16);
  /** N flag in bit 31. */
  NF = 0;
  /** Z flag: set when this is 0. */
  ZF = 0;
  /** C flag, 0 or 1. */
  CF = 0;
  /** V flag in bit 31. */
  VF = 0;
  /** Q flag, 0 or 1. */
  QF = 0;
  /** GE flags, 4 bits. */
  GE = 0;
  /** IT state (CPSR.IT[7:0]), 8 bits. */
  condexec = 0;
  /** Thumb state, 0 or 1. */
  thumb = 0;
  /** CPSR bits not held above: M, I, F, A, E, J. */
  uncachedCpsr: number = Mode.SVC | CPSR_A | CPSR_I | CPSR_F;
  /** Current SPSR (of the current mode). */
  spsr = 0;
  /** Banked r13 per bank number. */
  readonly bankedR13: Int32Array = new Int32Array(8);
  /** Banked r14 per bank number. */
  readonly bankedR14: Int32Array = new Int32Array(8);
  /** Banked SPSR per bank number. */
  readonly bankedSpsr: Int32Array = new Int32Array(8);
  /** r8–r12 of the non-FIQ modes while in FIQ mode. */
  readonly usrR8to12: Int32Array = new Int32Array(5);
  /** r8–r12 of FIQ mode while not in FIQ mode. */
  readonly fiqR8to12: Int32Array = new Int32Array(5);
  /** Exclusive monitor: address of the open exclusive access, or -1 when closed. */
  exclusiveAddr = -1;
  /** Value read by the load-exclusive (low word; high word for LDREXD). */
  exclusiveVal = 0;
  exclusiveHigh = 0;
  /** System control coprocessor state. */
  readonly cp15: Cp15State = new Cp15State();
  /** VFP registers, FPSCR, FPEXC and the VFP ID registers. */
  readonly vfp: VfpState;
  /** Advanced SIMD (NEON) is implemented (QEMU's `-cpu cortex-a15,neon=on`, the default). */
  readonly hasNeon: boolean;
  /** The CPU's generic timer (attached by the board; CNT* registers UNDEF without one). */
  gtimer: GenericTimer | null = null;
  /** Level of the IRQ and FIQ inputs (from the GIC). */
  irqLine = false;
  fiqLine = false;
  /** Set when something outside the TB needs the run loop's attention (interrupt, exit). */
  exitRequest = 0;
  /** Instructions executed inside looping TBs beyond one pass (the run loop drains it). */
  icountExtra = 0;
  /**
   * Instructions of the running TB executed up to and including the one calling a helper
   * (set by the translated code before helpers; 0 between TBs).
   */
  syncIcount = 0;
  /** Index in its TB of the instruction that raised the last exception. */
  faultIndex = 0;
  /** Flags of the plugin callback running now (0 outside callbacks; see plugins/api.ts). */
  pluginFlags = 0;
  /** Waiting for an interrupt (WFI). */
  halted = false;
  /** Powered off (PSCI CPU_OFF). */
  powered = true;
  /** Logs (`-d int`, `-d unimp`). */
  log: Log;

  /** Creates a CPU in its reset state; `neon` selects whether Advanced SIMD exists. */
  constructor(index = 0, log: Log = qemuLog, neon = true) {
    this.index = index;
    this.log = log;
    this.hasNeon = neon;
    this.vfp = new VfpState(neon);
    this.reset();
  }

  /** Resets to the architectural reset state QEMU gives a cortex-a15 on virt. */
  reset(): void {
    this.r.fill(0);
    this.bankedR13.fill(0);
    this.bankedR14.fill(0);
    this.bankedSpsr.fill(0);
    this.usrR8to12.fill(0);
    this.fiqR8to12.fill(0);
    this.spsr = 0;
    // QEMU shows PSR 0x400001d3 at reset: SVC, A I F masked, and Z reads as set.
    this.NF = 0;
    this.ZF = 0;
    this.CF = 0;
    this.VF = 0;
    this.QF = 0;
    this.GE = 0;
    this.condexec = 0;
    this.thumb = 0;
    this.uncachedCpsr = Mode.SVC | CPSR_A | CPSR_I | CPSR_F;
    this.exclusiveAddr = -1;
    this.halted = false;
    this.powered = true;
    this.cp15.reset();
    this.vfp.reset();
    this.gtimer?.reset();
  }

  /** Current mode (CPSR.M). */
  get mode(): number {
    return this.uncachedCpsr & CPSR_M;
  }

  /** The architectural CPSR value. */
  get cpsr(): number {
    return (
      (this.NF & 0x80000000) |
      (this.ZF === 0 ? 0x40000000 : 0) |
      (this.CF << 29) |
      ((this.VF >>> 31) << 28) |
      (this.QF << 27) |
      (this.GE << 16) |
      ((this.condexec & 3) << 25) |
      ((this.condexec >>> 2) << 10) |
      (this.thumb << 5) |
      this.uncachedCpsr
    ) >>> 0;
  }

  /** Sets NZCV from bits 31:28 of `v`. */
  setNZCV(v: number): void {
    this.NF = v & 0x80000000;
    this.ZF = (~v) & 0x40000000;
    this.CF = (v >>> 29) & 1;
    this.VF = (v << 3) & 0x80000000;
  }

  /**
   * Writes CPSR bits selected by `mask` (QEMU's cpsr_write). A mode change swaps banked
   * registers; an invalid target mode leaves the mode unchanged.
   */
  writeCpsr(val: number, mask: number): void {
    if (mask & CPSR_NZCV) this.setNZCV(val);
    if (mask & CPSR_Q) this.QF = (val >>> 27) & 1;
    if (mask & CPSR_GE) this.GE = (val >>> 16) & 0xf;
    if (mask & (CPSR_IT_0_1 | CPSR_IT_2_7)) {
      let it = this.condexec;
      if (mask & CPSR_IT_0_1) it = (it & ~3) | ((val >>> 25) & 3);
      if (mask & CPSR_IT_2_7) it = (it & 3) | ((val >>> 8) & 0xfc);
      this.condexec = it;
    }
    if (mask & CPSR_T) this.thumb = (val >>> 5) & 1;
    const other = mask & ~CACHED_CPSR_BITS;
    if (other & CPSR_M) {
      const newMode = val & CPSR_M;
      if (newMode !== this.mode && modeValid(newMode)) this.switchMode(newMode);
    }
    const keep = other & ~CPSR_M;
    this.uncachedCpsr = (this.uncachedCpsr & ~keep) | (val & keep);
    // Unmasking an interrupt whose line is already high: have the run loop take it (the exit
    // request raised when the line rose was consumed while it was masked).
    if ((keep & (CPSR_I | CPSR_F)) !== 0 && this.interruptPending() !== -1) this.exitRequest = 1;
  }

  /** Switches the register bank to `newMode` (QEMU's switch_mode). */
  switchMode(newMode: number): void {
    const oldMode = this.mode;
    if (oldMode === newMode) return;
    const r = this.r;
    if (oldMode === Mode.FIQ) {
      for (let i = 0; i < 5; i++) {
        this.fiqR8to12[i] = r[8 + i];
        r[8 + i] = this.usrR8to12[i];
      }
    } else if (newMode === Mode.FIQ) {
      for (let i = 0; i < 5; i++) {
        this.usrR8to12[i] = r[8 + i];
        r[8 + i] = this.fiqR8to12[i];
      }
    }
    const ob = bankNumber(oldMode);
    const nb = bankNumber(newMode);
    this.bankedR13[ob] = r[13];
    this.bankedR14[ob] = r[14];
    this.bankedSpsr[ob] = this.spsr;
    r[13] = this.bankedR13[nb];
    r[14] = this.bankedR14[nb];
    this.spsr = this.bankedSpsr[nb];
    this.uncachedCpsr = (this.uncachedCpsr & ~CPSR_M) | newMode;
  }

  /**
   * Enters the exception described by `e`; `pc` is the preferred return address base: the
   * faulting instruction for synchronous exceptions, the next instruction for interrupts.
   */
  enterException(e: GuestException, pc: number): void {
    pmuPreElChange(this);
    this.#enterException(e, pc);
    pmuPostElChange(this);
  }

  #enterException(e: GuestException, pc: number): void {
    let kind = e.kind;
    const cp = this.cp15;
    if (kind === Excp.PREFETCH_ABORT || kind === Excp.BKPT) {
      cp.ifsr = e.fsr;
      cp.ifar = e.far;
      kind = Excp.PREFETCH_ABORT;
    } else if (kind === Excp.DATA_ABORT) {
      cp.dfsr = e.fsr;
      cp.dfar = e.far;
    }
    const rule = ENTRY[kind];
    if (!rule) throw new Error(`cannot enter exception kind ${kind}`);
    const thumb = this.thumb;
    const cpsr = this.cpsr;
    if (this.log.on("int")) this.log.write(formatExceptionEntry(this, e));
    this.switchMode(rule.mode);
    this.spsr = cpsr;
    this.r[14] = pc + (thumb ? rule.lrThumb : rule.lrArm);
    this.uncachedCpsr |= rule.mask;
    this.uncachedCpsr &= ~(CPSR_J | CPSR_IL);
    this.condexec = 0;
    this.thumb = cp.sctlr & SCTLR_TE ? 1 : 0;
    if (cp.sctlr & SCTLR_EE) this.uncachedCpsr |= CPSR_E;
    else this.uncachedCpsr &= ~CPSR_E;
    const base = cp.sctlr & SCTLR_V ? 0xffff0000 : cp.vbar;
    this.r[15] = (base + rule.vector) | 0;
    // The exclusive monitor survives exception entry (QEMU clears it only for M profile).
  }

  /** Whether an unmasked interrupt is pending (checked by the run loop at TB boundaries). */
  interruptPending(): Excp | -1 {
    if (this.fiqLine && !(this.uncachedCpsr & CPSR_F)) return Excp.FIQ;
    if (this.irqLine && !(this.uncachedCpsr & CPSR_I)) return Excp.IRQ;
    return -1;
  }

  /** Sets the IRQ input level (from the interrupt controller). */
  setIrq(level: boolean): void {
    this.irqLine = level;
    if (level) this.exitRequest = 1;
  }

  /** Sets the FIQ input level. */
  setFiq(level: boolean): void {
    this.fiqLine = level;
    if (level) this.exitRequest = 1;
  }
}

/** SCTLR bits used by the CPU core. */
export const SCTLR_M = 1 << 0;
export const SCTLR_A = 1 << 1;
export const SCTLR_C = 1 << 2;
export const SCTLR_SW = 1 << 10;
export const SCTLR_Z = 1 << 11;
export const SCTLR_I = 1 << 12;
export const SCTLR_V = 1 << 13;
export const SCTLR_EE = 1 << 25;
export const SCTLR_TRE = 1 << 28;
export const SCTLR_AFE = 1 << 29;
export const SCTLR_TE = 1 << 30;
