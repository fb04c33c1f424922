/**
 * ARM PrimeCell PL061 GPIO controller, as QEMU's hw/gpio/pl061.c models the plain (not Luminary)
 * variant: the `virt` board's GPIO at 0x09030000 on SPI 7, with QEMU's `pullups` = 0 and
 * `pulldowns` = 0xff (undriven inputs read 0), and the gpio-keys power button on line 3.
 *
 * Eight lines. GPIODATA is address-masked: address bits [9:2] select which lines a read returns
 * and a write may change (only lines configured as outputs change). Inputs come from
 * {@link PL061.setInput}. Each input line can interrupt on an edge (GPIOIBE: both, else GPIOIEV
 * selects rising or falling) or a level (GPIOIS; GPIOIEV: high or low). Level interrupts are
 * re-latched on every update, so GPIOIC cannot clear an active level source: QEMU's behaviour.
 *
 * @module
 */

import { IrqLine } from "../core/irq.ts";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { type Log, qemuLog } from "../../util/log.ts";

/** Data register window: 0x000-0x3FC, address bits [9:2] are the line mask. */
export const GPIODATA = 0x000;
/** Last address of the data window. */
export const GPIODATA_END = 0x3ff;
/** Direction (1 = output). */
export const GPIODIR = 0x400;
/** Interrupt sense (1 = level). */
export const GPIOIS = 0x404;
/** Interrupt on both edges. */
export const GPIOIBE = 0x408;
/** Interrupt event (1 = rising edge / high level). */
export const GPIOIEV = 0x40c;
/** Interrupt mask (1 = enabled). */
export const GPIOIE = 0x410;
/** Raw interrupt status. */
export const GPIORIS = 0x414;
/** Masked interrupt status. */
export const GPIOMIS = 0x418;
/** Interrupt clear (write-only). */
export const GPIOIC = 0x41c;
/** Mode control (alternate function select). */
export const GPIOAFSEL = 0x420;
/** First identification register (GPIOPeriphID0); the ID block runs to 0xFFF. */
export const GPIOPeriphID0 = 0xfe0;
/** Start of the identification block QEMU decodes (0xFD0: four reserved zero words first). */
export const PL061_ID_START = 0xfd0;

/** Number of GPIO lines. */
export const PL061_NUM_LINES = 8;

/** QEMU's `pl061_id`: four zero words, PeriphID0-3, PCellID0-3. */
const PL061_ID = [0x00, 0x00, 0x00, 0x00, 0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1] as const;

const REG_NAMES: Readonly<Record<number, string>> = {
  [GPIODIR]: "GPIODIR",
  [GPIOIS]: "GPIOIS",
  [GPIOIBE]: "GPIOIBE",
  [GPIOIEV]: "GPIOIEV",
  [GPIOIE]: "GPIOIE",
  [GPIORIS]: "GPIORIS",
  [GPIOMIS]: "GPIOMIS",
  [GPIOIC]: "GPIOIC",
  [GPIOAFSEL]: "GPIOAFSEL",
};

/** Names a PL061 register offset (`GPIODATA`, `GPIOPCellID1`...), or undefined. */
export function pl061RegisterName(offset: number): string | undefined {
  if (offset <= GPIODATA_END) return "GPIODATA";
  const name = REG_NAMES[offset & ~3];
  if (name !== undefined) return name;
  const id = (offset - GPIOPeriphID0) >> 2;
  if (id >= 0 && id < 4) return `GPIOPeriphID${id}`;
  if (id >= 4 && id < 8) return `GPIOPCellID${id - 4}`;
  return undefined;
}

const hex = (n: number) => "0x" + n.toString(16);
const sizeMask = (size: number) => size >= 4 ? 0xffffffff : (1 << (8 * size)) - 1;

/** Options of {@link PL061}. */
export interface PL061Options {
  /** Log for `guest_errors`. */
  log?: Log;
  /** Lines pulled up to 1 when they are inputs (QEMU property `pullups`; `virt`: 0). */
  pullups?: number;
  /** Lines pulled down to 0 when they are inputs (`pulldowns`; `virt`: 0xff). */
  pulldowns?: number;
}

/** The PL061 GPIO controller. */
export class PL061 {
  /** The register block (IO region `pl061`, 4 KiB). */
  readonly mmio: MemoryRegion;
  /** The combined interrupt output (GPIOINTR). */
  readonly irq: IrqLine = new IrqLine();
  /** The eight lines as outputs (what the GPIO drives). */
  readonly out: readonly IrqLine[] = Array.from({ length: PL061_NUM_LINES }, () => new IrqLine());
  readonly #log: Log;
  readonly #pullups: number;
  readonly #pulldowns: number;
  #data = 0;
  #oldOutData = 0;
  #oldInData = 0;
  #dir = 0;
  #isense = 0;
  #ibe = 0;
  #iev = 0;
  #im = 0;
  #istate = 0;
  #afsel = 0;

  /** Creates the controller (call {@link reset} before use, as the board does). */
  constructor(opts: PL061Options = {}) {
    this.#log = opts.log ?? qemuLog;
    this.#pullups = (opts.pullups ?? 0xff) & 0xff;
    this.#pulldowns = (opts.pulldowns ?? 0) & 0xff;
    if (this.#pullups & this.#pulldowns) {
      throw new RangeError("pl061: no line may be both pulled up and pulled down");
    }
    this.mmio = MemoryRegion.io("pl061", 0x1000, {
      read: (offset, size) => (this.#read(offset) & sizeMask(size)) >>> 0,
      write: (offset, value, size) => this.#write(offset, (value & sizeMask(size)) >>> 0),
    });
    this.mmio.registerName = pl061RegisterName;
  }

  /** System reset: every register to its reset value; the outputs driven from the pulls. */
  reset(): void {
    this.#data = 0;
    this.#oldInData = 0;
    this.#dir = 0;
    this.#isense = 0;
    this.#ibe = 0;
    this.#iev = 0;
    this.#im = 0;
    this.#istate = 0;
    this.#afsel = 0;
    const floating = this.#floating();
    const pullups = this.#pullupsIn();
    for (let i = 0; i < PL061_NUM_LINES; i++) {
      if (floating & (1 << i)) continue;
      this.out[i].set((pullups & (1 << i)) !== 0);
    }
    this.#oldOutData = pullups;
    this.irq.set(false);
  }

  /** Drives input line `line` (ignored while the line is an output). */
  setInput(line: number, level: boolean): void {
    const mask = 1 << line;
    if (this.#dir & mask) return;
    this.#data = level ? this.#data | mask : this.#data & ~mask;
    this.#update();
  }

  /** Input lines that are neither pulled up nor down. */
  #floating(): number {
    return ~(this.#pullups | this.#pulldowns) & ~this.#dir & 0xff;
  }

  /** Input lines pulled up. */
  #pullupsIn(): number {
    return this.#pullups & ~this.#dir & 0xff;
  }

  #update(): void {
    const pullups = this.#pullupsIn();
    const floating = this.#floating();
    // Outputs from GPIODATA, pulled-up inputs 1, floating inputs keep their last value.
    const out = ((this.#data & this.#dir) | pullups | (this.#oldOutData & floating)) & 0xff;
    let changed = this.#oldOutData ^ out;
    if (changed) {
      this.#oldOutData = out;
      for (let i = 0; i < PL061_NUM_LINES; i++) {
        if (changed & (1 << i)) this.out[i].set((out & (1 << i)) !== 0);
      }
    }
    changed = (this.#oldInData ^ this.#data) & ~this.#dir & 0xff;
    if (changed) {
      this.#oldInData = this.#data;
      for (let i = 0; i < PL061_NUM_LINES; i++) {
        const mask = 1 << i;
        if (!(changed & mask) || (this.#isense & mask)) continue;
        if (this.#ibe & mask) this.#istate |= mask;
        else this.#istate |= ~(this.#data ^ this.#iev) & mask;
      }
    }
    this.#istate = (this.#istate | (~(this.#data ^ this.#iev) & this.#isense)) & 0xff;
    this.irq.set((this.#istate & this.#im) !== 0);
  }

  #read(offset: number): number {
    if (offset <= GPIODATA_END) return this.#data & (offset >> 2);
    switch (offset) {
      case GPIODIR:
        return this.#dir;
      case GPIOIS:
        return this.#isense;
      case GPIOIBE:
        return this.#ibe;
      case GPIOIEV:
        return this.#iev;
      case GPIOIE:
        return this.#im;
      case GPIORIS:
        return this.#istate;
      case GPIOMIS:
        return this.#istate & this.#im;
      case GPIOAFSEL:
        return this.#afsel;
    }
    if (offset >= PL061_ID_START && offset < 0x1000) {
      return PL061_ID[(offset - PL061_ID_START) >> 2];
    }
    this.#log.log("guest_errors", `pl061_read: Bad offset ${hex(offset)}\n`);
    return 0;
  }

  #write(offset: number, value: number): void {
    if (offset <= GPIODATA_END) {
      const mask = (offset >> 2) & this.#dir;
      this.#data = (this.#data & ~mask) | (value & mask);
      this.#update();
      return;
    }
    switch (offset) {
      case GPIODIR:
        this.#dir = value & 0xff;
        break;
      case GPIOIS:
        this.#isense = value & 0xff;
        break;
      case GPIOIBE:
        this.#ibe = value & 0xff;
        break;
      case GPIOIEV:
        this.#iev = value & 0xff;
        break;
      case GPIOIE:
        this.#im = value & 0xff;
        break;
      case GPIOIC:
        this.#istate &= ~value;
        break;
      case GPIOAFSEL:
        this.#afsel = value & 0xff; // QEMU: masked by the commit register, 0xff here
        break;
      default:
        this.#log.log("guest_errors", `pl061_write: Bad offset ${hex(offset)}\n`);
        return;
    }
    this.#update();
  }
}
