/**
 * A32 media and saturating instructions: QADD/QSUB/QDADD/QDSUB, the parallel add/subtract
 * family (S, Q, SH, U, UQ, UH × ADD16, ASX, SAX, SUB16, ADD8, SUB8) with the GE flags, SEL,
 * USAD8/USADA8, the extends with rotation (SXTB/SXTH/SXTB16/UXTB/UXTH/UXTB16 and their
 * accumulating forms), PKHBT/PKHTB, REV/REV16/REVSH/RBIT, BFI/BFC/UBFX/SBFX and
 * SSAT/USAT/SSAT16/USAT16. The signed multiplies and divides of the media space are in
 * `translate-a32-mul.ts`.
 *
 * Q is set through `cpu.QF = 1` (sticky) and GE written as `cpu.GE`. UNPREDICTABLE register
 * choices behave as in QEMU (r15 reads as the address + 8, a write to r15 is a branch);
 * bit-field encodings with lsb + width > 32 or msb < lsb are UNDEFINED, as QEMU chooses.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { A32_TABLE } from "./translate-a32.ts";
import type { Fields } from "./decodetree.ts";
import { storeRegs } from "./translate-a32-mul.ts";
import { registerMediaHelpers } from "./helpers-media.ts";

/** Expression saturating the exact integer `x` to [lo, hi]. */
function clamp(x: string, lo: number, hi: number): string {
  return `(${x} > ${hi} ? ${hi} : ${x} < ${lo} ? ${lo} : ${x})`;
}

// ---------------------------------------------------------------------------------------------
// Saturating add/subtract (cccc 0001 0oo0 nnnn dddd 0000 0101 mmmm)

const INT_MAX = 0x7fffffff;
const INT_MIN = -0x80000000;

/** QADD/QSUB/QDADD/QDSUB: Rd = sat(Rm ± [sat(2 * )]Rn); Q set on any saturation. */
export function qaddsub(s: DisasContext, f: Fields, sub: boolean, dbl: boolean) {
  s.emit(`const $m = ${s.reg(f.m)}, $n = ${s.reg(f.n)};`);
  let n = "$n";
  if (dbl) {
    s.emit(`const $d2 = $n * 2, $d = ${clamp("$d2", INT_MIN, INT_MAX)};`);
    s.emit("if ($d !== $d2) cpu.QF = 1;");
    n = "$d";
  }
  s.emit(`const $x = $m ${sub ? "-" : "+"} ${n}, $r = ${clamp("$x", INT_MIN, INT_MAX)};`);
  s.emit("if ($r !== $x) cpu.QF = 1;");
  storeRegs(s, [[f.d, "$r"]]);
}

// ---------------------------------------------------------------------------------------------
// Parallel add/subtract (cccc 0110 0ppp nnnn dddd 1111 ooo1 mmmm)

/** How lane results are post-processed, by prefix (bits 22:20). */
const enum Prefix {
  S = 1,
  Q = 2,
  SH = 3,
  U = 5,
  UQ = 6,
  UH = 7,
}

/** Expression of lane `i` (width `w` bits) of `x`, sign- or zero-extended. */
function lane(x: string, i: number, w: number, signed: boolean): string {
  const up = 32 - w * (i + 1);
  if (signed) return up === 0 ? `(${x} >> ${32 - w})` : `((${x} << ${up}) >> ${32 - w})`;
  return i * w + w === 32 ? `(${x} >>> ${i * w})` : `((${x} >>> ${i * w}) & ${(1 << w) - 1})`;
}

/**
 * Emits one of the 36 parallel instructions. `op` (bits 7:5): 0 ADD16, 1 ASX, 2 SAX, 3 SUB16,
 * 4 ADD8, 7 SUB8. Returns false for the unallocated prefix/op values.
 */
export function parallel(s: DisasContext, f: Fields, prefix: number, op: number): boolean {
  if (prefix === 0 || prefix === 4 || op === 5 || op === 6) return false;
  const signed = prefix < 4;
  const w = op >= 4 ? 8 : 16;
  const n = 32 / w;
  s.emit(`const $a = ${s.reg(f.n)}, $b = ${s.reg(f.m)};`);
  // Lane i of the result is a_i (+|-) b_j.
  const isSub: boolean[] = [];
  for (let i = 0; i < n; i++) {
    let j = i, sub = op === 3 || op === 7;
    if (op === 1) [j, sub] = [1 - i, i === 0]; // ASX: lo = a.lo - b.hi, hi = a.hi + b.lo
    if (op === 2) [j, sub] = [1 - i, i === 1]; // SAX: lo = a.lo + b.hi, hi = a.hi - b.lo
    isSub.push(sub);
    const x = `${lane("$a", i, w, signed)} ${sub ? "-" : "+"} ${lane("$b", j, w, signed)}`;
    s.emit(`const $x${i} = ${x};`);
  }
  const mask = (1 << w) - 1;
  const smax = (1 << (w - 1)) - 1, smin = -(1 << (w - 1));
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = `$x${i}`;
    let v: string;
    switch (prefix as Prefix) {
      case Prefix.Q:
        v = `(${clamp(x, smin, smax)} & ${mask})`;
        break;
      case Prefix.UQ:
        v = clamp(x, 0, mask);
        break;
      case Prefix.SH:
      case Prefix.UH:
        v = `((${x} >> 1) & ${mask})`;
        break;
      default:
        v = `(${x} & ${mask})`;
    }
    parts.push(i === 0 ? v : `(${v} << ${i * w})`);
  }
  if (prefix === Prefix.S || prefix === Prefix.U) {
    const ge: string[] = [];
    const bits = w === 16 ? 3 : 1;
    for (let i = 0; i < n; i++) {
      // Signed: the lane result is >= 0. Unsigned: carry out of an add, no borrow on a sub.
      const cond = prefix === Prefix.U && !isSub[i] ? `$x${i} > ${mask}` : `$x${i} >= 0`;
      ge.push(`(${cond} ? ${bits << (i * (w === 16 ? 2 : 1))} : 0)`);
    }
    s.emit(`cpu.GE = ${ge.join(" | ")};`);
  }
  storeRegs(s, [[f.d, parts.join(" | ")]]);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Packing, unpacking, saturation and reversal (cccc 0110 1xxx ...)

/** Rm rotated right by 8 * rot, as an expression over the temporary `$m`. */
function rotated(rot: number): string {
  return rot === 0 ? "$m" : `(($m >>> ${8 * rot}) | ($m << ${32 - 8 * rot}))`;
}

/**
 * Extends (`op` = bits 22:20: 0 SXTB16, 2 SXTB, 3 SXTH, 4 UXTB16, 6 UXTB, 7 UXTH); the
 * accumulating form (SXTAB...) when Rn is not r15.
 */
export function extend(s: DisasContext, f: Fields, op: number): boolean {
  if (op === 1 || op === 5) return false;
  s.emit(`const $m = ${s.reg(f.m)}, $v = ${rotated(f.r)};`);
  const acc = f.n !== 15;
  const rn = acc ? s.reg(f.n) : "";
  let res: string;
  switch (op) {
    case 0: // SXTB16: bytes 0 and 2 sign-extended into the halfwords
    case 4: { // UXTB16
      const lo = op === 0 ? "((($v << 24) >> 24) & 0xffff)" : "($v & 0xff)";
      const hi = op === 0 ? "((($v << 8) >> 24) << 16)" : "($v & 0xff0000)";
      if (!acc) res = `${lo} | ${hi}`;
      else {
        s.emit(`const $n = ${rn};`);
        res = `((($n + ${lo}) & 0xffff) | ((($n >>> 16) + (${hi} >>> 16)) << 16))`;
      }
      break;
    }
    default: {
      const ext = op === 2
        ? "(($v << 24) >> 24)"
        : op === 3
        ? "(($v << 16) >> 16)"
        : op === 6
        ? "($v & 0xff)"
        : "($v & 0xffff)";
      res = acc ? `${rn} + ${ext}` : ext;
    }
  }
  storeRegs(s, [[f.d, res]]);
  return true;
}

/** PKHBT (tb = 0): Rn[15:0] | (Rm << imm)[31:16]; PKHTB: Rn[31:16] | (Rm ASR imm)[15:0]. */
export function pkh(s: DisasContext, f: Fields) {
  const rn = s.reg(f.n), rm = s.reg(f.m);
  const res = f.t
    ? `(${rn} & 0xffff0000) | ((${rm} >> ${f.i === 0 ? 31 : f.i}) & 0xffff)`
    : `(${rn} & 0xffff) | ((${rm} << ${f.i}) & 0xffff0000)`;
  storeRegs(s, [[f.d, res]]);
}

/**
 * SSAT/USAT: Rn shifted (h = 0: LSL #i; h = 1: ASR #i, #0 meaning #32) then saturated to
 * `sat` + 1 signed bits (SSAT) or `sat` unsigned bits (USAT); Q set when it saturates.
 */
export function sat(s: DisasContext, f: Fields, unsigned: boolean) {
  const rn = s.reg(f.n);
  const v = f.h ? `(${rn} >> ${f.i === 0 ? 31 : f.i})` : f.i ? `(${rn} << ${f.i})` : rn;
  s.emit(`const $v = ${v};`);
  const [lo, hi] = unsigned ? [0, 2 ** f.s - 1] : [-(2 ** f.s), 2 ** f.s - 1];
  s.emit(`const $r = ${clamp("$v", lo, hi)};`);
  s.emit("if ($r !== $v) cpu.QF = 1;");
  storeRegs(s, [[f.d, "$r"]]);
}

/** SSAT16 (to `sat` + 1 bits) / USAT16 (to `sat` bits) on both signed halfwords. */
export function sat16(s: DisasContext, f: Fields, unsigned: boolean) {
  const [lo, hi] = unsigned ? [0, 2 ** f.s - 1] : [-(2 ** f.s), 2 ** f.s - 1];
  s.emit(`const $v = ${s.reg(f.n)}, $x0 = ($v << 16) >> 16, $x1 = $v >> 16;`);
  s.emit(`const $r0 = ${clamp("$x0", lo, hi)}, $r1 = ${clamp("$x1", lo, hi)};`);
  s.emit("if ($r0 !== $x0 || $r1 !== $x1) cpu.QF = 1;");
  storeRegs(s, [[f.d, "($r0 & 0xffff) | ($r1 << 16)"]]);
}

/** REV (op 0), REV16 (op 1), RBIT (op 2), REVSH (op 3). */
export function reverse(s: DisasContext, f: Fields, op: number) {
  s.emit(`const $v = ${s.reg(f.m)};`);
  const res = [
    "($v << 24) | (($v & 0xff00) << 8) | (($v >>> 8) & 0xff00) | ($v >>> 24)",
    "(($v & 0xff00ff00) >>> 8) | (($v & 0x00ff00ff) << 8)",
    "H.rbit($v)",
    "(($v << 24) >> 16) | (($v >>> 8) & 0xff)",
  ][op];
  storeRegs(s, [[f.d, res]]);
}

// ---------------------------------------------------------------------------------------------
// USAD8, bit fields (cccc 0111 1xxx ...)

/** USADA8 (USAD8 when Ra, f.a, is r15): sum of absolute byte differences. */
export function usada8(s: DisasContext, f: Fields) {
  s.emit(`const $a = ${s.reg(f.n)}, $b = ${s.reg(f.m)};`);
  const terms: string[] = [];
  for (let i = 0; i < 4; i++) {
    terms.push(`Math.abs(${lane("$a", i, 8, false)} - ${lane("$b", i, 8, false)})`);
  }
  if (f.a !== 15) terms.push(s.reg(f.a));
  storeRegs(s, [[f.d, terms.join(" + ")]]);
}

/** UBFX/SBFX: width = w + 1 bits from lsb l of Rn. */
export function bfx(s: DisasContext, f: Fields, signed: boolean): boolean {
  const width = f.w + 1;
  if (f.l + width > 32) return false; // UNPREDICTABLE: QEMU UNDEFs
  const rn = s.reg(f.n);
  let res: string;
  if (signed) res = `(${rn} << ${32 - f.l - width}) >> ${32 - width}`;
  else if (width === 32) res = rn;
  else res = `(${rn} >>> ${f.l}) & ${(2 ** width - 1) | 0}`;
  storeRegs(s, [[f.d, res]]);
  return true;
}

/** BFI (BFC when Rn is r15): bits msb..lsb of Rd from the low bits of Rn. */
export function bfi(s: DisasContext, f: Fields): boolean {
  if (f.m < f.l) return false; // UNPREDICTABLE: QEMU UNDEFs
  const width = f.m - f.l + 1;
  const mask = width === 32 ? -1 : (((1 << width) - 1) << f.l) | 0;
  const rd = s.reg(f.d);
  const res = f.n === 15
    ? `${rd} & ${~mask}`
    : `(${rd} & ${~mask}) | ((${s.reg(f.n)} << ${f.l}) & ${mask})`;
  storeRegs(s, [[f.d, res]]);
  return true;
}

/** SEL: each byte of Rd from Rn where its GE bit is set, else from Rm. */
export function sel(s: DisasContext, f: Fields): void {
  s.emit(`const $k = H.geByteMask[cpu.GE];`);
  storeRegs(s, [[f.d, `(${s.reg(f.n)} & $k) | (${s.reg(f.m)} & ~$k)`]]);
}

/**
 * Registers the group's patterns. Must run before the data-processing group (QADD... share
 * the register-shifted-register space).
 */
export function registerA32Media(): void {
  registerMediaHelpers();
  const t = A32_TABLE;
  t.add("QADD", "cccc 0001 0000 nnnn dddd 0000 0101 mmmm", (s, f) => qaddsub(s, f, false, false));
  t.add("QSUB", "cccc 0001 0010 nnnn dddd 0000 0101 mmmm", (s, f) => qaddsub(s, f, true, false));
  t.add("QDADD", "cccc 0001 0100 nnnn dddd 0000 0101 mmmm", (s, f) => qaddsub(s, f, false, true));
  t.add("QDSUB", "cccc 0001 0110 nnnn dddd 0000 0101 mmmm", (s, f) => qaddsub(s, f, true, true));

  t.add("PARALLEL", "cccc 0110 0ppp nnnn dddd 1111 ooo1 mmmm", (s, f) => parallel(s, f, f.p, f.o));

  t.add("PKH", "cccc 0110 1000 nnnn dddd iiii it01 mmmm", (s, f) => pkh(s, f));
  t.add("SSAT", "cccc 0110 101s ssss dddd iiii ih01 nnnn", (s, f) => sat(s, f, false));
  t.add("USAT", "cccc 0110 111s ssss dddd iiii ih01 nnnn", (s, f) => sat(s, f, true));
  t.add("SSAT16", "cccc 0110 1010 ssss dddd 1111 0011 nnnn", (s, f) => sat16(s, f, false));
  t.add("USAT16", "cccc 0110 1110 ssss dddd 1111 0011 nnnn", (s, f) => sat16(s, f, true));
  t.add("EXTEND", "cccc 0110 1ooo nnnn dddd rr00 0111 mmmm", (s, f) => extend(s, f, f.o));
  t.add("SEL", "cccc 0110 1000 nnnn dddd 1111 1011 mmmm", (s, f) => sel(s, f));
  t.add("REV", "cccc 0110 1011 1111 dddd 1111 0011 mmmm", (s, f) => reverse(s, f, 0));
  t.add("REV16", "cccc 0110 1011 1111 dddd 1111 1011 mmmm", (s, f) => reverse(s, f, 1));
  t.add("RBIT", "cccc 0110 1111 1111 dddd 1111 0011 mmmm", (s, f) => reverse(s, f, 2));
  t.add("REVSH", "cccc 0110 1111 1111 dddd 1111 1011 mmmm", (s, f) => reverse(s, f, 3));

  t.add("USADA8", "cccc 0111 1000 dddd aaaa mmmm 0001 nnnn", (s, f) => usada8(s, f));
  t.add("SBFX", "cccc 0111 101w wwww dddd llll l101 nnnn", (s, f) => bfx(s, f, true));
  t.add("UBFX", "cccc 0111 111w wwww dddd llll l101 nnnn", (s, f) => bfx(s, f, false));
  t.add("BFCI", "cccc 0111 110m mmmm dddd llll l001 nnnn", (s, f) => bfi(s, f));
}
