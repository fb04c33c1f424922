/**
 * The software TLB and the guest memory access paths (QEMU's accel/tcg/cputlb.c).
 *
 * Each MMU index has three flat tables (read, write, execute) with one Int32Array entry per
 * 4 KiB virtual page: 0 means "take the slow path", otherwise the entry is the byte offset of
 * the page in guest RAM plus 1. A hit on RAM is a table load, a test and a typed-array access;
 * IO, ROM, pages holding translated code (for writes), misses and faults take the slow path,
 * which walks the MMU, fills the entry when the page is plain RAM, and dispatches the access.
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
  type MmuIdx,
  NB_MMU_MODES,
  PAGE_EXEC,
  PAGE_READ,
  PAGE_WRITE,
  TranslateResult,
} from "../../cpu/arm/mmu.ts";

/** log2 of the target page size. */
export const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;
const NPAGES = 1 << (32 - PAGE_BITS);

/** Short-descriptor FSR codes used by the access paths. */
export const FSR_ALIGNMENT = 0x1;
export const FSR_SYNC_EXTERNAL = 0x8;
/** WnR bit of DFSR. */
export const FSR_WNR = 1 << 11;

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
export class CpuTlb {
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
  /** Counters for benchmarks. */
  fills = 0;
  readonly #filled: number[][] = [];
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
      this.ops.push(this.#makeOps(i));
    }
  }

  /** Invalidates every entry of every MMU index. */
  flushAll(): void {
    for (let i = 0; i < NB_MMU_MODES; i++) this.flushMmuIdx(i);
  }

  /** Invalidates every entry of one MMU index. */
  flushMmuIdx(idx: number): void {
    const list = this.#filled[idx];
    const r = this.read[idx], w = this.write[idx], x = this.exec[idx];
    for (let k = 0; k < list.length; k++) {
      const p = list[k];
      r[p] = 0;
      w[p] = 0;
      x[p] = 0;
    }
    list.length = 0;
  }

  /** Invalidates the entries for virtual address `va` in every MMU index. */
  flushPage(va: number): void {
    const p = va >>> PAGE_BITS;
    for (let i = 0; i < NB_MMU_MODES; i++) {
      this.read[i][p] = 0;
      this.write[i][p] = 0;
      this.exec[i][p] = 0;
    }
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
   * Translates `va` for an access of `size` bytes and returns the physical address, filling
   * the TLB entry when the page is RAM. Throws the abort the architecture gives on a fault.
   */
  translate(va: number, access: Access, mmuIdx: MmuIdx): number {
    const tr = this.#tr;
    armTranslate(this.#cpu, va, access, mmuIdx, tr);
    const need = access === Access.WRITE
      ? PAGE_WRITE
      : access === Access.EXEC
      ? PAGE_EXEC
      : PAGE_READ;
    if ((tr.prot & need) === 0) throw new Error("permission faults come with the MMU");
    const pa = tr.pa;
    const off = this.#ramOffset(pa & ~PAGE_MASK);
    if (off >= 0) {
      const p = va >>> PAGE_BITS;
      const e = off + 1;
      let filled = false;
      if (tr.prot & PAGE_READ && this.read[mmuIdx][p] !== e) {
        this.read[mmuIdx][p] = e;
        filled = true;
      }
      if (tr.prot & PAGE_EXEC && this.exec[mmuIdx][p] !== e) {
        this.exec[mmuIdx][p] = e;
        filled = true;
      }
      if (
        tr.prot & PAGE_WRITE && !this.codePages[pa >>> PAGE_BITS] && this.write[mmuIdx][p] !== e
      ) {
        this.write[mmuIdx][p] = e;
        filled = true;
      }
      if (filled) {
        this.#filled[mmuIdx].push(p);
        this.fills++;
      }
    }
    return pa;
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
      throw new GuestException(Excp.DATA_ABORT, FSR_SYNC_EXTERNAL, va);
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
        this.translate(va, Access.WRITE, mmuIdx);
        this.translate(va + size - 1, Access.WRITE, mmuIdx);
        for (let i = 0; i < size; i++) this.slowStore(va + i, v >>> (8 * i), 1, mmuIdx);
        return;
      }
    }
    const pa = this.translate(va, Access.WRITE, mmuIdx);
    this.as.write(pa, v, size);
    if (this.as.txResult !== MemTx.OK) {
      throw new GuestException(Excp.DATA_ABORT, FSR_SYNC_EXTERNAL | FSR_WNR, va);
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
      throw new GuestException(Excp.PREFETCH_ABORT, FSR_SYNC_EXTERNAL, va);
    }
    return v | 0;
  }

  /** Reads a 16-bit instruction halfword at physical address `pa`. */
  fetch16(pa: number, va: number): number {
    const v = this.as.read(pa, 2);
    if (this.as.txResult !== MemTx.OK) {
      throw new GuestException(Excp.PREFETCH_ABORT, FSR_SYNC_EXTERNAL, va);
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
