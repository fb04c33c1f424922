/**
 * virtio-mmio transport with no backend, as QEMU's hw/virtio/virtio-mmio.c presents one: the
 * `virt` board creates 32 of them (0x0a000000 + 0x200 * i, SPI 16 + i) so that `-device` can plug
 * virtio devices in; without one plugged in, a transport answers only the magic value, the
 * version and the vendor ID, reads 0 everywhere else (device ID 0: "no device here", which
 * Linux's virtio_mmio driver accepts silently) and ignores every write.
 *
 * QEMU 7.2's transports default to the legacy interface (`force-legacy=on`): version 1.
 *
 * @module
 */

import { IrqLine } from "../core/irq.ts";
import { MemoryRegion } from "../../softmmu/memory-region.ts";

/** Magic value register ("virt"). */
export const VIRTIO_MMIO_MAGIC_VALUE = 0x000;
/** Interface version. */
export const VIRTIO_MMIO_VERSION = 0x004;
/** Device type (0: none). */
export const VIRTIO_MMIO_DEVICE_ID = 0x008;
/** Vendor ID. */
export const VIRTIO_MMIO_VENDOR_ID = 0x00c;
/** Device status. */
export const VIRTIO_MMIO_STATUS = 0x070;
/** Start of the device-specific configuration space. */
export const VIRTIO_MMIO_CONFIG = 0x100;
/** Size of one transport's register block. */
export const VIRTIO_MMIO_SIZE = 0x200;

/** "virt" as a little-endian word. */
export const VIRT_MAGIC = 0x74726976;
/** Version of the legacy (virtio 0.9.5) interface. */
export const VIRT_VERSION_LEGACY = 1;
/** Version of the virtio 1.0 interface. */
export const VIRT_VERSION = 2;
/** "QEMU" as a little-endian word. */
export const VIRT_VENDOR = 0x554d4551;

const sizeMask = (size: number) => size >= 4 ? 0xffffffff : (1 << (8 * size)) - 1;

/** One virtio-mmio transport without a backend. */
export class VirtioMmio {
  /** The register block (IO region `virtio-mmio`, 0x200 bytes). */
  readonly mmio: MemoryRegion;
  /** The transport's interrupt (never raised without a backend). */
  readonly irq: IrqLine = new IrqLine();
  /** Whether the transport is the legacy one (QEMU's `force-legacy`, on by default). */
  readonly legacy: boolean;

  /** Creates a transport; `legacy` defaults to QEMU 7.2's `force-legacy=on`. */
  constructor(opts: { legacy?: boolean } = {}) {
    this.legacy = opts.legacy ?? true;
    this.mmio = MemoryRegion.io("virtio-mmio", VIRTIO_MMIO_SIZE, {
      read: (offset, size) => (this.#read(offset) & sizeMask(size)) >>> 0,
      write: () => {}, // no backend: every register is write-ignored
    });
    this.mmio.registerName = virtioMmioRegisterName;
  }

  #read(offset: number): number {
    switch (offset) {
      case VIRTIO_MMIO_MAGIC_VALUE:
        return VIRT_MAGIC;
      case VIRTIO_MMIO_VERSION:
        return this.legacy ? VIRT_VERSION_LEGACY : VIRT_VERSION;
      case VIRTIO_MMIO_VENDOR_ID:
        return VIRT_VENDOR;
      default:
        return 0;
    }
  }
}

/** Names the identification registers of a transport, or undefined. */
export function virtioMmioRegisterName(offset: number): string | undefined {
  switch (offset & ~3) {
    case VIRTIO_MMIO_MAGIC_VALUE:
      return "MagicValue";
    case VIRTIO_MMIO_VERSION:
      return "Version";
    case VIRTIO_MMIO_DEVICE_ID:
      return "DeviceID";
    case VIRTIO_MMIO_VENDOR_ID:
      return "VendorID";
    case VIRTIO_MMIO_STATUS:
      return "Status";
  }
  return offset >= VIRTIO_MMIO_CONFIG ? "Config" : undefined;
}
