/**
 * Thumb-2 branches and miscellaneous control: B (conditional and not), BL, BLX (immediate, to
 * A32) with the J1/J2 encoding of their offsets, the hints (NOP, YIELD, WFE, WFI), CPS,
 * barriers and CLREX, MRS/MSR, BXJ, ERET and SUBS pc, lr, #imm, SMC, HVC and UDF (QEMU 7.2's
 * t32.decode). Banked-register MRS/MSR are UNDEFINED as in the A32 translator.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { T32_TABLE } from "./translate-t32-table.ts";
import { inItBlock } from "./translate-t32-table.ts";
import { condExpr } from "./translate-a32.ts";
import { emitAlu, Op } from "./translate-a32-dp.ts";
import {
  emitCps,
  emitEret,
  emitHvc,
  emitIsb,
  emitMrs,
  emitMsr,
  emitWfe,
  emitWfi,
} from "./translate-a32-sys.ts";
import { emitClrex } from "./translate-a32-excl.ts";
import { DisasJump } from "./disas-context.ts";
import { constOperand, emitBranch, emitBxReg, emitCondBranch } from "./translate-t16.ts";

/** The offset of B/BL/BLX T4: S:I1:I2:imm10:imm11:'0' with I = NOT(J XOR S). */
function branch24(sign: number, j1: number, j2: number, imm21: number): number {
  const i1 = 1 ^ j1 ^ sign, i2 = 1 ^ j2 ^ sign;
  const v = (sign << 24) | (i1 << 23) | (i2 << 22) | (imm21 << 1);
  return (v << 7) >> 7;
}

/** The offset of B<cond> T3: S:J2:J1:imm6:imm11:'0'. */
function branch20(sign: number, j1: number, j2: number, imm17: number): number {
  const v = (sign << 20) | (j2 << 19) | (j1 << 18) | (imm17 << 1);
  return (v << 11) >> 11;
}

/** BLX (immediate): to A32 at Align(PC, 4) + offset; LR = the next instruction | 1. */
function blxImm(s: DisasContext, offset: number): void {
  s.setReg(14, String(s.nextPc | 1));
  s.writePcInterwork(String((((s.pc + 4) & ~3) + offset) & ~3));
  s.isJmp = DisasJump.NORETURN;
}

/** Registers the group's patterns. */
export function registerT32System(): void {
  const t = T32_TABLE;
  // Hints and CPS (imod = 00 and M = 0 is the hint space).
  t.add("YIELD", "1111 0011 1010 1111 1000 0000 0000 0001", emitWfe);
  t.add("WFE", "1111 0011 1010 1111 1000 0000 0000 0010", emitWfe);
  t.add("WFI", "1111 0011 1010 1111 1000 0000 0000 0011", emitWfi);
  t.add("NOP", "1111 0011 1010 1111 1000 0000 ---- ----", () => {});
  t.add(
    "CPS",
    "1111 0011 1010 1111 1000 0ooM aifm mmmm",
    (s, f) => emitCps(s, f.o, f.M, f.a, f.i, f.f, f.m),
  );
  // Miscellaneous control.
  t.add("CLREX", "1111 0011 1011 1111 1000 1111 0010 1111", emitClrex);
  t.add("DSB", "1111 0011 1011 1111 1000 1111 0100 ----", () => {});
  t.add("DMB", "1111 0011 1011 1111 1000 1111 0101 ----", () => {});
  t.add("ISB", "1111 0011 1011 1111 1000 1111 0110 ----", emitIsb);
  t.add("MRS", "1111 0011 111r 1111 1000 dddd 0000 0000", (s, f) => emitMrs(s, f.d, f.r));
  t.add("MSR", "1111 0011 100r nnnn 1000 mmmm 0000 0000", (s, f) => {
    return emitMsr(s, f.r, f.m, s.reg(f.n));
  });
  t.add("BXJ", "1111 0011 1100 mmmm 1000 1111 0000 0000", (s, f) => emitBxReg(s, f.m, false));
  t.add("ERET", "1111 0011 1101 1110 1000 1111 0000 0000", emitEret);
  t.add("SUBS_pc_lr", "1111 0011 1101 1110 1000 1111 iiii iiii", (s, f) => {
    return emitAlu(s, Op.SUB, true, 15, s.reg(14), constOperand(f.i), true);
  });
  // No Security Extensions: SMC is UNDEFINED.
  t.add("SMC", "1111 0111 1111 ---- 1000 0000 0000 0000", () => false);
  t.add("HVC", "1111 0111 1110 iiii 1000 jjjj jjjj jjjj", (s, f) => {
    return emitHvc(s, (f.i << 12) | f.j);
  });
  t.add("UDF", "1111 0111 1111 ---- 1010 ---- ---- ----", () => false);

  // Branches. B<cond> is UNDEFINED inside an IT block; cond 111x is the space above.
  t.add("B_cond", "1111 0scc ccii iiii 10j0 kiii iiii iiii", (s, f) => {
    if (f.c >= 14 || inItBlock(s.condexec)) return false;
    s.useFlags();
    emitCondBranch(s, condExpr(f.c), s.pc + 4 + branch20(f.s, f.j, f.k, f.i));
  });
  t.add("B", "1111 0sii iiii iiii 10j1 kiii iiii iiii", (s, f) => {
    emitBranch(s, s.pc + 4 + branch24(f.s, f.j, f.k, f.i));
  });
  t.add("BL", "1111 0sii iiii iiii 11j1 kiii iiii iiii", (s, f) => {
    s.setReg(14, String(s.nextPc | 1));
    emitBranch(s, s.pc + 4 + branch24(f.s, f.j, f.k, f.i));
  });
  t.add("BLX_i", "1111 0sii iiii iiii 11j0 kiii iiii iiii", (s, f) => {
    if (f.i & 1) return false; // H = 1 is UNDEFINED
    blxImm(s, branch24(f.s, f.j, f.k, f.i));
  });
}
