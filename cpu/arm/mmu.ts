/**
 * Virtual-to-physical translation for the ARMv7-A short-descriptor MMU (ARM ARM B3.5, QEMU's
 * target/arm/ptw.c `get_phys_addr_v6`): the TTBCR.N split between TTBR0 and TTBR1, first-level
 * fault / page-table / section / supersection descriptors, second-level large (64 KiB) and
 * small (4 KiB) pages, domains (DACR), the AP[2:0] permission model with and without
 * SCTLR.AFE, XN and PXN, and nG. Faults are reported with the short-descriptor FSR encodings
 * QEMU 7.2 gives a Cortex-A15 without the Security Extensions (domain in FSR[7:4]).
 *
 * The walk does not cache anything: the software TLB (accel/tcg/cputlb.ts) keeps what it
 * returns and is told about maintenance operations through `TlbMaintenance`.
 *
 * @module
 */

import type { ArmCpu } from "./cpu.ts";
import { SCTLR_AFE, SCTLR_M } from "./cpu.ts";
import { Excp, GuestException } from "./exception.ts";

/** Access kinds (QEMU's MMUAccessType: the PAGE_* bit needed is `1 << access`). */
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

/** TTBCR fields (short-descriptor format). */
export const TTBCR_N = 0x7;
export const TTBCR_PD0 = 1 << 4;
export const TTBCR_PD1 = 1 << 5;
/** TTBCR.EAE: long-descriptor format (not implemented: walks stay short-descriptor). */
export const TTBCR_EAE = 1 << 31;
let warnedLpae = false;

/** Short-descriptor fault status codes (DFSR/IFSR[3:0], FS[4] in bit 10). */
export const FSR_ALIGNMENT = 0x1;
export const FSR_ACCESS_FLAG_SECTION = 0x3;
export const FSR_TRANSLATION_SECTION = 0x5;
export const FSR_ACCESS_FLAG_PAGE = 0x6;
export const FSR_TRANSLATION_PAGE = 0x7;
export const FSR_SYNC_EXTERNAL = 0x8;
export const FSR_DOMAIN_SECTION = 0x9;
export const FSR_DOMAIN_PAGE = 0xb;
export const FSR_SYNC_EXTERNAL_WALK_L1 = 0xc;
export const FSR_PERMISSION_SECTION = 0xd;
export const FSR_SYNC_EXTERNAL_WALK_L2 = 0xe;
export const FSR_PERMISSION_PAGE = 0xf;
/** DFSR.WnR: the faulting access was a write. */
export const FSR_WNR = 1 << 11;
/** DFSR.ExT: external abort type (QEMU: set unless the bus gave a decode error). */
export const FSR_EXT = 1 << 12;

/** Result of a translation, reused to avoid allocation. */
export class TranslateResult {
  /** Physical address (bits 31:0). */
  pa = 0;
  /** Physical address bits 39:32 (non-zero only for supersections that set them). */
  paHi = 0;
  /** PAGE_* permissions for this regime. */
  prot = 0;
  /** log2 of the size of the mapping (12, 16, 20 or 24). */
  lgPageSize = 12;
  /** False when the mapping is nG (tagged with the current ASID). */
  global = true;
}

/** Physical memory as the walker reads it (an AddressSpace satisfies this). */
export interface PhysReader {
  /** Reads `size` bytes at physical `addr`; sets `txResult`. */
  read(addr: number, size: number): number;
  /** 0 when the last access succeeded; 2 for a decode error (nothing there). */
  readonly txResult: number;
}

/** What CP15 maintenance operations need from the CPU's software TLB. */
export interface TlbMaintenance {
  /** Physical memory for table walks (ATS1C*). */
  readonly as: PhysReader;
  /** Invalidates every entry (TLBIALL; also DACR/SCTLR/TTBCR writes). */
  flushAll(): void;
  /** Invalidates every entry that maps virtual address `va`, in every MMU index. */
  flushPage(va: number): void;
  /** Invalidates every entry that came from an nG mapping (ASID change, TLBIASID). */
  flushNonGlobal(): void;
}

const tlbs = new WeakMap<ArmCpu, TlbMaintenance>();

/** Associates `cpu` with its software TLB (called by the TLB's constructor). */
export function attachTlb(cpu: ArmCpu, tlb: TlbMaintenance): void {
  tlbs.set(cpu, tlb);
}

/** The software TLB of `cpu`, if one was attached. */
export function tlbOf(cpu: ArmCpu): TlbMaintenance | undefined {
  return tlbs.get(cpu);
}

const R = PAGE_READ, W = PAGE_WRITE;
/** AP[2:0] → read/write permission (AFE=0), by [user][ap]; QEMU's ap_to_rw_prot for v7. */
const AP_PROT = [
  [0, R | W, R | W, R | W, 0, R, R, R],
  [0, 0, R, R | W, 0, 0, R, R],
];
/** AP[2:1] → read/write permission (AFE=1, simplified model), by [user][ap >> 1]. */
const SIMPLE_AP_PROT = [
  [R | W, R | W, R, R],
  [0, R | W, 0, R],
];

/** Short-descriptor FSR with the domain field, from a fault kind code and the walk level. */
function fsr(code1: number, code2: number, level: number, domain: number): number {
  return (level === 1 ? code1 : code2) | (domain << 4);
}

/**
 * Walks the translation tables for `va`. On success fills `out` and returns 0; on a fault
 * returns the short-descriptor FSR (fault code, domain in bits 7:4, ExT in bit 12, WnR
 * clear), as QEMU's arm_fi_to_sfsc builds it. `mmuIdx` selects the privilege the permission
 * checks use.
 */
export function armWalk(
  cpu: ArmCpu,
  phys: PhysReader,
  va: number,
  access: Access,
  mmuIdx: MmuIdx,
  out: TranslateResult,
): number {
  const cp = cpu.cp15;
  va >>>= 0;
  out.paHi = 0;
  out.global = true;
  if ((cp.sctlr & SCTLR_M) === 0) {
    out.pa = va;
    out.prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
    out.lgPageSize = 12;
    return 0;
  }
  const user = mmuIdx === MmuIdx.USER ? 1 : 0;
  const ttbcr = cp.ttbcr;
  if (ttbcr & TTBCR_EAE && !warnedLpae) {
    warnedLpae = true;
    cpu.log.log("unimp", "TTBCR.EAE: long-descriptor translation is not implemented\n");
  }
  const n = ttbcr & TTBCR_N;
  let table: number;
  if (n !== 0 && (va >>> (32 - n)) !== 0) {
    if (ttbcr & TTBCR_PD1) return FSR_TRANSLATION_SECTION;
    table = cp.ttbr1 & 0xffffc000;
  } else {
    if (ttbcr & TTBCR_PD0) return FSR_TRANSLATION_SECTION;
    table = cp.ttbr0 & ~(0x3fff >>> n);
  }
  table = (table | ((va >>> 18) & 0x3ffc)) >>> 0;
  const desc = phys.read(table, 4) | 0;
  if (phys.txResult !== 0) {
    return FSR_SYNC_EXTERNAL_WALK_L1 | (phys.txResult !== 2 ? FSR_EXT : 0);
  }
  const type = desc & 3;
  // Type 3 is a section with PXN set (the A15 implements PXN).
  if (type === 0) return FSR_TRANSLATION_SECTION;
  const supersection = type !== 1 && (desc & (1 << 18)) !== 0;
  const domain = supersection ? 0 : (desc >>> 5) & 0xf;
  const level = type === 1 ? 2 : 1;
  const domainProt = (cp.dacr >>> (domain * 2)) & 3;
  if (domainProt === 0 || domainProt === 2) {
    return fsr(FSR_DOMAIN_SECTION, FSR_DOMAIN_PAGE, level, domain);
  }
  let ap: number, xn: number, pxn: number;
  if (type !== 1) {
    if (supersection) {
      out.pa = ((desc & 0xff000000) | (va & 0x00ffffff)) >>> 0;
      out.paHi = ((desc >>> 20) & 0xf) | (((desc >>> 5) & 0xf) << 4);
      out.lgPageSize = 24;
    } else {
      out.pa = ((desc & 0xfff00000) | (va & 0x000fffff)) >>> 0;
      out.lgPageSize = 20;
    }
    ap = ((desc >>> 10) & 3) | ((desc >>> 13) & 4);
    xn = desc & (1 << 4);
    pxn = desc & 1;
    out.global = (desc & (1 << 17)) === 0;
  } else {
    pxn = (desc >>> 2) & 1;
    const table2 = ((desc & 0xfffffc00) | ((va >>> 10) & 0x3fc)) >>> 0;
    const desc2 = phys.read(table2, 4) | 0;
    if (phys.txResult !== 0) {
      return FSR_SYNC_EXTERNAL_WALK_L2 | (domain << 4) | (phys.txResult !== 2 ? FSR_EXT : 0);
    }
    ap = ((desc2 >>> 4) & 3) | ((desc2 >>> 7) & 4);
    switch (desc2 & 3) {
      case 0:
        return fsr(FSR_TRANSLATION_SECTION, FSR_TRANSLATION_PAGE, 2, domain);
      case 1:
        out.pa = ((desc2 & 0xffff0000) | (va & 0xffff)) >>> 0;
        xn = desc2 & (1 << 15);
        out.lgPageSize = 16;
        break;
      default:
        out.pa = ((desc2 & 0xfffff000) | (va & 0xfff)) >>> 0;
        xn = desc2 & 1;
        out.lgPageSize = 12;
        break;
    }
    out.global = (desc2 & (1 << 11)) === 0;
  }
  if (domainProt === 3) {
    // Manager: no permission checks at all (QEMU ignores XN here too).
    out.prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
    return 0;
  }
  if (pxn && !user) xn = 1;
  if (xn && access === Access.EXEC) {
    return fsr(FSR_PERMISSION_SECTION, FSR_PERMISSION_PAGE, level, domain);
  }
  let prot: number;
  if (cp.sctlr & SCTLR_AFE) {
    if ((ap & 1) === 0) {
      return fsr(FSR_ACCESS_FLAG_SECTION, FSR_ACCESS_FLAG_PAGE, level, domain);
    }
    prot = SIMPLE_AP_PROT[user][ap >> 1];
  } else {
    prot = AP_PROT[user][ap];
  }
  if (prot !== 0 && !xn) prot |= PAGE_EXEC;
  if ((prot & (1 << access)) === 0) {
    return fsr(FSR_PERMISSION_SECTION, FSR_PERMISSION_PAGE, level, domain);
  }
  out.prot = prot;
  return 0;
}

/**
 * Translates `va` for `access` in `mmuIdx`, filling `out`. Throws the abort QEMU raises on a
 * fault: a prefetch abort (IFSR/IFAR) for instruction fetches, else a data abort with DFSR.WnR
 * set for writes.
 */
export function armTranslate(
  cpu: ArmCpu,
  phys: PhysReader,
  va: number,
  access: Access,
  mmuIdx: MmuIdx,
  out: TranslateResult,
): void {
  const f = armWalk(cpu, phys, va, access, mmuIdx, out);
  if (f !== 0) throw translationFault(f, va, access);
}

/** The exception for fault status `fsr` (WnR clear) on an `access` at `va`. */
export function translationFault(fsr: number, va: number, access: Access): GuestException {
  if (access === Access.EXEC) return new GuestException(Excp.PREFETCH_ABORT, fsr, va | 0);
  return new GuestException(
    Excp.DATA_ABORT,
    access === Access.WRITE ? fsr | FSR_WNR : fsr,
    va | 0,
  );
}

/** PAR (short-descriptor format) bits. */
export const PAR_F = 1 << 0;
export const PAR_SS = 1 << 1;
export const PAR_NS = 1 << 9;

/**
 * Performs an ATS1C* address translation of `va` and returns the 32-bit PAR value QEMU 7.2
 * computes: PA[31:12] (PA[31:24] and SS for a supersection) with NS set (the CPU has no
 * Security Extensions, so every access is Non-secure), or F with FS[3:0] in bits 4:1, FS[4]
 * in bit 5 and ExT in bit 6. A synchronous external abort on the walk is not reported in the
 * PAR: it is thrown as a data abort (WnR clear), as QEMU does.
 */
export function atsTranslate(
  cpu: ArmCpu,
  phys: PhysReader,
  va: number,
  access: Access,
  mmuIdx: MmuIdx,
  out: TranslateResult,
): number {
  const f = armWalk(cpu, phys, va, access, mmuIdx, out);
  if (f === 0) {
    if (out.lgPageSize === 24) return ((out.pa & 0xff000000) | PAR_SS | PAR_NS) >>> 0;
    return ((out.pa & 0xfffff000) | PAR_NS) >>> 0;
  }
  const code = f & 0xf;
  if (code === FSR_SYNC_EXTERNAL_WALK_L1 || code === FSR_SYNC_EXTERNAL_WALK_L2) {
    throw new GuestException(Excp.DATA_ABORT, f, va | 0);
  }
  return (((f & (1 << 10)) >>> 5) | ((f & FSR_EXT) >>> 6) | (code << 1) | PAR_F) >>> 0;
}
