/**
 * AddressSpace: a root MemoryRegion seen through its FlatView, with the dispatch of guest
 * accesses (QEMU's address_space_read/write and memory_region_dispatch_*) and a byte-level
 * physical-memory API for loaders, devices and plugins.
 *
 * @module
 */

import { qemuLog } from "../util/log.ts";
import type { Log } from "../util/log.ts";
import { FlatView } from "./flatview.ts";
import type { Section } from "./flatview.ts";
import { memoryGeneration, type MemoryRegion, MemTx } from "./memory-region.ts";

const hex = (n: number) => "0x" + (n >>> 0).toString(16);

/** A physical address space. */
export class AddressSpace {
  /** Name, as QEMU names it (`memory`, `cpu-memory-0`). */
  readonly name: string;
  /** Root of the tree. */
  readonly root: MemoryRegion;
  /** Log for `guest_errors`. */
  log: Log;
  /**
   * Result of the last `read`/`write`: `MemTx.OK`, or an error the CPU turns into an external
   * abort. Kept in a field so that the hot path allocates nothing.
   */
  txResult: MemTx = MemTx.OK;
  /** Called after any write that lands in RAM through this API (code invalidation hook). */
  onRamWrite: ((region: MemoryRegion, offset: number, len: number) => void) | null = null;
  #view: FlatView | null = null;
  #gen = -1;

  /** Creates an address space over `root`. */
  constructor(name: string, root: MemoryRegion, log: Log = qemuLog) {
    this.name = name;
    this.root = root;
    this.log = log;
  }

  /** The current FlatView, re-rendered if the tree changed. */
  get flatView(): FlatView {
    const g = memoryGeneration();
    if (this.#view === null || this.#gen !== g) {
      this.#view = new FlatView(this.root);
      this.#gen = g;
    }
    return this.#view;
  }

  /** The section covering `addr`, or undefined. */
  lookup(addr: number): Section | undefined {
    return this.flatView.lookup(addr >>> 0);
  }

  /** The region holding `addr` and the offset of `addr` inside it, or undefined. */
  resolve(addr: number): { region: MemoryRegion; offset: number } | undefined {
    const s = this.flatView.lookup(addr >>> 0);
    return s && { region: s.region, offset: (addr >>> 0) - s.regionBase };
  }

  /**
   * Reads `size` (1, 2, 4) bytes at `addr`, little-endian. Sets `txResult`. Unassigned
   * addresses read as zero.
   */
  read(addr: number, size: number): number {
    addr >>>= 0;
    const s = this.flatView.lookup(addr);
    if (s === undefined || addr + size > s.start + s.size) {
      return this.#readSplitOrUnassigned(addr, size, s);
    }
    this.txResult = MemTx.OK;
    const off = addr - s.regionBase;
    const mr = s.region;
    if (mr.ram !== null) return readLE(mr.ram, off, size);
    return this.#ioRead(mr, off, size, addr);
  }

  /** Writes the low `size` (1, 2, 4) bytes of `value` at `addr`. Sets `txResult`. */
  write(addr: number, value: number, size: number): void {
    addr >>>= 0;
    const s = this.flatView.lookup(addr);
    if (s === undefined || addr + size > s.start + s.size) {
      this.#writeSplitOrUnassigned(addr, value, size, s);
      return;
    }
    this.txResult = MemTx.OK;
    const off = addr - s.regionBase;
    const mr = s.region;
    if (mr.kind === "ram") {
      writeLE(mr.ram!, off, value, size);
      this.onRamWrite?.(mr, off, size);
    } else if (mr.kind === "rom") {
      this.log.log(
        "guest_errors",
        `Invalid write to ROM '${mr.name}' at ${hex(addr)}, size ${size}\n`,
      );
    } else {
      this.#ioWrite(mr, off, value, size, addr);
    }
  }

  /** Reads 8 bytes at `addr` as a bigint (two 4-byte accesses where a device needs it). */
  read64(addr: number): bigint {
    const lo = this.read(addr, 4);
    const r1 = this.txResult;
    const hi = this.read(addr + 4, 4);
    if (r1 !== MemTx.OK) this.txResult = r1;
    return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  }

  /** Writes 8 bytes at `addr`. */
  write64(addr: number, value: bigint): void {
    this.write(addr, Number(value & 0xffffffffn), 4);
    const r1 = this.txResult;
    this.write(addr + 4, Number((value >> 32n) & 0xffffffffn), 4);
    if (r1 !== MemTx.OK) this.txResult = r1;
  }

  /**
   * Copies `len` bytes from guest physical memory (RAM, ROM or device registers read bytewise).
   * Returns false if any part was unassigned.
   */
  readBytes(addr: number, len: number, out: Uint8Array = new Uint8Array(len)): Uint8Array {
    let i = 0;
    let ok = true;
    while (i < len) {
      const a = (addr + i) >>> 0;
      const s = this.flatView.lookup(a);
      if (s === undefined) {
        out[i++] = 0;
        ok = false;
        continue;
      }
      const n = Math.min(len - i, s.start + s.size - a);
      const off = a - s.regionBase;
      if (s.region.ram !== null) {
        out.set(s.region.ram.subarray(off, off + n), i);
      } else {
        for (let k = 0; k < n; k++) out[i + k] = this.#ioRead(s.region, off + k, 1, a + k);
      }
      i += n;
    }
    this.txResult = ok ? MemTx.OK : MemTx.DECODE_ERROR;
    return out;
  }

  /**
   * Copies `data` into guest physical memory. Loaders use `rom: true` to write ROM contents
   * (and the contents of ROM devices that define `writeRom`); otherwise ROM is read-only as for
   * the guest. Sets `txResult`.
   */
  writeBytes(addr: number, data: Uint8Array, opts: { rom?: boolean } = {}): void {
    let i = 0;
    let ok = true;
    while (i < data.length) {
      const a = (addr + i) >>> 0;
      const s = this.flatView.lookup(a);
      if (s === undefined) {
        i++;
        ok = false;
        continue;
      }
      const n = Math.min(data.length - i, s.start + s.size - a);
      const off = a - s.regionBase;
      const mr = s.region;
      if (mr.kind === "ram" || (mr.kind === "rom" && opts.rom)) {
        mr.ram!.set(data.subarray(i, i + n), off);
        if (mr.kind === "ram") this.onRamWrite?.(mr, off, n);
      } else if (mr.kind === "io" && opts.rom && mr.ops!.writeRom) {
        mr.ops!.writeRom(off, data.subarray(i, i + n));
      } else if (mr.kind === "io") {
        for (let k = 0; k < n; k++) this.#ioWrite(mr, off + k, data[i + k], 1, a + k);
      } else {
        ok = false;
      }
      i += n;
    }
    this.txResult = ok ? MemTx.OK : MemTx.DECODE_ERROR;
  }

  #readSplitOrUnassigned(addr: number, size: number, s: Section | undefined): number {
    if (s === undefined) {
      this.log.log(
        "guest_errors",
        `Invalid access at addr ${hex(addr)}, size ${size}, region '(null)', reason: rejected\n`,
      );
      this.txResult = MemTx.DECODE_ERROR;
      return 0;
    }
    // Crosses a section boundary: split into bytes.
    let v = 0;
    let res: MemTx = MemTx.OK;
    for (let i = 0; i < size; i++) {
      v |= this.read(addr + i, 1) << (8 * i);
      if (this.txResult !== MemTx.OK) res = this.txResult;
    }
    this.txResult = res;
    return v >>> 0;
  }

  #writeSplitOrUnassigned(addr: number, value: number, size: number, s: Section | undefined) {
    if (s === undefined) {
      this.log.log(
        "guest_errors",
        `Invalid access at addr ${hex(addr)}, size ${size}, region '(null)', reason: rejected\n`,
      );
      this.txResult = MemTx.DECODE_ERROR;
      return;
    }
    let res: MemTx = MemTx.OK;
    for (let i = 0; i < size; i++) {
      this.write(addr + i, (value >>> (8 * i)) & 0xff, 1);
      if (this.txResult !== MemTx.OK) res = this.txResult;
    }
    this.txResult = res;
  }

  /** Checks the access against the device's valid sizes and alignment, logging rejects. */
  #valid(mr: MemoryRegion, off: number, size: number, addr: number, isWrite: boolean): boolean {
    const ops = mr.ops!;
    const min = ops.validMin ?? 1;
    const max = ops.validMax ?? 4;
    let reason = "";
    if (!ops.validUnaligned && (off & (size - 1)) !== 0) reason = "unaligned";
    else if (size < min || size > max) reason = `invalid size (min:${min} max:${max})`;
    else if (ops.accepts && !ops.accepts(off, size, isWrite)) reason = "rejected";
    if (reason === "") return true;
    this.log.log(
      "guest_errors",
      `Invalid ${isWrite ? "write" : "read"} at addr ${
        hex(addr)
      }, size ${size}, region '${mr.name}', reason: ${reason}\n`,
    );
    return false;
  }

  #ioRead(mr: MemoryRegion, off: number, size: number, addr: number): number {
    if (!this.#valid(mr, off, size, addr, false)) {
      this.txResult = MemTx.DECODE_ERROR;
      return 0;
    }
    return dispatchRead(mr, off, size);
  }

  #ioWrite(mr: MemoryRegion, off: number, value: number, size: number, addr: number): void {
    if (!this.#valid(mr, off, size, addr, true)) {
      this.txResult = MemTx.DECODE_ERROR;
      return;
    }
    dispatchWrite(mr, off, value, size);
  }
}

/**
 * Calls an IO region's read at the sizes it implements: splits wide accesses and widens
 * narrow ones (QEMU's access_with_adjusted_size).
 */
export function dispatchRead(mr: MemoryRegion, off: number, size: number): number {
  const ops = mr.ops!;
  const imin = ops.implMin ?? 1;
  const imax = ops.implMax ?? 4;
  if (size >= imin && size <= imax) return ops.read(off, size) >>> 0;
  if (size < imin) {
    const base = off & ~(imin - 1);
    const v = ops.read(base, imin);
    const shift = 8 * (off - base);
    return size === 4 ? v >>> 0 : ((v >>> shift) & ((1 << (8 * size)) - 1)) >>> 0;
  }
  let v = 0;
  for (let i = 0; i < size; i += imax) v |= ops.read(off + i, imax) << (8 * i);
  return v >>> 0;
}

/** Calls an IO region's write at the sizes it implements (see `dispatchRead`). */
export function dispatchWrite(mr: MemoryRegion, off: number, value: number, size: number): void {
  const ops = mr.ops!;
  const imin = ops.implMin ?? 1;
  const imax = ops.implMax ?? 4;
  if (size >= imin && size <= imax) {
    ops.write(off, value >>> 0, size);
    return;
  }
  if (size < imin) {
    // QEMU widens the write with zero-filled other bytes.
    const base = off & ~(imin - 1);
    ops.write(base, (value << (8 * (off - base))) >>> 0, imin);
    return;
  }
  const mask = imax === 4 ? 0xffffffff : (1 << (8 * imax)) - 1;
  for (let i = 0; i < size; i += imax) ops.write(off + i, (value >>> (8 * i)) & mask, imax);
}

/** Little-endian read of 1, 2 or 4 bytes from a byte array (unsigned result). */
export function readLE(b: Uint8Array, off: number, size: number): number {
  switch (size) {
    case 1:
      return b[off];
    case 2:
      return b[off] | (b[off + 1] << 8);
    default:
      return (b[off] | (b[off + 1] << 8) | (b[off + 2] << 16) | (b[off + 3] << 24)) >>> 0;
  }
}

/** Little-endian write of 1, 2 or 4 bytes into a byte array. */
export function writeLE(b: Uint8Array, off: number, value: number, size: number): void {
  b[off] = value;
  if (size > 1) b[off + 1] = value >>> 8;
  if (size > 2) {
    b[off + 2] = value >>> 16;
    b[off + 3] = value >>> 24;
  }
}
