/**
 * Thumb-2 multiplies, divides and media instructions: MUL/MLA/MLS, the long and halfword
 * multiplies, the dual and most-significant-word multiplies, USADA8, SDIV/UDIV (present in T32
 * on the Cortex-A15), QADD family, parallel add/subtract, the extends with rotation, REV,
 * REV16, RBIT, REVSH, SEL and CLZ (QEMU 7.2's t32.decode). The semantics are the A32 emitters';
 * this file maps the T32 fields and opcode numbers onto theirs.
 *
 * @module
 */

import { T32_TABLE } from "./translate-t32-table.ts";
import {
  div,
  mulAcc,
  mulLong,
  smlad,
  smlald,
  smlalxy,
  smlawy,
  smlaxy,
  smmla,
  storeRegs,
  umaal,
} from "./translate-a32-mul.ts";
import { extend, parallel, qaddsub, reverse, sel, usada8 } from "./translate-a32-media.ts";

/** T32 extend opcodes (bits 22:20: SXTAH UXTAH SXTAB16 UXTAB16 SXTAB UXTAB) as A32 ones. */
const EXTEND_OPS = [3, 7, 0, 4, 2, 6];
/** T32 parallel operations (bits 22:20: ADD8 ADD16 ASX - SUB8 SUB16 SAX) as A32 op numbers. */
const PARALLEL_OPS = [4, 0, 1, -1, 7, 3, 2, -1];
/** T32 parallel prefixes (bits 6:4: S Q SH - U UQ UH) as A32 prefix numbers. */
const PARALLEL_PREFIXES = [1, 2, 3, -1, 5, 6, 7, -1];

/** Registers the group's patterns. */
export function registerT32Media(): void {
  const t = T32_TABLE;
  // Multiply and multiply accumulate (Ra = r15 selects the non-accumulating forms).
  t.add("MUL", "1111 1011 0000 nnnn 1111 dddd 0000 mmmm", (s, f) => mulAcc(s, f, "none"));
  t.add("MLA", "1111 1011 0000 nnnn aaaa dddd 0000 mmmm", (s, f) => mulAcc(s, f, "add"));
  t.add("MLS", "1111 1011 0000 nnnn aaaa dddd 0001 mmmm", (s, f) => mulAcc(s, f, "sub"));
  t.add("SMULxy", "1111 1011 0001 nnnn 1111 dddd 00xy mmmm", (s, f) => smlaxy(s, f, false));
  t.add("SMLAxy", "1111 1011 0001 nnnn aaaa dddd 00xy mmmm", (s, f) => smlaxy(s, f, true));
  t.add("SMLAD", "1111 1011 0010 nnnn aaaa dddd 000x mmmm", (s, f) => smlad(s, f, false));
  t.add("SMULWy", "1111 1011 0011 nnnn 1111 dddd 000y mmmm", (s, f) => smlawy(s, f, false));
  t.add("SMLAWy", "1111 1011 0011 nnnn aaaa dddd 000y mmmm", (s, f) => smlawy(s, f, true));
  t.add("SMLSD", "1111 1011 0100 nnnn aaaa dddd 000x mmmm", (s, f) => smlad(s, f, true));
  t.add("SMMLA", "1111 1011 0101 nnnn aaaa dddd 000r mmmm", (s, f) => smmla(s, f, false));
  t.add("SMMLS", "1111 1011 0110 nnnn aaaa dddd 000r mmmm", (s, f) => smmla(s, f, true));
  t.add("USADA8", "1111 1011 0111 nnnn aaaa dddd 0000 mmmm", (s, f) => usada8(s, f));

  // Long multiplies (RdLo in bits 15:12 = a, RdHi in 11:8 = d) and divides.
  t.add("SMULL", "1111 1011 1000 nnnn aaaa dddd 0000 mmmm", (s, f) => mulLong(s, f, false, false));
  t.add("SDIV", "1111 1011 1001 nnnn 1111 dddd 1111 mmmm", (s, f) => div(s, f, false));
  t.add("UMULL", "1111 1011 1010 nnnn aaaa dddd 0000 mmmm", (s, f) => mulLong(s, f, true, false));
  t.add("UDIV", "1111 1011 1011 nnnn 1111 dddd 1111 mmmm", (s, f) => div(s, f, true));
  t.add("SMLAL", "1111 1011 1100 nnnn aaaa dddd 0000 mmmm", (s, f) => mulLong(s, f, false, true));
  t.add("SMLALxy", "1111 1011 1100 nnnn aaaa dddd 10xy mmmm", (s, f) => smlalxy(s, f));
  t.add("SMLALD", "1111 1011 1100 nnnn aaaa dddd 110x mmmm", (s, f) => smlald(s, f, false));
  t.add("SMLSLD", "1111 1011 1101 nnnn aaaa dddd 110x mmmm", (s, f) => smlald(s, f, true));
  t.add("UMLAL", "1111 1011 1110 nnnn aaaa dddd 0000 mmmm", (s, f) => mulLong(s, f, true, true));
  t.add("UMAAL", "1111 1011 1110 nnnn aaaa dddd 0110 mmmm", (s, f) => umaal(s, f));

  // Data processing (register): extends, parallel add/subtract, miscellaneous.
  t.add("EXTEND", "1111 1010 0ooo nnnn 1111 dddd 10rr mmmm", (s, f) => {
    if (f.o >= EXTEND_OPS.length) return false;
    return extend(s, f, EXTEND_OPS[f.o]);
  });
  t.add("PARALLEL", "1111 1010 1ooo nnnn 1111 dddd 0ppp mmmm", (s, f) => {
    const op = PARALLEL_OPS[f.o], prefix = PARALLEL_PREFIXES[f.p];
    if (op < 0 || prefix < 0) return false;
    return parallel(s, f, prefix, op);
  });
  t.add("QADD", "1111 1010 1000 nnnn 1111 dddd 1000 mmmm", (s, f) => qaddsub(s, f, false, false));
  t.add("QDADD", "1111 1010 1000 nnnn 1111 dddd 1001 mmmm", (s, f) => qaddsub(s, f, false, true));
  t.add("QSUB", "1111 1010 1000 nnnn 1111 dddd 1010 mmmm", (s, f) => qaddsub(s, f, true, false));
  t.add("QDSUB", "1111 1010 1000 nnnn 1111 dddd 1011 mmmm", (s, f) => qaddsub(s, f, true, true));
  // REV and friends ignore Rn (a second copy of Rm; QEMU's choice for Rn != Rm).
  t.add("REV", "1111 1010 1001 ---- 1111 dddd 10oo mmmm", (s, f) => reverse(s, f, f.o));
  t.add("SEL", "1111 1010 1010 nnnn 1111 dddd 1000 mmmm", (s, f) => sel(s, f));
  t.add("CLZ", "1111 1010 1011 ---- 1111 dddd 1000 mmmm", (s, f) => {
    storeRegs(s, [[f.d, `Math.clz32(${s.reg(f.m)})`]]);
  });
}
