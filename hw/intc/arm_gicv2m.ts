/**
 * GICv2m MSI frame, as QEMU's hw/intc/arm_gicv2m.c models it (ARM SBSA's single non-secure MSI
 * register frame): a PCI device's MSI write of an interrupt ID to MSI_SETSPI_NS pulses the GIC
 * SPI input behind it. On `virt` the frame is at 0x08020000 and owns SPIs 48-111 (interrupt IDs
 * 80-143).
 *
 * Only 32-bit reads are accepted (anything else reads 0); MSI_SETSPI_NS takes 16- and 32-bit
 * writes. MSI_TYPER gives the first interrupt ID and the count; MSI_IIDR has QEMU's product ID
 * 'Q'; the identification registers (0xFD0-0xFFC, MSI_PIDR2 included) read 0.
 *
 * @module
 */

import { IrqLine } from "../core/irq.ts";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { type Log, qemuLog } from "../../util/log.ts";

/** MSI_TYPER: base interrupt ID in bits [25:16], count in bits [9:0]. */
export const V2M_MSI_TYPER = 0x008;
/** MSI_SETSPI_NS: write an interrupt ID to signal it. */
export const V2M_MSI_SETSPI_NS = 0x040;
/** MSI_IIDR: implementer/product identification. */
export const V2M_MSI_IIDR = 0xfcc;
/** First implementation-defined identification register. */
export const V2M_IIDR0 = 0xfd0;
/** Last implementation-defined identification register. */
export const V2M_IIDR11 = 0xffc;
/** QEMU's product ID in MSI_IIDR bits [31:20] ('Q'). */
export const V2M_PRODUCT_ID_QEMU = 0x51;
/** Interrupt IDs below the first SPI (SGIs and PPIs). */
const GIC_INTERNAL = 32;
/** The most SPIs one frame can own. */
export const GICV2M_NUM_SPI_MAX = 128;

const hex = (n: number) => "0x" + n.toString(16);

/** The GICv2m frame. */
export class ArmGicV2m {
  /** The register frame (IO region `gicv2m`, 4 KiB). */
  readonly mmio: MemoryRegion;
  /** One output per SPI the frame owns, to GIC SPI `baseSpi + i`. */
  readonly spi: readonly IrqLine[];
  /** First SPI (GIC input number, not interrupt ID). */
  readonly baseSpi: number;
  /** Number of SPIs. */
  readonly numSpi: number;
  readonly #log: Log;

  /** Creates a frame owning `numSpi` SPIs from `baseSpi` (QEMU: `base-spi`, `num-spi`). */
  constructor(opts: { baseSpi: number; numSpi: number; log?: Log }) {
    const { baseSpi, numSpi } = opts;
    if (numSpi > GICV2M_NUM_SPI_MAX) {
      throw new RangeError(`gicv2m: ${numSpi} SPIs exceed the frame maximum ${GICV2M_NUM_SPI_MAX}`);
    }
    if (baseSpi + GIC_INTERNAL > 1020 - numSpi) {
      throw new RangeError(`gicv2m: base SPI ${baseSpi}+${numSpi} exceeds interrupt ID 1020`);
    }
    this.baseSpi = baseSpi;
    this.numSpi = numSpi;
    this.#log = opts.log ?? qemuLog;
    this.spi = Array.from({ length: numSpi }, () => new IrqLine());
    this.mmio = MemoryRegion.io("gicv2m", 0x1000, {
      read: (offset, size) => this.#read(offset, size),
      write: (offset, value, size) => this.#write(offset, value, size),
    });
    this.mmio.registerName = (offset) =>
      ({
        [V2M_MSI_TYPER]: "MSI_TYPER",
        [V2M_MSI_SETSPI_NS]: "MSI_SETSPI_NS",
        [V2M_MSI_IIDR]: "MSI_IIDR",
      })[
        offset
      ];
  }

  #read(offset: number, size: number): number {
    if (size !== 4) {
      this.#log.log("guest_errors", `gicv2m_read: bad size ${size}\n`);
      return 0;
    }
    if (offset === V2M_MSI_TYPER) {
      return (((this.baseSpi + GIC_INTERNAL) << 16) | this.numSpi) >>> 0;
    }
    if (offset === V2M_MSI_IIDR) return (V2M_PRODUCT_ID_QEMU << 20) >>> 0;
    if (offset >= V2M_IIDR0 && offset <= V2M_IIDR11) return 0;
    this.#log.log("guest_errors", `gicv2m_read: Bad offset ${hex(offset)}\n`);
    return 0;
  }

  #write(offset: number, value: number, size: number): void {
    if (size !== 2 && size !== 4) {
      this.#log.log("guest_errors", `gicv2m_write: bad size ${size}\n`);
      return;
    }
    if (offset !== V2M_MSI_SETSPI_NS) {
      this.#log.log("guest_errors", `gicv2m_write: Bad offset ${hex(offset)}\n`);
      return;
    }
    const spi = (value & 0x3ff) - (this.baseSpi + GIC_INTERNAL);
    if (spi >= 0 && spi < this.numSpi) {
      this.spi[spi].set(true); // qemu_irq_pulse
      this.spi[spi].set(false);
    }
  }
}
