/**
 * A32 VFPv4 instructions (QEMU's translate-vfp.c): decode patterns for coprocessors 10 and
 * 11 and their emitters. Data movement (VMOV in all its forms, VLDR/VSTR, VLDM/VSTM) is
 * emitted inline on the register file's word view; arithmetic has an inline fast path for the
 * common case (round to nearest, no flush-to-zero, IXC already set, normal operands and
 * result) and otherwise calls the `H.vfp*` helpers of `softfloat-vfp.ts`.
 *
 * Access control is checked at run time, once per TB where the check is unconditional
 * (everything it depends on, FPEXC, CPACR, the mode and FPSCR.Len/Stride, only changes through
 * instructions that end the TB): a VFP instruction is UNDEFINED unless CPACR.cp10 grants the
 * current privilege level and FPEXC.EN is set; VMRS/VMSR of FPSID, FPEXC and MVFR0/1 only
 * need CPACR (and PL1). Data-processing instructions are UNDEFINED with a non-zero FPSCR vector
 * length or stride (no short vectors on Cortex-A15). ARMv8 encodings (VSEL, VRINT*, VCVTA*,
 * VMINNM, VJCVT, half-precision arithmetic) and the Advanced SIMD element moves (VMOV of 8/16-bit
 * scalars, VDUP) are not decoded here and so UNDEFINED.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { DisasJump } from "./disas-context.ts";
import type { Fields } from "./decodetree.ts";
import { Excp } from "./exception.ts";
import { A32_TABLE, type Emitter } from "./translate-a32.ts";
import { alignCheck } from "./translate-a32-ldst.ts";
import { ArithOp, MacKind } from "./softfloat-vfp.ts"; // also registers the H.vfp* helpers
import {
  FPEXC_EN,
  FPSCR_FZ,
  FPSCR_IXC,
  FPSCR_LEN_STRIDE,
  FPSCR_RMODE,
  VfpSysReg,
} from "./vfp-state.ts";

/** CPACR.cp10 (bits 21:20): 01 grants PL1, 11 grants PL1 and PL0. */
const CPACR_CP10_PL1 = 1 << 20;
const CPACR_CP10_FULL = 3 << 20;
const SIGN = 0x80000000 | 0;
/** FPSCR bits that must read RMode = nearest, FZ = 0, IXC = 1 for the inline fast paths. */
const FAST_MASK = FPSCR_RMODE | FPSCR_FZ | FPSCR_IXC;
const FAST_VALUE = FPSCR_IXC;
const MIN_NORMAL_D = "2.2250738585072014e-308";
const MAX_D = "1.7976931348623157e308";
const MIN_NORMAL_S = "1.1754943508222875e-38";
const MAX_S = "3.4028234663852886e38";

/** What has been checked unconditionally in a TB (bits: 1 CPACR, 2 CPACR+EN, 4 vector mode). */
const checked = new WeakMap<DisasContext, number>();

/**
 * Emits the access check of the current instruction: CPACR (and FPEXC.EN unless `ignoreEn`),
 * and with `vec` the short-vector check of data-processing instructions.
 */
export function vfpAccessCheck(s: DisasContext, ignoreEn: boolean, vec: boolean): void {
  const done = checked.get(s) ?? 0;
  const conds: string[] = [];
  let now = 0;
  if (ignoreEn) {
    if ((done & 3) === 0) conds.push(cpacrDenied(s));
    now |= 1;
  } else {
    if ((done & 2) === 0) {
      conds.push(cpacrDenied(s), `(cpu.vfp.fpexc & ${FPEXC_EN}) === 0`);
    }
    now |= 3;
  }
  if (vec) {
    if ((done & 4) === 0) conds.push(`(cpu.vfp.fpscr & ${FPSCR_LEN_STRIDE}) !== 0`);
    now |= 4;
  }
  const unconditional = s.thumb ? s.condexec === 0 : (s.insn >>> 28) === 14;
  if (unconditional) checked.set(s, done | now);
  if (conds.length === 0) return;
  s.mayFault = true;
  s.emit(`if (${conds.join(" || ")}) throw new H.GuestException(${Excp.UDEF}, 0, 0, 0);`);
}

function cpacrDenied(s: DisasContext): string {
  return s.user
    ? `(cpu.cp15.cpacr & ${CPACR_CP10_FULL}) !== ${CPACR_CP10_FULL}`
    : `(cpu.cp15.cpacr & ${CPACR_CP10_PL1}) === 0`;
}

/** Register number of a single (Vx:X) or double (X:Vx) operand. */
function vreg(dp: boolean, v: number, x: number): number {
  return dp ? (x << 4) | v : (v << 1) | x;
}

/** Declares `$V` (the VfpState) and its views for the instruction's code. */
function vfpLocals(s: DisasContext): void {
  s.emit("const $V = cpu.vfp, $I = $V.i32, $S = $V.f32, $D = $V.f64;");
}

/** Copies Dm to Dd word by word (`hiOp` transforms the high word: abs/neg). */
function moveD(s: DisasContext, d: number, m: number, hiOp: string): void {
  s.emit(`$I[${2 * d}] = $I[${2 * m}]; $I[${2 * d + 1}] = $I[${2 * m + 1}]${hiOp};`);
}

// ---- data processing ----------------------------------------------------------------------

/** Inline range test: `v` is a normal finite value of the precision (and not ±0). */
function normalTest(dp: boolean, v: string): string {
  const lo = dp ? MIN_NORMAL_D : MIN_NORMAL_S, hi = dp ? MAX_D : MAX_S;
  return `(${v} > ${lo} ? ${v} <= ${hi} : (${v} < -${lo} && ${v} >= -${hi}))`;
}

/** Expression of the value of register `r` for the arithmetic fast path. */
function fval(dp: boolean, r: number): string {
  return dp ? `$D[${r}]` : `$S[${r}]`;
}

/** Rounds a double expression to the precision (single: Math.fround). */
function rnd(dp: boolean, e: string): string {
  return dp ? `(${e})` : `Math.fround(${e})`;
}

const ARITH_SYM: Record<number, string> = {
  [ArithOp.ADD]: "+",
  [ArithOp.SUB]: "-",
  [ArithOp.MUL]: "*",
  [ArithOp.DIV]: "/",
  [ArithOp.NMUL]: "*",
};

/** VADD VSUB VMUL VDIV VNMUL. */
function arith(s: DisasContext, f: Fields, op: ArithOp): void {
  const dp = f.s === 1;
  const d = vreg(dp, f.d, f.D), n = vreg(dp, f.n, f.N), m = vreg(dp, f.m, f.M);
  vfpAccessCheck(s, false, true);
  vfpLocals(s);
  s.emit(`const $r = ${rnd(dp, `${fval(dp, n)} ${ARITH_SYM[op]} ${fval(dp, m)}`)};`);
  const store = `${dp ? "$D" : "$S"}[${d}] = ${op === ArithOp.NMUL ? "-$r" : "$r"};`;
  s.emit(
    `if (($V.fpscr & ${FAST_MASK}) === ${FAST_VALUE} && ${normalTest(dp, "$r")}) ${store}` +
      ` else H.vfpArith${dp ? 64 : 32}($V, ${op}, ${d}, ${n}, ${m});`,
  );
}

/** VMLA VMLS VNMLA VNMLS. */
function mac(s: DisasContext, f: Fields, kind: MacKind): void {
  const dp = f.s === 1;
  const d = vreg(dp, f.d, f.D), n = vreg(dp, f.n, f.N), m = vreg(dp, f.m, f.M);
  vfpAccessCheck(s, false, true);
  vfpLocals(s);
  const negAcc = kind === MacKind.VNMLS || kind === MacKind.VNMLA;
  const negProd = kind === MacKind.VMLS || kind === MacKind.VNMLA;
  s.emit(`const $p = ${rnd(dp, `${fval(dp, n)} * ${fval(dp, m)}`)};`);
  s.emit(
    `const $r = ${rnd(dp, `${negAcc ? "-" : ""}${fval(dp, d)} ${negProd ? "-" : "+"} $p`)};`,
  );
  s.emit(
    `if (($V.fpscr & ${FAST_MASK}) === ${FAST_VALUE} && ${normalTest(dp, "$p")} && ` +
      `${normalTest(dp, "$r")}) ${dp ? "$D" : "$S"}[${d}] = $r;` +
      ` else H.vfpMac${dp ? 64 : 32}($V, ${kind}, ${d}, ${n}, ${m});`,
  );
}

/** VFMA VFMS VFNMA VFNMS (always through the helper: the fused rounding needs it). */
function fma(s: DisasContext, f: Fields, negN: boolean, negD: boolean): void {
  const dp = f.s === 1;
  const d = vreg(dp, f.d, f.D), n = vreg(dp, f.n, f.N), m = vreg(dp, f.m, f.M);
  vfpAccessCheck(s, false, true);
  s.emit(`H.vfpFma${dp ? 64 : 32}(cpu.vfp, ${d}, ${n}, ${m}, ${negN}, ${negD});`);
}

/** VFPExpandImm: the bits of the VMOV immediate as [low word, high word]. */
export function vfpExpandImm(dp: boolean, imm8: number): [number, number] {
  const sign = imm8 & 0x80 ? 0x8000 : 0;
  const b6 = (imm8 >> 6) & 1;
  if (dp) {
    const hi16 = sign | (b6 ? 0x3fc0 : 0x4000) | (imm8 & 0x3f);
    return [0, (hi16 << 16) | 0];
  }
  const hi16 = sign | (b6 ? 0x3e00 : 0x4000) | ((imm8 & 0x3f) << 3);
  return [(hi16 << 16) | 0, 0];
}

/** The two-register "other" operations (VMOV reg, VABS, VNEG, VSQRT). */
function unary(s: DisasContext, f: Fields, op: "mov" | "abs" | "neg" | "sqrt"): void {
  const dp = f.s === 1;
  const d = vreg(dp, f.d, f.D), m = vreg(dp, f.m, f.M);
  vfpAccessCheck(s, false, true);
  vfpLocals(s);
  const bitOp = op === "abs" ? " & 0x7fffffff" : op === "neg" ? ` ^ ${SIGN}` : "";
  if (op !== "sqrt") {
    if (dp) moveD(s, d, m, bitOp);
    else s.emit(`$I[${d}] = $I[${m}]${bitOp};`);
    return;
  }
  s.emit(`const $r = ${rnd(dp, `Math.sqrt(${fval(dp, m)})`)};`);
  s.emit(
    `if (($V.fpscr & ${FAST_MASK}) === ${FAST_VALUE} && ${normalTest(dp, "$r")}) ` +
      `${dp ? "$D" : "$S"}[${d}] = $r; else H.vfpSqrt($V, ${dp}, ${d}, ${m});`,
  );
}

/** VCMP/VCMPE (with register or #0.0). */
function vcmp(s: DisasContext, f: Fields, z: boolean): boolean | void {
  const dp = f.s === 1;
  if (z && (f.m !== 0 || f.M !== 0)) return false;
  const d = vreg(dp, f.d, f.D), m = vreg(dp, f.m, f.M);
  vfpAccessCheck(s, false, false);
  vfpLocals(s);
  s.emit(`const $a = ${fval(dp, d)}, $b = ${z ? "0" : fval(dp, m)};`);
  s.emit(
    `const $f = ($V.fpscr & ${FPSCR_FZ}) !== 0 ? 0 : $a < $b ? ${SIGN} : $a > $b ? 0x20000000` +
      ` : $a === $b ? 0x60000000 : 0;`,
  );
  s.emit(
    `if ($f !== 0) $V.fpscr = ($V.fpscr & 0x0fffffff) | $f;` +
      ` else H.vfpCmp($V, ${dp}, ${d}, ${m}, ${f.e === 1}, ${z});`,
  );
}

/** VCVT float → 32-bit integer (`r`: round towards zero; else FPSCR rounding: VCVTR). */
function cvtToInt(s: DisasContext, f: Fields): void {
  const dp = f.s === 1;
  const d = vreg(false, f.d, f.D), m = vreg(dp, f.m, f.M);
  const signed = f.o === 1, rz = f.r === 1;
  vfpAccessCheck(s, false, false);
  if (!rz) {
    s.emit(`H.vfpToInt(cpu.vfp, ${dp}, ${d}, ${m}, ${signed}, false);`);
    return;
  }
  vfpLocals(s);
  const [lo, hi] = signed ? ["-2147483649", "2147483648"] : ["-1", "4294967296"];
  s.emit(`const $x = ${fval(dp, m)};`);
  s.emit(
    `if ($x > ${lo} && $x < ${hi} && ($V.fpscr & ${FPSCR_FZ}) === 0) {` +
      ` const $t = Math.trunc($x); $I[${d}] = $t; if ($t !== $x) $V.fpscr |= ${FPSCR_IXC}; }` +
      ` else H.vfpToInt($V, ${dp}, ${d}, ${m}, ${signed}, true);`,
  );
}

/** VCVT 32-bit integer → float. */
function cvtFromInt(s: DisasContext, f: Fields): void {
  const dp = f.s === 1;
  const d = vreg(dp, f.d, f.D), m = vreg(false, f.m, f.M);
  const signed = f.o === 1;
  vfpAccessCheck(s, false, false);
  if (dp) {
    vfpLocals(s);
    s.emit(`$D[${d}] = $I[${m}]${signed ? "" : " >>> 0"};`); // exact, no flags
    return;
  }
  s.emit(`H.vfpFromInt(cpu.vfp, false, ${d}, ${m}, ${signed});`);
}

/** VCVT between floating point and fixed point (in place). */
function cvtFixed(s: DisasContext, f: Fields): void {
  const dp = f.s === 1;
  const d = vreg(dp, f.d, f.D);
  const imm = (f.i << 1) | f.I;
  const width = f.x ? 32 : 16;
  const fbits = width - imm;
  vfpAccessCheck(s, false, false);
  s.emit(`H.vfpFixed(cpu.vfp, ${dp}, ${d}, ${f.o === 1}, ${f.u === 0}, ${width}, ${fbits});`);
}

/** Registers the data-processing patterns. */
function registerDataProcessing(t: PatternSink): void {
  const dp3 = (name: string, bits: string, emit: (s: DisasContext, f: Fields) => void) =>
    t.add(name, `cccc 1110 ${bits.slice(0, 4)} nnnn dddd 101s ${bits.slice(4)} mmmm`, emit);
  dp3("VMLA", "0D00N0M0", (s, f) => mac(s, f, MacKind.VMLA));
  dp3("VMLS", "0D00N1M0", (s, f) => mac(s, f, MacKind.VMLS));
  dp3("VNMLS", "0D01N0M0", (s, f) => mac(s, f, MacKind.VNMLS));
  dp3("VNMLA", "0D01N1M0", (s, f) => mac(s, f, MacKind.VNMLA));
  dp3("VMUL", "0D10N0M0", (s, f) => arith(s, f, ArithOp.MUL));
  dp3("VNMUL", "0D10N1M0", (s, f) => arith(s, f, ArithOp.NMUL));
  dp3("VADD", "0D11N0M0", (s, f) => arith(s, f, ArithOp.ADD));
  dp3("VSUB", "0D11N1M0", (s, f) => arith(s, f, ArithOp.SUB));
  dp3("VDIV", "1D00N0M0", (s, f) => arith(s, f, ArithOp.DIV));
  dp3("VFNMA", "1D01N0M0", (s, f) => fma(s, f, false, true));
  dp3("VFNMS", "1D01N1M0", (s, f) => fma(s, f, true, true));
  dp3("VFMA", "1D10N0M0", (s, f) => fma(s, f, false, false));
  dp3("VFMS", "1D10N1M0", (s, f) => fma(s, f, true, false));

  t.add("VMOV_imm", "cccc 1110 1D11 iiii dddd 101s 0000 jjjj", (s, f) => {
    const dp = f.s === 1;
    const d = vreg(dp, f.d, f.D);
    vfpAccessCheck(s, false, true);
    const [lo, hi] = vfpExpandImm(dp, (f.i << 4) | f.j);
    if (dp) s.emit(`cpu.vfp.i32[${2 * d}] = ${lo}; cpu.vfp.i32[${2 * d + 1}] = ${hi};`);
    else s.emit(`cpu.vfp.i32[${d}] = ${lo};`);
  });
  const other = (
    name: string,
    op4: string,
    b7: string,
    emit: (s: DisasContext, f: Fields) => void,
  ) => t.add(name, `cccc 1110 1D11 ${op4} dddd 101s ${b7}1M0 mmmm`, emit);
  other("VMOV_reg", "0000", "0", (s, f) => unary(s, f, "mov"));
  other("VABS", "0000", "1", (s, f) => unary(s, f, "abs"));
  other("VNEG", "0001", "0", (s, f) => unary(s, f, "neg"));
  other("VSQRT", "0001", "1", (s, f) => unary(s, f, "sqrt"));
  // VCVTB/VCVTT: only the single-precision forms (no FP16 double-precision conversions).
  t.add("VCVT_f32_f16", "cccc 1110 1D11 0010 dddd 1010 T1M0 mmmm", (s, f) => {
    vfpAccessCheck(s, false, false);
    s.emit(
      `H.vfpCvtHalf(cpu.vfp, false, ${f.T === 1}, ${vreg(false, f.d, f.D)}, ${
        vreg(false, f.m, f.M)
      });`,
    );
  });
  t.add("VCVT_f16_f32", "cccc 1110 1D11 0011 dddd 1010 T1M0 mmmm", (s, f) => {
    vfpAccessCheck(s, false, false);
    s.emit(
      `H.vfpCvtHalf(cpu.vfp, true, ${f.T === 1}, ${vreg(false, f.d, f.D)}, ${
        vreg(false, f.m, f.M)
      });`,
    );
  });
  other("VCMP", "0100", "e", (s, f) => vcmp(s, f, false));
  other("VCMP_z", "0101", "e", (s, f) => vcmp(s, f, true));
  other("VCVT_fp", "0111", "1", (s, f) => {
    const dp = f.s === 1; // size of the source
    vfpAccessCheck(s, false, false);
    const d = vreg(!dp, f.d, f.D), m = vreg(dp, f.m, f.M);
    s.emit(`H.vfpCvtFF(cpu.vfp, ${!dp}, ${d}, ${m});`);
  });
  other("VCVT_from_int", "1000", "o", cvtFromInt);
  t.add("VCVT_fixed", "cccc 1110 1D11 1o1u dddd 101s x1I0 iiii", cvtFixed);
  other("VCVT_to_int", "110o", "r", cvtToInt);
}

// ---- register transfers -------------------------------------------------------------------

/** Sets NZCV from bits 31:28 of the local `$v`. */
function setNzcvFrom(s: DisasContext, v: string): void {
  s.useFlags();
  s.emit(
    `NF = ${v} & 0x80000000; ZF = ~${v} & 0x40000000; CF = (${v} >>> 29) & 1;` +
      ` VF = (${v} << 3) & 0x80000000;`,
  );
}

/** Writes `expr` to core register `t`, or branches there when t is the pc (QEMU's store_reg). */
export function storeCore(s: DisasContext, t: number, expr: string): void {
  if (t === 15) {
    s.writePcBranch(expr);
    s.isJmp = DisasJump.NORETURN;
  } else {
    s.setReg(t, expr);
  }
}

/** VMRS/VMSR. */
function vmrsVmsr(s: DisasContext, f: Fields): boolean | void {
  const load = f.l === 1;
  let ignoreEn = true;
  switch (f.r) {
    case VfpSysReg.FPSID:
    case VfpSysReg.MVFR0:
    case VfpSysReg.MVFR1:
    case VfpSysReg.FPEXC:
      if (s.user) return false;
      break;
    case VfpSysReg.FPSCR:
      ignoreEn = false;
      break;
    default:
      return false; // FPINST/FPINST2 do not exist in VFPv3+
  }
  vfpAccessCheck(s, ignoreEn, false);
  if (load) {
    const src = f.r === VfpSysReg.FPSCR
      ? "cpu.vfp.fpscr"
      : f.r === VfpSysReg.FPEXC
      ? "cpu.vfp.fpexc"
      : f.r === VfpSysReg.FPSID
      ? "cpu.vfp.fpsid"
      : f.r === VfpSysReg.MVFR0
      ? "cpu.vfp.mvfr0"
      : "cpu.vfp.mvfr1";
    if (f.t === 15) {
      s.emit(`const $v = ${src} | 0;`);
      setNzcvFrom(s, "$v");
    } else {
      s.setReg(f.t, src);
    }
    return;
  }
  if (f.r === VfpSysReg.FPSCR) s.emit(`cpu.vfp.writeFpscr(${s.reg(f.t)});`);
  else if (f.r === VfpSysReg.FPEXC) s.emit(`cpu.vfp.writeFpexc(${s.reg(f.t)});`);
  else return; // writes to the ID registers are ignored
  s.isJmp = DisasJump.UPDATE; // FPSCR.Len/Stride and FPEXC.EN are fixed within a TB
}

function registerTransfers(t: PatternSink): void {
  t.add("VMSR_VMRS", "cccc 1110 111l rrrr tttt 1010 0001 0000", vmrsVmsr);
  t.add("VMOV_single", "cccc 1110 000l nnnn tttt 1010 N001 0000", (s, f) => {
    const n = vreg(false, f.n, f.N);
    vfpAccessCheck(s, false, false);
    if (f.l) {
      if (f.t === 15) {
        s.emit(`const $v = cpu.vfp.i32[${n}];`);
        setNzcvFrom(s, "$v");
      } else {
        s.setReg(f.t, `cpu.vfp.i32[${n}]`);
      }
    } else {
      s.emit(`cpu.vfp.i32[${n}] = ${s.reg(f.t)};`);
    }
  });
  // VMOV.32 between a core register and half of a D register (bit 21 selects the half).
  t.add("VMOV_to_gp", "cccc 1110 00x1 nnnn tttt 1011 N001 0000", (s, f) => {
    const w = 2 * vreg(true, f.n, f.N) + f.x;
    vfpAccessCheck(s, false, false);
    storeCore(s, f.t, `cpu.vfp.i32[${w}]`);
  });
  t.add("VMOV_from_gp", "cccc 1110 00x0 nnnn tttt 1011 N001 0000", (s, f) => {
    const w = 2 * vreg(true, f.n, f.N) + f.x;
    vfpAccessCheck(s, false, false);
    s.emit(`cpu.vfp.i32[${w}] = ${s.reg(f.t)};`);
  });
  // VMOV between two core registers and two singles (Sm, Sm+1) or one double.
  for (const sz of [0, 1]) {
    t.add(`VMOV_64_${sz ? "dp" : "sp"}`, `cccc 1100 010o uuuu tttt 101${sz} 00M1 mmmm`, (s, f) => {
      const w = sz ? 2 * vreg(true, f.m, f.M) : vreg(false, f.m, f.M);
      vfpAccessCheck(s, false, false);
      if (f.o) {
        s.emit(`const $lo = cpu.vfp.i32[${w}], $hi = cpu.vfp.i32[${w + 1}];`);
        if (f.t !== 15) s.setReg(f.t, "$lo");
        if (f.u !== 15) s.setReg(f.u, "$hi");
        if (f.u === 15 || f.t === 15) storeCore(s, 15, f.u === 15 ? "$hi" : "$lo");
      } else {
        s.emit(`cpu.vfp.i32[${w}] = ${s.reg(f.t)}; cpu.vfp.i32[${w + 1}] = ${s.reg(f.u)};`);
      }
    });
  }
}

// ---- loads and stores ---------------------------------------------------------------------

/** Emits the transfer of one S register (`w`: word index) at address expression `a`. */
function xferWord(s: DisasContext, load: boolean, w: number, a: string): void {
  if (load) s.emit(`cpu.vfp.i32[${w}] = ${s.ld(4, false, a)};`);
  else s.st(4, a, `cpu.vfp.i32[${w}]`);
}

/** Emits the transfer of D register `d` at `a` (two words; big-endian puts the high word first). */
function xferDouble(s: DisasContext, load: boolean, d: number, a: string, a4: string): void {
  const [first, second] = s.bigEndian ? [2 * d + 1, 2 * d] : [2 * d, 2 * d + 1];
  if (load) {
    s.emit(`{ const $w0 = ${s.ld(4, false, a)}, $w1 = ${s.ld(4, false, a4)};`);
    s.emit(`cpu.vfp.i32[${first}] = $w0; cpu.vfp.i32[${second}] = $w1; }`);
  } else {
    s.st(4, a, `cpu.vfp.i32[${first}]`);
    s.st(4, a4, `cpu.vfp.i32[${second}]`);
  }
}

/** VLDR/VSTR. */
function vldrVstr(s: DisasContext, f: Fields): void {
  const dp = f.s === 1, load = f.l === 1;
  const off = (f.u ? 1 : -1) * f.i * 4;
  vfpAccessCheck(s, false, false);
  const base = f.n === 15 ? s.pcAligned() : s.reg(f.n);
  s.emit(`const $a = (${base} + ${off}) | 0;`);
  alignCheck(s, "$a", 3, !load);
  if (dp) xferDouble(s, load, vreg(true, f.d, f.D), "$a", "(($a + 4) | 0)");
  else xferWord(s, load, vreg(false, f.d, f.D), "$a");
}

/** VLDM/VSTM (IA with optional writeback, DB with writeback; VPUSH/VPOP are aliases). */
function vldmVstm(s: DisasContext, f: Fields, db: boolean): boolean | void {
  const dp = f.s === 1, load = f.l === 1, wb = db || f.w === 1;
  const imm = f.i;
  const d = vreg(dp, f.d, f.D);
  const count = dp ? imm >> 1 : imm;
  if (count === 0 || d + count > 32 || (dp && count > 16)) return false;
  if (f.n === 15 && wb) return false;
  vfpAccessCheck(s, false, false);
  const base = f.n === 15 ? s.pcAligned() : s.reg(f.n);
  s.emit(`const $b = ${base} | 0, $a = (${base} ${db ? `- ${imm * 4}` : "+ 0"}) | 0;`);
  const step = dp ? 8 : 4;
  for (let i = 0; i < count; i++) {
    const a = `(($a + ${i * step}) | 0)`;
    alignCheck(s, a, 3, !load);
    if (dp) xferDouble(s, load, d + i, a, `(($a + ${i * step + 4}) | 0)`);
    else xferWord(s, load, d + i, a);
  }
  // FLDMX/FSTMX (odd imm for doubles) write back imm words, like the rest.
  if (wb) s.setReg(f.n, `$b ${db ? "-" : "+"} ${imm * 4}`);
}

function registerLoadStore(t: PatternSink): void {
  t.add("VLDR_VSTR", "cccc 1101 uD0l nnnn dddd 101s iiii iiii", vldrVstr);
  t.add("VLDM_VSTM_ia", "cccc 1100 1Dwl nnnn dddd 101s iiii iiii", (s, f) => vldmVstm(s, f, false));
  t.add("VLDM_VSTM_db", "cccc 1101 0D1l nnnn dddd 101s iiii iiii", (s, f) => vldmVstm(s, f, true));
}

/**
 * Receives the VFP patterns: A32 spelling, starting with the condition field `cccc` (a T32
 * table substitutes `1110`: the T32 encodings are the A32 ones with that condition).
 */
export interface PatternSink {
  /** Adds pattern `pattern` named `name` with emitter `emit`. */
  add(name: string, pattern: string, emit: Emitter): unknown;
}

/** Adds every VFP pattern to `t` (for the A32 table, and for T32 with the condition rewritten). */
export function registerVfpPatterns(t: PatternSink): void {
  registerTransfers(t);
  registerDataProcessing(t);
  registerLoadStore(t);
}

let done = false;

/** Adds the VFP patterns to the A32 decode table (once). */
export function registerA32Vfp(): void {
  if (done) return;
  done = true;
  registerVfpPatterns(A32_TABLE);
}
