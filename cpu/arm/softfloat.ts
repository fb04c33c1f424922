/**
 * Exact IEEE 754 binary floating point with the ARM (VFP) rules, on bit patterns held as
 * `bigint`: the reference implementation behind the fast paths of `softfloat-fast.ts`, and
 * the path for every special case (NaNs, infinities, zeros, subnormals, flush-to-zero,
 * overflow, directed rounding near the range limits, fused multiply-add in double precision,
 * half precision).
 *
 * It follows QEMU 7.2's softfloat as configured for ARM: tininess is detected before rounding;
 * FPSCR.FZ flushes subnormal inputs (IDC) and results whose unrounded exponent is below the
 * normal range (UFC, no IXC); FPSCR.DN replaces every NaN result by the default NaN; NaN
 * operands propagate as FPProcessNaNs says (first signalling NaN, else first quiet NaN, A
 * before B; for a fused multiply-add the addend comes first), quietened; a quiet NaN addend
 * with (0 × ∞) gives the default NaN and IOC. Half precision never flushes; the alternative
 * half-precision format (FPSCR.AHP) has no infinities or NaNs.
 *
 * Operations are computed exactly with `bigint` (products, aligned sums, quotients and
 * square roots with a sticky bit) and rounded once by `roundPack`. Flags are accumulated in
 * an `FpStatus` in FPSCR bit positions.
 *
 * @module
 */

import {
  FPSCR_DN,
  FPSCR_DZC,
  FPSCR_FZ,
  FPSCR_IDC,
  FPSCR_IOC,
  FPSCR_IXC,
  FPSCR_OFC,
  FPSCR_RMODE_SHIFT,
  FPSCR_UFC,
  RMode,
} from "./vfp-state.ts";

/** Control bits (FPSCR layout: RMode, FZ, DN) and accumulated exception flags of one operation. */
export class FpStatus {
  /** FPSCR-format control word (only RMode, FZ and DN are read). */
  mode = 0;
  /** Exception flags raised, FPSCR bit positions (IOC DZC OFC UFC IXC IDC). */
  flags = 0;
}

/** A binary interchange format. */
export class FloatFormat {
  /** Exponent and fraction widths. */
  readonly ebits: number;
  readonly fbits: number;
  /** Alternative half precision: the top exponent is a normal exponent (no Inf/NaN). */
  readonly ahp: boolean;
  /** Exponent bias and the smallest normal exponent. */
  readonly bias: number;
  readonly emin: number;
  /** All-ones exponent field. */
  readonly expAllOnes: number;
  /** Whether FPSCR.FZ applies (single and double; never half precision). */
  readonly flushable: boolean;
  readonly fmask: bigint;
  readonly signShift: bigint;
  readonly expMaskShifted: bigint;
  /** Shift from the 62-bit NaN payload field to this format's fraction. */
  readonly nanShift: bigint;

  /** A format with `ebits` exponent and `fbits` fraction bits. */
  constructor(ebits: number, fbits: number, ahp = false) {
    this.ebits = ebits;
    this.fbits = fbits;
    this.ahp = ahp;
    this.bias = (1 << (ebits - 1)) - 1;
    this.emin = 1 - this.bias;
    this.expAllOnes = (1 << ebits) - 1;
    this.flushable = ebits > 5;
    this.fmask = (1n << BigInt(fbits)) - 1n;
    this.signShift = BigInt(ebits + fbits);
    this.expMaskShifted = BigInt(this.expAllOnes) << BigInt(fbits);
    this.nanShift = BigInt(NAN_BITS - fbits);
  }
}

/** Width of the format-independent NaN payload field; its top bit is the quiet bit. */
const NAN_BITS = 62;
const NAN_QUIET = 1n << BigInt(NAN_BITS - 1);

/** IEEE half precision, the alternative half precision, single and double precision. */
export const F16: FloatFormat = new FloatFormat(5, 10);
export const F16_AHP: FloatFormat = new FloatFormat(5, 10, true);
export const F32: FloatFormat = new FloatFormat(8, 23);
export const F64: FloatFormat = new FloatFormat(11, 52);

/** Operand classes. */
export const enum Cls {
  ZERO = 0,
  NORMAL = 1,
  INF = 2,
  QNAN = 3,
  SNAN = 4,
}

/**
 * An unpacked operand. NORMAL (including subnormal): value = (-1)^sign × mant × 2^exp. NaN:
 * `mant` is the fraction left-aligned in a 62-bit payload field.
 */
export interface Parts {
  cls: Cls;
  sign: number;
  exp: number;
  mant: bigint;
}

/** Rounding mode of `st`. */
function rmodeOf(st: FpStatus): RMode {
  return ((st.mode >>> FPSCR_RMODE_SHIFT) & 3) as RMode;
}

/** Whether FZ applies to `fmt` under `st`. */
function flushes(fmt: FloatFormat, st: FpStatus): boolean {
  return fmt.flushable && (st.mode & FPSCR_FZ) !== 0;
}

/** Number of significant bits of `x` (> 0). */
export function bitLength(x: bigint): number {
  let n = 0;
  while (x >= 0x10000000000000000n) {
    x >>= 64n;
    n += 64;
  }
  const hi = Number(x >> 32n), lo = Number(x & 0xffffffffn);
  return n + (hi !== 0 ? 64 - Math.clz32(hi) : 32 - Math.clz32(lo));
}

/** Splits `bits` of format `fmt`; flushes a subnormal to zero (IDC) when FZ applies. */
export function unpack(fmt: FloatFormat, bits: bigint, st: FpStatus): Parts {
  const sign = Number(bits >> fmt.signShift) & 1;
  const e = Number((bits >> BigInt(fmt.fbits)) & BigInt(fmt.expAllOnes));
  const f = bits & fmt.fmask;
  if (e === fmt.expAllOnes && !fmt.ahp) {
    if (f === 0n) return { cls: Cls.INF, sign, exp: 0, mant: 0n };
    const payload = f << fmt.nanShift;
    return { cls: (payload & NAN_QUIET) !== 0n ? Cls.QNAN : Cls.SNAN, sign, exp: 0, mant: payload };
  }
  if (e === 0) {
    if (f === 0n) return { cls: Cls.ZERO, sign, exp: 0, mant: 0n };
    if (flushes(fmt, st)) {
      st.flags |= FPSCR_IDC;
      return { cls: Cls.ZERO, sign, exp: 0, mant: 0n };
    }
    return { cls: Cls.NORMAL, sign, exp: fmt.emin - fmt.fbits, mant: f };
  }
  return {
    cls: Cls.NORMAL,
    sign,
    exp: e - fmt.bias - fmt.fbits,
    mant: f | (1n << BigInt(fmt.fbits)),
  };
}

/** Whether `bits` is a NaN of `fmt`. */
export function isNaNBits(fmt: FloatFormat, bits: bigint): boolean {
  return !fmt.ahp && (bits & fmt.expMaskShifted) === fmt.expMaskShifted &&
    (bits & fmt.fmask) !== 0n;
}

function signBit(fmt: FloatFormat, sign: number): bigint {
  return BigInt(sign) << fmt.signShift;
}

/** ±0. */
export function zeroBits(fmt: FloatFormat, sign: number): bigint {
  return signBit(fmt, sign);
}

/** ±∞. */
export function infBits(fmt: FloatFormat, sign: number): bigint {
  return signBit(fmt, sign) | fmt.expMaskShifted;
}

/** Largest finite magnitude with `sign`. */
export function maxBits(fmt: FloatFormat, sign: number): bigint {
  const top = fmt.ahp ? fmt.expAllOnes : fmt.expAllOnes - 1;
  return signBit(fmt, sign) | (BigInt(top) << BigInt(fmt.fbits)) | fmt.fmask;
}

/** The ARM default NaN: positive, quiet bit only. */
export function defaultNaN(fmt: FloatFormat): bigint {
  return fmt.expMaskShifted | (1n << BigInt(fmt.fbits - 1));
}

/** Packs a NaN operand into `fmt`, quietened (payload truncated or widened). */
function packNaN(fmt: FloatFormat, p: Parts): bigint {
  return signBit(fmt, p.sign) | fmt.expMaskShifted | ((p.mant | NAN_QUIET) >> fmt.nanShift);
}

function isNaNParts(p: Parts): boolean {
  return p.cls >= Cls.QNAN;
}

/** A NaN result from one NaN operand (QEMU's parts_return_nan). */
function returnNaN(fmt: FloatFormat, p: Parts, st: FpStatus): bigint {
  if (p.cls === Cls.SNAN) st.flags |= FPSCR_IOC;
  return (st.mode & FPSCR_DN) !== 0 ? defaultNaN(fmt) : packNaN(fmt, p);
}

/** A NaN result from two operands, at least one a NaN (FPProcessNaNs). */
function pickNaN(fmt: FloatFormat, a: Parts, b: Parts, st: FpStatus): bigint {
  if (a.cls === Cls.SNAN || b.cls === Cls.SNAN) st.flags |= FPSCR_IOC;
  if ((st.mode & FPSCR_DN) !== 0) return defaultNaN(fmt);
  const p = a.cls === Cls.SNAN ? a : b.cls === Cls.SNAN ? b : a.cls === Cls.QNAN ? a : b;
  return packNaN(fmt, p);
}

/** Invalid operation: IOC and the default NaN. */
function invalid(fmt: FloatFormat, st: FpStatus): bigint {
  st.flags |= FPSCR_IOC;
  return defaultNaN(fmt);
}

/**
 * Rounds the exact value (-1)^sign × mant × 2^exp (mant > 0; a value known only to lie strictly
 * between two multiples of the lowest bit must carry a sticky 1 there, with at least two bits
 * of guard above it) to `fmt` with rounding mode `rm`, raising IXC, UFC (tiny before rounding
 * and inexact, or flushed by FZ), OFC; AHP saturates with IOC instead of overflowing.
 */
export function roundPack(
  fmt: FloatFormat,
  sign: number,
  mant: bigint,
  exp: number,
  st: FpStatus,
  rm: RMode = rmodeOf(st),
): bigint {
  const e = exp + bitLength(mant) - 1;
  const tiny = e < fmt.emin;
  if (tiny && flushes(fmt, st)) {
    st.flags |= FPSCR_UFC;
    return zeroBits(fmt, sign);
  }
  let lsb = (tiny ? fmt.emin : e) - fmt.fbits;
  const shift = lsb - exp;
  let m: bigint;
  let inexact = false;
  if (shift <= 0) {
    m = mant << BigInt(-shift);
  } else {
    const sh = BigInt(shift);
    m = mant >> sh;
    const rem = mant & ((1n << sh) - 1n);
    if (rem !== 0n) {
      inexact = true;
      let inc: boolean;
      switch (rm) {
        case RMode.NEAREST: {
          const half = 1n << (sh - 1n);
          inc = rem > half || (rem === half && (m & 1n) === 1n);
          break;
        }
        case RMode.PLUS_INF:
          inc = sign === 0;
          break;
        case RMode.MINUS_INF:
          inc = sign === 1;
          break;
        default:
          inc = false;
      }
      if (inc) m += 1n;
    }
  }
  if (m >> BigInt(fmt.fbits + 1) !== 0n) {
    m >>= 1n;
    lsb++;
  }
  const biased = m >> BigInt(fmt.fbits) !== 0n ? lsb + fmt.fbits + fmt.bias : 0;
  if (fmt.ahp) {
    if (biased > fmt.expAllOnes) {
      st.flags |= FPSCR_IOC; // saturates; the inexact flag of this rounding is dropped
      return maxBits(fmt, sign);
    }
  } else if (biased >= fmt.expAllOnes) {
    st.flags |= FPSCR_OFC | FPSCR_IXC;
    const toMax = rm === RMode.ZERO || (rm === RMode.PLUS_INF && sign === 1) ||
      (rm === RMode.MINUS_INF && sign === 0);
    return toMax ? maxBits(fmt, sign) : infBits(fmt, sign);
  }
  if (inexact) st.flags |= tiny ? FPSCR_IXC | FPSCR_UFC : FPSCR_IXC;
  return signBit(fmt, sign) | (BigInt(biased) << BigInt(fmt.fbits)) | (m & fmt.fmask);
}

/** Sign of an exact zero sum: -0 only when rounding towards minus infinity. */
function exactZeroSign(st: FpStatus): number {
  return rmodeOf(st) === RMode.MINUS_INF ? 1 : 0;
}

/** Exact (-1)^sa × ma × 2^ea + (-1)^sb × mb × 2^eb, rounded. */
function addExact(
  fmt: FloatFormat,
  sa: number,
  ma: bigint,
  ea: number,
  sb: number,
  mb: bigint,
  eb: number,
  st: FpStatus,
): bigint {
  const e = Math.min(ea, eb);
  const va = ma << BigInt(ea - e), vb = mb << BigInt(eb - e);
  const s = (sa ? -va : va) + (sb ? -vb : vb);
  if (s === 0n) return zeroBits(fmt, exactZeroSign(st));
  return s < 0n ? roundPack(fmt, 1, -s, e, st) : roundPack(fmt, 0, s, e, st);
}

/** a + b, or a − b when `sub` (a NaN b keeps its sign). */
export function add(fmt: FloatFormat, a: bigint, b: bigint, st: FpStatus, sub: boolean): bigint {
  const A = unpack(fmt, a, st), B = unpack(fmt, b, st);
  const bs = B.sign ^ (sub ? 1 : 0);
  if (isNaNParts(A) || isNaNParts(B)) return pickNaN(fmt, A, B, st);
  if (A.cls === Cls.INF) {
    if (B.cls === Cls.INF && A.sign !== bs) return invalid(fmt, st);
    return infBits(fmt, A.sign);
  }
  if (B.cls === Cls.INF) return infBits(fmt, bs);
  if (A.cls === Cls.ZERO) {
    if (B.cls === Cls.ZERO) return zeroBits(fmt, A.sign === bs ? bs : exactZeroSign(st));
    return roundPack(fmt, bs, B.mant, B.exp, st);
  }
  if (B.cls === Cls.ZERO) return roundPack(fmt, A.sign, A.mant, A.exp, st);
  return addExact(fmt, A.sign, A.mant, A.exp, bs, B.mant, B.exp, st);
}

/** a × b. */
export function mul(fmt: FloatFormat, a: bigint, b: bigint, st: FpStatus): bigint {
  const A = unpack(fmt, a, st), B = unpack(fmt, b, st);
  const sign = A.sign ^ B.sign;
  if (
    (A.cls === Cls.INF && B.cls === Cls.ZERO) || (A.cls === Cls.ZERO && B.cls === Cls.INF)
  ) return invalid(fmt, st);
  if (isNaNParts(A) || isNaNParts(B)) return pickNaN(fmt, A, B, st);
  if (A.cls === Cls.INF || B.cls === Cls.INF) return infBits(fmt, sign);
  if (A.cls === Cls.ZERO || B.cls === Cls.ZERO) return zeroBits(fmt, sign);
  return roundPack(fmt, sign, A.mant * B.mant, A.exp + B.exp, st);
}

/** a ÷ b. */
export function div(fmt: FloatFormat, a: bigint, b: bigint, st: FpStatus): bigint {
  const A = unpack(fmt, a, st), B = unpack(fmt, b, st);
  const sign = A.sign ^ B.sign;
  if (
    (A.cls === Cls.ZERO && B.cls === Cls.ZERO) || (A.cls === Cls.INF && B.cls === Cls.INF)
  ) return invalid(fmt, st);
  if (isNaNParts(A) || isNaNParts(B)) return pickNaN(fmt, A, B, st);
  if (A.cls === Cls.INF) return infBits(fmt, sign);
  if (A.cls === Cls.ZERO || B.cls === Cls.INF) return zeroBits(fmt, sign);
  if (B.cls === Cls.ZERO) {
    st.flags |= FPSCR_DZC;
    return infBits(fmt, sign);
  }
  const k = Math.max(0, fmt.fbits + 4 + bitLength(B.mant) - bitLength(A.mant));
  const num = A.mant << BigInt(k);
  let q = num / B.mant;
  let exp = A.exp - B.exp - k;
  if (num % B.mant !== 0n) {
    q = (q << 1n) | 1n;
    exp--;
  }
  return roundPack(fmt, sign, q, exp, st);
}

/** Integer square root (floor). */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** √a. */
export function sqrt(fmt: FloatFormat, a: bigint, st: FpStatus): bigint {
  const A = unpack(fmt, a, st);
  if (isNaNParts(A)) return returnNaN(fmt, A, st);
  if (A.cls === Cls.ZERO) return zeroBits(fmt, A.sign);
  if (A.sign) return invalid(fmt, st);
  if (A.cls === Cls.INF) return infBits(fmt, 0);
  let m = A.mant, e = A.exp;
  if (e & 1) {
    m <<= 1n;
    e--;
  }
  const want = 2 * (fmt.fbits + 4) - bitLength(m);
  if (want > 0) {
    const k = (want + 1) >> 1;
    m <<= BigInt(2 * k);
    e -= 2 * k;
  }
  let r = isqrt(m);
  let exp = e / 2;
  if (r * r !== m) {
    r = (r << 1n) | 1n;
    exp--;
  }
  return roundPack(fmt, 0, r, exp, st);
}

/** a × b + c with a single rounding (QEMU's float*_muladd with the ARM NaN rules). */
export function muladd(
  fmt: FloatFormat,
  a: bigint,
  b: bigint,
  c: bigint,
  st: FpStatus,
): bigint {
  const A = unpack(fmt, a, st), B = unpack(fmt, b, st), C = unpack(fmt, c, st);
  const infzero = (A.cls === Cls.INF && B.cls === Cls.ZERO) ||
    (A.cls === Cls.ZERO && B.cls === Cls.INF);
  if (isNaNParts(A) || isNaNParts(B) || isNaNParts(C)) {
    if (A.cls === Cls.SNAN || B.cls === Cls.SNAN || C.cls === Cls.SNAN) st.flags |= FPSCR_IOC;
    if (infzero && C.cls === Cls.QNAN) return invalid(fmt, st);
    if ((st.mode & FPSCR_DN) !== 0) return defaultNaN(fmt);
    const p = C.cls === Cls.SNAN
      ? C
      : A.cls === Cls.SNAN
      ? A
      : B.cls === Cls.SNAN
      ? B
      : C.cls === Cls.QNAN
      ? C
      : A.cls === Cls.QNAN
      ? A
      : B;
    return packNaN(fmt, p);
  }
  const ps = A.sign ^ B.sign;
  if (infzero) return invalid(fmt, st);
  if (A.cls === Cls.INF || B.cls === Cls.INF) {
    if (C.cls === Cls.INF && C.sign !== ps) return invalid(fmt, st);
    return infBits(fmt, ps);
  }
  if (C.cls === Cls.INF) return infBits(fmt, C.sign);
  if (A.cls === Cls.ZERO || B.cls === Cls.ZERO) {
    if (C.cls === Cls.ZERO) return zeroBits(fmt, ps === C.sign ? ps : exactZeroSign(st));
    return roundPack(fmt, C.sign, C.mant, C.exp, st);
  }
  const pm = A.mant * B.mant, pe = A.exp + B.exp;
  if (C.cls === Cls.ZERO) return roundPack(fmt, ps, pm, pe, st);
  return addExact(fmt, ps, pm, pe, C.sign, C.mant, C.exp, st);
}

/** Value of a non-NaN operand of single or double precision as a JS number (exact). */
function toNumber(p: Parts): number {
  if (p.cls === Cls.ZERO) return 0;
  const v = p.cls === Cls.INF ? Infinity : Number(p.mant) * 2 ** p.exp;
  return p.sign ? -v : v;
}

/** NZCV nibbles of a comparison (FPSCR[31:28]). */
export const CMP_EQ = 0x6, CMP_LT = 0x8, CMP_GT = 0x2, CMP_UN = 0x3;

/**
 * Compares a with b (VCMP; VCMPE when `signaling`: any NaN raises IOC, else only signalling
 * NaNs). Returns the NZCV nibble.
 */
export function compare(
  fmt: FloatFormat,
  a: bigint,
  b: bigint,
  st: FpStatus,
  signaling: boolean,
): number {
  const A = unpack(fmt, a, st), B = unpack(fmt, b, st);
  if (isNaNParts(A) || isNaNParts(B)) {
    if (signaling || A.cls === Cls.SNAN || B.cls === Cls.SNAN) st.flags |= FPSCR_IOC;
    return CMP_UN;
  }
  const x = toNumber(A), y = toNumber(B);
  return x < y ? CMP_LT : x > y ? CMP_GT : CMP_EQ;
}

/** Converts between formats (VCVT single/double, VCVTB/VCVTT half). */
export function convert(from: FloatFormat, to: FloatFormat, bits: bigint, st: FpStatus): bigint {
  const P = unpack(from, bits, st);
  if (isNaNParts(P)) {
    if (to.ahp) {
      st.flags |= FPSCR_IOC;
      return zeroBits(to, P.sign);
    }
    return returnNaN(to, P, st);
  }
  if (P.cls === Cls.INF) {
    if (to.ahp) {
      st.flags |= FPSCR_IOC;
      return maxBits(to, P.sign);
    }
    return infBits(to, P.sign);
  }
  if (P.cls === Cls.ZERO) return zeroBits(to, P.sign);
  return roundPack(to, P.sign, P.mant, P.exp, st);
}

/**
 * Converts to a `width`-bit integer (32 or 16), signed or unsigned, after scaling by 2^scale
 * (fixed point), rounding with `rm`. NaN gives 0, out-of-range values saturate; both raise IOC
 * alone. Returns the integer as int32 (16-bit signed results are sign-extended).
 */
export function toInt(
  fmt: FloatFormat,
  bits: bigint,
  st: FpStatus,
  rm: RMode,
  scale: number,
  signed: boolean,
  width: 16 | 32,
): number {
  const max = signed ? 2 ** (width - 1) - 1 : 2 ** width - 1;
  const min = signed ? -(2 ** (width - 1)) : 0;
  if (isNaNBits(fmt, bits)) {
    st.flags |= FPSCR_IOC;
    return 0;
  }
  const P = unpack(fmt, bits, st);
  if (P.cls === Cls.ZERO) return 0;
  if (P.cls === Cls.INF) {
    st.flags |= FPSCR_IOC;
    return (P.sign ? min : max) | 0;
  }
  const e = P.exp + scale;
  let r: bigint;
  let inexact = false;
  if (e >= 0) {
    r = P.mant << BigInt(e);
  } else {
    const sh = BigInt(-e);
    r = P.mant >> sh;
    const rem = P.mant & ((1n << sh) - 1n);
    if (rem !== 0n) {
      inexact = true;
      let inc: boolean;
      switch (rm) {
        case RMode.NEAREST: {
          const half = 1n << (sh - 1n);
          inc = rem > half || (rem === half && (r & 1n) === 1n);
          break;
        }
        case RMode.PLUS_INF:
          inc = P.sign === 0;
          break;
        case RMode.MINUS_INF:
          inc = P.sign === 1;
          break;
        default:
          inc = false;
      }
      if (inc) r += 1n;
    }
  }
  if (r === 0n) {
    if (inexact) st.flags |= FPSCR_IXC;
    return 0;
  }
  const v = P.sign ? -r : r;
  if (v > BigInt(max)) {
    st.flags |= FPSCR_IOC;
    return max | 0;
  }
  if (v < BigInt(min)) {
    st.flags |= FPSCR_IOC;
    return min | 0;
  }
  if (inexact) st.flags |= FPSCR_IXC;
  return Number(v) | 0;
}

/**
 * Converts the integer `v` (|v| < 2^53) scaled by 2^scale to `fmt`, rounding with `rm`
 * (VCVT from integer or fixed point). Zero gives +0.
 */
export function fromInt(
  fmt: FloatFormat,
  v: number,
  scale: number,
  st: FpStatus,
  rm: RMode,
): bigint {
  if (v === 0) return 0n;
  return v < 0
    ? roundPack(fmt, 1, BigInt(-v), scale, st, rm)
    : roundPack(fmt, 0, BigInt(v), scale, st, rm);
}
