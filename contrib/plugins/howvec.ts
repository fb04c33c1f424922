/**
 * howvec: how often each class of instruction runs (QEMU's contrib/plugins/howvec.c).
 *
 * QEMU has no class table for 32-bit Arm (every opcode is counted individually); tsemu
 * classifies A32 encodings by the ARM ARM's top-level decode (A5.1-A5.7): data processing,
 * multiply/divide, load/store, load/store multiple, branch, system/coprocessor, media,
 * VFP/NEON and exception generation. 16-bit instructions are counted as Thumb (T32 classes
 * are not done yet; tsemu does not run Thumb code yet).
 *
 * ```
 * Instruction Classes:
 * Class: Data Processing         	(21290 hits)
 * Class: Unclassified            	counted individually
 * Individual Instructions:
 * Instr: add r2, r2, r1          	(5000 hits)	(op=0xe0822001/Data Processing)
 * ```
 *
 * Options (QEMU's): `inline=on` (inline scoreboard adds instead of callbacks), `verbose=on`
 * (also list classes with no hits), `count=CLASS` (count that class per instruction) and
 * `count=!CLASS` (do not count it), CLASS being a class's short name: dp, mul, ldst, ldm,
 * branch, sys, media, fp, excp, thumb, unclas. At most 50 instructions are listed.
 *
 * @module
 */

import { CbFlags, InlineOp } from "../../plugins/api.ts";
import type { PluginApi, PluginInfo, ScoreboardU64 } from "../../plugins/api.ts";
import { boolArg, splitArgs, unknownArg } from "./args.ts";

const PLUGIN = "howvec";
/** Individual instructions printed (hard-coded in QEMU too). */
export const HOWVEC_LIMIT = 50;

/** How a class is counted (QEMU's CountType). */
export const enum CountType {
  NONE = 0,
  CLASS = 1,
  INDIVIDUAL = 2,
}

/** An instruction class: label, `count=` name, default counting. */
export interface InsnClass {
  readonly label: string;
  readonly opt: string;
  readonly what: CountType;
}

/** The A32 classes, in report order. */
export const A32_CLASSES: readonly InsnClass[] = [
  { label: "Data Processing", opt: "dp", what: CountType.CLASS },
  { label: "Multiply/Divide", opt: "mul", what: CountType.CLASS },
  { label: "Load/Store", opt: "ldst", what: CountType.CLASS },
  { label: "Load/Store Multiple", opt: "ldm", what: CountType.CLASS },
  { label: "Branch", opt: "branch", what: CountType.CLASS },
  { label: "System/Coprocessor", opt: "sys", what: CountType.CLASS },
  { label: "Media", opt: "media", what: CountType.CLASS },
  { label: "VFP/NEON", opt: "fp", what: CountType.CLASS },
  { label: "Exception Generation", opt: "excp", what: CountType.CLASS },
  { label: "Thumb", opt: "thumb", what: CountType.CLASS },
  { label: "Unclassified", opt: "unclas", what: CountType.INDIVIDUAL },
];

const C = Object.fromEntries(A32_CLASSES.map((c, i) => [c.opt, i])) as Record<string, number>;

/** `(word & mask) === pattern` selects class index `cls`; the first match wins. */
type Rule = readonly [mask: number, pattern: number, cls: number];

/** A32 decode rules (ARM DDI 0406C, A5.1-A5.7). Unconditional space (cond = 1111) first. */
const A32_RULES: readonly Rule[] = [
  [0xfe000000, 0xf2000000, C.fp], // Advanced SIMD data processing
  [0xff100000, 0xf4000000, C.fp], // Advanced SIMD element/structure load/store
  [0xfff00000, 0xf5700000, C.sys], // CLREX, DSB, DMB, ISB
  [0xfc000000, 0xf4000000, C.sys], // PLD, PLDW, PLI (memory hints)
  [0xfff00000, 0xf1000000, C.sys], // CPS, SETEND
  [0xfe000000, 0xf8000000, C.sys], // SRS, RFE
  [0xfe000000, 0xfa000000, C.branch], // BLX (immediate)
  [0xf0000000, 0xf0000000, C.sys], // MCR2, MRC2, LDC2, STC2, CDP2, MCRR2... and UNDEFINED
  [0x0f000000, 0x0f000000, C.excp], // SVC
  [0x0ff000f0, 0x01200070, C.excp], // BKPT
  [0x0ff000f0, 0x01400070, C.excp], // HVC
  [0x0ff000f0, 0x01600070, C.excp], // SMC
  [0x0ff000f0, 0x07f000f0, C.excp], // UDF (permanently undefined)
  [0x0fffffff, 0x0160006e, C.sys], // ERET
  [0x0c000e00, 0x0c000a00, C.fp], // VFP and Advanced SIMD on coprocessors 10 and 11
  [0x0c000000, 0x0c000000, C.sys], // other coprocessors (CP15, CP14): MCR, MRC, LDC, ...
  [0x0e000000, 0x0a000000, C.branch], // B, BL
  [0x0e000000, 0x08000000, C.ldm], // LDM, STM, PUSH, POP
  [0x0f800010, 0x07000010, C.mul], // signed multiplies (SMLAD...), SDIV, UDIV
  [0x0e000010, 0x06000010, C.media], // parallel add/sub, pack, saturate, reverse, bitfield
  [0x0e000000, 0x04000000, C.ldst], // LDR/STR(B) immediate
  [0x0e000010, 0x06000000, C.ldst], // LDR/STR(B) register
  [0x0f0000f0, 0x00000090, C.mul], // MUL, MLA, UMULL, ... UMAAL
  [0x0f0000f0, 0x01000090, C.ldst], // SWP, LDREX/STREX family
  [0x0e000090, 0x00000090, C.ldst], // extra load/store: halfword, signed byte, dual
  [0x0fffffc0, 0x012fff00, C.branch], // BX, BXJ, BLX (register)
  [0x0fff0ff0, 0x016f0f10, C.dp], // CLZ
  [0x0f9000f0, 0x01000050, C.media], // QADD, QSUB, QDADD, QDSUB
  [0x0f900090, 0x01000080, C.mul], // halfword multiplies (SMLAxy, SMULWy...)
  [0x0f9000f0, 0x01000000, C.sys], // MRS, MSR (register), banked registers
  [0x0fb00000, 0x03200000, C.sys], // MSR (immediate) and hints (NOP, WFI, WFE, YIELD, SEV)
  [0x0c000000, 0x00000000, C.dp], // data processing (immediate, register, shifted), MOVW/T
];

/** Class index of an instruction from its bytes (little-endian), for the table above. */
export function classifyInsn(bytes: Uint8Array): number {
  if (bytes.length === 2) return C.thumb;
  if (bytes.length !== 4) return C.unclas;
  const word = (bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24) >>> 0;
  return classifyA32(word);
}

/** Class index of A32 encoding `word`. */
export function classifyA32(word: number): number {
  for (const [mask, pattern, cls] of A32_RULES) {
    if (((word & mask) >>> 0) === pattern) return cls;
  }
  return C.unclas;
}

/** An instruction counted individually. */
interface InsnRecord {
  opcode: number;
  disas: string;
  cls: number;
  count: ScoreboardU64;
}

/** Installs howvec. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): void {
  let inline = false;
  let verbose = false;
  const what = A32_CLASSES.map((c) => c.what);
  for (const a of splitArgs(PLUGIN, args)) {
    if (a.name === "inline") inline = boolArg(api, PLUGIN, a);
    else if (a.name === "verbose") verbose = boolArg(api, PLUGIN, a);
    else if (a.name === "count") {
      const none = a.value.startsWith("!");
      const opt = none ? a.value.slice(1) : a.value;
      const i = A32_CLASSES.findIndex((c) => c.opt === opt);
      if (i < 0) {
        throw new Error(
          `${PLUGIN}: count=${a.value}: no class '${opt}' (classes: ${
            A32_CLASSES.map((c) => c.opt).join(", ")
          })`,
        );
      }
      what[i] = none ? CountType.NONE : CountType.INDIVIDUAL;
    } else unknownArg(PLUGIN, a, ["inline", "verbose", "count"]);
  }

  const classCounts = api.scoreboardNew(A32_CLASSES.length);
  const classSlots = A32_CLASSES.map((_, i) => classCounts.u64(i));
  const insns = new Map<number, InsnRecord>();
  const bump = (vcpu: number, slot: ScoreboardU64) => slot.add(vcpu, 1);

  api.onTbTrans((tb) => {
    for (let i = 0; i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      const bytes = insn.data();
      const cls = classifyInsn(bytes);
      let slot: ScoreboardU64;
      if (what[cls] === CountType.NONE) continue;
      if (what[cls] === CountType.CLASS) {
        slot = classSlots[cls];
      } else {
        let opcode = 0;
        for (let b = bytes.length - 1; b >= 0; b--) opcode = (opcode * 256 + bytes[b]) >>> 0;
        let rec = insns.get(opcode);
        if (!rec) {
          rec = { opcode, disas: insn.disas(), cls, count: api.scoreboardNew().u64() };
          insns.set(opcode, rec);
        }
        slot = rec.count;
      }
      if (inline) insn.registerExecInline(InlineOp.ADD_U64, slot, 1);
      else insn.registerExecCb(bump, CbFlags.NO_REGS, slot);
    }
  });

  api.onExit(() => {
    let out = "Instruction Classes:\n";
    A32_CLASSES.forEach((c, i) => {
      const label = c.label.padEnd(24);
      if (what[i] === CountType.CLASS) {
        const n = classSlots[i].sum();
        if (n || verbose) out += `Class: ${label}\t(${n} hits)\n`;
      } else if (what[i] === CountType.INDIVIDUAL) {
        out += `Class: ${label}\tcounted individually\n`;
      } else {
        out += `Class: ${label}\tnot counted\n`;
      }
    });
    const recs = [...insns.values()].map((r) => ({ r, n: r.count.sum() }))
      .sort((a, b) => b.n - a.n || a.r.opcode - b.r.opcode);
    if (recs.length) {
      out += "Individual Instructions:\n";
      for (const { r, n } of recs.slice(0, HOWVEC_LIMIT)) {
        out += `Instr: ${r.disas.padEnd(24)}\t(${n} hits)\t(op=0x${
          r.opcode.toString(16).padStart(8, "0")
        }/${A32_CLASSES[r.cls].label})\n`;
      }
    }
    api.outs(out);
  });
}
