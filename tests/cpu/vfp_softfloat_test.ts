/**
 * The VFP soft-float: the exact core (cpu/arm/softfloat.ts) against hand-worked ARM corner
 * cases (values checked on qemu-system-arm 7.2 where marked) and against the host's IEEE
 * arithmetic, and the fast paths (cpu/arm/softfloat-fast.ts) against the core on random
 * operands in every rounding mode with and without FZ and DN.
 */
import assert from "node:assert/strict";
import * as sf from "../../cpu/arm/softfloat.ts";
import * as ff from "../../cpu/arm/softfloat-fast.ts";
import {
  FPSCR_AHP,
  FPSCR_DN,
  FPSCR_DZC,
  FPSCR_FZ,
  FPSCR_IDC,
  FPSCR_IOC,
  FPSCR_IXC,
  FPSCR_OFC,
  FPSCR_UFC,
  RMode,
  VfpState,
} from "../../cpu/arm/vfp-state.ts";

const RN = 0, RP = 1 << 22, RM = 2 << 22, RZ = 3 << 22;
const st = new sf.FpStatus();

/** Runs `f` under `mode`; returns [result, flags]. */
function run(mode: number, f: (s: sf.FpStatus) => bigint): [bigint, number] {
  st.mode = mode;
  st.flags = 0;
  const r = f(st);
  return [r, st.flags];
}

function dbits(x: number): bigint {
  return new BigUint64Array(new Float64Array([x]).buffer)[0];
}
function sbits(x: number): bigint {
  return BigInt(new Uint32Array(new Float32Array([x]).buffer)[0]);
}

Deno.test("rounding: ties to even, directed modes step one ulp, IXC on inexact", () => {
  const one = dbits(1), tiny = dbits(2 ** -53), tinier = dbits(2 ** -54);
  assert.deepEqual(run(RN, (s) => sf.add(sf.F64, one, tiny, s, false)), [one, FPSCR_IXC]);
  assert.deepEqual(run(RP, (s) => sf.add(sf.F64, one, tiny, s, false)), [
    dbits(1 + 2 ** -52),
    FPSCR_IXC,
  ]);
  assert.deepEqual(run(RM, (s) => sf.add(sf.F64, one, tinier, s, true)), [
    dbits(1 - 2 ** -53),
    FPSCR_IXC,
  ]);
  assert.deepEqual(run(RN, (s) => sf.add(sf.F64, one, tinier, s, true)), [one, FPSCR_IXC]);
  assert.deepEqual(run(RZ, (s) => sf.add(sf.F64, one, tinier, s, true)), [
    dbits(1 - 2 ** -53),
    FPSCR_IXC,
  ]);
  // x - x is +0, except -0 when rounding towards minus infinity.
  assert.deepEqual(run(RN, (s) => sf.add(sf.F64, one, one, s, true)), [0n, 0]);
  assert.deepEqual(run(RM, (s) => sf.add(sf.F64, one, one, s, true)), [1n << 63n, 0]);
});

Deno.test("underflow: tininess before rounding, FZ flushes with UFC only (QEMU 7.2)", () => {
  const minNormal = 0x00800000n, below1 = 0x3f7fffffn; // 2^-126 × (1 - 2^-24)
  assert.deepEqual(run(RN, (s) => sf.mul(sf.F32, minNormal, below1, s)), [
    0x00800000n,
    FPSCR_UFC | FPSCR_IXC,
  ]);
  assert.deepEqual(run(FPSCR_FZ, (s) => sf.mul(sf.F32, minNormal, below1, s)), [0n, FPSCR_UFC]);
  // A subnormal input is flushed (IDC) under FZ: 2^-149 + 1 is exactly 1.
  assert.deepEqual(run(FPSCR_FZ, (s) => sf.add(sf.F32, 1n, sbits(1), s, false)), [
    sbits(1),
    FPSCR_IDC,
  ]);
  // Exact subnormal results raise nothing.
  assert.deepEqual(run(RN, (s) => sf.add(sf.F32, 1n, 1n, s, false)), [2n, 0]);
});

Deno.test("overflow: OFC|IXC, infinity or the largest finite value by rounding mode", () => {
  const big = dbits(2 ** 1023);
  assert.deepEqual(run(RN, (s) => sf.add(sf.F64, big, big, s, false)), [
    dbits(Infinity),
    FPSCR_OFC | FPSCR_IXC,
  ]);
  assert.deepEqual(run(RZ, (s) => sf.add(sf.F64, big, big, s, false)), [
    dbits(Number.MAX_VALUE),
    FPSCR_OFC | FPSCR_IXC,
  ]);
  assert.deepEqual(run(RP, (s) => sf.mul(sf.F64, big, dbits(-2), s)), [
    dbits(-Number.MAX_VALUE),
    FPSCR_OFC | FPSCR_IXC,
  ]);
});

Deno.test("NaNs: first signalling NaN quietened, default NaN with DN, invalid operations", () => {
  const qnan = 0x7fc00001n, snan = 0xff800002n;
  assert.deepEqual(run(RN, (s) => sf.add(sf.F32, qnan, snan, s, false)), [
    0xffc00002n,
    FPSCR_IOC,
  ]);
  assert.deepEqual(run(RN, (s) => sf.add(sf.F32, qnan, sbits(1), s, true)), [qnan, 0]);
  // a - NaN returns the NaN with its own sign.
  assert.deepEqual(run(RN, (s) => sf.add(sf.F32, sbits(1), 0xffc00005n, s, true)), [
    0xffc00005n,
    0,
  ]);
  assert.deepEqual(run(FPSCR_DN, (s) => sf.mul(sf.F32, qnan, snan, s)), [0x7fc00000n, FPSCR_IOC]);
  assert.deepEqual(run(RN, (s) => sf.add(sf.F64, dbits(Infinity), dbits(-Infinity), s, false)), [
    0x7ff8000000000000n,
    FPSCR_IOC,
  ]);
  assert.deepEqual(run(RN, (s) => sf.div(sf.F32, 0n, 0x80000000n, s)), [0x7fc00000n, FPSCR_IOC]);
  assert.deepEqual(run(RN, (s) => sf.div(sf.F32, sbits(-3), 0n, s)), [0xff800000n, FPSCR_DZC]);
  assert.deepEqual(run(RN, (s) => sf.sqrt(sf.F32, 0x80000000n, s)), [0x80000000n, 0]);
  assert.deepEqual(run(RN, (s) => sf.sqrt(sf.F32, sbits(-1), s)), [0x7fc00000n, FPSCR_IOC]);
  // Double to single keeps the top of the payload.
  assert.deepEqual(run(RN, (s) => sf.convert(sf.F64, sf.F32, 0x7ff0000123456789n, s)), [
    0x7fc00009n,
    FPSCR_IOC,
  ]);
});

Deno.test("fused multiply-add: one rounding, ARM NaN order, (0 × ∞) + qNaN is invalid", () => {
  // (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 exactly; a separate multiply would give 0.
  const a = dbits(1 + 2 ** -52), b = dbits(1 - 2 ** -52), c = dbits(-1);
  assert.deepEqual(run(RN, (s) => sf.muladd(sf.F64, a, b, c, s)), [dbits(-(2 ** -104)), 0]);
  const inf = sbits(Infinity), qnan = 0x7fc00003n, snan = 0x7f800004n;
  assert.deepEqual(run(RN, (s) => sf.muladd(sf.F32, inf, 0n, qnan, s)), [0x7fc00000n, FPSCR_IOC]);
  assert.deepEqual(run(RN, (s) => sf.muladd(sf.F32, snan, sbits(1), qnan, s)), [
    0x7fc00004n,
    FPSCR_IOC,
  ]);
  assert.deepEqual(run(RN, (s) => sf.muladd(sf.F32, 0x7fc00007n, sbits(1), qnan, s)), [qnan, 0]);
  // The single-precision fast path must not round twice: the exact value lies just below the
  // midpoint of 1 + 2^-23 and 1 + 2^-22, its double rounding on the midpoint.
  const V = new VfpState();
  V.f32[0] = 1 + 2 ** -23;
  V.f32[1] = (1 - 2 ** -23) * 2 ** -24;
  V.f32[2] = 1 + 2 ** -23;
  V.i32[3] = 0;
  assert.equal(ff.fpMulAdd32(V, RN, 3, 0, 1, 2), FPSCR_IXC);
  assert.equal(V.f32[3], 1 + 2 ** -23);
});

Deno.test("conversions to integer: saturation raises IOC alone, NaN gives 0", () => {
  assert.equal(sf.toInt(sf.F64, dbits(2 ** 31), st, RMode.ZERO, 0, true, 32), 0x7fffffff);
  st.flags = 0;
  assert.equal(sf.toInt(sf.F64, dbits(-0.5), st, RMode.ZERO, 0, false, 32), 0);
  assert.equal(st.flags, FPSCR_IXC);
  st.flags = 0;
  assert.equal(sf.toInt(sf.F64, dbits(-1), st, RMode.ZERO, 0, false, 32), 0);
  assert.equal(st.flags, FPSCR_IOC);
  st.flags = 0;
  assert.equal(sf.toInt(sf.F32, 0x7fc00000n, st, RMode.ZERO, 0, true, 32), 0);
  assert.equal(st.flags, FPSCR_IOC);
  // 2.5 to nearest is 2, -1 in 16-bit signed fixed point is sign-extended.
  assert.equal(sf.toInt(sf.F32, sbits(2.5), st, RMode.NEAREST, 0, true, 32), 2);
  assert.equal(sf.toInt(sf.F32, sbits(-1), st, RMode.ZERO, 0, true, 16), -1);
});

Deno.test("half precision: AHP saturates with IOC only; no flush of half values", () => {
  assert.deepEqual(run(FPSCR_AHP, (s) => sf.convert(sf.F32, sf.F16_AHP, 0x50000000n, s)), [
    0x7fffn,
    FPSCR_IOC,
  ]);
  assert.deepEqual(run(RN, (s) => sf.convert(sf.F32, sf.F16, 0x50000000n, s)), [
    0x7c00n,
    FPSCR_OFC | FPSCR_IXC,
  ]);
  assert.deepEqual(run(FPSCR_FZ, (s) => sf.convert(sf.F16, sf.F32, 0x0001n, s)), [
    sbits(2 ** -24),
    0,
  ]);
  assert.deepEqual(run(RN, (s) => sf.convert(sf.F16_AHP, sf.F32, 0x7fffn, s)), [sbits(131008), 0]);
});

// ---- randomised: core against host, fast paths against core --------------------------------

let seed = 0x2545f491;
function rnd(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}
/** Specials: ±0, ±1, subnormals, ±∞, NaNs. */
const SPECIAL_S = [0, 0x80000000, 0x3f800000, 0xbf800000, 1, 0x807fffff, 0x7f800000, 0xff800000]
  .concat([0x7fc00000, 0x7f800001]).map((x) => x | 0);
let lastS = 0;
/** A single: any bits, near 1, tiny, huge, small integers, specials, or minus the last one. */
function genS(): number {
  const r = rnd();
  switch (rnd() % 8) {
    case 6:
      return lastS = SPECIAL_S[r % SPECIAL_S.length];
    case 7:
      return lastS = lastS ^ (0x80000000 | 0);
    case 0:
      return r | 0;
    case 1:
      return (r & 0x807fffff) | ((0x7c + (rnd() % 8)) << 23);
    case 2:
      return r & 0x80ffffff;
    case 3:
      return (r & 0x807fffff) | ((0xf8 + (rnd() % 8)) << 23);
    case 4:
      return (r & 0x80000000) | (0x3f800000 + (rnd() % 8));
    default:
      return (r & 0x80ffffff) | ((rnd() % 256) << 23);
  }
}
/** Specials as [hi, lo]: ±0, ±1, subnormals, ±∞, NaNs. */
const SPECIAL_D = [[0, 0], [0x80000000, 0], [0x3ff00000, 0], [0xbff00000, 0], [0, 1]]
  .concat([[0x800fffff, -1], [0x7ff00000, 0], [0xfff00000, 0], [0x7ff80000, 0], [0x7ff00000, 1]]);
function genD(V: VfpState, n: number): void {
  let hi = rnd();
  switch (rnd() % 7) {
    case 5: {
      const [h, l] = SPECIAL_D[hi % SPECIAL_D.length];
      V.setDreg(n, l, h | 0);
      return;
    }
    case 6:
      V.setDreg(n, V.i32[0], V.i32[1] ^ (0x80000000 | 0)); // minus d0
      return;
    case 1:
      hi = (hi & 0x800fffff) | ((0x3fc + (rnd() % 8)) << 20);
      break;
    case 2:
      hi &= 0x801fffff;
      break;
    case 3:
      hi = (hi & 0x800fffff) | ((0x7f8 + (rnd() % 8)) << 20);
      break;
    case 4:
      hi = (hi & 0x800fffff) | ((rnd() % 2048) << 20);
  }
  V.setDreg(n, rnd() | 0, hi | 0);
}
const MODES: number[] = [];
for (let rm = 0; rm < 4; rm++) {
  for (const fz of [0, FPSCR_FZ]) for (const dn of [0, FPSCR_DN]) MODES.push((rm << 22) | fz | dn);
}

Deno.test("exact core agrees with the host's IEEE arithmetic (nearest, no FZ)", () => {
  const f64 = new Float64Array(2), b64 = new BigUint64Array(f64.buffer);
  const f32 = new Float32Array(2), b32 = new Uint32Array(f32.buffer);
  for (let i = 0; i < 20000; i++) {
    b64[0] = BigInt(rnd()) << 32n | BigInt(rnd());
    b64[1] = BigInt(genS() >>> 0) << 29n | BigInt(rnd()) << 61n;
    const [x, y] = f64, [a, b] = b64;
    const dCases: [bigint, number][] = [
      [sf.add(sf.F64, a, b, st, false), x + y],
      [sf.mul(sf.F64, a, b, st), x * y],
      [sf.div(sf.F64, a, b, st), x / y],
      [sf.sqrt(sf.F64, b, st), Math.sqrt(y)],
    ];
    for (const [got, want] of dCases) {
      if (Number.isNaN(want)) assert.ok(sf.isNaNBits(sf.F64, got));
      else assert.equal(got, dbits(want), `${x} ${y}`);
    }
    b32[0] = genS();
    b32[1] = genS();
    const [p, q] = f32, [pa, pb] = [BigInt(b32[0]), BigInt(b32[1])];
    const sCases: [bigint, number][] = [
      [sf.add(sf.F32, pa, pb, st, true), p - q],
      [sf.mul(sf.F32, pa, pb, st), p * q],
      [sf.div(sf.F32, pa, pb, st), p / q],
      [sf.sqrt(sf.F32, pa, st), Math.sqrt(p)],
    ];
    for (const [got, want] of sCases) {
      if (Number.isNaN(want)) assert.ok(sf.isNaNBits(sf.F32, got));
      else assert.equal(got, sbits(want), `${p} ${q}`);
    }
  }
});

Deno.test("fast paths agree with the exact core in every mode", () => {
  const V = new VfpState();
  const h = (x: bigint | number) => x.toString(16);
  for (let i = 0; i < 30000; i++) {
    const mode = MODES[i % MODES.length];
    const a = genS(), b = genS(), c = genS();
    const [A, B, C] = [a, b, c].map((x) => BigInt(x >>> 0));
    const single: [string, (d: number) => number, () => bigint][] = [
      ["add", (d) => ff.fpAdd32(V, mode, d, 0, 1, false), () => sf.add(sf.F32, A, B, st, false)],
      ["sub", (d) => ff.fpAdd32(V, mode, d, 0, 1, true), () => sf.add(sf.F32, A, B, st, true)],
      ["mul", (d) => ff.fpMul32(V, mode, d, 0, 1), () => sf.mul(sf.F32, A, B, st)],
      ["div", (d) => ff.fpDiv32(V, mode, d, 0, 1), () => sf.div(sf.F32, A, B, st)],
      ["sqrt", (d) => ff.fpSqrt32(V, mode, d, 0), () => sf.sqrt(sf.F32, A, st)],
      ["fma", (d) => ff.fpMulAdd32(V, mode, d, 0, 1, 2), () => sf.muladd(sf.F32, A, B, C, st)],
    ];
    for (const [name, fast, slow] of single) {
      V.i32[0] = a;
      V.i32[1] = b;
      V.i32[2] = c;
      const flags = fast(3);
      const [want, wantFlags] = run(mode, slow);
      assert.deepEqual(
        [ff.getS(V, 3), flags],
        [want, wantFlags],
        `${name}.f32 mode ${h(mode)} ${h(A)} ${h(B)} ${h(C)}`,
      );
    }
    genD(V, 0);
    genD(V, 1);
    const [X, Y] = [ff.getD(V, 0), ff.getD(V, 1)];
    const double: [string, (d: number) => number, () => bigint][] = [
      ["add", (d) => ff.fpAdd64(V, mode, d, 0, 1, false), () => sf.add(sf.F64, X, Y, st, false)],
      ["sub", (d) => ff.fpAdd64(V, mode, d, 0, 1, true), () => sf.add(sf.F64, X, Y, st, true)],
      ["mul", (d) => ff.fpMul64(V, mode, d, 0, 1), () => sf.mul(sf.F64, X, Y, st)],
      ["div", (d) => ff.fpDiv64(V, mode, d, 0, 1), () => sf.div(sf.F64, X, Y, st)],
      ["sqrt", (d) => ff.fpSqrt64(V, mode, d, 0), () => sf.sqrt(sf.F64, X, st)],
    ];
    for (const [name, fast, slow] of double) {
      const flags = fast(3);
      const [want, wantFlags] = run(mode, slow);
      assert.deepEqual(
        [ff.getD(V, 3), flags],
        [want, wantFlags],
        `${name}.f64 mode ${h(mode)} ${h(X)} ${h(Y)}`,
      );
    }
    const flags = ff.fpCvt32From64(V, mode, 8, 0);
    assert.deepEqual([ff.getS(V, 8), flags], run(mode, (s) => sf.convert(sf.F64, sf.F32, X, s)));
  }
});
