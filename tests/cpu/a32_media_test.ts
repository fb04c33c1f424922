/**
 * A32 media and saturating instructions (cpu/arm/translate-a32-media.ts): each instruction is
 * translated alone and run on an ArmCpu. Values worked out by hand from the ARM ARM
 * pseudocode, plus the 36 parallel add/subtract instructions against a lane-by-lane model.
 */
import assert from "node:assert/strict";
import { ArmCpu } from "../../cpu/arm/cpu.ts";
import { DisasContext } from "../../cpu/arm/disas-context.ts";
import { translateA32 } from "../../cpu/arm/translate-a32.ts";
import { registerA32Groups } from "../../cpu/arm/a32.ts";
import { H } from "../../cpu/arm/helpers.ts";
import { GuestException } from "../../cpu/arm/exception.ts";
import { generateTbSource } from "../../accel/tcg/codegen.ts";

registerA32Groups();

const PC = 0x1000;

/** Encodes an A32 pattern (fields as in the decode tables) with condition AL. */
function asm(pattern: string, f: Record<string, number>): number {
  const bits = ("1110" + pattern).replace(/\s+/g, "");
  const next: Record<string, number> = {};
  for (const ch of bits) if (/[a-z]/i.test(ch)) next[ch] = (next[ch] ?? 0) + 1;
  let w = 0;
  for (const ch of bits) {
    const b = ch === "0" || ch === "1" ? Number(ch) : (f[ch] >>> --next[ch]) & 1;
    w = (w * 2 + b) >>> 0;
  }
  return w | 0;
}

type Tb = (cpu: ArmCpu, limit: number) => number;

function compile(insn: number): Tb {
  const s = new DisasContext(PC, false, 0x13, 0);
  const insns = translateA32(s, { read32: () => insn, read16: () => 0 }, 1);
  const { source, pcs } = generateTbSource(s, insns, "t");
  return new Function("H", "M", "U", "$pcs", source)(H, null, null, pcs) as Tb;
}

/** Runs `insn` with r0..r3 = regs, GE = ge, Q = q; returns the CPU afterwards. */
function run(insn: number | Tb, regs: number[], ge = 0, q = 0): ArmCpu {
  const tb = typeof insn === "number" ? compile(insn) : insn;
  const cpu = new ArmCpu();
  regs.forEach((v, i) => cpu.r[i] = v);
  cpu.r[15] = PC;
  cpu.GE = ge;
  cpu.QF = q;
  tb(cpu, 1);
  return cpu;
}

const hex = (v: number) => (v >>> 0).toString(16);
/** r0 = Rd, r1 = Ra / accumulator, r2 = first operand, r3 = second. */
const R = { d: 0, a: 1, n: 2, m: 3 };

Deno.test("QADD/QSUB/QDADD/QDSUB saturate and set Q only when they do", () => {
  const q = (op: number) => asm("0001 0oo0 nnnn dddd 0000 0101 mmmm", { o: op, d: 0, m: 2, n: 3 });
  let c = run(q(0), [0, 0, 0x7fffffff, 1]);
  assert.deepEqual([c.r[0], c.QF], [0x7fffffff, 1]);
  c = run(q(1), [0, 0, 5, 7]);
  assert.deepEqual([c.r[0], c.QF], [-2, 0]);
  c = run(q(1), [0, 0, -0x80000000, 1]);
  assert.deepEqual([c.r[0], c.QF], [-0x80000000, 1]);
  c = run(q(2), [0, 0, 1, 0x20000000]); // 1 + 2 * 0x20000000, no saturation
  assert.deepEqual([c.r[0], c.QF], [0x40000001, 0]);
  c = run(q(3), [0, 0, 0, 0x40000000]); // 2 * Rn saturates to INT_MAX, then 0 - INT_MAX
  assert.deepEqual([c.r[0], c.QF], [-0x7fffffff, 1]);
  assert.equal(run(q(1), [0, 0, 5, 7], 0, 1).QF, 1, "Q is sticky");
});

/** ARM ARM model of the parallel add/subtract family: [result, GE] (GE unchanged = `ge`). */
function parallelModel(p: number, op: number, a: number, b: number, ge: number): number[] {
  const signed = p < 4, w = op >= 4 ? 8 : 16, n = 32 / w, mask = 2 ** w - 1;
  const get = (x: number, i: number) => {
    const v = Math.floor((x >>> 0) / 2 ** (i * w)) % 2 ** w;
    return signed && v >= 2 ** (w - 1) ? v - 2 ** w : v;
  };
  let res = 0, newGe = 0;
  for (let i = 0; i < n; i++) {
    const cross = op === 1 || op === 2;
    const sub = op === 3 || op === 7 || (op === 1 && i === 0) || (op === 2 && i === 1);
    const x = get(a, i) + (sub ? -1 : 1) * get(b, cross ? 1 - i : i);
    let v: number;
    if (p === 2) v = Math.min(Math.max(x, -(2 ** (w - 1))), 2 ** (w - 1) - 1);
    else if (p === 6) v = Math.min(Math.max(x, 0), mask);
    else if (p === 3 || p === 7) v = Math.floor(x / 2);
    else v = x;
    res += ((v % 2 ** w + 2 ** w) % 2 ** w) * 2 ** (i * w);
    const geBit = signed ? x >= 0 : sub ? x >= 0 : x >= 2 ** w;
    if (geBit) newGe |= (w === 16 ? 3 : 1) << (i * (w === 16 ? 2 : 1));
  }
  return [res | 0, p === 1 || p === 5 ? newGe : ge];
}

Deno.test("the 36 parallel add/subtract instructions match the ARM ARM lane model", () => {
  let seed = 12345;
  const rnd = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const bytes = [0, 1, 0x7f, 0x80, 0x81, 0xfe, 0xff, seed & 0xff];
    if (seed & 0x100) return seed | 0;
    let v = 0;
    for (let i = 0; i < 4; i++) v = (v << 8) | bytes[(seed >>> (9 + 3 * i)) & 7];
    return v | 0;
  };
  for (const p of [1, 2, 3, 5, 6, 7]) {
    for (const op of [0, 1, 2, 3, 4, 7]) {
      const tb = compile(asm("0110 0ppp nnnn dddd 1111 ooo1 mmmm", { p, o: op, ...R }));
      for (let i = 0; i < 500; i++) {
        const a = rnd(), b = rnd(), ge = i & 15;
        const c = run(tb, [0, 0, a, b], ge);
        const [res, wantGe] = parallelModel(p, op, a, b, ge);
        assert.deepEqual(
          [hex(c.r[0]), c.GE],
          [hex(res), wantGe],
          `p=${p} op=${op} ${hex(a)} ${hex(b)}`,
        );
      }
    }
  }
});

Deno.test("parallel add/subtract: worked examples and GE", () => {
  const par = (p: number, op: number) =>
    asm("0110 0ppp nnnn dddd 1111 ooo1 mmmm", { p, o: op, ...R });
  let c = run(par(1, 0), [0, 0, 0x7fff8000, 0x00010001]); // SADD16
  assert.deepEqual([hex(c.r[0]), c.GE], ["80008001", 0b1100]);
  c = run(par(2, 0), [0, 0, 0x7fff8000, 0x00010001], 5); // QADD16 leaves GE
  assert.deepEqual([hex(c.r[0]), c.GE], ["7fff8001", 5]);
  c = run(par(6, 7), [0, 0, 0x10ff2080, 0x20017f01]); // UQSUB8
  assert.equal(hex(c.r[0]), "fe007f");
  c = run(par(5, 4), [0, 0, 0x80ff0102 | 0, 0x80010101 | 0]); // UADD8
  assert.deepEqual([hex(c.r[0]), c.GE], ["203", 0b1100]);
  c = run(par(3, 1), [0, 0, 0x00040010, 0x00020006]); // SHASX
  assert.equal(hex(c.r[0]), "50007");
  c = run(par(5, 2), [0, 0, 0x0001fffe, 0x00050003]); // USAX
  assert.deepEqual([hex(c.r[0]), c.GE], ["fffe0003", 0b0011]);
  // SEL takes byte i from Rn when GE[i] is set.
  const sel = asm("0110 1000 nnnn dddd 1111 1011 mmmm", R);
  assert.equal(hex(run(sel, [0, 0, 0x11223344, 0xaabbccdd | 0], 0b0101).r[0]), "aa22cc44");
  // Unallocated prefix 000 and op 101 are UNDEFINED.
  assert.throws(() => run(par(0, 0), []), GuestException);
  assert.throws(() => run(par(1, 5), []), GuestException);
});

Deno.test("USAD8/USADA8, extends with rotation and accumulate, PKH", () => {
  const usada8 = asm("0111 1000 dddd aaaa mmmm 0001 nnnn", R);
  assert.equal(run(usada8, [0, 100, 0x01ff0010, 0xff000020 | 0]).r[0], 625);
  const usad8 = asm("0111 1000 dddd 1111 mmmm 0001 nnnn", R);
  assert.equal(run(usad8, [0, 100, 0x01ff0010, 0xff000020 | 0]).r[0], 525);
  const ext = (op: number, n: number, rot: number) =>
    asm("0110 1ooo nnnn dddd rr00 0111 mmmm", { o: op, n, d: 0, r: rot, m: 2 });
  assert.equal(hex(run(ext(0, 1, 1), [0, 0x00010002, 0x80ff7f01 | 0]).r[0]), "ff810081"); // SXTAB16
  assert.equal(hex(run(ext(7, 1, 2), [0, -1, 0x12348765]).r[0]), "1233"); // UXTAH
  assert.equal(hex(run(ext(3, 15, 3), [0, 0, 0x8012ff34 | 0]).r[0]), "3480"); // SXTH ror 24
  assert.equal(hex(run(ext(2, 15, 0), [0, 0, 0x80]).r[0]), "ffffff80"); // SXTB
  assert.equal(hex(run(ext(4, 15, 1), [0, 0, 0x11223344]).r[0]), "110033"); // UXTB16 ror 8
  assert.throws(() => run(ext(1, 15, 0), []), GuestException);
  const pkh = (t: number, i: number) => asm("0110 1000 nnnn dddd iiii it01 mmmm", { t, i, ...R });
  assert.equal(hex(run(pkh(1, 0), [0, 0, 0x12345678, 0x80000000 | 0]).r[0]), "1234ffff");
  assert.equal(hex(run(pkh(0, 16), [0, 0, 0x12345678, 0xabcd]).r[0]), "abcd5678");
});

Deno.test("REV, REV16, REVSH, RBIT", () => {
  const rev = (hi: number, lo: number) =>
    asm(
      `0110 1${hi.toString(2).padStart(3, "0")} 1111 dddd 1111 ${
        lo.toString(2).padStart(4, "0")
      } mmmm`,
      {
        d: 0,
        m: 2,
      },
    );
  assert.equal(hex(run(rev(3, 0b0011), [0, 0, 0x12345678]).r[0]), "78563412");
  assert.equal(hex(run(rev(3, 0b1011), [0, 0, 0x12345678]).r[0]), "34127856");
  assert.equal(hex(run(rev(7, 0b1011), [0, 0, 0x12345680]).r[0]), "ffff8056");
  assert.equal(hex(run(rev(7, 0b0011), [0, 0, 1]).r[0]), "80000000");
  assert.equal(hex(run(rev(7, 0b0011), [0, 0, 0x12345678]).r[0]), "1e6a2c48");
});

Deno.test("BFI, BFC, UBFX, SBFX; UNPREDICTABLE field positions are UNDEFINED", () => {
  const bfi = (l: number, m: number, n: number) =>
    asm("0111 110m mmmm dddd llll l001 nnnn", { l, m, n, d: 0 });
  assert.equal(hex(run(bfi(4, 11, 2), [-1, 0, 0x12]).r[0]), "fffff12f");
  assert.equal(run(bfi(0, 31, 15), [-1]).r[0], 0);
  assert.equal(hex(run(bfi(31, 31, 15), [-1]).r[0]), "7fffffff");
  const bfx = (u: number, l: number, w: number) =>
    asm(`0111 1${u}1w wwww dddd llll l101 nnnn`, { l, w: w - 1, n: 2, d: 0 });
  assert.equal(run(bfx(1, 28, 4), [0, 0, 0xa0000000 | 0]).r[0], 0xa);
  assert.equal(run(bfx(0, 28, 4), [0, 0, 0xa0000000 | 0]).r[0], -6);
  assert.equal(run(bfx(1, 0, 32), [0, 0, -5]).r[0], -5);
  assert.equal(run(bfx(0, 1, 31), [0, 0, -5]).r[0], -3);
  assert.throws(() => run(bfx(1, 28, 8), []), GuestException);
  assert.throws(() => run(bfi(8, 4, 2), []), GuestException);
});

Deno.test("SSAT/USAT/SSAT16/USAT16 with shifts; Q reports saturation", () => {
  const ssat = (u: number, sat: number, h: number, i: number) =>
    asm(`0110 1${u}1s ssss dddd iiii ih01 nnnn`, { s: sat, h, i, d: 0, n: 2 });
  const check = (insn: number, v: number, want: number, q: number) => {
    const c = run(insn, [0, 0, v]);
    assert.deepEqual([c.r[0], c.QF], [want, q], `${hex(insn)} on ${v}`);
  };
  check(ssat(0, 7, 0, 0), 300, 127, 1); // ssat #8
  check(ssat(0, 7, 0, 0), -5, -5, 0);
  check(ssat(0, 7, 0, 0), -129, -128, 1);
  check(ssat(0, 31, 0, 0), -0x80000000, -0x80000000, 0); // ssat #32 never saturates
  check(ssat(0, 15, 1, 0), -0x80000000, -1, 0); // asr #32
  check(ssat(0, 7, 0, 4), 8, 127, 1); // lsl #4: 128
  check(ssat(1, 8, 0, 0), -1, 0, 1); // usat #8
  check(ssat(1, 8, 0, 0), 255, 255, 0);
  check(ssat(1, 0, 0, 0), 1, 0, 1); // usat #0
  check(ssat(1, 31, 0, 0), -0x80000000, 0, 1);
  const sat16 = (u: number, sat: number) =>
    asm(`0110 1${u}10 ssss dddd 1111 0011 nnnn`, { s: sat, d: 0, n: 2 });
  let c = run(sat16(0, 7), [0, 0, 0x7fff8000]);
  assert.deepEqual([hex(c.r[0]), c.QF], ["7fff80", 1]);
  c = run(sat16(0, 15), [0, 0, 0x7fff8000]);
  assert.deepEqual([hex(c.r[0]), c.QF], ["7fff8000", 0]);
  c = run(sat16(1, 4), [0, 0, 0x0005fff0]);
  assert.deepEqual([hex(c.r[0]), c.QF], ["50000", 1]);
});
