/**
 * The software TLB and the guest memory access paths (QEMU's accel/tcg/cputlb.c).
 *
 * Each MMU index has three flat tables (read, write, execute) with one Int32Array entry per
 * 4 KiB virtual page: 0 means "take the slow path", otherwise the entry is the byte offset of
 * the page in guest RAM plus 1. A hit on RAM is a table load, a test and a typed-array access;
 * IO, ROM, pages holding translated code (for writes), misses and faults take the slow path,
 * which walks the MMU, fills the entry when the page is plain RAM, and dispatches the access.
 *
 * Every permission decision is folded into which entries get filled: a walk for one access
 * returns the permissions of the page for that MMU index, and only the permitted kinds are
 * filled (a page readable but not writable from User mode gets a read entry in the user
 * tables and nothing in the write table, so a write misses and the walk raises the fault).
 *
 * Behind the flat tables a small direct-mapped translation cache keeps recent walk results
 * (including IO pages, which the flat tables never map) so the slow path and instruction
 * fetch do not walk the tables every time.
 *
 * Invalidation: entries filled from nG mappings are listed apart so an ASID change drops
 * only them; entries filled from a mapping larger than 4 KiB mark their 16 MiB region with the
 * largest such size, so a flush by address clears the whole aligned block that a section or
 * large page covering it could have filled (QEMU's large-page tracking, at finer grain).
 * Every flush calls `onFlush` so the run loop forgets TBs it found by virtual pc.
 *
 * @module
 */

import type { AddressSpace } from "../../softmmu/address-space.ts";
import { MemTx } from "../../softmmu/memory-region.ts";
import type { MemoryRegion } from "../../softmmu/memory-region.ts";
import type { ArmCpu } from "../../cpu/arm/cpu.ts";
import { SCTLR_A } from "../../cpu/arm/cpu.ts";
import { Excp, GuestException } from "../../cpu/arm/exception.ts";
import {
  Access,
  armTranslate,
  attachTlb,
  FSR_ALIGNMENT,
  FSR_EXT,
  FSR_SYNC_EXTERNAL,
  FSR_WNR,
  type MmuIdx,
  NB_MMU_MODES,
  PAGE_EXEC,
  PAGE_READ,
  PAGE_WRITE,
  type TlbMaintenance,
  TranslateResult,
  translationFault,
} from "../../cpu/arm/mmu.ts";

export { FSR_ALIGNMENT, FSR_SYNC_EXTERNAL, FSR_WNR };

/** log2 of the target page size. */
export const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;
const NPAGES = 1 << (32 - PAGE_BITS);

/** Translation cache: entries per MMU index (direct-mapped by virtual page). */
const TC_BITS = 8;
const TC_SIZE = 1 << TC_BITS;
const TC_MASK = TC_SIZE - 1;
/** Translation-cache flag: the entry came from an nG mapping. */
const TC_NG = 8;
/** A list of filled pages longer than this is compacted by flushing its MMU index. */
const MAX_FILLED = 1 << 16;
/** Region size for large-mapping tracking: log2 (16 MiB, the largest mapping). */
const REGION_BITS = 24;
/** Pages per flushed block for each large-mapping class: 4 KiB, 64 KiB, 1 MiB, 16 MiB. */
const CLASS_SHIFT = [0, 4, 8, 12];

/** Large-mapping class (index into CLASS_SHIFT) of a mapping of 2^lg bytes. */
function sizeClass(lg: number): number {
  return lg >= 24 ? 3 : lg >= 20 ? 2 : lg >= 16 ? 1 : 0;
}

/** Guest memory access functions bound to one MMU index, used by translated code. */
export interface MemOps {
  ld8(a: number): number;
  ld8s(a: number): number;
  ld16(a: number): number;
  ld16s(a: number): number;
  ld32(a: number): number;
  st8(a: number, v: number): void;
  st16(a: number, v: number): void;
  st32(a: number, v: number): void;
}

/** The software TLB and memory paths of one vCPU. */
export class CpuTlb implements TlbMaintenance {
  /** Read/write/execute tables per MMU index. */
  readonly read: Int32Array[] = [];
  readonly write: Int32Array[] = [];
  readonly exec: Int32Array[] = [];
  /** Access functions per MMU index. */
  readonly ops: MemOps[] = [];
  /** Guest RAM as bytes / halfwords / words (little-endian host). */
  readonly ram8: Uint8Array;
  readonly ram16: Uint16Array;
  readonly ram32: Int32Array;
  /** The RAM region the fast path maps into. */
  readonly ramRegion: MemoryRegion;
  /** The CPU's view of physical memory. */
  readonly as: AddressSpace;
  /** Physical pages (by page number) holding translated code: writes there go slow. */
  readonly codePages: Uint8Array = new Uint8Array(NPAGES);
  /** Called after every flush (the run loop drops its virtual-pc jump cache). */
  onFlush: (() => void) | null = null;
  /** Counters for benchmarks. */
  fills = 0;
  flushes = 0;
  /** Pages with flat-table entries, per MMU index (may repeat). */
  readonly #filled: number[][] = [];
  /** Pages whose entries came from nG mappings, per MMU index (may repeat). */
  readonly #filledNG: number[][] = [];
  /** Largest mapping class filled per 16 MiB region, per MMU index. */
  readonly #large: Uint8Array[] = [];
  /** Regions marked in #large, per MMU index. */
  readonly #largeList: number[][] = [];
  /** Translation cache: virtual page + 1 (0: empty), physical page address, RAM offset + 1
   * (0: not RAM), PAGE_* | TC_NG. Indexed by (mmuIdx << TC_BITS) | (page & TC_MASK). */
  readonly #tcTag = new Int32Array(NB_MMU_MODES * TC_SIZE);
  readonly #tcPa = new Int32Array(NB_MMU_MODES * TC_SIZE);
  readonly #tcOff = new Int32Array(NB_MMU_MODES * TC_SIZE);
  readonly #tcProt = new Uint8Array(NB_MMU_MODES * TC_SIZE);
  readonly #cpu: ArmCpu;
  readonly #tr = new TranslateResult();

  /** Creates the TLB of `cpu` over `as`, with fast paths into `ramRegion`. */
  constructor(cpu: ArmCpu, as: AddressSpace, ramRegion: MemoryRegion) {
    this.#cpu = cpu;
    this.as = as;
    this.ramRegion = ramRegion;
    const buf = ramRegion.ram!;
    this.ram8 = buf;
    this.ram16 = new Uint16Array(buf.buffer, buf.byteOffset, buf.length >>> 1);
    this.ram32 = new Int32Array(buf.buffer, buf.byteOffset, buf.length >>> 2);
    for (let i = 0; i < NB_MMU_MODES; i++) {
      this.read.push(new Int32Array(NPAGES));
      this.write.push(new Int32Array(NPAGES));
      this.exec.push(new Int32Array(NPAGES));
      this.#filled.push([]);
      this.#filledNG.push([]);
      this.#large.push(new Uint8Array(1 << (32 - REGION_BITS)));
      this.#largeList.push([]);
      this.ops.push(this.#makeOps(i));
    }
    attachTlb(cpu, this);
  }

  /** Invalidates every entry of every MMU index (tlb_flush). */
  flushAll(): void {
    for (let i = 0; i < NB_MMU_MODES; i++) this.#flushIdx(i);
    this.#flushed();
  }

  /** Invalidates every entry of one MMU index. */
  flushMmuIdx(idx: number): void {
    this.#flushIdx(idx);
    this.#flushed();
  }

  #flushIdx(idx: number): void {
    const list = this.#filled[idx];
    const r = this.read[idx], w = this.write[idx], x = this.exec[idx];
    for (let k = 0; k < list.length; k++) {
      const p = list[k];
      r[p] = 0;
      w[p] = 0;
      x[p] = 0;
    }
    list.length = 0;
    this.#filledNG[idx].length = 0;
    const large = this.#large[idx], ll = this.#largeList[idx];
    for (let k = 0; k < ll.length; k++) large[ll[k]] = 0;
    ll.length = 0;
    this.#tcTag.fill(0, idx << TC_BITS, (idx + 1) << TC_BITS);
  }

  /**
   * Invalidates the entries that map virtual address `va` in every MMU index (tlb_flush_page),
   * including every page a section, supersection or large page covering `va` may have filled.
   */
  flushPage(va: number): void {
    const p = va >>> PAGE_BITS;
    const region = va >>> REGION_BITS;
    for (let i = 0; i < NB_MMU_MODES; i++) {
      const shift = CLASS_SHIFT[this.#large[i][region]];
      const first = (p >>> shift) << shift;
      const end = first + (1 << shift);
      const r = this.read[i], w = this.write[i], x = this.exec[i];
      for (let q = first; q < end; q++) {
        r[q] = 0;
        w[q] = 0;
        x[q] = 0;
      }
      const tag = this.#tcTag;
      for (let k = i << TC_BITS, e = (i + 1) << TC_BITS; k < e; k++) {
        const t = tag[k];
        if (t !== 0 && ((t - 1) >>> shift) === (p >>> shift)) tag[k] = 0;
      }
    }
    this.#flushed();
  }

  /** Invalidates the entries that came from nG mappings, in every MMU index. */
  flushNonGlobal(): void {
    for (let i = 0; i < NB_MMU_MODES; i++) {
      const list = this.#filledNG[i];
      const r = this.read[i], w = this.write[i], x = this.exec[i];
      for (let k = 0; k < list.length; k++) {
        const p = list[k];
        r[p] = 0;
        w[p] = 0;
        x[p] = 0;
      }
      list.length = 0;
    }
    const tag = this.#tcTag, prot = this.#tcProt;
    for (let k = 0; k < tag.length; k++) if (prot[k] & TC_NG) tag[k] = 0;
    this.#flushed();
  }

  #flushed(): void {
    this.flushes++;
    if (this.onFlush !== null) this.onFlush();
  }

  /** Marks a physical page as holding code and removes write entries that map onto it. */
  protectCodePage(pa: number): void {
    const pp = pa >>> PAGE_BITS;
    if (this.codePages[pp]) return;
    this.codePages[pp] = 1;
    const off = this.#ramOffset(pa & ~PAGE_MASK);
    if (off < 0) return;
    for (let i = 0; i < NB_MMU_MODES; i++) {
      const w = this.write[i];
      for (const p of this.#filled[i]) if (w[p] === off + 1) w[p] = 0;
    }
  }

  /** Byte offset of physical address `pa` in the fast-path RAM, or -1. */
  #ramOffset(pa: number): number {
    const r = this.as.resolve(pa);
    return r && r.region === this.ramRegion ? r.offset : -1;
  }

  /**
   * Byte offset in main RAM of `va` when the software TLB already maps it for a read
   * (`store` false) or a write in `mmuIdx`, else -1: a cheap first try before `translate`.
   */
  ramHit(va: number, store: boolean, mmuIdx: MmuIdx): number {
    const e = (store ? this.write : this.read)[mmuIdx][va >>> PAGE_BITS];
    return e !== 0 ? e - 1 + (va & PAGE_MASK) : -1;
  }

  /**
   * Translates `va` for `access` in `mmuIdx` and returns the physical address, filling the
   * TLB entries the page's permissions allow when it is RAM. Throws the abort the
   * architecture gives on a fault.
   */
  translate(va: number, access: Access, mmuIdx: MmuIdx): number {
    va >>>= 0;
    const p = va >>> PAGE_BITS;
    const slot = (mmuIdx << TC_BITS) | (p & TC_MASK);
    const need = 1 << access;
    const tag = this.#tcTag;
    if (tag[slot] === p + 1 && (this.#tcProt[slot] & need) !== 0) {
      const off1 = this.#tcOff[slot];
      if (off1 !== 0 && this.#entry(mmuIdx, access)[p] === 0) {
        this.#fill(mmuIdx, p, this.#tcPa[slot], off1, this.#tcProt[slot]);
      }
      return (this.#tcPa[slot] | (va & PAGE_MASK)) >>> 0;
    }
    const tr = this.#tr;
    armTranslate(this.#cpu, this.as, va, access, mmuIdx, tr);
    if (tr.paHi !== 0) {
      // A supersection above 4 GiB: nothing is there on this board.
      throw translationFault(FSR_SYNC_EXTERNAL, va, access);
    }
    const pa = tr.pa;
    const ppage = (pa & ~PAGE_MASK) | 0;
    const off = this.#ramOffset(ppage);
    const prot = tr.prot | (tr.global ? 0 : TC_NG);
    tag[slot] = p + 1;
    this.#tcPa[slot] = ppage;
    this.#tcOff[slot] = off + 1;
    this.#tcProt[slot] = prot;
    if (tr.lgPageSize > PAGE_BITS) {
      const region = va >>> REGION_BITS;
      const cls = sizeClass(tr.lgPageSize);
      const large = this.#large[mmuIdx];
      if (large[region] < cls) {
        if (large[region] === 0) this.#largeList[mmuIdx].push(region);
        large[region] = cls;
      }
    }
    if (off >= 0) this.#fill(mmuIdx, p, ppage, off + 1, prot);
    return pa;
  }

  #entry(mmuIdx: number, access: Access): Int32Array {
    return access === Access.WRITE
      ? this.write[mmuIdx]
      : access === Access.EXEC
      ? this.exec[mmuIdx]
      : this.read[mmuIdx];
  }

  /** Fills the flat entries of virtual page `p` allowed by `prot` (PAGE_* | TC_NG). */
  #fill(mmuIdx: number, p: number, ppage: number, e: number, prot: number): void {
    let filled = false;
    const r = this.read[mmuIdx], x = this.exec[mmuIdx], w = this.write[mmuIdx];
    if (prot & PAGE_READ && r[p] !== e) {
      r[p] = e;
      filled = true;
    }
    if (prot & PAGE_EXEC && x[p] !== e) {
      x[p] = e;
      filled = true;
    }
    if (prot & PAGE_WRITE && !this.codePages[ppage >>> PAGE_BITS] && w[p] !== e) {
      w[p] = e;
      filled = true;
    }
    // Entries an nG walk finds already in place are listed too: they now stand for nG.
    const ng = this.#filledNG[mmuIdx];
    if (prot & TC_NG && (filled || r[p] === e || x[p] === e || w[p] === e)) ng.push(p);
    const list = this.#filled[mmuIdx];
    if (filled) {
      this.fills++;
      list.push(p);
    }
    if (list.length > MAX_FILLED || ng.length > MAX_FILLED) {
      // Keep the lists bounded: start over (an over-flush is always allowed). The entries just
      // filled go too; the next access walks again and records them properly.
      this.flushMmuIdx(mmuIdx);
    }
  }

  /** Slow-path load of `size` bytes (zero-extended). */
  slowLoad(va: number, size: number, mmuIdx: MmuIdx): number {
    va >>>= 0;
    if ((va & (size - 1)) !== 0) {
      if (this.#cpu.cp15.sctlr & SCTLR_A) {
        throw new GuestException(Excp.DATA_ABORT, FSR_ALIGNMENT, va);
      }
      if (((va & PAGE_MASK) + size) > PAGE_SIZE) {
        let v = 0;
        for (let i = 0; i < size; i++) v |= this.slowLoad(va + i, 1, mmuIdx) << (8 * i);
        return v >>> 0;
      }
    }
    const pa = this.translate(va, Access.READ, mmuIdx);
    const v = this.as.read(pa, size);
    if (this.as.txResult !== MemTx.OK) {
      throw new GuestException(Excp.DATA_ABORT, externalAbortFsr(this.as.txResult), va);
    }
    return v;
  }

  /** Slow-path store of the low `size` bytes of `v`. */
  slowStore(va: number, v: number, size: number, mmuIdx: MmuIdx): void {
    va >>>= 0;
    if ((va & (size - 1)) !== 0) {
      if (this.#cpu.cp15.sctlr & SCTLR_A) {
        throw new GuestException(Excp.DATA_ABORT, FSR_ALIGNMENT | FSR_WNR, va);
      }
      if (((va & PAGE_MASK) + size) > PAGE_SIZE) {
        // Translate both pages before writing anything, so a fault leaves memory unchanged.
        // As in QEMU, a fault on the second page reports that page's first byte.
        this.translate(va, Access.WRITE, mmuIdx);
        this.translate((va + size) & ~PAGE_MASK, Access.WRITE, mmuIdx);
        for (let i = 0; i < size; i++) this.slowStore(va + i, v >>> (8 * i), 1, mmuIdx);
        return;
      }
    }
    const pa = this.translate(va, Access.WRITE, mmuIdx);
    this.as.write(pa, v, size);
    if (this.as.txResult !== MemTx.OK) {
      throw new GuestException(
        Excp.DATA_ABORT,
        externalAbortFsr(this.as.txResult) | FSR_WNR,
        va,
      );
    }
  }

  /**
   * Physical address of the instruction at `va` for translation; throws a prefetch abort when
   * it cannot be fetched.
   */
  fetchPhys(va: number, mmuIdx: MmuIdx): number {
    return this.translate(va >>> 0, Access.EXEC, mmuIdx);
  }

  /** Reads a 32-bit instruction word at physical address `pa` (prefetch abort if unmapped). */
  fetch32(pa: number, va: number): number {
    const v = this.as.read(pa, 4);
    if (this.as.txResult !== MemTx.OK) {
      throw new GuestException(Excp.PREFETCH_ABORT, externalAbortFsr(this.as.txResult), va);
    }
    return v | 0;
  }

  /** Reads a 16-bit instruction halfword at physical address `pa`. */
  fetch16(pa: number, va: number): number {
    const v = this.as.read(pa, 2);
    if (this.as.txResult !== MemTx.OK) {
      throw new GuestException(Excp.PREFETCH_ABORT, externalAbortFsr(this.as.txResult), va);
    }
    return v;
  }

  #makeOps(idx: number): MemOps {
    const R = this.read[idx];
    const W = this.write[idx];
    const m8 = this.ram8, m16 = this.ram16, m32 = this.ram32;
    const ld = (a: number, size: number) => this.slowLoad(a, size, idx);
    const st = (a: number, v: number, size: number) => this.slowStore(a, v, size, idx);
    return {
      ld8(a) {
        const e = R[a >>> 12];
        return e !== 0 ? m8[e - 1 + (a & 0xfff)] : ld(a, 1);
      },
      ld8s(a) {
        const e = R[a >>> 12];
        return ((e !== 0 ? m8[e - 1 + (a & 0xfff)] : ld(a, 1)) << 24) >> 24;
      },
      ld16(a) {
        const e = R[a >>> 12];
        return e !== 0 && (a & 1) === 0 ? m16[(e - 1 + (a & 0xfff)) >>> 1] : ld(a, 2);
      },
      ld16s(a) {
        const e = R[a >>> 12];
        return ((e !== 0 && (a & 1) === 0 ? m16[(e - 1 + (a & 0xfff)) >>> 1] : ld(a, 2)) << 16) >>
          16;
      },
      ld32(a) {
        const e = R[a >>> 12];
        return e !== 0 && (a & 3) === 0 ? m32[(e - 1 + (a & 0xfff)) >>> 2] : ld(a, 4) | 0;
      },
      st8(a, v) {
        const e = W[a >>> 12];
        if (e !== 0) m8[e - 1 + (a & 0xfff)] = v;
        else st(a, v, 1);
      },
      st16(a, v) {
        const e = W[a >>> 12];
        if (e !== 0 && (a & 1) === 0) m16[(e - 1 + (a & 0xfff)) >>> 1] = v;
        else st(a, v, 2);
      },
      st32(a, v) {
        const e = W[a >>> 12];
        if (e !== 0 && (a & 3) === 0) m32[(e - 1 + (a & 0xfff)) >>> 2] = v;
        else st(a, v, 4);
      },
    };
  }
}

/** FSR of a synchronous external abort: ExT set unless nothing decoded the address (QEMU). */
function externalAbortFsr(tx: MemTx): number {
  return tx === MemTx.DECODE_ERROR ? FSR_SYNC_EXTERNAL : FSR_SYNC_EXTERNAL | FSR_EXT;
}
