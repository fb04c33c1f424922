/**
 * Advanced SIMD integer: three registers of different lengths (long, wide and narrowing forms:
 * VADDL VADDW VSUBL VSUBW VADDHN VRADDHN VSUBHN VRSUBHN VABAL VABDL VMLAL VMLSL VMULL VQDMLAL
 * VQDMLSL VQDMULL VMULL.P8) and two registers and a scalar (VMLA VMLS VMUL VMLAL VMLSL VMULL
 * VQDMLAL VQDMLSL VQDMULL VQDMULH VQRDMULH), as QEMU 7.2's translate-neon.c.
 *
 * Size 11 belongs to other groups (VEXT, two registers miscellaneous, VTBL, VDUP), so every
 * pattern here is registered twice, for sizes 0x and 10. Long forms read all their inputs
 * before writing the Q destination, which may overlap a D source. 8- and 16-bit elements are
 * computed inline; 32-bit long forms (64-bit results) call `H.neonIntLong32`.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import type { Fields } from "./decodetree.ts";
import { addNeonPattern, dreg, neonAccessCheck } from "./translate-neon.ts";
import { Long32 } from "./helpers-neon-int.ts";
import {
  absDiff,
  type Bits,
  declareRegs,
  emitElementwise,
  lane,
  LANE_OPS,
  type LaneOp,
  pack,
  saturate,
  SET_QC,
  sizeBits,
} from "./translate-neon-int-lanes.ts";

/** Doubling saturating product of two 16-bit elements (a 32-bit result). */
function qdmull16(x: string, y: string): string {
  return `(($s = 2 * ${x} * ${y}) > 2147483647 ? (${SET_QC}, 2147483647) : $s)`;
}

/** Long element operations: `x`, `y` the (extended) sources, `z` the wide accumulator. */
const LONG_OPS: Record<string, LaneOp> = {
  add: (x, y) => `${x} + ${y}`,
  sub: (x, y) => `${x} - ${y}`,
  abd: (x, y) => absDiff(x, y),
  aba: (x, y, z) => `${z} + ${absDiff(x, y)}`,
  mul: (x, y) => `${x} * ${y}`,
  mla: (x, y, z) => `${z} + ${x} * ${y}`,
  mls: (x, y, z) => `${z} - ${x} * ${y}`,
  qdmul: (x, y) => qdmull16(x, y),
  qdmla: (x, y, z) => saturate(`${z} + ${qdmull16(x, y)}`, 32, true, "$t"),
  qdmls: (x, y, z) => saturate(`${z} - ${qdmull16(x, y)}`, 32, true, "$t"),
};

/** A long-form instruction. */
interface LongOp {
  name: string;
  /** Element operation (LONG_OPS key). */
  op: string;
  /** Its 32-bit form (H.neonIntLong32), signed then unsigned. */
  op32: [Long32, Long32];
  /** Reads the destination. */
  acc?: boolean;
  /** The first operand is a Q register of wide elements (VADDW, VSUBW). */
  wide?: boolean;
  /** Only sizes 1 and 2 exist (the doubling forms). */
  noByte?: boolean;
}

/** Arguments of `emitLong`. */
interface LongArgs {
  d: number;
  n: number;
  m: number;
  size: number;
  signed: boolean;
  op: LongOp;
  /** Scalar forms: word index of the scalar, and its element within the word. */
  scWord?: number;
  scHalf?: number;
}

/** Emits a long operation (Qd from Dn or Qn and Dm or a scalar). */
function emitLong(s: DisasContext, a: LongArgs): void {
  const { d, n, m, size, signed, op } = a;
  declareRegs(s);
  if (size === 2) {
    const code = a.op.op32[signed ? 0 : 1];
    const sc = a.scWord ?? -1;
    s.emit(`H.neonIntLong32($V, ${code}, ${2 * d}, ${2 * n}, ${2 * m}, ${sc});`);
    return;
  }
  const bits = sizeBits(size), ob = (bits * 2) as Bits;
  const loads: string[] = [];
  for (let i = 0; i < (op.wide ? 4 : 2); i++) loads.push(`$n${i} = $I[${2 * n + i}]`);
  if (a.scWord === undefined) {
    for (let i = 0; i < 2; i++) {
      loads.push(`$m${i} = $I[${2 * m + i}]`);
    }
  } else loads.push(`$sc = ${lane(`$I[${a.scWord}]`, bits, a.scHalf ?? 0, signed)}`);
  if (op.acc) { for (let i = 0; i < 4; i++) loads.push(`$c${i} = $I[${2 * d + i}]`); }
  s.emit(`const ${loads.join(", ")};`);
  const inPer = 32 / bits, outPer = 32 / ob;
  const fn = LONG_OPS[op.op];
  const words: string[] = [];
  for (let i = 0; i < 4; i++) {
    const results: string[] = [];
    for (let k = 0; k < outPer; k++) {
      const j = i * outPer + k;
      const x = op.wide
        ? lane(`$n${i}`, ob, k, signed)
        : lane(`$n${Math.floor(j / inPer)}`, bits, j % inPer, signed);
      const y = a.scWord !== undefined
        ? "$sc"
        : lane(`$m${Math.floor(j / inPer)}`, bits, j % inPer, signed);
      results.push(fn(x, y, lane(`$c${i}`, ob, k, true), ob, signed));
    }
    words.push(`$r${i} = ${pack(results, ob)}`);
  }
  s.emit(`const ${words.join(", ")};`);
  s.emit(
    `$I[${2 * d}] = $r0; $I[${2 * d + 1}] = $r1; $I[${2 * d + 2}] = $r2; $I[${2 * d + 3}] = $r3;`,
  );
}

const LONG3: Array<LongOp & { opc: string; u: string }> = [
  { name: "VADDL", opc: "0000", u: "u", op: "add", op32: [Long32.ADDL_S, Long32.ADDL_U] },
  {
    name: "VADDW",
    opc: "0001",
    u: "u",
    op: "add",
    op32: [Long32.ADDW_S, Long32.ADDW_U],
    wide: true,
  },
  { name: "VSUBL", opc: "0010", u: "u", op: "sub", op32: [Long32.SUBL_S, Long32.SUBL_U] },
  {
    name: "VSUBW",
    opc: "0011",
    u: "u",
    op: "sub",
    op32: [Long32.SUBW_S, Long32.SUBW_U],
    wide: true,
  },
  {
    name: "VABAL",
    opc: "0101",
    u: "u",
    op: "aba",
    op32: [Long32.ABAL_S, Long32.ABAL_U],
    acc: true,
  },
  { name: "VABDL", opc: "0111", u: "u", op: "abd", op32: [Long32.ABDL_S, Long32.ABDL_U] },
  {
    name: "VMLAL",
    opc: "1000",
    u: "u",
    op: "mla",
    op32: [Long32.MLAL_S, Long32.MLAL_U],
    acc: true,
  },
  {
    name: "VQDMLAL",
    opc: "1001",
    u: "0",
    op: "qdmla",
    op32: [Long32.QDMLAL, Long32.QDMLAL],
    acc: true,
    noByte: true,
  },
  {
    name: "VMLSL",
    opc: "1010",
    u: "u",
    op: "mls",
    op32: [Long32.MLSL_S, Long32.MLSL_U],
    acc: true,
  },
  {
    name: "VQDMLSL",
    opc: "1011",
    u: "0",
    op: "qdmls",
    op32: [Long32.QDMLSL, Long32.QDMLSL],
    acc: true,
    noByte: true,
  },
  { name: "VMULL", opc: "1100", u: "u", op: "mul", op32: [Long32.MULL_S, Long32.MULL_U] },
  {
    name: "VQDMULL",
    opc: "1101",
    u: "0",
    op: "qdmul",
    op32: [Long32.QDMULL, Long32.QDMULL],
    noByte: true,
  },
];

/** Long forms of the scalar group (opcode bits 11:8; U is signedness for the plain ones). */
const LONG_SCALAR: Array<{ opc: string; u: string; base: string }> = [
  { opc: "0010", u: "u", base: "VMLAL" },
  { opc: "0011", u: "0", base: "VQDMLAL" },
  { opc: "0110", u: "u", base: "VMLSL" },
  { opc: "0111", u: "0", base: "VQDMLSL" },
  { opc: "1010", u: "u", base: "VMULL" },
  { opc: "1011", u: "0", base: "VQDMULL" },
];

/** Element-wise forms of the scalar group (bit 24 is Q). */
const ELEM_SCALAR: Array<
  { name: string; opc: string; op: string; acc?: boolean; signed?: boolean }
> = [
  { name: "VMLA_SC", opc: "0000", op: "mla", acc: true },
  { name: "VMLS_SC", opc: "0100", op: "mls", acc: true },
  { name: "VMUL_SC", opc: "1000", op: "mul" },
  { name: "VQDMULH_SC", opc: "1100", op: "qdmulh", signed: true },
  { name: "VQRDMULH_SC", opc: "1101", op: "qrdmulh", signed: true },
];

/** Word index and element (for 16-bit scalars) of the scalar named by M:Vm. */
function scalarOf(m: number, size: number): [number, number] {
  if (size === 1) return [2 * (m & 7) + (m >> 4), (m >> 3) & 1];
  return [2 * (m & 15) + (m >> 4), 0];
}

/** Adds a pattern with the size field `zz` for sizes 0x and 10 (11 is another group). */
function addSized(
  name: string,
  pattern: string,
  emit: (s: DisasContext, f: Fields, size: number) => boolean | void,
) {
  addNeonPattern(name, pattern.replace("zz", "0z"), (s, f) => emit(s, f, f.z));
  addNeonPattern(name, pattern.replace("zz", "10"), (s, f) => emit(s, f, 2));
}

/** Narrowing high-half operations: VADDHN VRADDHN VSUBHN VRSUBHN. */
function narrow(sub: boolean, round: boolean) {
  return (s: DisasContext, f: Fields, size: number): boolean | void => {
    const d = dreg(f.d, f.D), n = dreg(f.n, f.N), m = dreg(f.m, f.M);
    if ((n | m) & 1) return false;
    neonAccessCheck(s);
    declareRegs(s);
    const sign = sub ? "-" : "+";
    if (size === 2) {
      const r = round ? " + 2147483648" : "";
      const res: string[] = [];
      for (let j = 0; j < 2; j++) {
        const wn = 2 * n + 2 * j, wm = 2 * m + 2 * j;
        res.push(
          `$r${j} = ($I[${wn + 1}] ${sign} $I[${
            wm + 1
          }] + Math.floor((($I[${wn}] >>> 0) ${sign} ($I[${wm}] >>> 0)${r}) / 4294967296)) | 0`,
        );
      }
      s.emit(`const ${res.join(", ")};`);
    } else {
      const bits = sizeBits(size), ob = (bits * 2) as Bits;
      s.emit(
        `const $n0 = $I[${2 * n}], $n1 = $I[${2 * n + 1}], $n2 = $I[${2 * n + 2}], $n3 = $I[${
          2 * n + 3
        }];`,
      );
      s.emit(
        `const $m0 = $I[${2 * m}], $m1 = $I[${2 * m + 1}], $m2 = $I[${2 * m + 2}], $m3 = $I[${
          2 * m + 3
        }];`,
      );
      const outPer = 32 / bits, inPer = 32 / ob;
      const r = round ? ` + ${1 << (bits - 1)}` : "";
      const words: string[] = [];
      for (let i = 0; i < 2; i++) {
        const results: string[] = [];
        for (let k = 0; k < outPer; k++) {
          const j = i * outPer + k, w = Math.floor(j / inPer);
          const x = lane(`$n${w}`, ob, j % inPer, false), y = lane(`$m${w}`, ob, j % inPer, false);
          results.push(
            bits === 8
              ? `(${x} ${sign} ${y}${r}) >> 8`
              : `Math.floor((${x} ${sign} ${y}${r}) / 65536)`,
          );
        }
        words.push(`$r${i} = ${pack(results, bits)}`);
      }
      s.emit(`const ${words.join(", ")};`);
    }
    s.emit(`$I[${2 * d}] = $r0; $I[${2 * d + 1}] = $r1;`);
  };
}

/** A long form of the three-different group. */
function long3(op: LongOp, uField: boolean) {
  return (s: DisasContext, f: Fields, size: number): boolean | void => {
    const d = dreg(f.d, f.D), n = dreg(f.n, f.N), m = dreg(f.m, f.M);
    if (op.noByte && size === 0) return false;
    if ((d & 1) || (op.wide && (n & 1))) return false;
    neonAccessCheck(s);
    emitLong(s, { d, n, m, size, signed: uField ? f.u === 0 : true, op });
  };
}

/** VMULL.P8 (VMULL.P64 needs the crypto extension: UNDEFINED on Cortex-A15). */
function vmullP(s: DisasContext, f: Fields, size: number): boolean | void {
  const d = dreg(f.d, f.D), n = dreg(f.n, f.N), m = dreg(f.m, f.M);
  if ((d & 1) || size !== 0) return false;
  neonAccessCheck(s);
  s.emit(`H.neonIntVmullP8(cpu.vfp, ${2 * d}, ${2 * n}, ${2 * m});`);
}

/** A long form of the scalar group. */
function longScalar(op: LongOp, uField: boolean) {
  return (s: DisasContext, f: Fields, size: number): boolean | void => {
    const d = dreg(f.d, f.D), n = dreg(f.n, f.N), m = dreg(f.m, f.M);
    if (size === 0 || (d & 1)) return false;
    const [scWord, scHalf] = scalarOf(m, size);
    neonAccessCheck(s);
    emitLong(s, { d, n, m, size, signed: uField ? f.u === 0 : true, op, scWord, scHalf });
  };
}

/** An element-wise form of the scalar group. */
function elemScalar(opName: string, acc: boolean, signed: boolean) {
  return (s: DisasContext, f: Fields, size: number): boolean | void => {
    const d = dreg(f.d, f.D), n = dreg(f.n, f.N), m = dreg(f.m, f.M);
    if (size === 0 || (f.q && ((d | n) & 1))) return false;
    const [word, half] = scalarOf(m, size);
    const bits = sizeBits(size);
    neonAccessCheck(s);
    declareRegs(s);
    s.emit(`const $sc = ${lane(`$I[${word}]`, bits, half, signed)};`);
    emitElementwise(s, {
      d,
      n,
      m,
      words: f.q ? 4 : 2,
      bits,
      signed,
      op: LANE_OPS[opName],
      acc,
      scalar: "$sc",
    });
  };
}

/** Adds the three-different and two-registers-and-a-scalar patterns. */
export function registerNeonIntLong(): void {
  const diff = (u: string, opc: string) => `1111 001${u} 1Dzz nnnn dddd ${opc} N0M0 mmmm`;
  for (const op of LONG3) addSized(op.name, diff(op.u, op.opc), long3(op, op.u === "u"));
  addSized("VADDHN", diff("0", "0100"), narrow(false, false));
  addSized("VRADDHN", diff("1", "0100"), narrow(false, true));
  addSized("VSUBHN", diff("0", "0110"), narrow(true, false));
  addSized("VRSUBHN", diff("1", "0110"), narrow(true, true));
  addSized("VMULL_P", diff("0", "1110"), vmullP);

  const scalar = (u: string, opc: string) => `1111 001${u} 1Dzz nnnn dddd ${opc} N1M0 mmmm`;
  for (const e of ELEM_SCALAR) {
    addSized(e.name, scalar("q", e.opc), elemScalar(e.op, e.acc ?? false, e.signed ?? true));
  }
  for (const l of LONG_SCALAR) {
    const op = LONG3.find((x) => x.name === l.base)!;
    addSized(`${l.base}_SC`, scalar(l.u, l.opc), longScalar(op, l.u === "u"));
  }
}
