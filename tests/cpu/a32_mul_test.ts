/**
 * A32 multiply and divide instructions (cpu/arm/translate-a32-mul.ts): each instruction is
 * translated alone and run on an ArmCpu; 64-bit results are checked against a BigInt model
 * on edge and random operands, flags and Q against the ARM ARM.
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
    let b: number;
    if (ch === "0" || ch === "1") b = Number(ch);
    else b = (f[ch] >>> --next[ch]) & 1;
    w = (w * 2 + b) >>> 0;
  }
  return w | 0;
}

type Tb = (cpu: ArmCpu, limit: number) => number;

/** Translates the single instruction `insn` at PC. */
function compile(insn: number): Tb {
  const s = new DisasContext(PC, false, 0x13, 0);
  const insns = translateA32(s, { read32: () => insn, read16: () => 0 }, 1);
  const { source, pcs } = generateTbSource(s, insns, "t");
  return new Function("H", "M", "U", "$pcs", source)(H, null, null, pcs) as Tb;
}

/** Runs `tb` with registers `regs` (index -> value) and returns the CPU afterwards. */
function run(tb: Tb, regs: number[], init?: (cpu: ArmCpu) => void): ArmCpu {
  const cpu = new ArmCpu();
  regs.forEach((v, i) => cpu.r[i] = v);
  cpu.r[15] = PC;
  init?.(cpu);
  tb(cpu, 1);
  return cpu;
}

const EDGES = [
  0,
  1,
  -1,
  2,
  0x7fffffff,
  -0x80000000,
  0x8000,
  0x7fff,
  0xffff,
  0x10000,
  0x80008000 | 0,
  0x7fff7fff,
  0xffff8000 | 0,
  0x12345678,
  0xdeadbeef | 0,
];
let seed = 0x2545f491;
function rand(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed & 3) === 0 ? EDGES[(seed >>> 8) % EDGES.length] : seed | 0;
}

const u64 = (hi: number, lo: number) => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
const s64 = (hi: number, lo: number) => BigInt.asIntN(64, u64(hi, lo));
const lo32 = (v: bigint) => Number(BigInt.asIntN(32, v));
const hi32 = (v: bigint) => Number(BigInt.asIntN(32, v >> 32n));
const sx16 = (v: number, top: number) => top ? v >> 16 : (v << 16) >> 16;

/** r0 = RdLo, r1 = RdHi, r2 = Rn, r3 = Rm for the long forms. */
const LONG = { d: 1, a: 0, m: 3, n: 2 };
const LONG_CASES: Array<
  [string, string, (lo: number, hi: number, n: number, m: number) => bigint]
> = [
  [
    "UMULL",
    "0000 1000 dddd aaaa mmmm 1001 nnnn",
    (_l, _h, n, m) => BigInt(n >>> 0) * BigInt(m >>> 0),
  ],
  [
    "UMLAL",
    "0000 1010 dddd aaaa mmmm 1001 nnnn",
    (l, h, n, m) => u64(h, l) + BigInt(n >>> 0) * BigInt(m >>> 0),
  ],
  ["SMULL", "0000 1100 dddd aaaa mmmm 1001 nnnn", (_l, _h, n, m) => BigInt(n) * BigInt(m)],
  [
    "SMLAL",
    "0000 1110 dddd aaaa mmmm 1001 nnnn",
    (l, h, n, m) => s64(h, l) + BigInt(n) * BigInt(m),
  ],
  [
    "UMAAL",
    "0000 0100 dddd aaaa mmmm 1001 nnnn",
    (l, h, n, m) => BigInt(l >>> 0) + BigInt(h >>> 0) + BigInt(n >>> 0) * BigInt(m >>> 0),
  ],
  [
    "SMLALBT",
    "0001 0100 dddd aaaa mmmm 1100 nnnn",
    (l, h, n, m) => s64(h, l) + BigInt(sx16(n, 0) * sx16(m, 1)),
  ],
  [
    "SMLALDX",
    "0111 0100 dddd aaaa mmmm 0011 nnnn",
    (l, h, n, m) => s64(h, l) + BigInt(sx16(n, 0) * sx16(m, 1)) + BigInt(sx16(n, 1) * sx16(m, 0)),
  ],
  [
    "SMLSLD",
    "0111 0100 dddd aaaa mmmm 0101 nnnn",
    (l, h, n, m) => s64(h, l) + BigInt(sx16(n, 0) * sx16(m, 0)) - BigInt(sx16(n, 1) * sx16(m, 1)),
  ],
];

for (const [name, pattern, model] of LONG_CASES) {
  Deno.test(`${name}: 64-bit result matches a BigInt model`, () => {
    const tb = compile(asm(pattern, LONG));
    for (let i = 0; i < 3000; i++) {
      const regs = [rand(), rand(), rand(), rand()];
      const cpu = run(tb, regs);
      const want = model(regs[0], regs[1], regs[2], regs[3]);
      assert.deepEqual([cpu.r[0], cpu.r[1]], [lo32(want), hi32(want)], `${name} ${regs}`);
    }
  });
}

/** r0 = Rd, r1 = Ra, r2 = Rn, r3 = Rm for the 32-bit forms. */
const SHORT = { d: 0, a: 1, m: 3, n: 2 };
const SHORT_CASES: Array<[string, string, (a: number, n: number, m: number) => bigint]> = [
  ["MLA", "0000 0010 dddd aaaa mmmm 1001 nnnn", (a, n, m) => BigInt(a) + BigInt(n) * BigInt(m)],
  ["MLS", "0000 0110 dddd aaaa mmmm 1001 nnnn", (a, n, m) => BigInt(a) - BigInt(n) * BigInt(m)],
  ["SMMUL", "0111 0101 dddd 1111 mmmm 0001 nnnn", (_a, n, m) => (BigInt(n) * BigInt(m)) >> 32n],
  [
    "SMMULR",
    "0111 0101 dddd 1111 mmmm 0011 nnnn",
    (_a, n, m) => (BigInt(n) * BigInt(m) + 0x80000000n) >> 32n,
  ],
  [
    "SMMLA",
    "0111 0101 dddd aaaa mmmm 0001 nnnn",
    (a, n, m) => ((BigInt(a) << 32n) + BigInt(n) * BigInt(m)) >> 32n,
  ],
  [
    "SMMLSR",
    "0111 0101 dddd aaaa mmmm 1111 nnnn",
    (a, n, m) => ((BigInt(a) << 32n) - BigInt(n) * BigInt(m) + 0x80000000n) >> 32n,
  ],
  [
    "SMULWT",
    "0001 0010 dddd 0000 mmmm 1110 nnnn",
    (_a, n, m) => (BigInt(n) * BigInt(m >> 16)) >> 16n,
  ],
  ["SMULTB", "0001 0110 dddd 0000 mmmm 1010 nnnn", (_a, n, m) => BigInt(sx16(n, 1) * sx16(m, 0))],
  [
    "SMUSDX",
    "0111 0000 dddd 1111 mmmm 0111 nnnn",
    (_a, n, m) => BigInt(sx16(n, 0) * sx16(m, 1) - sx16(n, 1) * sx16(m, 0)),
  ],
];

for (const [name, pattern, model] of SHORT_CASES) {
  Deno.test(`${name}: result matches a BigInt model`, () => {
    const tb = compile(asm(pattern, SHORT));
    for (let i = 0; i < 3000; i++) {
      const regs = [rand(), rand(), rand(), rand()];
      const cpu = run(tb, regs);
      const want = model(regs[1], regs[2], regs[3]);
      assert.equal(cpu.r[0], lo32(want), `${name} ${regs}`);
    }
  });
}

Deno.test("Q-setting accumulates: the sum is exact and Q reports signed overflow", () => {
  const cases: Array<[string, string, (a: number, n: number, m: number) => number]> = [
    ["SMLABB", "0001 0000 dddd aaaa mmmm 1000 nnnn", (a, n, m) => a + sx16(n, 0) * sx16(m, 0)],
    [
      "SMLAWB",
      "0001 0010 dddd aaaa mmmm 1000 nnnn",
      (a, n, m) => a + Number((BigInt(n) * BigInt(sx16(m, 0))) >> 16n),
    ],
    [
      "SMLAD",
      "0111 0000 dddd aaaa mmmm 0001 nnnn",
      (a, n, m) => a + sx16(n, 0) * sx16(m, 0) + sx16(n, 1) * sx16(m, 1),
    ],
    [
      "SMLSDX",
      "0111 0000 dddd aaaa mmmm 0111 nnnn",
      (a, n, m) => a + sx16(n, 0) * sx16(m, 1) - sx16(n, 1) * sx16(m, 0),
    ],
    [
      "SMUAD",
      "0111 0000 dddd 1111 mmmm 0001 nnnn",
      (_a, n, m) => sx16(n, 0) * sx16(m, 0) + sx16(n, 1) * sx16(m, 1),
    ],
  ];
  for (const [name, pattern, model] of cases) {
    const tb = compile(asm(pattern, SHORT));
    let overflows = 0;
    for (let i = 0; i < 3000; i++) {
      const regs = [rand(), rand(), rand(), rand()];
      const cpu = run(tb, regs);
      const want = model(regs[1], regs[2], regs[3]);
      assert.equal(cpu.r[0], want | 0, `${name} ${regs}`);
      assert.equal(cpu.QF, want === (want | 0) ? 0 : 1, `${name} Q ${regs}`);
      overflows += cpu.QF;
    }
    if (name !== "SMUAD") assert.ok(overflows > 0, `${name}: no overflow case was generated`);
  }
  // SMUAD overflows only for 0x8000 * 0x8000 twice; Q is sticky when already set.
  const smuad = compile(asm("0111 0000 dddd 1111 mmmm 0001 nnnn", SHORT));
  const cpu = run(smuad, [0, 0, 0x80008000 | 0, 0x80008000 | 0]);
  assert.equal(cpu.r[0], 0x80000000 | 0);
  assert.equal(cpu.QF, 1);
  assert.equal(run(smuad, [0, 0, 1, 1], (c) => c.QF = 1).QF, 1);
});

Deno.test("MULS/UMULLS set N and Z only; C and V are unchanged", () => {
  const muls = compile(asm("0000 0001 dddd 0000 mmmm 1001 nnnn", SHORT));
  const init = (c: ArmCpu) => {
    c.CF = 1;
    c.VF = -0x80000000;
  };
  let cpu = run(muls, [0, 0, 0x10000, 0x10000], init);
  assert.equal(cpu.r[0], 0);
  assert.equal(cpu.ZF, 0);
  assert.ok(cpu.NF >= 0);
  assert.equal(cpu.CF, 1);
  assert.ok(cpu.VF < 0);
  cpu = run(muls, [0, 0, -3, 5], init);
  assert.equal(cpu.r[0], -15);
  assert.ok(cpu.NF < 0 && cpu.ZF !== 0);

  const umulls = compile(asm("0000 1001 dddd aaaa mmmm 1001 nnnn", LONG));
  cpu = run(umulls, [0, 0, 0x10000, 0x10000], init); // 2^32: low word 0, high word 1
  assert.deepEqual([cpu.r[0], cpu.r[1]], [0, 1]);
  assert.ok(cpu.ZF !== 0 && cpu.NF >= 0 && cpu.CF === 1 && cpu.VF < 0);
  cpu = run(umulls, [0, 0, -1, -1], init);
  assert.ok(cpu.NF < 0);
  const smulls = compile(asm("0000 1101 dddd aaaa mmmm 1001 nnnn", LONG));
  assert.equal(run(smulls, [5, 5, 0, 7]).ZF, 0);
});

Deno.test("SDIV/UDIV: truncation, division by zero gives 0, INT_MIN / -1 gives INT_MIN", () => {
  const sdiv = compile(asm("0111 0001 dddd 1111 mmmm 0001 nnnn", SHORT));
  const udiv = compile(asm("0111 0011 dddd 1111 mmmm 0001 nnnn", SHORT));
  const cases: Array<[number, number, number, number]> = [
    [7, 2, 3, 3],
    [-7, 2, -3, 0x7ffffffc],
    [7, -2, -3, 0],
    [-0x80000000, -1, -0x80000000, 0],
    [-1, 1, -1, -1],
    [0x12345678, 0, 0, 0],
    [-1, 0, 0, 0],
    [-2, 0x7fffffff, 0, 2],
  ];
  for (const [n, m, sq, uq] of cases) {
    assert.equal(run(sdiv, [0, 0, n, m]).r[0], sq, `sdiv ${n} / ${m}`);
    assert.equal(run(udiv, [0, 0, n, m]).r[0], uq, `udiv ${n} / ${m}`);
  }
});

Deno.test("encodings outside the multiply space stay UNDEFINED; a write to pc branches", () => {
  // MUL with non-zero bits 15:12 and SMULBB with non-zero Ra are unallocated (as in QEMU).
  for (const insn of [asm("0000 0000 0000 0001 0011 1001 0010", {}), 0xe1601182 | 0]) {
    assert.throws(() => compile(insn)(new ArmCpu(), 1), GuestException);
  }
  // mul pc, r2, r3 (UNPREDICTABLE): QEMU writes the product to pc with bits 1:0 cleared.
  const tb = compile(asm("0000 0000 dddd 0000 mmmm 1001 nnnn", { d: 15, m: 3, n: 2 }));
  const cpu = new ArmCpu();
  cpu.r[2] = 0x2001;
  cpu.r[3] = 3;
  assert.equal(tb(cpu, 1), 2);
  assert.equal(cpu.r[15], 0x6000);
});
