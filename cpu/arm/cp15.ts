/**
 * The CP15 register table (QEMU's ARMCPRegInfo lists for a Cortex-A15 without Security or
 * Virtualization Extensions): MRC/MCR and MRRC/MCRR accesses are decoded at translation time
 * to one entry; accesses to anything not in the table are UNDEFINED and logged under `-d unimp`.
 *
 * @module
 */

import type { ArmCpu } from "./cpu.ts";

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
  /** A write changes translation state: the TB ends after the MCR. */
  endsTb?: boolean;
}

/** Key of a 32-bit register: cp15 c<crn>, opc1, c<crm>, opc2. */
export function cpKey(crn: number, opc1: number, crm: number, opc2: number): number {
  return (crn << 12) | (opc1 << 8) | (crm << 4) | opc2;
}

/** Key of a 64-bit register: opc1 and crm (kept apart from 32-bit keys). */
export function cpKey64(opc1: number, crm: number): number {
  return 0x10000 | (opc1 << 4) | crm;
}

/** Registers by key. Register groups add themselves with `defineCp15`. */
export const CP15_REGS: Map<number, CpReg> = new Map();

/** Adds registers to the table. */
export function defineCp15(key: number, reg: CpReg): void {
  CP15_REGS.set(key, reg);
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
  }
}

/** Formats a coprocessor access for `-d unimp` as QEMU does. */
export function describeCpAccess(
  isRead: boolean,
  cp: number,
  opc1: number,
  crn: number,
  crm: number,
  opc2: number,
  pc: number,
): string {
  return `${isRead ? "read" : "write"} access to unsupported AArch32 system register ` +
    `cp:${cp} opc1:${opc1} crn:${crn} crm:${crm} opc2:${opc2} (non-secure) at pc 0x${
      (pc >>> 0).toString(16).padStart(8, "0")
    }\n`;
}

const c = (reg: Partial<CpReg> & { name: string }, access = CpAccess.PL1_RW): CpReg => ({
  access,
  ...reg,
});
const constant = (name: string, value: number, access = CpAccess.PL1_R): CpReg =>
  c({ name, read: () => value >>> 0 }, access);
const nop = (name: string): CpReg => c({ name, write: () => {} }, CpAccess.PL1_W);

// Identification (values of QEMU 7.2's cortex-a15 with EL2/EL3 absent).
defineCp15(cpKey(0, 0, 0, 0), constant("MIDR", 0x414fc0f0));
defineCp15(cpKey(0, 0, 0, 1), constant("CTR", 0x8444c004));
defineCp15(cpKey(0, 0, 0, 2), constant("TCMTR", 0));
defineCp15(cpKey(0, 0, 0, 3), constant("TLBTR", 0));
defineCp15(
  cpKey(0, 0, 0, 5),
  c({ name: "MPIDR", read: (cpu) => (0x80000000 | cpu.index) >>> 0 }, CpAccess.PL1_R),
);
defineCp15(cpKey(0, 0, 0, 6), constant("REVIDR", 0));
defineCp15(cpKey(0, 0, 0, 4), constant("MIDR(alias)", 0x414fc0f0));
defineCp15(cpKey(0, 0, 0, 7), constant("MIDR(alias)", 0x414fc0f0));
defineCp15(cpKey(0, 0, 1, 0), constant("ID_PFR0", 0x00001131));
defineCp15(cpKey(0, 0, 1, 1), constant("ID_PFR1", 0x00000011));
defineCp15(cpKey(0, 0, 1, 2), constant("ID_DFR0", 0x02010555));
defineCp15(cpKey(0, 0, 1, 3), constant("ID_AFR0", 0));
defineCp15(cpKey(0, 0, 1, 4), constant("ID_MMFR0", 0x10201105));
defineCp15(cpKey(0, 0, 1, 5), constant("ID_MMFR1", 0x20000000));
defineCp15(cpKey(0, 0, 1, 6), constant("ID_MMFR2", 0x01240000));
defineCp15(cpKey(0, 0, 1, 7), constant("ID_MMFR3", 0x02102211));
defineCp15(cpKey(0, 0, 2, 0), constant("ID_ISAR0", 0x02101110));
defineCp15(cpKey(0, 0, 2, 1), constant("ID_ISAR1", 0x13112111));
defineCp15(cpKey(0, 0, 2, 2), constant("ID_ISAR2", 0x21232041));
defineCp15(cpKey(0, 0, 2, 3), constant("ID_ISAR3", 0x11112131));
defineCp15(cpKey(0, 0, 2, 4), constant("ID_ISAR4", 0x10011142));
defineCp15(cpKey(0, 0, 2, 5), constant("ID_ISAR5", 0));
defineCp15(
  cpKey(0, 1, 0, 0),
  c({ name: "CCSIDR", read: (cpu) => ccsidr(cpu.cp15.csselr) }, CpAccess.PL1_R),
);
defineCp15(cpKey(0, 1, 0, 1), constant("CLIDR", 0x0a200023));
defineCp15(cpKey(0, 1, 0, 7), constant("AIDR", 0));
defineCp15(
  cpKey(0, 2, 0, 0),
  c({
    name: "CSSELR",
    read: (cpu) => cpu.cp15.csselr,
    write: (cpu, v) => cpu.cp15.csselr = v & 0xf,
  }),
);

function ccsidr(csselr: number): number {
  switch (csselr & 0xf) {
    case 0:
      return 0x701fe00a; // L1 D-cache 32 KiB 2-way
    case 1:
      return 0x201fe00a; // L1 I-cache 32 KiB 2-way
    case 2:
      return 0x711fe07a; // L2 4 MiB 16-way
    default:
      return 0;
  }
}

// System control.
defineCp15(
  cpKey(1, 0, 0, 0),
  c({
    name: "SCTLR",
    read: (cpu) => cpu.cp15.sctlr >>> 0,
    write: (cpu, v) => cpu.cp15.sctlr = sctlrWrite(v),
    endsTb: true,
  }),
);
defineCp15(
  cpKey(1, 0, 0, 1),
  c({ name: "ACTLR", read: (cpu) => cpu.cp15.actlr, write: (cpu, v) => cpu.cp15.actlr = v }),
);
defineCp15(
  cpKey(1, 0, 0, 2),
  c({
    name: "CPACR",
    read: (cpu) => cpu.cp15.cpacr >>> 0,
    write: (cpu, v) => cpu.cp15.cpacr = v & 0x00f00000,
    endsTb: true,
  }),
);

/** SCTLR bits that are RAO/RAZ or writable on the A15 (QEMU masks little here). */
function sctlrWrite(v: number): number {
  return v | 0;
}

// Memory system registers (their effects come with the MMU).
defineCp15(
  cpKey(2, 0, 0, 0),
  c({
    name: "TTBR0",
    read: (cpu) => cpu.cp15.ttbr0 >>> 0,
    write: (cpu, v) => cpu.cp15.ttbr0 = v,
    endsTb: true,
  }),
);
defineCp15(
  cpKey(2, 0, 0, 1),
  c({
    name: "TTBR1",
    read: (cpu) => cpu.cp15.ttbr1 >>> 0,
    write: (cpu, v) => cpu.cp15.ttbr1 = v,
    endsTb: true,
  }),
);
defineCp15(
  cpKey(2, 0, 0, 2),
  c({
    name: "TTBCR",
    read: (cpu) => cpu.cp15.ttbcr >>> 0,
    write: (cpu, v) => cpu.cp15.ttbcr = v & 0x7,
    endsTb: true,
  }),
);
defineCp15(
  cpKey(3, 0, 0, 0),
  c({
    name: "DACR",
    read: (cpu) => cpu.cp15.dacr >>> 0,
    write: (cpu, v) => cpu.cp15.dacr = v,
    endsTb: true,
  }),
);
defineCp15(
  cpKey(5, 0, 0, 0),
  c({ name: "DFSR", read: (cpu) => cpu.cp15.dfsr >>> 0, write: (cpu, v) => cpu.cp15.dfsr = v }),
);
defineCp15(
  cpKey(5, 0, 0, 1),
  c({ name: "IFSR", read: (cpu) => cpu.cp15.ifsr >>> 0, write: (cpu, v) => cpu.cp15.ifsr = v }),
);
defineCp15(cpKey(5, 0, 1, 0), c({ name: "ADFSR", read: () => 0, write: () => {} }));
defineCp15(cpKey(5, 0, 1, 1), c({ name: "AIFSR", read: () => 0, write: () => {} }));
defineCp15(
  cpKey(6, 0, 0, 0),
  c({ name: "DFAR", read: (cpu) => cpu.cp15.dfar >>> 0, write: (cpu, v) => cpu.cp15.dfar = v }),
);
defineCp15(
  cpKey(6, 0, 0, 2),
  c({ name: "IFAR", read: (cpu) => cpu.cp15.ifar >>> 0, write: (cpu, v) => cpu.cp15.ifar = v }),
);
defineCp15(
  cpKey(7, 0, 4, 0),
  c({ name: "PAR", read: (cpu) => cpu.cp15.par >>> 0, write: (cpu, v) => cpu.cp15.par = v }),
);
defineCp15(
  cpKey(10, 0, 2, 0),
  c({
    name: "PRRR",
    read: (cpu) => cpu.cp15.prrr >>> 0,
    write: (cpu, v) => cpu.cp15.prrr = v,
    endsTb: true,
  }),
);
defineCp15(
  cpKey(10, 0, 2, 1),
  c({
    name: "NMRR",
    read: (cpu) => cpu.cp15.nmrr >>> 0,
    write: (cpu, v) => cpu.cp15.nmrr = v,
    endsTb: true,
  }),
);
defineCp15(
  cpKey(12, 0, 0, 0),
  c({
    name: "VBAR",
    read: (cpu) => cpu.cp15.vbar >>> 0,
    write: (cpu, v) => cpu.cp15.vbar = v & ~0x1f,
  }),
);
defineCp15(cpKey(13, 0, 0, 0), c({ name: "FCSEIDR", read: () => 0, write: () => {} }));
defineCp15(
  cpKey(13, 0, 0, 1),
  c({
    name: "CONTEXTIDR",
    read: (cpu) => cpu.cp15.contextidr >>> 0,
    write: (cpu, v) => cpu.cp15.contextidr = v,
    endsTb: true,
  }),
);
defineCp15(
  cpKey(13, 0, 0, 2),
  c({
    name: "TPIDRURW",
    read: (cpu) => cpu.cp15.tpidrurw >>> 0,
    write: (cpu, v) => cpu.cp15.tpidrurw = v,
  }, CpAccess.PL0_RW),
);
defineCp15(
  cpKey(13, 0, 0, 3),
  c({
    name: "TPIDRURO",
    read: (cpu) => cpu.cp15.tpidruro >>> 0,
    write: (cpu, v) => cpu.cp15.tpidruro = v,
  }, CpAccess.PL0_R_PL1_RW),
);
defineCp15(
  cpKey(13, 0, 0, 4),
  c({
    name: "TPIDRPRW",
    read: (cpu) => cpu.cp15.tpidrprw >>> 0,
    write: (cpu, v) => cpu.cp15.tpidrprw = v,
  }),
);

// Cache and branch predictor maintenance: accepted, no effect (caches are not modelled).
for (
  const [crm, opc2, name] of [
    [0, 4, "WFI(cp15)"],
    [1, 0, "ICIALLUIS"],
    [1, 6, "BPIALLIS"],
    [5, 0, "ICIALLU"],
    [5, 1, "ICIMVAU"],
    [5, 6, "BPIALL"],
    [5, 7, "BPIMVA"],
    [6, 1, "DCIMVAC"],
    [6, 2, "DCISW"],
    [10, 1, "DCCMVAC"],
    [10, 2, "DCCSW"],
    [11, 1, "DCCMVAU"],
    [14, 1, "DCCIMVAC"],
    [14, 2, "DCCISW"],
  ] as const
) {
  if (name !== "WFI(cp15)") defineCp15(cpKey(7, 0, crm, opc2), nop(name));
}
// CP15 barrier operations (deprecated but present on v7): CP15ISB, CP15DSB, CP15DMB.
defineCp15(
  cpKey(7, 0, 5, 4),
  c({ name: "CP15ISB", write: () => {}, endsTb: true }, CpAccess.PL0_RW),
);
defineCp15(cpKey(7, 0, 10, 4), c({ name: "CP15DSB", write: () => {} }, CpAccess.PL0_RW));
defineCp15(cpKey(7, 0, 10, 5), c({ name: "CP15DMB", write: () => {} }, CpAccess.PL0_RW));
