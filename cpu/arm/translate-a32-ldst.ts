/**
 * A32 loads and stores: word/byte (LDR/STR/LDRB/STRB and the T forms), the "extra" forms
 * (LDRH/STRH/LDRSB/LDRSH and their T forms, LDRD/STRD), and LDM/STM (including PUSH/POP and
 * the user-bank and exception-return forms). Exclusives and SWP are in
 * `translate-a32-excl.ts`, registered from here.
 *
 * The order of memory accesses and register writes follows QEMU 7.2's translate.c, so that a
 * fault part-way through LDRD or LDM leaves the same registers written, and UNPREDICTABLE
 * encodings behave as there (writeback to the pc is a branch, a loaded value wins over
 * writeback in LDR, writeback wins in LDRD; LDM with writeback and the base in the list, and
 * empty lists, are UNDEFINED). LDRD/STRD, LDM/STM always require word alignment.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { DisasJump } from "./disas-context.ts";
import { A32_TABLE } from "./translate-a32.ts";
import type { Fields } from "./decodetree.ts";
import { shiftImmOperand } from "./translate-a32-dp.ts";
import { registerA32Exclusive } from "./translate-a32-excl.ts";
import { Mode } from "./cpu.ts";

/**
 * Emits the check of an access that must be aligned whatever SCTLR.A says (QEMU's MO_ALIGN):
 * `addr` (a constant name) & `mask` must be zero, else an alignment fault.
 */
export function alignCheck(s: DisasContext, addr: string, mask: number, write: boolean): void {
  s.mayFault = true;
  s.emit(`if ((${addr} & ${mask}) !== 0) H.alignFault(cpu, ${addr}, ${write ? 1 : 0});`);
}

/** A single load or store. */
export interface Single {
  /** Access size in bytes. */
  size: 1 | 2 | 4;
  /** Sign-extending load. */
  signed: boolean;
  /** Unprivileged access (the T forms). */
  user: boolean;
}

/** Word, byte, halfword and signed byte/halfword transfers. */
export const WORD: Single = { size: 4, signed: false, user: false };
export const BYTE: Single = { size: 1, signed: false, user: false };
export const HALF: Single = { size: 2, signed: false, user: false };
export const SBYTE: Single = { size: 1, signed: true, user: false };
export const SHALF: Single = { size: 2, signed: true, user: false };
/** The unprivileged (T) form of a transfer. */
export const unpriv = (op: Single): Single => ({ ...op, user: true });

/** Addressing of a single transfer: base, offset expression, P/U/W. */
export interface Addr {
  rn: number;
  rt: number;
  p: number;
  u: number;
  w: number;
  /** Offset expression (read at the access; registers do not change before writeback). */
  off: string;
}

/**
 * The base register of a transfer: the pc reads as Align(PC, 4) (QEMU's add_reg_for_lit; in
 * A32 that is the pc + 8 anyway, in Thumb it matters for the literal forms).
 */
function baseReg(s: DisasContext, rn: number): string {
  return rn === 15 ? s.pcAligned() : s.reg(rn);
}

/** Emits `$b` (base) and `$a` (access address); returns the writeback value or null. */
function emitAddress(s: DisasContext, a: Addr): string | null {
  const op = a.u ? "+" : "-";
  s.emit(`const $b = ${baseReg(s, a.rn)};`);
  s.emit(`const $a = ${a.p ? `($b ${op} ${a.off}) | 0` : "$b"};`);
  if (a.p && !a.w) return null;
  return a.p ? "$a" : `($b ${op} ${a.off}) | 0`;
}

/** Writes back the base register (a write to r15 is a branch, ending the TB). */
function writeBack(s: DisasContext, rn: number, value: string): boolean {
  if (rn !== 15) {
    s.setReg(rn, value);
    return false;
  }
  s.emit(`const $wbpc = ${value};`);
  return true;
}

/** LDR and friends: the load, then base writeback, then Rt (LoadWritePC for the pc). */
export function emitLoad(s: DisasContext, op: Single, a: Addr): void {
  const wb = emitAddress(s, a);
  s.emit(`const $v = ${s.ld(op.size, op.signed, "$a", op.user)};`);
  // Writeback first: with Rn == Rt the loaded value wins (QEMU's order).
  const wbPc = wb !== null && writeBack(s, a.rn, wb);
  if (a.rt === 15) {
    s.writePcInterwork("$v");
    s.isJmp = DisasJump.NORETURN;
    return;
  }
  s.setReg(a.rt, "$v");
  if (wbPc) {
    s.writePcBranch("$wbpc");
    s.isJmp = DisasJump.NORETURN;
  }
}

/** STR and friends (the pc stores as it reads: + 8 in A32, + 4 in Thumb). */
export function emitStore(s: DisasContext, op: Single, a: Addr): void {
  const wb = emitAddress(s, a);
  // STR of the pc stores the instruction address + 8.
  s.st(op.size, "$a", s.reg(a.rt), op.user);
  if (wb !== null && writeBack(s, a.rn, wb)) {
    s.writePcBranch("$wbpc");
    s.isJmp = DisasJump.NORETURN;
  }
}

/** Shifted-register offset of the word/byte forms. */
function regOffset(s: DisasContext, f: Fields): string {
  return `(${shiftImmOperand(s, s.reg(f.m), f.t, f.a).value})`;
}

/**
 * LDRD/STRD (QEMU: two word accesses, each MO_ALIGN; Rt is written before the second load).
 * `rt2` is given by T32 encodings; A32 requires an even Rt and uses Rt + 1.
 */
export function emitDual(
  s: DisasContext,
  load: boolean,
  a: Addr,
  postOff: () => string,
  rt2 = -1,
): boolean {
  if (rt2 < 0) {
    if (a.rt & 1) return false;
    rt2 = a.rt + 1;
  }
  const op = a.u ? "+" : "-";
  s.emit(`const $b = ${baseReg(s, a.rn)};`);
  s.emit(`const $a = ${a.p ? `($b ${op} ${a.off}) | 0` : "$b"};`);
  alignCheck(s, "$a", 3, !load);
  let hiToPc = false;
  if (load) {
    s.emit(`const $lo = ${s.ld(4, false, "$a")};`);
    s.setReg(a.rt, "$lo");
    s.emit(`const $hi = ${s.ld(4, false, "($a + 4) | 0")};`);
    if (rt2 === 15) hiToPc = true;
    else s.setReg(rt2, "$hi");
  } else {
    s.st(4, "$a", s.reg(a.rt));
    s.st(4, "($a + 4) | 0", s.reg(rt2));
  }
  // Post-indexing reads the offset register now, after Rt/Rt2 were written (as QEMU does).
  let wbPc = false;
  if (!a.p) wbPc = writeBack(s, a.rn, `($b ${op} ${postOff()}) | 0`);
  else if (a.w) wbPc = writeBack(s, a.rn, "$a");
  if (hiToPc) {
    s.writePcBranch("$hi");
    s.isJmp = DisasJump.NORETURN;
  } else if (wbPc) {
    s.writePcBranch("$wbpc");
    s.isJmp = DisasJump.NORETURN;
  }
  return true;
}

/** Registers the group's patterns. */
export function registerA32LoadStore(): void {
  const t = A32_TABLE;
  // Word and byte, immediate offset: the T forms (P=0, W=1) first.
  const wordByte = (name: string, b: number, l: number, op: Single) => {
    t.add(name + "T_i", `cccc 0100 u${b}1${l} nnnn tttt iiii iiii iiii`, (s, f) => {
      const a = { rn: f.n, rt: f.t, p: 0, u: f.u, w: 0, off: String(f.i) };
      (l ? emitLoad : emitStore)(s, unpriv(op), a);
    });
    t.add(name + "T_r", `cccc 0110 u${b}1${l} nnnn TTTT aaaa att0 mmmm`, (s, f) => {
      const a = { rn: f.n, rt: f.T, p: 0, u: f.u, w: 0, off: regOffset(s, f) };
      (l ? emitLoad : emitStore)(s, unpriv(op), a);
    });
    t.add(name + "_i", `cccc 010p u${b}w${l} nnnn tttt iiii iiii iiii`, (s, f) => {
      const a = { rn: f.n, rt: f.t, p: f.p, u: f.u, w: f.w, off: String(f.i) };
      (l ? emitLoad : emitStore)(s, op, a);
    });
    t.add(name + "_r", `cccc 011p u${b}w${l} nnnn TTTT aaaa att0 mmmm`, (s, f) => {
      const a = { rn: f.n, rt: f.T, p: f.p, u: f.u, w: f.w, off: regOffset(s, f) };
      (l ? emitLoad : emitStore)(s, op, a);
    });
  };
  wordByte("STR", 0, 0, WORD);
  wordByte("LDR", 0, 1, WORD);
  wordByte("STRB", 1, 0, BYTE);
  wordByte("LDRB", 1, 1, BYTE);

  // Extra load/store: op2 in bits 6:5 (01 H, 10 D/SB, 11 D/SH); bit 22 = immediate form.
  // P=0 W=1 selects the T forms of the halfword/signed ones; for LDRD/STRD it is UNDEFINED.
  const extra = (name: string, l: number, sh: string, op: Single | "ldrd" | "strd") => {
    const emit = (s: DisasContext, f: Fields, off: string, postOff: () => string) => {
      const a = { rn: f.n, rt: f.t, p: f.p, u: f.u, w: f.w, off };
      if (op === "ldrd" || op === "strd") {
        if (!f.p && f.w) return false;
        return emitDual(s, op === "ldrd", a, postOff);
      }
      if (!f.p && f.w) {
        (l ? emitLoad : emitStore)(s, unpriv(op), { ...a, w: 0 });
      } else {
        (l ? emitLoad : emitStore)(s, op, a);
      }
    };
    t.add(name + "_i", `cccc 000p u1w${l} nnnn tttt iiii 1${sh}1 jjjj`, (s, f) => {
      const imm = String((f.i << 4) | f.j);
      return emit(s, f, imm, () => imm);
    });
    t.add(
      name + "_r",
      `cccc 000p u0w${l} nnnn tttt 0000 1${sh}1 mmmm`,
      (s, f) => emit(s, f, s.reg(f.m), () => s.reg(f.m)),
    );
  };
  extra("STRH", 0, "01", HALF);
  extra("LDRH", 1, "01", HALF);
  extra("LDRSB", 1, "10", SBYTE);
  extra("LDRSH", 1, "11", SHALF);
  extra("LDRD", 0, "10", "ldrd");
  extra("STRD", 0, "11", "strd");

  t.add("LDM", "cccc 100p u0w1 nnnn llll llll llll llll", (s, f) => emitLdm(s, f, false));
  t.add("STM", "cccc 100p u0w0 nnnn llll llll llll llll", (s, f) => emitStm(s, f, false));
  t.add("LDM_user", "cccc 100p u1w1 nnnn llll llll llll llll", (s, f) => emitLdm(s, f, true));
  t.add("STM_user", "cccc 100p u1w0 nnnn llll llll llll llll", (s, f) => emitStm(s, f, true));

  registerA32Exclusive();
}

/** Start address and writeback value of a block transfer of `count` words from `$b`. */
function blockAddrs(f: Fields, count: number): { start: string; wbValue: string } {
  let startOff: number;
  if (f.u) startOff = f.p ? 4 : 0;
  else startOff = f.p ? -4 * count : -4 * count + 4;
  const wbOff = f.u ? 4 * count : -4 * count;
  return { start: `($b + ${startOff}) | 0`, wbValue: `($b + ${wbOff}) | 0` };
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

/**
 * Where a User-mode register lives while the CPU is in `mode` (QEMU's get/set_user_reg):
 * r13/r14 always in the USR/SYS bank slot, r8–r12 in the saved copy in FIQ mode, else the
 * register itself (null).
 */
function userRegSlot(mode: number, r: number): string | null {
  if (r === 13) return "cpu.bankedR13[0]";
  if (r === 14) return "cpu.bankedR14[0]";
  if (r >= 8 && mode === Mode.FIQ) return `cpu.usrR8to12[${r - 8}]`;
  return null;
}

/**
 * LDM: plain, user-bank (^ without pc) or exception return (^ with pc). Fields: `l` list, `n`
 * base, `w` writeback, `p`/`u` before/increment.
 */
export function emitLdm(s: DisasContext, f: Fields, user: boolean): boolean | void {
  let excReturn = false;
  if (user) {
    if (s.user) return false;
    if (f.l & 0x8000) {
      excReturn = true;
      user = false;
    } else if (f.w) return false;
  }
  const count = popcount(f.l);
  if (count < 1 || f.n === 15) return false;
  // v7: writeback with the base in the list is UNPREDICTABLE; QEMU makes it UNDEFINED.
  if (f.w && f.l & (1 << f.n)) return false;
  s.emit(`const $b = ${s.reg(f.n)};`);
  const { start, wbValue } = blockAddrs(f, count);
  s.emit(`const $a = ${start};`);
  alignCheck(s, "$a", 3, false);
  let k = 0;
  let loadedBase = false;
  for (let r = 0; r < 16; r++) {
    if (!(f.l & (1 << r))) continue;
    const v = `$v${r}`;
    s.emit(`const ${v} = ${s.ld(4, false, `($a + ${4 * k++}) | 0`)};`);
    if (user) {
      const slot = userRegSlot(s.mode, r);
      if (slot) s.emit(`${slot} = ${v};`);
      else s.setReg(r, v);
    } else if (r === f.n) loadedBase = true;
    else if (r !== 15) s.setReg(r, v);
  }
  if (f.w) s.setReg(f.n, wbValue);
  if (loadedBase) s.setReg(f.n, `$v${f.n}`);
  if (excReturn) {
    s.sync();
    s.emit(`H.exceptionReturn(cpu, $v15, cpu.spsr); return 2;`);
    s.isJmp = DisasJump.NORETURN;
  } else if (f.l & 0x8000) {
    s.writePcInterwork("$v15");
    s.isJmp = DisasJump.NORETURN;
  }
}

/** STM, and STM ^ (the User-mode registers; writeback is allowed as in QEMU). Fields as LDM. */
export function emitStm(s: DisasContext, f: Fields, user: boolean): boolean | void {
  if (user && s.user) return false;
  const count = popcount(f.l);
  if (count < 1 || f.n === 15) return false;
  s.emit(`const $b = ${s.reg(f.n)};`);
  const { start, wbValue } = blockAddrs(f, count);
  s.emit(`const $a = ${start};`);
  alignCheck(s, "$a", 3, true);
  let k = 0;
  for (let r = 0; r < 16; r++) {
    if (!(f.l & (1 << r))) continue;
    const slot = user && r !== 15 ? userRegSlot(s.mode, r) : null;
    s.st(4, `($a + ${4 * k++}) | 0`, slot ?? s.reg(r));
  }
  if (f.w) s.setReg(f.n, wbValue);
}
