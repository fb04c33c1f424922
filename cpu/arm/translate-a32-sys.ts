/**
 * A32 system instructions: MRS/MSR (CPSR, SPSR), CPS, SETEND, exception generation and
 * return (SVC, HVC, SMC, BKPT, UDF, SRS, RFE, ERET), coprocessor register transfers
 * (MRC/MCR/MRRC/MCRR to CP14 and CP15), barriers and hints, with QEMU 7.2's choices for the
 * UNPREDICTABLE cases.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { DisasJump } from "./disas-context.ts";
import { Excp } from "./exception.ts";
import { A32_TABLE, A32_UNCOND_TABLE } from "./translate-a32.ts";
import { cpAccessOk, cpKey, cpKey64, type CpReg, cpRegIndex, cpTable } from "./cp15.ts";
import { immOperand } from "./translate-a32-dp.ts";
import { alignCheck } from "./translate-a32-ldst.ts";
import { bankNumber, CPSR_E, CPSR_GE, CPSR_NZCV, CPSR_Q, Mode, modeValid } from "./cpu.ts";
import { CPSR_EXEC_MASK, CPSR_USER_MASK, CPSR_VALID_MASK, newUnimpSite } from "./helpers.ts";

/** Ends the TB after the current instruction (state that TB flags depend on may change). */
function endTbAfter(s: DisasContext): void {
  s.isJmp = DisasJump.UPDATE;
}

/** PSR bits selected by the MSR field mask (bit 0 c, 1 x, 2 s, 3 f). */
function fieldBits(fields: number): number {
  let mask = 0;
  if (fields & 1) mask |= 0x000000ff;
  if (fields & 2) mask |= 0x0000ff00;
  if (fields & 4) mask |= 0x00ff0000;
  if (fields & 8) mask |= 0xff000000;
  return mask;
}

/** The expression of the CPSR as MRS reads it, from the flag locals. */
function cpsrExpr(s: DisasContext): string {
  s.useFlags();
  return `((NF & 0x80000000) | (ZF === 0 ? 0x40000000 : 0) | (CF << 29) | ((VF >>> 31) << 28)` +
    ` | (cpu.QF << 27) | (cpu.GE << 16) | (cpu.uncachedCpsr & ${~CPSR_EXEC_MASK}))`;
}

/** MSR: `value` is an expression; `fields` the instruction's mask; `spsr` selects the SPSR. */
export function emitMsr(
  s: DisasContext,
  spsr: number,
  fields: number,
  value: string,
): boolean | void {
  let mask = fieldBits(fields) & CPSR_VALID_MASK;
  if (spsr) {
    if (s.user) return false;
    if (mask !== 0) s.emit(`H.writeSpsr(cpu, ${value}, ${mask});`);
    endTbAfter(s); // QEMU ends the TB after every MSR
    return;
  }
  mask &= ~CPSR_EXEC_MASK;
  if (s.user) mask &= CPSR_USER_MASK;
  endTbAfter(s);
  if (mask === 0) return;
  if ((mask & ~(CPSR_NZCV | CPSR_Q | CPSR_GE)) === 0) {
    // Only APSR bits: update the flag locals directly.
    s.useFlags();
    s.emit(`const $p = ${value};`);
    if (mask & CPSR_NZCV) {
      s.emit(
        "NF = $p & 0x80000000; ZF = ~$p & 0x40000000; CF = ($p >>> 29) & 1; VF = ($p << 3) & 0x80000000;",
      );
    }
    if (mask & CPSR_Q) s.emit("cpu.QF = ($p >>> 27) & 1;");
    if (mask & CPSR_GE) s.emit("cpu.GE = ($p >>> 16) & 0xf;");
    return;
  }
  s.emit(`const $p = ${value};`);
  s.sync();
  s.emit(`H.writeCpsr(cpu, $p, ${mask}, ${s.tbPc});`);
  s.reload();
}

/**
 * MRS: Rd = the CPSR as MRS reads it or, with `spsr`, the SPSR (UNDEFINED in User mode; System
 * mode reads the USR/SYS slot, as QEMU does). A write to r15 is a branch (QEMU's store_reg).
 */
export function emitMrs(s: DisasContext, rd: number, spsr: number): boolean | void {
  if (spsr && s.user) return false;
  const value = spsr ? "cpu.spsr" : cpsrExpr(s);
  if (rd !== 15) {
    s.setReg(rd, value);
    return;
  }
  s.writePcBranch(value);
  s.isJmp = DisasJump.NORETURN;
}

/** CPS: `imod` (2 enable, 3 disable) applied to the A/I/F bits `a`/`i`/`f`, mode when `m`. */
export function emitCps(
  s: DisasContext,
  imod: number,
  m: number,
  a: number,
  i: number,
  f: number,
  mode: number,
): void {
  if (s.user) return; // CPS is a NOP in User mode
  let mask = 0, val = 0;
  if (imod & 2) {
    if (a) mask |= 1 << 8;
    if (i) mask |= 1 << 7;
    if (f) mask |= 1 << 6;
    if (imod & 1) val = mask;
  }
  if (m) {
    mask |= 0x1f;
    val |= mode;
  }
  if (mask !== 0) emitCpsrConst(s, val, mask);
}

/** SETEND: switches CPSR.E when it changes, ending the TB. */
export function emitSetend(s: DisasContext, e: number): void {
  if ((e === 1) === s.bigEndian) return;
  s.emit(`cpu.uncachedCpsr ^= ${CPSR_E};`);
  endTbAfter(s);
}

/** WFI: the vCPU waits for an interrupt (the run loop halts it); ends the TB. */
export function emitWfi(s: DisasContext): void {
  s.sync();
  s.emit(`H.wfi(cpu, ${s.nextPc});`);
  endTbAfter(s);
}

/** WFE and YIELD: return to the run loop (QEMU's single-threaded DISAS_WFE/DISAS_YIELD). */
export function emitWfe(s: DisasContext): void {
  s.sync();
  s.emit(`H.wfe(cpu, ${s.nextPc});`);
  endTbAfter(s);
}

/** ISB: ends the TB (state changed by earlier instructions is seen by the next ones). */
export function emitIsb(s: DisasContext): void {
  endTbAfter(s);
}

/** BKPT: the debug exception (a prefetch abort). */
export function emitBkpt(s: DisasContext, imm: number): void {
  s.mayFault = true;
  s.emit(`H.bkpt(cpu, ${imm});`);
  s.isJmp = DisasJump.NORETURN;
}

/** SVC: the supervisor call exception (the immediate is reported to logs and plugins). */
export function emitSvc(s: DisasContext, imm: number): void {
  s.raise(Excp.SWI, 0, 0, imm);
  s.isJmp = DisasJump.NORETURN;
}

/** HVC: UNDEFINED in User mode, else a PSCI call (see `H.hvc`); ends the TB. */
export function emitHvc(s: DisasContext, imm: number): boolean | void {
  if (s.user) return false;
  s.sync();
  s.emit(`H.hvc(cpu, ${imm});`);
  s.reload();
  endTbAfter(s);
}

/** ERET: exception return to LR with CPSR := SPSR; UNDEFINED in User mode. */
export function emitEret(s: DisasContext): boolean | void {
  if (s.user) return false;
  s.sync();
  s.emit(`H.exceptionReturn(cpu, ${s.reg(14)}, cpu.spsr); return 2;`);
  s.isJmp = DisasJump.NORETURN;
}

/** Emits a CPSR write of constant bits (CPS): `val` in `mask`. */
function emitCpsrConst(s: DisasContext, val: number, mask: number): void {
  s.sync();
  s.emit(`H.writeCpsr(cpu, ${val}, ${mask}, ${s.tbPc});`);
  s.reload();
  endTbAfter(s);
}

/** Registers the group's patterns (before data processing: they share its encoding space). */
export function registerA32System(): void {
  const t = A32_TABLE;
  t.add("MRS", "cccc 0001 0r00 1111 dddd 0000 0000 0000", (s, f) => {
    if (f.d === 15) return false;
    return emitMrs(s, f.d, f.r);
  });
  t.add("MSR_r", "cccc 0001 0r10 mmmm 1111 0000 0000 nnnn", (s, f) => {
    if (f.n === 15) return false;
    return emitMsr(s, f.r, f.m, s.reg(f.n));
  });
  // Hints live in the MSR-immediate space with mask 0.
  t.add("NOP", "cccc 0011 0010 0000 1111 0000 0000 0000", () => {});
  // YIELD returns to the run loop (QEMU's single-threaded DISAS_YIELD).
  t.add("YIELD", "cccc 0011 0010 0000 1111 0000 0000 0001", emitWfe);
  t.add("WFE", "cccc 0011 0010 0000 1111 0000 0000 0010", emitWfe);
  t.add("WFI", "cccc 0011 0010 0000 1111 0000 0000 0011", emitWfi);
  t.add("SEV", "cccc 0011 0010 0000 1111 0000 0000 0100", () => {});
  t.add("DBG", "cccc 0011 0010 0000 1111 0000 1111 iiii", () => {});
  t.add("HINT_other", "cccc 0011 0010 0000 1111 0000 iiii iiii", () => {});
  t.add(
    "MSR_i",
    "cccc 0011 0r10 mmmm 1111 iiii iiii iiii",
    (s, f) => emitMsr(s, f.r, f.m, immOperand(f.i).value),
  );

  t.add("SVC", "cccc 1111 iiii iiii iiii iiii iiii iiii", (s, f) => emitSvc(s, f.i));
  t.add("BKPT", "cccc 0001 0010 iiii iiii iiii 0111 jjjj", (s, f) => emitBkpt(s, (f.i << 4) | f.j));
  t.add("HVC", "cccc 0001 0100 iiii iiii iiii 0111 jjjj", (s, f) => emitHvc(s, (f.i << 4) | f.j));
  // No Security Extensions: SMC is UNDEFINED.
  t.add("SMC", "cccc 0001 0110 0000 0000 0000 0111 iiii", () => false);
  t.add("UDF", "1110 0111 1111 iiii iiii iiii 1111 iiii", () => false);
  t.add("ERET", "cccc 0001 0110 0000 0000 0000 0110 1110", emitEret);

  registerCoprocessor();

  const u = A32_UNCOND_TABLE;
  u.add(
    "CPS",
    "1111 0001 0000 mmM0 0000 000a if0o oooo",
    (s, f) => emitCps(s, f.m, f.M, f.a, f.i, f.f, f.o),
  );
  u.add("SETEND", "1111 0001 0000 0001 0000 00e0 0000 0000", (s, f) => emitSetend(s, f.e));
  u.add("SRS", "1111 100p u1w0 1101 0000 0101 000m mmmm", (s, f) => emitSrs(s, f.p, f.u, f.w, f.m));
  u.add("RFE", "1111 100p u0w1 nnnn 0000 1010 0000 0000", (s, f) => emitRfe(s, f.p, f.u, f.w, f.n));
  u.add("DSB", "1111 0101 0111 1111 1111 0000 0100 ----", () => {});
  u.add("DMB", "1111 0101 0111 1111 1111 0000 0101 ----", () => {});
  u.add("ISB", "1111 0101 0111 1111 1111 0000 0110 ----", emitIsb);
  u.add("PLD_i", "1111 0101 -r01 ---- 1111 ---- ---- ----", () => {});
  u.add("PLD_r", "1111 0111 -r01 ---- 1111 ---- ---0 ----", () => {});
  u.add("PLI_i", "1111 0100 -101 ---- 1111 ---- ---- ----", () => {});
  u.add("PLI_r", "1111 0110 -101 ---- 1111 ---- ---0 ----", () => {});
}

/** Offsets of the first word from the base, and of the writeback, per P:U (DA IA DB IB). */
const BLOCK2_PRE = [-4, 0, -8, 4];
const BLOCK2_POST = [-8, 4, -4, 0];

/**
 * SRS: stores LR and SPSR of the current mode to the stack of mode `mode`. QEMU UNDEFs in
 * User and System mode and for modes that do not exist or are above PL1.
 */
export function emitSrs(
  s: DisasContext,
  p: number,
  u: number,
  w: number,
  mode: number,
): boolean | void {
  if (s.user || !modeValid(mode)) return false;
  if (s.mode === Mode.SYS) {
    s.raise(Excp.UDEF);
    s.isJmp = DisasJump.NORETURN;
    return;
  }
  const pu = (p << 1) | u;
  const sp = mode === s.mode ? s.reg(13) : `cpu.bankedR13[${bankNumber(mode)}]`;
  s.emit(`const $a = (${sp} + ${BLOCK2_PRE[pu]}) | 0;`);
  alignCheck(s, "$a", 3, true);
  s.st(4, "$a", s.reg(14));
  s.st(4, "($a + 4) | 0", "cpu.spsr");
  if (w) {
    const v = `($a + ${4 + BLOCK2_POST[pu]}) | 0`;
    if (mode === s.mode) s.setReg(13, v);
    else s.emit(`cpu.bankedR13[${bankNumber(mode)}] = ${v};`);
  }
  endTbAfter(s); // as QEMU does
}

/** RFE: loads the pc and CPSR from memory (an exception return). UNDEFINED in User mode. */
export function emitRfe(
  s: DisasContext,
  p: number,
  u: number,
  w: number,
  rn: number,
): boolean | void {
  if (s.user) return false;
  const pu = (p << 1) | u;
  s.emit(`const $a = (${s.reg(rn)} + ${BLOCK2_PRE[pu]}) | 0;`);
  alignCheck(s, "$a", 3, false);
  s.emit(`const $pc = ${s.ld(4, false, "$a")};`);
  s.emit(`const $psr = ${s.ld(4, false, "($a + 4) | 0")};`);
  if (w && rn !== 15) s.setReg(rn, `($a + ${4 + BLOCK2_POST[pu]}) | 0`);
  s.sync();
  s.emit("H.exceptionReturn(cpu, $pc, $psr); return 2;");
  s.isJmp = DisasJump.NORETURN;
}

/** Emits the UNDEFINED access to a register that does not exist (logged under -d unimp). */
function unknownReg(
  s: DisasContext,
  isRead: boolean,
  cp: number,
  o1: number,
  n: number,
  m: number,
  o2: number,
  is64: boolean,
): void {
  s.mayFault = true;
  const site = newUnimpSite();
  s.emit(`H.cpUnknown(cpu, ${isRead}, ${cp}, ${o1}, ${n}, ${m}, ${o2}, ${is64}, ${site});`);
  s.isJmp = DisasJump.NORETURN;
}

/** The register an access names, or null when the access is UNDEFINED without a log. */
function lookup(
  s: DisasContext,
  cp: number,
  key: number,
  isRead: boolean,
  coords: [number, number, number, number],
  is64: boolean,
): CpReg | null | undefined {
  const reg = cpTable(cp)?.get(key);
  if (!reg) {
    unknownReg(s, isRead, cp, ...coords, is64);
    return undefined;
  }
  const fn = is64 ? (isRead ? reg.read64 : reg.write64) : isRead ? reg.read : reg.write;
  if (!cpAccessOk(reg, s.user, isRead) || (!fn && !reg.nop)) return null;
  return reg;
}

/**
 * MRC/MCR/MRRC/MCRR. CP14 and CP15 go through their register tables; coprocessors 0–7 have no
 * registers (UNDEFINED, logged as QEMU does). cp8–cp13 are left to the VFP/NEON decoders.
 */
function registerCoprocessor(): void {
  const t = A32_TABLE;
  for (const [cpBits, cpName] of [["1111", "15"], ["1110", "14"], ["0ppp", "0-7"]] as const) {
    t.add(`MCR_p${cpName}`, `cccc 1110 ooo0 nnnn tttt ${cpBits} qqq1 mmmm`, (s, f) => {
      const cp = cpBits === "0ppp" ? f.p : Number(cpName);
      const reg = lookup(s, cp, cpKey(f.n, f.o, f.m, f.q), false, [f.o, f.n, f.m, f.q], false);
      if (reg === undefined) return;
      if (reg === null) return false;
      if (reg.nop) return;
      s.mayFault = true;
      s.emit(`cpu.syncIcount = /*IT*/${s.index + 1};`);
      s.emit(`H.cpr[${cpRegIndex(reg)}].write(cpu, ${s.reg(f.t)});`);
      endTbAfter(s); // QEMU ends the TB after every register write that is not a NOP
    });
    t.add(`MRC_p${cpName}`, `cccc 1110 ooo1 nnnn tttt ${cpBits} qqq1 mmmm`, (s, f) => {
      const cp = cpBits === "0ppp" ? f.p : Number(cpName);
      const reg = lookup(s, cp, cpKey(f.n, f.o, f.m, f.q), true, [f.o, f.n, f.m, f.q], false);
      if (reg === undefined) return;
      if (reg === null) return false;
      if (reg.nop) return;
      s.mayFault = true;
      s.emit(`cpu.syncIcount = /*IT*/${s.index + 1};`);
      s.emit(`const $v = H.cpr[${cpRegIndex(reg)}].read(cpu) | 0;`);
      if (f.t === 15) {
        // APSR_nzcv form: flags from bits 31:28.
        s.useFlags();
        s.emit(
          "NF = $v & 0x80000000; ZF = ~$v & 0x40000000; CF = ($v >>> 29) & 1; VF = ($v << 3) & 0x80000000;",
        );
      } else {
        s.setReg(f.t, "$v");
      }
    });
    t.add(`MCRR_p${cpName}`, `cccc 1100 0100 uuuu tttt ${cpBits} oooo mmmm`, (s, f) => {
      const cp = cpBits === "0ppp" ? f.p : Number(cpName);
      const reg = lookup(s, cp, cpKey64(f.o, f.m), false, [f.o, 0, f.m, 0], true);
      if (reg === undefined) return;
      if (reg === null) return false;
      s.mayFault = true;
      s.emit(`cpu.syncIcount = /*IT*/${s.index + 1};`);
      s.emit(`H.cpr[${cpRegIndex(reg)}].write64(cpu, ${s.reg(f.t)}, ${s.reg(f.u)});`);
      endTbAfter(s);
    });
    t.add(`MRRC_p${cpName}`, `cccc 1100 0101 uuuu tttt ${cpBits} oooo mmmm`, (s, f) => {
      const cp = cpBits === "0ppp" ? f.p : Number(cpName);
      if (f.t === 15 || f.u === 15 || f.t === f.u) return false;
      const reg = lookup(s, cp, cpKey64(f.o, f.m), true, [f.o, 0, f.m, 0], true);
      if (reg === undefined) return;
      if (reg === null) return false;
      s.mayFault = true;
      s.emit(`cpu.syncIcount = /*IT*/${s.index + 1};`);
      s.emit(`const [$lo, $hi] = H.cpr[${cpRegIndex(reg)}].read64(cpu);`);
      s.setReg(f.t, "$lo");
      s.setReg(f.u, "$hi");
    });
  }
}
