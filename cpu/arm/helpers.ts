/**
 * Run-time helpers called from translated code (QEMU's target/arm helpers): state changes
 * that are too rare or too large to emit inline. Translated code reaches them as `H.name`.
 * Every helper that reads or writes registers runs after the emitter's `sync()`.
 *
 * @module
 */

import type { ArmCpu } from "./cpu.ts";
import { CPSR_M, modeValid } from "./cpu.ts";
import {
  CP15_REGS,
  CP_REG_LIST,
  cpAccessOk,
  cpKey,
  cpKey64,
  describeCpAccess,
  describeCpAccess64,
  TTBCR_EAE,
} from "./cp15.ts";
import { Excp, GuestException } from "./exception.ts";
import { pmuPostElChange, pmuPreElChange } from "./pmu.ts";
import { FSR_ALIGNMENT, FSR_WNR } from "./mmu.ts";
import { formatExceptionEntry } from "../../accel/tcg/exec-log.ts";

/** Short-descriptor FSR of a debug event (BKPT). */
const FSR_DEBUG_EVENT = 0x2;
/** FSR bit 9: the long-descriptor (LPAE) format, with its fault status codes. */
const FSR_LPAE = 1 << 9;
const LPAE_FSC_ALIGNMENT = 0x21;
const LPAE_FSC_DEBUG = 0x22;

/** Translation sites of unknown-register accesses that have logged (see `cpUnknown`). */
const unimpLogged: boolean[] = [];

/** A new site number for one translation of an access to an unknown register. */
export function newUnimpSite(): number {
  unimpLogged.push(false);
  return unimpLogged.length - 1;
}

/** The shifter carry-out of the last register-controlled shift (see `shiftReg`). */
let shifterCarry = 0;

/** Board services the CPU calls out to (PSCI). */
export interface CpuBoardHooks {
  /** Handles an HVC/SMC PSCI call; returns false when `fn` is not a PSCI function. */
  psciCall(cpu: ArmCpu, fn: number): boolean;
}

/**
 * CPSR bits that exist on this CPU (QEMU's aarch32_cpsr_valid_mask): everything but bits
 * 23:21 (J, IL, the IT bits, GE, E, A/I/F, T and M are all kept in a PSR).
 */
export const CPSR_VALID_MASK = ~0x00e00000;
/** Execution state bits MSR cannot write and MRS does not show: J, IT, IL, T. */
export const CPSR_EXEC_MASK = 0x0110fc20 | 0x06000000;
/** CPSR bits an MSR in User mode may write: N Z C V Q, GE, E. */
export const CPSR_USER_MASK = 0xf80f0200 | 0;

/** QEMU's aarch32_mode_name: indexed by the low four bits of the mode. */
const MODE_NAMES = [
  "usr",
  "fiq",
  "irq",
  "svc",
  "???",
  "???",
  "mon",
  "abt",
  "???",
  "???",
  "hyp",
  "und",
  "???",
  "???",
  "???",
  "sys",
];

/**
 * Writes CPSR bits in `mask` from `val` as an instruction does (QEMU's cpsr_write with
 * CPSRWriteByInstr / ExceptionReturn): an invalid target mode leaves the mode unchanged and is
 * reported under `-d guest_errors`; a mode change is reported under `-d int`.
 */
function cpsrWrite(cpu: ArmCpu, val: number, mask: number, eret: boolean, pc: number): void {
  if (((cpu.uncachedCpsr ^ val) & mask & CPSR_M) !== 0) {
    const from = MODE_NAMES[cpu.uncachedCpsr & 0xf], to = MODE_NAMES[val & 0xf];
    if (!modeValid(val & CPSR_M)) {
      mask &= ~CPSR_M;
      cpu.log.log("guest_errors", `Illegal AArch32 mode switch attempt from ${from} to ${to}\n`);
    } else if (cpu.log.on("int")) {
      cpu.log.write(
        `${eret ? "Exception return from AArch32" : "AArch32 mode switch from"} ${from} to ` +
          `${to} PC 0x${(pc >>> 0).toString(16)}\n`,
      );
    }
  }
  cpu.writeCpsr(val, mask);
}

/** Helpers object handed to translated code. */
export const H = {
  GuestException,
  board: null as CpuBoardHooks | null,
  /** Coprocessor registers referred to by translated code (see `cpRegIndex`). */
  cpr: CP_REG_LIST,

  /**
   * BXWritePC: bit 0 selects Thumb state and is cleared. An A32 target with bit 1 set stays
   * misaligned: as in QEMU, fetching it takes a PC alignment fault (see cpu-exec).
   */
  bxWritePc(cpu: ArmCpu, v: number): void {
    cpu.thumb = v & 1;
    cpu.r[15] = v & ~1;
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

  /** Byte-reverses a word (big-endian data accesses); returns int32. */
  bswap32(v: number): number {
    return (v >>> 24) | ((v >> 8) & 0xff00) | ((v & 0xff00) << 8) | (v << 24);
  },

  /** Byte-reverses the low halfword; returns it zero-extended. */
  bswap16(v: number): number {
    return ((v >>> 8) & 0xff) | ((v & 0xff) << 8);
  },

  /** Byte-reverses the low halfword; returns it sign-extended. */
  bswap16s(v: number): number {
    return (((v & 0xff) << 24) >> 16) | ((v >>> 8) & 0xff);
  },

  /**
   * Raises the alignment fault of an access that must be aligned whatever SCTLR.A says
   * (LDRD/STRD, LDM/STM, exclusives, SWP, SRS/RFE: QEMU's MO_ALIGN).
   */
  alignFault(cpu: ArmCpu, va: number, write: number): never {
    const fsr = cpu.cp15.ttbcr & TTBCR_EAE ? FSR_LPAE | LPAE_FSC_ALIGNMENT : FSR_ALIGNMENT;
    throw new GuestException(Excp.DATA_ABORT, fsr | (write ? FSR_WNR : 0), va);
  },

  /**
   * BKPT: a debug exception taken as a prefetch abort. IFSR reports a debug event in the
   * format TTBCR.EAE selects; IFAR is UNKNOWN (QEMU writes 0).
   */
  bkpt(cpu: ArmCpu, imm: number): never {
    const fsr = cpu.cp15.ttbcr & TTBCR_EAE ? FSR_LPAE | LPAE_FSC_DEBUG : FSR_DEBUG_EVENT;
    throw new GuestException(Excp.BKPT, fsr, 0, imm);
  },

  /** Reads the CPSR as MRS does (execution state bits read as zero). */
  readCpsr(cpu: ArmCpu): number {
    return (cpu.cpsr & ~CPSR_EXEC_MASK) | 0;
  },

  /**
   * MSR/CPS to the CPSR: writes the bits in `mask` (already limited for the mode). `pc` is
   * what a mode change reports under `-d int`: QEMU prints its stale pc there, which is
   * usually the start of the TB.
   */
  writeCpsr(cpu: ArmCpu, value: number, mask: number, pc: number): void {
    cpsrWrite(cpu, value, mask, false, pc);
  },

  /** MSR to the SPSR: writes the bits in `mask`. */
  writeSpsr(cpu: ArmCpu, value: number, mask: number): void {
    cpu.spsr = (cpu.spsr & ~mask) | (value & mask);
  },

  /**
   * Exception return: CPSR := `psr` (every valid bit), pc := `pc` aligned for the new state.
   * Used by `SUBS pc, lr`, `MOVS pc`, `LDM ... ^` with pc, ERET and RFE.
   */
  exceptionReturn(cpu: ArmCpu, pc: number, psr: number): void {
    pmuPreElChange(cpu);
    cpsrWrite(cpu, psr, CPSR_VALID_MASK, true, pc);
    cpu.r[15] = cpu.thumb ? pc & ~1 : pc & ~3;
    pmuPostElChange(cpu);
  },

  /**
   * An MRC/MCR/MRRC/MCRR to a register that does not exist: logs it under `-d unimp` and is
   * UNDEFINED. QEMU logs when it translates the instruction, so translated code passes the
   * `site` its translation allocated (`newUnimpSite`) and only the first execution logs.
   */
  cpUnknown(
    cpu: ArmCpu,
    isRead: boolean,
    cp: number,
    opc1: number,
    crn: number,
    crm: number,
    opc2: number,
    is64: boolean,
    site = -1,
  ): never {
    const first = site < 0 || !unimpLogged[site];
    if (site >= 0) unimpLogged[site] = true;
    if (first && cpu.log.on("unimp")) {
      cpu.log.write(
        is64
          ? describeCpAccess64(isRead, cp, opc1, crm)
          : describeCpAccess(isRead, cp, opc1, crn, crm, opc2),
      );
    }
    throw new GuestException(Excp.UDEF);
  },

  /**
   * MRC p15 by key at run time (for tests and tools; translated code resolves the register
   * at translation): returns the value, or throws UNDEFINED.
   */
  cp15Read(cpu: ArmCpu, key: number, user: boolean, _pc = 0): number {
    const reg = CP15_REGS.get(key);
    if (!reg) {
      return H.cpUnknown(
        cpu,
        true,
        15,
        (key >> 8) & 0xf,
        key >> 12,
        (key >> 4) & 0xf,
        key & 0xf,
        false,
      );
    }
    if (!reg.read || !cpAccessOk(reg, user, true)) throw new GuestException(Excp.UDEF);
    return reg.read(cpu) | 0;
  },

  /** MCR p15 by key at run time: writes, or throws UNDEFINED. */
  cp15Write(cpu: ArmCpu, key: number, value: number, user: boolean, _pc = 0): void {
    const reg = CP15_REGS.get(key);
    if (!reg) {
      return H.cpUnknown(
        cpu,
        false,
        15,
        (key >> 8) & 0xf,
        key >> 12,
        (key >> 4) & 0xf,
        key & 0xf,
        false,
      );
    }
    if (!reg.write || !cpAccessOk(reg, user, false)) throw new GuestException(Excp.UDEF);
    reg.write(cpu, value | 0);
  },

  /** MRRC p15 at run time: the value goes to `cpu.r[rt]` (low) and `cpu.r[rt2]` (high). */
  cp15Read64(cpu: ArmCpu, opc1: number, crm: number, rt: number, rt2: number, user: boolean): void {
    const reg = CP15_REGS.get(cpKey64(opc1, crm));
    if (!reg) return H.cpUnknown(cpu, true, 15, opc1, 0, crm, 0, true);
    if (!reg.read64 || !cpAccessOk(reg, user, true)) throw new GuestException(Excp.UDEF);
    const [lo, hi] = reg.read64(cpu);
    cpu.r[rt] = lo;
    cpu.r[rt2] = hi;
  },

  /** MCRR p15 at run time. */
  cp15Write64(
    cpu: ArmCpu,
    opc1: number,
    crm: number,
    lo: number,
    hi: number,
    user: boolean,
  ): void {
    const reg = CP15_REGS.get(cpKey64(opc1, crm));
    if (!reg) return H.cpUnknown(cpu, false, 15, opc1, 0, crm, 0, true);
    if (!reg.write64 || !cpAccessOk(reg, user, false)) throw new GuestException(Excp.UDEF);
    reg.write64(cpu, lo, hi);
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

  /**
   * HVC from PL1: with the PSCI conduit every HVC is a firmware call (QEMU 7.2 answers
   * unknown function ids with NOT_SUPPORTED); without a board it is UNDEFINED (no EL2).
   */
  hvc(cpu: ArmCpu, imm: number): void {
    if (!H.board) throw new GuestException(Excp.UDEF, 0, 0, imm);
    if (cpu.log.on("int")) {
      cpu.log.write(
        formatExceptionEntry(cpu, new GuestException(Excp.HVC, 0, 0, imm)) +
          "...handled as PSCI call\n",
      );
    }
    H.board.psciCall(cpu, cpu.r[0] >>> 0);
  },
};

/** The helper object's type, for emitters' documentation. */
export type Helpers = typeof H;

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
