/**
 * Virtual-to-physical translation for the ARMv7-A short-descriptor MMU (QEMU's
 * target/arm/ptw.c). With SCTLR.M clear, addresses map flat with full permissions.
 *
 * @module
 */

import type { ArmCpu } from "./cpu.ts";
import { SCTLR_M } from "./cpu.ts";

/** Access kinds. */
export const enum Access {
  READ = 0,
  WRITE = 1,
  EXEC = 2,
}

/** MMU indexes: privileged and user translation regimes (PL1&0). */
export const enum MmuIdx {
  KERNEL = 0,
  USER = 1,
}

/** Number of MMU indexes, for TLB allocation. */
export const NB_MMU_MODES = 2;

/** Permission bits of a translation result. */
export const PAGE_READ = 1;
export const PAGE_WRITE = 2;
export const PAGE_EXEC = 4;

/** Result of a translation, reused to avoid allocation. */
export class TranslateResult {
  /** Physical address. */
  pa = 0;
  /** PAGE_* permissions for this regime. */
  prot = 0;
  /** Size of the mapping in bytes (a TLB entry covers 4 KiB of it). */
  pageSize = 4096;
}

/**
 * Translates `va` for `access` in `mmuIdx`, filling `out`. Throws a GuestException (data or
 * prefetch abort) on a fault.
 */
export function armTranslate(
  cpu: ArmCpu,
  va: number,
  _access: Access,
  _mmuIdx: MmuIdx,
  out: TranslateResult,
): void {
  if ((cpu.cp15.sctlr & SCTLR_M) === 0) {
    out.pa = va >>> 0;
    out.prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
    out.pageSize = 4096;
    return;
  }
  throw new Error("MMU translation (SCTLR.M=1) is not implemented yet");
}
