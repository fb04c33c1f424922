/**
 * DisasContext: what an instruction emitter sees while a TB is translated to JavaScript, and
 * the vocabulary it emits in (QEMU's DisasContext plus the TCG ops it would call).
 *
 * Generated code conventions (read by every emitter):
 * - Guest registers r0–r14 are JS locals `r0`…`r14` (int32). Read them with `s.reg(n)`, which
 *   returns the expression (a literal for r15: the instruction address + 8 in A32, + 4 in
 *   Thumb), and write with `s.setReg(n, expr)`. Never name a register local directly.
 * - Flags are locals `NF ZF CF VF` in QEMU's form (call `s.useFlags()` before naming them):
 *   N = bit 31 of NF, Z set when ZF === 0, C = CF (0/1), V = bit 31 of VF. Q and GE live
 *   in `cpu.QF` / `cpu.GE`.
 * - Each instruction's code is wrapped in a block, so `const`/`let` temporaries are local to
 *   it. Commit register writes only after every access that may fault has been done, so a
 *   fault leaves registers as they were before the instruction.
 * - Memory: `s.ld(size, signed, addr)` is an expression, `s.st(size, addr, value)` a statement.
 *   With CPSR.E set (`bigEndian`, part of the TB flags) they byte-swap halfwords and words.
 * - `cpu` is the ArmCpu, `H` the helper object (cpu/arm/helpers.ts), `R` is `cpu.r`.
 *
 * @module
 */

import type { Excp } from "./exception.ts";

/** How the TB ends after the current instruction. */
export const enum DisasJump {
  /** Continue with the next instruction. */
  NEXT = 0,
  /** The instruction ended the TB (it emitted its exits). */
  NORETURN = 1,
  /** End the TB after this instruction with a dynamic exit to the next pc (state changed). */
  UPDATE = 2,
}

/** Translation-time state of one TB. */
export class DisasContext {
  /** Virtual address of the TB's first instruction. */
  readonly tbPc: number;
  /** Thumb state. */
  readonly thumb: boolean;
  /** Processor mode at translation (part of the TB flags). */
  readonly mode: number;
  /** MMU index used for normal accesses. */
  readonly mmuIdx: number;
  /** Data accesses are big-endian (CPSR.E at translation; part of the TB flags). */
  bigEndian = false;
  /** The CPU implements Advanced SIMD: NEON encodings are UNDEFINED when false. */
  neon = false;
  /** IT state (CPSR.IT[7:0]) at the start of the current instruction (Thumb). */
  condexec = 0;
  /** IT state at the start of the TB (Thumb; part of the TB flags). */
  tbCondexec = 0;
  /**
   * IT state after the current instruction (Thumb): the translator sets it to the advanced
   * state before calling the emitter; IT replaces it.
   */
  condexecNext = 0;
  /**
   * Set by an emitter whose branch is taken only when a run-time test passes (CBZ/CBNZ): the
   * translator ends the TB with a fall-through exit after it.
   */
  condJump = false;
  /** Address of the current instruction. */
  pc = 0;
  /** Its encoding. */
  insn = 0;
  /** Its size in bytes. */
  size = 4;
  /** Index of the current instruction in the TB. */
  index = 0;
  /** How the TB continues after this instruction. */
  isJmp: DisasJump = DisasJump.NEXT;
  /** Lines of JavaScript for the current instruction. */
  code: string[] = [];
  /** Set by emitters that may throw (memory accesses, helpers): the pc index is recorded. */
  mayFault = false;
  /** Registers read / written anywhere in the TB (bit n = rn). */
  regsRead = 0;
  regsWritten = 0;
  /** Whether flag locals are used / written. */
  flagsUsed = false;
  /** Whether the TB contains a back-edge to its own start (becomes a JS loop). */
  loops = false;
  /** Number of static exits used (0–2). */
  staticExits = 0;
  /** Static exit targets, by exit number. */
  readonly exitTargets: number[] = [];
  /**
   * Names of the memory-access objects for the current instruction: `M`/`U` normally, a
   * plugin's instrumented wrapper (`K<n>`) when plugins watch this instruction's accesses.
   */
  memObj = "M";
  memObjUser = "U";

  /** Starts translating a TB at `tbPc` in the given state. */
  constructor(tbPc: number, thumb: boolean, mode: number, mmuIdx: number) {
    this.tbPc = tbPc;
    this.thumb = thumb;
    this.mode = mode;
    this.mmuIdx = mmuIdx;
  }

  /** True in User mode (unprivileged). */
  get user(): boolean {
    return this.mode === 0x10;
  }

  /** Address of the next instruction. */
  get nextPc(): number {
    return (this.pc + this.size) | 0;
  }

  /** Appends one line of code. */
  emit(line: string): void {
    this.code.push(line);
  }

  /** Expression reading register `n`; r15 reads as the instruction address + 8 (A32) or + 4. */
  reg(n: number): string {
    if (n === 15) return String((this.pc + (this.thumb ? 4 : 8)) | 0);
    this.regsRead |= 1 << n;
    return "r" + n;
  }

  /** PC value for Thumb literal/ADR forms: Align(PC, 4). */
  pcAligned(): string {
    return String(((this.pc + (this.thumb ? 4 : 8)) & ~3) | 0);
  }

  /** Assigns `expr` (coerced to int32) to register `n` (0–14; use the write-pc helpers for r15). */
  setReg(n: number, expr: string): void {
    if (n === 15) throw new Error("setReg(15): use writePc");
    this.regsRead |= 1 << n;
    this.regsWritten |= 1 << n;
    this.emit(`r${n} = (${expr}) | 0;`);
  }

  /** Marks the flag locals as used (they are loaded at entry and written back at exits). */
  useFlags(): void {
    this.flagsUsed = true;
  }

  /** Emits NF = ZF = expr (the usual "set N and Z from the result"). */
  setNZ(expr: string): void {
    this.useFlags();
    this.emit(`NF = ZF = (${expr}) | 0;`);
  }

  /** Memory load expression: `size` 1/2/4, sign-extended when `signed`; `user` for LDRT. */
  ld(size: 1 | 2 | 4, signed: boolean, addr: string, user = false): string {
    this.mayFault = true;
    const m = user ? this.memObjUser : this.memObj;
    if (this.bigEndian && size > 1) {
      if (size === 4) return `H.bswap32(${m}.ld32(${addr}))`;
      // ld16s for the signed form (bswap16s reads only the low halfword) so that plugins see
      // a sign-extending access.
      return signed ? `H.bswap16s(${m}.ld16s(${addr}))` : `H.bswap16(${m}.ld16(${addr}))`;
    }
    const fn = size === 4
      ? "ld32"
      : size === 2
      ? (signed ? "ld16s" : "ld16")
      : signed
      ? "ld8s"
      : "ld8";
    return `${m}.${fn}(${addr})`;
  }

  /** Memory store statement. */
  st(size: 1 | 2 | 4, addr: string, value: string, user = false): void {
    this.mayFault = true;
    const m = user ? this.memObjUser : this.memObj;
    const fn = size === 4 ? "st32" : size === 2 ? "st16" : "st8";
    if (this.bigEndian && size > 1) value = `H.bswap${size === 4 ? 32 : 16}(${value})`;
    this.emit(`${m}.${fn}(${addr}, ${value});`);
  }

  /**
   * Writes every register and flag local back to the CPU object, so a helper can read or
   * change the full architectural state. Pair with `reload()` if the helper may change it.
   */
  sync(): void {
    this.mayFault = true;
    // Also publish how many instructions of this TB have run, counting this one, so that
    // helpers reading virtual time under icount see it exactly (cpu.syncIcount).
    this.emit(`/*SYNC*/ cpu.syncIcount = /*IT*/${this.index + 1};`);
  }

  /** Reloads register and flag locals from the CPU object after a helper changed them. */
  reload(): void {
    this.emit("/*RELOAD*/");
  }

  /** Emits a statement that raises a synchronous exception at the current instruction. */
  raise(kind: Excp, fsr = 0, far = 0, imm = 0): void {
    this.mayFault = true;
    this.emit(`throw new H.GuestException(${kind}, ${fsr}, ${far}, ${imm});`);
  }

  /** Ends the TB with a jump to a constant address (chainable). */
  jumpStatic(target: number): void {
    target |= 0;
    // A back-edge becomes a loop only when it arrives in the TB's own IT state.
    if (
      target === this.tbPc && this.staticExits < 2 &&
      (!this.thumb || this.condexecNext === this.tbCondexec)
    ) {
      this.loops = true;
      this.emit(`/*LOOP*/`);
      return;
    }
    let n = this.exitTargets.indexOf(target);
    if (n < 0) {
      n = this.staticExits++;
      this.exitTargets.push(target);
    }
    this.emit(`/*WB*/ R[15] = ${target}; return ${n};`);
  }

  /** Ends the TB with a jump to a computed address (looked up by the run loop). */
  jumpDynamic(expr: string): void {
    this.emit(`{ const $t = (${expr}) | 0; /*WB*/ R[15] = $t; return 2; }`);
  }

  /**
   * Writes the pc as BXWritePC/LoadWritePC/ALUWritePC do in ARMv7: bit 0 selects Thumb,
   * otherwise the address is word-aligned; ends the TB.
   */
  writePcInterwork(expr: string): void {
    this.sync();
    this.emit(`{ const $t = (${expr}) | 0; H.bxWritePc(cpu, $t); return 2; }`);
  }

  /** BranchWritePC: the pc changes without a change of instruction set. */
  writePcBranch(expr: string): void {
    const mask = this.thumb ? "~1" : "~3";
    this.jumpDynamic(`(${expr}) & ${mask}`);
  }
}
