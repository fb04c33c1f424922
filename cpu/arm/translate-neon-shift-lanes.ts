/**
 * Code-generation vocabulary shared by the NEON shift and miscellaneous translators
 * (translate-neon-shift.ts, translate-neon-misc.ts, translate-neon-misc-perm.ts): how to name
 * the words of a D or Q register, extract a lane of a word as a JS integer, pack lane results
 * back into a word, saturate with FPSCR.QC, and handle 64-bit elements as (lo, hi) int32 pairs.
 *
 * Conventions of the generated code: `$I` is `cpu.vfp.i32` (declared by `vregs`); word `2n` is
 * the low half of Dn and `2n + 1` the high half; element sizes are QEMU's MO_8..MO_64 (0..3).
 * Saturating code sets the local `$q` (declared by `satLocals`) and `commitQc` ORs FPSCR.QC in.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { FPSCR_QC } from "./vfp-state.ts";

/** Element size codes (QEMU's MemOp sizes). */
export const enum Esz {
  B8 = 0,
  H16 = 1,
  W32 = 2,
  D64 = 3,
}

/** Declares `$I` (the register file as int32 words) for the instruction's code. */
export function vregs(s: DisasContext): void {
  s.emit("const $I = cpu.vfp.i32;");
}

/** Index expression of word `k` of D register `dr` (k may run past 1 into the next D register). */
export function word(dr: number, k: number): string {
  return `$I[${2 * dr + k}]`;
}

/** Number of 32-bit words of a D (q = 0) or Q (q = 1) operand. */
export function wordsOf(q: number): number {
  return q ? 4 : 2;
}

/** Lane `k` of size `sz` (0..2) of the int32 word expression `w`, sign- or zero-extended. */
export function lane(w: string, sz: number, k: number, signed: boolean): string {
  if (sz === Esz.W32) return signed ? w : `(${w} >>> 0)`;
  const bits = 8 << sz;
  const pos = bits * k;
  if (signed) {
    if (pos + bits === 32) return `(${w} >> ${pos})`;
    return `((${w} << ${32 - bits - pos}) >> ${32 - bits})`;
  }
  if (pos === 0) return `(${w} & ${laneMask(sz)})`;
  if (pos + bits === 32) return `(${w} >>> ${pos})`;
  return `((${w} >>> ${pos}) & ${laneMask(sz)})`;
}

/** All-ones value of one lane of size `sz` (0..2), as a non-negative number. */
export function laneMask(sz: number): number {
  return sz === Esz.W32 ? 0xffffffff : (1 << (8 << sz)) - 1;
}

/** Number of lanes of size `sz` (0..2) in a word. */
export function lanesPerWord(sz: number): number {
  return 4 >> sz;
}

/** The lane constant `v` (its low 8 << sz bits) replicated over a word, as int32. */
export function dup(v: number, sz: number): number {
  if (sz === Esz.B8) return Math.imul(v & 0xff, 0x01010101);
  if (sz === Esz.H16) return Math.imul(v & 0xffff, 0x00010001);
  return v | 0;
}

/**
 * Packs lane values (expressions whose low lane bits are the result) into an int32 word
 * expression; the lanes are evaluated left to right (lane 0 first).
 */
export function pack(vals: string[], sz: number): string {
  if (sz === Esz.W32) return `(${vals[0]}) | 0`;
  const bits = 8 << sz;
  const mask = laneMask(sz);
  return vals.map((v, k) => {
    const pos = bits * k;
    if (pos + bits === 32) return `((${v}) << ${pos})`;
    return pos === 0 ? `((${v}) & ${mask})` : `(((${v}) & ${mask}) << ${pos})`;
  }).join(" | ");
}

/** Declares the saturation locals `$q` (set on saturation) and `$t` (scratch). */
export function satLocals(s: DisasContext): void {
  s.emit("let $q = 0, $t = 0;");
}

/** Sets FPSCR.QC when any lane saturated (after `satLocals`). */
export function commitQc(s: DisasContext): void {
  s.emit(`if ($q !== 0) cpu.vfp.fpscr |= ${FPSCR_QC};`);
}

/**
 * Expression clamping the exact integer `v` to [lo, hi] and noting saturation in `$q` (uses
 * `$t`; the caller must not nest another `sat` inside `v`).
 */
export function sat(v: string, lo: number, hi: number): string {
  return `(($t = ${v}) > ${hi} ? ($q = 1, ${hi}) : $t < ${lo} ? ($q = 1, ${lo}) : $t)`;
}

/** Signed range [min, max] of a lane of size `sz` (0..2). */
export function sRange(sz: number): [number, number] {
  const half = 2 ** ((8 << sz) - 1);
  return [-half, half - 1];
}

/** Unsigned maximum of a lane of size `sz` (0..2). */
export function uMax(sz: number): number {
  return 2 ** (8 << sz) - 1;
}

// ---------------------------------------------------------------------------------------------
// 64-bit elements as (lo, hi) int32 pairs. Each function emits `const` declarations named
// `${o}l` and `${o}h` and returns nothing; the operands are JS expressions (locals).

/** (lo, hi) >> n, arithmetic when `signed`; n in 1..64 (signed shifts by 64 act as 63). */
export function shr64(
  s: DisasContext,
  o: string,
  lo: string,
  hi: string,
  n: number,
  signed: boolean,
) {
  if (signed && n > 63) n = 63;
  let l: string, h: string;
  if (n === 64) {
    l = "0";
    h = "0";
  } else if (n > 32) {
    l = signed ? `${hi} >> ${n - 32}` : `${hi} >>> ${n - 32} | 0`;
    h = signed ? `${hi} >> 31` : "0";
  } else if (n === 32) {
    l = hi;
    h = signed ? `${hi} >> 31` : "0";
  } else {
    l = `(${lo} >>> ${n}) | (${hi} << ${32 - n})`;
    h = signed ? `${hi} >> ${n}` : `${hi} >>> ${n} | 0`;
  }
  s.emit(`const ${o}l = ${l}, ${o}h = ${h};`);
}

/** (lo, hi) << n for n in 0..63. */
export function shl64(s: DisasContext, o: string, lo: string, hi: string, n: number): void {
  let l: string, h: string;
  if (n === 0) {
    l = lo;
    h = hi;
  } else if (n >= 32) {
    l = "0";
    h = `${lo} << ${n - 32}`;
  } else {
    l = `${lo} << ${n}`;
    h = `(${hi} << ${n}) | (${lo} >>> ${32 - n})`;
  }
  s.emit(`const ${o}l = ${l}, ${o}h = ${h};`);
}

/** (al, ah) + (bl, bh) modulo 2^64. */
export function add64(s: DisasContext, o: string, al: string, ah: string, bl: string, bh: string) {
  s.emit(`const ${o}s = (${al} >>> 0) + (${bl} >>> 0);`);
  s.emit(`const ${o}l = ${o}s | 0, ${o}h = (${ah} + ${bh} + (${o}s > 0xffffffff ? 1 : 0)) | 0;`);
}

/** Expression of bit `b` (0..63) of (lo, hi), as 0 or 1. */
export function bit64(lo: string, hi: string, b: number): string {
  return b < 32 ? `((${lo} >>> ${b}) & 1)` : `((${hi} >>> ${b - 32}) & 1)`;
}
