/**
 * Run-time helpers of the Advanced SIMD integer instructions (translate-neon-int*.ts): the
 * operations too large to emit inline. Lane helpers take one element's value (sign- or
 * zero-extended to a JS number) and return the result, whose low `bits` bits the caller packs;
 * register helpers read and write `VfpState.i32` by word index (word `2n` is the low half of
 * Dn) and read every input before writing, so operands may overlap.
 *
 * Saturation sets FPSCR.QC (sticky), as QEMU's `SET_QC()` does. Reached from translated code as
 * `H.neonInt...` once `registerNeonIntHelpers()` has run.
 *
 * @module
 */

import { registerHelpers } from "./helpers.ts";
import { FPSCR_QC, type VfpState } from "./vfp-state.ts";

/** Lane shift flags (`neonIntShlS` / `neonIntShlU`). */
export const enum ShlFlags {
  /** Rounding shift (VRSHL, VQRSHL). */
  ROUND = 1,
  /** Saturating shift (VQSHL, VQRSHL): sets QC on overflow. */
  SAT = 2,
}

/** 64-bit element operations of the three-registers-same-length group (`neonInt64`). */
export const enum Op64 {
  QADD_S = 0,
  QADD_U = 1,
  QSUB_S = 2,
  QSUB_U = 3,
  /** Shifts: the first operand is the value (Vm), the second the shift (Vn). */
  SHL_S = 4,
  SHL_U = 5,
  QSHL_S = 6,
  QSHL_U = 7,
  RSHL_S = 8,
  RSHL_U = 9,
  QRSHL_S = 10,
  QRSHL_U = 11,
}

/** Long operations on 32-bit elements with 64-bit results (`neonIntLong32`). */
export const enum Long32 {
  ADDL_S = 0,
  ADDL_U = 1,
  SUBL_S = 2,
  SUBL_U = 3,
  ADDW_S = 4,
  ADDW_U = 5,
  SUBW_S = 6,
  SUBW_U = 7,
  ABAL_S = 8,
  ABAL_U = 9,
  ABDL_S = 10,
  ABDL_U = 11,
  MLAL_S = 12,
  MLAL_U = 13,
  MLSL_S = 14,
  MLSL_U = 15,
  MULL_S = 16,
  MULL_U = 17,
  QDMLAL = 18,
  QDMLSL = 19,
  QDMULL = 20,
}

const TWO32 = 4294967296;
const INT32_MIN = -2147483648;

// ---- 64-bit arithmetic on (hi, lo) int32 pairs; results in RH:RL -------------------------------

let RH = 0;
let RL = 0;

/** RH:RL = the unsigned 64-bit product of two words. */
function mulu64(a: number, b: number): void {
  const al = a & 0xffff, ah = a >>> 16, bl = b & 0xffff, bh = b >>> 16;
  const mid = ah * bl + al * bh; // < 2^33, exact
  const low = al * bl + (mid % 65536) * 65536; // < 2^33
  RL = low | 0;
  RH = (ah * bh + Math.floor(mid / 65536) + (low >= TWO32 ? 1 : 0)) | 0;
}

/** RH:RL = the signed 64-bit product of two int32 values. */
function muls64(a: number, b: number): void {
  mulu64(a, b);
  RH = (RH - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
}

/** RH:RL = ah:al + bh:bl (mod 2^64). */
function add64(ah: number, al: number, bh: number, bl: number): void {
  const low = (al >>> 0) + (bl >>> 0);
  RL = low | 0;
  RH = (ah + bh + (low >= TWO32 ? 1 : 0)) | 0;
}

/** RH:RL = ah:al - bh:bl (mod 2^64). */
function sub64(ah: number, al: number, bh: number, bl: number): void {
  const low = (al >>> 0) - (bl >>> 0);
  RL = low | 0;
  RH = (ah - bh - (low < 0 ? 1 : 0)) | 0;
}

/** RH:RL = ah:al + bh:bl saturated to the signed 64-bit range (QC on saturation). */
function qadd64s(v: VfpState, ah: number, al: number, bh: number, bl: number): void {
  add64(ah, al, bh, bl);
  if ((ah ^ bh) >= 0 && (RH ^ ah) < 0) {
    v.fpscr |= FPSCR_QC;
    RH = ah < 0 ? INT32_MIN : 0x7fffffff;
    RL = ah < 0 ? 0 : -1;
  }
}

/** RH:RL = an integer-valued double (|x| < 2^53) as a 64-bit two's complement value. */
function fromDouble(x: number): void {
  RL = x % TWO32 | 0;
  RH = Math.floor(x / TWO32) | 0;
}

/** RH:RL = 2 * a * b saturated (VQDMULL.S32); a and b are int32. */
function qdmull32(v: VfpState, a: number, b: number): void {
  if (a === INT32_MIN && b === INT32_MIN) {
    v.fpscr |= FPSCR_QC;
    RH = 0x7fffffff;
    RL = -1;
    return;
  }
  muls64(a, b);
  RH = (RH << 1) | (RL >>> 31);
  RL = RL << 1;
}

// ---- lane helpers -------------------------------------------------------------------------------

/**
 * Signed shift of a lane by a signed amount (VSHL, VRSHL, VQSHL, VQRSHL, QEMU's
 * do_sqrshl_bhs): `x` is the sign-extended element, `sh` the shift (-128..127; negative shifts
 * right), `bits` the element size (8, 16 or 32), `flags` ROUND and/or SAT.
 */
export function neonIntShlS(
  v: VfpState,
  x: number,
  sh: number,
  bits: number,
  flags: number,
): number {
  const round = (flags & ShlFlags.ROUND) !== 0;
  if (sh <= -bits) return round ? 0 : x >> 31;
  if (sh < 0) {
    if (round) {
      const t = x >> (-sh - 1);
      return (t >> 1) + (t & 1);
    }
    return x >> -sh;
  }
  const sat = (flags & ShlFlags.SAT) !== 0;
  if (sh < bits) {
    const val = x << sh;
    if (bits === 32) {
      if (!sat || val >> sh === x) return val;
    } else {
      const ext = (val << (32 - bits)) >> (32 - bits);
      if (!sat || val === ext) return ext;
    }
  } else if (!sat || x === 0) {
    return 0;
  }
  v.fpscr |= FPSCR_QC;
  return x >= 0 ? 2 ** (bits - 1) - 1 : -(2 ** (bits - 1));
}

/**
 * Unsigned shift of a lane by a signed amount (QEMU's do_uqrshl_bhs): `x` is the zero-extended
 * element; the other arguments as for `neonIntShlS`.
 */
export function neonIntShlU(
  v: VfpState,
  x: number,
  sh: number,
  bits: number,
  flags: number,
): number {
  const round = (flags & ShlFlags.ROUND) !== 0;
  if (sh <= -(bits + (round ? 1 : 0))) return 0;
  if (sh < 0) {
    if (round) {
      const t = x >>> (-sh - 1);
      return (t >>> 1) + (t & 1);
    }
    return x >>> -sh;
  }
  const sat = (flags & ShlFlags.SAT) !== 0;
  if (sh < bits) {
    const val = (x << sh) >>> 0;
    if (bits === 32) {
      if (!sat || val >>> sh === x) return val;
    } else {
      const ext = val & ((1 << bits) - 1);
      if (!sat || val === ext) return ext;
    }
  } else if (!sat || x === 0) {
    return 0;
  }
  v.fpscr |= FPSCR_QC;
  return 2 ** bits - 1;
}

/**
 * VQDMULH / VQRDMULH on 32-bit lanes: the high word of 2*a*b (+ 2^31 when `round`), saturated
 * (only -2^31 * -2^31 overflows).
 */
export function neonIntQdmulh32(v: VfpState, a: number, b: number, round: number): number {
  if (a === INT32_MIN && b === INT32_MIN) {
    v.fpscr |= FPSCR_QC;
    return 0x7fffffff;
  }
  muls64(a, b);
  const hi = (RH << 1) | (RL >>> 31);
  if (!round) return hi;
  return (hi + (((RL << 1) >>> 0) + 0x80000000 >= TWO32 ? 1 : 0)) | 0;
}

/** Polynomial (carry-less) product of two bytes: up to 15 bits. */
function pmul8(a: number, b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) if (b & (1 << i)) r ^= a << i;
  return r;
}

/** VMUL.P8 on a word: four byte-wise polynomial products, low 8 bits each. */
export function neonIntPmul8(a: number, b: number): number {
  let r = 0;
  for (let k = 0; k < 32; k += 8) r |= (pmul8((a >>> k) & 0xff, (b >>> k) & 0xff) & 0xff) << k;
  return r;
}

/** VMULL.P8: Qd (words `d`..`d+3`) = the 16-bit polynomial products of Dn and Dm's bytes. */
export function neonIntVmullP8(v: VfpState, d: number, n: number, m: number): void {
  const I = v.i32;
  const n0 = I[n], n1 = I[n + 1], m0 = I[m], m1 = I[m + 1];
  for (let w = 0; w < 4; w++) {
    const a = w < 2 ? n0 : n1, b = w < 2 ? m0 : m1, k = (w & 1) * 16;
    const lo = pmul8((a >>> k) & 0xff, (b >>> k) & 0xff);
    const hi = pmul8((a >>> (k + 8)) & 0xff, (b >>> (k + 8)) & 0xff);
    tmp4[w] = lo | (hi << 16);
  }
  I[d] = tmp4[0];
  I[d + 1] = tmp4[1];
  I[d + 2] = tmp4[2];
  I[d + 3] = tmp4[3];
}

const tmp4 = new Int32Array(4);

// ---- 64-bit elements ----------------------------------------------------------------------------

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

function getS64(I: Int32Array, w: number): bigint {
  return (BigInt(I[w + 1]) << 32n) | BigInt(I[w] >>> 0);
}

function getU64(I: Int32Array, w: number): bigint {
  return (BigInt(I[w + 1] >>> 0) << 32n) | BigInt(I[w] >>> 0);
}

/** Signed 64-bit shift by a signed amount (QEMU's do_sqrshl_d). */
function shl64s(v: VfpState, x: bigint, sh: number, round: boolean, sat: boolean): bigint {
  if (sh <= -64) return round ? 0n : x < 0n ? -1n : 0n;
  if (sh < 0) {
    if (round) {
      const t = x >> BigInt(-sh - 1);
      return (t >> 1n) + (t & 1n);
    }
    return x >> BigInt(-sh);
  }
  if (sh < 64) {
    const val = BigInt.asIntN(64, x << BigInt(sh));
    if (!sat || val >> BigInt(sh) === x) return val;
  } else if (!sat || x === 0n) {
    return 0n;
  }
  v.fpscr |= FPSCR_QC;
  return x < 0n ? I64_MIN : I64_MAX;
}

/** Unsigned 64-bit shift by a signed amount (QEMU's do_uqrshl_d). */
function shl64u(v: VfpState, x: bigint, sh: number, round: boolean, sat: boolean): bigint {
  if (sh <= -(64 + (round ? 1 : 0))) return 0n;
  if (sh < 0) {
    if (round) {
      const t = x >> BigInt(-sh - 1);
      return (t >> 1n) + (t & 1n);
    }
    return x >> BigInt(-sh);
  }
  if (sh < 64) {
    const val = BigInt.asUintN(64, x << BigInt(sh));
    if (!sat || val >> BigInt(sh) === x) return val;
  } else if (!sat || x === 0n) {
    return 0n;
  }
  v.fpscr |= FPSCR_QC;
  return U64_MAX;
}

/** Saturates `r` to [lo, hi], setting QC when it is outside. */
function sat64(v: VfpState, r: bigint, lo: bigint, hi: bigint): bigint {
  if (r > hi) {
    v.fpscr |= FPSCR_QC;
    return hi;
  }
  if (r < lo) {
    v.fpscr |= FPSCR_QC;
    return lo;
  }
  return r;
}

/**
 * One 64-bit element of a three-registers-same-length operation: words `d`, `a`, `b` are the
 * low words of the destination and the two operand elements (for shifts `a` is the value and
 * the shift is the signed low byte of `b`).
 */
export function neonInt64(v: VfpState, op: Op64, d: number, a: number, b: number): void {
  const I = v.i32;
  const sh = (I[b] << 24) >> 24;
  let r: bigint;
  switch (op) {
    case Op64.QADD_S:
      r = sat64(v, getS64(I, a) + getS64(I, b), I64_MIN, I64_MAX);
      break;
    case Op64.QADD_U:
      r = sat64(v, getU64(I, a) + getU64(I, b), 0n, U64_MAX);
      break;
    case Op64.QSUB_S:
      r = sat64(v, getS64(I, a) - getS64(I, b), I64_MIN, I64_MAX);
      break;
    case Op64.QSUB_U:
      r = sat64(v, getU64(I, a) - getU64(I, b), 0n, U64_MAX);
      break;
    default: {
      const signed = (op & 1) === 0;
      const round = op === Op64.RSHL_S || op === Op64.RSHL_U || op === Op64.QRSHL_S ||
        op === Op64.QRSHL_U;
      const sat = op === Op64.QSHL_S || op === Op64.QSHL_U || op === Op64.QRSHL_S ||
        op === Op64.QRSHL_U;
      r = signed
        ? shl64s(v, getS64(I, a), sh, round, sat)
        : shl64u(v, getU64(I, a), sh, round, sat);
    }
  }
  I[d] = Number(BigInt.asIntN(32, r));
  I[d + 1] = Number(BigInt.asIntN(32, r >> 32n));
}

/**
 * A long operation on 32-bit elements (three registers of different lengths, or two registers
 * and a scalar): Qd (words `d`..`d+3`) from the two elements of Dn (words `n`, `n+1`; for the
 * wide forms Qn, words `n`..`n+3`) and of Dm (words `m`, `m+1`), or the scalar word `sc` when
 * it is not negative.
 */
export function neonIntLong32(
  v: VfpState,
  op: Long32,
  d: number,
  n: number,
  m: number,
  sc: number,
): void {
  const I = v.i32;
  const signed = (op & 1) === 0 || op >= Long32.QDMLAL;
  const wide = op >= Long32.ADDW_S && op <= Long32.SUBW_U;
  const b0 = sc >= 0 ? I[sc] : I[m], b1 = sc >= 0 ? I[sc] : I[m + 1];
  let a0h = 0, a0l = 0, a1h = 0, a1l = 0;
  if (wide) {
    a0l = I[n];
    a0h = I[n + 1];
    a1l = I[n + 2];
    a1h = I[n + 3];
  }
  const a0 = I[n], a1 = I[n + 1];
  const c0l = I[d], c0h = I[d + 1], c1l = I[d + 2], c1h = I[d + 3];
  for (let lane = 0; lane < 2; lane++) {
    const a = lane ? a1 : a0, b = lane ? b1 : b0;
    const ch = lane ? c1h : c0h, cl = lane ? c1l : c0l;
    const x = signed ? a : a >>> 0, y = signed ? b : b >>> 0;
    switch (op) {
      case Long32.ADDL_S:
      case Long32.ADDL_U:
        fromDouble(x + y);
        break;
      case Long32.SUBL_S:
      case Long32.SUBL_U:
        fromDouble(x - y);
        break;
      case Long32.ADDW_S:
      case Long32.ADDW_U:
        if (lane) add64(a1h, a1l, signed ? b >> 31 : 0, b);
        else add64(a0h, a0l, signed ? b >> 31 : 0, b);
        break;
      case Long32.SUBW_S:
      case Long32.SUBW_U:
        if (lane) sub64(a1h, a1l, signed ? b >> 31 : 0, b);
        else sub64(a0h, a0l, signed ? b >> 31 : 0, b);
        break;
      case Long32.ABDL_S:
      case Long32.ABDL_U:
        fromDouble(Math.abs(x - y));
        break;
      case Long32.ABAL_S:
      case Long32.ABAL_U:
        fromDouble(Math.abs(x - y));
        add64(ch, cl, RH, RL);
        break;
      case Long32.MULL_S:
      case Long32.MLAL_S:
      case Long32.MLSL_S:
      case Long32.MULL_U:
      case Long32.MLAL_U:
      case Long32.MLSL_U:
        if (signed) muls64(a, b);
        else mulu64(a, b);
        if (op === Long32.MLAL_S || op === Long32.MLAL_U) add64(ch, cl, RH, RL);
        else if (op === Long32.MLSL_S || op === Long32.MLSL_U) sub64(ch, cl, RH, RL);
        break;
      case Long32.QDMULL:
        qdmull32(v, a, b);
        break;
      case Long32.QDMLAL:
        qdmull32(v, a, b);
        qadd64s(v, ch, cl, RH, RL);
        break;
      case Long32.QDMLSL:
        qdmull32(v, a, b);
        // The doubled product is never -2^63, so its negation is exact.
        sub64(0, 0, RH, RL);
        qadd64s(v, ch, cl, RH, RL);
        break;
    }
    tmp4[lane * 2] = RL;
    tmp4[lane * 2 + 1] = RH;
  }
  I[d] = tmp4[0];
  I[d + 1] = tmp4[1];
  I[d + 2] = tmp4[2];
  I[d + 3] = tmp4[3];
}

let registered = false;

/** Adds the helpers to `H` (idempotent). */
export function registerNeonIntHelpers(): void {
  if (registered) return;
  registered = true;
  registerHelpers({
    neonIntShlS,
    neonIntShlU,
    neonIntQdmulh32,
    neonIntPmul8,
    neonIntVmullP8,
    neonInt64,
    neonIntLong32,
  });
}
