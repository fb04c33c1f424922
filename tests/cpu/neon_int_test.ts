/**
 * NEON integer data processing (cpu/arm/translate-neon-int*.ts, helpers-neon-int.ts): single
 * instructions translated and run on an ArmCpu, checked on hand-computed values, FPSCR.QC,
 * overlapping registers, the UNDEFINED cases and which forms are emitted inline. The full
 * groups are compared with qemu-system-arm by the neon_int* guests.
 */
import assert from "node:assert/strict";
import { getD, runNeon as run, setD } from "../support/neon_run.ts";
import type { ArmCpu } from "../../cpu/arm/cpu.ts";
import { Excp } from "../../cpu/arm/exception.ts";
import { FPSCR_QC, VfpState } from "../../cpu/arm/vfp-state.ts";
import { neonIntShlS, neonIntShlU, ShlFlags } from "../../cpu/arm/helpers-neon-int.ts";
import { expandImm } from "../../cpu/arm/translate-neon-int.ts";

const I = {
  vaddI32Q: 0xf2220844, // vadd.i32 q0, q1, q2
  vqaddS8: 0xf2010012, // vqadd.s8 d0, d1, d2
  vqdmulhS32: 0xf2210b02, // vqdmulh.s32 d0, d1, d2
  vmullU32: 0xf3a20c03, // vmull.u32 q0, d2, d3
  vmullP8: 0xf2820e03, // vmull.p8 q0, d2, d3
  vaddhnI64: 0xf2a20404, // vaddhn.i64 d0, q1, q2
  vraddhnI64: 0xf3a20404, // vraddhn.i64 d0, q1, q2
  vmovI64: 0xf3820e35, // vmov.i64 d0, #0xff00ff0000ff00ff
  vqshlS64: 0xf2320411, // vqshl.s64 d0, d1, d2 (value d1, shift d2)
  vmullS16Overlap: 0xf2922c03, // vmull.s16 q1, d2, d3
  vceqI32Q: 0xf3220854, // vceq.i32 q0, q1, q2
  vmulI32Q: 0xf2220954, // vmul.i32 q0, q1, q2
  vmlaI16Scalar: 0xf291006a, // vmla.i16 d0, d1, d2[3]
  vpaddI8: 0xf2010b12, // vpadd.i8 d0, d1, d2
  vbicI32Q: 0xf387237f, // vbic.i32 q1, #0xff00
  vqdmlalS32: 0xf2a20903, // vqdmlal.s32 q0, d2, d3
  vrshlU8: 0xf3020501, // vrshl.u8 d0, d1, d2
  vsubI64Q: 0xf3320844, // vsub.i64 q0, q1, q2
  vaddOddQ: 0xf2221844, // vadd.i32 with Vd = 1 and Q = 1
  vmulP16: 0xf3110912, // vmul.p16: reserved size
  vqdmullS8: 0xf2820d03, // vqdmull.s8: reserved size
  vmovCmode15Op1: 0xf2870f38, // cmode 1111 with op 1
};

Deno.test("VADD.I32 Q wraps per element and is emitted inline", () => {
  const r = run(I.vaddI32Q, (cpu) => {
    setD(cpu, 2, 0x7fffffff, 0xffffffff);
    setD(cpu, 3, 3, 4);
    setD(cpu, 4, 1, 1);
    setD(cpu, 5, 0xfffffffd, 0x10);
  });
  assert.equal(r.exc, null);
  assert.deepEqual(getD(r.cpu, 0), [0x80000000, 0]);
  assert.deepEqual(getD(r.cpu, 1), [0, 0x14]);
  assert.equal(r.cpu.vfp.fpscr & FPSCR_QC, 0);
  assert.doesNotMatch(r.source, /H\.neonInt/);
});

Deno.test("common 32-bit element ops (VCEQ, VMUL, VSUB.I64, VMOV imm) need no helper", () => {
  for (const w of [I.vceqI32Q, I.vmulI32Q, I.vsubI64Q, I.vmovI64, I.vbicI32Q, I.vpaddI8]) {
    assert.doesNotMatch(run(w).source, /H\.neonInt/, `0x${w.toString(16)}`);
  }
  const r = run(I.vmulI32Q, (cpu) => {
    setD(cpu, 2, 0x10000, 0xffffffff);
    setD(cpu, 4, 0x10000, 0xffffffff);
  });
  assert.deepEqual(getD(r.cpu, 0), [0, 1]);
});

Deno.test("VQADD.S8 saturates each byte and sets QC; QC is sticky", () => {
  const r = run(I.vqaddS8, (cpu) => {
    setD(cpu, 1, 0x7f800102, 0x7f7f8001);
    setD(cpu, 2, 0x0180ff03, 0x0181ff01);
  });
  assert.deepEqual(getD(r.cpu, 0), [0x7f800005, 0x7f008002]);
  assert.equal(r.cpu.vfp.fpscr & FPSCR_QC, FPSCR_QC);
  const quiet = run(I.vqaddS8, (cpu) => {
    cpu.vfp.fpscr = FPSCR_QC;
    setD(cpu, 1, 0, 1);
    setD(cpu, 2, 0, 1);
  });
  assert.deepEqual(getD(quiet.cpu, 0), [0, 2]);
  assert.equal(quiet.cpu.vfp.fpscr & FPSCR_QC, FPSCR_QC);
});

Deno.test("VQDMULH.S32: only -2^31 * -2^31 saturates", () => {
  const r = run(I.vqdmulhS32, (cpu) => {
    setD(cpu, 1, 0x80000000, 0x40000000);
    setD(cpu, 2, 0x80000000, 0x40000000);
  });
  assert.deepEqual(getD(r.cpu, 0), [0x7fffffff, 0x20000000]);
  assert.equal(r.cpu.vfp.fpscr & FPSCR_QC, FPSCR_QC);
});

Deno.test("VMULL.U32 gives exact 64-bit products", () => {
  const r = run(I.vmullU32, (cpu) => {
    setD(cpu, 2, 0xffffffff, 0x12345678);
    setD(cpu, 3, 0xffffffff, 0x9abcdef0);
  });
  assert.deepEqual(getD(r.cpu, 0), [0x0b00ea4e, 0x242d2080]);
  assert.deepEqual(getD(r.cpu, 1), [0xfffffffe, 0x00000001]);
});

Deno.test("VQDMLAL.S32 saturates the doubled product and the accumulation", () => {
  const r = run(I.vqdmlalS32, (cpu) => {
    setD(cpu, 0, 0, 5);
    setD(cpu, 1, 0x7fffffff, 0xffffffff);
    setD(cpu, 2, 3, 0x80000000);
    setD(cpu, 3, 1, 0x80000000);
  });
  assert.deepEqual(getD(r.cpu, 0), [0x7fffffff, 0xffffffff]);
  assert.deepEqual(getD(r.cpu, 1), [0x7fffffff, 0xffffffff]);
  assert.equal(r.cpu.vfp.fpscr & FPSCR_QC, FPSCR_QC);
});

Deno.test("VMULL.P8 is a carry-less product", () => {
  const r = run(I.vmullP8, (cpu) => {
    setD(cpu, 2, 0, 0x0000ff03);
    setD(cpu, 3, 0, 0x0000ff03);
  });
  assert.deepEqual(getD(r.cpu, 0), [0, 0x55550005]);
});

Deno.test("VADDHN.I64 / VRADDHN.I64 keep the (rounded) high words", () => {
  const setup = (cpu: ArmCpu) => {
    setD(cpu, 2, 0x00000001, 0x80000000);
    setD(cpu, 3, 0xffffffff, 0xffffffff);
    setD(cpu, 4, 0x00000001, 0x00000000);
    setD(cpu, 5, 0x00000000, 0x00000001);
  };
  assert.deepEqual(getD(run(I.vaddhnI64, setup).cpu, 0), [0, 2]);
  assert.deepEqual(getD(run(I.vraddhnI64, setup).cpu, 0), [0, 3]);
});

Deno.test("VMOV.I64 byte-mask immediate and AdvSIMDExpandImm", () => {
  assert.deepEqual(getD(run(I.vmovI64).cpu, 0), [0xff00ff00, 0x00ff00ff]);
  assert.deepEqual(expandImm(0x70, 15, 0), [0x3f800000, 0x3f800000]);
  assert.deepEqual(expandImm(0x12, 12, 1), [~0x12ff, ~0x12ff]);
  const r = run(I.vbicI32Q, (cpu) => setD(cpu, 3, 0x12345678, 0xffffffff));
  assert.deepEqual(getD(r.cpu, 3), [0x12340078, 0xffff00ff]);
});

Deno.test("VQSHL.S64 by register saturates, the shift is the signed low byte", () => {
  const r = run(I.vqshlS64, (cpu) => {
    setD(cpu, 1, 0xffffffff, 0xffffffff);
    setD(cpu, 2, 0x12345678, 0xffffff3f);
  });
  assert.deepEqual(getD(r.cpu, 0), [0x80000000, 0]);
  assert.equal(r.cpu.vfp.fpscr & FPSCR_QC, 0);
  const sat = run(I.vqshlS64, (cpu) => {
    setD(cpu, 1, 0, 2);
    setD(cpu, 2, 0, 63);
  });
  assert.deepEqual(getD(sat.cpu, 0), [0x7fffffff, 0xffffffff]);
  assert.equal(sat.cpu.vfp.fpscr & FPSCR_QC, FPSCR_QC);
});

Deno.test("lane shift helpers round and saturate as QEMU's do_sqrshl_bhs/do_uqrshl_bhs", () => {
  const v = new VfpState(true);
  const R = ShlFlags.ROUND, S = ShlFlags.SAT;
  assert.equal(neonIntShlU(v, 0x80, -8, 8, R), 1);
  assert.equal(neonIntShlU(v, 0x80, -9, 8, R), 0);
  assert.equal(neonIntShlS(v, -128, -8, 8, 0), -1);
  assert.equal(neonIntShlS(v, -128, -8, 8, R), 0);
  assert.equal(neonIntShlS(v, 0x7fffffff, -1, 32, R), 0x40000000);
  assert.equal(v.fpscr, 0);
  assert.equal(neonIntShlS(v, 1, 7, 8, S), 127);
  assert.equal(v.fpscr & FPSCR_QC, FPSCR_QC);
  assert.equal(neonIntShlU(v, 0, 100, 16, S), 0);
  assert.equal(neonIntShlU(v, 3, 31, 32, S), 0xffffffff);
});

Deno.test("VRSHL.U8 rounds each byte", () => {
  const r = run(I.vrshlU8, (cpu) => {
    setD(cpu, 1, 0, 0xff808003);
    setD(cpu, 2, 0, 0xf8f8f9ff);
  });
  assert.deepEqual(getD(r.cpu, 0), [0, 0x01010102]);
});

Deno.test("long forms read every source before writing an overlapping destination", () => {
  const r = run(I.vmullS16Overlap, (cpu) => {
    setD(cpu, 2, 0x00030002, 0xffff0001);
    setD(cpu, 3, 0x00050004, 0x00070006);
  });
  assert.deepEqual(getD(r.cpu, 2), [0xfffffff9, 6]);
  assert.deepEqual(getD(r.cpu, 3), [15, 8]);
});

Deno.test("VMLA.I16 by scalar uses the selected halfword", () => {
  const r = run(I.vmlaI16Scalar, (cpu) => {
    setD(cpu, 0, 0x00010001, 0x00010001);
    setD(cpu, 1, 0x00040003, 0x00020001);
    setD(cpu, 2, 0x00100000, 0);
  });
  assert.deepEqual(getD(r.cpu, 0), [0x00410031, 0x00210011]);
});

Deno.test("UNDEFINED: odd Q registers, reserved sizes, cmode 1111 op 1, no NEON", () => {
  for (const w of [I.vaddOddQ, I.vmulP16, I.vqdmullS8, I.vmovCmode15Op1]) {
    const r = run(w);
    assert.equal(r.exc?.kind, Excp.UDEF, `0x${w.toString(16)}`);
  }
  assert.equal(run(I.vaddI32Q, () => {}, false).exc?.kind, Excp.UDEF);
  const off = run(I.vaddI32Q, (cpu) => (cpu.vfp.fpexc = 0));
  assert.equal(off.exc?.kind, Excp.UDEF);
});
