/**
 * Turns the per-instruction code an ISA translator produced into one JavaScript function per
 * TB: register and flag locals loaded at entry and written back at every exit, a try/catch
 * that leaves the CPU state exact at a faulting instruction, and a loop when the TB branches
 * to its own start.
 *
 * TB function contract: `fn(cpu, limit)`, where `limit` is the instruction budget left in
 * the slice (only self-loops use it), returns the exit taken: 0 or 1 for static exits
 * (chainable, target in `tb.exitTargets`), 2 for a dynamic exit (next pc in `cpu.r[15]`), 3
 * for "run this TB again" (a self-loop that stopped for the budget or an exit request). On an
 * exception it sets `cpu.r[15]` to the faulting instruction, `cpu.faultIndex` to its index,
 * and rethrows.
 *
 * @module
 */

import type { DisasContext } from "../../cpu/arm/disas-context.ts";

/** One translated instruction. */
export interface InsnCode {
  /** Address. */
  pc: number;
  /** Encoding (for plugins and logs). */
  word: number;
  /** Plugin instrumentation run before the instruction (and before its condition). */
  pre?: string[];
  /** Whether `pre` may throw (plugin callbacks). */
  preMayFault?: boolean;
  /** Condition wrapper expression, or "" when unconditional. */
  cond: string;
  /** Body lines. */
  code: string[];
  /** Whether it may throw (record its index first). */
  mayFault: boolean;
  /** True for the TB's closing exit, which is not a guest instruction. */
  pseudo?: boolean;
  /** Size in bytes (4 when absent; Thumb instructions are 2 or 4). */
  size?: number;
  /**
   * Thumb: the IT state after this instruction, stored before its condition is tested (the
   * state advances whether or not the instruction runs). Absent when the state is unchanged.
   */
  itNext?: number;
  /** Thumb: the IT state to leave in the CPU when this instruction faults. */
  itFault?: number;
}

/** Generated source of a TB plus what the factory needs. */
export interface TbSource {
  /** Function body source (for `-d out_asm`-like debugging). */
  source: string;
  /** pc of every instruction, by index. */
  pcs: number[];
}

const FLAGS = ["NF", "ZF", "CF", "VF"];

/** Builds the source of a TB from its translated instructions. */
export function generateTbSource(
  s: DisasContext,
  insns: InsnCode[],
  name: string,
  preamble = "",
  accumulators: { decl: string; flush: string } = { decl: "", flush: "" },
): TbSource {
  const used = (s.regsRead | s.regsWritten) & 0x7fff;
  const regsUsed: number[] = [];
  const regsWritten: number[] = [];
  for (let n = 0; n < 15; n++) {
    if (used & (1 << n)) regsUsed.push(n);
    if (s.regsWritten & (1 << n)) regsWritten.push(n);
  }
  const n = insns.filter((x) => !x.pseudo).length;
  let wb = regsWritten.map((r) => `R[${r}] = r${r};`).join(" ") + accumulators.flush;
  if (s.flagsUsed) wb += " " + FLAGS.map((f) => `cpu.${f} = ${f};`).join(" ");
  // Instructions run by earlier passes of a self-loop; assigned (not added) so that a helper's
  // SYNC and the exit that follows it agree.
  const extra = s.loops ? ` cpu.icountExtra = $it * ${n};` : "";
  let reload = regsUsed.map((r) => `r${r} = R[${r}];`).join(" ");
  if (s.flagsUsed) reload += " " + FLAGS.map((f) => `${f} = cpu.${f};`).join(" ");

  const body: string[] = [];
  let lastIndexSet = 0;
  for (let i = 0; i < insns.length; i++) {
    const ins = insns[i];
    if (ins.pre?.length) {
      if (ins.preMayFault && lastIndexSet !== i) {
        body.push(`$i = ${i};`);
        lastIndexSet = i;
      }
      for (const line of ins.pre) body.push(line);
    }
    if (ins.mayFault && lastIndexSet !== i) {
      body.push(`$i = ${i};`);
      lastIndexSet = i;
    }
    if (ins.itNext !== undefined) body.push(`cpu.condexec = ${ins.itNext};`);
    if (ins.cond) body.push(`if (${ins.cond}) {`);
    else body.push("{");
    for (const line of ins.code) body.push("  " + line);
    body.push("}");
  }
  const loopExit =
    `if (++$it >= $maxIt || cpu.exitRequest !== 0) { $it--; ${wb}${extra} R[15] = ${s.tbPc}; return 3; } continue $loop;`;
  let text = body.join("\n")
    .replaceAll("/*WB*/", wb + extra)
    .replaceAll("/*SYNC*/", wb)
    .replaceAll("/*IT*/", s.loops ? `$it * ${n} + ` : "")
    .replaceAll("/*RELOAD*/", reload)
    .replaceAll("/*FLUSHACC*/", accumulators.flush)
    .replaceAll("/*LOOP*/", loopExit);
  // `$lim` is the instruction budget left: a self-loop stops after the pass that uses it up.
  if (s.loops) {
    text =
      `const $maxIt = $lim > ${n} ? Math.ceil($lim / ${n}) : 1;\n$loop: for (;;) {\n$i = 0;\n${text}\n}`;
  }

  const decl: string[] = ["const R = cpu.r;"];
  if (regsUsed.length) decl.push("let " + regsUsed.map((r) => `r${r} = R[${r}]`).join(", ") + ";");
  if (s.flagsUsed) decl.push("let " + FLAGS.map((f) => `${f} = cpu.${f}`).join(", ") + ";");
  decl.push("let $i = 0, $it = 0;");
  if (accumulators.decl) decl.push(accumulators.decl);
  let catchWb = wb + extra;
  let itTable = "";
  if (insns.some((x) => x.itNext !== undefined)) {
    // The TB changes the IT state as it goes: a fault restores that of the faulting insn.
    itTable = `const $cx = [${insns.map((x) => x.itFault ?? 0).join(", ")}];\n`;
    catchWb += " cpu.condexec = $cx[$i];";
  }
  const source = `${preamble}
${itTable}return function ${name}(cpu, $lim) {
${decl.join("\n")}
try {
${text}
} catch ($e) {
  ${catchWb} R[15] = $pcs[$i]; cpu.faultIndex = $i; throw $e;
}
};`;
  return { source, pcs: insns.map((x) => x.pc) };
}
