/**
 * A32 translation: the decode tables (conditional space and the unconditional `1111` space)
 * that each instruction group fills, and the block translator that turns guest instructions
 * into the per-instruction code `accel/tcg/codegen.ts` assembles.
 *
 * To add an instruction: add a pattern to the group's `register*` function with an emitter
 * `(s, f) => boolean | void` (return false for an UNDEFINED sub-encoding).
 *
 * @module
 */

import { DecodeTable, extractFields } from "./decodetree.ts";
import type { Fields, Pattern } from "./decodetree.ts";
import { type DisasContext, DisasJump } from "./disas-context.ts";
import { Excp } from "./exception.ts";
import type { InsnCode } from "../../accel/tcg/codegen.ts";

/** An instruction emitter. Returning false makes the encoding UNDEFINED. */
export type Emitter = (s: DisasContext, f: Fields) => boolean | void;

/** Key bits for bucketing A32 patterns: op bits 27..20 and 7..4. */
const KEY_BITS = [27, 26, 25, 24, 23, 22, 21, 20, 7, 6, 5, 4];

/** Patterns with a condition field (cond != 1111). */
export const A32_TABLE: DecodeTable<Emitter> = new DecodeTable<Emitter>(KEY_BITS);
/** Patterns of the unconditional space (cond == 1111). */
export const A32_UNCOND_TABLE: DecodeTable<Emitter> = new DecodeTable<Emitter>(KEY_BITS);

/** Condition expression on the flag locals for condition code `cond` (0–13). */
export function condExpr(cond: number): string {
  switch (cond) {
    case 0:
      return "ZF === 0";
    case 1:
      return "ZF !== 0";
    case 2:
      return "CF !== 0";
    case 3:
      return "CF === 0";
    case 4:
      return "NF < 0";
    case 5:
      return "NF >= 0";
    case 6:
      return "VF < 0";
    case 7:
      return "VF >= 0";
    case 8:
      return "(CF !== 0 && ZF !== 0)";
    case 9:
      return "(CF === 0 || ZF === 0)";
    case 10:
      return "(NF ^ VF) >= 0";
    case 11:
      return "(NF ^ VF) < 0";
    case 12:
      return "(ZF !== 0 && (NF ^ VF) >= 0)";
    case 13:
      return "(ZF === 0 || (NF ^ VF) < 0)";
    default:
      return "";
  }
}

/** Reads instruction words for the translator (throws a prefetch abort when it cannot). */
export interface CodeReader {
  /** Reads the 32-bit word at virtual address `va`. */
  read32(va: number): number;
  /** Reads the 16-bit halfword at virtual address `va`. */
  read16(va: number): number;
}

/**
 * Chooses the memory-access objects of instruction `index` (plugins instrumenting its
 * accesses): `[kernelObj, userObj]` names, or null for the plain `M`/`U`.
 */
export type MemHook = (index: number) => [string, string] | null;

/** Translation limits. */
export const MAX_INSNS_PER_TB = 128;

/**
 * Translates A32 instructions starting at `s.tbPc` until a TB-ending instruction, the page
 * end or the size cap. Returns the code of each instruction for codegen.
 */
export function translateA32(
  s: DisasContext,
  reader: CodeReader,
  maxInsns = MAX_INSNS_PER_TB,
  memHook: MemHook | null = null,
): InsnCode[] {
  const out: InsnCode[] = [];
  let pc = s.tbPc;
  const pageEnd = (s.tbPc | 0xfff) >>> 0;
  for (let i = 0; i < maxInsns; i++) {
    let insn: number;
    if (i === 0) {
      insn = reader.read32(pc);
    } else {
      try {
        insn = reader.read32(pc);
      } catch {
        // The fetch faults: end the TB before it; the fault is taken when we get there.
        break;
      }
    }
    s.pc = pc;
    s.insn = insn;
    s.size = 4;
    s.index = i;
    s.code = [];
    s.mayFault = false;
    s.isJmp = DisasJump.NEXT;
    const hook = memHook?.(i) ?? null;
    s.memObj = hook ? hook[0] : "M";
    s.memObjUser = hook ? hook[1] : "U";
    const cond = insn >>> 28;
    let ok: boolean;
    if (cond === 0xf) {
      const p = A32_UNCOND_TABLE.lookup(insn);
      ok = p !== undefined && p.payload(s, fieldsOf(p, insn)) !== false;
    } else {
      const p = A32_TABLE.lookup(insn);
      ok = p !== undefined && p.payload(s, fieldsOf(p, insn)) !== false;
    }
    if (!ok) {
      s.code = [];
      s.raise(Excp.UDEF);
      s.isJmp = DisasJump.NORETURN;
    }
    // As in QEMU, the condition applies to UNDEFINED encodings too: a failing condition makes
    // them no-ops.
    const condStr = cond < 14 ? condExpr(cond) : "";
    if (condStr) s.useFlags();
    out.push({ pc, word: insn, cond: condStr, code: s.code, mayFault: s.mayFault });
    pc = (pc + 4) | 0;
    const jmp = s.isJmp as DisasJump;
    if (jmp === DisasJump.UPDATE) {
      out.push(exitInsn(s, pc, "dynamic"));
      return out;
    }
    if (jmp === DisasJump.NORETURN) {
      if (condStr) out.push(exitInsn(s, pc, "static"));
      return out;
    }
    if ((pc >>> 0) > pageEnd || pc === 0) break;
  }
  out.push(exitInsn(s, pc, "static"));
  return out;
}

/** A pseudo-instruction that leaves the TB towards `pc`. */
function exitInsn(s: DisasContext, pc: number, kind: "static" | "dynamic"): InsnCode {
  s.code = [];
  s.pc = pc;
  if (kind === "static") s.jumpStatic(pc);
  else s.emit(`/*WB*/ R[15] = ${pc | 0}; return 2;`);
  return { pc, word: 0, cond: "", code: s.code, mayFault: false, pseudo: true };
}

function fieldsOf(p: Pattern<Emitter>, insn: number): Fields {
  return extractFields(p, insn);
}
