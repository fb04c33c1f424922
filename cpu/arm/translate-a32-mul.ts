/**
 * A32 multiplies and divides: MUL/MLA/MLS, the 64-bit UMULL/UMLAL/SMULL/SMLAL/UMAAL, the
 * halfword (SMLA<x><y>, SMLAW<y>, SMULW<y>, SMUL<x><y>, SMLAL<x><y>), dual (SMUAD, SMUSD,
 * SMLAD, SMLSD, SMLALD, SMLSLD) and most-significant-word (SMMUL, SMMLA, SMMLS) forms, and
 * SDIV/UDIV.
 *
 * 64-bit products are computed exactly with doubles: the low word is `Math.imul`, the high
 * word comes from splitting one operand into 16-bit halves so every partial product stays
 * below 2^53 (see `mulHi`). No BigInt in translated code.
 *
 * UNPREDICTABLE register choices behave as QEMU does: r15 reads as the instruction address
 * + 8 and a write to r15 is a branch (bits 1:0 cleared).
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { DisasJump } from "./disas-context.ts";
import { A32_TABLE } from "./translate-a32.ts";
import type { Fields } from "./decodetree.ts";

/** 2^32 as a literal for generated code. */
const TWO32 = "4294967296";

/**
 * Writes the results of an instruction to registers, in order (a later write to the same
 * register wins); a write to r15 is a branch and is emitted last, as QEMU's store_reg does.
 */
export function storeRegs(s: DisasContext, writes: ReadonlyArray<readonly [number, string]>): void {
  let pc: string | null = null;
  for (const [r, v] of writes) {
    if (r === 15) pc = v; // the last value written to pc wins
    else s.setReg(r, v);
  }
  if (pc !== null) {
    s.writePcBranch(pc);
    s.isJmp = DisasJump.NORETURN;
  }
}

/**
 * Expression for the high word (int32) of the exact product `a * b` (plus `round`, a small
 * constant added to the 64-bit product). `a` must name an int32 (signed) or the
 * operand of an unsigned multiply (then `unsigned` is true); `b` names a number already
 * in its final form (int32, uint32, or a negated int32 as a double).
 */
function mulHi(a: string, b: string, unsigned: boolean, round = 0): string {
  const ah = unsigned ? `(${a} >>> 16)` : `(${a} >> 16)`;
  const lo = `(${a} & 0xffff) * ${b}` + (round ? ` + ${round}` : "");
  return `Math.floor((${ah} * ${b} + Math.floor((${lo}) / 65536)) / 65536)`;
}

/** Emits the 64-bit accumulate `{$hi,$lo} += {hi,lo}` into new temporaries `$rh`, `$rl`. */
function emitAdd64(s: DisasContext, hi: string, lo: string): void {
  s.emit(`const $sl = ($lo >>> 0) + (${lo} >>> 0);`);
  s.emit(`const $rl = $sl | 0, $rh = ($hi + ${hi} + ($sl > 0xffffffff ? 1 : 0)) | 0;`);
}

/** Emits `if (<sum is not an int32>) cpu.QF = 1;` for a sum held exactly in a double. */
function setQIfOverflow(s: DisasContext, sum: string): void {
  s.emit(`if (${sum} !== (${sum} | 0)) cpu.QF = 1;`);
}

/** Expression for the signed halfword of `reg` selected by `top`. */
function half(reg: string, top: number): string {
  return top ? `(${reg} >> 16)` : `((${reg} << 16) >> 16)`;
}

// ---------------------------------------------------------------------------------------------
// Multiply and multiply accumulate (cccc 0000 xxxx ---- ---- ---- 1001 ----)

/** MUL/MLA/MLS: Rd (f.d) = [Ra (f.a) ±] Rn * Rm; with f.s, N and Z from the result. */
export function mulAcc(s: DisasContext, f: Fields, acc: "none" | "add" | "sub") {
  s.emit(`const $p = Math.imul(${s.reg(f.n)}, ${s.reg(f.m)});`);
  const ra = acc === "none" ? "" : s.reg(f.a);
  const res = acc === "none" ? "$p" : acc === "add" ? `(($p + ${ra}) | 0)` : `((${ra} - $p) | 0)`;
  s.emit(`const $r = ${res};`);
  // ARMv7: MULS/MLAS set N and Z only; C and V are unchanged.
  if (f.s) s.setNZ("$r");
  storeRegs(s, [[f.d, "$r"]]);
}

/** UMULL/UMLAL/SMULL/SMLAL: RdHi = f.d, RdLo = f.a. */
export function mulLong(s: DisasContext, f: Fields, unsigned: boolean, accumulate: boolean) {
  const b = unsigned ? "($b >>> 0)" : "$b";
  s.emit(`const $a = ${s.reg(f.n)}, $b = ${s.reg(f.m)};`);
  s.emit(`const $lo = Math.imul($a, $b), $hi = ${mulHi("$a", b, unsigned)} | 0;`);
  let hi = "$hi", lo = "$lo";
  if (accumulate) {
    emitAdd64(s, s.reg(f.d), s.reg(f.a));
    hi = "$rh";
    lo = "$rl";
  }
  if (f.s) {
    s.useFlags();
    s.emit(`NF = ${hi}; ZF = ${hi} | ${lo};`);
  }
  storeRegs(s, [[f.a, lo], [f.d, hi]]);
}

/** UMAAL: {RdHi = f.d, RdLo = f.a} = Rn * Rm + RdLo + RdHi. */
export function umaal(s: DisasContext, f: Fields) {
  s.emit(`const $a = ${s.reg(f.n)}, $b = ${s.reg(f.m)};`);
  s.emit(`const $hi = ${mulHi("$a", "($b >>> 0)", true)};`);
  s.emit(
    `const $sl = (Math.imul($a, $b) >>> 0) + (${s.reg(f.a)} >>> 0) + (${s.reg(f.d)} >>> 0);`,
  );
  s.emit(`const $rl = $sl | 0, $rh = ($hi + Math.floor($sl / ${TWO32})) | 0;`);
  storeRegs(s, [[f.a, "$rl"], [f.d, "$rh"]]);
}

// ---------------------------------------------------------------------------------------------
// Halfword multiplies (cccc 0001 0xx0 ---- ---- ---- 1yx0 ----)

/** SMLA<x><y> (acc) / SMUL<x><y>: x = f.x selects Rn's half, y = f.y selects Rm's. */
export function smlaxy(s: DisasContext, f: Fields, acc: boolean) {
  s.emit(`const $p = ${half(s.reg(f.n), f.x)} * ${half(s.reg(f.m), f.y)};`);
  if (acc) {
    s.emit(`const $r = $p + ${s.reg(f.a)};`);
    setQIfOverflow(s, "$r");
    storeRegs(s, [[f.d, "$r"]]);
  } else {
    storeRegs(s, [[f.d, "$p"]]);
  }
}

/** SMLAW<y> (acc) / SMULW<y>: (Rn * Rm.half) >> 16 [+ Ra]. */
export function smlawy(s: DisasContext, f: Fields, acc: boolean) {
  s.emit(`const $p = Math.floor(${s.reg(f.n)} * ${half(s.reg(f.m), f.y)} / 65536);`);
  if (acc) {
    s.emit(`const $r = $p + ${s.reg(f.a)};`);
    setQIfOverflow(s, "$r");
    storeRegs(s, [[f.d, "$r"]]);
  } else {
    storeRegs(s, [[f.d, "$p"]]);
  }
}

/** SMLAL<x><y>: {RdHi = f.d, RdLo = f.a} += Rn.half * Rm.half. */
export function smlalxy(s: DisasContext, f: Fields) {
  s.emit(`const $p = ${half(s.reg(f.n), f.x)} * ${half(s.reg(f.m), f.y)};`);
  s.emit(`const $lo = $p, $hi = $p >> 31;`);
  emitAdd64(s, s.reg(f.d), s.reg(f.a));
  storeRegs(s, [[f.a, "$rl"], [f.d, "$rh"]]);
}

// ---------------------------------------------------------------------------------------------
// Signed multiplies in the media space (cccc 0111 0xxx ---- ---- ---- xxx1 ----)

/** Emits `$p1`, `$p2`: the two halfword products of Rn and Rm (halves exchanged when `x`). */
function dualProducts(s: DisasContext, f: Fields) {
  s.emit(`const $n = ${s.reg(f.n)}, $m = ${s.reg(f.m)};`);
  s.emit(`const $p1 = ${half("$n", 0)} * ${half("$m", f.x)};`);
  s.emit(`const $p2 = ${half("$n", 1)} * ${half("$m", f.x ^ 1)};`);
}

/** SMLAD/SMLSD (SMUAD/SMUSD when Ra is r15): the sum is exact, Q reports overflow. */
export function smlad(s: DisasContext, f: Fields, sub: boolean) {
  dualProducts(s, f);
  const acc = f.a === 15 ? "" : ` + ${s.reg(f.a)}`;
  s.emit(`const $r = $p1 ${sub ? "-" : "+"} $p2${acc};`);
  setQIfOverflow(s, "$r");
  storeRegs(s, [[f.d, "$r"]]);
}

/** SMLALD/SMLSLD: {RdHi = f.d, RdLo = f.a} += p1 ± p2 (no flags). */
export function smlald(s: DisasContext, f: Fields, sub: boolean) {
  dualProducts(s, f);
  s.emit(`const $lo = $p1 ${sub ? "-" : "+"} $p2;`);
  s.emit(`const $hi = Math.floor($lo / ${TWO32});`);
  emitAdd64(s, s.reg(f.d), s.reg(f.a));
  storeRegs(s, [[f.a, "$rl"], [f.d, "$rh"]]);
}

/**
 * SMMLA/SMMLS (SMMUL when Ra is r15; QEMU also treats SMMLS with Ra = r15 as SMMUL):
 * the high word of (Ra << 32) ± Rn * Rm, rounded when `round`.
 */
export function smmla(s: DisasContext, f: Fields, sub: boolean) {
  s.emit(`const $a = ${s.reg(f.n)}, $b = ${sub && f.a !== 15 ? "-" : ""}(${s.reg(f.m)});`);
  const hi = mulHi("$a", "$b", false, f.r ? 0x80000000 : 0);
  const acc = f.a === 15 ? "" : ` + ${s.reg(f.a)}`;
  storeRegs(s, [[f.d, `${hi}${acc}`]]);
}

/** SDIV/UDIV: Rd (f.d) = Rn / Rm, 0 for a zero divisor. */
export function div(s: DisasContext, f: Fields, unsigned: boolean) {
  s.emit(`const $n = ${s.reg(f.n)}, $m = ${s.reg(f.m)};`);
  // Division by zero gives 0 (ARMv7-A, no trap); INT_MIN / -1 wraps to INT_MIN through |0.
  const q = unsigned ? "($n >>> 0) / ($m >>> 0)" : "$n / $m";
  storeRegs(s, [[f.d, `$m === 0 ? 0 : ${q}`]]);
}

/**
 * Registers the group's patterns. Must run before the data-processing group: halfword
 * multiplies share the encoding space of the register-shift data-processing forms.
 */
export function registerA32Multiply(): void {
  const t = A32_TABLE;
  t.add("MUL", "cccc 0000 000s dddd 0000 mmmm 1001 nnnn", (s, f) => mulAcc(s, f, "none"));
  t.add("MLA", "cccc 0000 001s dddd aaaa mmmm 1001 nnnn", (s, f) => mulAcc(s, f, "add"));
  t.add("UMAAL", "cccc 0000 0100 dddd aaaa mmmm 1001 nnnn", (s, f) => umaal(s, f));
  t.add("MLS", "cccc 0000 0110 dddd aaaa mmmm 1001 nnnn", (s, f) => mulAcc(s, f, "sub"));
  t.add("UMULL", "cccc 0000 100s dddd aaaa mmmm 1001 nnnn", (s, f) => mulLong(s, f, true, false));
  t.add("UMLAL", "cccc 0000 101s dddd aaaa mmmm 1001 nnnn", (s, f) => mulLong(s, f, true, true));
  t.add("SMULL", "cccc 0000 110s dddd aaaa mmmm 1001 nnnn", (s, f) => mulLong(s, f, false, false));
  t.add("SMLAL", "cccc 0000 111s dddd aaaa mmmm 1001 nnnn", (s, f) => mulLong(s, f, false, true));

  t.add("SMLAxy", "cccc 0001 0000 dddd aaaa mmmm 1yx0 nnnn", (s, f) => smlaxy(s, f, true));
  t.add("SMLAWy", "cccc 0001 0010 dddd aaaa mmmm 1y00 nnnn", (s, f) => smlawy(s, f, true));
  t.add("SMULWy", "cccc 0001 0010 dddd 0000 mmmm 1y10 nnnn", (s, f) => smlawy(s, f, false));
  t.add("SMLALxy", "cccc 0001 0100 dddd aaaa mmmm 1yx0 nnnn", (s, f) => smlalxy(s, f));
  t.add("SMULxy", "cccc 0001 0110 dddd 0000 mmmm 1yx0 nnnn", (s, f) => smlaxy(s, f, false));

  t.add("SMLAD", "cccc 0111 0000 dddd aaaa mmmm 00x1 nnnn", (s, f) => smlad(s, f, false));
  t.add("SMLSD", "cccc 0111 0000 dddd aaaa mmmm 01x1 nnnn", (s, f) => smlad(s, f, true));
  t.add("SDIV", "cccc 0111 0001 dddd 1111 mmmm 0001 nnnn", (s, f) => div(s, f, false));
  t.add("UDIV", "cccc 0111 0011 dddd 1111 mmmm 0001 nnnn", (s, f) => div(s, f, true));
  t.add("SMLALD", "cccc 0111 0100 dddd aaaa mmmm 00x1 nnnn", (s, f) => smlald(s, f, false));
  t.add("SMLSLD", "cccc 0111 0100 dddd aaaa mmmm 01x1 nnnn", (s, f) => smlald(s, f, true));
  t.add("SMMLA", "cccc 0111 0101 dddd aaaa mmmm 00r1 nnnn", (s, f) => smmla(s, f, false));
  t.add("SMMLS", "cccc 0111 0101 dddd aaaa mmmm 11r1 nnnn", (s, f) => smmla(s, f, true));
}
