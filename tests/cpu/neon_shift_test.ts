/**
 * NEON shifts, two-registers-miscellaneous and permutes (cpu/arm/translate-neon-shift*.ts,
 * translate-neon-misc*.ts, helpers-neon-shift.ts): single instructions translated and run on an
 * ArmCpu, checked on hand-computed values, FPSCR.QC, the UNDEFINED cases and which forms are
 * emitted inline. The full groups are compared with qemu-system-arm by the neon_shift* and
 * neon_misc* guests.
 */
import assert from "node:assert/strict";
import { getD, type NeonRun as Run, runNeon as run, setD } from "../support/neon_run.ts";
import { Excp } from "../../cpu/arm/exception.ts";
import { FPSCR_QC } from "../../cpu/arm/vfp-state.ts";

const I = {
  vshrS8Q: 0xf28d0052, // vshr.s8 q0, q1, #3
  vshlI64: 0xf2a44595, // vshl.i64 d4, d5, #36
  vsraU64Q: 0xf39841d6, // vsra.u64 q2, q3, #40
  vqshlU16: 0xf3940711, // vqshl.u16 d0, d1, #4
  vqrshrunS64: 0xf3bd0852, // vqrshrun.s64 d0, q1, #3
  vmovlU8: 0xf3882a12, // vmovl.u8 q1, d2
  vmovnI32: 0xf3b60200, // vmovn.i32 d0, q0
  vdup16: 0xf3be4c41, // vdup.16 q2, d1[3]
  vext8Q: 0xf2b20544, // vext.8 q0, q1, q2, #5
  vrev64x8: 0xf3b00001, // vrev64.8 d0, d1
  vzip8Same: 0xf3b23183, // vzip.8 d3, d3
  vtbl2: 0xf3b10903, // vtbl.8 d0, {d1-d2}, d3
  vqmovnS64: 0xf3ba0282, // vqmovn.s64 d0, q1
  vrshrS32: 0xf2a00211, // vrshr.s32 d0, d1, #32
  vsri64: 0xf3800491, // vsri.64 d0, d1, #64
  vsli32: 0xf3bf0511, // vsli.32 d0, d1, #31
  vzip16Q: 0xf3b601c2, // vzip.16 q0, q1
  vpadalS32Q: 0xf3b80642, // vpadal.s32 q0, q1
  vtblWrap: 0xf3bf0982, // vtbl.8 d0, {d31, d32}, d2: runs past d31
  vshrOddQ: 0xf28f1052, // vshr.s8 q0.5, q1, #1
};

const udef = (r: Run) => r.exc?.kind === Excp.UDEF;
const qc = (r: Run) => (r.cpu.vfp.fpscr & FPSCR_QC) !== 0;

Deno.test("VSHR.S8 shifts every byte lane arithmetically, Q form", () => {
  const r = run(I.vshrS8Q, (c) => {
    setD(c, 2, 0x80ff7f01, 0x10203040);
    setD(c, 3, 0xf8080000, 0x7ffe8081);
  });
  assert.deepEqual(getD(r.cpu, 0), [0xf0ff0f00, 0x02040608]);
  assert.deepEqual(getD(r.cpu, 1), [0xff010000, 0x0ffff0f0]);
});

Deno.test("64-bit shifts: VSHL.I64 #36 and VSRA.U64 #40 carry between the words", () => {
  let r = run(I.vshlI64, (c) => setD(c, 5, 0x12345678, 0x9abcdef1));
  assert.deepEqual(getD(r.cpu, 4), [0xabcdef10, 0]);
  r = run(I.vsraU64Q, (c) => {
    setD(c, 6, 0xffffffff, 0xffffffff);
    setD(c, 4, 0x00000000, 0xff000001);
    setD(c, 7, 0x80000000, 0);
    setD(c, 5, 1, 2);
  });
  assert.deepEqual(getD(r.cpu, 4), [0x00000001, 0x00000000]);
  assert.deepEqual(getD(r.cpu, 5), [1, 2 + 0x800000]);
});

Deno.test("VQSHL.U16 saturates to 0xffff and sets FPSCR.QC; QC stays clear otherwise", () => {
  let r = run(I.vqshlU16, (c) => setD(c, 1, 0x0fff1000, 0x00010800));
  assert.deepEqual(getD(r.cpu, 0), [0xfff0ffff, 0x00108000]);
  assert.ok(qc(r));
  r = run(I.vqshlU16, (c) => setD(c, 1, 0x0fff0001, 0));
  assert.deepEqual(getD(r.cpu, 0), [0xfff00010, 0]);
  assert.ok(!qc(r));
});

Deno.test("VQRSHRUN.S64 rounds, clamps negatives to 0 and large values to 0xffffffff", () => {
  const r = run(I.vqrshrunS64, (c) => {
    setD(c, 2, 0x00000000, 0x0000000c); // 12 >> 3 rounds to 2 (1.5 -> 2)
    setD(c, 3, 0xffffffff, 0xfffffff0); // -16: saturates to 0
  });
  assert.deepEqual(getD(r.cpu, 0), [0, 2]);
  assert.ok(qc(r));
  const big = run(I.vqrshrunS64, (c) => setD(c, 2, 0x00000008, 0));
  assert.deepEqual(getD(big.cpu, 0), [0, 0xffffffff]);
});

Deno.test("VRSHR.S32 #32 gives 0; VSRI.64 #64 keeps Vd; VSLI.32 #31 keeps the low 31 bits", () => {
  assert.deepEqual(getD(run(I.vrshrS32, (c) => setD(c, 1, -1, 0x7fffffff)).cpu, 0), [0, 0]);
  const sri = run(I.vsri64, (c) => {
    setD(c, 0, 0x11111111, 0x22222222);
    setD(c, 1, -1, -1);
  });
  assert.deepEqual(getD(sri.cpu, 0), [0x11111111, 0x22222222]);
  const sli = run(I.vsli32, (c) => {
    setD(c, 0, 0x7fffffff, 0x00000000);
    setD(c, 1, 1, 0);
  });
  assert.deepEqual(getD(sli.cpu, 0), [0xffffffff, 0]);
});

Deno.test("widening and narrowing moves read the whole source before writing an overlap", () => {
  // vmovl.u8 q1, d2: d2 is the low half of the destination.
  const l = run(I.vmovlU8, (c) => setD(c, 2, 0x8899aabb, 0x11223344));
  assert.deepEqual(getD(l.cpu, 2), [0x00110022, 0x00330044]);
  assert.deepEqual(getD(l.cpu, 3), [0x00880099, 0x00aa00bb]);
  // vmovn.i32 d0, q0: d0 is the low half of the source.
  const n = run(I.vmovnI32, (c) => {
    setD(c, 0, 0x12345678, 0x9abcdef0);
    setD(c, 1, 0x0fedcba9, 0x87654321);
  });
  assert.deepEqual(getD(n.cpu, 0), [0xcba94321, 0x5678def0]);
  const q = run(I.vqmovnS64, (c) => {
    setD(c, 2, 0x00000000, 0x7fffffff);
    setD(c, 3, 0xfffffffe, 0);
  });
  assert.deepEqual(getD(q.cpu, 0), [0x80000000, 0x7fffffff]);
  assert.ok(qc(q));
});

Deno.test("VPADAL.S32 adds pair sums to 64-bit lanes with carry", () => {
  const r = run(I.vpadalS32Q, (c) => {
    setD(c, 2, 0xffffffff, 0xffffffff); // -1 + -1
    setD(c, 3, 0x7fffffff, 0x7fffffff);
    setD(c, 0, 0, 2);
    setD(c, 1, 0, 0xffffffff);
  });
  assert.deepEqual(getD(r.cpu, 0), [0, 0]);
  assert.deepEqual(getD(r.cpu, 1), [1, 0xfffffffd]);
});

Deno.test("permutes: VDUP, VEXT, VREV64, VZIP.16 Q and VZIP.8 with Vd = Vm as QEMU", () => {
  const dup = run(I.vdup16, (c) => setD(c, 1, 0xabcd0000, 0));
  for (const n of [4, 5]) assert.deepEqual(getD(dup.cpu, n), [0xabcdabcd, 0xabcdabcd]);
  const ext = run(I.vext8Q, (c) => {
    setD(c, 2, 0x07060504, 0x03020100);
    setD(c, 3, 0x0f0e0d0c, 0x0b0a0908);
    setD(c, 4, 0x17161514, 0x13121110);
    setD(c, 5, 0x1f1e1d1c, 0x1b1a1918);
  });
  assert.deepEqual(getD(ext.cpu, 0), [0x0c0b0a09, 0x08070605]);
  assert.deepEqual(getD(ext.cpu, 1), [0x14131211, 0x100f0e0d]);
  const rev = run(I.vrev64x8, (c) => setD(c, 1, 0x01020304, 0x05060708));
  assert.deepEqual(getD(rev.cpu, 0), [0x08070605, 0x04030201]);
  const zip = run(I.vzip16Q, (c) => {
    setD(c, 0, 0x00030002, 0x00010000);
    setD(c, 1, 0x00070006, 0x00050004);
    setD(c, 2, 0x00130012, 0x00110010);
    setD(c, 3, 0x00170016, 0x00150014);
  });
  assert.deepEqual(getD(zip.cpu, 0), [0x00110001, 0x00100000]);
  assert.deepEqual(getD(zip.cpu, 1), [0x00130003, 0x00120002]);
  assert.deepEqual(getD(zip.cpu, 2), [0x00150005, 0x00140004]);
  assert.deepEqual(getD(zip.cpu, 3), [0x00170007, 0x00160006]);
  // Vd = Vm: QEMU writes Vm then Vd, so Vd's result (the low halves interleaved) remains.
  const same = run(I.vzip8Same, (c) => setD(c, 3, 0x07060504, 0x03020100));
  assert.deepEqual(getD(same.cpu, 3), [0x03030202, 0x01010000]);
});

Deno.test("VTBL: in-range indices pick table bytes, others give 0; a list past d31 is UNDEFINED", () => {
  const r = run(I.vtbl2, (c) => {
    setD(c, 1, 0x07060504, 0x03020100);
    setD(c, 2, 0x0f0e0d0c, 0x0b0a0908);
    setD(c, 3, 0x10ff0f00, 0x08070102);
    setD(c, 0, -1, -1);
  });
  assert.deepEqual(getD(r.cpu, 0), [0x00000f00, 0x08070102]);
  assert.ok(udef(run(I.vtblWrap)));
});

Deno.test("UNDEFINED: odd Q register, and every encoding without Advanced SIMD", () => {
  assert.ok(udef(run(I.vshrOddQ)));
  assert.ok(!udef(run(I.vshrS8Q)));
  assert.ok(udef(run(I.vshrS8Q, () => {}, false)));
  assert.ok(udef(run(I.vzip16Q, () => {}, false)));
  assert.ok(udef(run(I.vshrS8Q, (c) => c.vfp.fpexc = 0)));
});

Deno.test("common shifts and moves are emitted inline; saturating 64-bit and table forms call helpers", () => {
  for (const w of [I.vshrS8Q, I.vshlI64, I.vsraU64Q, I.vqshlU16, I.vmovlU8, I.vmovnI32, I.vdup16]) {
    assert.ok(!/H\.neon/.test(run(w).source), `0x${w.toString(16)} calls a helper`);
  }
  for (const w of [I.vext8Q, I.vrev64x8, I.vqmovnS64, I.vpadalS32Q]) {
    assert.ok(!/H\.neon/.test(run(w).source));
  }
  assert.ok(/H\.neonShQshrn64/.test(run(I.vqrshrunS64).source));
  assert.ok(/H\.neonShTbl/.test(run(I.vtbl2).source));
});
