/**
 * Thumb translation (T16 and Thumb-2 T32): the block translator that fetches 16- and 32-bit
 * instructions (a 32-bit one may straddle a page boundary), runs the IT state machine, and
 * turns each instruction into code for `accel/tcg/codegen.ts`, as QEMU 7.2's
 * thumb_tr_translate_insn does.
 *
 * IT blocks: the state at each instruction is known at translation time (it is part of the TB
 * flags and advances per instruction), so an instruction in an IT block is wrapped in its
 * condition like a conditional A32 instruction. The CPU's `condexec` is kept exact for
 * everything outside the TB: an instruction that changes the state stores the state after it
 * before its condition is tested (`InsnCode.itNext`), and a fault restores the state of the
 * faulting instruction (`InsnCode.itFault`), except for SVC whose exception is taken after it
 * with the advanced state, as in QEMU (DISAS_SWI). BKPT is the one instruction that ignores the
 * IT condition.
 *
 * Coprocessor, VFP and Advanced SIMD encodings are not in the Thumb tables: T32 words in the
 * coprocessor space (`111x 11xx ...`) are decoded by the A32 tables, the `1110` ones as the A32
 * instruction with condition AL and the `1111` ones in the unconditional space, and the Thumb
 * Advanced SIMD spaces are mapped to their A32 encodings first (as QEMU does). This is the hook
 * for the VFP and NEON translators: whatever they add to `A32_TABLE`/`A32_UNCOND_TABLE` also
 * decodes in Thumb (where r15 reads as the instruction address + 4 and literal addresses must
 * use `s.pcAligned()`).
 *
 * @module
 */

import { extractFields } from "./decodetree.ts";
import { type DisasContext, DisasJump } from "./disas-context.ts";
import { Excp } from "./exception.ts";
import {
  A32_TABLE,
  A32_UNCOND_TABLE,
  type CodeReader,
  condExpr,
  type Emitter,
  MAX_INSNS_PER_TB,
  type MemHook,
} from "./translate-a32.ts";
import { registerA32Groups } from "./a32.ts";
import type { InsnCode } from "../../accel/tcg/codegen.ts";
import type { DecodeTable } from "./decodetree.ts";
import { inItBlock, isT32Prefix, itAdvance, T16_TABLE, T32_TABLE } from "./translate-t32-table.ts";
import { registerT16 } from "./translate-t16.ts";
import { registerT32DataProcessing } from "./translate-t32-dp.ts";
import { registerT32Media } from "./translate-t32-media.ts";
import { registerT32LoadStore } from "./translate-t32-ldst.ts";
import { registerT32System } from "./translate-t32-sys.ts";

const PAGE_SIZE = 0x1000;

let registered = false;

/** Fills the Thumb decode tables (and the A32 ones they forward to) once. */
export function registerThumbGroups(): void {
  if (registered) return;
  registered = true;
  registerA32Groups();
  registerT16();
  registerT32System();
  registerT32DataProcessing();
  registerT32Media();
  registerT32LoadStore();
}

/** Runs the emitter of the first pattern of `table` matching `insn`; false when UNDEFINED. */
function decodeWith(s: DisasContext, table: DecodeTable<Emitter>, insn: number): boolean {
  const p = table.lookup(insn >>> 0);
  return p !== undefined && p.payload(s, extractFields(p, insn >>> 0)) !== false;
}

/** Decodes an A32 encoding on behalf of a T32 one; on failure leaves no code behind. */
function decodeAsA32(s: DisasContext, a32: number): boolean {
  const ok = decodeWith(s, (a32 >>> 28) === 0xf ? A32_UNCOND_TABLE : A32_TABLE, a32);
  if (!ok) resetInsn(s);
  return ok;
}

function resetInsn(s: DisasContext): void {
  s.code = [];
  s.mayFault = false;
  s.isJmp = DisasJump.NEXT;
  s.condJump = false;
}

/** Decodes a 32-bit Thumb instruction (QEMU's disas_thumb2_insn order). */
function decodeT32(s: DisasContext, insn: number): boolean {
  // Advanced SIMD data processing: 111p 1111 ... is A32 1111 001p ...
  if (((insn & 0xef000000) >>> 0) === 0xef000000) {
    const a32 = ((insn & 0xe2ffffff) | ((insn & 0x10000000) >>> 4) | 0x10000000) >>> 0;
    // Nothing else lives in this space: an encoding NEON rejects is UNDEFINED (not the
    // coprocessor space's A32 reading, where `1110 1111 ...` would be an SVC).
    return decodeAsA32(s, a32);
  }
  // Advanced SIMD element load/store: 1111 1001 xxx0 ... is A32 1111 0100 xxx0 ...
  if (((insn & 0xff100000) >>> 0) === 0xf9000000) {
    if (decodeAsA32(s, ((insn & 0x00ffffff) | 0xf4000000) >>> 0)) return true;
  }
  if (decodeWith(s, T32_TABLE, insn)) return true;
  resetInsn(s);
  // Coprocessor space (MCR/MRC/MCRR/MRRC, VFP): the A32 encoding with condition AL, or the
  // unconditional one.
  if (((insn & 0xec000000) >>> 0) === 0xec000000) return decodeAsA32(s, insn);
  return false;
}

/**
 * Translates Thumb instructions starting at `s.tbPc` in IT state `s.condexec` (set by the
 * caller from the TB flags) until a TB-ending instruction, the page end or the size cap.
 * Returns the code of each instruction for codegen.
 */
export function translateThumb(
  s: DisasContext,
  reader: CodeReader,
  maxInsns = MAX_INSNS_PER_TB,
  memHook: MemHook | null = null,
): InsnCode[] {
  registerThumbGroups();
  const out: InsnCode[] = [];
  const pageStart = s.tbPc & ~(PAGE_SIZE - 1);
  let pc = s.tbPc;
  let it = s.condexec & 0xff;
  s.tbCondexec = it;
  let changesIt = false;
  for (let i = 0; i < maxInsns; i++) {
    let insn: number;
    let size: 2 | 4;
    if (i === 0) {
      // A fault here is a prefetch abort at the TB's first instruction (possibly on the second
      // halfword, in the next page).
      insn = reader.read16(pc);
      size = isT32Prefix(insn) ? 4 : 2;
      if (size === 4) insn = ((insn << 16) | reader.read16((pc + 2) | 0)) >>> 0;
    } else {
      try {
        insn = reader.read16(pc);
        size = isT32Prefix(insn) ? 4 : 2;
        if (size === 4) insn = ((insn << 16) | reader.read16((pc + 2) | 0)) >>> 0;
      } catch {
        // The fetch faults: end the TB before it; the fault is taken when we get there.
        break;
      }
    }
    s.pc = pc;
    s.insn = insn;
    s.size = size;
    s.index = i;
    resetInsn(s);
    const hook = memHook?.(i) ?? null;
    s.memObj = hook ? hook[0] : "M";
    s.memObjUser = hook ? hook[1] : "U";
    s.condexec = it;
    s.condexecNext = itAdvance(it);
    const ok = size === 4 ? decodeT32(s, insn) : decodeWith(s, T16_TABLE, insn);
    if (!ok) {
      resetInsn(s);
      s.raise(Excp.UDEF);
      s.isJmp = DisasJump.NORETURN;
    }
    const next = s.condexecNext & 0xff;
    // In an IT block every instruction but BKPT is conditional; 1110 and 1111 both mean always.
    const isBkpt = size === 2 && (insn & 0xff00) === 0xbe00;
    const cond = inItBlock(it) && !isBkpt ? it >>> 4 : 14;
    const condStr = cond < 14 ? condExpr(cond) : "";
    if (condStr) s.useFlags();
    const isSvc = size === 2 && (insn & 0xff00) === 0xdf00;
    const code: InsnCode = {
      pc,
      word: insn,
      size,
      cond: condStr,
      code: s.code,
      mayFault: s.mayFault,
      itFault: isSvc && ok ? next : it,
    };
    if (next !== it) {
      code.itNext = next;
      changesIt = true;
    }
    out.push(code);
    pc = (pc + size) | 0;
    it = next;
    const jmp = s.isJmp as DisasJump;
    if (jmp === DisasJump.UPDATE) {
      out.push(exitInsn(s, pc, "dynamic"));
      return finish(out, changesIt);
    }
    if (jmp === DisasJump.NORETURN) {
      if (condStr || s.condJump) out.push(exitInsn(s, pc, "static"));
      return finish(out, changesIt);
    }
    // Stop before the next page, and before an instruction that would cross into it.
    const used = (pc - pageStart) >>> 0;
    if (used >= PAGE_SIZE) break;
    if (used >= PAGE_SIZE - 3) {
      try {
        if (isT32Prefix(reader.read16(pc))) break;
      } catch {
        break;
      }
    }
  }
  out.push(exitInsn(s, pc, "static"));
  return finish(out, changesIt);
}

/** Drops the per-instruction fault states of a TB that never changes the IT state. */
function finish(out: InsnCode[], changesIt: boolean): InsnCode[] {
  if (!changesIt) { for (const x of out) delete x.itFault; }
  return out;
}

/** A pseudo-instruction that leaves the TB towards `pc`. */
function exitInsn(s: DisasContext, pc: number, kind: "static" | "dynamic"): InsnCode {
  s.code = [];
  s.pc = pc;
  if (kind === "static") s.jumpStatic(pc);
  else s.emit(`/*WB*/ R[15] = ${pc | 0}; return 2;`);
  return { pc, word: 0, size: 0, cond: "", code: s.code, mayFault: false, pseudo: true };
}
