/**
 * Advanced SIMD "two registers and a shift amount" (integer forms): VSHR VSRA VRSHR VRSRA VSRI
 * VSHL VSLI VQSHLU VQSHL, the narrowing VSHRN VRSHRN VQSHRUN VQRSHRUN VQSHRN VQRSHRN and the
 * widening VSHLL (VMOVL). The group registration also adds the two-registers-miscellaneous
 * group (translate-neon-misc.ts) and VEXT/VTBL/VTBX/VDUP (translate-neon-misc-perm.ts).
 *
 * Decode follows QEMU 7.2's neon-dp.decode: `1111 001U 1D imm6 Vd opc L Q M 1 Vm`, where the
 * element size is the position of the leading one of L:imm6 (L = 1: 64 bits; imm6 = 1xxxxx: 32;
 * 01xxxx: 16; 001xxx: 8). L = 0 with imm6 = 000xxx is the one-register-and-modified-immediate
 * space and opc = 11xx the fixed-point VCVT: neither is claimed here. Right shifts encode
 * `esize - shift`, so their amounts are 1..esize; left shifts 0..esize-1. Everything is exact
 * integer arithmetic (rounding adds 2^(shift-1) without overflow); saturation sets FPSCR.QC.
 * Element sizes 8-32 and the plain 64-bit shifts are emitted inline; the saturating 64-bit
 * forms call helpers-neon-shift.ts.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import type { Fields } from "./decodetree.ts";
import { addNeonPattern, neonAccessCheck, oddQ } from "./translate-neon.ts";
import {
  add64,
  bit64,
  commitQc,
  dup,
  Esz,
  lane,
  laneMask,
  lanesPerWord,
  pack,
  sat,
  satLocals,
  shl64,
  shr64,
  sRange,
  uMax,
  vregs,
  word,
  wordsOf,
} from "./translate-neon-shift-lanes.ts";
import { registerNeonMisc } from "./translate-neon-misc.ts";
import {
  NarrowMode,
  narrowShift,
  rshrLane,
  shrLane,
  widenShift,
} from "./translate-neon-shift-widen.ts";
import { registerNeonPermute } from "./translate-neon-misc-perm.ts";
import { registerNeonShiftHelpers } from "./helpers-neon-shift.ts";

/** The `opc` field (bits 11:8) of the shift group. */
const enum ShOp {
  VSHR = 0,
  VSRA = 1,
  VRSHR = 2,
  VRSRA = 3,
  VSRI = 4,
  VSHL_VSLI = 5,
  VQSHLU = 6,
  VQSHL = 7,
  VSHRN = 8,
  VQSHRN = 9,
  VSHLL = 10,
}

/** Saturating left shift kinds (also the helper's `mode`). */
export const enum QshlMode {
  S = 0,
  U = 1,
  SU = 2,
}

// ---------------------------------------------------------------------------------------------
// Lane expressions (element sizes 8-32)

/** x << n as an exact integer (doubles for 32-bit lanes). */
function shlExact(x: string, sz: number, n: number): string {
  if (n === 0) return x;
  return sz === Esz.W32 ? `(${x} * ${2 ** n})` : `(${x} << ${n})`;
}

/** Word-level logical shifts of every lane (SWAR) for sizes 8-32. */
function shlWord(w: string, sz: number, n: number): string {
  if (n === 0) return w;
  if (sz === Esz.W32) return `(${w} << ${n})`;
  return `((${w} << ${n}) & ${dup(laneMask(sz) << n, sz)})`;
}

function shrWordU(w: string, sz: number, n: number): string {
  if (n >= 8 << sz) return "0";
  if (sz === Esz.W32) return `(${w} >>> ${n})`;
  return `((${w} >>> ${n}) & ${dup(laneMask(sz) >>> n, sz)})`;
}

/** Arithmetic right shift of every lane by n (1..esize, clamped to esize-1), SWAR. */
function shrWordS(w: string, sz: number, n: number): string {
  const bits = 8 << sz;
  if (n >= bits) n = bits - 1;
  if (sz === Esz.W32) return `(${w} >> ${n})`;
  const signs = dup(1, sz);
  const fill = (laneMask(sz) << (bits - n)) & laneMask(sz);
  return `(((${w} >>> ${n}) & ${dup(laneMask(sz) >>> n, sz)}) | ` +
    `Math.imul((${w} >>> ${bits - 1}) & ${signs}, ${fill}))`;
}

// ---------------------------------------------------------------------------------------------
// VSHR ... VQSHL (opc 0000-0111)

/** Element-wise shift by immediate, sizes 8-32: one block per word (Vd and Vm are equal or disjoint). */
function shiftWords(
  s: DisasContext,
  op: ShOp,
  u: number,
  sz: number,
  n: number,
  d: number,
  m: number,
  q: number,
) {
  const nl = lanesPerWord(sz);
  const bits = 8 << sz;
  const signed = u === 0;
  const sats = op === ShOp.VQSHL || op === ShOp.VQSHLU;
  if (sats) satLocals(s);
  for (let k = 0; k < wordsOf(q); k++) {
    const mw = `$m${k}`, dw = `$d${k}`;
    s.emit(`const ${mw} = ${word(m, k)};`);
    const readD = () => s.emit(`const ${dw} = ${word(d, k)};`);
    const lanes = (f: (x: string, dl: string) => string, sx: boolean) => {
      const vals: string[] = [];
      for (let i = 0; i < nl; i++) vals.push(f(lane(mw, sz, i, sx), lane(dw, sz, i, false)));
      return pack(vals, sz);
    };
    let expr: string;
    switch (op) {
      case ShOp.VSHR:
        expr = signed ? shrWordS(mw, sz, n) : shrWordU(mw, sz, n);
        break;
      case ShOp.VSRA: {
        readD();
        if (sz === Esz.W32) {
          expr = `${dw} + ${shrLane(mw, sz, n, signed)}`;
          break;
        }
        // Lane-wise add without carries between lanes: add the low bits, then fix the top bit.
        const top = dup(1 << ((8 << sz) - 1), sz);
        s.emit(`const $s${k} = ${signed ? shrWordS(mw, sz, n) : shrWordU(mw, sz, n)};`);
        expr = `(((${dw} & ${~top}) + ($s${k} & ${~top})) ^ ((${dw} ^ $s${k}) & ${top}))`;
        break;
      }
      case ShOp.VRSHR:
        expr = lanes((x) => rshrLane(x, sz, n, signed), signed);
        break;
      case ShOp.VRSRA:
        readD();
        expr = lanes((x, dl) => `${dl} + ${rshrLane(x, sz, n, signed)}`, signed);
        break;
      case ShOp.VSRI: {
        if (n === bits) return; // the destination is unchanged
        readD();
        const keep = ~dup(laneMask(sz) >>> n, sz);
        expr = `${shrWordU(mw, sz, n)} | (${dw} & ${keep})`;
        break;
      }
      case ShOp.VSHL_VSLI:
        if (signed) {
          expr = shlWord(mw, sz, n);
        } else {
          readD();
          const keep = n === 0 ? 0 : dup(laneMask(sz) >>> (bits - n), sz);
          expr = `${shlWord(mw, sz, n)} | (${dw} & ${keep})`;
        }
        break;
      case ShOp.VQSHLU:
        expr = lanes((x) => sat(shlExact(x, sz, n), 0, uMax(sz)), true);
        break;
      default: { // VQSHL
        const [lo, hi] = signed ? sRange(sz) : [0, uMax(sz)];
        expr = n === 0 ? mw : lanes((x) => sat(shlExact(x, sz, n), lo, hi), signed);
      }
    }
    s.emit(`${word(d, k)} = ${expr};`);
  }
  if (sats) commitQc(s);
}

/** Element-wise shift by immediate of 64-bit elements (the saturating forms use a helper). */
function shiftDoubles(
  s: DisasContext,
  op: ShOp,
  u: number,
  n: number,
  d: number,
  m: number,
  q: number,
) {
  const signed = u === 0;
  if (op === ShOp.VQSHL || op === ShOp.VQSHLU) {
    const mode = op === ShOp.VQSHLU ? QshlMode.SU : signed ? QshlMode.S : QshlMode.U;
    s.emit(`H.neonShQshl64(cpu.vfp, ${2 * d}, ${2 * m}, ${n}, ${q + 1}, ${mode});`);
    return;
  }
  if (op === ShOp.VSRI && n === 64) return;
  for (let p = 0; p < q + 1; p++) {
    const ml = `$m${p}l`, mh = `$m${p}h`, dl = `$d${p}l`, dh = `$d${p}h`, o = `$r${p}`;
    s.emit(`const ${ml} = ${word(m, 2 * p)}, ${mh} = ${word(m, 2 * p + 1)};`);
    const readD = () => s.emit(`const ${dl} = ${word(d, 2 * p)}, ${dh} = ${word(d, 2 * p + 1)};`);
    let rl = `${o}l`, rh = `${o}h`;
    switch (op) {
      case ShOp.VSHR:
        shr64(s, o, ml, mh, n, signed);
        break;
      case ShOp.VSRA:
        readD();
        shr64(s, `$t${p}`, ml, mh, n, signed);
        add64(s, o, dl, dh, `$t${p}l`, `$t${p}h`);
        break;
      case ShOp.VRSHR:
      case ShOp.VRSRA:
        shr64(s, `$t${p}`, ml, mh, n, signed);
        add64(s, `$u${p}`, `$t${p}l`, `$t${p}h`, bit64(ml, mh, n - 1), "0");
        if (op === ShOp.VRSHR) {
          rl = `$u${p}l`;
          rh = `$u${p}h`;
        } else {
          readD();
          add64(s, o, dl, dh, `$u${p}l`, `$u${p}h`);
        }
        break;
      case ShOp.VSRI: {
        readD();
        shr64(s, `$t${p}`, ml, mh, n, false);
        // Bits of Vd kept: the top n bits.
        const keepL = n >= 32 ? (n === 64 ? -1 : ~(0xffffffff >>> (n - 32))) : 0;
        const keepH = n >= 32 ? -1 : ~(0xffffffff >>> n);
        rl = `($t${p}l | (${dl} & ${keepL | 0}))`;
        rh = `($t${p}h | (${dh} & ${keepH | 0}))`;
        break;
      }
      default: // VSHL, VSLI
        shl64(s, `$t${p}`, ml, mh, n);
        if (signed) {
          rl = `$t${p}l`;
          rh = `$t${p}h`;
        } else {
          readD();
          // Bits of Vd kept: the low n bits.
          const keepL = n >= 32 ? -1 : n === 0 ? 0 : (0xffffffff >>> (32 - n)) | 0;
          const keepH = n > 32 ? (0xffffffff >>> (64 - n)) | 0 : 0;
          rl = `($t${p}l | (${dl} & ${keepL}))`;
          rh = `($t${p}h | (${dh} & ${keepH}))`;
        }
    }
    s.emit(`${word(d, 2 * p)} = ${rl}; ${word(d, 2 * p + 1)} = ${rh};`);
  }
}

/** VSHR VSRA VRSHR VRSRA VSRI VSHL VSLI VQSHLU VQSHL; `sz` from the pattern, `imm` its low bits. */
function shiftImm(s: DisasContext, f: Fields, sz: number): boolean {
  const op = f.o as ShOp, u = f.u, q = f.q;
  if ((op === ShOp.VSRI || op === ShOp.VQSHLU) && u === 0) return false;
  if (oddQ(q, f.d, f.m)) return false;
  const bits = 8 << sz;
  const right = op <= ShOp.VSRI;
  const n = right ? bits - f.i : f.i;
  neonAccessCheck(s);
  vregs(s);
  if (sz === Esz.D64) shiftDoubles(s, op, u, n, f.d, f.m, q);
  else shiftWords(s, op, u, sz, n, f.d, f.m, q);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Narrowing shifts (opc 1000, 1001) and VSHLL (opc 1010)

/** VSHRN VRSHRN VQSHRUN VQRSHRUN VQSHRN VQRSHRN (`dsz` from the pattern: the result size). */
function shiftNarrow(s: DisasContext, f: Fields, dsz: number): boolean {
  if (f.m & 1) return false;
  const n = (8 << dsz) - f.i;
  const round = f.q === 1;
  let mode: NarrowMode;
  if (f.o === ShOp.VSHRN) mode = f.u ? NarrowMode.SU : NarrowMode.TRUNC;
  else mode = f.u ? NarrowMode.UU : NarrowMode.SS;
  neonAccessCheck(s);
  vregs(s);
  narrowShift(s, dsz, n, round, mode, f.d, f.m);
  return true;
}

/** VSHLL (VMOVL when the shift is 0): `ssz` from the pattern, the source size. */
function shiftLong(s: DisasContext, f: Fields, ssz: number): boolean {
  if (f.q === 1 || f.d & 1) return false;
  neonAccessCheck(s);
  vregs(s);
  widenShift(s, ssz, f.i, f.u === 0, f.d, f.m);
  return true;
}

/** Shift-group dispatcher for one element-size pattern (`sz` 0..2 with L = 0, 3 for L = 1). */
function shiftGroup(sz: number, opBase: number) {
  return (s: DisasContext, f: Fields): boolean => {
    const g = { ...f, o: f.o + opBase };
    if (g.o <= ShOp.VQSHL) return shiftImm(s, g, sz);
    if (sz === Esz.D64) return false; // opc 10xx needs L = 0
    if (g.o === ShOp.VSHLL) return shiftLong(s, g, sz);
    if (g.o === ShOp.VSHRN || g.o === ShOp.VQSHRN) return shiftNarrow(s, g, sz);
    return false;
  };
}

let done = false;

/** Adds this group's patterns to the A32 decode tables (see translate-neon.ts). */
export function registerNeonShiftMisc(): void {
  if (done) return;
  done = true;
  registerNeonShiftHelpers();
  // opc 0ooo and 10oo; 11xx (VCVT fixed-point) is left to the float group.
  for (const [opc, base] of [["0ooo", 0], ["10oo", 8]] as const) {
    const tail = `dddd ${opc}`;
    addNeonPattern(
      "neon-2sh-64",
      `1111 001u 1dii iiii ${tail} 1qm1 mmmm`,
      shiftGroup(Esz.D64, base),
    );
    addNeonPattern(
      "neon-2sh-32",
      `1111 001u 1d1i iiii ${tail} 0qm1 mmmm`,
      shiftGroup(Esz.W32, base),
    );
    addNeonPattern(
      "neon-2sh-16",
      `1111 001u 1d01 iiii ${tail} 0qm1 mmmm`,
      shiftGroup(Esz.H16, base),
    );
    addNeonPattern("neon-2sh-8", `1111 001u 1d00 1iii ${tail} 0qm1 mmmm`, shiftGroup(Esz.B8, base));
  }
  registerNeonMisc();
  registerNeonPermute();
}
