/**
 * Advanced SIMD (NEON) for A32 and T32: what every NEON translator shares, and the
 * registration of the instruction groups (QEMU's neon-dp.decode, neon-ls.decode and
 * neon-shared.decode, and the scalar transfers of vfp.decode).
 *
 * The register file is the VFP one (`cpu.vfp`, see vfp-state.ts): Dn is words `2n` and `2n+1`
 * of `cpu.vfp.i32`, Qn is D(2n) and D(2n+1). Every NEON encoding is UNDEFINED on a CPU without
 * Advanced SIMD (`DisasContext.neon`, QEMU's `neon=off`), and otherwise needs the same access
 * rights as VFP: CPACR.cp10 for the current privilege level and FPEXC.EN.
 *
 * Patterns are written in their A32 spelling; the Thumb translator maps the T32 NEON spaces onto
 * them (translate-thumb.ts), so each group decodes in both instruction sets.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import type { Fields } from "./decodetree.ts";
import { A32_TABLE, A32_UNCOND_TABLE, type Emitter } from "./translate-a32.ts";
import { vfpAccessCheck } from "./translate-vfp.ts";
import { registerNeonInteger } from "./translate-neon-int.ts";
import { registerNeonShiftMisc } from "./translate-neon-shift.ts";
import { registerNeonFloat } from "./translate-neon-float.ts";
import { registerNeonLoadStore } from "./translate-neon-ldst.ts";

/** Emits the run-time access check of a NEON instruction (CPACR.cp10 and FPEXC.EN). */
export function neonAccessCheck(s: DisasContext): void {
  vfpAccessCheck(s, false, false);
}

/** D register number of a `Vd:D`-style operand (D is the high bit). */
export function dreg(v: number, hi: number): number {
  return (hi << 4) | v;
}

/**
 * True when a Q-register operation names an odd D register for any of `regs` (UNDEFINED):
 * with `q` set, every register must be even.
 */
export function oddQ(q: number, ...regs: number[]): boolean {
  if (!q) return false;
  for (const r of regs) if (r & 1) return true;
  return false;
}

/** Wraps an emitter so that it is UNDEFINED on a CPU without Advanced SIMD. */
function gated(emit: Emitter): Emitter {
  return (s: DisasContext, f: Fields) => (s.neon ? emit(s, f) : false);
}

/**
 * Adds a NEON pattern in the A32 unconditional space (`1111 001x` data processing,
 * `1111 0100` element and structure loads/stores).
 */
export function addNeonPattern(name: string, pattern: string, emit: Emitter): void {
  A32_UNCOND_TABLE.add(name, pattern, gated(emit));
}

/**
 * Adds a NEON pattern in the conditional coprocessor space (VMOV between a core register and an
 * 8- or 16-bit scalar, VDUP from a core register): the A32 spelling starts with `cccc`.
 */
export function addNeonCondPattern(name: string, pattern: string, emit: Emitter): void {
  A32_TABLE.add(name, pattern, gated(emit));
}

let done = false;

/** Adds every NEON group to the A32 decode tables (once). */
export function registerA32Neon(): void {
  if (done) return;
  done = true;
  registerNeonInteger();
  registerNeonShiftMisc();
  registerNeonFloat();
  registerNeonLoadStore();
}
