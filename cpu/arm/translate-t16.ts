/**
 * 16-bit Thumb instructions (ARMv7-A): the T16 decode table, with the semantics of each
 * instruction taken from the A32 emitters (QEMU's t16.decode maps them onto the same trans_*
 * functions). The ALU operations outside an IT block set the flags, inside one they do not.
 * A write to the pc by ADD/MOV (high registers) is a branch without interworking
 * (ALUWritePC in Thumb); BX, BLX and POP {pc} interwork.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { DisasJump } from "./disas-context.ts";
import { inItBlock, T16_TABLE } from "./translate-t32-table.ts";
import { condExpr } from "./translate-a32.ts";
import {
  emitAlu,
  Op,
  type Operand2,
  shiftImmOperand,
  shiftRegOperand,
} from "./translate-a32-dp.ts";
import {
  BYTE,
  emitLdm,
  emitLoad,
  emitStm,
  emitStore,
  HALF,
  SBYTE,
  SHALF,
  type Single,
  WORD,
} from "./translate-a32-ldst.ts";
import { mulAcc } from "./translate-a32-mul.ts";
import { extend, reverse } from "./translate-a32-media.ts";
import { emitBkpt, emitCps, emitSetend, emitSvc, emitWfe, emitWfi } from "./translate-a32-sys.ts";

/** A constant operand 2 (no shifter carry). */
export function constOperand(v: number): Operand2 {
  return { setup: [], value: String(v | 0), carry: null };
}

/** A register operand 2 without shift. */
function regOperand(s: DisasContext, rm: number): Operand2 {
  return { setup: [], value: s.reg(rm), carry: null };
}

/** T16 data-processing instructions set the flags only outside an IT block. */
function setFlags(s: DisasContext): boolean {
  return !inItBlock(s.condexec);
}

/** The 16 operations of `0100 00oo oomm mddd` (Rd/Rn in bits 2:0, Rm/Rs in bits 5:3). */
function dataProcessing(s: DisasContext, op: number, rd: number, rm: number): boolean | void {
  const sf = setFlags(s);
  switch (op) {
    case 0x0:
      return emitAlu(s, Op.AND, sf, rd, s.reg(rd), regOperand(s, rm));
    case 0x1:
      return emitAlu(s, Op.EOR, sf, rd, s.reg(rd), regOperand(s, rm));
    case 0x2: // LSL, LSR, ASR, ROR by register
    case 0x3:
    case 0x4:
    case 0x7: {
      const type = op === 0x7 ? 3 : op - 2;
      return emitAlu(s, Op.MOV, sf, rd, "0", shiftRegOperand(s, s.reg(rd), type, s.reg(rm)));
    }
    case 0x5:
      return emitAlu(s, Op.ADC, sf, rd, s.reg(rd), regOperand(s, rm));
    case 0x6:
      return emitAlu(s, Op.SBC, sf, rd, s.reg(rd), regOperand(s, rm));
    case 0x8:
      return emitAlu(s, Op.TST, true, 0, s.reg(rd), regOperand(s, rm));
    case 0x9: // RSB #0 (NEG)
      return emitAlu(s, Op.RSB, sf, rd, s.reg(rm), constOperand(0));
    case 0xa:
      return emitAlu(s, Op.CMP, true, 0, s.reg(rd), regOperand(s, rm));
    case 0xb:
      return emitAlu(s, Op.CMN, true, 0, s.reg(rd), regOperand(s, rm));
    case 0xc:
      return emitAlu(s, Op.ORR, sf, rd, s.reg(rd), regOperand(s, rm));
    case 0xd:
      return mulAcc(s, { d: rd, n: rm, m: rd, s: sf ? 1 : 0 }, "none");
    case 0xe:
      return emitAlu(s, Op.BIC, sf, rd, s.reg(rd), regOperand(s, rm));
    default:
      return emitAlu(s, Op.MVN, sf, rd, "0", regOperand(s, rm));
  }
}

/** Load/store (register offset), `0101 ooom mmnn nttt`. */
const REG_OFFSET_OPS: ReadonlyArray<readonly [boolean, Single]> = [
  [false, WORD],
  [false, HALF],
  [false, BYTE],
  [true, SBYTE],
  [true, WORD],
  [true, HALF],
  [true, BYTE],
  [true, SHALF],
];

/** A load or store with offset `off` from Rn (no writeback). */
function transfer(s: DisasContext, load: boolean, op: Single, rn: number, rt: number, off: string) {
  const a = { rn, rt, p: 1, u: 1, w: 0, off };
  if (load) emitLoad(s, op, a);
  else emitStore(s, op, a);
}

/** B<cond> (UNDEFINED inside an IT block) and CBZ/CBNZ: a branch taken on a run-time test. */
export function emitCondBranch(s: DisasContext, test: string, target: number): void {
  s.emit(`if (${test}) {`);
  s.jumpStatic(target);
  s.emit("}");
  s.condJump = true;
  s.isJmp = DisasJump.NORETURN;
}

/** B and BL targets: a static jump ending the TB. */
export function emitBranch(s: DisasContext, target: number): void {
  s.jumpStatic(target);
  s.isJmp = DisasJump.NORETURN;
}

/** BX/BLX (register): BXWritePC; BLX sets LR to the next instruction with bit 0 set. */
export function emitBxReg(s: DisasContext, rm: number, link: boolean): void {
  if (link) {
    s.emit(`const $target = ${s.reg(rm)};`);
    s.setReg(14, String(s.nextPc | 1));
    s.writePcInterwork("$target");
  } else {
    s.writePcInterwork(s.reg(rm));
  }
  s.isJmp = DisasJump.NORETURN;
}

/** Registers the T16 patterns (more specific patterns first). */
export function registerT16(): void {
  const t = T16_TABLE;
  // Shift (immediate), add, subtract, move and compare.
  t.add("ADD_r", "0001 100m mmnn nddd", (s, f) => {
    return emitAlu(s, Op.ADD, setFlags(s), f.d, s.reg(f.n), regOperand(s, f.m));
  });
  t.add("SUB_r", "0001 101m mmnn nddd", (s, f) => {
    return emitAlu(s, Op.SUB, setFlags(s), f.d, s.reg(f.n), regOperand(s, f.m));
  });
  t.add("ADD_i3", "0001 110i iinn nddd", (s, f) => {
    return emitAlu(s, Op.ADD, setFlags(s), f.d, s.reg(f.n), constOperand(f.i));
  });
  t.add("SUB_i3", "0001 111i iinn nddd", (s, f) => {
    return emitAlu(s, Op.SUB, setFlags(s), f.d, s.reg(f.n), constOperand(f.i));
  });
  t.add("SHIFT_i", "000t tiii iimm mddd", (s, f) => {
    const o = shiftImmOperand(s, s.reg(f.m), f.t, f.i);
    return emitAlu(s, Op.MOV, setFlags(s), f.d, "0", o);
  });
  t.add("MOV_i", "0010 0ddd iiii iiii", (s, f) => {
    return emitAlu(s, Op.MOV, setFlags(s), f.d, "0", constOperand(f.i));
  });
  t.add("CMP_i", "0010 1nnn iiii iiii", (s, f) => {
    return emitAlu(s, Op.CMP, true, 0, s.reg(f.n), constOperand(f.i));
  });
  t.add("ADD_i8", "0011 0ddd iiii iiii", (s, f) => {
    return emitAlu(s, Op.ADD, setFlags(s), f.d, s.reg(f.d), constOperand(f.i));
  });
  t.add("SUB_i8", "0011 1ddd iiii iiii", (s, f) => {
    return emitAlu(s, Op.SUB, setFlags(s), f.d, s.reg(f.d), constOperand(f.i));
  });

  // Data processing, special data (high registers), branch and exchange.
  t.add("DP", "0100 00oo oomm mddd", (s, f) => dataProcessing(s, f.o, f.d, f.m));
  t.add("ADD_hi", "0100 0100 dmmm mddd", (s, f) => {
    return emitAlu(s, Op.ADD, false, f.d, s.reg(f.d), regOperand(s, f.m));
  });
  t.add("CMP_hi", "0100 0101 nmmm mnnn", (s, f) => {
    return emitAlu(s, Op.CMP, true, 0, s.reg(f.n), regOperand(s, f.m));
  });
  t.add("MOV_hi", "0100 0110 dmmm mddd", (s, f) => {
    return emitAlu(s, Op.MOV, false, f.d, "0", regOperand(s, f.m));
  });
  t.add("BX", "0100 0111 0mmm m000", (s, f) => emitBxReg(s, f.m, false));
  t.add("BLX_r", "0100 0111 1mmm m000", (s, f) => emitBxReg(s, f.m, true));

  // Loads and stores.
  t.add("LDR_lit", "0100 1ttt iiii iiii", (s, f) => transfer(s, true, WORD, 15, f.t, `${f.i * 4}`));
  t.add("LDST_r", "0101 ooom mmnn nttt", (s, f) => {
    const [load, op] = REG_OFFSET_OPS[f.o];
    transfer(s, load, op, f.n, f.t, s.reg(f.m));
  });
  t.add("STR_i", "0110 0iii iinn nttt", (s, f) => transfer(s, false, WORD, f.n, f.t, `${f.i * 4}`));
  t.add("LDR_i", "0110 1iii iinn nttt", (s, f) => transfer(s, true, WORD, f.n, f.t, `${f.i * 4}`));
  t.add("STRB_i", "0111 0iii iinn nttt", (s, f) => transfer(s, false, BYTE, f.n, f.t, `${f.i}`));
  t.add("LDRB_i", "0111 1iii iinn nttt", (s, f) => transfer(s, true, BYTE, f.n, f.t, `${f.i}`));
  t.add(
    "STRH_i",
    "1000 0iii iinn nttt",
    (s, f) => transfer(s, false, HALF, f.n, f.t, `${f.i * 2}`),
  );
  t.add("LDRH_i", "1000 1iii iinn nttt", (s, f) => transfer(s, true, HALF, f.n, f.t, `${f.i * 2}`));
  t.add("STR_sp", "1001 0ttt iiii iiii", (s, f) => transfer(s, false, WORD, 13, f.t, `${f.i * 4}`));
  t.add("LDR_sp", "1001 1ttt iiii iiii", (s, f) => transfer(s, true, WORD, 13, f.t, `${f.i * 4}`));

  // Address generation and stack adjustment.
  t.add("ADR", "1010 0ddd iiii iiii", (s, f) => {
    s.setReg(f.d, String((((s.pc + 4) & ~3) + f.i * 4) | 0));
  });
  t.add("ADD_sp_i", "1010 1ddd iiii iiii", (s, f) => {
    return emitAlu(s, Op.ADD, false, f.d, s.reg(13), constOperand(f.i * 4));
  });
  t.add("ADD_sp_sp", "1011 0000 0iii iiii", (s, f) => {
    return emitAlu(s, Op.ADD, false, 13, s.reg(13), constOperand(f.i * 4));
  });
  t.add("SUB_sp_sp", "1011 0000 1iii iiii", (s, f) => {
    return emitAlu(s, Op.SUB, false, 13, s.reg(13), constOperand(f.i * 4));
  });

  // Miscellaneous 16-bit instructions.
  t.add("EXTEND", "1011 0010 oomm mddd", (s, f) => {
    // SXTH, SXTB, UXTH, UXTB as the A32 extend opcodes.
    return extend(s, { d: f.d, m: f.m, n: 15, r: 0 }, [3, 2, 7, 6][f.o]);
  });
  t.add("CBZ", "1011 z0i1 iiii innn", (s, f) => {
    emitCondBranch(s, `${s.reg(f.n)} ${f.z ? "!==" : "==="} 0`, s.pc + 4 + f.i * 2);
  });
  t.add("PUSH", "1011 010r llll llll", (s, f) => {
    return emitStm(s, { l: f.l | (f.r << 14), n: 13, w: 1, p: 1, u: 0 }, false);
  });
  t.add("SETEND", "1011 0110 0101 e000", (s, f) => emitSetend(s, f.e));
  t.add("CPS", "1011 0110 011m 0aif", (s, f) => emitCps(s, 2 | f.m, 0, f.a, f.i, f.f, 0));
  t.add("REV", "1011 1010 00mm mddd", (s, f) => reverse(s, f, 0));
  t.add("REV16", "1011 1010 01mm mddd", (s, f) => reverse(s, f, 1));
  t.add("REVSH", "1011 1010 11mm mddd", (s, f) => reverse(s, f, 3));
  t.add("POP", "1011 110p llll llll", (s, f) => {
    return emitLdm(s, { l: f.l | (f.p << 15), n: 13, w: 1, p: 0, u: 1 }, false);
  });
  t.add("BKPT", "1011 1110 iiii iiii", (s, f) => emitBkpt(s, f.i));
  t.add("YIELD", "1011 1111 0001 0000", emitWfe);
  t.add("WFE", "1011 1111 0010 0000", emitWfe);
  t.add("WFI", "1011 1111 0011 0000", emitWfi);
  t.add("NOP", "1011 1111 ---- 0000", () => {});
  t.add("IT", "1011 1111 cccc mmmm", (s, f) => {
    s.condexecNext = (f.c << 4) | f.m;
  });

  // Load/store multiple: STM always writes back, LDM unless the base is loaded.
  t.add("STM", "1100 0nnn llll llll", (s, f) => {
    return emitStm(s, { l: f.l, n: f.n, w: 1, p: 0, u: 1 }, false);
  });
  t.add("LDM", "1100 1nnn llll llll", (s, f) => {
    return emitLdm(s, { l: f.l, n: f.n, w: (f.l >> f.n) & 1 ? 0 : 1, p: 0, u: 1 }, false);
  });

  // Conditional branch, exception generation, unconditional branch.
  t.add("UDF", "1101 1110 ---- ----", () => false);
  t.add("SVC", "1101 1111 iiii iiii", (s, f) => emitSvc(s, f.i));
  t.add("B_cond", "1101 cccc iiii iiii", (s, f) => {
    if (inItBlock(s.condexec)) return false;
    s.useFlags();
    emitCondBranch(s, condExpr(f.c), s.pc + 4 + ((f.i << 24) >> 23));
  });
  t.add("B", "1110 0iii iiii iiii", (s, f) => emitBranch(s, s.pc + 4 + ((f.i << 21) >> 20)));
}
