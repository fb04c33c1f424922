/**
 * A32 synchronisation primitives: LDREX/STREX (word, byte, halfword, doubleword), CLREX and
 * SWP/SWPB, as QEMU 7.2 runs them on one vCPU.
 *
 * The local monitor is QEMU's: `cpu.exclusiveAddr` holds the address of the last
 * load-exclusive (-1 when clear) and `cpu.exclusiveVal`/`exclusiveHigh` the value it read
 * (QEMU's 64-bit exclusive_val: low and high words). A store-exclusive succeeds when its
 * address equals the monitor's and memory still holds the value read: QEMU does this as a
 * compare-and-swap that, without parallel vCPUs, loads, compares and always stores (the old
 * value when the compare fails); the status is whether the old value differs from the full
 * low word of exclusive_val, so a STREXB after an LDREX of a word can store and still report
 * failure. Every store-exclusive clears the monitor; exceptions do not.
 *
 * All of them need natural alignment (doubleword for LDREXD/STREXD, word for SWP) whatever
 * SCTLR.A says; the alignment fault comes from the load, so it never has WnR set.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { DisasJump } from "./disas-context.ts";
import { A32_TABLE, A32_UNCOND_TABLE } from "./translate-a32.ts";
import { alignCheck } from "./translate-a32-ldst.ts";

/** Mask of the low `size` bytes. */
function sizeMask(size: 1 | 2 | 4): number {
  return size === 4 ? -1 : size === 2 ? 0xffff : 0xff;
}

/** Writes Rt from an expression; Rt = 15 is a branch (QEMU's store_reg), ending the TB. */
function setRegOrBranch(s: DisasContext, rt: number, v: string): void {
  if (rt !== 15) {
    s.setReg(rt, v);
    return;
  }
  s.writePcBranch(v);
  s.isJmp = DisasJump.NORETURN;
}

function emitSwp(s: DisasContext, size: 1 | 4, rn: number, rt: number, rt2: number): void {
  s.emit(`const $a = ${s.reg(rn)};`);
  s.emit(`const $n = ${s.reg(rt2)};`);
  if (size === 4) alignCheck(s, "$a", 3, false);
  s.emit(`const $o = ${s.ld(size, false, "$a")};`);
  s.st(size, "$a", "$n");
  setRegOrBranch(s, rt, "$o");
}

function emitLdrex(s: DisasContext, size: 1 | 2 | 4 | 8, rn: number, rt: number): boolean {
  if (rn === 15 || rt === 15) return false;
  if (size === 8 && (rt & 1 || rt === 14)) return false;
  emitLoadExclusive(s, size, rn, rt, rt + 1, 0);
  return true;
}

/**
 * The load-exclusive itself (QEMU's gen_load_exclusive) at Rn + `imm`, into Rt (and `rt2` for
 * the doubleword); the caller has rejected the register choices its encoding makes UNDEFINED.
 */
export function emitLoadExclusive(
  s: DisasContext,
  size: 1 | 2 | 4 | 8,
  rn: number,
  rt: number,
  rt2: number,
  imm: number,
): void {
  s.emit(`const $a = ${imm ? `(${s.reg(rn)} + ${imm}) | 0` : s.reg(rn)};`);
  if (size > 1) alignCheck(s, "$a", size - 1, false);
  if (size === 8) {
    s.emit(`const $lo = ${s.ld(4, false, "$a")}, $hi = ${s.ld(4, false, "($a + 4) | 0")};`);
    // exclusive_val is the 64-bit value as loaded: its low word is at the higher address
    // when data is big-endian.
    const [low, high] = s.bigEndian ? ["$hi", "$lo"] : ["$lo", "$hi"];
    s.emit(`cpu.exclusiveVal = ${low}; cpu.exclusiveHigh = ${high};`);
    s.setReg(rt, "$lo");
    s.setReg(rt2, "$hi");
  } else {
    s.emit(`const $v = ${s.ld(size, false, "$a")};`);
    s.emit("cpu.exclusiveVal = $v; cpu.exclusiveHigh = 0;");
    s.setReg(rt, "$v");
  }
  s.emit("cpu.exclusiveAddr = $a >>> 0;");
}

function emitStrex(
  s: DisasContext,
  size: 1 | 2 | 4 | 8,
  rd: number,
  rn: number,
  rt: number,
): boolean {
  // QEMU makes these UNPREDICTABLE cases UNDEFINED.
  if (rd === 15 || rn === 15 || rt === 15 || rd === rn || rd === rt) return false;
  if (size === 8 && (rt & 1 || rt === 14 || rd === rt + 1)) return false;
  emitStoreExclusive(s, size, rd, rn, rt, rt + 1, 0);
  return true;
}

/**
 * The store-exclusive itself (QEMU's gen_store_exclusive) at Rn + `imm` of Rt (and `rt2`),
 * status to Rd; the caller has rejected the register choices its encoding makes UNDEFINED.
 */
export function emitStoreExclusive(
  s: DisasContext,
  size: 1 | 2 | 4 | 8,
  rd: number,
  rn: number,
  rt: number,
  rt2: number,
  imm: number,
): void {
  s.emit(`const $a = ${imm ? `(${s.reg(rn)} + ${imm}) | 0` : s.reg(rn)};`);
  s.emit("let $st = 1;");
  s.emit("if (($a >>> 0) === cpu.exclusiveAddr) {");
  if (size > 1) alignCheck(s, "$a", size - 1, false);
  if (size === 8) {
    const [first, second] = s.bigEndian
      ? ["cpu.exclusiveHigh", "cpu.exclusiveVal"]
      : ["cpu.exclusiveVal", "cpu.exclusiveHigh"];
    s.emit(`const $o0 = ${s.ld(4, false, "$a")}, $o1 = ${s.ld(4, false, "($a + 4) | 0")};`);
    s.emit(`const $eq = $o0 === ${first} && $o1 === ${second};`);
    s.st(4, "$a", `$eq ? ${s.reg(rt)} : $o0`);
    s.st(4, "($a + 4) | 0", `$eq ? ${s.reg(rt2)} : $o1`);
    s.emit("$st = $eq ? 0 : 1;");
  } else {
    const m = sizeMask(size);
    s.emit(`const $o = ${s.ld(size, false, "$a")};`);
    const cmp = size === 4 ? "cpu.exclusiveVal" : `(cpu.exclusiveVal & ${m})`;
    s.st(size, "$a", `$o === ${cmp} ? ${s.reg(rt)} : $o`);
    s.emit("$st = $o === cpu.exclusiveVal ? 0 : 1;");
  }
  s.emit("}");
  s.emit("cpu.exclusiveAddr = -1;");
  s.setReg(rd, "$st");
}

/** Registers the group's patterns (called from `registerA32LoadStore`). */
export function registerA32Exclusive(): void {
  const t = A32_TABLE;
  t.add("SWP", "cccc 0001 0000 nnnn tttt 0000 1001 uuuu", (s, f) => emitSwp(s, 4, f.n, f.t, f.u));
  t.add("SWPB", "cccc 0001 0100 nnnn tttt 0000 1001 uuuu", (s, f) => emitSwp(s, 1, f.n, f.t, f.u));
  const sizes = [[0, 4, "", 4], [1, 8, "D", 8], [2, 1, "B", 1], [3, 2, "H", 2]] as const;
  for (const [op, , suffix, size] of sizes) {
    const bits = op.toString(2).padStart(2, "0");
    t.add(
      "STREX" + suffix,
      `cccc 0001 1${bits}0 nnnn dddd 1111 1001 tttt`,
      (s, f) => emitStrex(s, size, f.d, f.n, f.t),
    );
    t.add(
      "LDREX" + suffix,
      `cccc 0001 1${bits}1 nnnn tttt 1111 1001 1111`,
      (s, f) => emitLdrex(s, size, f.n, f.t),
    );
  }
  A32_UNCOND_TABLE.add("CLREX", "1111 0101 0111 1111 1111 0000 0001 1111", emitClrex);
}

/** CLREX: closes the local monitor. */
export function emitClrex(s: DisasContext): void {
  s.emit("cpu.exclusiveAddr = -1;");
}
