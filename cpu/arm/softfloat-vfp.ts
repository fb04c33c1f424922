/**
 * Run-time helpers of the VFP instructions (QEMU's vfp_helper.c): each takes the CPU's
 * `VfpState` and register numbers, computes with `softfloat-fast.ts` under the current FPSCR
 * and accumulates the exception flags into FPSCR. Translated code calls them as `H.vfp*`
 * (registered with `registerHelpers`) when its inline fast path does not apply.
 *
 * Register numbers are S numbers for single precision and D numbers for double precision.
 * Compound instructions follow QEMU's operation order exactly, which matters for NaNs: VMLA is
 * Vd + (Vn × Vm), VMLS Vd + −(Vn × Vm), VNMLA −Vd + −(Vn × Vm), VNMLS −Vd + (Vn × Vm), VNMUL
 * −(Vn × Vm); the fused forms negate their operands before the multiply-add.
 *
 * @module
 */

import {
  fpAdd32,
  fpAdd64,
  fpCmp32,
  fpCmp64,
  fpCvt16From32,
  fpCvt32From16,
  fpCvt32From64,
  fpCvt64From32,
  fpDiv32,
  fpDiv64,
  fpFromInt,
  fpMul32,
  fpMul64,
  fpMulAdd32,
  fpMulAdd64,
  fpSqrt32,
  fpSqrt64,
  fpToInt,
} from "./softfloat-fast.ts";
import {
  FPSCR_NZCV,
  FPSCR_RMODE_SHIFT,
  RMode,
  VFP_SCRATCH_D,
  VFP_SCRATCH_S,
  type VfpState,
} from "./vfp-state.ts";
import { registerHelpers } from "./helpers.ts";

/** Multiply-accumulate variants (bits 20 and 6 of the encoding: op1 bit 0, op). */
export const enum MacKind {
  VMLA = 0,
  VMLS = 1,
  VNMLS = 2,
  VNMLA = 3,
}

/** Two-operand arithmetic selected by the emitters. */
export const enum ArithOp {
  ADD = 0,
  SUB = 1,
  MUL = 2,
  DIV = 3,
  NMUL = 4,
}

const SIGN = 0x80000000 | 0;
const T0S = VFP_SCRATCH_S, T1S = VFP_SCRATCH_S + 2;
const T0D = VFP_SCRATCH_D, T1D = VFP_SCRATCH_D + 1;

/** Negates Sn (bit operation, NaNs included) into scratch register `t`; returns `t`. */
function negS(V: VfpState, n: number, t: number): number {
  V.i32[t] = V.i32[n] ^ SIGN;
  return t;
}

/** Negates Dn into scratch D register `t`; returns `t`. */
function negD(V: VfpState, n: number, t: number): number {
  V.i32[2 * t] = V.i32[2 * n];
  V.i32[2 * t + 1] = V.i32[2 * n + 1] ^ SIGN;
  return t;
}

/** Two-operand arithmetic, single precision: Sd = Sn op Sm. */
export function vfpArith32(V: VfpState, op: ArithOp, d: number, n: number, m: number): void {
  const mode = V.fpscr;
  switch (op) {
    case ArithOp.ADD:
      V.fpscr |= fpAdd32(V, mode, d, n, m, false);
      break;
    case ArithOp.SUB:
      V.fpscr |= fpAdd32(V, mode, d, n, m, true);
      break;
    case ArithOp.MUL:
      V.fpscr |= fpMul32(V, mode, d, n, m);
      break;
    case ArithOp.DIV:
      V.fpscr |= fpDiv32(V, mode, d, n, m);
      break;
    default:
      V.fpscr |= fpMul32(V, mode, d, n, m);
      V.i32[d] ^= SIGN;
  }
}

/** Two-operand arithmetic, double precision: Dd = Dn op Dm. */
export function vfpArith64(V: VfpState, op: ArithOp, d: number, n: number, m: number): void {
  const mode = V.fpscr;
  switch (op) {
    case ArithOp.ADD:
      V.fpscr |= fpAdd64(V, mode, d, n, m, false);
      break;
    case ArithOp.SUB:
      V.fpscr |= fpAdd64(V, mode, d, n, m, true);
      break;
    case ArithOp.MUL:
      V.fpscr |= fpMul64(V, mode, d, n, m);
      break;
    case ArithOp.DIV:
      V.fpscr |= fpDiv64(V, mode, d, n, m);
      break;
    default:
      V.fpscr |= fpMul64(V, mode, d, n, m);
      V.i32[2 * d + 1] ^= SIGN;
  }
}

/** VMLA/VMLS/VNMLA/VNMLS, single precision (two roundings). */
export function vfpMac32(V: VfpState, kind: MacKind, d: number, n: number, m: number): void {
  const mode = V.fpscr;
  let flags = fpMul32(V, mode, T0S, n, m);
  if (kind === MacKind.VMLS || kind === MacKind.VNMLA) V.i32[T0S] ^= SIGN;
  const acc = kind === MacKind.VNMLS || kind === MacKind.VNMLA ? negS(V, d, T1S) : d;
  flags |= fpAdd32(V, mode, d, acc, T0S, false);
  V.fpscr |= flags;
}

/** VMLA/VMLS/VNMLA/VNMLS, double precision. */
export function vfpMac64(V: VfpState, kind: MacKind, d: number, n: number, m: number): void {
  const mode = V.fpscr;
  let flags = fpMul64(V, mode, T0D, n, m);
  if (kind === MacKind.VMLS || kind === MacKind.VNMLA) V.i32[2 * T0D + 1] ^= SIGN;
  const acc = kind === MacKind.VNMLS || kind === MacKind.VNMLA ? negD(V, d, T1D) : d;
  flags |= fpAdd64(V, mode, d, acc, T0D, false);
  V.fpscr |= flags;
}

/** VFMA/VFMS/VFNMA/VFNMS, single precision: Sd = (±Sn) × Sm + (±Sd), one rounding. */
export function vfpFma32(
  V: VfpState,
  d: number,
  n: number,
  m: number,
  negN: boolean,
  negD_: boolean,
) {
  const a = negN ? negS(V, n, T0S) : n;
  const c = negD_ ? negS(V, d, T1S) : d;
  V.fpscr |= fpMulAdd32(V, V.fpscr, d, a, m, c);
}

/** VFMA/VFMS/VFNMA/VFNMS, double precision. */
export function vfpFma64(
  V: VfpState,
  d: number,
  n: number,
  m: number,
  negN: boolean,
  negD_: boolean,
) {
  const a = negN ? negD(V, n, T0D) : n;
  const c = negD_ ? negD(V, d, T1D) : d;
  V.fpscr |= fpMulAdd64(V, V.fpscr, d, a, m, c);
}

/** VSQRT. */
export function vfpSqrt(V: VfpState, dp: boolean, d: number, m: number): void {
  V.fpscr |= dp ? fpSqrt64(V, V.fpscr, d, m) : fpSqrt32(V, V.fpscr, d, m);
}

/** VCMP/VCMPE (`e`) of Vd with Vm, or with +0 (`z`): sets FPSCR.NZCV. */
export function vfpCmp(
  V: VfpState,
  dp: boolean,
  d: number,
  m: number,
  e: boolean,
  z: boolean,
): void {
  let r: number;
  if (dp) {
    if (z) {
      m = T0D;
      V.i32[2 * m] = V.i32[2 * m + 1] = 0;
    }
    r = fpCmp64(V, V.fpscr, d, m, e);
  } else {
    if (z) {
      m = T0S;
      V.i32[m] = 0;
    }
    r = fpCmp32(V, V.fpscr, d, m, e);
  }
  V.fpscr = (V.fpscr & ~FPSCR_NZCV) | r;
}

/** VCVT between single (Sm → Dd when `toDouble`) and double (Dm → Sd). */
export function vfpCvtFF(V: VfpState, toDouble: boolean, d: number, m: number): void {
  V.fpscr |= toDouble ? fpCvt64From32(V, V.fpscr, d, m) : fpCvt32From64(V, V.fpscr, d, m);
}

/** VCVTB/VCVTT: half (bottom or `top` half) ↔ single. */
export function vfpCvtHalf(V: VfpState, toHalf: boolean, top: boolean, d: number, m: number): void {
  V.fpscr |= toHalf ? fpCvt16From32(V, V.fpscr, d, m, top) : fpCvt32From16(V, V.fpscr, d, m, top);
}

/** VCVT/VCVTR to a 32-bit integer in Sd from Vm (`rz`: round towards zero, else FPSCR mode). */
export function vfpToInt(
  V: VfpState,
  dp: boolean,
  d: number,
  m: number,
  signed: boolean,
  rz: boolean,
) {
  const rm = rz ? RMode.ZERO : ((V.fpscr >>> FPSCR_RMODE_SHIFT) & 3) as RMode;
  V.fpscr |= fpToInt(V, V.fpscr, dp, d, m, rm, 0, signed, 32, false);
}

/** VCVT from the 32-bit integer in Sm to Vd (FPSCR rounding). */
export function vfpFromInt(V: VfpState, dp: boolean, d: number, m: number, signed: boolean): void {
  const v = signed ? V.i32[m] : V.i32[m] >>> 0;
  const rm = ((V.fpscr >>> FPSCR_RMODE_SHIFT) & 3) as RMode;
  V.fpscr |= fpFromInt(V, V.fpscr, dp, d, v, 0, rm);
}

/**
 * VCVT between floating point and fixed point in place on Vd: `toFixed` rounds towards zero,
 * the other way rounds to nearest; `width` 16 or 32 bits with `fbits` fraction bits.
 */
export function vfpFixed(
  V: VfpState,
  dp: boolean,
  d: number,
  toFixed: boolean,
  signed: boolean,
  width: 16 | 32,
  fbits: number,
): void {
  if (toFixed) {
    V.fpscr |= fpToInt(V, V.fpscr, dp, d, d, RMode.ZERO, fbits, signed, width, dp);
    return;
  }
  const raw = dp ? V.i32[2 * d] : V.i32[d];
  const v = width === 16 ? (signed ? (raw << 16) >> 16 : raw & 0xffff) : (signed ? raw : raw >>> 0);
  V.fpscr |= fpFromInt(V, V.fpscr, dp, d, v, -fbits, RMode.NEAREST);
}

registerHelpers({
  vfpArith32,
  vfpArith64,
  vfpMac32,
  vfpMac64,
  vfpFma32,
  vfpFma64,
  vfpSqrt,
  vfpCmp,
  vfpCvtFF,
  vfpCvtHalf,
  vfpToInt,
  vfpFromInt,
  vfpFixed,
});
