/**
 * Run-time helpers of the Advanced SIMD element and structure loads and stores
 * (cpu/arm/translate-neon-ldst.ts), added to the helper object `H` by
 * `registerNeonLsHelpers()`.
 *
 * - `H.neonLsHidden(vfp)`: the storage QEMU 7.2 has past d31. Its register file is an array of
 *   32 Q-sized slots, so "multiple structures" and "to all lanes" loads and stores whose register
 *   list runs past d31 (UNPREDICTABLE; QEMU does not reject them) read and write d32 and up,
 *   which A32 cannot otherwise name and which keep their values from one instruction to the
 *   next. Zero until first written.
 * - `H.neonLsProbeWrite(cpu, va, mmuIdx)`: an 8-byte store that crosses a page makes sure both
 *   pages are writable before anything is written, as QEMU's store path does for a 64-bit
 *   access (tsemu stores it as two words, and the first must not land if the second faults).
 *
 * @module
 */

import type { ArmCpu } from "./cpu.ts";
import { registerHelpers } from "./helpers.ts";
import { Access, type MmuIdx, tlbOf } from "./mmu.ts";
import type { VfpState } from "./vfp-state.ts";

/** D registers of hidden storage past d31 (QEMU's zregs[16..31]). */
export const NEON_LS_HIDDEN_DREGS = 32;

const PAGE_MASK = 0xfff;
const hidden = new WeakMap<VfpState, Int32Array>();

/** The hidden D registers d32 and up of `vfp`, as words (d(32 + n) is words 2n, 2n + 1). */
export function neonLsHidden(vfp: VfpState): Int32Array {
  let h = hidden.get(vfp);
  if (h === undefined) {
    h = new Int32Array(NEON_LS_HIDDEN_DREGS * 2);
    hidden.set(vfp, h);
  }
  return h;
}

/** A software TLB that can translate for an access (accel/tcg/cputlb.ts's CpuTlb). */
interface Translator {
  translate(va: number, access: Access, mmuIdx: MmuIdx): number;
}

function isTranslator(t: unknown): t is Translator {
  return typeof (t as { translate?: unknown }).translate === "function";
}

/**
 * Checks that the 8 bytes at `va`, which cross a page boundary, may be written in `mmuIdx`:
 * translates the first page (a fault reports `va`) and then the second (a fault reports its
 * first byte), throwing the data abort the MMU gives.
 */
export function neonLsProbeWrite(cpu: ArmCpu, va: number, mmuIdx: MmuIdx): void {
  const tlb = tlbOf(cpu);
  if (tlb === undefined || !isTranslator(tlb)) return;
  tlb.translate(va >>> 0, Access.WRITE, mmuIdx);
  tlb.translate(((va + 8) & ~PAGE_MASK) >>> 0, Access.WRITE, mmuIdx);
}

let registered = false;

/** Adds `H.neonLsHidden` and `H.neonLsProbeWrite`; idempotent. */
export function registerNeonLsHelpers(): void {
  if (registered) return;
  registered = true;
  registerHelpers({ neonLsHidden, neonLsProbeWrite });
}
