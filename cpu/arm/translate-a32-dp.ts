/**
 * A32 data processing (the sixteen ALU operations with every shifter operand), MOVW/MOVT,
 * CLZ and the branch instructions (B, BL, BLX, BX, BXJ).
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { DisasJump } from "./disas-context.ts";
import { A32_TABLE, A32_UNCOND_TABLE } from "./translate-a32.ts";
import type { Fields } from "./decodetree.ts";

/** ALU opcodes (bits 24:21 of A32; the same numbers in T32). */
export const enum Op {
  AND = 0,
  EOR = 1,
  SUB = 2,
  RSB = 3,
  ADD = 4,
  ADC = 5,
  SBC = 6,
  RSC = 7,
  TST = 8,
  TEQ = 9,
  CMP = 10,
  CMN = 11,
  ORR = 12,
  MOV = 13,
  BIC = 14,
  MVN = 15,
}

/** Operand 2 of a data-processing instruction: value expression and carry-out expression. */
export interface Operand2 {
  /** Setup statements (emitted before use). */
  setup: string[];
  /** Value expression (int32). */
  value: string;
  /** Carry-out expression, or null when the shifter leaves C unchanged. */
  carry: string | null;
}

/** Immediate operand: imm8 rotated right by 2*rot. */
export function immOperand(imm12: number): Operand2 {
  const rot = (imm12 >>> 8) * 2;
  const imm8 = imm12 & 0xff;
  const v = rot === 0 ? imm8 : ((imm8 >>> rot) | (imm8 << (32 - rot))) | 0;
  return { setup: [], value: String(v), carry: rot === 0 ? null : String(v >>> 31) };
}

/**
 * Register operand shifted by an immediate (type 0 LSL, 1 LSR, 2 ASR, 3 ROR/RRX), as
 * expressions over `rm` (an expression that may be read several times).
 */
export function shiftImmOperand(s: DisasContext, rm: string, type: number, amt: number): Operand2 {
  switch (type) {
    case 0:
      return amt === 0 ? { setup: [], value: rm, carry: null } : {
        setup: [],
        value: `(${rm} << ${amt})`,
        carry: `((${rm} >>> ${32 - amt}) & 1)`,
      };
    case 1:
      return amt === 0
        ? { setup: [], value: "0", carry: `(${rm} >>> 31)` }
        : { setup: [], value: `(${rm} >>> ${amt})`, carry: `((${rm} >>> ${amt - 1}) & 1)` };
    case 2:
      return amt === 0
        ? { setup: [], value: `(${rm} >> 31)`, carry: `(${rm} >>> 31)` }
        : { setup: [], value: `(${rm} >> ${amt})`, carry: `((${rm} >> ${amt - 1}) & 1)` };
    default:
      s.useFlags();
      return amt === 0
        ? { setup: [], value: `((CF << 31) | (${rm} >>> 1))`, carry: `(${rm} & 1)` }
        : {
          setup: [],
          value: `((${rm} >>> ${amt}) | (${rm} << ${32 - amt}))`,
          carry: `((${rm} >>> ${amt - 1}) & 1)`,
        };
  }
}

/** Register operand shifted by a register (amount = Rs[7:0]); uses the shiftReg helper. */
export function shiftRegOperand(s: DisasContext, rm: string, type: number, rs: string): Operand2 {
  s.useFlags();
  return {
    setup: [`const $sh = H.shiftReg(${type}, ${rm}, ${rs} & 0xff, CF);`],
    value: "$sh",
    carry: "H.shiftCarry()",
  };
}

/**
 * Emits an ALU operation; `rn` and `op2` are expressions; handles flags and Rd. A write to r15
 * with `excReturn` (by default: with S) is an exception return; T32 passes it only for SUBS and
 * MOVS, its other flag-setting writes to r15 being plain branches in QEMU.
 */
export function emitAlu(
  s: DisasContext,
  op: Op,
  setFlags: boolean,
  rd: number,
  rn: string,
  o: Operand2,
  excReturn = setFlags,
): boolean | void {
  // SUBS pc, lr and friends are exception returns: UNDEFINED in User mode (as QEMU).
  if (rd === 15 && excReturn && (op < Op.TST || op > Op.CMN) && s.user) return false;
  for (const line of o.setup) s.emit(line);
  const b = o.value;
  let res: string | null = null;
  const logical = (expr: string) => {
    s.emit(`const $r = ${expr} | 0;`);
    if (setFlags) {
      s.setNZ("$r");
      if (o.carry !== null) s.emit(`CF = ${o.carry};`);
    }
    res = "$r";
  };
  const add = (a: string, bb: string, carryIn: string | null) => {
    s.emit(`const $a = ${a} | 0, $b = ${bb} | 0;`);
    if (!setFlags) {
      s.emit(`const $r = ($a + $b${carryIn ? ` + ${carryIn}` : ""}) | 0;`);
    } else {
      s.useFlags();
      s.emit(`const $u = ($a >>> 0) + ($b >>> 0)${carryIn ? ` + ${carryIn}` : ""};`);
      s.emit(`const $r = $u | 0;`);
      s.emit(`CF = $u > 0xffffffff ? 1 : 0; VF = ($r ^ $a) & ~($a ^ $b); NF = ZF = $r;`);
    }
    res = "$r";
  };
  const sub = (a: string, bb: string) => {
    s.emit(`const $a = ${a} | 0, $b = ${bb} | 0;`);
    s.emit(`const $r = ($a - $b) | 0;`);
    if (setFlags) {
      s.useFlags();
      s.emit(`CF = ($a >>> 0) >= ($b >>> 0) ? 1 : 0; VF = ($a ^ $b) & ($a ^ $r); NF = ZF = $r;`);
    }
    res = "$r";
  };
  switch (op) {
    case Op.AND:
    case Op.TST:
      logical(`(${rn} & ${b})`);
      break;
    case Op.EOR:
    case Op.TEQ:
      logical(`(${rn} ^ ${b})`);
      break;
    case Op.ORR:
      logical(`(${rn} | ${b})`);
      break;
    case Op.BIC:
      logical(`(${rn} & ~${b})`);
      break;
    case Op.MOV:
      logical(`(${b})`);
      break;
    case Op.MVN:
      logical(`(~${b})`);
      break;
    case Op.SUB:
    case Op.CMP:
      sub(rn, b);
      break;
    case Op.RSB:
      sub(b, rn);
      break;
    case Op.ADD:
    case Op.CMN:
      add(rn, b, null);
      break;
    case Op.ADC:
      s.useFlags();
      add(rn, b, "CF");
      break;
    case Op.SBC:
      s.useFlags();
      add(rn, `~(${b})`, "CF");
      break;
    case Op.RSC:
      s.useFlags();
      add(b, `~(${rn})`, "CF");
      break;
  }
  if (op >= Op.TST && op <= Op.CMN) return; // compare forms write no register
  writeAluResult(s, rd, res!, excReturn);
}

/**
 * Writes an ALU result to Rd; r15 is ALUWritePC (interworking in A32, a branch in Thumb) or,
 * with `excReturn`, an exception return.
 */
export function writeAluResult(s: DisasContext, rd: number, res: string, excReturn: boolean): void {
  if (rd !== 15) {
    s.setReg(rd, res);
    return;
  }
  if (excReturn) {
    // SUBS pc, lr etc.: CPSR := SPSR (UNPREDICTABLE in User/System: QEMU does the same copy).
    s.sync();
    s.emit(`H.exceptionReturn(cpu, ${res}, cpu.spsr); return 2;`);
  } else if (s.thumb) {
    s.writePcBranch(res);
  } else {
    s.writePcInterwork(res);
  }
  s.isJmp = DisasJump.NORETURN;
}

function dpImm(s: DisasContext, f: Fields) {
  return emitAlu(s, f.o, f.s === 1, f.d, s.reg(f.n), immOperand(f.i));
}

function dpReg(s: DisasContext, f: Fields) {
  return emitAlu(s, f.o, f.s === 1, f.d, s.reg(f.n), shiftImmOperand(s, s.reg(f.m), f.t, f.a));
}

function dpRsr(s: DisasContext, f: Fields) {
  if (f.d === 15 || f.n === 15 || f.m === 15 || f.r === 15) return false; // UNPREDICTABLE
  return emitAlu(
    s,
    f.o,
    f.s === 1,
    f.d,
    s.reg(f.n),
    shiftRegOperand(s, s.reg(f.m), f.t, s.reg(f.r)),
  );
}

/** Registers the group's patterns. */
export function registerA32DataProcessing(): void {
  const t = A32_TABLE;
  // Test/compare without S are other instructions (MRS/MSR/misc): they are matched first by
  // the system group, registered before this one; here require S=1 for those opcodes.
  t.add("MOVW", "cccc 0011 0000 iiii dddd jjjj jjjj jjjj", (s, f) => {
    if (f.d === 15) return false;
    s.setReg(f.d, String((f.i << 12) | f.j));
  });
  t.add("MOVT", "cccc 0011 0100 iiii dddd jjjj jjjj jjjj", (s, f) => {
    if (f.d === 15) return false;
    s.setReg(f.d, `(${s.reg(f.d)} & 0xffff) | ${((f.i << 12) | f.j) << 16}`);
  });
  t.add("CLZ", "cccc 0001 0110 1111 dddd 1111 0001 mmmm", (s, f) => {
    if (f.d === 15 || f.m === 15) return false;
    s.setReg(f.d, `Math.clz32(${s.reg(f.m)})`);
  });
  t.add("BX", "cccc 0001 0010 1111 1111 1111 0001 mmmm", (s, f) => {
    s.writePcInterwork(s.reg(f.m));
    s.isJmp = DisasJump.NORETURN;
  });
  t.add("BXJ", "cccc 0001 0010 1111 1111 1111 0010 mmmm", (s, f) => {
    // No Jazelle: BXJ behaves as BX.
    s.writePcInterwork(s.reg(f.m));
    s.isJmp = DisasJump.NORETURN;
  });
  t.add("BLX_r", "cccc 0001 0010 1111 1111 1111 0011 mmmm", (s, f) => {
    if (f.m === 15) return false;
    s.emit(`const $target = ${s.reg(f.m)};`);
    s.setReg(14, String(s.nextPc));
    s.writePcInterwork("$target");
    s.isJmp = DisasJump.NORETURN;
  });
  // Compare-type opcodes without S are in the misc space (handled elsewhere).
  t.add(
    "DP_rsr_cmp",
    "cccc 0001 0oo1 nnnn dddd rrrr 0tt1 mmmm",
    (s, f) => dpRsr(s, { ...f, o: 8 | f.o, s: 1 }),
  );
  t.add("DP_rsr", "cccc 000o ooos nnnn dddd rrrr 0tt1 mmmm", (s, f) => {
    if (f.o >= 8 && f.o <= 11 && f.s === 0) return false;
    return dpRsr(s, f);
  });
  t.add(
    "DP_reg_cmp",
    "cccc 0001 0oo1 nnnn dddd aaaa att0 mmmm",
    (s, f) => dpReg(s, { ...f, o: 8 | f.o, s: 1 }),
  );
  t.add("DP_reg", "cccc 000o ooos nnnn dddd aaaa att0 mmmm", (s, f) => {
    if (f.o >= 8 && f.o <= 11 && f.s === 0) return false;
    return dpReg(s, f);
  });
  t.add(
    "DP_imm_cmp",
    "cccc 0011 0oo1 nnnn dddd iiii iiii iiii",
    (s, f) => dpImm(s, { ...f, o: 8 | f.o, s: 1 }),
  );
  t.add("DP_imm", "cccc 001o ooos nnnn dddd iiii iiii iiii", (s, f) => {
    if (f.o >= 8 && f.o <= 11 && f.s === 0) return false;
    return dpImm(s, f);
  });
  t.add("B", "cccc 1010 iiii iiii iiii iiii iiii iiii", (s, f) => {
    s.jumpStatic(s.pc + 8 + ((f.i << 8) >> 6));
    s.isJmp = DisasJump.NORETURN;
  });
  t.add("BL", "cccc 1011 iiii iiii iiii iiii iiii iiii", (s, f) => {
    s.setReg(14, String(s.nextPc));
    s.jumpStatic(s.pc + 8 + ((f.i << 8) >> 6));
    s.isJmp = DisasJump.NORETURN;
  });
  A32_UNCOND_TABLE.add("BLX_i", "1111 101h iiii iiii iiii iiii iiii iiii", (s, f) => {
    // Branch to Thumb: the target is pc + 8 + imm24:H:0 with bit 0 set.
    const target = (s.pc + 8 + ((f.i << 8) >> 6) + (f.h << 1)) | 0;
    s.setReg(14, String(s.nextPc));
    s.writePcInterwork(String(target | 1));
    s.isJmp = DisasJump.NORETURN;
  });
}
