/**
 * Advanced SIMD single precision (cpu/arm/translate-neon-float.ts, softfloat-neon.ts): the
 * estimate tables, the standard-FPSCR rules (FPSCR.RMode/FZ/DN ignored, inputs and outputs
 * flushed), the inline fast path against the helpers, overlapping registers and UNDEFINED
 * encodings, translated and run on an ArmCpu. The full instruction set is compared with
 * qemu-system-arm by the neon_fp* guests.
 */
import assert from "node:assert/strict";
import { type NeonRun as Run, runNeon as run } from "../support/neon_run.ts";
import type { ArmCpu } from "../../cpu/arm/cpu.ts";
import { Excp } from "../../cpu/arm/exception.ts";
import {
  FPSCR_DN,
  FPSCR_DZC,
  FPSCR_FZ,
  FPSCR_IDC,
  FPSCR_IOC,
  FPSCR_IXC,
  FPSCR_UFC,
} from "../../cpu/arm/vfp-state.ts";
import {
  maxMinF32,
  recipEstimate,
  recipSqrtEstimate,
  recpeF32,
  recpeU32,
  rsqrteF32,
  rsqrteU32,
  takeNeonFlags,
} from "../../cpu/arm/softfloat-neon.ts";

const RZ = 3 << 22;

const I = {
  vaddQ: 0xf2002d46, // vadd.f32 q1, q0, q3
  vaddF16: 0xf2100d00, // vadd.f16 d0, d0, d0 (sz = 1)
  vaddOddQ: 0xf2003d46, // vadd.f32 with Q = 1 and Vd = 3
  vmulQ: 0xf3006d50, // vmul.f32 q3, q0, q0
  vpaddD: 0xf3003d03, // vpadd.f32 d3, d0, d3
  vpaddQ: 0xf3002d40, // vpadd.f32 with Q = 1
  vmulScalarQ: 0xf3a06940, // vmul.f32 q3, q0, d0[0]
  vrecpeQ: 0xf3bb0542, // vrecpe.f32 q0, q1
  vcvtF16: 0xf3b60602, // vcvt.f16.f32 d0, q1
  vcvtFixed: 0xf2b00e52, // vcvt.f32.s32 q0, q1, #16
  vmaxnm: 0xf3003f10, // vmaxnm.f32 d3, d0, d0 (ARMv8)
};

const udef = (r: Run) => r.exc?.kind === Excp.UDEF;
const u32 = (x: number) => x >>> 0;
/** Words of Qn (D registers 2n and 2n+1), lane 0 first, unsigned. */
const qwords = (c: ArmCpu, q: number) => [...c.vfp.i32.subarray(4 * q, 4 * q + 4)].map(u32);

Deno.test("estimate tables: RecipEstimate and RecipSqrtEstimate end points", () => {
  assert.equal(recipEstimate(256), 511);
  assert.equal(recipEstimate(511), 256);
  assert.equal(recipSqrtEstimate(128), 511);
  assert.equal(recipSqrtEstimate(511), 256);
  for (let a = 256; a < 512; a++) {
    const e = recipEstimate(a);
    assert.ok(e >= 256 && e < 512 && (a === 256 || e <= recipEstimate(a - 1)));
  }
});

Deno.test("VRECPE/VRSQRTE: special operands and flags as QEMU's standard FPSCR", () => {
  takeNeonFlags();
  assert.equal(u32(recpeF32(0x3f800000)), 0x3f7f8000); // 1.0
  assert.equal(u32(rsqrteF32(0x3f800000)), 0x3f7f8000);
  assert.equal(takeNeonFlags(), 0);
  assert.equal(u32(recpeF32(0x7e800000)), 0); // 2^126: the estimate would be subnormal
  assert.equal(takeNeonFlags(), FPSCR_UFC);
  assert.equal(u32(rsqrteF32(0x7e800000)), 0x1fff8000);
  assert.equal(u32(recpeF32(0x00000001)), 0x7f800000); // flushed to +0: divide by zero
  assert.equal(takeNeonFlags(), FPSCR_IDC | FPSCR_DZC);
  assert.equal(u32(rsqrteF32(0xbf800000 | 0)), 0x7fc00000);
  assert.equal(takeNeonFlags(), FPSCR_IOC);
  assert.equal(u32(rsqrteF32(0xff800000 | 0)), 0x7fc00000); // -inf is negative first
  assert.equal(u32(recpeF32(0xff800000 | 0)), 0x80000000);
  assert.equal(u32(recpeF32(0x7fc00000)), 0x7fc00000);
  assert.equal(takeNeonFlags(), FPSCR_IOC);
  assert.equal(u32(recpeU32(0x7fffffff)), 0xffffffff);
  assert.equal(u32(recpeU32(0x80000000 | 0)), 0xff800000);
  assert.equal(u32(rsqrteU32(0x3fffffff)), 0xffffffff);
  assert.equal(u32(rsqrteU32(0x40000000)), 0xff800000);
});

Deno.test("VMAX/VMIN: -0 below +0, subnormals flushed, NaNs give the default NaN", () => {
  takeNeonFlags();
  assert.equal(u32(maxMinF32(0x80000000 | 0, 0, false)), 0);
  assert.equal(u32(maxMinF32(0, 0x80000000 | 0, true)), 0x80000000);
  assert.equal(u32(maxMinF32(0x00000001, 0x80000000 | 0, false)), 0);
  assert.equal(takeNeonFlags(), FPSCR_IDC);
  assert.equal(u32(maxMinF32(0x7f800001, 0x3f800000, true)), 0x7fc00000);
  assert.equal(takeNeonFlags(), FPSCR_IOC);
});

Deno.test("VADD.F32: FPSCR.RMode/FZ/DN are ignored, subnormal inputs flush with IDC", () => {
  const setup = (fpscr: number) => (c: ArmCpu) => {
    c.vfp.fpscr = fpscr;
    c.vfp.i32.set([0x3f800000, 0x3f800000, 0x00000001, 0x7f7fffff], 0); // q0
    c.vfp.i32.set([0x33c00000, 0x33800000, 0x3f800000, 0x7f7fffff], 12); // q3
  };
  const want = [0x3f800001, 0x3f800000, 0x3f800000, 0x7f800000];
  for (const fpscr of [0, RZ | FPSCR_FZ | FPSCR_DN, FPSCR_IXC]) {
    const r = run([I.vaddQ], setup(fpscr));
    assert.deepEqual(qwords(r.cpu, 1), want);
    // 1 + 1.5·2^-24 and 1 + 2^-24 are inexact, the subnormal flushes, max + max overflows.
    assert.equal(r.cpu.vfp.fpscr, fpscr | FPSCR_IXC | FPSCR_IDC | 0x4);
  }
});

Deno.test("VMUL.F32: inline fast path exact, inexact, and results that flush", () => {
  const r = run([I.vmulQ], (c) => c.vfp.f32.set([3, 0.1, 2 ** -64, -1.5], 0));
  assert.deepEqual([...r.cpu.vfp.f32.subarray(12, 16)], [
    9,
    Math.fround(Math.fround(0.1) * Math.fround(0.1)),
    0,
    2.25,
  ]);
  assert.equal(r.cpu.vfp.fpscr, FPSCR_IXC | FPSCR_UFC); // 2^-128 flushes: UFC, no IXC from it
  assert.match(r.source, /Math\.fround/);
});

Deno.test("pairwise and by-scalar forms read every source before writing", () => {
  const p = run([I.vpaddD], (c) => {
    c.vfp.f32.set([1, 2], 0); // d0
    c.vfp.f32.set([10, 20], 6); // d3 = Vm = Vd
  });
  assert.deepEqual([...p.cpu.vfp.f32.subarray(6, 8)], [3, 30]);
  const s = run([I.vmulScalarQ], (c) => c.vfp.f32.set([2, 3, 4, 5], 0));
  assert.deepEqual([...s.cpu.vfp.f32.subarray(12, 16)], [4, 6, 8, 10]);
});

Deno.test("VCVT.F16.F32 and fixed point, VRECPE.F32 in Q form", () => {
  const h = run([I.vcvtF16], (c) => c.vfp.f32.set([1, -2, 65520, 2 ** -25], 4));
  assert.deepEqual(h.cpu.vfp.dreg(0).map(u32), [0xc0003c00, 0x00007c00]);
  const f = run([I.vcvtFixed], (c) => c.vfp.i32.set([0x10000, -0x8000, 3, 0], 4));
  assert.deepEqual([...f.cpu.vfp.f32.subarray(0, 4)], [1, -0.5, 3 / 65536, 0]);
  const e = run([I.vrecpeQ], (c) => c.vfp.i32.set([0x3f800000, 0, 0x7f800000, 0x40000000], 4));
  assert.deepEqual(qwords(e.cpu, 0), [0x3f7f8000, 0x7f800000, 0, 0x3eff8000]);
  assert.equal(e.cpu.vfp.fpscr, FPSCR_DZC);
});

Deno.test("UNDEFINED: half precision, odd Q registers, pairwise Q, ARMv8, no NEON", () => {
  assert.ok(!udef(run([I.vaddQ])));
  assert.ok(udef(run([I.vaddF16])));
  assert.ok(udef(run([I.vaddOddQ])));
  assert.ok(udef(run([I.vpaddQ])));
  assert.ok(udef(run([I.vmaxnm])));
  assert.ok(udef(run([I.vaddQ], () => {}, false)));
  assert.ok(udef(run([I.vaddQ], (c) => c.vfp.fpexc = 0)));
});
