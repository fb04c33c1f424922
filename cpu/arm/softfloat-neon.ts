/**
 * Run-time helpers of the Advanced SIMD single-precision instructions (QEMU's vec_helper.c and
 * the NEON parts of vfp_helper.c), on the VFP register file by word index.
 *
 * NEON arithmetic always uses the "standard FPSCR" (QEMU's `standard_fp_status`): round to
 * nearest, flush-to-zero of inputs (IDC) and outputs (UFC), default NaN. FPSCR.RMode, FZ and DN
 * are ignored; the cumulative exception flags still accumulate into FPSCR. FPSCR.AHP does select
 * the half-precision format of VCVT.F16.F32 / VCVT.F32.F16, which convert f32 → f16 without
 * flushing half-precision outputs and f16 → f32 without flushing half-precision inputs.
 *
 * Operation order follows QEMU 7.2: VMLA is Vd + (Vn × Vm), VMLS Vd − (Vn × Vm), both with two
 * roundings; VFMA/VFMS are fused (VFMS negates Vn); VABD is |Vn − Vm|; VRECPS is 2 − (Vn × Vm)
 * and VRSQRTS (3 − (Vn × Vm)) ÷ 2 after squashing subnormal inputs, with ∞ × 0 giving 2 and 1.5
 * exactly; VMAX/VMIN propagate NaNs (default NaN) and order −0 below +0; the compares are
 * signalling except VCEQ.
 *
 * Register arguments are D register numbers (`q` selects four elements from Dd:Dd+1) or word
 * indices (`...w`); the scratch words past d31 hold temporaries.
 *
 * @module
 */

import {
  fpAdd32,
  fpCmp32,
  fpDiv32,
  fpFromInt,
  fpMul32,
  fpMulAdd32,
  fpToInt,
} from "./softfloat-fast.ts";
import { convert, F16, F16_AHP, F32, FpStatus } from "./softfloat.ts";
import {
  FPSCR_AHP,
  FPSCR_DN,
  FPSCR_DZC,
  FPSCR_FZ,
  FPSCR_IDC,
  FPSCR_IOC,
  FPSCR_UFC,
  RMode,
  VFP_SCRATCH_S,
  type VfpState,
} from "./vfp-state.ts";
import { registerHelpers } from "./helpers.ts";

/** The standard FPSCR control bits: round to nearest, flush-to-zero, default NaN. */
export const NEON_STD_MODE = FPSCR_FZ | FPSCR_DN;

/** Three-register (and scalar) single-precision operations. */
export const enum NeonF3 {
  ADD = 0,
  SUB = 1,
  ABD = 2,
  MUL = 3,
  MLA = 4,
  MLS = 5,
  FMA = 6,
  FMS = 7,
  CEQ = 8,
  CGE = 9,
  CGT = 10,
  ACGE = 11,
  ACGT = 12,
  MAX = 13,
  MIN = 14,
  RECPS = 15,
  RSQRTS = 16,
}

/** Two-register miscellaneous single-precision operations. */
export const enum NeonF2 {
  CGT0 = 0,
  CGE0 = 1,
  CEQ0 = 2,
  CLE0 = 3,
  CLT0 = 4,
  RECPE = 5,
  RSQRTE = 6,
  RECPE_U32 = 7,
  RSQRTE_U32 = 8,
  /** Signed / unsigned integer to float (round to nearest). */
  CVT_F_S = 9,
  CVT_F_U = 10,
  /** Float to signed / unsigned integer (round towards zero, saturating). */
  CVT_S_F = 11,
  CVT_U_F = 12,
}

const SIGN = 0x80000000 | 0;
const ABS = 0x7fffffff;
/** The default NaN and the constants of the step instructions. */
export const F32_DEFAULT_NAN = 0x7fc00000;
const F32_ONE_POINT_FIVE = 0x3fc00000;
const F32_TWO = 0x40000000;
const F32_THREE = 0x40400000;
const F32_INF = 0x7f800000;
const QUIET_BIT = 0x00400000;
const FRAC_MASK = 0x007fffff;

/**
 * Scratch word holding the scalar operand of the by-scalar forms: translated code copies the
 * scalar there before any element is written and passes this word to `neonF3Elem`.
 */
export const NEON_SCALAR_WORD = VFP_SCRATCH_S + 2;
/** Scratch words (past d31): pairwise results, zero, temporaries. */
const PAIR0 = VFP_SCRATCH_S, PAIR1 = VFP_SCRATCH_S + 1;
const ZERO = VFP_SCRATCH_S + 3;
const T0 = VFP_SCRATCH_S + 4, T1 = VFP_SCRATCH_S + 5;
const T2 = VFP_SCRATCH_S + 6, T3 = VFP_SCRATCH_S + 7;

/** NZCV nibbles from fpCmp32 (bits 31:28 of its result). */
const NZCV_EQ = 0x6, NZCV_GT = 0x2, NZCV_LT = 0x8;
const FLAG_BITS = 0xff;

// ---- reciprocal estimates ----------------------------------------------------------------

/**
 * RecipEstimate of the ARM ARM: `a` in 256..511 (a 9-bit fixed-point value in [0.5, 1)) gives
 * the 9-bit estimate in 256..511 of its reciprocal.
 */
export function recipEstimate(a: number): number {
  const b = Math.floor((1 << 19) / (a * 2 + 1));
  return (b + 1) >> 1;
}

/**
 * RecipSqrtEstimate of the ARM ARM: `a` in 128..511 (128..255: [0.25, 0.5) in steps of 1/512,
 * 256..511: [0.5, 1) in steps of 1/256) gives the 9-bit estimate in 256..511 of 1/√a.
 */
export function recipSqrtEstimate(a: number): number {
  const x = a < 256 ? a * 2 + 1 : (((a >> 1) << 1) + 1) * 2;
  // The largest b with x·(b+1)² < 2^28 (b ≥ 512): start from the square root and adjust.
  let b = Math.max(512, Math.floor(Math.sqrt((1 << 28) / x)) - 2);
  while (x * (b + 1) * (b + 1) < 1 << 28) b++;
  return (b + 1) >> 1;
}

const RECIP_TABLE = new Uint16Array(256);
const RSQRT_TABLE = new Uint16Array(512);
for (let i = 0; i < 256; i++) RECIP_TABLE[i] = recipEstimate(256 + i);
for (let i = 128; i < 512; i++) RSQRT_TABLE[i] = recipSqrtEstimate(i);

/** Flags raised by the bit-level helpers below (FPSCR positions). */
let flags = 0;

/**
 * Returns and clears the exception flags that `recpeF32`, `rsqrteF32` and `maxMinF32` raised
 * since the last call (FPSCR bit positions; for tests).
 */
export function takeNeonFlags(): number {
  const f = flags;
  flags = 0;
  return f;
}

/** Flushes a subnormal single to a zero of its sign (IDC), as flush-to-zero of inputs does. */
function squash(x: number): number {
  if ((x & 0x7f800000) === 0 && (x & FRAC_MASK) !== 0) {
    flags |= FPSCR_IDC;
    return x & SIGN;
  }
  return x;
}

function isNaN32(x: number): boolean {
  return (x & ABS) > F32_INF;
}

function isSNaN32(x: number): boolean {
  return isNaN32(x) && (x & QUIET_BIT) === 0;
}

/** VRECPE.F32 of the bits `x` under the standard FPSCR; returns the result bits (int32). */
export function recpeF32(x: number): number {
  x = squash(x | 0);
  const sign = x & SIGN, exp = (x >>> 23) & 0xff, frac = x & FRAC_MASK;
  if (isNaN32(x)) {
    if ((frac & QUIET_BIT) === 0) flags |= FPSCR_IOC;
    return F32_DEFAULT_NAN;
  }
  if (exp === 0xff) return sign; // 1/±∞ = ±0
  if (exp === 0) {
    flags |= FPSCR_DZC;
    return sign | F32_INF;
  }
  if (exp >= 253) {
    flags |= FPSCR_UFC; // the estimate would be subnormal: flushed
    return sign;
  }
  const est = RECIP_TABLE[frac >>> 15];
  return sign | ((253 - exp) << 23) | ((est & 0xff) << 15);
}

/** VRSQRTE.F32 of the bits `x` under the standard FPSCR. */
export function rsqrteF32(x: number): number {
  x = squash(x | 0);
  const exp = (x >>> 23) & 0xff, frac = x & FRAC_MASK;
  if (isNaN32(x)) {
    if ((frac & QUIET_BIT) === 0) flags |= FPSCR_IOC;
    return F32_DEFAULT_NAN;
  }
  if ((x & ABS) === 0) {
    flags |= FPSCR_DZC;
    return (x & SIGN) | F32_INF;
  }
  if (x < 0) {
    flags |= FPSCR_IOC;
    return F32_DEFAULT_NAN;
  }
  if (exp === 0xff) return 0; // 1/√+∞ = +0
  // Odd exponents scale the fraction to [0.25, 0.5), even ones to [0.5, 1).
  const scaled = exp & 1 ? 0x80 | (frac >>> 16) : 0x100 | (frac >>> 15);
  const est = RSQRT_TABLE[scaled];
  return (((380 - exp) >> 1) << 23) | ((est & 0xff) << 15);
}

/** VRECPE.U32 (UnsignedRecipEstimate). */
export function recpeU32(x: number): number {
  if (x >= 0) return -1;
  return recipEstimate((x >>> 23) & 0x1ff) << 23;
}

/** VRSQRTE.U32 (UnsignedRSqrtEstimate). */
export function rsqrteU32(x: number): number {
  if ((x & 0xc0000000) === 0) return -1;
  return RSQRT_TABLE[(x >>> 23) & 0x1ff] << 23;
}

/** Sign-magnitude bits to a key whose order is the numeric order, −0 just below +0. */
function orderKey(x: number): number {
  return x >= 0 ? x : -(x & ABS) - 1;
}

/** VMAX/VMIN of two singles (QEMU's float32_max/min: NaNs propagate as the default NaN). */
export function maxMinF32(a: number, b: number, min: boolean): number {
  a = squash(a | 0);
  b = squash(b | 0);
  if (isNaN32(a) || isNaN32(b)) {
    if (isSNaN32(a) || isSNaN32(b)) flags |= FPSCR_IOC;
    return F32_DEFAULT_NAN;
  }
  const ka = orderKey(a), kb = orderKey(b);
  if (min) return ka <= kb ? a : b;
  return ka >= kb ? a : b;
}

// ---- element operations ------------------------------------------------------------------

/** Compares words `a` and `b` (signalling unless `quiet`); returns the NZCV nibble. */
function cmp(V: VfpState, a: number, b: number, quiet: boolean): number {
  const r = fpCmp32(V, NEON_STD_MODE, a, b, !quiet);
  flags |= r & FLAG_BITS;
  return r >>> 28;
}

/** VRECPS / VRSQRTS on words n and m into word d. */
function step(V: VfpState, d: number, n: number, m: number, rsqrt: boolean): void {
  const a = squash(V.i32[n]), b = squash(V.i32[m]);
  const aInf = (a & ABS) === F32_INF, bInf = (b & ABS) === F32_INF;
  if ((aInf && (b & ABS) === 0) || (bInf && (a & ABS) === 0)) {
    V.i32[d] = rsqrt ? F32_ONE_POINT_FIVE : F32_TWO;
    return;
  }
  V.i32[T0] = a;
  V.i32[T1] = b;
  flags |= fpMul32(V, NEON_STD_MODE, T2, T0, T1);
  V.i32[T3] = rsqrt ? F32_THREE : F32_TWO;
  if (!rsqrt) {
    flags |= fpAdd32(V, NEON_STD_MODE, d, T3, T2, true);
    return;
  }
  flags |= fpAdd32(V, NEON_STD_MODE, T2, T3, T2, true);
  V.i32[T3] = F32_TWO;
  flags |= fpDiv32(V, NEON_STD_MODE, d, T2, T3);
}

/** One element of a three-register operation: word d = op(word n, word m). */
function f3(V: VfpState, op: NeonF3, d: number, n: number, m: number): void {
  const mode = NEON_STD_MODE;
  switch (op) {
    case NeonF3.ADD:
      flags |= fpAdd32(V, mode, d, n, m, false);
      break;
    case NeonF3.SUB:
      flags |= fpAdd32(V, mode, d, n, m, true);
      break;
    case NeonF3.ABD:
      flags |= fpAdd32(V, mode, d, n, m, true);
      V.i32[d] &= ABS;
      break;
    case NeonF3.MUL:
      flags |= fpMul32(V, mode, d, n, m);
      break;
    case NeonF3.MLA:
    case NeonF3.MLS:
      flags |= fpMul32(V, mode, T0, n, m);
      flags |= fpAdd32(V, mode, d, d, T0, op === NeonF3.MLS);
      break;
    case NeonF3.FMA:
      flags |= fpMulAdd32(V, mode, d, n, m, d);
      break;
    case NeonF3.FMS:
      V.i32[T0] = V.i32[n] ^ SIGN;
      flags |= fpMulAdd32(V, mode, d, T0, m, d);
      break;
    case NeonF3.CEQ:
      V.i32[d] = cmp(V, n, m, true) === NZCV_EQ ? -1 : 0;
      break;
    case NeonF3.CGE: {
      const c = cmp(V, n, m, false);
      V.i32[d] = c === NZCV_GT || c === NZCV_EQ ? -1 : 0;
      break;
    }
    case NeonF3.CGT:
      V.i32[d] = cmp(V, n, m, false) === NZCV_GT ? -1 : 0;
      break;
    case NeonF3.ACGE:
    case NeonF3.ACGT: {
      V.i32[T0] = V.i32[n] & ABS;
      V.i32[T1] = V.i32[m] & ABS;
      const c = cmp(V, T0, T1, false);
      V.i32[d] = c === NZCV_GT || (op === NeonF3.ACGE && c === NZCV_EQ) ? -1 : 0;
      break;
    }
    case NeonF3.MAX:
    case NeonF3.MIN:
      V.i32[d] = maxMinF32(V.i32[n], V.i32[m], op === NeonF3.MIN);
      break;
    case NeonF3.RECPS:
    case NeonF3.RSQRTS:
      step(V, d, n, m, op === NeonF3.RSQRTS);
      break;
  }
}

/** One element of a two-register operation: word d = op(word m). */
function f2(V: VfpState, op: NeonF2, d: number, m: number): void {
  const mode = NEON_STD_MODE;
  const x = V.i32[m];
  switch (op) {
    case NeonF2.CGT0:
      V.i32[d] = cmp(V, m, ZERO, false) === NZCV_GT ? -1 : 0;
      break;
    case NeonF2.CGE0: {
      const c = cmp(V, m, ZERO, false);
      V.i32[d] = c === NZCV_GT || c === NZCV_EQ ? -1 : 0;
      break;
    }
    case NeonF2.CEQ0:
      V.i32[d] = cmp(V, m, ZERO, true) === NZCV_EQ ? -1 : 0;
      break;
    case NeonF2.CLE0: {
      const c = cmp(V, m, ZERO, false);
      V.i32[d] = c === NZCV_LT || c === NZCV_EQ ? -1 : 0;
      break;
    }
    case NeonF2.CLT0:
      V.i32[d] = cmp(V, m, ZERO, false) === NZCV_LT ? -1 : 0;
      break;
    case NeonF2.RECPE:
      V.i32[d] = recpeF32(x);
      break;
    case NeonF2.RSQRTE:
      V.i32[d] = rsqrteF32(x);
      break;
    case NeonF2.RECPE_U32:
      V.i32[d] = recpeU32(x);
      break;
    case NeonF2.RSQRTE_U32:
      V.i32[d] = rsqrteU32(x);
      break;
    case NeonF2.CVT_F_S:
      flags |= fpFromInt(V, mode, false, d, x, 0, RMode.NEAREST);
      break;
    case NeonF2.CVT_F_U:
      flags |= fpFromInt(V, mode, false, d, x >>> 0, 0, RMode.NEAREST);
      break;
    case NeonF2.CVT_S_F:
    case NeonF2.CVT_U_F:
      flags |= fpToInt(V, mode, false, d, m, RMode.ZERO, 0, op === NeonF2.CVT_S_F, 32, false);
      break;
  }
}

// ---- helpers called from translated code -------------------------------------------------

/** Elementwise three-register operation on D (or Q when `q`) registers d, n, m. */
export function neonF3(V: VfpState, op: NeonF3, d: number, n: number, m: number, q: boolean) {
  flags = 0;
  for (let i = 0, e = q ? 4 : 2; i < e; i++) f3(V, op, 2 * d + i, 2 * n + i, 2 * m + i);
  V.fpscr |= flags;
}

/** One element of a three-register operation on words (the slow path of the inline code). */
export function neonF3Elem(V: VfpState, op: NeonF3, dw: number, nw: number, mw: number): void {
  flags = 0;
  f3(V, op, dw, nw, mw);
  V.fpscr |= flags;
}

/** VPADD / VPMAX / VPMIN (D registers only): Dd = [op(Dn[0], Dn[1]), op(Dm[0], Dm[1])]. */
export function neonFPair(V: VfpState, op: NeonF3, d: number, n: number, m: number): void {
  flags = 0;
  f3(V, op, PAIR0, 2 * n, 2 * n + 1);
  f3(V, op, PAIR1, 2 * m, 2 * m + 1);
  V.i32[2 * d] = V.i32[PAIR0];
  V.i32[2 * d + 1] = V.i32[PAIR1];
  V.fpscr |= flags;
}

/** Elementwise two-register miscellaneous operation. */
export function neonF2(V: VfpState, op: NeonF2, d: number, m: number, q: boolean): void {
  flags = 0;
  V.i32[ZERO] = 0;
  for (let i = 0, e = q ? 4 : 2; i < e; i++) f2(V, op, 2 * d + i, 2 * m + i);
  V.fpscr |= flags;
}

/**
 * VCVT between single precision and 32-bit fixed point with `fbits` fraction bits: to fixed
 * rounds towards zero and saturates, from fixed rounds to nearest.
 */
export function neonFFixed(
  V: VfpState,
  toFixed: boolean,
  signed: boolean,
  fbits: number,
  d: number,
  m: number,
  q: boolean,
): void {
  let fl = 0;
  for (let i = 0, e = q ? 4 : 2; i < e; i++) {
    const dw = 2 * d + i, mw = 2 * m + i;
    if (toFixed) {
      fl |= fpToInt(V, NEON_STD_MODE, false, dw, mw, RMode.ZERO, fbits, signed, 32, false);
    } else {
      const v = signed ? V.i32[mw] : V.i32[mw] >>> 0;
      fl |= fpFromInt(V, NEON_STD_MODE, false, dw, v, -fbits, RMode.NEAREST);
    }
  }
  V.fpscr |= fl;
}

const hst = new FpStatus();

/** Converts the single `x` to half precision (format by FPSCR.AHP of `V`). */
function toHalf(V: VfpState, x: number): number {
  const fmt = (V.fpscr & FPSCR_AHP) !== 0 ? F16_AHP : F16;
  return Number(convert(F32, fmt, BigInt(x >>> 0), hst));
}

/** Converts the half-precision `h` to single precision (format by FPSCR.AHP of `V`). */
function fromHalf(V: VfpState, h: number): number {
  const fmt = (V.fpscr & FPSCR_AHP) !== 0 ? F16_AHP : F16;
  return Number(convert(fmt, F32, BigInt(h & 0xffff), hst)) | 0;
}

/** VCVT.F16.F32: Dd = the four singles of Qm (D register m, even) narrowed to half precision. */
export function neonFCvtToHalf(V: VfpState, d: number, m: number): void {
  hst.mode = NEON_STD_MODE;
  hst.flags = 0;
  const w = 2 * m;
  const h0 = toHalf(V, V.i32[w]), h1 = toHalf(V, V.i32[w + 1]);
  const h2 = toHalf(V, V.i32[w + 2]), h3 = toHalf(V, V.i32[w + 3]);
  V.i32[2 * d] = h0 | (h1 << 16);
  V.i32[2 * d + 1] = h2 | (h3 << 16);
  V.fpscr |= hst.flags;
}

/** VCVT.F32.F16: Qd (D register d, even) = the four halves of Dm widened to single precision. */
export function neonFCvtFromHalf(V: VfpState, d: number, m: number): void {
  hst.mode = NEON_STD_MODE;
  hst.flags = 0;
  const lo = V.i32[2 * m], hi = V.i32[2 * m + 1];
  const r0 = fromHalf(V, lo), r1 = fromHalf(V, lo >>> 16);
  const r2 = fromHalf(V, hi), r3 = fromHalf(V, hi >>> 16);
  V.i32[2 * d] = r0;
  V.i32[2 * d + 1] = r1;
  V.i32[2 * d + 2] = r2;
  V.i32[2 * d + 3] = r3;
  V.fpscr |= hst.flags;
}

registerHelpers({
  neonF3,
  neonF3Elem,
  neonFPair,
  neonF2,
  neonFFixed,
  neonFCvtToHalf,
  neonFCvtFromHalf,
});
