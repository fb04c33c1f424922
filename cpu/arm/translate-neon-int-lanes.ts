/**
 * Code generation shared by the Advanced SIMD integer translators: element extraction and
 * packing on the word view of the register file, per-element operation templates, and the
 * emitters of element-wise and pairwise operations.
 *
 * Generated code names: `$V` is `cpu.vfp`, `$I` its `i32` view (Dn is words `2n`, `2n+1`);
 * `$s`/`$t` are scratch numbers for templates that need a temporary. An element is a JS number:
 * sign-extended (`signed`) or zero-extended, exact (products of 16-bit elements and sums of
 * 32-bit ones stay below 2^53); packing keeps the low `bits` bits of each result.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { FPSCR_QC } from "./vfp-state.ts";
import { lane as laneOfSize, pack as packOfSize } from "./translate-neon-shift-lanes.ts";
import { ShlFlags } from "./helpers-neon-int.ts";

/** Element size in bits. */
export type Bits = 8 | 16 | 32;

/** Element size in bits of a NEON `size` field (0, 1, 2). */
export function sizeBits(size: number): Bits {
  return (8 << size) as Bits;
}

/**
 * An element operation: JS expression of the result from the element expressions `x` (first
 * operand), `y` (second operand) and `z` (the destination's old element, for accumulating
 * forms). Expressions may use `$s`, `$t` and `$V`.
 */
export type LaneOp = (x: string, y: string, z: string, bits: Bits, signed: boolean) => string;

/** Statement-expression that sets FPSCR.QC. */
export const SET_QC = `$V.fpscr |= ${FPSCR_QC}`;

/** Declares `$V`, `$I` and the scratch numbers `$s`, `$t` for an instruction's code. */
export function declareRegs(s: DisasContext): void {
  s.emit("const $V = cpu.vfp, $I = $V.i32; let $s = 0, $t = 0;");
}

/** Element `k` of `bits` bits of the word named `w`, sign- or zero-extended. */
export function lane(w: string, bits: Bits, k: number, signed: boolean): string {
  return laneOfSize(w, sizeOf(bits), k, signed);
}

/** Word expression packing element results (the low `bits` bits of each) in lane order. */
export function pack(results: string[], bits: Bits): string {
  return packOfSize(results, sizeOf(bits));
}

/** Element size code (0 for 8 bits, 1 for 16, 2 for 32) of `bits`. */
function sizeOf(bits: Bits): number {
  return bits === 8 ? 0 : bits === 16 ? 1 : 2;
}

/** Largest signed / unsigned element value. */
export function maxOf(bits: Bits, signed: boolean): number {
  return signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
}

/** Smallest signed / unsigned element value. */
export function minOf(bits: Bits, signed: boolean): number {
  return signed ? -(2 ** (bits - 1)) : 0;
}

/** Saturates the expression `e` (evaluated once, through `$s`) to the element range. */
export function saturate(e: string, bits: Bits, signed: boolean, scratch = "$s"): string {
  const hi = maxOf(bits, signed), lo = minOf(bits, signed);
  return `((${scratch} = ${e}) > ${hi} ? (${SET_QC}, ${hi}) : ${scratch} < ${lo} ? (${SET_QC}, ${lo}) : ${scratch})`;
}

/** Product of two elements (exact below 32 bits, low word for 32-bit elements). */
export function mulExpr(x: string, y: string, bits: Bits): string {
  return bits === 32 ? `Math.imul(${x}, ${y})` : `${x} * ${y}`;
}

/** Absolute difference of two elements. */
export function absDiff(x: string, y: string): string {
  return `(${x} > ${y} ? ${x} - ${y} : ${y} - ${x})`;
}

/** VSHL (register): `x` shifted by the signed low byte of `y`. */
function shlInline(x: string, y: string, bits: Bits, signed: boolean): string {
  const right = signed ? `${x} >> -$s` : `${x} >>> -$s`;
  const far = signed ? `${x} >> 31` : "0";
  return `(($s = (${y} << 24) >> 24) >= 0 ? ($s < ${bits} ? ${x} << $s : 0) : $s > -${bits} ? ${right} : ${far})`;
}

/** A shift through `H.neonIntShlS/U` with `flags` (ShlFlags). */
function shlHelper(flags: number): LaneOp {
  return (x, y, _z, bits, signed) =>
    `H.neonIntShl${signed ? "S" : "U"}($V, ${x}, (${y} << 24) >> 24, ${bits}, ${flags})`;
}

/** VQDMULH / VQRDMULH element: high half of the saturated doubled product. */
export function qdmulh(round: boolean): LaneOp {
  return (x, y, _z, bits) => {
    if (bits === 32) return `H.neonIntQdmulh32($V, ${x}, ${y}, ${round ? 1 : 0})`;
    return `(($s = 2 * ${x} * ${y}${
      round ? " + 32768" : ""
    }) > 2147483647 ? (${SET_QC}, 32767) : $s >> 16)`;
  };
}

/** Element operations of the three-registers-same-length group (and their scalar forms). */
export const LANE_OPS: Record<string, LaneOp> = {
  hadd: (x, y, _z, _b, sg) =>
    sg
      ? `(${x} >> 1) + (${y} >> 1) + (${x} & ${y} & 1)`
      : `(${x} >>> 1) + (${y} >>> 1) + (${x} & ${y} & 1)`,
  rhadd: (x, y, _z, _b, sg) =>
    sg
      ? `(${x} >> 1) + (${y} >> 1) + ((${x} | ${y}) & 1)`
      : `(${x} >>> 1) + (${y} >>> 1) + ((${x} | ${y}) & 1)`,
  hsub: (x, y, _z, bits) => bits === 32 ? `Math.floor((${x} - ${y}) / 2)` : `(${x} - ${y}) >> 1`,
  qadd: (x, y, _z, bits, sg) => saturate(`${x} + ${y}`, bits, sg),
  qsub: (x, y, _z, bits, sg) => saturate(`${x} - ${y}`, bits, sg),
  cgt: (x, y) => `${x} > ${y} ? -1 : 0`,
  cge: (x, y) => `${x} >= ${y} ? -1 : 0`,
  max: (x, y) => `${x} > ${y} ? ${x} : ${y}`,
  min: (x, y) => `${x} < ${y} ? ${x} : ${y}`,
  abd: (x, y) => absDiff(x, y),
  aba: (x, y, z) => `${z} + ${absDiff(x, y)}`,
  add: (x, y) => `${x} + ${y}`,
  sub: (x, y) => `${x} - ${y}`,
  tst: (x, y) => `(${x} & ${y}) !== 0 ? -1 : 0`,
  ceq: (x, y) => `${x} === ${y} ? -1 : 0`,
  mul: (x, y, _z, bits) => mulExpr(x, y, bits),
  mla: (x, y, z, bits) => `${z} + ${mulExpr(x, y, bits)}`,
  mls: (x, y, z, bits) => `${z} - ${mulExpr(x, y, bits)}`,
  shl: (x, y, _z, bits, sg) => shlInline(x, y, bits, sg),
  qshl: shlHelper(ShlFlags.SAT),
  rshl: shlHelper(ShlFlags.ROUND),
  qrshl: shlHelper(ShlFlags.SAT | ShlFlags.ROUND),
  qdmulh: qdmulh(false),
  qrdmulh: qdmulh(true),
};

/**
 * Whole-word forms of some operations on 8- and 16-bit elements (SWAR), from the word
 * expressions `a` and `b` (read more than once: pass names).
 */
export function swar(op: string, bits: Bits, a: string, b: string): string | null {
  if (bits === 32) return null;
  const h = bits === 8 ? "0x80808080" : "0x80008000";
  const l = bits === 8 ? "0x7f7f7f7f" : "0x7fff7fff";
  if (op === "add") return `((${a} & ${l}) + (${b} & ${l})) ^ ((${a} ^ ${b}) & ${h})`;
  if (op === "sub") return `((${a} | ${h}) - (${b} & ${l})) ^ ((${a} ^ ~${b}) & ${h})`;
  return null;
}

/** Operands of an element-wise operation. */
export interface ElementwiseArgs {
  /** Destination, first and second operand D registers (Q: the even one). */
  d: number;
  n: number;
  m: number;
  /** Number of words: 2 (D) or 4 (Q). */
  words: number;
  /** Element size. */
  bits: Bits;
  /** Elements are sign-extended (else zero-extended) before `op`. */
  signed: boolean;
  /** The element operation. */
  op: LaneOp;
  /** Name of `op` in LANE_OPS when a SWAR form may exist. */
  opName?: string;
  /** The operation reads the destination (accumulating forms). */
  acc?: boolean;
  /** An element expression used as `y` for every element (scalar forms), instead of Dm. */
  scalar?: string;
}

/**
 * Emits an element-wise operation word by word: each result word depends only on the same
 * word of the operands, so the destination may be one of the sources (registers overlap
 * entirely or not at all).
 */
export function emitElementwise(s: DisasContext, a: ElementwiseArgs): void {
  const per = 32 / a.bits;
  for (let i = 0; i < a.words; i++) {
    const decl = [`const $a = $I[${2 * a.n + i}]`];
    if (a.scalar === undefined) decl.push(`$b = $I[${2 * a.m + i}]`);
    if (a.acc) decl.push(`$c = $I[${2 * a.d + i}]`);
    const sw = a.opName && a.scalar === undefined ? swar(a.opName, a.bits, "$a", "$b") : null;
    if (sw) {
      s.emit(`{ ${decl.join(", ")}; $I[${2 * a.d + i}] = ${sw}; }`);
      continue;
    }
    const results: string[] = [];
    for (let k = 0; k < per; k++) {
      const x = per === 1 ? lane("$a", a.bits, k, a.signed) : `$x${k}`;
      const y = a.scalar ?? (per === 1 ? lane("$b", a.bits, k, a.signed) : `$y${k}`);
      const z = per === 1 ? lane("$c", a.bits, k, true) : `$z${k}`;
      if (per > 1) {
        decl.push(`${x} = ${lane("$a", a.bits, k, a.signed)}`);
        if (a.scalar === undefined) decl.push(`${y} = ${lane("$b", a.bits, k, a.signed)}`);
        if (a.acc) decl.push(`${z} = ${lane("$c", a.bits, k, true)}`);
      }
      results.push(a.op(x, y, z, a.bits, a.signed));
    }
    s.emit(`{ ${decl.join(", ")}; $I[${2 * a.d + i}] = ${pack(results, a.bits)}; }`);
  }
}

/**
 * Emits a pairwise operation on D registers (VPADD, VPMAX, VPMIN): the result's low half
 * combines adjacent elements of Dn, its high half those of Dm. Reads both sources first.
 */
export function emitPairwise(
  s: DisasContext,
  d: number,
  n: number,
  m: number,
  bits: Bits,
  signed: boolean,
  op: LaneOp,
): void {
  s.emit(
    `const $n0 = $I[${2 * n}], $n1 = $I[${2 * n + 1}], $m0 = $I[${2 * m}], $m1 = $I[${2 * m + 1}];`,
  );
  const per = 32 / bits;
  // Element j of a D register, as an expression on the word locals of `src`.
  const elem = (src: string, j: number) =>
    lane(`${src}${Math.floor(j / per)}`, bits, j % per, signed);
  for (let w = 0; w < 2; w++) {
    const src = w === 0 ? "$n" : "$m";
    const results: string[] = [];
    // Result element k of word w combines elements 2k and 2k+1 of the source.
    for (let k = 0; k < per; k++) {
      results.push(op(elem(src, 2 * k), elem(src, 2 * k + 1), "", bits, signed));
    }
    s.emit(`const $r${w} = ${pack(results, bits)};`);
  }
  s.emit(`$I[${2 * d}] = $r0; $I[${2 * d + 1}] = $r1;`);
}
