/**
 * A32 VFP instructions (cpu/arm/translate-vfp.ts): translated and run on an ArmCpu with a small
 * RAM. Access control, the once-per-TB check, the short-vector UNDEF, the inline fast paths
 * against the helpers, data movement bit-exact on signalling NaNs, loads and stores in both
 * endiannesses. The full instruction set is compared with qemu-system-arm by the vfp* guests.
 */
import assert from "node:assert/strict";
import { ArmCpu, CPSR_E, Mode } from "../../cpu/arm/cpu.ts";
import { DisasContext, DisasJump } from "../../cpu/arm/disas-context.ts";
import { Excp, GuestException } from "../../cpu/arm/exception.ts";
import { H } from "../../cpu/arm/helpers.ts";
import { translateA32 } from "../../cpu/arm/translate-a32.ts";
import { registerA32Groups } from "../../cpu/arm/a32.ts";
import { vfpExpandImm } from "../../cpu/arm/translate-vfp.ts";
import { generateTbSource } from "../../accel/tcg/codegen.ts";
import { Log } from "../../util/log.ts";
import { FPEXC_EN, FPSCR_IXC, VfpState } from "../../cpu/arm/vfp-state.ts";

registerA32Groups();

const CODE = 0x1000;
const RAM_BASE = 0x8000;
const RAM_SIZE = 0x100;
const CPACR_FULL = 0xf << 20;

const I = {
  vadd32: 0xee300a81, // vadd.f32 s0, s1, s2
  vadd64: 0xee303b01, // vadd.f64 d3, d0, d1
  vaddne32: 0x1e300a81, // vaddne.f32 s0, s1, s2
  vmrsFpexc: 0xeef80a10, // vmrs r0, fpexc
  vmrsFpscr: 0xeef10a10, // vmrs r0, fpscr
  vmsrFpscr: 0xeee10a10, // vmsr fpscr, r0
  vmrsNzcv: 0xeef1fa10, // vmrs APSR_nzcv, fpscr
  vcmp32: 0xeeb40a60, // vcmp.f32 s0, s1
  vmov32: 0xeef01a60, // vmov.f32 s3, s1
  vabs32: 0xeeb02ae0, // vabs.f32 s4, s1
  vneg64: 0xeeb15b41, // vneg.f64 d5, d1
  vldr64: 0xed952b02, // vldr d2, [r5, #8]
  vstr32: 0xed451a01, // vstr s3, [r5, #-4]
  vldmia64: 0xecb50b06, // vldmia r5!, {d0-d2}
  vstmdb32: 0xed250a03, // vstmdb r5!, {s0-s2}
  vmovToCore: 0xec532b12, // vmov r2, r3, d2
  vmovScalar: 0xee244b90, // vmov.32 d20[1], r4
  vfma32: 0xeea00a81, // vfma.f32 s0, s1, s2
  vcvtS32F64: 0xeebd0bc1, // vcvt.s32.f64 s0, d1
  vsqrt64: 0xeeb13bc0, // vsqrt.f64 d3, d0
};

class Ram {
  readonly bytes = new Uint8Array(RAM_SIZE);
  readonly view = new DataView(this.bytes.buffer);
  #off(a: number, size: number, write: boolean): number {
    const off = (a >>> 0) - RAM_BASE;
    if (off < 0 || off + size > RAM_SIZE) {
      throw new GuestException(Excp.DATA_ABORT, write ? 0x808 : 0x8, a >>> 0);
    }
    return off;
  }
  readonly ops = {
    ld32: (a: number) => this.view.getInt32(this.#off(a, 4, false), true),
    st32: (a: number, v: number) => this.view.setInt32(this.#off(a, 4, true), v, true),
  };
}

interface Run {
  cpu: ArmCpu;
  ram: Ram;
  exc: GuestException | null;
  source: string;
  /** Guest instructions in the TB. */
  count: number;
}

/** Translates `words` as one TB in the state `setup` leaves and runs it once. */
function run(words: number[], setup: (cpu: ArmCpu, ram: Ram) => void = () => {}): Run {
  const cpu = new ArmCpu(0, new Log());
  const ram = new Ram();
  cpu.r[15] = CODE;
  cpu.cp15.cpacr = CPACR_FULL;
  cpu.vfp.fpexc = FPEXC_EN;
  setup(cpu, ram);
  const s = new DisasContext(CODE, false, cpu.mode, cpu.mode === Mode.USR ? 1 : 0);
  s.bigEndian = (cpu.uncachedCpsr & CPSR_E) !== 0;
  const insns = translateA32(s, {
    read32: (va) => words[(va - CODE) >> 2] ?? 0xe320f000,
    read16: () => 0,
  }, words.length);
  const { source, pcs } = generateTbSource(s, insns, "tb_vfp");
  const fn = new Function("H", "M", "U", "$pcs", source)(H, ram.ops, ram.ops, pcs);
  let exc: GuestException | null = null;
  try {
    fn(cpu, 1);
  } catch (e) {
    if (!(e instanceof GuestException)) throw e;
    exc = e;
  }
  return { cpu, ram, exc, source, count: insns.filter((x) => !x.pseudo).length };
}

const udef = (r: Run) => r.exc?.kind === Excp.UDEF;

Deno.test("access: FPEXC.EN and CPACR.cp10 gate VFP; FPEXC itself needs only CPACR at PL1", () => {
  assert.ok(!udef(run([I.vadd32])));
  assert.ok(udef(run([I.vadd32], (c) => c.vfp.fpexc = 0)));
  assert.ok(!udef(run([I.vmrsFpexc], (c) => c.vfp.fpexc = 0)));
  assert.ok(udef(run([I.vmrsFpscr], (c) => c.vfp.fpexc = 0)));
  assert.ok(udef(run([I.vmrsFpexc], (c) => c.cp15.cpacr = 0)));
  // cp10 = 01 grants PL1 only; cp11 is not looked at (as in QEMU).
  assert.ok(!udef(run([I.vadd64], (c) => c.cp15.cpacr = 1 << 20)));
  assert.ok(udef(run([I.vadd64], (c) => c.cp15.cpacr = 3 << 22)));
  const user = (cpacr: number) => (c: ArmCpu) => {
    c.switchMode(Mode.USR);
    c.cp15.cpacr = cpacr;
  };
  assert.ok(udef(run([I.vadd32], user(1 << 20))));
  assert.ok(!udef(run([I.vadd32], user(3 << 20))));
  assert.ok(udef(run([I.vmrsFpexc], user(3 << 20))));
  // A failing condition makes the UNDEF a no-op.
  assert.ok(
    !udef(run([I.vaddne32], (c) => {
      c.vfp.fpexc = 0;
      c.ZF = 0;
    })),
  );
});

Deno.test("access: checked once per TB after an unconditional VFP instruction", () => {
  const checks = (src: string) => src.split("GuestException(").length - 1;
  assert.equal(checks(run([I.vadd32, I.vadd64, I.vmov32]).source), 1);
  assert.equal(checks(run([I.vaddne32, I.vadd64]).source), 2);
  // The short-vector check is separate: VCMP does not need it, VADD does.
  assert.equal(checks(run([I.vcmp32, I.vadd32]).source), 2);
});

Deno.test("FPSCR vector length or stride makes data processing UNDEFINED, not VCMP/VMOV", () => {
  const len = (c: ArmCpu) => c.vfp.writeFpscr(1 << 16);
  assert.ok(udef(run([I.vadd32], len)));
  assert.ok(udef(run([I.vmov32], len)));
  assert.ok(udef(run([I.vsqrt64], (c) => c.vfp.writeFpscr(1 << 20))));
  assert.ok(!udef(run([I.vcmp32], len)));
  assert.ok(!udef(run([I.vcvtS32F64], len)));
});

Deno.test("VMSR FPSCR ends the TB and keeps the implemented bits; VMRS APSR_nzcv", () => {
  const r = run([I.vmsrFpscr, I.vadd32], (c) => c.r[0] = -1);
  assert.equal(r.count, 1);
  assert.equal(r.cpu.vfp.fpscr >>> 0, 0xfff7009f); // the CPU has Advanced SIMD: QC is kept
  assert.equal(r.cpu.vfp.mvfr1, 0x11111111);
  const noNeon = new VfpState(false);
  noNeon.writeFpscr(-1);
  assert.equal(noNeon.fpscr >>> 0, 0xf7f7009f); // QC is RAZ/WI without Advanced SIMD
  assert.equal(noNeon.mvfr1, 0x11000011);
  const f = run([I.vmrsNzcv], (c) => c.vfp.fpscr = 0xa0000000 | 0);
  assert.equal(f.cpu.cpsr >>> 28, 0xa);
  assert.equal(DisasJump.UPDATE, 2);
});

Deno.test("moves are bit-exact on signalling NaNs; VABS/VNEG only touch the sign", () => {
  const r = run([I.vmov32, I.vabs32, I.vneg64], (c) => {
    c.vfp.i32[1] = 0xff800001 | 0; // s1: negative sNaN
    c.vfp.setDreg(1, 0x00000001, 0x7ff00000); // d1 = s2:s3 (overwritten by vmov s3 first)
  });
  assert.equal(r.cpu.vfp.i32[3] >>> 0, 0xff800001);
  assert.equal(r.cpu.vfp.i32[4] >>> 0, 0x7f800001);
  assert.deepEqual(r.cpu.vfp.dreg(5).map((x) => x >>> 0), [0x00000001, 0x7f800001]);
});

Deno.test("arithmetic: inline fast path and helper agree; flags only from the helper", () => {
  const setup = (fpscr: number) => (c: ArmCpu) => {
    c.vfp.fpscr = fpscr;
    c.vfp.f64[0] = 0.1;
    c.vfp.f64[1] = 0.2;
  };
  const fast = run([I.vadd64], setup(FPSCR_IXC));
  const slow = run([I.vadd64], setup(0));
  assert.equal(fast.cpu.vfp.f64[3], 0.1 + 0.2);
  assert.equal(slow.cpu.vfp.f64[3], 0.1 + 0.2);
  assert.equal(slow.cpu.vfp.fpscr, FPSCR_IXC);
  // Round towards zero goes through the helper: 0.1 + 0.2 rounds down there.
  const rz = run([I.vadd64], setup(3 << 22));
  assert.equal(rz.cpu.vfp.f64[3], 0.30000000000000004 - 2 ** -54);
  const sq = run([I.vsqrt64], (c) => c.vfp.f64[0] = -4);
  assert.equal(sq.cpu.vfp.dreg(3)[1] >>> 0, 0x7ff80000);
  assert.equal(sq.cpu.vfp.fpscr, 1);
  const fma = run([I.vfma32], (c) => {
    c.vfp.f32[0] = 1;
    c.vfp.f32[1] = 3;
    c.vfp.f32[2] = 1 / 3;
  });
  assert.equal(fma.cpu.vfp.f32[0], Math.fround(1 + 3 * Math.fround(1 / 3)));
  const cvt = run([I.vcvtS32F64], (c) => c.vfp.f64[1] = -2.75);
  assert.deepEqual([cvt.cpu.vfp.i32[0], cvt.cpu.vfp.fpscr], [-2, FPSCR_IXC]);
});

Deno.test("VMOV immediates expand as VFPExpandImm", () => {
  assert.deepEqual(vfpExpandImm(false, 0x70), [0x3f800000, 0]);
  assert.deepEqual(vfpExpandImm(false, 0xf8), [0xbfc00000 | 0, 0]);
  assert.deepEqual(vfpExpandImm(true, 0x84), [0, 0xc0040000 | 0]); // -2.5
  assert.deepEqual(vfpExpandImm(true, 0x00), [0, 0x40000000]);
});

Deno.test("VLDR/VSTR/VLDM/VSTM: offsets, writeback, big-endian word order, faults", () => {
  const r = run([I.vldr64, I.vstr32, I.vldmia64], (c, ram) => {
    c.r[5] = RAM_BASE + 0x10;
    for (let i = 0; i < RAM_SIZE / 4; i++) ram.view.setInt32(4 * i, 0x1000 + i, true);
    c.vfp.i32[3] = 0x0badcafe;
  });
  assert.equal(r.exc, null);
  assert.equal(r.ram.view.getInt32(0x0c, true), 0x0badcafe);
  assert.deepEqual(r.cpu.vfp.dreg(0), [0x1004, 0x1005]);
  assert.deepEqual(r.cpu.vfp.dreg(2), [0x1008, 0x1009]);
  assert.equal(r.cpu.r[5], RAM_BASE + 0x10 + 24);
  const ld = run([I.vldr64], (c, ram) => {
    c.r[5] = RAM_BASE + 0x10;
    ram.view.setInt32(0x18, 0x1006, true);
    ram.view.setInt32(0x1c, 0x1007, true);
  });
  assert.deepEqual(ld.cpu.vfp.dreg(2), [0x1006, 0x1007]);
  const be = run([I.vldr64], (c, ram) => {
    c.r[5] = RAM_BASE;
    c.uncachedCpsr |= CPSR_E;
    ram.view.setUint32(8, 0x01234567);
    ram.view.setUint32(12, 0x89abcdef);
  });
  assert.deepEqual(be.cpu.vfp.dreg(2).map((x) => x >>> 0), [0x89abcdef, 0x01234567]);
  const st = run([I.vstmdb32], (c) => {
    c.r[5] = RAM_BASE + 8; // the first word lies below RAM: nothing is written back
    c.vfp.i32[0] = 7;
  });
  assert.equal(st.exc?.kind, Excp.DATA_ABORT);
  assert.equal(st.cpu.r[5], RAM_BASE + 8);
  const al = run([I.vldr64], (c) => c.r[5] = RAM_BASE + 2);
  assert.deepEqual([al.exc?.kind, al.exc?.fsr], [Excp.DATA_ABORT, 1]);
});

Deno.test("VMOV between core registers and D registers or scalars", () => {
  const r = run([I.vmovScalar, I.vmovToCore], (c) => {
    c.r[4] = 0x12345678;
    c.vfp.setDreg(2, -1, 0x55);
  });
  assert.equal(r.cpu.vfp.i32[41], 0x12345678);
  assert.deepEqual([r.cpu.r[2], r.cpu.r[3]], [-1, 0x55]);
});
