/**
 * Run-time helpers called from translated code (QEMU's target/arm helpers): state changes
 * that are too rare or too large to emit inline. Translated code reaches them as `H.name`.
 * Every helper that reads or writes registers runs after the emitter's `sync()`.
 *
 * @module
 */

import type { ArmCpu } from "./cpu.ts";
import {
  CPSR_A,
  CPSR_E,
  CPSR_F,
  CPSR_GE,
  CPSR_I,
  CPSR_IT_0_1,
  CPSR_IT_2_7,
  CPSR_J,
  CPSR_M,
  CPSR_NZCV,
  CPSR_Q,
  CPSR_T,
  Mode,
} from "./cpu.ts";
import { CP15_REGS, cpAccessOk, describeCpAccess } from "./cp15.ts";
import { Excp, GuestException } from "./exception.ts";
import { cpKey, cpKey64 } from "./cp15.ts";

/** The shifter carry-out of the last register-controlled shift (see `shiftReg`). */
let shifterCarry = 0;

/** Board services the CPU calls out to (PSCI). */
export interface CpuBoardHooks {
  /** Handles an HVC/SMC PSCI call; returns false when `fn` is not a PSCI function. */
  psciCall(cpu: ArmCpu, fn: number): boolean;
}

/** Helpers object handed to translated code. */
export const H = {
  GuestException,
  board: null as CpuBoardHooks | null,

  /** BXWritePC: bit 0 selects Thumb state; the pc is aligned for the new state. */
  bxWritePc(cpu: ArmCpu, v: number): void {
    if (v & 1) {
      cpu.thumb = 1;
      cpu.r[15] = v & ~1;
    } else {
      cpu.thumb = 0;
      cpu.r[15] = v & ~3;
    }
  },

  /**
   * Register-controlled shift (`type`: 0 LSL, 1 LSR, 2 ASR, 3 ROR) by `amt` (0–255) with
   * carry-in `cin`; returns the result and leaves the carry-out for `shiftCarry()`.
   */
  shiftReg(type: number, v: number, amt: number, cin: number): number {
    amt &= 0xff;
    if (amt === 0) {
      shifterCarry = cin;
      return v | 0;
    }
    switch (type) {
      case 0:
        if (amt < 32) {
          shifterCarry = (v >>> (32 - amt)) & 1;
          return v << amt;
        }
        shifterCarry = amt === 32 ? v & 1 : 0;
        return 0;
      case 1:
        if (amt < 32) {
          shifterCarry = (v >>> (amt - 1)) & 1;
          return (v >>> amt) | 0;
        }
        shifterCarry = amt === 32 ? v >>> 31 : 0;
        return 0;
      case 2:
        if (amt < 32) {
          shifterCarry = (v >> (amt - 1)) & 1;
          return v >> amt;
        }
        shifterCarry = v >>> 31;
        return v >> 31;
      default: {
        const r = amt & 31;
        if (r === 0) {
          shifterCarry = v >>> 31;
          return v | 0;
        }
        shifterCarry = (v >>> (r - 1)) & 1;
        return (v >>> r) | (v << (32 - r));
      }
    }
  },

  /** Carry-out of the last `shiftReg`. */
  shiftCarry(): number {
    return shifterCarry;
  },

  /** Reads the CPSR (MRS). */
  readCpsr(cpu: ArmCpu): number {
    return cpu.cpsr & ~(CPSR_IT_0_1 | CPSR_IT_2_7 | CPSR_T | CPSR_J) | 0;
  },

  /**
   * MSR to the CPSR with the instruction's field mask (bits of f/s/x/c as a byte mask), applying
   * the ARMv7 rules: in User mode only NZCVQ and GE are written; execution state bits are not
   * written by MSR.
   */
  msrCpsr(cpu: ArmCpu, value: number, fieldMask: number): void {
    let mask = 0;
    if (fieldMask & 8) mask |= 0xff000000;
    if (fieldMask & 4) mask |= 0x00ff0000;
    if (fieldMask & 2) mask |= 0x0000ff00;
    if (fieldMask & 1) mask |= 0x000000ff;
    // Execution state bits (IT, J, T) cannot be written by MSR.
    mask &= ~(CPSR_IT_0_1 | CPSR_IT_2_7 | CPSR_J | CPSR_T);
    // Only implemented bits.
    mask &= CPSR_NZCV | CPSR_Q | CPSR_GE | CPSR_E | CPSR_A | CPSR_I | CPSR_F | CPSR_M;
    if (cpu.mode === Mode.USR) mask &= CPSR_NZCV | CPSR_Q | CPSR_GE;
    cpu.writeCpsr(value, mask);
  },

  /** MSR to the SPSR (UNPREDICTABLE in User/System mode: ignored there, as QEMU does). */
  msrSpsr(cpu: ArmCpu, value: number, fieldMask: number): void {
    let mask = 0;
    if (fieldMask & 8) mask |= 0xff000000;
    if (fieldMask & 4) mask |= 0x00ff0000;
    if (fieldMask & 2) mask |= 0x0000ff00;
    if (fieldMask & 1) mask |= 0x000000ff;
    cpu.spsr = (cpu.spsr & ~mask) | (value & mask);
  },

  /** Whether the current mode has an SPSR (not User or System). */
  hasSpsr(cpu: ArmCpu): boolean {
    const m = cpu.mode;
    return m !== Mode.USR && m !== Mode.SYS;
  },

  /**
   * Exception return: CPSR := SPSR (all bits), pc := `pc` aligned for the new state. Used by
   * `SUBS pc, lr`, `MOVS pc`, `LDM ... ^` with pc and RFE (RFE passes the loaded PSR).
   */
  exceptionReturn(cpu: ArmCpu, pc: number, psr: number): void {
    cpu.writeCpsr(psr, 0xffffffff | 0);
    cpu.r[15] = cpu.thumb ? pc & ~1 : pc & ~3;
  },

  /** MRC p15: returns the value or throws UNDEFINED. */
  cp15Read(cpu: ArmCpu, key: number, user: boolean, pc: number): number {
    const reg = CP15_REGS.get(key);
    if (!reg || !reg.read || !cpAccessOk(reg, user, true)) {
      if (!reg) logUnimp(cpu, true, key, pc);
      throw new GuestException(Excp.UDEF);
    }
    return reg.read(cpu) | 0;
  },

  /** MCR p15: writes or throws UNDEFINED. */
  cp15Write(cpu: ArmCpu, key: number, value: number, user: boolean, pc: number): void {
    const reg = CP15_REGS.get(key);
    if (!reg || !reg.write || !cpAccessOk(reg, user, false)) {
      if (!reg) logUnimp(cpu, false, key, pc);
      throw new GuestException(Excp.UDEF);
    }
    reg.write(cpu, value | 0);
  },

  /** MRRC p15: returns [lo, hi] in `cpu.r[rt]`, `cpu.r[rt2]` (after sync) or UNDEFINED. */
  cp15Read64(cpu: ArmCpu, opc1: number, crm: number, rt: number, rt2: number, user: boolean): void {
    const reg = CP15_REGS.get(cpKey64(opc1, crm));
    if (!reg || !reg.read64 || !cpAccessOk(reg, user, true)) throw new GuestException(Excp.UDEF);
    const [lo, hi] = reg.read64(cpu);
    cpu.r[rt] = lo;
    cpu.r[rt2] = hi;
  },

  /** MCRR p15. */
  cp15Write64(cpu: ArmCpu, opc1: number, crm: number, lo: number, hi: number, user: boolean): void {
    const reg = CP15_REGS.get(cpKey64(opc1, crm));
    if (!reg || !reg.write64 || !cpAccessOk(reg, user, false)) throw new GuestException(Excp.UDEF);
    reg.write64(cpu, lo, hi);
  },

  /** Reads register `r` of the User-mode bank (STM ^). */
  getUserReg(cpu: ArmCpu, r: number): number {
    const m = cpu.mode;
    if (r >= 8 && r <= 12 && m === Mode.FIQ) return cpu.usrR8to12[r - 8];
    if ((r === 13 || r === 14) && m !== Mode.USR && m !== Mode.SYS) {
      return r === 13 ? cpu.bankedR13[0] : cpu.bankedR14[0];
    }
    return cpu.r[r];
  },

  /** Writes register `r` of the User-mode bank (LDM ^ without pc). */
  setUserReg(cpu: ArmCpu, r: number, v: number): void {
    const m = cpu.mode;
    if (r >= 8 && r <= 12 && m === Mode.FIQ) cpu.usrR8to12[r - 8] = v;
    else if ((r === 13 || r === 14) && m !== Mode.USR && m !== Mode.SYS) {
      if (r === 13) cpu.bankedR13[0] = v;
      else cpu.bankedR14[0] = v;
    } else cpu.r[r] = v;
  },

  /** WFI: the vCPU sleeps until an interrupt is pending (the run loop waits). */
  wfi(cpu: ArmCpu, nextPc: number): void {
    cpu.r[15] = nextPc;
    cpu.halted = true;
    cpu.exitRequest = 1;
  },

  /** WFE: treated as a hint that yields to the run loop (no event register modelled). */
  wfe(cpu: ArmCpu, nextPc: number): void {
    cpu.r[15] = nextPc;
    cpu.exitRequest = 1;
  },

  /** HVC: PSCI through the board, else UNDEFINED (no EL2 on this CPU). */
  hvc(cpu: ArmCpu, imm: number): void {
    if (H.board && H.board.psciCall(cpu, cpu.r[0] >>> 0)) return;
    throw new GuestException(Excp.UDEF, 0, 0, imm);
  },
};

/** The helper object's type, for emitters' documentation. */
export type Helpers = typeof H;

function logUnimp(cpu: ArmCpu, isRead: boolean, key: number, pc: number): void {
  if (!cpu.log.on("unimp")) return;
  const crn = (key >>> 12) & 0xf,
    opc1 = (key >>> 8) & 0xf,
    crm = (key >>> 4) & 0xf,
    opc2 = key & 0xf;
  cpu.log.write(describeCpAccess(isRead, 15, opc1, crn, crm, opc2, pc));
}

export { cpKey };

/**
 * Adds helpers from an instruction group's own module to `H` (translated code calls them as
 * `H.name`). Names must be unique.
 */
export function registerHelpers(extra: Record<string, unknown>): void {
  const h = H as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(extra)) {
    if (k in h) throw new Error(`helper ${k} is already defined`);
    h[k] = v;
  }
}
