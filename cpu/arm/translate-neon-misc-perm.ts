/**
 * Advanced SIMD permutes: VSWP VTRN VUZP VZIP (two registers, miscellaneous), VEXT, VTBL/VTBX
 * and VDUP (scalar).
 *
 * VTRN, VUZP and VZIP with Vd = Vm are UNPREDICTABLE; they behave as in QEMU 7.2, whose order of
 * reads and writes is reproduced: VTRN works word by word writing Vm then Vd, VUZP/VZIP compute
 * both results from the old values and write Vm then Vd. VTBL/VTBX read the index vector and
 * (VTBX) the old Vd first and the table as it is, so Vd may be in the table. A table list running
 * past d31 is UNDEFINED (QEMU's choice for the UNPREDICTABLE case), as are VZIP/VUZP .32 in D
 * form, the size-3 forms, VSWP with size != 0, VEXT with imm4 > 7 in D form and VDUP with
 * imm4 = x000.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import type { Fields } from "./decodetree.ts";
import { addNeonPattern, dreg, neonAccessCheck, oddQ } from "./translate-neon.ts";
import { dup, Esz, lane, vregs, word, wordsOf } from "./translate-neon-shift-lanes.ts";
import { addMiscPattern } from "./translate-neon-misc.ts";

function vswp(s: DisasContext, f: Fields): boolean {
  if (f.s !== 0 || oddQ(f.q, f.d, f.m)) return false;
  neonAccessCheck(s);
  vregs(s);
  const n = wordsOf(f.q);
  for (let k = 0; k < n; k++) s.emit(`const $m${k} = ${word(f.m, k)}, $d${k} = ${word(f.d, k)};`);
  for (let k = 0; k < n; k++) s.emit(`${word(f.d, k)} = $m${k}; ${word(f.m, k)} = $d${k};`);
  return true;
}

function vtrn(s: DisasContext, f: Fields): boolean {
  if (oddQ(f.q, f.d, f.m) || f.s === Esz.D64) return false;
  neonAccessCheck(s);
  vregs(s);
  const n = wordsOf(f.q);
  if (f.s === Esz.W32) {
    for (let k = 0; k < n; k += 2) {
      s.emit(`{ const $a = ${word(f.m, k)}, $b = ${word(f.d, k + 1)};`);
      s.emit(`${word(f.m, k)} = $b; ${word(f.d, k + 1)} = $a; }`);
    }
    return true;
  }
  // New Vd word: its even lanes and Vm's even lanes moved up; new Vm: Vd's odd lanes moved down
  // and Vm's odd lanes.
  const [even, bits] = f.s === Esz.B8 ? [0x00ff00ff, 8] : [0x0000ffff, 16];
  const odd = ~even;
  for (let k = 0; k < n; k++) {
    s.emit(`{ const $a = ${word(f.m, k)}, $b = ${word(f.d, k)};`);
    s.emit(`${word(f.m, k)} = (($b >>> ${bits}) & ${even}) | ($a & ${odd});`);
    s.emit(`${word(f.d, k)} = (($a << ${bits}) & ${odd}) | ($b & ${even}); }`);
  }
  return true;
}

/** VUZP / VZIP through the helper (8/16-bit D and 8/16/32-bit Q forms). */
function vzip(s: DisasContext, f: Fields, unzip: boolean): boolean {
  if (oddQ(f.q, f.d, f.m)) return false;
  if (f.s === Esz.D64 || (f.s === Esz.W32 && f.q === 0)) return false;
  neonAccessCheck(s);
  s.emit(`H.neonShZip(cpu.vfp.i32, ${2 * f.d}, ${2 * f.m}, ${f.s}, ${wordsOf(f.q)}, ${unzip});`);
  return true;
}

/** VEXT: bytes imm.. of the concatenation Vm:Vn (Vn lowest). */
function vext(s: DisasContext, f: Fields): boolean {
  const vn = dreg(f.n, f.N);
  if (oddQ(f.q, f.d, vn, f.m)) return false;
  if (f.i > 7 && f.q === 0) return false;
  neonAccessCheck(s);
  vregs(s);
  const n = wordsOf(f.q);
  const src: string[] = [];
  for (let k = 0; k < n; k++) src.push(word(vn, k));
  for (let k = 0; k < n; k++) src.push(word(f.m, k));
  const first = f.i >> 2, r = (f.i & 3) * 8;
  const needed = r ? n + 1 : n;
  for (let k = 0; k < needed; k++) s.emit(`const $s${k} = ${src[first + k]};`);
  for (let k = 0; k < n; k++) {
    const v = r ? `($s${k} >>> ${r}) | ($s${k + 1} << ${32 - r})` : `$s${k}`;
    s.emit(`${word(f.d, k)} = ${v};`);
  }
  return true;
}

/** VTBL / VTBX (x = 1) with a list of len + 1 registers from Dn. */
function vtbl(s: DisasContext, f: Fields): boolean {
  const vn = dreg(f.n, f.N);
  if (vn + f.l + 1 > 32) return false;
  neonAccessCheck(s);
  s.emit(`H.neonShTbl(cpu.vfp.i32, ${2 * f.d}, ${vn}, ${f.l + 1}, ${2 * f.m}, ${f.x === 1});`);
  return true;
}

/** VDUP (scalar): Dm[index] replicated into Dd or Qd. */
function vdup(s: DisasContext, f: Fields): boolean {
  const imm = f.i;
  const sz = imm & 1 ? Esz.B8 : imm & 2 ? Esz.H16 : imm & 4 ? Esz.W32 : -1;
  if (sz < 0 || (f.d & f.q)) return false;
  neonAccessCheck(s);
  vregs(s);
  const index = imm >> (sz + 1);
  const perWord = 4 >> sz;
  const w = word(f.m, Math.floor(index / perWord));
  const x = lane(w, sz, index % perWord, false);
  s.emit(`const $x = ${sz === Esz.W32 ? w : `Math.imul(${x}, ${dup(1, sz)})`};`);
  for (let k = 0; k < wordsOf(f.q); k++) s.emit(`${word(f.d, k)} = $x;`);
  return true;
}

/** Adds the permute patterns. */
export function registerNeonPermute(): void {
  addMiscPattern("vswp", "10", "0000", vswp);
  addMiscPattern("vtrn", "10", "0001", vtrn);
  addMiscPattern("vuzp", "10", "0010", (s, f) => vzip(s, f, true));
  addMiscPattern("vzip", "10", "0011", (s, f) => vzip(s, f, false));
  addNeonPattern("vext", "1111 0010 1d11 nnnn dddd iiii Nqm0 mmmm", vext);
  addNeonPattern("vtbl", "1111 0011 1d11 nnnn dddd 10ll Nxm0 mmmm", vtbl);
  addNeonPattern("vdup.scalar", "1111 0011 1d11 iiii dddd 1100 0qm0 mmmm", vdup);
}
