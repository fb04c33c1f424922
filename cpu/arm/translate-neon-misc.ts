/**
 * Advanced SIMD "two registers, miscellaneous", integer and bitwise forms:
 * VREV64 VREV32 VREV16 VPADDL VPADAL VCLS VCLZ VCNT VMVN VQABS VQNEG, the compares with zero
 * VCGT VCGE VCEQ VCLE VCLT #0, VABS VNEG, the narrowing VMOVN VQMOVUN VQMOVN and VSHLL with the
 * maximum shift. The permutes of the same space (VSWP VTRN VUZP VZIP) are in
 * translate-neon-misc-perm.ts; the float forms (F = 1), VRECPE, VRSQRTE and the conversions
 * belong to the float group.
 *
 * Encoding (QEMU 7.2 neon-dp.decode): `1111 0011 1 D 11 size opc1 Vd 0 opc2 Q M 0 Vm`, each
 * instruction claimed with its exact opc1:opc2. UNDEFINED as QEMU decides: Q forms with an odd
 * register, size 3 everywhere, VREV32 with size 2, VREV16/VCNT/VMVN with size != 0, an odd Qm
 * for the narrowing forms and an odd Qd for VSHLL.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import type { Fields } from "./decodetree.ts";
import { addNeonPattern, neonAccessCheck, oddQ } from "./translate-neon.ts";
import {
  add64,
  commitQc,
  Esz,
  lane,
  lanesPerWord,
  pack,
  sat,
  satLocals,
  sRange,
  vregs,
  word,
  wordsOf,
} from "./translate-neon-shift-lanes.ts";
import { NarrowMode, narrowShift, widenShift } from "./translate-neon-shift-widen.ts";

/** Adds a two-registers-miscellaneous pattern: `opc1` is bits 17:16, `opc2` bits 10:7. */
export function addMiscPattern(
  name: string,
  opc1: string,
  opc2: string,
  emit: (s: DisasContext, f: Fields) => boolean,
): void {
  addNeonPattern(
    name,
    `1111 0011 1d11 ss${opc1} dddd 0${opc2.slice(0, 3)} ${opc2[3]}qm0 mmmm`,
    emit,
  );
}

/** Byte reversal of a word expression (REV). */
function bswap(w: string): string {
  return `((${w} << 24) | ((${w} & 0xff00) << 8) | ((${w} >>> 8) & 0xff00) | (${w} >>> 24))`;
}

/** Halfword swap of a word expression. */
function hswap(w: string): string {
  return `((${w} << 16) | (${w} >>> 16))`;
}

/**
 * Emits an element-wise unary operation word by word (Vd and Vm are equal or disjoint):
 * `f(w)` is the new word for the old word expression `w`.
 */
function perWord(s: DisasContext, f: Fields, fn: (w: string) => string): void {
  for (let k = 0; k < wordsOf(f.q); k++) {
    s.emit(`const $m${k} = ${word(f.m, k)};`);
    s.emit(`${word(f.d, k)} = ${fn(`$m${k}`)};`);
  }
}

/** Same, from a lane function: `g(x)` maps a lane value (extended as `signed`) to its result. */
function perLane(s: DisasContext, f: Fields, signed: boolean, g: (x: string) => string): void {
  const sz = f.s;
  perWord(s, f, (w) => {
    const vals: string[] = [];
    for (let i = 0; i < lanesPerWord(sz); i++) vals.push(g(lane(w, sz, i, signed)));
    return pack(vals, sz);
  });
}

/** Common checks of the element-wise forms: size (`okSize`) and odd Q registers. */
function start(s: DisasContext, f: Fields, okSize: (sz: number) => boolean): boolean {
  if (!okSize(f.s) || oddQ(f.q, f.d, f.m)) return false;
  neonAccessCheck(s);
  vregs(s);
  return true;
}

const notD64 = (sz: number) => sz !== Esz.D64;
const only8 = (sz: number) => sz === Esz.B8;

// ---------------------------------------------------------------------------------------------

function vrev64(s: DisasContext, f: Fields): boolean {
  if (!start(s, f, notD64)) return false;
  const rev = f.s === Esz.B8 ? bswap : f.s === Esz.H16 ? hswap : (w: string) => w;
  for (let p = 0; p < f.q + 1; p++) {
    s.emit(`const $a${p} = ${word(f.m, 2 * p)}, $b${p} = ${word(f.m, 2 * p + 1)};`);
    s.emit(`${word(f.d, 2 * p)} = ${rev(`$b${p}`)}; ${word(f.d, 2 * p + 1)} = ${rev(`$a${p}`)};`);
  }
  return true;
}

function vrev32(s: DisasContext, f: Fields): boolean {
  if (!start(s, f, (sz) => sz < Esz.W32)) return false;
  perWord(s, f, f.s === Esz.B8 ? bswap : hswap);
  return true;
}

function vrev16(s: DisasContext, f: Fields): boolean {
  if (!start(s, f, only8)) return false;
  perWord(s, f, (w) => `(((${w} & 0x00ff00ff) << 8) | ((${w} >>> 8) & 0x00ff00ff))`);
  return true;
}

/** VPADDL / VPADAL: sums of adjacent lane pairs into double-width lanes (`acc` adds Vd). */
function vpaddl(s: DisasContext, f: Fields, signed: boolean, acc: boolean): boolean {
  if (!start(s, f, notD64)) return false;
  const sz = f.s;
  if (sz === Esz.W32) {
    for (let p = 0; p < f.q + 1; p++) {
      const a = lane(word(f.m, 2 * p), sz, 0, signed),
        b = lane(word(f.m, 2 * p + 1), sz, 0, signed);
      s.emit(`const $s${p} = ${a} + ${b};`);
      s.emit(`const $l${p} = $s${p} | 0, $h${p} = Math.floor($s${p} / 4294967296) | 0;`);
      let rl = `$l${p}`, rh = `$h${p}`;
      if (acc) {
        add64(s, `$r${p}`, word(f.d, 2 * p), word(f.d, 2 * p + 1), rl, rh);
        rl = `$r${p}l`;
        rh = `$r${p}h`;
      }
      s.emit(`${word(f.d, 2 * p)} = ${rl}; ${word(f.d, 2 * p + 1)} = ${rh};`);
    }
    return true;
  }
  for (let k = 0; k < wordsOf(f.q); k++) {
    const w = `$m${k}`;
    s.emit(`const ${w} = ${word(f.m, k)};`);
    const sums: string[] = [];
    for (let i = 0; i < lanesPerWord(sz); i += 2) {
      const x = `${lane(w, sz, i, signed)} + ${lane(w, sz, i + 1, signed)}`;
      sums.push(acc ? `${lane(word(f.d, k), sz + 1, i >> 1, false)} + ${x}` : x);
    }
    s.emit(`${word(f.d, k)} = ${pack(sums, sz + 1)};`);
  }
  return true;
}

function vcls(s: DisasContext, f: Fields): boolean {
  if (!start(s, f, notD64)) return false;
  const bias = 32 - (8 << f.s) + 1;
  perLane(s, f, true, (x) => `(Math.clz32(${x} ^ (${x} >> 31)) - ${bias})`);
  return true;
}

function vclz(s: DisasContext, f: Fields): boolean {
  if (!start(s, f, notD64)) return false;
  const bias = 32 - (8 << f.s);
  perLane(s, f, false, (x) => bias ? `(Math.clz32(${x}) - ${bias})` : `Math.clz32(${x})`);
  return true;
}

function vcnt(s: DisasContext, f: Fields): boolean {
  if (!start(s, f, only8)) return false;
  for (let k = 0; k < wordsOf(f.q); k++) {
    const x = `$x${k}`;
    s.emit(`let ${x} = ${word(f.m, k)};`);
    s.emit(`${x} = (${x} & 0x55555555) + ((${x} >>> 1) & 0x55555555);`);
    s.emit(`${x} = (${x} & 0x33333333) + ((${x} >>> 2) & 0x33333333);`);
    s.emit(`${word(f.d, k)} = (${x} & 0x0f0f0f0f) + ((${x} >>> 4) & 0x0f0f0f0f);`);
  }
  return true;
}

function vmvn(s: DisasContext, f: Fields): boolean {
  if (!start(s, f, only8)) return false;
  perWord(s, f, (w) => `~${w}`);
  return true;
}

/** VQABS / VQNEG: saturating absolute value / negation, QC on the most negative lane. */
function vqabsneg(s: DisasContext, f: Fields, neg: boolean): boolean {
  if (!start(s, f, notD64)) return false;
  const [lo, hi] = sRange(f.s);
  satLocals(s);
  perLane(s, f, true, (x) => sat(neg ? `-${x}` : `Math.abs(${x})`, lo, hi));
  commitQc(s);
  return true;
}

/** VCGT VCGE VCEQ VCLE VCLT with #0: all ones where the signed lane compares true. */
function vcmp0(s: DisasContext, f: Fields, rel: string): boolean {
  if (!start(s, f, notD64)) return false;
  perLane(s, f, true, (x) => `(${x} ${rel} 0 ? -1 : 0)`);
  return true;
}

function vabs(s: DisasContext, f: Fields): boolean {
  if (!start(s, f, notD64)) return false;
  perLane(s, f, true, (x) => `(${x} < 0 ? -${x} : ${x})`);
  return true;
}

function vneg(s: DisasContext, f: Fields): boolean {
  if (!start(s, f, notD64)) return false;
  perLane(s, f, true, (x) => `-${x}`);
  return true;
}

/** VMOVN VQMOVUN VQMOVN: `mode` by the op bit (Q position) and opc2. */
function vmovn(s: DisasContext, f: Fields, mode: NarrowMode): boolean {
  if (f.s === Esz.D64 || f.m & 1) return false;
  neonAccessCheck(s);
  vregs(s);
  narrowShift(s, f.s, 0, false, mode, f.d, f.m);
  return true;
}

/** VSHLL with the shift equal to the element size. */
function vshllMax(s: DisasContext, f: Fields): boolean {
  if (f.s === Esz.D64 || f.d & 1) return false;
  neonAccessCheck(s);
  vregs(s);
  widenShift(s, f.s, 8 << f.s, false, f.d, f.m);
  return true;
}

/** Adds the integer two-registers-miscellaneous patterns. */
export function registerNeonMisc(): void {
  addMiscPattern("vrev64", "00", "0000", vrev64);
  addMiscPattern("vrev32", "00", "0001", vrev32);
  addMiscPattern("vrev16", "00", "0010", vrev16);
  addMiscPattern("vpaddl.s", "00", "0100", (s, f) => vpaddl(s, f, true, false));
  addMiscPattern("vpaddl.u", "00", "0101", (s, f) => vpaddl(s, f, false, false));
  addMiscPattern("vcls", "00", "1000", vcls);
  addMiscPattern("vclz", "00", "1001", vclz);
  addMiscPattern("vcnt", "00", "1010", vcnt);
  addMiscPattern("vmvn", "00", "1011", vmvn);
  addMiscPattern("vpadal.s", "00", "1100", (s, f) => vpaddl(s, f, true, true));
  addMiscPattern("vpadal.u", "00", "1101", (s, f) => vpaddl(s, f, false, true));
  addMiscPattern("vqabs", "00", "1110", (s, f) => vqabsneg(s, f, false));
  addMiscPattern("vqneg", "00", "1111", (s, f) => vqabsneg(s, f, true));
  addMiscPattern("vcgt0", "01", "0000", (s, f) => vcmp0(s, f, ">"));
  addMiscPattern("vcge0", "01", "0001", (s, f) => vcmp0(s, f, ">="));
  addMiscPattern("vceq0", "01", "0010", (s, f) => vcmp0(s, f, "==="));
  addMiscPattern("vcle0", "01", "0011", (s, f) => vcmp0(s, f, "<="));
  addMiscPattern("vclt0", "01", "0100", (s, f) => vcmp0(s, f, "<"));
  addMiscPattern("vabs", "01", "0110", vabs);
  addMiscPattern("vneg", "01", "0111", vneg);
  // Bit 6 (the Q position) is part of the opcode here.
  addMiscPattern(
    "vmovn",
    "10",
    "0100",
    (s, f) => vmovn(s, f, f.q ? NarrowMode.SU : NarrowMode.TRUNC),
  );
  addMiscPattern(
    "vqmovn",
    "10",
    "0101",
    (s, f) => vmovn(s, f, f.q ? NarrowMode.UU : NarrowMode.SS),
  );
  addMiscPattern("vshll", "10", "0110", (s, f) => f.q === 0 && vshllMax(s, f));
}
