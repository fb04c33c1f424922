/**
 * CP15 operations of the MMU (QEMU 7.2's TLB and ATS register definitions for a Cortex-A15
 * without EL2/EL3): TLB maintenance (TLBIALL, TLBIMVA, TLBIASID, TLBIMVAA, their
 * inner-shareable forms and the ITLB/DTLB variants), the ATS1C* address translation
 * operations writing the short-descriptor PAR, and the register writes that must flush the
 * software TLB (SCTLR, TTBCR, DACR, and CONTEXTIDR when the ASID changes).
 *
 * The software TLB keeps entries from nG mappings apart and drops them when the ASID in
 * CONTEXTIDR changes, so it only ever holds nG entries of the current ASID: TLBIASID of
 * another ASID has nothing to remove. QEMU instead flushes everything on any CONTEXTIDR change
 * and on TLBIASID; the difference is only visible to a guest that changes global mappings
 * without TLB maintenance. With one vCPU the inner-shareable forms act locally.
 *
 * Imported for its side effects by `a32.ts`, after `cp15.ts` (the register writes it wraps
 * are looked up there at import time).
 *
 * @module
 */

import type { ArmCpu } from "./cpu.ts";
import { CP15_REGS, CpAccess, cpKey, type CpReg, defineCp15 } from "./cp15.ts";
import { Excp, GuestException } from "./exception.ts";
import { Access, atsTranslate, MmuIdx, tlbOf, TranslateResult } from "./mmu.ts";

/** CONTEXTIDR.ASID. */
export const CONTEXTIDR_ASID_MASK = 0xff;
/** The MVA field of a TLB maintenance operand (the rest holds the ASID). */
const MVA_MASK = 0xfffff000 | 0;

function flushAll(cpu: ArmCpu): void {
  tlbOf(cpu)?.flushAll();
}

function flushMva(cpu: ArmCpu, value: number): void {
  tlbOf(cpu)?.flushPage(value & MVA_MASK);
}

function flushAsid(cpu: ArmCpu, value: number): void {
  if (((value ^ cpu.cp15.contextidr) & CONTEXTIDR_ASID_MASK) === 0) {
    tlbOf(cpu)?.flushNonGlobal();
  }
}

const op = (name: string, write: (cpu: ArmCpu, value: number) => void): CpReg => ({
  name,
  access: CpAccess.PL1_W,
  write,
});

// TLB maintenance (c8): CRm 3 inner shareable, 5 instruction, 6 data, 7 unified.
for (
  const [crm, prefix] of [[3, ""], [5, "I"], [6, "D"], [7, ""]] as const
) {
  const is = crm === 3 ? "IS" : "";
  const tlb = prefix === "" ? "TLB" : `${prefix}TLB`;
  defineCp15(cpKey(8, 0, crm, 0), op(`${tlb}IALL${is}`, flushAll));
  defineCp15(cpKey(8, 0, crm, 1), op(`${tlb}IMVA${is}`, flushMva));
  defineCp15(cpKey(8, 0, crm, 2), op(`${tlb}IASID${is}`, flushAsid));
  if (prefix === "") defineCp15(cpKey(8, 0, crm, 3), op(`TLBIMVAA${is}`, flushMva));
}

// Address translation (c7, c8): ATS1CPR, ATS1CPW, ATS1CUR, ATS1CUW. The ATS12NSO* forms
// (opc2 4-7) are UNDEFINED from Non-secure PL1 without EL2.
const atsResult = new TranslateResult();
const ATS_NAMES = ["ATS1CPR", "ATS1CPW", "ATS1CUR", "ATS1CUW"];
for (let opc2 = 0; opc2 < 8; opc2++) {
  if (opc2 >= 4) {
    defineCp15(
      cpKey(7, 0, 8, opc2),
      op(`ATS12NSO${opc2 & 2 ? "U" : "P"}${opc2 & 1 ? "W" : "R"}`, () => {
        throw new GuestException(Excp.UDEF);
      }),
    );
    continue;
  }
  const access = opc2 & 1 ? Access.WRITE : Access.READ;
  const idx = opc2 & 2 ? MmuIdx.USER : MmuIdx.KERNEL;
  defineCp15(
    cpKey(7, 0, 8, opc2),
    op(ATS_NAMES[opc2], (cpu, value) => {
      const tlb = tlbOf(cpu);
      if (!tlb) return;
      cpu.cp15.par = atsTranslate(cpu, tlb.as, value, access, idx, atsResult) | 0;
    }),
  );
}

/**
 * Replaces the write of register `key` by one that runs the current write (from `cp15.ts`,
 * or `fallback` when the table has none) and then `after(cpu, before, value)`, where
 * `before` is what `read` returned before the write.
 */
function afterWrite(
  key: number,
  name: string,
  read: (cpu: ArmCpu) => number,
  fallback: (cpu: ArmCpu, value: number) => void,
  after: (cpu: ArmCpu, before: number, value: number) => void,
): void {
  const prev = CP15_REGS.get(key);
  const write = prev?.write ?? fallback;
  defineCp15(key, {
    name,
    access: CpAccess.PL1_RW,
    read: (cpu) => read(cpu) >>> 0,
    ...prev,
    write: (cpu, value) => {
      const before = read(cpu);
      write(cpu, value);
      after(cpu, before, value);
    },
    endsTb: true,
  });
}

// SCTLR (M, AFE...), TTBCR and DACR change every translation: QEMU flushes on any write.
afterWrite(
  cpKey(1, 0, 0, 0),
  "SCTLR",
  (cpu) => cpu.cp15.sctlr,
  (cpu, v) => cpu.cp15.sctlr = v,
  (cpu) => flushAll(cpu),
);
afterWrite(
  cpKey(2, 0, 0, 2),
  "TTBCR",
  (cpu) => cpu.cp15.ttbcr,
  (cpu, v) => cpu.cp15.ttbcr = v & 0x7,
  (cpu) => flushAll(cpu),
);
afterWrite(
  cpKey(3, 0, 0, 0),
  "DACR",
  (cpu) => cpu.cp15.dacr,
  (cpu, v) => cpu.cp15.dacr = v,
  (cpu) => flushAll(cpu),
);
// CONTEXTIDR: a new ASID makes the nG entries of the old one invisible.
afterWrite(
  cpKey(13, 0, 0, 1),
  "CONTEXTIDR",
  (cpu) => cpu.cp15.contextidr,
  (cpu, v) => cpu.cp15.contextidr = v,
  (cpu, before) => {
    if (((before ^ cpu.cp15.contextidr) & CONTEXTIDR_ASID_MASK) !== 0) {
      tlbOf(cpu)?.flushNonGlobal();
    }
  },
);
