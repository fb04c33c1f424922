/**
 * CFI parallel flash with the Intel command set, as QEMU's hw/block/pflash_cfi01.c models it.
 * The `virt` board has two banks of 64 MiB (`virt.flash0` at 0, `virt.flash1` at 0x04000000),
 * each a 32-bit wide bank of two x16 devices with 256 KiB sectors and Intel's IDs 0x89/0x18.
 * Without `-drive if=pflash` or `-bios` they start all zero and writable (nothing persists).
 *
 * In read-array mode reads return the contents (QEMU maps the storage directly: ROMD mode). A
 * write is a command: 0x98 CFI query, 0x90 device ID, 0x70 read status, 0x50 clear status,
 * 0x10/0x40 program one word (the next write), 0x20 + 0xD0 erase a sector to 0xFF, 0xE8 write to
 * buffer (count, data words, 0xD0), 0x60 lock commands (accepted, not emulated), 0xFF/0x00/0xF0
 * back to read array. After a command reads return the status (0x80: ready) replicated per
 * device, the query table or the IDs, until read-array mode is restored, as in QEMU.
 *
 * @module
 */

import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { type Log, qemuLog } from "../../util/log.ts";

/** Command: program one word (the next write is the data); 0x10 is a synonym. */
export const CFI_CMD_PROGRAM = 0x40;
/** Command: erase the sector (confirmed by 0xD0). */
export const CFI_CMD_BLOCK_ERASE = 0x20;
/** Command: clear the status register and return to read-array mode. */
export const CFI_CMD_CLEAR_STATUS = 0x50;
/** Command: block lock / unlock (confirmed by 0xD0 or 0x01). */
export const CFI_CMD_LOCK = 0x60;
/** Command: read the status register. */
export const CFI_CMD_READ_STATUS = 0x70;
/** Command: read the manufacturer and device IDs. */
export const CFI_CMD_READ_ID = 0x90;
/** Command: CFI query. */
export const CFI_CMD_QUERY = 0x98;
/** Command: write to buffer (then a word count, the words, 0xD0). */
export const CFI_CMD_WRITE_BUFFER = 0xe8;
/** Command: read array. */
export const CFI_CMD_READ_ARRAY = 0xff;
/** Confirm byte of erase, lock and buffered writes. */
export const CFI_CMD_CONFIRM = 0xd0;
/** Status register: write state machine ready. */
export const CFI_STATUS_READY = 0x80;
/** Status register: erase error. */
export const CFI_STATUS_ERASE_ERROR = 0x20;

/** Size of QEMU's CFI query table. */
const CFI_TABLE_SIZE = 0x52;

/** Geometry and IDs of a flash bank (QEMU's device properties). */
export interface PFlashConfig {
  /** Memory region name (`virt.flash0`). */
  name: string;
  /** Sector size of the whole bank in bytes (`sector-length`). */
  sectorLength: number;
  /** Number of sectors (`num-blocks`). */
  numBlocks: number;
  /** Bank width in bytes (`width`). */
  bankWidth: 1 | 2 | 4;
  /** Width of each device in the bank (`device-width`). */
  deviceWidth: 1 | 2 | 4;
  /** Manufacturer and device IDs (`id0`, `id1`). */
  id0: number;
  id1: number;
  /** Log for `unimp`. */
  log?: Log;
}

/** The `virt` board's banks: 64 MiB of 256 KiB sectors, 4 bytes wide of 2 x16 devices. */
export const VIRT_FLASH_CONFIG: Omit<PFlashConfig, "name"> = {
  sectorLength: 256 * 1024,
  numBlocks: 256,
  bankWidth: 4,
  deviceWidth: 2,
  id0: 0x89,
  id1: 0x18,
};

const ctz = (n: number) => 31 - Math.clz32(n & -n);
const sizeMask = (size: number) => size >= 4 ? 0xffffffff : (1 << (8 * size)) - 1;
const hex = (n: number) => "0x" + n.toString(16);

/** One CFI01 flash bank. */
export class PFlashCfi01 {
  /** The bank's region (read and written through the callbacks; loaders use `writeRom`). */
  readonly mmio: MemoryRegion;
  /** Total size in bytes. */
  readonly size: number;
  readonly #cfg: PFlashConfig;
  readonly #log: Log;
  /** Contents, allocated on the first write (all zero until then). */
  #storage: Uint8Array | null = null;
  readonly #cfi = new Uint8Array(CFI_TABLE_SIZE);
  readonly #writeBlockSize: number;
  #wcycle = 0;
  #cmd = 0;
  #status = CFI_STATUS_READY;
  #counter = 0;
  #romd = true;

  /** Creates a bank of `numBlocks` × `sectorLength` bytes. */
  constructor(cfg: PFlashConfig) {
    this.#cfg = cfg;
    this.#log = cfg.log ?? qemuLog;
    this.size = cfg.sectorLength * cfg.numBlocks;
    this.#writeBlockSize = this.#fillCfiTable();
    this.mmio = MemoryRegion.io(cfg.name, this.size, {
      read: (offset, size) => (this.#read(offset, size) & sizeMask(size)) >>> 0,
      write: (offset, value, size) => this.#write(offset, (value & sizeMask(size)) >>> 0, size),
      writeRom: (offset, data) => this.#storageForWrite().set(data, offset),
    });
  }

  /** System reset: read-array mode, status ready. The contents stay. */
  reset(): void {
    this.#cmd = 0;
    this.#wcycle = 0;
    this.#romd = true;
    this.#status = CFI_STATUS_READY;
  }

  /** Whether reads return the contents directly (QEMU's ROMD mode). */
  get romd(): boolean {
    return this.#romd;
  }

  /** A copy of `len` bytes of the contents at `offset`. */
  contents(offset: number, len: number): Uint8Array {
    return this.#storage ? this.#storage.slice(offset, offset + len) : new Uint8Array(len);
  }

  #storageForWrite(): Uint8Array {
    return this.#storage ??= new Uint8Array(this.size);
  }

  /** QEMU's pflash_cfi01_fill_cfi_table; returns the write-buffer size of the bank. */
  #fillCfiTable(): number {
    const { bankWidth, deviceWidth, numBlocks, sectorLength } = this.#cfg;
    const numDevices = bankWidth / deviceWidth;
    const sectorPerDevice = sectorLength / numDevices;
    const deviceLen = sectorPerDevice * numBlocks;
    const t = this.#cfi;
    t.set([0x51, 0x52, 0x59], 0x10); // "QRY"
    t.set([0x01, 0x00, 0x31, 0x00], 0x13); // Intel command set, extended table at 0x31
    t.set([0x45, 0x55, 0x00, 0x00, 0x07, 0x07, 0x0a, 0x00, 0x04, 0x04, 0x04, 0x00], 0x1b);
    t[0x27] = ctz(deviceLen);
    t[0x28] = 0x02; // x8/x16 interface
    t[0x2a] = bankWidth === 1 ? 0x08 : 0x0b;
    t[0x2c] = 0x01; // one erase block region
    t[0x2d] = (numBlocks - 1) & 0xff;
    t[0x2e] = ((numBlocks - 1) >> 8) & 0xff;
    t[0x2f] = (sectorPerDevice >> 8) & 0xff;
    t[0x30] = (sectorPerDevice >> 16) & 0xff;
    t.set([0x50, 0x52, 0x49, 0x31, 0x30], 0x31); // "PRI1.0"
    t[0x3f] = 0x01;
    return (1 << t[0x2a]) * numDevices;
  }

  #dataRead(offset: number, width: number): number {
    const p = this.#storage;
    if (!p) return 0;
    let v = 0;
    for (let i = width - 1; i >= 0; i--) v = (v << 8) | p[offset + i];
    return v >>> 0;
  }

  #dataWrite(offset: number, value: number, width: number): void {
    const p = this.#storageForWrite();
    for (let i = 0; i < width; i++) p[offset + i] = (value >>> (8 * i)) & 0xff;
  }

  /** Replicates a device's `width`-byte answer across the devices of the bank. */
  #replicate(resp: number): number {
    const { bankWidth, deviceWidth } = this.#cfg;
    for (let i = deviceWidth; i < bankWidth; i += deviceWidth) {
      const mask = sizeMask(deviceWidth) << (8 * i);
      resp = (resp & ~mask) | ((resp << (8 * i)) & mask);
    }
    return resp >>> 0;
  }

  /** Query-table index of a bank offset (addresses count in bank-width units). */
  #boff(offset: number): number {
    return offset >>> ctz(this.#cfg.bankWidth);
  }

  #cfiQuery(offset: number): number {
    const boff = this.#boff(offset);
    return boff >= CFI_TABLE_SIZE ? 0 : this.#replicate(this.#cfi[boff]);
  }

  #devidQuery(offset: number): number {
    switch (this.#boff(offset) & 0xff) {
      case 0:
        return this.#replicate(this.#cfg.id0);
      case 1:
        return this.#replicate(this.#cfg.id1);
      default:
        return 0;
    }
  }

  /** Combines per-bank answers for reads wider than the bank (QEMU's deposit loop). */
  #query(offset: number, width: number, one: (offset: number) => number): number {
    const bw = this.#cfg.bankWidth;
    let ret = 0xffffffff;
    for (let i = 0; i < width; i += bw) {
      const mask = sizeMask(bw) << (8 * i);
      ret = (ret & ~mask) | ((one(offset + i * bw) << (8 * i)) & mask);
    }
    return ret >>> 0;
  }

  #read(offset: number, width: number): number {
    if (this.#romd) return this.#dataRead(offset, width);
    switch (this.#cmd) {
      case 0x00:
        return this.#dataRead(offset, width);
      case 0x10:
      case CFI_CMD_BLOCK_ERASE:
      case 0x28:
      case CFI_CMD_PROGRAM:
      case CFI_CMD_CLEAR_STATUS:
      case CFI_CMD_LOCK:
      case CFI_CMD_READ_STATUS:
      case CFI_CMD_WRITE_BUFFER: {
        const dw = this.#cfg.deviceWidth;
        let ret = this.#status;
        for (let shift = dw * 8; width > dw && shift + dw * 8 <= width * 8; shift += dw * 8) {
          ret |= this.#status << shift;
        }
        return ret >>> 0;
      }
      case CFI_CMD_READ_ID:
        return this.#query(offset, width, (o) => this.#devidQuery(o));
      case CFI_CMD_QUERY:
        return this.#query(offset, width, (o) => this.#cfiQuery(o));
      default:
        this.#wcycle = 0;
        this.#cmd = 0;
        return this.#dataRead(offset, width);
    }
  }

  #readArray(): void {
    this.#romd = true;
    this.#wcycle = 0;
    this.#cmd = 0;
  }

  #unimplemented(offset: number, value: number): void {
    this.#log.log(
      "unimp",
      `pflash_write: Unimplemented flash cmd sequence (offset ${hex(offset)}, wcycle ${
        hex(this.#wcycle)
      } cmd ${hex(this.#cmd)} value ${hex(value)})\n`,
    );
    this.#readArray();
  }

  #write(offset: number, value: number, width: number): void {
    const cmd = value & 0xff;
    if (this.#wcycle === 0) this.#romd = false;
    switch (this.#wcycle) {
      case 0:
        switch (cmd) {
          case 0x00:
          case 0xf0:
          case CFI_CMD_READ_ARRAY:
            return this.#readArray();
          case 0x10:
          case CFI_CMD_PROGRAM:
          case CFI_CMD_LOCK:
          case CFI_CMD_QUERY:
            break;
          case CFI_CMD_BLOCK_ERASE: {
            const start = offset & ~(this.#cfg.sectorLength - 1);
            this.#storageForWrite().fill(0xff, start, start + this.#cfg.sectorLength);
            this.#status |= CFI_STATUS_READY;
            break;
          }
          case CFI_CMD_CLEAR_STATUS:
            this.#status = 0;
            return this.#readArray();
          case CFI_CMD_READ_STATUS:
          case CFI_CMD_READ_ID:
            this.#cmd = cmd;
            return;
          case CFI_CMD_WRITE_BUFFER:
            this.#status |= CFI_STATUS_READY;
            break;
          default:
            return this.#unimplemented(offset, value);
        }
        this.#wcycle++;
        this.#cmd = cmd;
        return;
      case 1:
        return this.#secondCycle(offset, value, width, cmd);
      case 2:
        if (this.#cmd !== CFI_CMD_WRITE_BUFFER) return this.#unimplemented(offset, value);
        // QEMU writes the words straight to the contents, not to a buffer.
        this.#dataWrite(offset, value, width);
        this.#status |= CFI_STATUS_READY;
        if (this.#counter === 0) this.#wcycle++;
        this.#counter--;
        return;
      case 3:
        if (this.#cmd !== CFI_CMD_WRITE_BUFFER) return this.#unimplemented(offset, value);
        if (cmd === CFI_CMD_CONFIRM) {
          this.#wcycle = 0;
          this.#status |= CFI_STATUS_READY;
          return;
        }
        this.#log.log("unimp", "pflash_write: Aborting write to buffer not implemented\n");
        return this.#readArray();
      default:
        return this.#readArray();
    }
  }

  /** The write after a two-cycle command. */
  #secondCycle(offset: number, value: number, width: number, cmd: number): void {
    switch (this.#cmd) {
      case 0x10:
      case CFI_CMD_PROGRAM:
        this.#dataWrite(offset, value, width);
        this.#status |= CFI_STATUS_READY;
        this.#wcycle = 0;
        return;
      case CFI_CMD_BLOCK_ERASE:
      case 0x28:
        if (cmd === CFI_CMD_CONFIRM) {
          this.#wcycle = 0;
          this.#status |= CFI_STATUS_READY;
          return;
        }
        if (cmd === CFI_CMD_READ_ARRAY) return this.#readArray();
        return this.#unimplemented(offset, value);
      case CFI_CMD_WRITE_BUFFER:
        this.#counter = value & sizeMask(this.#cfg.deviceWidth);
        this.#wcycle++;
        return;
      case CFI_CMD_LOCK:
        if (cmd === CFI_CMD_CONFIRM || cmd === 0x01) {
          this.#wcycle = 0;
          this.#status |= CFI_STATUS_READY;
          return;
        }
        return this.#readArray();
      case CFI_CMD_QUERY:
        if (cmd === CFI_CMD_READ_ARRAY) return this.#readArray();
        return; // QEMU stays in query mode
      default:
        return this.#unimplemented(offset, value);
    }
  }

  /** Bytes the bank writes per buffered write (for tests: QEMU's writeblock_size). */
  get writeBlockSize(): number {
    return this.#writeBlockSize;
  }
}
