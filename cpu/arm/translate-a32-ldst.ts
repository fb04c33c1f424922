/**
 * A32 loads and stores: word/byte (LDR/STR/LDRB/STRB and the T forms), the "extra" forms
 * (LDRH/STRH/LDRSB/LDRSH/LDRD/STRD), and LDM/STM (including PUSH/POP and the user-bank and
 * exception-return forms).
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { DisasJump } from "./disas-context.ts";
import { A32_TABLE } from "./translate-a32.ts";
import type { Fields } from "./decodetree.ts";
import { shiftImmOperand } from "./translate-a32-dp.ts";

/**
 * Emits the address computation for a single load/store: returns the expression of the
 * access address and the statement that performs writeback (or "").
 */
function address(s: DisasContext, rn: number, p: number, u: number, w: number, offset: string) {
  const base = s.reg(rn);
  s.emit(`const $base = ${base}, $off = ${offset};`);
  s.emit(`const $ea = ${u ? "($base + $off) | 0" : "($base - $off) | 0"};`);
  const addr = p ? "$ea" : "$base";
  const wb = p === 0 || w === 1;
  return { addr, wb };
}

/** The access's offset expression: 12-bit immediate, or shifted register. */
function offsetImm(f: Fields): string {
  return String(f.i);
}

function offsetReg(s: DisasContext, f: Fields): string {
  const o = shiftImmOperand(s, s.reg(f.m), f.t, f.a);
  return o.value;
}

/** Emits LDR/LDRB (`size` 4 or 1) with loaded value committed after writeback. */
function emitLoad(
  s: DisasContext,
  f: Fields,
  size: 1 | 2 | 4,
  signed: boolean,
  offset: string,
  user = false,
): boolean | void {
  const { addr, wb } = address(s, f.n, f.p, f.u, f.w, offset);
  if (wb && (f.n === 15 || f.n === f.t2)) return false;
  s.emit(`const $v = ${s.ld(size, signed, addr, user)};`);
  if (wb) s.setReg(f.n, "$ea");
  if (f.t2 === 15) {
    if (size !== 4) return false;
    s.writePcInterwork("$v");
    s.isJmp = DisasJump.NORETURN;
  } else {
    s.setReg(f.t2, "$v");
  }
}

function emitStore(s: DisasContext, f: Fields, size: 1 | 2 | 4, offset: string, user = false) {
  const { addr, wb } = address(s, f.n, f.p, f.u, f.w, offset);
  if (wb && f.n === 15) return false;
  // STR of pc stores the instruction address + 8.
  s.st(size, addr, s.reg(f.t2), user);
  if (wb) s.setReg(f.n, "$ea");
}

/** Registers the group's patterns. */
export function registerA32LoadStore(): void {
  const t = A32_TABLE;
  // LDRT/STRT/LDRBT/STRBT: post-indexed with W=1 means "unprivileged".
  t.add(
    "STRT_i",
    "cccc 0100 u0 1 0 nnnn tttt iiii iiii iiii",
    (s, f) => emitStore(s, { ...f, t2: f.t, p: 0, w: 0 }, 4, offsetImm(f), true),
  );
  t.add(
    "LDRT_i",
    "cccc 0100 u0 1 1 nnnn tttt iiii iiii iiii",
    (s, f) => emitLoad(s, { ...f, t2: f.t, p: 0, w: 0 }, 4, false, offsetImm(f), true),
  );
  t.add(
    "STRBT_i",
    "cccc 0100 u1 1 0 nnnn tttt iiii iiii iiii",
    (s, f) => emitStore(s, { ...f, t2: f.t, p: 0, w: 0 }, 1, offsetImm(f), true),
  );
  t.add(
    "LDRBT_i",
    "cccc 0100 u1 1 1 nnnn tttt iiii iiii iiii",
    (s, f) => emitLoad(s, { ...f, t2: f.t, p: 0, w: 0 }, 1, false, offsetImm(f), true),
  );
  t.add(
    "STRT_r",
    "cccc 0110 u0 1 0 nnnn TTTT aaaa att0 mmmm",
    (s, f) => emitStore(s, { ...f, t2: f.T, p: 0, w: 0 }, 4, offsetReg(s, f), true),
  );
  t.add(
    "LDRT_r",
    "cccc 0110 u0 1 1 nnnn TTTT aaaa att0 mmmm",
    (s, f) => emitLoad(s, { ...f, t2: f.T, p: 0, w: 0 }, 4, false, offsetReg(s, f), true),
  );
  t.add(
    "STRBT_r",
    "cccc 0110 u1 1 0 nnnn TTTT aaaa att0 mmmm",
    (s, f) => emitStore(s, { ...f, t2: f.T, p: 0, w: 0 }, 1, offsetReg(s, f), true),
  );
  t.add(
    "LDRBT_r",
    "cccc 0110 u1 1 1 nnnn TTTT aaaa att0 mmmm",
    (s, f) => emitLoad(s, { ...f, t2: f.T, p: 0, w: 0 }, 1, false, offsetReg(s, f), true),
  );

  t.add(
    "STR_i",
    "cccc 010p u0w0 nnnn tttt iiii iiii iiii",
    (s, f) => emitStore(s, { ...f, t2: f.t }, 4, offsetImm(f)),
  );
  t.add(
    "LDR_i",
    "cccc 010p u0w1 nnnn tttt iiii iiii iiii",
    (s, f) => emitLoad(s, { ...f, t2: f.t }, 4, false, offsetImm(f)),
  );
  t.add(
    "STRB_i",
    "cccc 010p u1w0 nnnn tttt iiii iiii iiii",
    (s, f) => emitStore(s, { ...f, t2: f.t }, 1, offsetImm(f)),
  );
  t.add(
    "LDRB_i",
    "cccc 010p u1w1 nnnn tttt iiii iiii iiii",
    (s, f) => emitLoad(s, { ...f, t2: f.t }, 1, false, offsetImm(f)),
  );
  t.add(
    "STR_r",
    "cccc 011p u0w0 nnnn TTTT aaaa att0 mmmm",
    (s, f) => emitStore(s, { ...f, t2: f.T }, 4, offsetReg(s, f)),
  );
  t.add(
    "LDR_r",
    "cccc 011p u0w1 nnnn TTTT aaaa att0 mmmm",
    (s, f) => emitLoad(s, { ...f, t2: f.T }, 4, false, offsetReg(s, f)),
  );
  t.add(
    "STRB_r",
    "cccc 011p u1w0 nnnn TTTT aaaa att0 mmmm",
    (s, f) => emitStore(s, { ...f, t2: f.T }, 1, offsetReg(s, f)),
  );
  t.add(
    "LDRB_r",
    "cccc 011p u1w1 nnnn TTTT aaaa att0 mmmm",
    (s, f) => emitLoad(s, { ...f, t2: f.T }, 1, false, offsetReg(s, f)),
  );

  // Extra load/store: op2 in bits 6:5 (01 H, 10 D/SB, 11 D/SH); bit 22 = immediate form.
  const extra = (
    name: string,
    l: number,
    sh: string,
    emit: (s: DisasContext, f: Fields, off: string) => boolean | void,
  ) => {
    t.add(
      name + "_i",
      `cccc 000p u1w${l} nnnn tttt iiii 1${sh}1 jjjj`,
      (s, f) => emit(s, f, String((f.i << 4) | f.j)),
    );
    t.add(name + "_r", `cccc 000p u0w${l} nnnn tttt 0000 1${sh}1 mmmm`, (s, f) => {
      if (f.m === 15) return false;
      return emit(s, f, s.reg(f.m));
    });
  };
  const plain = (f: Fields) => f.p === 1 || f.w === 0;
  extra("STRH", 0, "01", (s, f, off) => plain(f) ? emitStore(s, { ...f, t2: f.t }, 2, off) : false);
  extra(
    "LDRH",
    1,
    "01",
    (s, f, off) => plain(f) ? emitLoad(s, { ...f, t2: f.t }, 2, false, off) : false,
  );
  extra(
    "LDRSB",
    1,
    "10",
    (s, f, off) => plain(f) ? emitLoad(s, { ...f, t2: f.t }, 1, true, off) : false,
  );
  extra(
    "LDRSH",
    1,
    "11",
    (s, f, off) => plain(f) ? emitLoad(s, { ...f, t2: f.t }, 2, true, off) : false,
  );
  extra("LDRD", 0, "10", (s, f, off) => {
    if (!plain(f) || f.t & 1 || f.t === 14) return false;
    const { addr, wb } = address(s, f.n, f.p, f.u, f.w, off);
    if (wb && (f.n === 15 || f.n === f.t || f.n === f.t + 1)) return false;
    s.emit(`const $a0 = ${addr};`);
    s.emit(`const $lo = ${s.ld(4, false, "$a0")}, $hi = ${s.ld(4, false, "($a0 + 4) | 0")};`);
    if (wb) s.setReg(f.n, "$ea");
    s.setReg(f.t, "$lo");
    s.setReg(f.t + 1, "$hi");
  });
  extra("STRD", 0, "11", (s, f, off) => {
    if (!plain(f) || f.t & 1 || f.t === 14) return false;
    const { addr, wb } = address(s, f.n, f.p, f.u, f.w, off);
    if (wb && f.n === 15) return false;
    s.emit(`const $a0 = ${addr};`);
    s.st(4, "$a0", s.reg(f.t));
    s.st(4, "($a0 + 4) | 0", s.reg(f.t + 1));
    if (wb) s.setReg(f.n, "$ea");
  });

  t.add("LDM", "cccc 100p u0w1 nnnn llll llll llll llll", (s, f) => emitLdm(s, f));
  t.add("STM", "cccc 100p u0w0 nnnn llll llll llll llll", (s, f) => emitStm(s, f));
  t.add("LDM_user", "cccc 100p u1w1 nnnn llll llll llll llll", (s, f) => emitLdmUser(s, f));
  t.add("STM_user", "cccc 100p u1 0 0 nnnn llll llll llll llll", (s, f) => emitStmUser(s, f));
}

/** Lowest address and the address list of a block transfer. */
function blockAddrs(s: DisasContext, f: Fields): { count: number; start: string; wbValue: string } {
  const count = popcount(f.l);
  const base = s.reg(f.n);
  let startOff: number;
  if (f.u) startOff = f.p ? 4 : 0;
  else startOff = f.p ? -4 * count : -4 * count + 4;
  const wbOff = f.u ? 4 * count : -4 * count;
  s.emit(`const $b = ${base};`);
  return { count, start: `($b + ${startOff}) | 0`, wbValue: `($b + ${wbOff}) | 0` };
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

function emitLdm(s: DisasContext, f: Fields) {
  if (f.n === 15 || f.l === 0) return false;
  const { start, wbValue } = blockAddrs(s, f);
  s.emit(`const $a = ${start};`);
  let k = 0;
  const loaded: [number, string][] = [];
  for (let r = 0; r < 16; r++) {
    if (!(f.l & (1 << r))) continue;
    s.emit(`const $v${r} = ${s.ld(4, false, `($a + ${4 * k}) | 0`)};`);
    loaded.push([r, `$v${r}`]);
    k++;
  }
  // Writeback first; a loaded base register wins (its value is UNKNOWN if in the list with
  // writeback, which we treat as the loaded value, as QEMU does).
  if (f.w) s.setReg(f.n, wbValue);
  for (const [r, v] of loaded) if (r !== 15) s.setReg(r, v);
  if (f.l & 0x8000) {
    s.writePcInterwork("$v15");
    s.isJmp = DisasJump.NORETURN;
  }
}

function emitStm(s: DisasContext, f: Fields) {
  if (f.n === 15 || f.l === 0) return false;
  const { start, wbValue } = blockAddrs(s, f);
  s.emit(`const $a = ${start};`);
  let k = 0;
  for (let r = 0; r < 16; r++) {
    if (!(f.l & (1 << r))) continue;
    s.st(4, `($a + ${4 * k}) | 0`, s.reg(r));
    k++;
  }
  if (f.w) s.setReg(f.n, wbValue);
}

/** LDM with ^: user-bank registers (no pc) or exception return (pc in list). */
function emitLdmUser(s: DisasContext, f: Fields) {
  if (f.n === 15 || f.l === 0) return false;
  const excReturn = (f.l & 0x8000) !== 0;
  if (!excReturn && f.w) return false; // UNPREDICTABLE
  if (s.user) return false; // UNPREDICTABLE in User mode; QEMU treats as UNDEFINED? keep simple
  const { start, wbValue } = blockAddrs(s, f);
  s.emit(`const $a = ${start};`);
  let k = 0;
  const vals: number[] = [];
  for (let r = 0; r < 16; r++) {
    if (!(f.l & (1 << r))) continue;
    s.emit(`const $v${r} = ${s.ld(4, false, `($a + ${4 * k}) | 0`)};`);
    vals.push(r);
    k++;
  }
  if (excReturn) {
    if (f.w) s.setReg(f.n, wbValue);
    for (const r of vals) if (r !== 15) s.setReg(r, `$v${r}`);
    s.sync();
    s.emit(`H.exceptionReturn(cpu, $v15, cpu.spsr); return 2;`);
    s.isJmp = DisasJump.NORETURN;
    return;
  }
  s.sync();
  for (const r of vals) s.emit(`H.setUserReg(cpu, ${r}, $v${r});`);
  s.reload();
}

/** STM with ^: stores the User-mode registers. */
function emitStmUser(s: DisasContext, f: Fields) {
  if (f.n === 15 || f.l === 0 || s.user) return false;
  const { start } = blockAddrs(s, f);
  s.sync();
  s.emit(`const $a = ${start};`);
  let k = 0;
  for (let r = 0; r < 16; r++) {
    if (!(f.l & (1 << r))) continue;
    const v = r === 15 ? s.reg(15) : `H.getUserReg(cpu, ${r})`;
    s.st(4, `($a + ${4 * k}) | 0`, v);
    k++;
  }
}
