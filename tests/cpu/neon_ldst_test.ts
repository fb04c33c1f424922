/**
 * Advanced SIMD element/structure loads and stores and scalar transfers
 * (cpu/arm/translate-neon-ldst.ts), translated and run on an ArmCpu with a small RAM. The
 * full behaviour is compared with qemu-system-arm by the neon_ldst* guests; these tests pin
 * down the shape of the generated code and a few semantics in isolation.
 */
import assert from "node:assert/strict";
import { ArmCpu, CPSR_E } from "../../cpu/arm/cpu.ts";
import { DisasContext } from "../../cpu/arm/disas-context.ts";
import { Excp, GuestException } from "../../cpu/arm/exception.ts";
import { H } from "../../cpu/arm/helpers.ts";
import { translateA32 } from "../../cpu/arm/translate-a32.ts";
import { registerA32Groups } from "../../cpu/arm/a32.ts";
import { generateTbSource } from "../../accel/tcg/codegen.ts";
import { Log } from "../../util/log.ts";
import { FPEXC_EN } from "../../cpu/arm/vfp-state.ts";
import { neonLsHidden } from "../../cpu/arm/helpers-neon-ldst.ts";

registerA32Groups();

const CODE = 0x1000;
const RAM_BASE = 0x8000;
const RAM_SIZE = 0x100;
const CPACR_FULL = 0xf << 20;

const I = {
  vld1_32_d0_d3_wb: 0xf420028d, // vld1.32 {d0-d3}, [r0]!
  vst1_32_d0_d1: 0xf4000a8f, // vst1.32 {d0-d1}, [r0]
  vld4_8_d0_d3: 0xf420000f, // vld4.8 {d0-d3}, [r0]
  vld1_16_d4: 0xf420474f, // vld1.16 {d4}, [r0]
  vld1_8_d4: 0xf420470f, // vld1.8 {d4}, [r0]
  vld1_8_d30_d33: 0xf460e20f, // vld1.8 {d30-d33}, [r0] (UNPREDICTABLE)
  vst1_8_d31_d32: 0xf440fa0f, // vst1.8 {d31-d32}, [r0] (UNPREDICTABLE)
  vld1_8_lane: 0xf4a0006f, // vld1.8 {d0[3]}, [r0]
  vld4_32_all_128: 0xf4a00fdf, // vld4.32 {d0[], d1[], d2[], d3[]}, [r0:128]
  vmov_s8: 0xee552b30, // vmov.s8 r2, d5[1]
  vmov_u8: 0xeed52b30, // vmov.u8 r2, d5[1]
  vmov_16_from: 0xee052b70, // vmov.16 d5[1], r2
  vdup_8_q1: 0xeee22b10, // vdup.8 q1, r2
  vdup_odd_q: 0xeea50b10, // vdup.32 with Q and an odd register: UNDEFINED
  vld_type_11: 0xf4200b0f, // multiple structures, type 11: UNDEFINED
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
    ld8: (a: number) => this.view.getUint8(this.#off(a, 1, false)),
    ld16: (a: number) => this.view.getUint16(this.#off(a, 2, false), true),
    ld32: (a: number) => this.view.getInt32(this.#off(a, 4, false), true),
    st8: (a: number, v: number) => this.view.setUint8(this.#off(a, 1, true), v),
    st16: (a: number, v: number) => this.view.setUint16(this.#off(a, 2, true), v, true),
    st32: (a: number, v: number) => this.view.setInt32(this.#off(a, 4, true), v, true),
  };
}

interface Run {
  cpu: ArmCpu;
  ram: Ram;
  exc: GuestException | null;
  source: string;
}

/** Translates `words` as one TB (NEON present unless `neon` is false) and runs it once. */
function run(words: number[], setup: (cpu: ArmCpu, ram: Ram) => void = () => {}, neon = true): Run {
  const cpu = new ArmCpu(0, new Log(), neon);
  const ram = new Ram();
  for (let i = 0; i < RAM_SIZE; i++) ram.bytes[i] = i;
  cpu.r[15] = CODE;
  cpu.r[0] = RAM_BASE;
  cpu.cp15.cpacr = CPACR_FULL;
  cpu.vfp.fpexc = FPEXC_EN;
  setup(cpu, ram);
  const s = new DisasContext(CODE, false, cpu.mode, 0);
  s.neon = neon;
  s.bigEndian = (cpu.uncachedCpsr & CPSR_E) !== 0;
  const insns = translateA32(s, {
    read32: (va) => words[(va - CODE) >> 2] ?? 0xe320f000,
    read16: () => 0,
  }, words.length);
  const { source, pcs } = generateTbSource(s, insns, "tb_neon_ldst");
  const fn = new Function("H", "M", "U", "$pcs", source)(H, ram.ops, ram.ops, pcs);
  let exc: GuestException | null = null;
  try {
    fn(cpu, 1);
  } catch (e) {
    if (!(e instanceof GuestException)) throw e;
    exc = e;
  }
  return { cpu, ram, exc, source };
}

const udef = (r: Run) => r.exc?.kind === Excp.UDEF;
const hex = (v: number) => (v >>> 0).toString(16).padStart(8, "0");
/** Dn as "hi:lo" hex. */
const dreg = (cpu: ArmCpu, n: number) => {
  const [lo, hi] = cpu.vfp.dreg(n);
  return `${hex(hi)}:${hex(lo)}`;
};

Deno.test("VLD1/VST1 of whole D registers: inline word accesses, no helper calls", () => {
  const ld = run([I.vld1_32_d0_d3_wb]);
  assert.equal(ld.exc, null);
  assert.equal(ld.source.split("M.ld32(").length - 1, 8);
  assert.doesNotMatch(ld.source.replace(/H\.(GuestException|alignFault)/g, ""), /\bH\./);
  assert.equal(dreg(ld.cpu, 0), "07060504:03020100");
  assert.equal(dreg(ld.cpu, 3), "1f1e1d1c:1b1a1918");
  assert.equal(ld.cpu.r[0], RAM_BASE + 32);
  const st = run([I.vst1_32_d0_d1], (c) => c.vfp.setDreg(1, 0x11223344, 0x55667788));
  assert.equal(st.source.split("M.st32(").length - 1, 4);
  assert.deepEqual([...st.ram.bytes.subarray(8, 16)], [
    0x44,
    0x33,
    0x22,
    0x11,
    0x88,
    0x77,
    0x66,
    0x55,
  ]);
});

Deno.test("VLD4.8 de-interleaves; a fault part-way keeps the elements loaded before it", () => {
  const r = run([I.vld4_8_d0_d3]);
  assert.equal(dreg(r.cpu, 0), "1c181410:0c080400");
  assert.equal(dreg(r.cpu, 3), "1f1b1713:0f0b0703");
  // 6 bytes before the end of RAM: elements 0-5 load, element 6 (d2[1]) faults.
  const f = run([I.vld4_8_d0_d3], (c) => c.r[0] = RAM_BASE + RAM_SIZE - 6);
  assert.equal(f.exc?.kind, Excp.DATA_ABORT);
  assert.equal(f.exc?.far, RAM_BASE + RAM_SIZE);
  assert.equal(hex(f.cpu.vfp.i32[0] & 0xffff), "0000fefa");
  assert.equal(hex(f.cpu.vfp.i32[4] & 0xffff), "000000fc");
  assert.equal(f.cpu.r[0], RAM_BASE + RAM_SIZE - 6);
});

Deno.test("big-endian data: halfword elements are byte-reversed, byte elements are not", () => {
  const be = (c: ArmCpu) => c.uncachedCpsr |= CPSR_E;
  assert.equal(dreg(run([I.vld1_16_d4], be).cpu, 4), "06070405:02030001");
  assert.equal(dreg(run([I.vld1_16_d4]).cpu, 4), "07060504:03020100");
  assert.equal(dreg(run([I.vld1_8_d4], be).cpu, 4), "07060504:03020100");
  const lane = run([I.vld1_8_lane], (c) => {
    be(c);
    c.r[0] = RAM_BASE + 0x42;
  });
  assert.equal(hex(lane.cpu.vfp.i32[0]), "42000000");
});

Deno.test("register lists past d31 use storage that keeps its value (as QEMU)", () => {
  const r = run([I.vld1_8_d30_d33, I.vst1_8_d31_d32]);
  assert.equal(r.exc, null);
  const hidden = neonLsHidden(r.cpu.vfp);
  assert.equal(hex(hidden[0]), "13121110"); // d32 low word
  assert.equal(hex(hidden[3]), "1f1e1d1c"); // d33 high word
  assert.deepEqual([...r.ram.bytes.subarray(8, 12)], [0x10, 0x11, 0x12, 0x13]);
});

Deno.test("VLD4.32 to all lanes with :128 checks 16-byte alignment of the base", () => {
  const ok = run([I.vld4_32_all_128], (c) => c.r[0] = RAM_BASE + 16);
  assert.equal(ok.exc, null);
  assert.equal(dreg(ok.cpu, 1), "17161514:17161514");
  const bad = run([I.vld4_32_all_128], (c) => c.r[0] = RAM_BASE + 8);
  assert.equal(bad.exc?.kind, Excp.DATA_ABORT);
  assert.equal(bad.exc?.far, RAM_BASE + 8);
});

Deno.test("scalar transfers: sign/zero extension, lane insert, VDUP to a Q register", () => {
  const d5 = (c: ArmCpu) => c.vfp.setDreg(5, 0x0000c000 | 0, 0);
  assert.equal(hex(run([I.vmov_s8], d5).cpu.r[2]), "ffffffc0");
  assert.equal(hex(run([I.vmov_u8], d5).cpu.r[2]), "000000c0");
  const ins = run([I.vmov_16_from], (c) => {
    c.r[2] = 0x1234abcd;
    c.vfp.setDreg(5, 0x11111111, 0x22222222);
  });
  assert.equal(dreg(ins.cpu, 5), "22222222:abcd1111");
  const dup = run([I.vdup_8_q1], (c) => c.r[2] = 0x5a);
  assert.equal(dreg(dup.cpu, 2), "5a5a5a5a:5a5a5a5a");
  assert.equal(dreg(dup.cpu, 3), "5a5a5a5a:5a5a5a5a");
});

Deno.test("UNDEFINED: reserved encodings, and every encoding without Advanced SIMD", () => {
  assert.ok(udef(run([I.vdup_odd_q])));
  assert.ok(udef(run([I.vld_type_11])));
  for (const w of [I.vld1_32_d0_d3_wb, I.vld1_8_lane, I.vmov_s8, I.vdup_8_q1]) {
    assert.ok(!udef(run([w])));
    assert.ok(udef(run([w], () => {}, false)));
  }
  assert.ok(udef(run([I.vld1_32_d0_d3_wb], (c) => c.vfp.fpexc = 0)));
});
