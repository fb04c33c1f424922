/**
 * Narrowing and widening NEON moves and shifts, shared by the shift group (VSHRN VRSHRN
 * VQSHRUN VQRSHRUN VQSHRN VQRSHRN VSHLL/VMOVL, translate-neon-shift.ts) and the
 * two-registers-miscellaneous group (VMOVN VQMOVUN VQMOVN and VSHLL with the maximum shift,
 * translate-neon-misc.ts), plus the lane shift expressions both use.
 *
 * A narrowing operation reads all of Qm before it writes Dd, and a widening one all of Dm before
 * it writes Qd, since the destination may overlap the source.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import {
  bit64,
  commitQc,
  Esz,
  lane,
  lanesPerWord,
  pack,
  sat,
  satLocals,
  sRange,
  uMax,
  word,
} from "./translate-neon-shift-lanes.ts";

/** Saturating narrow kinds (also the helper's `mode`). */
export const enum NarrowMode {
  /** Truncate (VSHRN, VRSHRN). */
  TRUNC = 0,
  /** Signed source, unsigned result (VQSHRUN). */
  SU = 1,
  /** Signed to signed (VQSHRN.S). */
  SS = 2,
  /** Unsigned to unsigned (VQSHRN.U). */
  UU = 3,
}

/** x >> n (arithmetic or logical) of a lane value `x`, n in 1..esize. */
export function shrLane(x: string, sz: number, n: number, signed: boolean): string {
  if (sz === Esz.W32 && n === 32) return signed ? `(${x} >> 31)` : "0";
  return signed ? `(${x} >> ${n})` : `(${x} >>> ${n})`;
}

/** Rounding x >> n of a lane value `x` (exact: floor(x / 2^n) + bit n-1), n in 1..esize. */
export function rshrLane(x: string, sz: number, n: number, signed: boolean): string {
  if (sz === Esz.W32 && n === 32) return signed ? "0" : `(${x} >>> 31)`;
  const sh = signed ? ">>" : ">>>";
  return `((${x} ${sh} ${n}) + ((${x} ${sh} ${n - 1}) & 1))`;
}

/**
 * Emits a narrowing right shift of Qm into Dd: `dsz` is the destination element size (0..2), n
 * the shift (0..esize of the destination; 0 is VMOVN/VQMOVN), `round` adds 2^(n-1) first,
 * `mode` saturates.
 */
export function narrowShift(
  s: DisasContext,
  dsz: number,
  n: number,
  round: boolean,
  mode: NarrowMode,
  d: number,
  m: number,
): void {
  if (dsz === Esz.W32) {
    if (mode !== NarrowMode.TRUNC && n === 0) {
      saturate64To32(s, mode, d, m);
      return;
    }
    if (mode !== NarrowMode.TRUNC) {
      s.emit(`H.neonShQshrn64(cpu.vfp, ${2 * d}, ${2 * m}, ${n}, ${round}, ${mode});`);
      return;
    }
    // 64 -> 32 bits: bits n+31..n of each element, plus the rounding bit.
    const res: string[] = [];
    for (let e = 0; e < 2; e++) {
      const lo = word(m, 2 * e), hi = word(m, 2 * e + 1);
      let v = n === 0 ? lo : n === 32 ? hi : `(${lo} >>> ${n}) | (${hi} << ${32 - n})`;
      if (round) v = `(${v}) + ${bit64(lo, hi, n - 1)}`;
      s.emit(`const $r${e} = (${v}) | 0;`);
      res.push(`$r${e}`);
    }
    s.emit(`${word(d, 0)} = ${res[0]}; ${word(d, 1)} = ${res[1]};`);
    return;
  }
  const ssz = dsz + 1;
  const signed = mode === NarrowMode.SU || mode === NarrowMode.SS;
  const [lo, hi] = mode === NarrowMode.SS ? sRange(dsz) : [0, uMax(dsz)];
  if (mode !== NarrowMode.TRUNC) satLocals(s);
  for (let k = 0; k < 4; k++) s.emit(`const $m${k} = ${word(m, k)};`);
  const out: string[] = [];
  for (let j = 0; j < 2; j++) {
    const vals: string[] = [];
    for (const k of [2 * j, 2 * j + 1]) {
      for (let i = 0; i < lanesPerWord(ssz); i++) {
        const x = lane(`$m${k}`, ssz, i, signed);
        const v = round ? rshrLane(x, ssz, n, signed) : shrLane(x, ssz, n, signed);
        vals.push(mode === NarrowMode.TRUNC ? v : sat(v, lo, hi));
      }
    }
    s.emit(`const $r${j} = ${pack(vals, dsz)};`);
    out.push(`$r${j}`);
  }
  s.emit(`${word(d, 0)} = ${out[0]}; ${word(d, 1)} = ${out[1]};`);
  if (mode !== NarrowMode.TRUNC) commitQc(s);
}

/** VQMOVN/VQMOVUN of 64-bit elements: saturates (lo, hi) pairs of Qm into the words of Dd. */
function saturate64To32(s: DisasContext, mode: NarrowMode, d: number, m: number): void {
  satLocals(s);
  for (let e = 0; e < 2; e++) {
    const l = `$l${e}`, h = `$h${e}`;
    s.emit(`const ${l} = ${word(m, 2 * e)}, ${h} = ${word(m, 2 * e + 1)};`);
    let v: string;
    if (mode === NarrowMode.SS) {
      v = `${h} === (${l} >> 31) ? ${l} : ($q = 1, ${h} < 0 ? ${-0x80000000} : ${0x7fffffff})`;
    } else if (mode === NarrowMode.UU) {
      v = `${h} === 0 ? ${l} : ($q = 1, -1)`;
    } else {
      v = `${h} === 0 ? ${l} : ($q = 1, ${h} < 0 ? 0 : -1)`;
    }
    s.emit(`const $r${e} = ${v};`);
  }
  s.emit(`${word(d, 0)} = $r0; ${word(d, 1)} = $r1;`);
  commitQc(s);
}

/**
 * Emits a widening left shift of Dm into Qd: `ssz` is the source element size (0..2), n the
 * shift (0..esize), the source lanes are sign-extended when `signed`.
 */
export function widenShift(
  s: DisasContext,
  ssz: number,
  n: number,
  signed: boolean,
  d: number,
  m: number,
) {
  s.emit(`const $a0 = ${word(m, 0)}, $a1 = ${word(m, 1)};`);
  for (let w = 0; w < 2; w++) {
    const a = `$a${w}`;
    if (ssz === Esz.W32 && n === 32) {
      s.emit(`${word(d, 2 * w)} = 0; ${word(d, 2 * w + 1)} = ${a};`);
    } else if (ssz === Esz.W32) {
      const hi = n === 0
        ? (signed ? `${a} >> 31` : "0")
        : signed
        ? `${a} >> ${32 - n}`
        : `${a} >>> ${32 - n} | 0`;
      s.emit(`${word(d, 2 * w)} = ${n === 0 ? a : `${a} << ${n}`}; ${word(d, 2 * w + 1)} = ${hi};`);
    } else if (ssz === Esz.H16) {
      for (let i = 0; i < 2; i++) {
        s.emit(`${word(d, 2 * w + i)} = ${lane(a, ssz, i, signed)} << ${n};`);
      }
    } else {
      for (let h = 0; h < 2; h++) {
        const vals = [0, 1].map((i) => `${lane(a, ssz, 2 * h + i, signed)} << ${n}`);
        s.emit(`${word(d, 2 * w + h)} = ${pack(vals, Esz.H16)};`);
      }
    }
  }
}
