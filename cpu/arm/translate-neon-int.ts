/**
 * Advanced SIMD integer data processing (QEMU's neon-dp.decode and translate-neon.c): three
 * registers of the same length (integer and bitwise operations, opcodes 0000-1011), one
 * register and a modified immediate (VMOV, VMVN, VORR, VBIC); the three-registers-of-different-
 * lengths and two-registers-and-a-scalar groups are in translate-neon-int-long.ts.
 *
 * Everything is emitted inline on the register file's word view except the rare or large
 * operations (saturating and rounding shifts, 32-bit VQDMULH, polynomial products, 64-bit
 * saturation and shifts), which call the `H.neonInt*` helpers of helpers-neon-int.ts.
 * UNDEFINED cases follow QEMU 7.2: an odd register in a Q form, the reserved sizes of each
 * instruction, VMUL.P with a size other than 8, cmode 1111 with op 1 in the immediate group.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import type { Fields } from "./decodetree.ts";
import { addNeonPattern, dreg, neonAccessCheck, oddQ } from "./translate-neon.ts";
import { Op64, registerNeonIntHelpers } from "./helpers-neon-int.ts";
import {
  declareRegs,
  emitElementwise,
  emitPairwise,
  LANE_OPS,
  type LaneOp,
  sizeBits,
} from "./translate-neon-int-lanes.ts";
import { registerNeonIntLong } from "./translate-neon-int-long.ts";

/** Sizes an instruction accepts (bit n: size field n). */
const ALL = 0b1111;
const NO64 = 0b0111;
const H_W = 0b0110;

/** How the U bit of a three-same instruction is used. */
type UBit = "0" | "1" | "u";

/** A three-registers-same-length instruction on elements. */
interface Same3 {
  name: string;
  /** U bit: fixed, or `u` for the signed/unsigned pair. */
  u: UBit;
  /** Opcode (bits 11:8) and bit 4. */
  opc: string;
  b4: "0" | "1";
  /** Element operation (a key of LANE_OPS). */
  op: string;
  /** Sizes accepted (bit n: size n). */
  sizes: number;
  /** Reads the destination. */
  acc?: boolean;
  /** Shift forms: the value is in Vm and the shift amount in Vn. */
  rev?: boolean;
  /** 64-bit element operation (size 3) through `H.neonInt64`, signed then unsigned. */
  op64?: [Op64, Op64];
}

const SAME3: Same3[] = [
  { name: "VHADD", u: "u", opc: "0000", b4: "0", op: "hadd", sizes: NO64 },
  {
    name: "VQADD",
    u: "u",
    opc: "0000",
    b4: "1",
    op: "qadd",
    sizes: ALL,
    op64: [Op64.QADD_S, Op64.QADD_U],
  },
  { name: "VRHADD", u: "u", opc: "0001", b4: "0", op: "rhadd", sizes: NO64 },
  { name: "VHSUB", u: "u", opc: "0010", b4: "0", op: "hsub", sizes: NO64 },
  {
    name: "VQSUB",
    u: "u",
    opc: "0010",
    b4: "1",
    op: "qsub",
    sizes: ALL,
    op64: [Op64.QSUB_S, Op64.QSUB_U],
  },
  { name: "VCGT", u: "u", opc: "0011", b4: "0", op: "cgt", sizes: NO64 },
  { name: "VCGE", u: "u", opc: "0011", b4: "1", op: "cge", sizes: NO64 },
  {
    name: "VSHL",
    u: "u",
    opc: "0100",
    b4: "0",
    op: "shl",
    sizes: ALL,
    rev: true,
    op64: [Op64.SHL_S, Op64.SHL_U],
  },
  {
    name: "VQSHL",
    u: "u",
    opc: "0100",
    b4: "1",
    op: "qshl",
    sizes: ALL,
    rev: true,
    op64: [Op64.QSHL_S, Op64.QSHL_U],
  },
  {
    name: "VRSHL",
    u: "u",
    opc: "0101",
    b4: "0",
    op: "rshl",
    sizes: ALL,
    rev: true,
    op64: [Op64.RSHL_S, Op64.RSHL_U],
  },
  {
    name: "VQRSHL",
    u: "u",
    opc: "0101",
    b4: "1",
    op: "qrshl",
    sizes: ALL,
    rev: true,
    op64: [Op64.QRSHL_S, Op64.QRSHL_U],
  },
  { name: "VMAX", u: "u", opc: "0110", b4: "0", op: "max", sizes: NO64 },
  { name: "VMIN", u: "u", opc: "0110", b4: "1", op: "min", sizes: NO64 },
  { name: "VABD", u: "u", opc: "0111", b4: "0", op: "abd", sizes: NO64 },
  { name: "VABA", u: "u", opc: "0111", b4: "1", op: "aba", sizes: NO64, acc: true },
  { name: "VADD", u: "0", opc: "1000", b4: "0", op: "add", sizes: ALL },
  { name: "VSUB", u: "1", opc: "1000", b4: "0", op: "sub", sizes: ALL },
  { name: "VTST", u: "0", opc: "1000", b4: "1", op: "tst", sizes: NO64 },
  { name: "VCEQ", u: "1", opc: "1000", b4: "1", op: "ceq", sizes: NO64 },
  { name: "VMLA", u: "0", opc: "1001", b4: "0", op: "mla", sizes: NO64, acc: true },
  { name: "VMLS", u: "1", opc: "1001", b4: "0", op: "mls", sizes: NO64, acc: true },
  { name: "VMUL", u: "0", opc: "1001", b4: "1", op: "mul", sizes: NO64 },
  { name: "VQDMULH", u: "0", opc: "1011", b4: "0", op: "qdmulh", sizes: H_W },
  { name: "VQRDMULH", u: "1", opc: "1011", b4: "0", op: "qrdmulh", sizes: H_W },
];

/** Pairwise instructions (D registers only). */
const PAIRWISE: Array<{ name: string; u: UBit; opc: string; b4: "0" | "1"; op: string }> = [
  { name: "VPMAX", u: "u", opc: "1010", b4: "0", op: "max" },
  { name: "VPMIN", u: "u", opc: "1010", b4: "1", op: "min" },
  { name: "VPADD", u: "0", opc: "1011", b4: "1", op: "add" },
];

/** Bitwise three-same instructions: U and size select the operation; `$c` is the old Vd. */
const LOGIC: Array<{ name: string; u: string; sz: string; expr: string }> = [
  { name: "VAND", u: "0", sz: "00", expr: "$a & $b" },
  { name: "VBIC", u: "0", sz: "01", expr: "$a & ~$b" },
  { name: "VORR", u: "0", sz: "10", expr: "$a | $b" },
  { name: "VORN", u: "0", sz: "11", expr: "$a | ~$b" },
  { name: "VEOR", u: "1", sz: "00", expr: "$a ^ $b" },
  { name: "VBSL", u: "1", sz: "01", expr: "($a & $c) | ($b & ~$c)" },
  { name: "VBIT", u: "1", sz: "10", expr: "($a & $b) | ($c & ~$b)" },
  { name: "VBIF", u: "1", sz: "11", expr: "($c & $b) | ($a & ~$b)" },
];

/** Pattern of a three-same instruction (size field `zz`, or fixed bits). */
function same3Pattern(u: string, sz: string, opc: string, q: string, b4: string): string {
  return `1111 001${u} 0D${sz} nnnn dddd ${opc} N${q}M${b4} mmmm`;
}

/** Registers D, N, M of a three-register instruction. */
function regs3(f: Fields): [number, number, number] {
  return [dreg(f.d, f.D), dreg(f.n, f.N), dreg(f.m, f.M)];
}

/** Emits a 64-bit element operation of the three-same group. */
function emitSame64(
  s: DisasContext,
  op: Same3,
  signed: boolean,
  d: number,
  a: number,
  b: number,
  q: number,
) {
  for (let j = 0; j <= q; j++) {
    const wd = 2 * (d + j), wa = 2 * (a + j), wb = 2 * (b + j);
    if (op.op === "add") {
      s.emit(
        `{ const $l = ($I[${wa}] >>> 0) + ($I[${wb}] >>> 0); ` +
          `$I[${wd + 1}] = ($I[${wa + 1}] + $I[${
            wb + 1
          }] + ($l >= 4294967296 ? 1 : 0)) | 0; $I[${wd}] = $l | 0; }`,
      );
    } else if (op.op === "sub") {
      s.emit(
        `{ const $l = ($I[${wa}] >>> 0) - ($I[${wb}] >>> 0); ` +
          `$I[${wd + 1}] = ($I[${wa + 1}] - $I[${
            wb + 1
          }] - ($l < 0 ? 1 : 0)) | 0; $I[${wd}] = $l | 0; }`,
      );
    } else {
      const code = op.op64![signed ? 0 : 1];
      s.emit(`H.neonInt64($V, ${code}, ${wd}, ${wa}, ${wb});`);
    }
  }
}

/** Emitter of an element-wise three-same instruction. */
function same3(op: Same3) {
  return (s: DisasContext, f: Fields): boolean | void => {
    const size = f.z;
    if (!(op.sizes & (1 << size))) return false;
    const [d, n, m] = regs3(f);
    if (oddQ(f.Q, d, n, m)) return false;
    // For shifts the value is in Vm and the amount in Vn.
    const [a, b] = op.rev ? [m, n] : [n, m];
    const signed = op.u === "u" ? f.u === 0 : true;
    neonAccessCheck(s);
    declareRegs(s);
    if (size === 3) {
      emitSame64(s, op, signed, d, a, b, f.Q);
      return;
    }
    emitElementwise(s, {
      d,
      n: a,
      m: b,
      words: f.Q ? 4 : 2,
      bits: sizeBits(size),
      signed,
      op: LANE_OPS[op.op],
      opName: op.op,
      acc: op.acc,
    });
  };
}

/** Emitter of a pairwise instruction (Q = 0 by pattern). */
function pairwise(opName: string, uField: boolean) {
  const op: LaneOp = LANE_OPS[opName];
  return (s: DisasContext, f: Fields): boolean | void => {
    if (f.z === 3) return false;
    const [d, n, m] = regs3(f);
    neonAccessCheck(s);
    declareRegs(s);
    emitPairwise(s, d, n, m, sizeBits(f.z), uField ? f.u === 0 : true, op);
  };
}

/** Emitter of a bitwise instruction: `expr` over `$a` (Vn word), `$b` (Vm), `$c` (Vd). */
function logic(expr: string, isOrr: boolean) {
  return (s: DisasContext, f: Fields): boolean | void => {
    const [d, n, m] = regs3(f);
    if (oddQ(f.Q, d, n, m)) return false;
    neonAccessCheck(s);
    s.emit("const $I = cpu.vfp.i32;");
    for (let i = 0; i < (f.Q ? 4 : 2); i++) {
      if (isOrr && n === m) {
        // VMOV (register).
        if (d !== n) s.emit(`$I[${2 * d + i}] = $I[${2 * n + i}];`);
        continue;
      }
      s.emit(
        `{ const $a = $I[${2 * n + i}], $b = $I[${2 * m + i}], $c = $I[${2 * d + i}]; ` +
          `$I[${2 * d + i}] = ${expr}; }`,
      );
    }
  };
}

/** VMUL.P8: byte-wise polynomial multiply. */
function vmulP(s: DisasContext, f: Fields): boolean | void {
  if (f.z !== 0) return false;
  const [d, n, m] = regs3(f);
  if (oddQ(f.Q, d, n, m)) return false;
  neonAccessCheck(s);
  s.emit("const $I = cpu.vfp.i32;");
  for (let i = 0; i < (f.Q ? 4 : 2); i++) {
    s.emit(`$I[${2 * d + i}] = H.neonIntPmul8($I[${2 * n + i}], $I[${2 * m + i}]);`);
  }
}

/**
 * AdvSIMDExpandImm for A32 as QEMU's asimd_imm_const: the 64-bit constant as [low, high]
 * words, inverted for op = 1 with cmode < 14 (VMVN, VBIC).
 */
export function expandImm(imm8: number, cmode: number, op: number): [number, number] {
  let imm = imm8;
  switch (cmode) {
    case 0:
    case 1:
      break;
    case 2:
    case 3:
      imm <<= 8;
      break;
    case 4:
    case 5:
      imm <<= 16;
      break;
    case 6:
    case 7:
      imm <<= 24;
      break;
    case 8:
    case 9:
      imm |= imm << 16;
      break;
    case 10:
    case 11:
      imm = (imm << 8) | (imm << 24);
      break;
    case 12:
      imm = (imm << 8) | 0xff;
      break;
    case 13:
      imm = (imm << 16) | 0xffff;
      break;
    case 14:
      if (op) {
        let lo = 0, hi = 0;
        for (let k = 0; k < 4; k++) {
          if (imm8 & (1 << k)) lo |= 0xff << (8 * k);
          if (imm8 & (1 << (k + 4))) hi |= 0xff << (8 * k);
        }
        return [lo, hi];
      }
      imm = imm * 0x01010101;
      break;
    default: // 15, op 0: a single-precision constant
      imm = ((imm8 & 0x80) << 24) | (imm8 & 0x40 ? 0x3e000000 : 0x40000000) |
        ((imm8 & 0x3f) << 19);
  }
  imm |= 0;
  if (op && cmode < 14) imm = ~imm;
  return [imm, imm];
}

/** VMOV, VMVN, VORR, VBIC (immediate). */
function vimm(s: DisasContext, f: Fields): boolean | void {
  const cmode = f.c, op = f.o;
  const d = dreg(f.d, f.D);
  if (cmode === 15 && op === 1) return false;
  if (oddQ(f.Q, d)) return false;
  const [lo, hi] = expandImm((f.i << 7) | (f.j << 4) | f.k, cmode, op);
  // VORR and VBIC: odd cmode below 12; op = 1 has the constant inverted, so VBIC is an AND.
  const assign = (cmode & 1) && cmode < 12 ? (op ? "&=" : "|=") : "=";
  neonAccessCheck(s);
  s.emit("const $I = cpu.vfp.i32;");
  for (let i = 0; i < (f.Q ? 4 : 2); i++) s.emit(`$I[${2 * d + i}] ${assign} ${i & 1 ? hi : lo};`);
}

/** Adds this group's patterns to the A32 decode tables (see translate-neon.ts). */
export function registerNeonInteger(): void {
  registerNeonIntHelpers();
  for (const op of SAME3) {
    addNeonPattern(op.name, same3Pattern(op.u, "zz", op.opc, "Q", op.b4), same3(op));
  }
  for (const p of PAIRWISE) {
    addNeonPattern(p.name, same3Pattern(p.u, "zz", p.opc, "0", p.b4), pairwise(p.op, p.u === "u"));
  }
  for (const l of LOGIC) {
    addNeonPattern(
      l.name,
      same3Pattern(l.u, l.sz, "0001", "Q", "1"),
      logic(l.expr, l.name === "VORR"),
    );
  }
  addNeonPattern("VMUL_P", same3Pattern("1", "zz", "1001", "Q", "1"), vmulP);
  addNeonPattern("VIMM", "1111 001i 1D00 0jjj dddd cccc 0Qo1 kkkk", vimm);
  registerNeonIntLong();
}
