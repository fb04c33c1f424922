/**
 * Thumb-2 loads and stores: single transfers (immediate, negative/indexed immediate, register,
 * literal and the unprivileged T forms) with the preload hints they share encodings with,
 * LDRD/STRD, the exclusives, TBB/TBH, LDM/STM (PUSH/POP of several registers) and SRS/RFE, as
 * QEMU 7.2 decodes them (t32.decode). Semantics are the A32 emitters'; QEMU's T32-specific
 * choices are made here: a store with Rn = r15 is UNDEFINED, an LDM/STM with fewer than two
 * registers or with writeback to a listed base is UNDEFINED, exclusives with r13 are
 * UNDEFINED, and the literal forms use Align(PC, 4).
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { DisasJump } from "./disas-context.ts";
import type { Fields } from "./decodetree.ts";
import { T32_TABLE } from "./translate-t32-table.ts";
import {
  type Addr,
  BYTE,
  emitDual,
  emitLdm,
  emitLoad,
  emitStm,
  emitStore,
  HALF,
  SBYTE,
  SHALF,
  type Single,
  unpriv,
  WORD,
} from "./translate-a32-ldst.ts";
import { emitLoadExclusive, emitStoreExclusive } from "./translate-a32-excl.ts";
import { emitRfe, emitSrs } from "./translate-a32-sys.ts";

/** Emits a single transfer; Thumb stores with Rn = r15 are UNDEFINED. */
function single(s: DisasContext, load: boolean, op: Single, a: Addr): boolean | void {
  if (load) return emitLoad(s, op, a);
  if (a.rn === 15) return false;
  emitStore(s, op, a);
}

/** The register-offset form: Rn + (Rm LSL #imm2). */
function regOffset(s: DisasContext, f: Fields): string {
  return f.i ? `(${s.reg(f.m)} << ${f.i})` : s.reg(f.m);
}

/** Adds the patterns of one transfer size (`op` bits 24, 22:21) for loads or stores. */
function transfers(name: string, sign: number, size: string, load: boolean, op: Single): void {
  const t = T32_TABLE;
  const l = load ? 1 : 0;
  const hi = `1111 100${sign}`;
  // The load forms of bytes and halfwords with Rt = r15 are preload hints (NOPs).
  const hints = load && op.size < 4;
  const tr =
    (a: (s: DisasContext, f: Fields) => Addr, user = false) => (s: DisasContext, f: Fields) =>
      single(s, load, user ? unpriv(op) : op, a(s, f));
  if (load) {
    if (hints) t.add(name + "_lit_hint", `${hi} -${size}1 1111 1111 ---- ---- ----`, () => {});
    t.add(
      name + "_lit",
      `${hi} u${size}1 1111 tttt iiii iiii iiii`,
      tr((_s, f) => ({ rn: 15, rt: f.t, p: 1, u: f.u, w: 0, off: String(f.i) })),
    );
  }
  if (hints) t.add(name + "_pos_hint", `${hi} 1${size}1 ---- 1111 ---- ---- ----`, () => {});
  t.add(
    name + "_pos",
    `${hi} 1${size}${l} nnnn tttt iiii iiii iiii`,
    tr((_s, f) => ({ rn: f.n, rt: f.t, p: 1, u: 1, w: 0, off: String(f.i) })),
  );
  t.add(
    name + "_idx",
    `${hi} 0${size}${l} nnnn tttt 1pu1 iiii iiii`,
    tr((_s, f) => ({ rn: f.n, rt: f.t, p: f.p, u: f.u, w: 1, off: String(f.i) })),
  );
  if (hints) t.add(name + "_neg_hint", `${hi} 0${size}1 ---- 1111 1100 ---- ----`, () => {});
  t.add(
    name + "_neg",
    `${hi} 0${size}${l} nnnn tttt 1100 iiii iiii`,
    tr((_s, f) => ({ rn: f.n, rt: f.t, p: 1, u: 0, w: 0, off: String(f.i) })),
  );
  t.add(
    name + "T",
    `${hi} 0${size}${l} nnnn tttt 1110 iiii iiii`,
    tr((_s, f) => ({ rn: f.n, rt: f.t, p: 1, u: 1, w: 0, off: String(f.i) }), true),
  );
  if (hints) t.add(name + "_rr_hint", `${hi} 0${size}1 ---- 1111 0000 00-- ----`, () => {});
  t.add(
    name + "_rr",
    `${hi} 0${size}${l} nnnn tttt 0000 00ii mmmm`,
    tr((s, f) => ({ rn: f.n, rt: f.t, p: 1, u: 1, w: 0, off: regOffset(s, f) })),
  );
}

/** LDM/STM (T32): IA or DB, fewer than two registers or writeback to a listed base UNDEF. */
function block(s: DisasContext, f: Fields, load: boolean, before: number): boolean | void {
  let n = 0;
  for (let l = f.l; l; l &= l - 1) n++;
  if (n < 2 || (f.w && (f.l >> f.n) & 1)) return false;
  const b = { l: f.l, n: f.n, w: f.w, p: before, u: before ^ 1 };
  return load ? emitLdm(s, b, false) : emitStm(s, b, false);
}

/** TBB/TBH: branch forward by twice the byte/halfword at Rn + Rm (+ Rm for TBH). */
function tableBranch(s: DisasContext, rn: number, rm: number, half: boolean): void {
  const index = half ? `(${s.reg(rm)} << 1)` : s.reg(rm);
  s.emit(`const $o = ${s.ld(half ? 2 : 1, false, `(${s.reg(rn)} + ${index}) | 0`)};`);
  s.writePcBranch(`${(s.pc + 4) | 0} + $o * 2`);
  s.isJmp = DisasJump.NORETURN;
}

/** Registers the group's patterns. */
export function registerT32LoadStore(): void {
  transfers("STRB", 0, "00", false, BYTE);
  transfers("STRH", 0, "01", false, HALF);
  transfers("STR", 0, "10", false, WORD);
  transfers("LDRB", 0, "00", true, BYTE);
  transfers("LDRH", 0, "01", true, HALF);
  transfers("LDR", 0, "10", true, WORD);
  transfers("LDRSB", 1, "00", true, SBYTE);
  transfers("LDRSH", 1, "01", true, SHALF);

  const t = T32_TABLE;
  // LDRD/STRD: imm8 * 4; P = 0 is post-indexed with writeback.
  const dual = (load: boolean, p: number, w: number) => (s: DisasContext, f: Fields) => {
    const off = String(f.i * 4);
    return emitDual(s, load, { rn: f.n, rt: f.t, p, u: f.u, w, off }, () => off, f.T);
  };
  t.add("STRD_post", "1110 1000 u110 nnnn tttt TTTT iiii iiii", dual(false, 0, 1));
  t.add("LDRD_post", "1110 1000 u111 nnnn tttt TTTT iiii iiii", dual(true, 0, 1));
  t.add("STRD_off", "1110 1001 u100 nnnn tttt TTTT iiii iiii", dual(false, 1, 0));
  t.add("LDRD_off", "1110 1001 u101 nnnn tttt TTTT iiii iiii", dual(true, 1, 0));
  t.add("STRD_pre", "1110 1001 u110 nnnn tttt TTTT iiii iiii", dual(false, 1, 1));
  t.add("LDRD_pre", "1110 1001 u111 nnnn tttt TTTT iiii iiii", dual(true, 1, 1));

  // Exclusives (QEMU UNDEFs the UNPREDICTABLE register choices, r13 included in Thumb).
  const bad = (...r: number[]) => r.some((x) => x === 13 || x === 15);
  t.add("STREX", "1110 1000 0100 nnnn tttt dddd iiii iiii", (s, f) => {
    if (bad(f.d, f.t) || f.n === 15 || f.d === f.n || f.d === f.t) return false;
    emitStoreExclusive(s, 4, f.d, f.n, f.t, 15, f.i * 4);
  });
  t.add("LDREX", "1110 1000 0101 nnnn tttt 1111 iiii iiii", (s, f) => {
    if (bad(f.t) || f.n === 15) return false;
    emitLoadExclusive(s, 4, f.n, f.t, 15, f.i * 4);
  });
  for (const [bits, size] of [["0100", 1], ["0101", 2], ["0111", 8]] as const) {
    t.add(`STREX${size}`, `1110 1000 1100 nnnn tttt TTTT ${bits} dddd`, (s, f) => {
      if (size !== 8 && f.T !== 15) return false;
      if (bad(f.d, f.t) || f.n === 15 || f.d === f.n || f.d === f.t) return false;
      if (size === 8 && (bad(f.T) || f.d === f.T)) return false;
      emitStoreExclusive(s, size, f.d, f.n, f.t, f.T, 0);
    });
  }
  t.add(
    "TBB",
    "1110 1000 1101 nnnn 1111 0000 0000 mmmm",
    (s, f) => tableBranch(s, f.n, f.m, false),
  );
  t.add("TBH", "1110 1000 1101 nnnn 1111 0000 0001 mmmm", (s, f) => tableBranch(s, f.n, f.m, true));
  for (const [bits, size] of [["0100", 1], ["0101", 2], ["0111", 8]] as const) {
    t.add(`LDREX${size}`, `1110 1000 1101 nnnn tttt TTTT ${bits} 1111`, (s, f) => {
      if (size !== 8 && f.T !== 15) return false;
      if (bad(f.t) || f.n === 15) return false;
      if (size === 8 && (bad(f.T) || f.t === f.T)) return false;
      emitLoadExclusive(s, size, f.n, f.t, f.T, 0);
    });
  }

  // Load/store multiple, SRS and RFE (DB: bits 24:23 = 10, IA: 01).
  t.add("SRS_db", "1110 1000 00w0 1101 1100 0000 000m mmmm", (s, f) => emitSrs(s, 1, 0, f.w, f.m));
  t.add("RFE_db", "1110 1000 00w1 nnnn 1100 0000 0000 0000", (s, f) => emitRfe(s, 1, 0, f.w, f.n));
  t.add("STM_ia", "1110 1000 10w0 nnnn llll llll llll llll", (s, f) => block(s, f, false, 0));
  t.add("LDM_ia", "1110 1000 10w1 nnnn llll llll llll llll", (s, f) => block(s, f, true, 0));
  t.add("STM_db", "1110 1001 00w0 nnnn llll llll llll llll", (s, f) => block(s, f, false, 1));
  t.add("LDM_db", "1110 1001 00w1 nnnn llll llll llll llll", (s, f) => block(s, f, true, 1));
  t.add("SRS_ia", "1110 1001 10w0 1101 1100 0000 000m mmmm", (s, f) => emitSrs(s, 0, 1, f.w, f.m));
  t.add("RFE_ia", "1110 1001 10w1 nnnn 1100 0000 0000 0000", (s, f) => emitRfe(s, 0, 1, f.w, f.n));
}
