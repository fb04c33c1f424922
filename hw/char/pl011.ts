/**
 * ARM PrimeCell PL011 UART, as QEMU 7.2's hw/char/pl011.c models it (the `virt` board's
 * console at 0x09000000).
 *
 * What QEMU models and we follow:
 * - Transmission is instantaneous: a byte written to UARTDR goes straight to the back-end,
 *   UARTFR.TXFE stays set, TXFF and BUSY stay clear, and the TX interrupt is raised on
 *   every write.
 * - Reception uses a 16-entry FIFO when UARTLCR_H.FEN is set, a one-character holding
 *   register otherwise. Each entry holds the character and its error bits (bits 8..11 of
 *   UARTDR); reading UARTDR copies those bits into UARTRSR.
 * - The RX interrupt is raised as soon as the FIFO holds one character (QEMU ignores
 *   UARTIFLS for reception, which is what Linux relies on) and cleared when the FIFO is read
 *   empty or by UARTICR. The receive timeout, modem-status and error interrupts are never
 *   raised.
 * - Registers decode on `offset >> 2`: accesses narrower than 32 bits see the low bits of the
 *   register whatever their byte offset (QEMU's impl.min_access_size = 4).
 * - UARTIBRD, UARTFBRD, UARTCR, UARTIMSC... keep whatever the guest writes (no masking).
 *
 * One deliberate difference from 7.2: toggling UARTLCR_H.FEN empties the RX FIFO *and*
 * resets the FIFO flags (RXFE set, RXFF clear) as later QEMU releases do; 7.2 left stale flags.
 *
 * @module
 */

import type { Chardev, ChardevFrontend } from "./chardev.ts";
import { IrqLine } from "../core/irq.ts";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { type Log, qemuLog } from "../../util/log.ts";

// ---- Register offsets ----

/** Data register: write transmits, read pops the RX FIFO (char + error bits). */
export const UARTDR = 0x000;
/** Receive status (read) / error clear (write). */
export const UARTRSR = 0x004;
/** Alias of UARTRSR for writes (error clear register). */
export const UARTECR = 0x004;
/** Flag register (read-only). */
export const UARTFR = 0x018;
/** IrDA low-power counter. */
export const UARTILPR = 0x020;
/** Integer baud rate divisor. */
export const UARTIBRD = 0x024;
/** Fractional baud rate divisor. */
export const UARTFBRD = 0x028;
/** Line control. */
export const UARTLCR_H = 0x02c;
/** Control register. */
export const UARTCR = 0x030;
/** Interrupt FIFO level select. */
export const UARTIFLS = 0x034;
/** Interrupt mask set/clear. */
export const UARTIMSC = 0x038;
/** Raw interrupt status. */
export const UARTRIS = 0x03c;
/** Masked interrupt status. */
export const UARTMIS = 0x040;
/** Interrupt clear (write-only). */
export const UARTICR = 0x044;
/** DMA control. */
export const UARTDMACR = 0x048;
/** First identification register (UARTPeriphID0); ID registers run to 0xFFC. */
export const UARTPeriphID0 = 0xfe0;
/** First PrimeCell identification register (UARTPCellID0). */
export const UARTPCellID0 = 0xff0;

// ---- UARTDR / UARTRSR error bits ----

/** Framing error. */
export const DR_FE = 1 << 8;
/** Parity error. */
export const DR_PE = 1 << 9;
/** Break error. */
export const DR_BE = 1 << 10;
/** Overrun error. */
export const DR_OE = 1 << 11;

// ---- UARTFR bits ----

/** Clear to send. */
export const FR_CTS = 1 << 0;
/** Data set ready. */
export const FR_DSR = 1 << 1;
/** Data carrier detect. */
export const FR_DCD = 1 << 2;
/** UART busy transmitting (never set: TX is instantaneous). */
export const FR_BUSY = 1 << 3;
/** Receive FIFO empty. */
export const FR_RXFE = 1 << 4;
/** Transmit FIFO full (never set). */
export const FR_TXFF = 1 << 5;
/** Receive FIFO full. */
export const FR_RXFF = 1 << 6;
/** Transmit FIFO empty (always set). */
export const FR_TXFE = 1 << 7;
/** Ring indicator. */
export const FR_RI = 1 << 8;

// ---- UARTLCR_H bits ----

/** Send break. */
export const LCR_H_BRK = 1 << 0;
/** FIFO enable. */
export const LCR_H_FEN = 1 << 4;

// ---- UARTDMACR bits ----

/** Receive DMA enable. */
export const DMACR_RXDMAE = 1 << 0;
/** Transmit DMA enable. */
export const DMACR_TXDMAE = 1 << 1;

// ---- Interrupt bits (UARTIMSC, UARTRIS, UARTMIS, UARTICR) ----

/** Ring indicator modem interrupt. */
export const INT_RI = 1 << 0;
/** CTS modem interrupt. */
export const INT_CTS = 1 << 1;
/** DCD modem interrupt. */
export const INT_DCD = 1 << 2;
/** DSR modem interrupt. */
export const INT_DSR = 1 << 3;
/** Receive interrupt. */
export const INT_RX = 1 << 4;
/** Transmit interrupt. */
export const INT_TX = 1 << 5;
/** Receive timeout interrupt. */
export const INT_RT = 1 << 6;
/** Framing error interrupt. */
export const INT_FE = 1 << 7;
/** Parity error interrupt. */
export const INT_PE = 1 << 8;
/** Break error interrupt. */
export const INT_BE = 1 << 9;
/** Overrun error interrupt. */
export const INT_OE = 1 << 10;

/** RX FIFO depth when UARTLCR_H.FEN is set. */
export const PL011_FIFO_DEPTH = 16;

/** Reset value of UARTCR: TXE and RXE set. */
const CR_RESET = 0x300;
/** Reset value of UARTIFLS: both FIFO levels at 1/2. */
const IFLS_RESET = 0x12;

/** PeriphID0..3 and PCellID0..3 of the ARM PL011 (QEMU's `pl011_id_arm`). */
const PL011_ID_ARM = [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1] as const;

/** PrimeCell names of the registers, indexed by `offset >> 2`. */
const REG_NAMES: Readonly<Record<number, string>> = {
  [UARTDR >> 2]: "UARTDR",
  [UARTRSR >> 2]: "UARTRSR",
  [UARTFR >> 2]: "UARTFR",
  [UARTILPR >> 2]: "UARTILPR",
  [UARTIBRD >> 2]: "UARTIBRD",
  [UARTFBRD >> 2]: "UARTFBRD",
  [UARTLCR_H >> 2]: "UARTLCR_H",
  [UARTCR >> 2]: "UARTCR",
  [UARTIFLS >> 2]: "UARTIFLS",
  [UARTIMSC >> 2]: "UARTIMSC",
  [UARTRIS >> 2]: "UARTRIS",
  [UARTMIS >> 2]: "UARTMIS",
  [UARTICR >> 2]: "UARTICR",
  [UARTDMACR >> 2]: "UARTDMACR",
};

/** Names a PL011 register offset (`UARTDR`, `UARTPeriphID2`...), or undefined. */
export function pl011RegisterName(offset: number): string | undefined {
  const idx = offset >>> 2;
  const name = REG_NAMES[idx];
  if (name !== undefined) return name;
  const id = idx - (UARTPeriphID0 >> 2);
  if (id >= 0 && id < 4) return `UARTPeriphID${id}`;
  if (id >= 4 && id < 8) return `UARTPCellID${id - 4}`;
  return undefined;
}

const hex = (n: number) => "0x" + n.toString(16);
const sizeMask = (size: number) => size >= 4 ? 0xffffffff : (1 << (8 * size)) - 1;

/** The PL011 UART. */
export class PL011 implements ChardevFrontend {
  /** The register block (IO region `pl011`, 4 KiB). */
  readonly mmio: MemoryRegion;
  /** The combined interrupt output (UARTINTR). */
  readonly irq: IrqLine = new IrqLine();
  readonly #chr: Chardev;
  readonly #log: Log;
  readonly #txByte = new Uint8Array(1);

  /** RX FIFO entries: character in bits 0..7, error bits 8..11. */
  readonly #fifo = new Uint16Array(PL011_FIFO_DEPTH);
  #readPos = 0;
  #readCount = 0;
  /** Characters needed in the FIFO to raise INT_RX (QEMU: always 1). */
  #readTrigger = 1;

  #flags = 0;
  #lcr = 0;
  #rsr = 0;
  #cr = 0;
  #dmacr = 0;
  #intEnabled = 0;
  #intLevel = 0;
  #ilpr = 0;
  #ibrd = 0;
  #fbrd = 0;
  #ifl = 0;

  /** Creates the UART and attaches it to `chardev`. */
  constructor(opts: { chardev: Chardev; log?: Log }) {
    this.#chr = opts.chardev;
    this.#log = opts.log ?? qemuLog;
    this.mmio = MemoryRegion.io("pl011", 0x1000, {
      read: (offset, size) => (this.#read(offset) & sizeMask(size)) >>> 0,
      write: (offset, value, size) => this.#write(offset, (value & sizeMask(size)) >>> 0),
      validMin: 1,
      validMax: 4,
    });
    this.mmio.registerName = pl011RegisterName;
    this.reset();
    this.#chr.attach(this);
  }

  /** Puts every register in its reset state and empties the RX FIFO. */
  reset(): void {
    this.#lcr = 0;
    this.#rsr = 0;
    this.#dmacr = 0;
    this.#intEnabled = 0;
    this.#intLevel = 0;
    this.#ilpr = 0;
    this.#ibrd = 0;
    this.#fbrd = 0;
    this.#readTrigger = 1;
    this.#ifl = IFLS_RESET;
    this.#cr = CR_RESET;
    this.#flags = 0;
    this.#resetFifos();
    this.#update();
  }

  /** How many characters the RX FIFO (or holding register) can accept now. */
  canReceive(): number {
    return this.#depth() - this.#readCount;
  }

  /** Delivers received characters; any beyond `canReceive()` are dropped. */
  receive(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (this.#readCount >= this.#depth()) break;
      this.#putFifo(b);
    }
  }

  /**
   * Delivers a break condition: a NUL character with the break error bit (UARTDR.BE), as
   * QEMU does for a back-end break event. Dropped when the FIFO is full.
   */
  receiveBreak(): void {
    if (this.#readCount < this.#depth()) this.#putFifo(DR_BE);
  }

  #depth(): number {
    return this.#lcr & LCR_H_FEN ? PL011_FIFO_DEPTH : 1;
  }

  #resetFifos(): void {
    this.#readCount = 0;
    this.#readPos = 0;
    this.#flags = (this.#flags & ~(FR_RXFF | FR_TXFF)) | FR_RXFE | FR_TXFE;
  }

  #putFifo(value: number): void {
    const depth = this.#depth();
    const slot = (this.#readPos + this.#readCount) & (depth - 1);
    this.#fifo[slot] = value;
    this.#readCount++;
    this.#flags &= ~FR_RXFE;
    if (this.#readCount === depth) this.#flags |= FR_RXFF;
    if (this.#readCount === this.#readTrigger) {
      this.#intLevel |= INT_RX;
      this.#update();
    }
  }

  #update(): void {
    this.irq.set((this.#intLevel & this.#intEnabled) !== 0);
  }

  #readDR(): number {
    this.#flags &= ~FR_RXFF;
    const c = this.#fifo[this.#readPos];
    if (this.#readCount > 0) {
      this.#readCount--;
      this.#readPos = (this.#readPos + 1) & (this.#depth() - 1);
    }
    if (this.#readCount === 0) this.#flags |= FR_RXFE;
    if (this.#readCount === this.#readTrigger - 1) this.#intLevel &= ~INT_RX;
    this.#rsr = c >> 8;
    this.#update();
    // QEMU's qemu_chr_fe_accept_input: the back-end may push the next character now.
    this.#chr.poll();
    return c;
  }

  #read(offset: number): number {
    switch (offset >> 2) {
      case UARTDR >> 2:
        return this.#readDR();
      case UARTRSR >> 2:
        return this.#rsr;
      case UARTFR >> 2:
        return this.#flags;
      case UARTILPR >> 2:
        return this.#ilpr;
      case UARTIBRD >> 2:
        return this.#ibrd;
      case UARTFBRD >> 2:
        return this.#fbrd;
      case UARTLCR_H >> 2:
        return this.#lcr;
      case UARTCR >> 2:
        return this.#cr;
      case UARTIFLS >> 2:
        return this.#ifl;
      case UARTIMSC >> 2:
        return this.#intEnabled;
      case UARTRIS >> 2:
        return this.#intLevel;
      case UARTMIS >> 2:
        return this.#intLevel & this.#intEnabled;
      case UARTDMACR >> 2:
        return this.#dmacr;
    }
    if (offset >= UARTPeriphID0) return PL011_ID_ARM[(offset - UARTPeriphID0) >> 2];
    this.#log.log("guest_errors", `pl011_read: Bad offset ${hex(offset)}\n`);
    return 0;
  }

  #write(offset: number, value: number): void {
    switch (offset >> 2) {
      case UARTDR >> 2:
        this.#txByte[0] = value & 0xff;
        this.#chr.write(this.#txByte);
        this.#intLevel |= INT_TX;
        this.#update();
        return;
      case UARTECR >> 2:
        this.#rsr = 0;
        return;
      case UARTFR >> 2:
        return; // read-only; writes are ignored silently, as QEMU does
      case UARTILPR >> 2:
        this.#ilpr = value;
        return;
      case UARTIBRD >> 2:
        this.#ibrd = value;
        return;
      case UARTFBRD >> 2:
        this.#fbrd = value;
        return;
      case UARTLCR_H >> 2:
        if ((this.#lcr ^ value) & LCR_H_FEN) this.#resetFifos();
        this.#lcr = value;
        this.#readTrigger = 1;
        return;
      case UARTCR >> 2:
        this.#cr = value;
        return;
      case UARTIFLS >> 2:
        this.#ifl = value;
        this.#readTrigger = 1;
        return;
      case UARTIMSC >> 2:
        this.#intEnabled = value;
        this.#update();
        return;
      case UARTICR >> 2:
        this.#intLevel &= ~value;
        this.#update();
        return;
      case UARTDMACR >> 2:
        this.#dmacr = value;
        if (value & (DMACR_RXDMAE | DMACR_TXDMAE)) {
          this.#log.log("unimp", "pl011: DMA not implemented\n");
        }
        return;
    }
    this.#log.log("guest_errors", `pl011_write: Bad offset ${hex(offset)}\n`);
  }
}
