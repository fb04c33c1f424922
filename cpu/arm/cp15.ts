/**
 * The coprocessor register tables (QEMU's ARMCPRegInfo lists for a Cortex-A15 on `virt`,
 * without Security or Virtualization Extensions): CP15 system control and CP14 debug. MRC/MCR
 * and MRRC/MCRR are decoded at translation time to one entry; an access to anything not in a
 * table is UNDEFINED and logged under `-d unimp`, an access the entry does not permit from the
 * current privilege is UNDEFINED without a log.
 *
 * Other modules add their registers with `defineCp15` (the MMU's TLB and ATS operations in
 * `cp15-mmu.ts`, the generic timer's CNT* registers in `gtimer.ts`).
 *
 * The set of registers, their reset values and their write masks were read from
 * qemu-system-arm 7.2 itself (tests/guest/src/cp15id.S scans every encoding).
 *
 * @module
 */

import type { ArmCpu } from "./cpu.ts";
import { Excp, GuestException } from "./exception.ts";
import { DBG_NUM_BRPS, DBG_NUM_WRPS } from "./cp15-state.ts";

/** Who may access a register. */
export const enum CpAccess {
  /** PL1 read/write. */
  PL1_RW = 0,
  /** PL1 read-only. */
  PL1_R = 1,
  /** PL0 read, PL1 read/write. */
  PL0_R_PL1_RW = 2,
  /** PL0 read/write. */
  PL0_RW = 3,
  /** PL1 write-only (operations such as TLB or cache maintenance). */
  PL1_W = 4,
  /** PL0 read-only. */
  PL0_R = 5,
  /** PL0 write-only (the CP15 barrier operations). */
  PL0_W = 6,
}

/** One register or operation. */
export interface CpReg {
  /** ARM ARM name (SCTLR, TLBIALL...). */
  name: string;
  /** Access permissions. */
  access: CpAccess;
  /** Reads the value (uint32 or int32; 64-bit registers return [lo, hi] via read64). */
  read?: (cpu: ArmCpu) => number;
  /** Writes the value. */
  write?: (cpu: ArmCpu, value: number) => void;
  /** For MRRC/MCRR 64-bit registers. */
  read64?: (cpu: ArmCpu) => [number, number];
  write64?: (cpu: ArmCpu, lo: number, hi: number) => void;
  /**
   * A write changes translation state. (Informative: as in QEMU, every MCR/MCRR that is not
   * a NOP ends the TB.)
   */
  endsTb?: boolean;
  /** QEMU's ARM_CP_NOP: accesses do nothing, and an MRC leaves its Rt unchanged. */
  nop?: boolean;
}

/** Key of a 32-bit register: c<crn>, opc1, c<crm>, opc2. */
export function cpKey(crn: number, opc1: number, crm: number, opc2: number): number {
  return (crn << 12) | (opc1 << 8) | (crm << 4) | opc2;
}

/** Key of a 64-bit register: opc1 and crm (kept apart from 32-bit keys). */
export function cpKey64(opc1: number, crm: number): number {
  return 0x10000 | (opc1 << 4) | crm;
}

/** CP15 registers by key. Register groups add themselves with `defineCp15`. */
export const CP15_REGS: Map<number, CpReg> = new Map();
/** CP14 (debug, ThumbEE, Jazelle) registers by key. */
export const CP14_REGS: Map<number, CpReg> = new Map();

/** Adds a CP15 register (replacing any entry with the same key). */
export function defineCp15(key: number, reg: CpReg): void {
  CP15_REGS.set(key, reg);
}

/** Adds a CP14 register. */
export function defineCp14(key: number, reg: CpReg): void {
  CP14_REGS.set(key, reg);
}

/** The table of coprocessor `cp`, or undefined for a coprocessor without registers. */
export function cpTable(cp: number): Map<number, CpReg> | undefined {
  return cp === 15 ? CP15_REGS : cp === 14 ? CP14_REGS : undefined;
}

/** Every register an emitter has referred to, by index (translated code calls `H.cpr[i]`). */
export const CP_REG_LIST: CpReg[] = [];
const regIndex = new Map<CpReg, number>();

/** Index of `reg` in `CP_REG_LIST` (added on first use). */
export function cpRegIndex(reg: CpReg): number {
  let i = regIndex.get(reg);
  if (i === undefined) {
    i = CP_REG_LIST.length;
    CP_REG_LIST.push(reg);
    regIndex.set(reg, i);
  }
  return i;
}

/** Whether an access is permitted from the given privilege. */
export function cpAccessOk(reg: CpReg, user: boolean, isRead: boolean): boolean {
  switch (reg.access) {
    case CpAccess.PL1_RW:
      return !user;
    case CpAccess.PL1_R:
      return !user && isRead;
    case CpAccess.PL1_W:
      return !user && !isRead;
    case CpAccess.PL0_R_PL1_RW:
      return isRead || !user;
    case CpAccess.PL0_RW:
      return true;
    case CpAccess.PL0_R:
      return isRead;
    case CpAccess.PL0_W:
      return !isRead;
  }
}

/** The `-d unimp` line QEMU 7.2 prints for an access to an unknown 32-bit register. */
export function describeCpAccess(
  isRead: boolean,
  cp: number,
  opc1: number,
  crn: number,
  crm: number,
  opc2: number,
): string {
  return `${isRead ? "read" : "write"} access to unsupported AArch32 system register ` +
    `cp:${cp} opc1:${opc1} crn:${crn} crm:${crm} opc2:${opc2} (non-secure)\n`;
}

/** The `-d unimp` line for an unknown 64-bit register (QEMU's spacing included). */
export function describeCpAccess64(isRead: boolean, cp: number, opc1: number, crm: number): string {
  return `${isRead ? "read" : "write"} access to unsupported AArch32 64 bit system register ` +
    `cp:${cp} opc1: ${opc1} crm:${crm} (non-secure)\n`;
}

// ---- building blocks ------------------------------------------------------------------------

/** Cp15State fields that hold one 32-bit register. */
type Field = {
  [K in keyof ArmCpu["cp15"]]: ArmCpu["cp15"][K] extends number ? K : never;
}[keyof ArmCpu["cp15"]];

const constant = (name: string, value: number, access = CpAccess.PL1_R): CpReg => ({
  name,
  access,
  read: () => value | 0,
  write: () => {},
});
/** A register kept in `cpu.cp15[field]`; writes keep the bits in `mask`. */
const field = (
  name: string,
  f: Field,
  mask = -1,
  access = CpAccess.PL1_RW,
  endsTb = false,
): CpReg => ({
  name,
  access,
  read: (cpu) => cpu.cp15[f] | 0,
  write: (cpu, v) => {
    cpu.cp15[f] = v & mask;
  },
  endsTb,
});
const nop = (name: string, access = CpAccess.PL1_RW): CpReg => ({
  name,
  access,
  nop: true,
  read: () => 0,
  write: () => {},
});
const writeOnly = (name: string, access = CpAccess.PL1_W, endsTb = false): CpReg => ({
  name,
  access,
  write: () => {},
  endsTb,
});
/** Defines `reg` at every (opc1, crm, opc2) of CRn `crn` listed. */
function defineRange(
  define: (key: number, reg: CpReg) => void,
  crn: number,
  opc1s: readonly number[],
  crms: readonly number[],
  opc2s: readonly number[],
  reg: CpReg,
): void {
  for (const o1 of opc1s) {
    for (const m of crms) for (const o2 of opc2s) define(cpKey(crn, o1, m, o2), reg);
  }
}
const ALL8 = [0, 1, 2, 3, 4, 5, 6, 7] as const;
const ALL16 = [...ALL8, 8, 9, 10, 11, 12, 13, 14, 15] as const;

// ---- c0: identification -------------------------------------------------------------------

/** QEMU 7.2 cortex-a15 MIDR (r2p0 in 7.2's model). */
export const CORTEX_A15_MIDR = 0x414fc0f0;
const midr = constant("MIDR", CORTEX_A15_MIDR);
// opc2 4, 6 and 7 are not separate registers on this model: they read MIDR (REVIDR included).
for (const opc2 of [0, 4, 6, 7]) defineCp15(cpKey(0, 0, 0, opc2), midr);
defineCp15(cpKey(0, 0, 0, 1), constant("CTR", 0x8444c004));
defineCp15(cpKey(0, 0, 0, 2), constant("TCMTR", 0));
defineCp15(cpKey(0, 0, 0, 3), constant("TLBTR", 0));
defineCp15(cpKey(0, 0, 0, 5), {
  name: "MPIDR",
  access: CpAccess.PL1_R,
  // MP extensions (bit 31); affinity: clusters of 8 CPUs as on virt with GICv2.
  read: (cpu) => (0x80000000 | ((cpu.index >> 3) << 8) | (cpu.index & 7)) | 0,
});
const ID_REGS: ReadonlyArray<readonly [number, number, string, number]> = [
  [1, 0, "ID_PFR0", 0x00001131],
  [1, 1, "ID_PFR1", 0x00010001],
  [1, 2, "ID_DFR0", 0x02010505],
  [1, 3, "ID_AFR0", 0],
  [1, 4, "ID_MMFR0", 0x10201105],
  [1, 5, "ID_MMFR1", 0x20000000],
  [1, 6, "ID_MMFR2", 0x01240000],
  [1, 7, "ID_MMFR3", 0x02102211],
  [2, 0, "ID_ISAR0", 0x02101110],
  [2, 1, "ID_ISAR1", 0x13112111],
  [2, 2, "ID_ISAR2", 0x21232041],
  [2, 3, "ID_ISAR3", 0x11112131],
  [2, 4, "ID_ISAR4", 0x10011142],
  [2, 5, "ID_ISAR5", 0],
  [2, 6, "ID_ISAR6", 0],
  [2, 7, "ID_ISAR7", 0],
];
for (const [crm, opc2, name, v] of ID_REGS) defineCp15(cpKey(0, 0, crm, opc2), constant(name, v));
// The rest of the ID space (c0, c3-c7) is RAZ.
defineRange(defineCp15, 0, [0], [3, 4, 5, 6, 7], ALL8, constant("ID_RAZ", 0));

/** CCSIDR per CSSELR value: L1 D 32 KiB 2-way, L1 I 32 KiB 2-way, L2 4 MiB 16-way. */
const CCSIDR = [0x701fe00a, 0x201fe00a, 0x711fe07a];
defineCp15(cpKey(0, 1, 0, 0), {
  name: "CCSIDR",
  access: CpAccess.PL1_R,
  read: (cpu) => CCSIDR[cpu.cp15.csselr] ?? 0,
});
defineCp15(cpKey(0, 1, 0, 1), constant("CLIDR", 0x0a200023));
defineCp15(cpKey(0, 1, 0, 7), constant("AIDR", 0));
defineCp15(cpKey(0, 2, 0, 0), field("CSSELR", "csselr", 0xf));

// ---- c1: system control -------------------------------------------------------------------

// Every SCTLR bit is writable in QEMU's model (cp15-mmu.ts adds the TLB flush).
defineCp15(cpKey(1, 0, 0, 0), field("SCTLR", "sctlr", -1, CpAccess.PL1_RW, true));
defineCp15(cpKey(1, 0, 0, 1), constant("ACTLR", 0, CpAccess.PL1_RW));
/** CPACR bits that exist with VFPv4 and NEON: ASEDIS, D32DIS, cp11, cp10. */
export const CPACR_MASK = 0xc0f00000 | 0;
/** CPACR.ASEDIS: reads as one on a CPU without Advanced SIMD (QEMU's `neon=off`). */
export const CPACR_ASEDIS = 1 << 31;
defineCp15(cpKey(1, 0, 0, 2), {
  ...field("CPACR", "cpacr", CPACR_MASK, CpAccess.PL1_RW, true),
  read: (cpu) => (cpu.hasNeon ? cpu.cp15.cpacr : cpu.cp15.cpacr | CPACR_ASEDIS) >>> 0,
});

// HACTLR exists in QEMU's tables but UNDEFs without EL2: no -d unimp line for it.
defineCp15(cpKey(1, 4, 0, 1), { name: "HACTLR", access: CpAccess.PL1_RW });

// ---- c2, c3: translation table base and control, domains ------------------------------------

defineCp15(cpKey(2, 0, 0, 0), field("TTBR0", "ttbr0", -1, CpAccess.PL1_RW, true));
defineCp15(cpKey(2, 0, 0, 1), field("TTBR1", "ttbr1", -1, CpAccess.PL1_RW, true));
/** TTBCR.EAE: the long-descriptor (LPAE) format. */
export const TTBCR_EAE = 1 << 31;
/** Bits UNK/SBZP with EAE set (QEMU clears them): [21:19], [15:14], [6:3]. */
const TTBCR_LPAE_RES0 = (7 << 19) | (3 << 14) | (0xf << 3);
defineCp15(cpKey(2, 0, 0, 2), {
  name: "TTBCR",
  access: CpAccess.PL1_RW,
  read: (cpu) => cpu.cp15.ttbcr | 0,
  write: (cpu, v) => {
    cpu.cp15.ttbcr = v & TTBCR_EAE ? v & ~TTBCR_LPAE_RES0 : v & 7;
  },
  endsTb: true,
});
for (
  const [opc1, name, lo, hi] of [[0, "TTBR0", "ttbr0", "ttbr0hi"], [
    1,
    "TTBR1",
    "ttbr1",
    "ttbr1hi",
  ]] as const
) {
  defineCp15(cpKey64(opc1, 2), {
    name: name + "(64)",
    access: CpAccess.PL1_RW,
    read64: (cpu) => [cpu.cp15[lo] | 0, cpu.cp15[hi] | 0],
    write64: (cpu, l, h) => {
      cpu.cp15[lo] = l;
      cpu.cp15[hi] = h;
    },
    endsTb: true,
  });
}
// QEMU 7.2 answers every c3 encoding with DACR (the entry for c3 has wildcards).
const DACR_KEY = cpKey(3, 0, 0, 0);
defineRange(defineCp15, 3, ALL8, ALL16, ALL8, {
  name: "DACR(alias)",
  access: CpAccess.PL1_RW,
  // Looked up at access time so that a wrapped DACR (cp15-mmu.ts) is used.
  read: (cpu) => CP15_REGS.get(DACR_KEY)!.read!(cpu),
  write: (cpu, v) => CP15_REGS.get(DACR_KEY)!.write!(cpu, v),
  endsTb: true,
});
defineCp15(DACR_KEY, field("DACR", "dacr", -1, CpAccess.PL1_RW, true));

// ---- c5, c6: faults -----------------------------------------------------------------------

defineCp15(cpKey(5, 0, 0, 0), field("DFSR", "dfsr"));
defineCp15(cpKey(5, 0, 0, 1), field("IFSR", "ifsr"));
defineCp15(cpKey(5, 0, 1, 0), constant("ADFSR", 0, CpAccess.PL1_RW));
defineCp15(cpKey(5, 0, 1, 1), constant("AIFSR", 0, CpAccess.PL1_RW));
defineCp15(cpKey(6, 0, 0, 0), field("DFAR", "dfar"));
defineCp15(cpKey(6, 0, 0, 1), constant("WFAR", 0, CpAccess.PL1_RW));
defineCp15(cpKey(6, 0, 0, 2), field("IFAR", "ifar"));

// ---- c7: cache maintenance, PAR, barriers ---------------------------------------------------

// Caches are not modelled: every c7 operation is accepted (QEMU's CACHEMAINT wildcard); the
// specific entries below and the ATS operations (cp15-mmu.ts) override it.
defineRange(defineCp15, 7, [0], ALL16, ALL8, nop("CACHEMAINT", CpAccess.PL1_W));
defineCp15(cpKey(7, 0, 0, 4), nop("NOP(WFI)", CpAccess.PL1_W));
defineCp15(cpKey(7, 0, 4, 0), field("PAR", "par"));
defineCp15(cpKey64(0, 7), {
  name: "PAR(64)",
  access: CpAccess.PL1_RW,
  read64: (cpu) => [cpu.cp15.par | 0, cpu.cp15.parhi | 0],
  write64: (cpu, l, h) => {
    cpu.cp15.par = l;
    cpu.cp15.parhi = h;
  },
});
defineCp15(cpKey(7, 0, 5, 4), writeOnly("CP15ISB", CpAccess.PL0_W, true));
defineCp15(cpKey(7, 0, 10, 4), nop("CP15DSB", CpAccess.PL0_W));
defineCp15(cpKey(7, 0, 10, 5), nop("CP15DMB", CpAccess.PL0_W));

// ---- c9: Cortex-A15 L2 control (RAZ/WI apart from QEMU 7.2's values); PMU: pmu.ts -----------
defineCp15(cpKey(9, 1, 0, 2), constant("L2CTLR", 0x00800000, CpAccess.PL1_RW));
defineCp15(cpKey(9, 1, 0, 3), constant("L2ECTLR", 0, CpAccess.PL1_RW));

// ---- c10: memory attributes, TLB lockdown ------------------------------------------------

defineRange(defineCp15, 10, ALL8, [0, 1, 4, 8], ALL8, nop("TLB_LOCKDOWN"));
defineCp15(cpKey(10, 0, 2, 0), field("PRRR", "prrr", -1, CpAccess.PL1_RW, true));
defineCp15(cpKey(10, 0, 2, 1), field("NMRR", "nmrr", -1, CpAccess.PL1_RW, true));
defineCp15(cpKey(10, 0, 3, 0), constant("AMAIR0", 0, CpAccess.PL1_RW));
defineCp15(cpKey(10, 0, 3, 1), constant("AMAIR1", 0, CpAccess.PL1_RW));

// ---- c12, c13: vectors, interrupt status, process and thread IDs -----------------------------

defineCp15(cpKey(12, 0, 0, 0), field("VBAR", "vbar", ~0x1f));
defineCp15(cpKey(12, 0, 1, 0), {
  name: "ISR",
  access: CpAccess.PL1_R,
  // I and F report the interrupt inputs (pending, masked or not); A (SError) never.
  read: (cpu) => (cpu.irqLine ? 1 << 7 : 0) | (cpu.fiqLine ? 1 << 6 : 0),
});
defineCp15(cpKey(13, 0, 0, 0), field("FCSEIDR", "fcseidr"));
defineCp15(cpKey(13, 0, 0, 1), field("CONTEXTIDR", "contextidr", -1, CpAccess.PL1_RW, true));
defineCp15(cpKey(13, 0, 0, 2), field("TPIDRURW", "tpidrurw", -1, CpAccess.PL0_RW));
defineCp15(cpKey(13, 0, 0, 3), field("TPIDRURO", "tpidruro", -1, CpAccess.PL0_R_PL1_RW));
defineCp15(cpKey(13, 0, 0, 4), field("TPIDRPRW", "tpidrprw"));

// ---- c15: implementation defined --------------------------------------------------------

defineRange(defineCp15, 15, ALL8, ALL16, ALL8, constant("IMPDEF", 0, CpAccess.PL1_RW));
defineCp15(cpKey(15, 4, 0, 0), field("CBAR", "cbar", -1, CpAccess.PL1_R));

// ---- CP14: debug (v7.1), ThumbEE, Jazelle ---------------------------------------------------

/** DBGDIDR: 4 WRPs, 6 BRPs, 2 context BRPs, debug v7.1, revision/variant of QEMU's A15. */
export const CORTEX_A15_DBGDIDR = 0x3515f021;
defineCp14(cpKey(0, 0, 0, 0), constant("DBGDIDR", CORTEX_A15_DBGDIDR, CpAccess.PL0_R));
defineCp14(cpKey(0, 0, 1, 0), {
  name: "DBGDSCRint",
  access: CpAccess.PL1_R,
  read: (cpu) => cpu.cp15.mdscr,
});
defineCp14(cpKey(0, 0, 2, 0), nop("DBGDCCINT"));
defineCp14(cpKey(0, 0, 2, 2), field("DBGDSCRext", "mdscr"));
defineCp14(cpKey(0, 0, 7, 0), nop("DBGVCR"));
for (let n = 0; n < DBG_NUM_BRPS; n++) {
  defineCp14(cpKey(0, 0, n, 4), {
    name: `DBGBVR${n}`,
    access: CpAccess.PL1_RW,
    read: (cpu) => cpu.cp15.dbgbvr[n],
    write: (cpu, v) => void (cpu.cp15.dbgbvr[n] = v),
  });
  defineCp14(cpKey(0, 0, n, 5), {
    name: `DBGBCR${n}`,
    access: CpAccess.PL1_RW,
    read: (cpu) => cpu.cp15.dbgbcr[n],
    write: (cpu, v) => void (cpu.cp15.dbgbcr[n] = v),
  });
}
for (let n = 0; n < DBG_NUM_WRPS; n++) {
  defineCp14(cpKey(0, 0, n, 6), {
    name: `DBGWVR${n}`,
    access: CpAccess.PL1_RW,
    read: (cpu) => cpu.cp15.dbgwvr[n],
    write: (cpu, v) => void (cpu.cp15.dbgwvr[n] = v & ~3),
  });
  defineCp14(cpKey(0, 0, n, 7), {
    name: `DBGWCR${n}`,
    access: CpAccess.PL1_RW,
    read: (cpu) => cpu.cp15.dbgwcr[n],
    write: (cpu, v) => void (cpu.cp15.dbgwcr[n] = v),
  });
}
/** OSLAR key that sets the OS lock. */
const OSLAR_KEY = 0xc5acce55 | 0;
defineCp14(cpKey(1, 0, 0, 0), constant("DBGDRAR", 0, CpAccess.PL0_R));
defineCp14(cpKey(2, 0, 0, 0), constant("DBGDSAR", 0, CpAccess.PL0_R));
defineCp14(cpKey64(0, 1), { name: "DBGDRAR(64)", access: CpAccess.PL0_R, read64: () => [0, 0] });
defineCp14(cpKey64(0, 2), { name: "DBGDSAR(64)", access: CpAccess.PL0_R, read64: () => [0, 0] });
defineCp14(cpKey(1, 0, 0, 4), {
  name: "DBGOSLAR",
  access: CpAccess.PL1_W,
  write: (cpu, v) => void (cpu.cp15.oslk = v === OSLAR_KEY ? 1 : 0),
});
defineCp14(cpKey(1, 0, 1, 4), {
  name: "DBGOSLSR",
  access: CpAccess.PL1_R,
  // OSLM = 0b10 (the v7.1 OS lock), OSLK.
  read: (cpu) => 0x8 | (cpu.cp15.oslk << 1),
});
defineCp14(cpKey(1, 0, 3, 4), field("DBGOSDLR", "osdlr", 1));
// Debug device ID registers QEMU reports at c7, c0.
defineCp14(cpKey(7, 0, 0, 0), constant("DBG_C7_0", 0));
defineCp14(cpKey(7, 0, 0, 1), constant("DBG_C7_1", 0));
defineCp14(cpKey(7, 0, 0, 2), constant("DBG_C7_2", 0x01110f13));
defineCp14(cpKey(0, 6, 0, 0), field("TEECR", "teecr", 1));
defineCp14(cpKey(1, 6, 0, 0), {
  name: "TEEHBR",
  access: CpAccess.PL0_RW,
  // PL0 access is allowed while TEECR.XED is clear.
  read: (cpu) => (teeAccess(cpu), cpu.cp15.teehbr),
  write: (cpu, v) => (teeAccess(cpu), void (cpu.cp15.teehbr = v)),
});
function teeAccess(cpu: ArmCpu): void {
  if ((cpu.uncachedCpsr & 0x1f) === 0x10 && (cpu.cp15.teecr & 1) !== 0) {
    throw new GuestException(Excp.UDEF);
  }
}
defineCp14(cpKey(0, 7, 0, 0), constant("JIDR", 0));
defineCp14(cpKey(1, 7, 0, 0), constant("JOSCR", 0, CpAccess.PL1_RW));
defineCp14(cpKey(2, 7, 0, 0), constant("JMCR", 0, CpAccess.PL1_RW));
