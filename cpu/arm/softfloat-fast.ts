/**
 * Floating-point operations on the VFP register file, by register index, with the host's
 * IEEE double arithmetic where it provably gives the ARM result and `softfloat.ts` otherwise.
 *
 * Every function takes the register file `R`, the FPSCR-format control word `mode` (RMode,
 * FZ, DN), register indices (S numbers for single precision, D numbers for double; the
 * scratch registers past d31 are valid) and returns the exception flags it raised (FPSCR bit
 * positions). Results are written to the register file; NaN results are always written as
 * bits (the float views would quieten signalling NaNs).
 *
 * The fast paths compute the round-to-nearest result r with the host and the sign of the
 * exact error (TwoSum for sums, Dekker's TwoProduct with Veltkamp splitting for products and
 * for the residuals of quotients and square roots), which gives inexactness and the directed
 * roundings (one step with `nextUp`/`nextDown`). Single precision is computed in double then
 * rounded with `Math.fround`: double rounding is harmless for + − × ÷ √ (53 ≥ 2×24+2), and the
 * error term settles the one case where the double result is a midpoint (fused multiply-add).
 * They only run where no operand or result is special, subnormal or near the range limits.
 *
 * @module
 */

import {
  add,
  CMP_EQ,
  CMP_GT,
  CMP_LT,
  compare,
  convert,
  div,
  F16,
  F16_AHP,
  F32,
  F64,
  type FloatFormat,
  FpStatus,
  fromInt,
  mul,
  muladd,
  sqrt,
  toInt,
} from "./softfloat.ts";
import { FPSCR_AHP, FPSCR_FZ, FPSCR_IXC, FPSCR_RMODE_SHIFT, RMode } from "./vfp-state.ts";

/** The views of a VFP register file (see `VfpState`). */
export interface FpRegs {
  /** D registers as doubles. */
  readonly f64: Float64Array;
  /** S registers as singles. */
  readonly f32: Float32Array;
  /** S registers (and D register halves) as words. */
  readonly i32: Int32Array;
}

/** Reads Sn as a bit pattern. */
export function getS(R: FpRegs, n: number): bigint {
  return BigInt(R.i32[n] >>> 0);
}

/** Writes Sn from a bit pattern. */
export function setS(R: FpRegs, n: number, v: bigint): void {
  R.i32[n] = Number(v & 0xffffffffn) | 0;
}

/** Reads Dn as a bit pattern. */
export function getD(R: FpRegs, n: number): bigint {
  return (BigInt(R.i32[2 * n + 1] >>> 0) << 32n) | BigInt(R.i32[2 * n] >>> 0);
}

/** Writes Dn from a bit pattern. */
export function setD(R: FpRegs, n: number, v: bigint): void {
  R.i32[2 * n] = Number(v & 0xffffffffn) | 0;
  R.i32[2 * n + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
}

const st = new FpStatus();

/** Starts a slow-path operation under `mode`. */
function begin(mode: number): FpStatus {
  st.mode = mode;
  st.flags = 0;
  return st;
}

// ---- host helpers -------------------------------------------------------------------------

const MIN_NORMAL_D = 2 ** -1022;
const MIN_SAFE_D = 2 ** -1021;
const MAX_SAFE_D = 2 ** 1023;
/** Products and residuals are exact (no underflow of the error term, no split overflow) here. */
const TP_LO = 2 ** -960;
const TP_HI = 2 ** 995;
const MIN_NORMAL_S = 2 ** -126;
const MIN_SAFE_S = 2 ** -125;
const MAX_SAFE_S = 2 ** 127;
const MAX_S = 3.4028234663852886e38;
const SPLIT = 134217729; // 2^27 + 1

/** x·y − fl(x·y) exactly (Dekker), given p = fl(x·y); needs normal x, y < 2^995, |p| ≥ 2^-960. */
function twoProdErr(x: number, y: number, p: number): number {
  let c = SPLIT * x;
  const xh = c - (c - x), xl = x - xh;
  c = SPLIT * y;
  const yh = c - (c - y), yl = y - yh;
  return ((xh * yh - p) + xh * yl + xl * yh) + xl * yl;
}

const scD = new Float64Array(1);
const scDI = new Int32Array(scD.buffer);
const scS = new Float32Array(1);
const scSI = new Int32Array(scS.buffer);

/** The double next to finite non-zero `x`, one step up (`away`) or down in magnitude. */
function stepD(x: number, away: boolean): number {
  scD[0] = x;
  if (away) {
    const lo = (scDI[0] + 1) | 0;
    scDI[0] = lo;
    if (lo === 0) scDI[1] = (scDI[1] + 1) | 0;
  } else {
    if (scDI[0] === 0) scDI[1] = (scDI[1] - 1) | 0;
    scDI[0] = (scDI[0] - 1) | 0;
  }
  return scD[0];
}

/** The single next to finite non-zero single `x`, one step up or down in magnitude. */
function stepS(x: number, away: boolean): number {
  scS[0] = x;
  scSI[0] = (scSI[0] + (away ? 1 : -1)) | 0;
  return scS[0];
}

/** Adjusts the nearest result `r` to mode `rm` given the sign `dir` of (exact − r), not 0. */
function directed(r: number, dir: number, rm: number, step: (x: number, a: boolean) => number) {
  switch (rm) {
    case RMode.PLUS_INF:
      return dir > 0 ? step(r, r > 0) : r;
    case RMode.MINUS_INF:
      return dir < 0 ? step(r, r < 0) : r;
    case RMode.ZERO:
      return (r > 0) === (dir < 0) ? step(r, false) : r;
    default:
      return r;
  }
}

function isSubD(x: number): boolean {
  return x !== 0 && x > -MIN_NORMAL_D && x < MIN_NORMAL_D;
}

function isSubS(x: number): boolean {
  return x !== 0 && x > -MIN_NORMAL_S && x < MIN_NORMAL_S;
}

/**
 * The zero that an exact zero sum x + y = r (finite operands) has: the host gives the
 * round-to-nearest sign, which every mode shares except towards minus infinity, where only
 * (+0) + (+0) stays +0.
 */
function exactZeroSum(x: number, y: number, r: number, mode: number): number {
  if (((mode >>> FPSCR_RMODE_SHIFT) & 3) !== RMode.MINUS_INF) return r;
  return x === 0 && y === 0 && 1 / x > 0 && 1 / y > 0 ? 0 : -0;
}

/** Stores the double result r (nearest) with error sign `err`; returns the flags. */
function finishD(R: FpRegs, mode: number, d: number, r: number, err: number): number {
  if (err === 0) {
    R.f64[d] = r;
    return 0;
  }
  R.f64[d] = directed(r, err, (mode >>> FPSCR_RMODE_SHIFT) & 3, stepD);
  return FPSCR_IXC;
}

/**
 * Rounds the exact value v + err (v a double, err its exact error or just its sign) to single
 * and stores it; returns the flags, or -1 when the result is near the range limits (slow path).
 */
function finishS(R: FpRegs, mode: number, d: number, v: number, err: number): number {
  let f = Math.fround(v);
  const af = Math.abs(f);
  if (!(af >= MIN_SAFE_S && af < MAX_SAFE_S)) return -1;
  let dir: number;
  if (v === f) {
    if (err === 0) {
      R.f32[d] = f;
      return 0;
    }
    dir = err;
  } else {
    dir = v > f ? 1 : -1;
    if (err !== 0 && (err > 0) === (dir > 0)) {
      // v is the midpoint between f and its neighbour g only by rounding: the exact value is
      // past it, so the nearest single is g.
      const g = stepS(f, (f > 0) === (dir > 0));
      if (v === (f + g) * 0.5) {
        f = g;
        dir = -dir;
      }
    }
  }
  R.f32[d] = directed(f, dir, (mode >>> FPSCR_RMODE_SHIFT) & 3, stepS);
  return FPSCR_IXC;
}

// ---- arithmetic ---------------------------------------------------------------------------

/** Dd = Da + Db (or Da − Db). */
export function fpAdd64(
  R: FpRegs,
  mode: number,
  d: number,
  a: number,
  b: number,
  sub: boolean,
): number {
  const x = R.f64[a], y = sub ? -R.f64[b] : R.f64[b];
  const r = x + y, ar = Math.abs(r);
  if ((mode & FPSCR_FZ) === 0 || !(isSubD(x) || isSubD(y))) {
    if (ar >= MIN_SAFE_D && ar < MAX_SAFE_D) {
      const bv = r - x;
      return finishD(R, mode, d, r, (x - (r - bv)) + (y - bv));
    }
    if (r === 0) {
      R.f64[d] = exactZeroSum(x, y, r, mode);
      return 0;
    }
  }
  const s = begin(mode);
  setD(R, d, add(F64, getD(R, a), getD(R, b), s, sub));
  return s.flags;
}

/** Sd = Sa + Sb (or Sa − Sb). */
export function fpAdd32(
  R: FpRegs,
  mode: number,
  d: number,
  a: number,
  b: number,
  sub: boolean,
): number {
  const x = R.f32[a], y = sub ? -R.f32[b] : R.f32[b];
  if ((mode & FPSCR_FZ) === 0 || !(isSubS(x) || isSubS(y))) {
    const v = x + y, bv = v - x;
    if (v === 0) {
      R.f32[d] = exactZeroSum(x, y, v, mode);
      return 0;
    }
    const f = finishS(R, mode, d, v, (x - (v - bv)) + (y - bv));
    if (f >= 0) return f;
  }
  const s = begin(mode);
  setS(R, d, add(F32, getS(R, a), getS(R, b), s, sub));
  return s.flags;
}

/** Dd = Da × Db. */
export function fpMul64(R: FpRegs, mode: number, d: number, a: number, b: number): number {
  const x = R.f64[a], y = R.f64[b];
  const r = x * y, ar = Math.abs(r), ax = Math.abs(x), ay = Math.abs(y);
  if (
    ar >= TP_LO && ar < MAX_SAFE_D && ax >= MIN_NORMAL_D && ax < TP_HI && ay >= MIN_NORMAL_D &&
    ay < TP_HI
  ) return finishD(R, mode, d, r, twoProdErr(x, y, r));
  if (
    r === 0 && (x === 0 || y === 0) && ((mode & FPSCR_FZ) === 0 || !(isSubD(x) || isSubD(y)))
  ) {
    R.f64[d] = r; // exact: a zero times a finite value
    return 0;
  }
  const s = begin(mode);
  setD(R, d, mul(F64, getD(R, a), getD(R, b), s));
  return s.flags;
}

/** Sd = Sa × Sb. */
export function fpMul32(R: FpRegs, mode: number, d: number, a: number, b: number): number {
  const x = R.f32[a], y = R.f32[b];
  if ((mode & FPSCR_FZ) === 0 || !(isSubS(x) || isSubS(y))) {
    const v = x * y; // exact in double
    if (v === 0) {
      R.f32[d] = v;
      return 0;
    }
    const f = finishS(R, mode, d, v, 0);
    if (f >= 0) return f;
  }
  const s = begin(mode);
  setS(R, d, mul(F32, getS(R, a), getS(R, b), s));
  return s.flags;
}

/** Dd = Da ÷ Db. */
export function fpDiv64(R: FpRegs, mode: number, d: number, a: number, b: number): number {
  const x = R.f64[a], y = R.f64[b];
  const q = x / y, aq = Math.abs(q), ax = Math.abs(x), ay = Math.abs(y);
  if (
    aq >= TP_LO && aq < TP_HI && ax >= TP_LO && ax < TP_HI && ay >= MIN_NORMAL_D && ay < TP_HI
  ) {
    const p = q * y;
    const res = (x - p) - twoProdErr(q, y, p);
    return finishD(R, mode, d, q, y > 0 ? res : -res);
  }
  if (
    q === 0 && (x === 0 || ay === Infinity) &&
    ((mode & FPSCR_FZ) === 0 || !(isSubD(x) || isSubD(y)))
  ) {
    R.f64[d] = q; // exact: 0 ÷ y or x ÷ ∞
    return 0;
  }
  const s = begin(mode);
  setD(R, d, div(F64, getD(R, a), getD(R, b), s));
  return s.flags;
}

/** Sd = Sa ÷ Sb. */
export function fpDiv32(R: FpRegs, mode: number, d: number, a: number, b: number): number {
  const x = R.f32[a], y = R.f32[b];
  if ((mode & FPSCR_FZ) === 0 || !(isSubS(x) || isSubS(y))) {
    const q = x / y;
    if (q === 0 && (x === 0 || y === Infinity || y === -Infinity)) {
      R.f32[d] = q;
      return 0;
    }
    if (q !== 0 && Math.abs(q) < Infinity) {
      const p = q * y;
      const res = (x - p) - twoProdErr(q, y, p);
      const f = finishS(R, mode, d, q, y > 0 ? res : -res);
      if (f >= 0) return f;
    }
  }
  const s = begin(mode);
  setS(R, d, div(F32, getS(R, a), getS(R, b), s));
  return s.flags;
}

/** Dd = √Dm. */
export function fpSqrt64(R: FpRegs, mode: number, d: number, m: number): number {
  const x = R.f64[m];
  if (x >= TP_LO && x < TP_HI) {
    const r = Math.sqrt(x), p = r * r;
    return finishD(R, mode, d, r, (x - p) - twoProdErr(r, r, p));
  }
  if (x === 0) {
    R.f64[d] = x; // √±0 = ±0
    return 0;
  }
  const s = begin(mode);
  setD(R, d, sqrt(F64, getD(R, m), s));
  return s.flags;
}

/** Sd = √Sm. */
export function fpSqrt32(R: FpRegs, mode: number, d: number, m: number): number {
  const x = R.f32[m];
  if (x >= MIN_NORMAL_S && x <= MAX_S) {
    const r = Math.sqrt(x), p = r * r;
    const f = finishS(R, mode, d, r, (x - p) - twoProdErr(r, r, p));
    if (f >= 0) return f;
  }
  if (x === 0) {
    R.f32[d] = x;
    return 0;
  }
  const s = begin(mode);
  setS(R, d, sqrt(F32, getS(R, m), s));
  return s.flags;
}

/** Dd = Da × Db + Dc, fused (exact, always the exact path). */
export function fpMulAdd64(
  R: FpRegs,
  mode: number,
  d: number,
  a: number,
  b: number,
  c: number,
): number {
  const s = begin(mode);
  setD(R, d, muladd(F64, getD(R, a), getD(R, b), getD(R, c), s));
  return s.flags;
}

/** Sd = Sa × Sb + Sc, fused: the product is exact in double, the sum exact with its error. */
export function fpMulAdd32(
  R: FpRegs,
  mode: number,
  d: number,
  a: number,
  b: number,
  c: number,
): number {
  const x = R.f32[a], y = R.f32[b], z = R.f32[c];
  if ((mode & FPSCR_FZ) === 0 || !(isSubS(x) || isSubS(y) || isSubS(z))) {
    const p = x * y, v = p + z, bv = v - p;
    const f = finishS(R, mode, d, v, (p - (v - bv)) + (z - bv));
    if (f >= 0) return f;
  }
  const s = begin(mode);
  setS(R, d, muladd(F32, getS(R, a), getS(R, b), getS(R, c), s));
  return s.flags;
}

/**
 * Compares Da with Db (`e`: VCMPE, any NaN raises IOC). Returns the NZCV nibble in bits 31:28
 * or'ed with the flags.
 */
export function fpCmp64(R: FpRegs, mode: number, a: number, b: number, e: boolean): number {
  const x = R.f64[a], y = R.f64[b];
  if ((mode & FPSCR_FZ) === 0 || !(isSubD(x) || isSubD(y))) {
    if (x < y) return CMP_LT << 28;
    if (x > y) return CMP_GT << 28;
    if (x === y) return CMP_EQ << 28;
  }
  const s = begin(mode);
  const r = compare(F64, getD(R, a), getD(R, b), s, e);
  return (r << 28) | s.flags;
}

/** Compares Sa with Sb; see `fpCmp64`. */
export function fpCmp32(R: FpRegs, mode: number, a: number, b: number, e: boolean): number {
  const x = R.f32[a], y = R.f32[b];
  if ((mode & FPSCR_FZ) === 0 || !(isSubS(x) || isSubS(y))) {
    if (x < y) return CMP_LT << 28;
    if (x > y) return CMP_GT << 28;
    if (x === y) return CMP_EQ << 28;
  }
  const s = begin(mode);
  const r = compare(F32, getS(R, a), getS(R, b), s, e);
  return (r << 28) | s.flags;
}

// ---- conversions --------------------------------------------------------------------------

/** Dd = Sm converted to double. */
export function fpCvt64From32(R: FpRegs, mode: number, d: number, m: number): number {
  const x = R.f32[m], ax = Math.abs(x);
  if ((ax >= MIN_NORMAL_S && ax <= MAX_S) || x === 0) {
    R.f64[d] = x;
    return 0;
  }
  const s = begin(mode);
  setD(R, d, convert(F32, F64, getS(R, m), s));
  return s.flags;
}

/** Sd = Dm rounded to single. */
export function fpCvt32From64(R: FpRegs, mode: number, d: number, m: number): number {
  const x = R.f64[m];
  if (x === 0) {
    R.f32[d] = x;
    return 0;
  }
  const f = finishS(R, mode, d, x, 0);
  if (f >= 0) return f;
  const s = begin(mode);
  setS(R, d, convert(F64, F32, getD(R, m), s));
  return s.flags;
}

/** The half-precision format FPSCR.AHP selects. */
function halfFormat(mode: number): FloatFormat {
  return (mode & FPSCR_AHP) !== 0 ? F16_AHP : F16;
}

/** Sd = the half-precision value in the bottom (or `top`) half of Sm, as single. */
export function fpCvt32From16(R: FpRegs, mode: number, d: number, m: number, top: boolean): number {
  const h = (R.i32[m] >>> (top ? 16 : 0)) & 0xffff;
  const s = begin(mode);
  setS(R, d, convert(halfFormat(mode), F32, BigInt(h), s));
  return s.flags;
}

/** Writes Sm rounded to half precision into the bottom (or `top`) half of Sd. */
export function fpCvt16From32(R: FpRegs, mode: number, d: number, m: number, top: boolean): number {
  const s = begin(mode);
  const h = Number(convert(F32, halfFormat(mode), getS(R, m), s));
  R.i32[d] = top ? (R.i32[d] & 0xffff) | (h << 16) : (R.i32[d] & ~0xffff) | h;
  return s.flags;
}

/** Integer or fixed-point value of x·2^scale rounded with `rm`, or NaN when out of reach. */
function toIntFast(x: number, scale: number, rm: number, signed: boolean, width: number) {
  const v = x * 2 ** scale;
  if (!(Math.abs(v) < 2 ** 53)) return NaN;
  const t = Math.trunc(v), frac = v - t;
  let r = t;
  if (frac !== 0) {
    switch (rm) {
      case RMode.NEAREST: {
        const a = Math.abs(frac);
        if (a > 0.5 || (a === 0.5 && (t % 2) !== 0)) r = t + (v > 0 ? 1 : -1);
        break;
      }
      case RMode.PLUS_INF:
        if (frac > 0) r = t + 1;
        break;
      case RMode.MINUS_INF:
        if (frac < 0) r = t - 1;
        break;
    }
  }
  const lo = signed ? -(2 ** (width - 1)) : 0;
  const hi = signed ? 2 ** (width - 1) - 1 : 2 ** width - 1;
  return r >= lo && r <= hi ? r : NaN;
}

/**
 * Sd = Dm (or Sm when `!dp`) × 2^scale converted to a `width`-bit integer with rounding mode
 * `rm`; the integer is stored sign- or zero-extended to 32 bits, or to 64 bits in Dd when
 * `toD` (fixed-point conversions in place on a D register).
 */
export function fpToInt(
  R: FpRegs,
  mode: number,
  dp: boolean,
  d: number,
  m: number,
  rm: RMode,
  scale: number,
  signed: boolean,
  width: 16 | 32,
  toD: boolean,
): number {
  const x = dp ? R.f64[m] : R.f32[m];
  let r: number;
  let flags = 0;
  if ((mode & FPSCR_FZ) === 0 || !(dp ? isSubD(x) : isSubS(x))) {
    r = toIntFast(x, scale, rm, signed, width);
    if (r === r) {
      if (r !== x * 2 ** scale) flags = FPSCR_IXC;
      r |= 0;
    } else {
      r = slowToInt(R, mode, dp, m, rm, scale, signed, width);
      flags = st.flags;
    }
  } else {
    r = slowToInt(R, mode, dp, m, rm, scale, signed, width);
    flags = st.flags;
  }
  if (toD) {
    R.i32[2 * d] = r;
    R.i32[2 * d + 1] = signed && r < 0 ? -1 : 0;
  } else {
    R.i32[d] = r;
  }
  return flags;
}

function slowToInt(
  R: FpRegs,
  mode: number,
  dp: boolean,
  m: number,
  rm: RMode,
  scale: number,
  signed: boolean,
  width: 16 | 32,
): number {
  const s = begin(mode);
  return toInt(dp ? F64 : F32, dp ? getD(R, m) : getS(R, m), s, rm, scale, signed, width);
}

/**
 * Dd (or Sd) = the integer `v` (exact, |v| < 2^53) × 2^scale rounded with `rm` (int to float
 * with the FPSCR mode, fixed to float to nearest).
 */
export function fpFromInt(
  R: FpRegs,
  mode: number,
  dp: boolean,
  d: number,
  v: number,
  scale: number,
  rm: RMode,
): number {
  const x = v * 2 ** scale;
  if (dp) {
    R.f64[d] = x; // exact: at most 32 significant bits, scale in [-32, 0]
    return 0;
  }
  if (x === 0) {
    R.i32[d] = 0;
    return 0;
  }
  const rmMode = (mode & ~(3 << FPSCR_RMODE_SHIFT)) | (rm << FPSCR_RMODE_SHIFT);
  const f = finishS(R, rmMode, d, x, 0);
  if (f >= 0) return f;
  const s = begin(mode);
  setS(R, d, fromInt(F32, v, scale, s, rm));
  return s.flags;
}
