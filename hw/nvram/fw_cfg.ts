/**
 * QEMU's firmware configuration device (hw/nvram/fw_cfg.c), memory-mapped flavour: the `virt`
 * board's interface at 0x09020000 (data register at +0, 8 bytes wide; selector at +8; DMA
 * address at +0x10). Firmware (or Linux's qemu_fw_cfg driver) selects an item by number and
 * reads its bytes in order from the data register, or has a DMA transfer copy them; items from
 * 0x20 up are named files listed, sorted by name, in the directory item 0x19.
 *
 * The selector, data and DMA registers are big-endian device registers: tsemu does the byte
 * swapping QEMU's memory core does for a little-endian guest, so reading 4 data bytes with one
 * LDR gives them in memory order. Accesses QEMU rejects (selector reads, selector writes that
 * are not 16 bits, data accesses not at offset 0, DMA writes other than a 32-bit half) are
 * decode errors: a data abort for the guest.
 *
 * @module
 */

import { MemoryRegion } from "../../softmmu/memory-region.ts";

/** Item: the signature "QEMU". */
export const FW_CFG_SIGNATURE = 0x00;
/** Item: interface version / feature bits (little-endian u32). */
export const FW_CFG_ID = 0x01;
/** Item: the VM's UUID (16 bytes). */
export const FW_CFG_UUID = 0x02;
/** Item: RAM size (not provided on `virt`). */
export const FW_CFG_RAM_SIZE = 0x03;
/** Item: 1 without graphics (`-nographic`), else 0 (little-endian u16). */
export const FW_CFG_NOGRAPHIC = 0x04;
/** Item: number of CPUs (little-endian u16). */
export const FW_CFG_NB_CPUS = 0x05;
/** Item: boot menu enabled (little-endian u16). */
export const FW_CFG_BOOT_MENU = 0x0e;
/** Item: the file directory. */
export const FW_CFG_FILE_DIR = 0x19;
/** Item of the first file. */
export const FW_CFG_FILE_FIRST = 0x20;
/** Selector bit of architecture-specific items. */
export const FW_CFG_ARCH_LOCAL = 0x8000;
/** Selector bits that index the item table. */
export const FW_CFG_ENTRY_MASK = 0x3fff;
/** File slots QEMU allocates by default (`x-file-slots`). */
export const FW_CFG_FILE_SLOTS_DFLT = 0x20;
/** Bytes per directory entry: size (u32), select (u16), reserved (u16), name (56). */
export const FW_CFG_FILE_ENTRY_SIZE = 64;
/** Longest file name, NUL included. */
export const FW_CFG_MAX_FILE_PATH = 56;

/** FW_CFG_ID bit: the traditional selector/data interface. */
export const FW_CFG_VERSION = 0x01;
/** FW_CFG_ID bit: the DMA interface. */
export const FW_CFG_VERSION_DMA = 0x02;

/** DMA control bits (FWCfgDmaAccess.control, big-endian in guest memory). */
export const FW_CFG_DMA_CTL_ERROR = 0x01;
export const FW_CFG_DMA_CTL_READ = 0x02;
export const FW_CFG_DMA_CTL_SKIP = 0x04;
export const FW_CFG_DMA_CTL_SELECT = 0x08;
export const FW_CFG_DMA_CTL_WRITE = 0x10;
/** What the DMA address register reads: "QEMU CFG". */
export const FW_CFG_DMA_SIGNATURE = 0x51454d5520434647n;

/** Offsets of the MMIO registers from the device base (QEMU's fw_cfg_init_mem_wide on virt). */
export const FwCfgMmio = { data: 0x00, ctl: 0x08, dma: 0x10 } as const;
/** Width of the data register on `virt`. */
export const FW_CFG_DATA_WIDTH = 8;

const INVALID = -1;
const encoder = new TextEncoder();

/** Guest memory as the DMA engine sees it. */
export interface FwCfgDma {
  /** Reads `len` bytes at `addr`; null if any byte is not accessible. */
  read(addr: bigint, len: number): Uint8Array | null;
  /** Writes `data` at `addr`; false if any byte is not accessible. */
  write(addr: bigint, data: Uint8Array): boolean;
}

/** A file item. */
interface FwCfgFile {
  name: string;
  data: Uint8Array;
}

/** Little-endian u16 / u32 / u64 as bytes (fw_cfg_add_i16/i32/i64). */
export function fwCfgLE(value: number | bigint, bytes: 2 | 4 | 8): Uint8Array {
  const out = new Uint8Array(bytes);
  let v = BigInt(value);
  for (let i = 0; i < bytes; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** Reverses the low `size` bytes of `v` (a big-endian register seen by a little-endian CPU). */
function bswap(v: number, size: number): number {
  let r = 0;
  for (let i = 0; i < size; i++) r = (r << 8) | ((v >>> (8 * i)) & 0xff);
  return r >>> 0;
}

/** The fw_cfg device. */
export class FwCfg {
  /** The data register (`fwcfg.data`). */
  readonly data: MemoryRegion;
  /** The selector register (`fwcfg.ctl`). */
  readonly ctl: MemoryRegion;
  /** The DMA address register (`fwcfg.dma`). */
  readonly dma: MemoryRegion;
  /** Number of file slots. */
  readonly fileSlots: number;
  readonly #items = new Map<number, Uint8Array>();
  readonly #files: FwCfgFile[] = [];
  readonly #mem: FwCfgDma | null;
  #cur = INVALID;
  #offset = 0;
  #dmaAddr = 0n;

  /** Creates the device; `dma` is guest memory for the DMA interface (none: no DMA). */
  constructor(opts: { dma?: FwCfgDma; fileSlots?: number } = {}) {
    this.#mem = opts.dma ?? null;
    this.fileSlots = opts.fileSlots ?? FW_CFG_FILE_SLOTS_DFLT;
    this.data = MemoryRegion.io("fwcfg.data", FW_CFG_DATA_WIDTH, {
      read: (_offset, size) => this.#dataRead(size),
      write: () => {}, // write support was removed from QEMU in 2.4
      validMin: 1,
      validMax: 4, // QEMU allows 8; the CPU splits wider accesses into words
      accepts: (offset) => offset === 0,
    });
    this.ctl = MemoryRegion.io("fwcfg.ctl", 2, {
      read: () => 0,
      write: (_offset, value) => this.select(bswap(value, 2)),
      accepts: (_offset, size, isWrite) => isWrite && size === 2,
    });
    this.dma = MemoryRegion.io("fwcfg.dma", 8, {
      read: (offset, size) => this.#dmaRead(offset, size),
      write: (offset, value, size) => this.#dmaWrite(offset, bswap(value, size), size),
      accepts: (offset, size, isWrite) =>
        !isWrite || (size === 4 && (offset === 0 || offset === 4)),
    });
    this.#items.set(FW_CFG_SIGNATURE, encoder.encode("QEMU"));
    this.#items.set(FW_CFG_ID, fwCfgLE(FW_CFG_VERSION | (this.#mem ? FW_CFG_VERSION_DMA : 0), 4));
  }

  /** First item number past the file slots (selecting it or anything above is invalid). */
  get #maxEntry(): number {
    return FW_CFG_FILE_FIRST + this.fileSlots;
  }

  /** fw_cfg_add_bytes: sets numbered item `key` (below the file range). */
  addBytes(key: number, data: Uint8Array): this {
    if (key < 0 || key >= FW_CFG_FILE_FIRST) throw new RangeError(`fw_cfg: bad item ${key}`);
    this.#items.set(key, data);
    return this;
  }

  /** fw_cfg_add_i16 (little-endian). */
  addI16(key: number, value: number): this {
    return this.addBytes(key, fwCfgLE(value, 2));
  }

  /**
   * fw_cfg_add_file / fw_cfg_modify_file: adds file `name`, or replaces its contents. The
   * directory stays sorted by name; later files move up one item number.
   */
  setFile(name: string, data: Uint8Array): this {
    if (encoder.encode(name).length >= FW_CFG_MAX_FILE_PATH) {
      throw new RangeError(`fw_cfg: file name too long: ${name}`);
    }
    const existing = this.#files.find((f) => f.name === name);
    if (existing) {
      existing.data = data;
    } else {
      if (this.#files.length >= this.fileSlots) throw new RangeError("fw_cfg: no file slot left");
      let i = this.#files.length;
      while (i > 0 && compareNames(name, this.#files[i - 1].name) < 0) i--;
      this.#files.splice(i, 0, { name, data });
    }
    this.#items.set(FW_CFG_FILE_DIR, this.#directory());
    return this;
  }

  /** Names of the files in directory order. */
  get fileNames(): string[] {
    return this.#files.map((f) => f.name);
  }

  /** The bytes of item `key` (files included), if it exists. */
  item(key: number): Uint8Array | undefined {
    const k = key & FW_CFG_ENTRY_MASK;
    if (key & FW_CFG_ARCH_LOCAL) return undefined; // no architecture items on ARM
    if (k >= FW_CFG_FILE_FIRST) return this.#files[k - FW_CFG_FILE_FIRST]?.data;
    return this.#items.get(k);
  }

  /** The directory item: a big-endian count, then one entry per slot. */
  #directory(): Uint8Array {
    const out = new Uint8Array(4 + FW_CFG_FILE_ENTRY_SIZE * this.fileSlots);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, this.#files.length);
    this.#files.forEach((f, i) => {
      const at = 4 + i * FW_CFG_FILE_ENTRY_SIZE;
      dv.setUint32(at, f.data.length);
      dv.setUint16(at + 4, FW_CFG_FILE_FIRST + i);
      out.set(encoder.encode(f.name), at + 8);
    });
    return out;
  }

  /** Device reset: the signature item is selected. */
  reset(): void {
    this.select(FW_CFG_SIGNATURE);
  }

  /** Selects item `key` and rewinds to its first byte (fw_cfg_select). */
  select(key: number): void {
    this.#offset = 0;
    this.#cur = (key & FW_CFG_ENTRY_MASK) >= this.#maxEntry ? INVALID : key & 0xffff;
  }

  #current(): Uint8Array | undefined {
    return this.#cur === INVALID ? undefined : this.item(this.#cur);
  }

  /** The next `size` bytes of the item, in memory order, zero past its end. */
  #dataRead(size: number): number {
    const e = this.#current();
    let v = 0;
    for (let i = 0; i < size && e && this.#offset < e.length; i++) {
      v |= e[this.#offset++] << (8 * i);
    }
    return v >>> 0;
  }

  #dmaRead(offset: number, size: number): number {
    const shift = BigInt((8 - offset - size) * 8);
    const v = Number((FW_CFG_DMA_SIGNATURE >> shift) & ((1n << BigInt(8 * size)) - 1n));
    return bswap(v, size);
  }

  #dmaWrite(offset: number, value: number, size: number): void {
    if (size !== 4) return;
    if (offset === 0) {
      this.#dmaAddr = BigInt(value >>> 0) << 32n;
    } else if (offset === 4) {
      this.#dmaAddr |= BigInt(value >>> 0);
      this.#dmaTransfer();
    }
  }

  /** Runs the FWCfgDmaAccess at the DMA address (fw_cfg_dma_transfer). */
  #dmaTransfer(): void {
    const mem = this.#mem;
    const at = this.#dmaAddr;
    this.#dmaAddr = 0n;
    if (!mem) return;
    const controlOut = (control: number) => {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, control);
      mem.write(at, b);
    };
    const desc = mem.read(at, 16);
    if (!desc) return controlOut(FW_CFG_DMA_CTL_ERROR);
    const dv = new DataView(desc.buffer, desc.byteOffset, 16);
    let control = dv.getUint32(0);
    let length = dv.getUint32(4);
    let address = dv.getBigUint64(8);
    if (control & FW_CFG_DMA_CTL_SELECT) this.select(control >>> 16);
    const e = this.#current();
    let read = false, write = false;
    if (control & FW_CFG_DMA_CTL_READ) read = true;
    else if (control & FW_CFG_DMA_CTL_WRITE) write = true;
    else if (!(control & FW_CFG_DMA_CTL_SKIP)) length = 0;
    control = 0;
    while (length > 0 && !(control & FW_CFG_DMA_CTL_ERROR)) {
      let len: number;
      if (!e || this.#offset >= e.length) {
        len = length;
        if (read && !mem.write(address, new Uint8Array(len))) control |= FW_CFG_DMA_CTL_ERROR;
        if (write) control |= FW_CFG_DMA_CTL_ERROR;
      } else {
        len = Math.min(length, e.length - this.#offset);
        if (read && !mem.write(address, e.subarray(this.#offset, this.#offset + len))) {
          control |= FW_CFG_DMA_CTL_ERROR;
        }
        if (write) control |= FW_CFG_DMA_CTL_ERROR; // every item here is read-only
        this.#offset += len;
      }
      address += BigInt(len);
      length -= len;
    }
    controlOut(control);
  }
}

/** strcmp on the UTF-8 bytes of two names. */
function compareNames(a: string, b: string): number {
  const x = encoder.encode(a), y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
