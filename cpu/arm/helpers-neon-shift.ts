/**
 * Run-time helpers of the NEON shift, miscellaneous and permute translators, reached from
 * translated code as `H.neonSh...` (registered by `registerNeonShiftHelpers`): the saturating
 * 64-bit shifts (BigInt arithmetic: rare instructions), VUZP/VZIP and VTBL/VTBX.
 *
 * Register arguments are word indexes into `VfpState.i32` (D register n is words 2n, 2n + 1).
 *
 * @module
 */

import { registerHelpers } from "./helpers.ts";
import { FPSCR_QC, type VfpState } from "./vfp-state.ts";

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;
const INT32_MIN = -(1n << 31n);
const INT32_MAX = (1n << 31n) - 1n;
const UINT32_MAX = (1n << 32n) - 1n;

/** The 64-bit element at words w, w + 1 as a BigInt, signed or unsigned. */
function get64(i32: Int32Array, w: number, signed: boolean): bigint {
  const hi = BigInt(signed ? i32[w + 1] : i32[w + 1] >>> 0);
  return (hi << 32n) | BigInt(i32[w] >>> 0);
}

/** Stores the low 64 bits of `v` at words w, w + 1. */
function set64(i32: Int32Array, w: number, v: bigint): void {
  i32[w] = Number(v & 0xffffffffn);
  i32[w + 1] = Number((v >> 32n) & 0xffffffffn);
}

/** Saturating left shift modes (translate-neon-shift.ts `QshlMode`). */
const QSHL_S = 0, QSHL_U = 1;

/**
 * VQSHL/VQSHLU of 64-bit elements by `n` (0..63): `count` elements from word `m` to word `d`;
 * mode 0 signed, 1 unsigned, 2 signed to unsigned. Sets FPSCR.QC on saturation.
 */
export function neonShQshl64(
  v: VfpState,
  d: number,
  m: number,
  n: number,
  count: number,
  mode: number,
) {
  const i32 = v.i32;
  let qc = false;
  for (let e = 0; e < count; e++) {
    const x = get64(i32, m + 2 * e, mode !== QSHL_U);
    let r = x << BigInt(n);
    const [lo, hi] = mode === QSHL_S ? [INT64_MIN, INT64_MAX] : [0n, UINT64_MAX];
    if (r > hi) {
      r = hi;
      qc = true;
    } else if (r < lo) {
      r = lo;
      qc = true;
    }
    set64(i32, d + 2 * e, r);
  }
  if (qc) v.fpscr |= FPSCR_QC;
}

/** Narrowing modes (translate-neon-shift-widen.ts `NarrowMode`). */
const NARROW_SU = 1, NARROW_SS = 2;

/**
 * VQSHRN/VQRSHRN/VQSHRUN/VQRSHRUN of 64-bit elements: the two elements of the Q register at
 * word `m`, shifted right by `n` (rounding when `round`), saturated to 32 bits into the D
 * register at word `d`; mode 1 signed to unsigned, 2 signed, 3 unsigned. Sets FPSCR.QC.
 */
export function neonShQshrn64(
  v: VfpState,
  d: number,
  m: number,
  n: number,
  round: boolean,
  mode: number,
) {
  const i32 = v.i32;
  const [lo, hi] = mode === NARROW_SS ? [INT32_MIN, INT32_MAX] : [0n, UINT32_MAX];
  const signed = mode === NARROW_SU || mode === NARROW_SS;
  let qc = false;
  const out = [0, 0];
  for (let e = 0; e < 2; e++) {
    let x = get64(i32, m + 2 * e, signed);
    if (round && n > 0) x += 1n << BigInt(n - 1);
    let r = x >> BigInt(n);
    if (r > hi) {
      r = hi;
      qc = true;
    } else if (r < lo) {
      r = lo;
      qc = true;
    }
    out[e] = Number(r & 0xffffffffn) | 0;
  }
  i32[d] = out[0];
  i32[d + 1] = out[1];
  if (qc) v.fpscr |= FPSCR_QC;
}

/** Element scratch for VUZP/VZIP: old Vd then old Vm, and the results. */
const zipIn = new Int32Array(32);
const zipOut = new Int32Array(32);

/**
 * VUZP (`unzip`) or VZIP of the `words`-word registers at words `d` and `m`, elements of size
 * `sz` (0..2). The results are computed from the old values, then Vm is written, then Vd.
 */
export function neonShZip(
  i32: Int32Array,
  d: number,
  m: number,
  sz: number,
  words: number,
  unzip: boolean,
) {
  const per = 4 >> sz, bits = 8 << sz, mask = sz === 2 ? -1 : (1 << bits) - 1;
  const ne = words * per;
  for (let e = 0; e < ne; e++) {
    const k = (e / per) | 0, sh = (e % per) * bits;
    zipIn[e] = (i32[d + k] >>> sh) & mask;
    zipIn[ne + e] = (i32[m + k] >>> sh) & mask;
  }
  for (let i = 0; i < ne; i++) {
    if (unzip) {
      zipOut[i] = zipIn[2 * i];
      zipOut[ne + i] = zipIn[2 * i + 1];
    } else {
      zipOut[2 * i] = zipIn[i];
      zipOut[2 * i + 1] = zipIn[ne + i];
    }
  }
  for (const [reg, base] of [[m, ne], [d, 0]]) {
    for (let k = 0; k < words; k++) {
      let w = 0;
      for (let j = 0; j < per; j++) w |= (zipOut[base + k * per + j] & mask) << (j * bits);
      i32[reg + k] = w;
    }
  }
}

/**
 * VTBL/VTBX: each byte of the D register at word `m` indexes the `regs`-register table from D
 * register `n` (as it is now); out-of-range bytes give 0 (VTBL) or keep Vd's byte (`tbx`).
 */
export function neonShTbl(
  i32: Int32Array,
  d: number,
  n: number,
  regs: number,
  m: number,
  tbx: boolean,
) {
  const i0 = i32[m], i1 = i32[m + 1];
  const d0 = tbx ? i32[d] : 0, d1 = tbx ? i32[d + 1] : 0;
  const max = regs * 8;
  let r0 = 0, r1 = 0;
  for (let b = 0; b < 8; b++) {
    const sh = (b & 3) * 8;
    const idx = ((b < 4 ? i0 : i1) >>> sh) & 0xff;
    let byte: number;
    if (idx < max) byte = (i32[2 * n + (idx >> 2)] >>> ((idx & 3) * 8)) & 0xff;
    else byte = ((b < 4 ? d0 : d1) >>> sh) & 0xff;
    if (b < 4) r0 |= byte << sh;
    else r1 |= byte << sh;
  }
  i32[d] = r0;
  i32[d + 1] = r1;
}

let registered = false;

/** Adds the helpers to `H` (idempotent). */
export function registerNeonShiftHelpers(): void {
  if (registered) return;
  registered = true;
  registerHelpers({ neonShQshl64, neonShQshrn64, neonShZip, neonShTbl });
}
