/**
 * Advanced SIMD single-precision floating point (QEMU's translate-neon.c float parts): three
 * registers of the same length (VADD VSUB VPADD VABD VMUL VMLA VMLS VFMA VFMS, VCEQ VCGE VCGT
 * VACGE VACGT, VMAX VMIN VPMAX VPMIN VRECPS VRSQRTS), two registers and a scalar (VMUL VMLA VMLS),
 * two registers miscellaneous (compares with #0, VABS VNEG, VRECPE VRSQRTE in float and U32
 * forms, VCVT between F32 and S32/U32, VCVT.F16.F32 and VCVT.F32.F16) and VCVT between F32
 * and fixed point (two registers and a shift amount).
 *
 * Arithmetic uses the standard FPSCR (see softfloat-neon.ts). VADD/VSUB/VMUL/VMLA/VMLS (also by
 * scalar) have an inline fast path per element: normal (or zero) inputs, results strictly inside
 * the normal range, exact or with FPSCR.IXC already set; every other element and every other
 * operation calls the `H.neonF*` helpers. VABS/VNEG are inline bit operations.
 *
 * UNDEFINED as in QEMU's cortex-a15: the half-precision (sz = 1) arithmetic forms, the ARMv8
 * encodings (VMAXNM/VMINNM, VRINT*, VCVTA* ...), pairwise forms with Q = 1, Q forms naming an
 * odd D register, sizes other than 32 bits.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import type { Fields } from "./decodetree.ts";
import type { Emitter } from "./translate-a32.ts";
import { addNeonPattern, dreg, neonAccessCheck, oddQ } from "./translate-neon.ts";
import { NEON_SCALAR_WORD, NeonF2, NeonF3 } from "./softfloat-neon.ts"; // also registers the H.neonF* helpers
import { FPSCR_IXC } from "./vfp-state.ts";

const MIN_NORMAL_S = "1.1754943508222875e-38";
const MAX_S = "3.4028234663852886e38";
const SIGN = 0x80000000 | 0;
const ABS = 0x7fffffff;
/** The single-precision size field value (bits 19:18 / 21:20). */
const SIZE_32 = 2;
/** The half-precision size field value of VCVT.F16.F32 / VCVT.F32.F16. */
const SIZE_16 = 1;

/** `v` is finite and normal, and not the smallest normal (which may have been rounded up). */
function strictlyNormal(v: string): string {
  return `(${v} > ${MIN_NORMAL_S} ? ${v} <= ${MAX_S} : (${v} < -${MIN_NORMAL_S} && ${v} >= -${MAX_S}))`;
}

/** `v` is not subnormal and not NaN (zero, normal or infinite). */
function notSubnormal(v: string): string {
  return `(${v} >= ${MIN_NORMAL_S} || ${v} <= -${MIN_NORMAL_S} || ${v} === 0)`;
}

/** Operations with an inline fast path. */
function hasFastPath(op: NeonF3): boolean {
  return op === NeonF3.ADD || op === NeonF3.SUB || op === NeonF3.MUL || op === NeonF3.MLA ||
    op === NeonF3.MLS;
}

/** `$r` is exactly `$a + $b` (or `$a - $b`) for singles `$a`, `$b` and `$r` = their rounded sum. */
function exactSum(a: string, b: string, sub: boolean): string {
  return sub
    ? `${a} - $r === ${b} && $r + ${b} === ${a}`
    : `$r - ${a} === ${b} && $r - ${b} === ${a}`;
}

/**
 * Inline fast path of VADD/VSUB/VMUL/VMLA/VMLS, element by element: every element whose inputs
 * are normal or zero and whose (intermediate and final) results are strictly inside the normal
 * range, and that is exact or finds FPSCR.IXC set, is computed with the host; the others call
 * `H.neonF3Elem`. `mw(i)` is the word of element i's second operand.
 */
function emitFastArith(
  s: DisasContext,
  op: NeonF3,
  d: number,
  n: number,
  mw: (i: number) => number,
  q: number,
): void {
  s.emit("const $V = cpu.vfp, $S = $V.f32;");
  const ixc = `($V.fpscr & ${FPSCR_IXC}) !== 0`;
  for (let i = 0; i < (q ? 4 : 2); i++) {
    const dw = 2 * d + i, nw = 2 * n + i, m = mw(i);
    const slow = `H.neonF3Elem($V, ${op}, ${dw}, ${nw}, ${m});`;
    const inputs = `${notSubnormal("$x")} && ${notSubnormal("$y")}`;
    if (op === NeonF3.MLA || op === NeonF3.MLS) {
      const sub = op === NeonF3.MLS;
      s.emit(
        `{ const $x = $S[${nw}], $y = $S[${m}], $a = $S[${dw}], $p = Math.fround($x * $y),` +
          ` $r = Math.fround($a ${sub ? "-" : "+"} $p);` +
          ` if (${strictlyNormal("$p")} && ${strictlyNormal("$r")} && ${inputs} &&` +
          ` ${notSubnormal("$a")} && (${ixc} || ($p === $x * $y && ${
            exactSum("$a", "$p", sub)
          })))` +
          ` $S[${dw}] = $r; else ${slow} }`,
      );
      continue;
    }
    const sym = op === NeonF3.ADD ? "+" : op === NeonF3.SUB ? "-" : "*";
    const exact = op === NeonF3.MUL ? "$r === $x * $y" : exactSum("$x", "$y", op === NeonF3.SUB);
    s.emit(
      `{ const $x = $S[${nw}], $y = $S[${m}], $r = Math.fround($x ${sym} $y);` +
        ` if (${strictlyNormal("$r")} && ${inputs} && (${ixc} || ${exact})) $S[${dw}] = $r;` +
        ` else ${slow} }`,
    );
  }
}

/** Three registers of the same length (elementwise). */
function threeSame(op: NeonF3): Emitter {
  return (s: DisasContext, f: Fields) => {
    if (f.s !== 0) return false; // half precision: no FP16 arithmetic on this CPU
    const d = dreg(f.d, f.D), n = dreg(f.n, f.N), m = dreg(f.m, f.M);
    if (oddQ(f.q, d, n, m)) return false;
    neonAccessCheck(s);
    if (hasFastPath(op)) emitFastArith(s, op, d, n, (i) => 2 * m + i, f.q);
    else s.emit(`H.neonF3(cpu.vfp, ${op}, ${d}, ${n}, ${m}, ${f.q === 1});`);
  };
}

/** Pairwise operations (D registers only). */
function pairwise(op: NeonF3): Emitter {
  return (s: DisasContext, f: Fields) => {
    if (f.s !== 0 || f.q !== 0) return false;
    neonAccessCheck(s);
    s.emit(`H.neonFPair(cpu.vfp, ${op}, ${dreg(f.d, f.D)}, ${dreg(f.n, f.N)}, ${dreg(f.m, f.M)});`);
  };
}

/**
 * Two registers and a scalar (size 32: the scalar is Dm[M], m in d0-d15). The scalar is read
 * once, into a scratch word, before any element is written (Vd may overlap it).
 */
function byScalar(op: NeonF3): Emitter {
  return (s: DisasContext, f: Fields) => {
    const d = dreg(f.d, f.D), n = dreg(f.n, f.N);
    if (oddQ(f.q, d, n)) return false;
    neonAccessCheck(s);
    s.emit(`cpu.vfp.i32[${NEON_SCALAR_WORD}] = cpu.vfp.i32[${2 * f.m + f.M}];`);
    emitFastArith(s, op, d, n, () => NEON_SCALAR_WORD, f.q);
  };
}

/** Two registers miscellaneous, elementwise through the helper. */
function misc(op: NeonF2): Emitter {
  return (s: DisasContext, f: Fields) => {
    if (f.s !== SIZE_32) return false;
    const d = dreg(f.d, f.D), m = dreg(f.m, f.M);
    if (oddQ(f.q, d, m)) return false;
    neonAccessCheck(s);
    s.emit(`H.neonF2(cpu.vfp, ${op}, ${d}, ${m}, ${f.q === 1});`);
  };
}

/** VABS.F32 / VNEG.F32: sign-bit operations, no flags, no flushing. */
function signOp(neg: boolean): Emitter {
  return (s: DisasContext, f: Fields) => {
    if (f.s !== SIZE_32) return false;
    const d = dreg(f.d, f.D), m = dreg(f.m, f.M);
    if (oddQ(f.q, d, m)) return false;
    neonAccessCheck(s);
    s.emit("const $I = cpu.vfp.i32;");
    for (let i = 0; i < (f.q ? 4 : 2); i++) {
      s.emit(`$I[${2 * d + i}] = $I[${2 * m + i}] ${neg ? `^ ${SIGN}` : `& ${ABS}`};`);
    }
  };
}

/** VCVT.F16.F32 (Dd from Qm) and VCVT.F32.F16 (Qd from Dm). */
function cvtHalf(toHalf: boolean): Emitter {
  return (s: DisasContext, f: Fields) => {
    const d = dreg(f.d, f.D), m = dreg(f.m, f.M);
    if (f.s !== SIZE_16 || (toHalf ? m : d) & 1) return false;
    neonAccessCheck(s);
    s.emit(`H.${toHalf ? "neonFCvtToHalf" : "neonFCvtFromHalf"}(cpu.vfp, ${d}, ${m});`);
  };
}

/** VCVT between F32 and 32-bit fixed point: imm6 = 1iiiii, fraction bits 64 − imm6. */
function cvtFixed(toFixed: boolean): Emitter {
  return (s: DisasContext, f: Fields) => {
    const d = dreg(f.d, f.D), m = dreg(f.m, f.M);
    if (oddQ(f.q, d, m)) return false;
    neonAccessCheck(s);
    const fbits = 32 - f.i;
    s.emit(
      `H.neonFFixed(cpu.vfp, ${toFixed}, ${f.u === 0}, ${fbits}, ${d}, ${m}, ${f.q === 1});`,
    );
  };
}

/** Adds a three-registers-same pattern: U, bit 21, opcode (bits 11:8) and bit 4. */
function addThreeSame(name: string, u: number, b21: number, opc: string, b4: number, e: Emitter) {
  addNeonPattern(name, `1111 001${u} 0D${b21}s nnnn dddd ${opc} NqM${b4} mmmm`, e);
}

/** Adds a two-registers-miscellaneous pattern: bits 17:16 and 10:7. */
function addMisc(name: string, opc1: string, op: string, e: Emitter) {
  addNeonPattern(name, `1111 0011 1D11 ss${opc1} dddd 0${op.slice(0, 3)} ${op[3]}qM0 mmmm`, e);
}

/** Adds this group's patterns to the A32 decode tables (see translate-neon.ts). */
export function registerNeonFloat(): void {
  addThreeSame("VFMA_F", 0, 0, "1100", 1, threeSame(NeonF3.FMA));
  addThreeSame("VFMS_F", 0, 1, "1100", 1, threeSame(NeonF3.FMS));
  addThreeSame("VADD_F", 0, 0, "1101", 0, threeSame(NeonF3.ADD));
  addThreeSame("VSUB_F", 0, 1, "1101", 0, threeSame(NeonF3.SUB));
  addThreeSame("VPADD_F", 1, 0, "1101", 0, pairwise(NeonF3.ADD));
  addThreeSame("VABD_F", 1, 1, "1101", 0, threeSame(NeonF3.ABD));
  addThreeSame("VMLA_F", 0, 0, "1101", 1, threeSame(NeonF3.MLA));
  addThreeSame("VMLS_F", 0, 1, "1101", 1, threeSame(NeonF3.MLS));
  addThreeSame("VMUL_F", 1, 0, "1101", 1, threeSame(NeonF3.MUL));
  addThreeSame("VCEQ_F", 0, 0, "1110", 0, threeSame(NeonF3.CEQ));
  addThreeSame("VCGE_F", 1, 0, "1110", 0, threeSame(NeonF3.CGE));
  addThreeSame("VCGT_F", 1, 1, "1110", 0, threeSame(NeonF3.CGT));
  addThreeSame("VACGE_F", 1, 0, "1110", 1, threeSame(NeonF3.ACGE));
  addThreeSame("VACGT_F", 1, 1, "1110", 1, threeSame(NeonF3.ACGT));
  addThreeSame("VMAX_F", 0, 0, "1111", 0, threeSame(NeonF3.MAX));
  addThreeSame("VMIN_F", 0, 1, "1111", 0, threeSame(NeonF3.MIN));
  addThreeSame("VPMAX_F", 1, 0, "1111", 0, pairwise(NeonF3.MAX));
  addThreeSame("VPMIN_F", 1, 1, "1111", 0, pairwise(NeonF3.MIN));
  addThreeSame("VRECPS_F", 0, 0, "1111", 1, threeSame(NeonF3.RECPS));
  addThreeSame("VRSQRTS_F", 0, 1, "1111", 1, threeSame(NeonF3.RSQRTS));

  // Two registers and a scalar, single precision only (size 10).
  const scalar = (name: string, opc: string, op: NeonF3) =>
    addNeonPattern(name, `1111 001q 1D10 nnnn dddd ${opc} N1M0 mmmm`, byScalar(op));
  scalar("VMLA_F_scalar", "0001", NeonF3.MLA);
  scalar("VMLS_F_scalar", "0101", NeonF3.MLS);
  scalar("VMUL_F_scalar", "1001", NeonF3.MUL);

  addMisc("VCGT0_F", "01", "1000", misc(NeonF2.CGT0));
  addMisc("VCGE0_F", "01", "1001", misc(NeonF2.CGE0));
  addMisc("VCEQ0_F", "01", "1010", misc(NeonF2.CEQ0));
  addMisc("VCLE0_F", "01", "1011", misc(NeonF2.CLE0));
  addMisc("VCLT0_F", "01", "1100", misc(NeonF2.CLT0));
  addMisc("VABS_F", "01", "1110", signOp(false));
  addMisc("VNEG_F", "01", "1111", signOp(true));
  addMisc("VRECPE", "11", "1000", misc(NeonF2.RECPE_U32));
  addMisc("VRSQRTE", "11", "1001", misc(NeonF2.RSQRTE_U32));
  addMisc("VRECPE_F", "11", "1010", misc(NeonF2.RECPE));
  addMisc("VRSQRTE_F", "11", "1011", misc(NeonF2.RSQRTE));
  addMisc("VCVT_F32_S32", "11", "1100", misc(NeonF2.CVT_F_S));
  addMisc("VCVT_F32_U32", "11", "1101", misc(NeonF2.CVT_F_U));
  addMisc("VCVT_S32_F32", "11", "1110", misc(NeonF2.CVT_S_F));
  addMisc("VCVT_U32_F32", "11", "1111", misc(NeonF2.CVT_U_F));
  // Half-precision conversions: the Q bit position must be 0.
  addNeonPattern("VCVT_F16_F32", "1111 0011 1D11 ss10 dddd 0110 00M0 mmmm", cvtHalf(true));
  addNeonPattern("VCVT_F32_F16", "1111 0011 1D11 ss10 dddd 0111 00M0 mmmm", cvtHalf(false));

  // Two registers and a shift amount: VCVT fixed point (imm6 >= 32, L = 0).
  addNeonPattern("VCVT_F32_FIXED", "1111 001u 1D1i iiii dddd 1110 0qM1 mmmm", cvtFixed(false));
  addNeonPattern("VCVT_FIXED_F32", "1111 001u 1D1i iiii dddd 1111 0qM1 mmmm", cvtFixed(true));
}
