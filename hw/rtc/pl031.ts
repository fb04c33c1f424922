/**
 * ARM PrimeCell PL031 real-time clock, as QEMU's hw/rtc/pl031.c models it (the `virt`
 * board's RTC at 0x09010000).
 *
 * The counter (`RTCDR`) counts seconds: the host's time when the device is created,
 * plus whatever offset the guest loads through RTCLR, plus the virtual time elapsed since
 * (`VirtualClock.now()`, so that `-icount` runs are repeatable). RTCMR arms a one-shot match
 * interrupt through a `QEMUTimer`; the counter is always enabled (RTCCR reads 1).
 *
 * @module
 */

import { IrqLine } from "../core/irq.ts";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { type Log, qemuLog } from "../../util/log.ts";
import { QEMUTimer, type VirtualClock } from "../../util/qemu-timer.ts";

/** Data register: current counter value (read-only). */
export const RTCDR = 0x00;
/** Match register. */
export const RTCMR = 0x04;
/** Load register: writing sets the counter. */
export const RTCLR = 0x08;
/** Control register (bit 0: RTC start; always reads 1). */
export const RTCCR = 0x0c;
/** Interrupt mask set/clear (bit 0). */
export const RTCIMSC = 0x10;
/** Raw interrupt status (read-only). */
export const RTCRIS = 0x14;
/** Masked interrupt status (read-only). */
export const RTCMIS = 0x18;
/** Interrupt clear (write-only). */
export const RTCICR = 0x1c;
/** First identification register (RTCPeriphID0); ID registers run to 0xFFC. */
export const RTCPeriphID0 = 0xfe0;
/** First PrimeCell identification register (RTCPCellID0). */
export const RTCPCellID0 = 0xff0;

/** The match interrupt bit of RTCIMSC, RTCRIS, RTCMIS and RTCICR. */
export const RTC_INT = 1 << 0;
/** RTCCR.RTCStart. */
export const RTCCR_START = 1 << 0;

/** PeriphID0..3 and PCellID0..3 of the PL031 (QEMU's `pl031_id`). */
const PL031_ID = [0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1] as const;

const NS_PER_SEC = 1_000_000_000;

const REG_NAMES: Readonly<Record<number, string>> = {
  [RTCDR]: "RTCDR",
  [RTCMR]: "RTCMR",
  [RTCLR]: "RTCLR",
  [RTCCR]: "RTCCR",
  [RTCIMSC]: "RTCIMSC",
  [RTCRIS]: "RTCRIS",
  [RTCMIS]: "RTCMIS",
  [RTCICR]: "RTCICR",
};

/** Names a PL031 register offset (`RTCDR`, `RTCPCellID1`...), or undefined. */
export function pl031RegisterName(offset: number): string | undefined {
  const name = REG_NAMES[offset & ~3];
  if (name !== undefined) return name;
  const id = (offset - RTCPeriphID0) >> 2;
  if (id >= 0 && id < 4) return `RTCPeriphID${id}`;
  if (id >= 4 && id < 8) return `RTCPCellID${id - 4}`;
  return undefined;
}

const hex = (n: number) => "0x" + n.toString(16);
const sizeMask = (size: number) => size >= 4 ? 0xffffffff : (1 << (8 * size)) - 1;

/** The PL031 RTC. */
export class PL031 {
  /** The register block (IO region `pl031`, 4 KiB). */
  readonly mmio: MemoryRegion;
  /** The interrupt output (RTCINTR). */
  readonly irq: IrqLine = new IrqLine();
  readonly #clock: VirtualClock;
  readonly #log: Log;
  readonly #timer: QEMUTimer;
  /** Counter minus whole seconds of virtual time (uint32, QEMU's tick_offset). */
  #tickOffset: number;
  #mr = 0;
  #lr = 0;
  #im = 0;
  #is = 0;

  /**
   * Creates the RTC. `hostSeconds` gives the initial wall-clock time in seconds since the
   * epoch (default: the host's clock; tests inject a fixed value).
   */
  constructor(opts: { clock: VirtualClock; log?: Log; hostSeconds?: () => number }) {
    this.#clock = opts.clock;
    this.#log = opts.log ?? qemuLog;
    const host = opts.hostSeconds ?? (() => Math.floor(Date.now() / 1000));
    this.#tickOffset = (host() - this.#elapsedSeconds()) >>> 0;
    this.#timer = new QEMUTimer(this.#clock, () => this.#interrupt());
    this.mmio = MemoryRegion.io("pl031", 0x1000, {
      read: (offset, size) => (this.#read(offset) & sizeMask(size)) >>> 0,
      write: (offset, value, size) => this.#write(offset, (value & sizeMask(size)) >>> 0),
      validMin: 1,
      validMax: 4,
    });
    this.mmio.registerName = pl031RegisterName;
  }

  /**
   * System reset. QEMU's PL031 has no reset handler: the time, the match value and the
   * interrupt state survive a reset, so this only re-drives the interrupt line.
   */
  reset(): void {
    this.#update();
  }

  /** The current counter value (RTCDR), uint32 seconds. */
  count(): number {
    return (this.#tickOffset + this.#elapsedSeconds()) >>> 0;
  }

  #elapsedSeconds(): number {
    return Math.floor(this.#clock.now() / NS_PER_SEC);
  }

  #update(): void {
    this.irq.set((this.#is & this.#im) !== 0);
  }

  #interrupt(): void {
    this.#is = RTC_INT;
    this.#update();
  }

  /** Arms the match timer for RTCMR (the counter wraps, so does the distance). */
  #setAlarm(): void {
    const ticks = (this.#mr - this.count()) >>> 0;
    if (ticks === 0) {
      this.#timer.del();
      this.#interrupt();
    } else {
      this.#timer.mod(this.#clock.now() + ticks * NS_PER_SEC);
    }
  }

  #read(offset: number): number {
    switch (offset) {
      case RTCDR:
        return this.count();
      case RTCMR:
        return this.#mr;
      case RTCIMSC:
        return this.#im;
      case RTCRIS:
        return this.#is;
      case RTCLR:
        return this.#lr;
      case RTCCR:
        return RTCCR_START;
      case RTCMIS:
        return this.#is & this.#im;
      case RTCICR:
        this.#log.log(
          "guest_errors",
          `pl031: read of write-only register at offset ${hex(offset)}\n`,
        );
        return 0;
    }
    if (offset >= RTCPeriphID0) return PL031_ID[(offset - RTCPeriphID0) >> 2];
    this.#log.log("guest_errors", `pl031_read: Bad offset ${hex(offset)}\n`);
    return 0;
  }

  #write(offset: number, value: number): void {
    switch (offset) {
      case RTCLR:
        this.#lr = value;
        this.#tickOffset = (this.#tickOffset + value - this.count()) >>> 0;
        this.#setAlarm();
        return;
      case RTCMR:
        this.#mr = value;
        this.#setAlarm();
        return;
      case RTCIMSC:
        this.#im = value & RTC_INT;
        this.#update();
        return;
      case RTCICR:
        this.#is &= ~value;
        this.#update();
        return;
      case RTCCR:
        return; // the RTC cannot be stopped; writes are ignored
      case RTCDR:
      case RTCMIS:
      case RTCRIS:
        this.#log.log(
          "guest_errors",
          `pl031: write to read-only register at offset ${hex(offset)}\n`,
        );
        return;
    }
    this.#log.log("guest_errors", `pl031_write: Bad offset ${hex(offset)}\n`);
  }
}
