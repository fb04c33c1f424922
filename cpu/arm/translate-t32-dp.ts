/**
 * Thumb-2 data processing: the ALU operations with a modified immediate (ThumbExpandImm and
 * its carry rule), a shifted register or a register-controlled shift (MOV forms), the plain
 * binary immediates (ADDW/SUBW, ADR, MOVW/MOVT), saturation, bit fields and PKH, following
 * QEMU 7.2's t32.decode. Semantics are the A32 emitters'.
 *
 * Writes to the pc: a branch without interworking (ALUWritePC in Thumb), except ADR (QEMU's
 * store_reg_bx) and the exception returns SUBS pc, lr, #imm and MOVS pc (QEMU treats the other
 * flag-setting forms as branches).
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import type { Fields } from "./decodetree.ts";
import { T32_TABLE } from "./translate-t32-table.ts";
import {
  emitAlu,
  Op,
  type Operand2,
  shiftImmOperand,
  shiftRegOperand,
} from "./translate-a32-dp.ts";
import { storeRegs } from "./translate-a32-mul.ts";
import { bfi, bfx, pkh, sat, sat16 } from "./translate-a32-media.ts";
import { constOperand } from "./translate-t16.ts";
import { DisasJump } from "./disas-context.ts";

/**
 * ThumbExpandImm_C: the 32-bit value of a T32 modified immediate `imm12` (i:imm3:imm8) and its
 * carry-out (null when C is unchanged: the replicated-byte forms).
 */
export function thumbExpandImm(imm12: number): Operand2 {
  const imm8 = imm12 & 0xff;
  if ((imm12 & 0xc00) === 0) {
    const v = [imm8, imm8 * 0x00010001, imm8 * 0x01000100, imm8 * 0x01010101][(imm12 >> 8) & 3];
    return { setup: [], value: String(v | 0), carry: null };
  }
  const unrot = 0x80 | (imm12 & 0x7f);
  const rot = (imm12 >> 7) & 0x1f;
  const v = ((unrot >>> rot) | (unrot << (32 - rot))) | 0;
  return { setup: [], value: String(v), carry: String(v >>> 31) };
}

/** The T32 ALU opcodes (bits 24:21) as A32 operations; ORN (3) has none. */
const T32_OPS: ReadonlyArray<Op | -1> = [
  Op.AND,
  Op.BIC,
  Op.ORR,
  -1,
  Op.EOR,
  -1,
  -1,
  -1,
  Op.ADD,
  -1,
  Op.ADC,
  Op.SBC,
  -1,
  Op.SUB,
  Op.RSB,
  -1,
];

/** Emits T32 ALU operation `op` (bits 24:21; ORN included). */
function alu(
  s: DisasContext,
  op: number,
  sf: boolean,
  rd: number,
  rn: number,
  o: Operand2,
): boolean | void {
  if (op === 3) {
    // ORN: ORR with the inverted operand (its shifter carry is kept).
    const inv = { setup: o.setup, value: `(~${o.value})`, carry: o.carry };
    return emitAlu(s, Op.ORR, sf, rd, s.reg(rn), inv, false);
  }
  const a32 = T32_OPS[op];
  if (a32 < 0) return false;
  return emitAlu(s, a32 as Op, sf, rd, s.reg(rn), o, sf && rd === 15 && a32 === Op.SUB);
}

/** MOV/MVN (the ORR/ORN forms with Rn = r15); MOVS pc is an exception return. */
function mov(s: DisasContext, mvn: boolean, sf: boolean, rd: number, o: Operand2) {
  return emitAlu(s, mvn ? Op.MVN : Op.MOV, sf, rd, "0", o, sf && rd === 15 && !mvn);
}

/** Compare forms (S = 1, Rd = r15): TST, TEQ, CMN, CMP. */
function cmp(s: DisasContext, op: Op, rn: number, o: Operand2) {
  return emitAlu(s, op, true, 0, s.reg(rn), o);
}

/** Adds the ALU patterns of one operand kind (`prefix` = bits 31:25, `tail` = bits 15:0). */
function aluGroup(
  kind: string,
  prefix: string,
  tail: string,
  operand: (s: DisasContext, f: Fields) => Operand2,
): void {
  const t = T32_TABLE;
  const p = (op: string, rest: string) => `${prefix}${op}${rest} ${tail}`;
  t.add("TST_" + kind, p("0000", "1 nnnn").replace(/dddd/, "1111"), (s, f) => {
    return cmp(s, Op.TST, f.n, operand(s, f));
  });
  t.add("TEQ_" + kind, p("0100", "1 nnnn").replace(/dddd/, "1111"), (s, f) => {
    return cmp(s, Op.TEQ, f.n, operand(s, f));
  });
  t.add("CMN_" + kind, p("1000", "1 nnnn").replace(/dddd/, "1111"), (s, f) => {
    return cmp(s, Op.CMN, f.n, operand(s, f));
  });
  t.add("CMP_" + kind, p("1101", "1 nnnn").replace(/dddd/, "1111"), (s, f) => {
    return cmp(s, Op.CMP, f.n, operand(s, f));
  });
  t.add("MOV_" + kind, p("0010", "s 1111"), (s, f) => mov(s, false, f.s === 1, f.d, operand(s, f)));
  t.add("MVN_" + kind, p("0011", "s 1111"), (s, f) => mov(s, true, f.s === 1, f.d, operand(s, f)));
  t.add("ALU_" + kind, p("oooo", "s nnnn"), (s, f) => {
    return alu(s, f.o, f.s === 1, f.d, f.n, operand(s, f));
  });
}

/** Registers the group's patterns. */
export function registerT32DataProcessing(): void {
  const t = T32_TABLE;
  // PKH shares the shifted-register space (opcode 0110, S = 0).
  t.add("PKH", "1110 1010 1100 nnnn 0iii dddd iit0 mmmm", (s, f) => pkh(s, f));
  aluGroup(
    "r",
    "1110 101",
    "0iii dddd iitt mmmm",
    (s, f) => shiftImmOperand(s, s.reg(f.m), f.t, f.i),
  );
  aluGroup("i", "1111 0i0", "0iii dddd iiii iiii", (_s, f) => thumbExpandImm(f.i));
  t.add("MOV_rr", "1111 1010 0tts mmmm 1111 dddd 0000 rrrr", (s, f) => {
    return mov(s, false, f.s === 1, f.d, shiftRegOperand(s, s.reg(f.m), f.t, s.reg(f.r)));
  });

  // Plain binary immediates.
  t.add("ADR_add", "1111 0i10 0000 1111 0iii dddd iiii iiii", (s, f) => adr(s, f.d, f.i));
  t.add("ADDW", "1111 0i10 0000 nnnn 0iii dddd iiii iiii", (s, f) => {
    return emitAlu(s, Op.ADD, false, f.d, s.reg(f.n), constOperand(f.i));
  });
  t.add("ADR_sub", "1111 0i10 1010 1111 0iii dddd iiii iiii", (s, f) => adr(s, f.d, -f.i));
  t.add("SUBW", "1111 0i10 1010 nnnn 0iii dddd iiii iiii", (s, f) => {
    return emitAlu(s, Op.SUB, false, f.d, s.reg(f.n), constOperand(f.i));
  });
  t.add("MOVW", "1111 0i10 0100 jjjj 0iii dddd iiii iiii", (s, f) => {
    storeRegs(s, [[f.d, String((f.j << 12) | f.i)]]);
  });
  t.add("MOVT", "1111 0i10 1100 jjjj 0iii dddd iiii iiii", (s, f) => {
    storeRegs(s, [[f.d, `(${s.reg(f.d)} & 0xffff) | ${((f.j << 12) | f.i) << 16}`]]);
  });

  // Saturation and bit fields (SSAT16/USAT16 are the ASR #0 forms).
  t.add("SSAT16", "1111 0011 0010 nnnn 0000 dddd 000s ssss", (s, f) => sat16(s, f, false));
  t.add("SSAT", "1111 0011 00h0 nnnn 0iii dddd ii0s ssss", (s, f) => sat(s, f, false));
  t.add("USAT16", "1111 0011 1010 nnnn 0000 dddd 000s ssss", (s, f) => sat16(s, f, true));
  t.add("USAT", "1111 0011 10h0 nnnn 0iii dddd ii0s ssss", (s, f) => sat(s, f, true));
  t.add("SBFX", "1111 0011 0100 nnnn 0lll dddd ll0w wwww", (s, f) => bfx(s, f, true));
  t.add("UBFX", "1111 0011 1100 nnnn 0lll dddd ll0w wwww", (s, f) => bfx(s, f, false));
  t.add("BFCI", "1111 0011 0110 nnnn 0lll dddd ll0m mmmm", (s, f) => bfi(s, f));
}

/** ADR: Rd = Align(PC, 4) + imm; Rd = r15 interworks (QEMU's store_reg_bx). */
function adr(s: DisasContext, rd: number, imm: number): void {
  const v = String((((s.pc + 4) & ~3) + imm) | 0);
  if (rd !== 15) {
    s.setReg(rd, v);
    return;
  }
  s.writePcInterwork(v);
  s.isJmp = DisasJump.NORETURN;
}
