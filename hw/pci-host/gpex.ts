/**
 * QEMU's generic PCI Express host bridge (hw/pci-host/gpex.c with hw/pci/pcie_host.c), as the
 * `virt` board wires it: an ECAM configuration window (256 buses, 1 MiB each; on `virt` above
 * 4 GiB at 0x4010000000), the 32-bit MMIO window 0x10000000-0x3efeffff and the 64 KiB I/O port
 * window at 0x3eff0000, and INTA-INTD on SPIs 3-6.
 *
 * Bus 0 device 0 is the bridge's own function ("gpex-root": Red Hat 1b36:0008, class host
 * bridge, subsystem 1af4:1100); every other configuration address reads all-ones, as an empty
 * slot does. No device sits behind the windows: QEMU maps them with its "unassigned I/O"
 * callbacks, so reads return all-ones and writes are ignored (no bus error).
 *
 * @module
 */

import { IrqLine } from "../core/irq.ts";
import { MemoryRegion, type MemoryRegionOps } from "../../softmmu/memory-region.ts";

/** ECAM space per bus (PCIE_MMCFG_SIZE_MIN). */
export const PCIE_MMCFG_BUS_SIZE = 0x10_0000;
/** The whole ECAM space of 256 buses (PCIE_MMCFG_SIZE_MAX). */
export const PCIE_MMCFG_SIZE_MAX = 0x1000_0000;
/** Configuration space of a conventional PCI function. */
export const PCI_CONFIG_SPACE_SIZE = 0x100;
/** INTx lines of the host (GPEX_NUM_IRQS). */
export const GPEX_NUM_IRQS = 4;

/** Configuration header offsets. */
export const PCI_VENDOR_ID = 0x00;
export const PCI_DEVICE_ID = 0x02;
export const PCI_COMMAND = 0x04;
export const PCI_STATUS = 0x06;
export const PCI_CLASS_REVISION = 0x08;
export const PCI_CACHE_LINE_SIZE = 0x0c;
export const PCI_HEADER_TYPE = 0x0e;
export const PCI_SUBSYSTEM_VENDOR_ID = 0x2c;
export const PCI_SUBSYSTEM_ID = 0x2e;
export const PCI_INTERRUPT_LINE = 0x3c;
/** End of the standard header; the device-specific area after it is writable. */
export const PCI_CONFIG_HEADER_SIZE = 0x40;

/** PCI_VENDOR_ID_REDHAT. */
export const PCI_VENDOR_ID_REDHAT = 0x1b36;
/** PCI_DEVICE_ID_REDHAT_PCIE_HOST. */
export const PCI_DEVICE_ID_REDHAT_PCIE_HOST = 0x0008;
/** PCI_CLASS_BRIDGE_HOST. */
export const PCI_CLASS_BRIDGE_HOST = 0x0600;
/** QEMU's default subsystem vendor (PCI_SUBVENDOR_ID_REDHAT_QUMRANET) and ID. */
export const PCI_SUBVENDOR_ID_REDHAT_QUMRANET = 0x1af4;
export const PCI_SUBDEVICE_ID_QEMU = 0x1100;
/** Writable command bits: I/O, memory, bus master, INTx disable. */
const PCI_COMMAND_WMASK = 0x0001 | 0x0002 | 0x0004 | 0x0400;

const sizeMask = (size: number) => size >= 4 ? 0xffffffff : (1 << (8 * size)) - 1;

/** QEMU's unassigned I/O callbacks: all-ones reads, ignored writes. */
export const UNASSIGNED_IO_OPS: MemoryRegionOps = {
  read: (_offset, size) => sizeMask(size) >>> 0,
  write: () => {},
};

/** A conventional PCI function's 256-byte configuration space with its write mask. */
export class PciConfigSpace {
  /** The registers. */
  readonly config: Uint8Array = new Uint8Array(PCI_CONFIG_SPACE_SIZE);
  /** Bits the guest may change. */
  readonly wmask: Uint8Array = new Uint8Array(PCI_CONFIG_SPACE_SIZE);
  readonly #reset: Uint8Array;

  /** A function with the given IDs and class; QEMU's default subsystem IDs. */
  constructor(ids: { vendor: number; device: number; revision: number; classCode: number }) {
    const dv = new DataView(this.config.buffer);
    dv.setUint16(PCI_VENDOR_ID, ids.vendor, true);
    dv.setUint16(PCI_DEVICE_ID, ids.device, true);
    this.config[PCI_CLASS_REVISION] = ids.revision;
    dv.setUint16(PCI_CLASS_REVISION + 2, ids.classCode, true);
    dv.setUint16(PCI_SUBSYSTEM_VENDOR_ID, PCI_SUBVENDOR_ID_REDHAT_QUMRANET, true);
    dv.setUint16(PCI_SUBSYSTEM_ID, PCI_SUBDEVICE_ID_QEMU, true);
    new DataView(this.wmask.buffer).setUint16(PCI_COMMAND, PCI_COMMAND_WMASK, true);
    this.wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    this.wmask[PCI_INTERRUPT_LINE] = 0xff;
    this.wmask.fill(0xff, PCI_CONFIG_HEADER_SIZE);
    this.#reset = this.config.slice();
  }

  /** Back to the power-on values. */
  reset(): void {
    this.config.set(this.#reset);
  }

  /** Little-endian read of `size` bytes at `addr`. */
  read(addr: number, size: number): number {
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = (v << 8) | this.config[addr + i];
    return v >>> 0;
  }

  /** Little-endian write through the write mask. */
  write(addr: number, value: number, size: number): void {
    for (let i = 0; i < size; i++) {
      const m = this.wmask[addr + i];
      const b = (value >>> (8 * i)) & 0xff;
      this.config[addr + i] = (this.config[addr + i] & ~m) | (b & m);
    }
  }
}

/** The GPEX host bridge. */
export class PciHostGpex {
  /** The ECAM window (`pcie-mmcfg-mmio`, 256 MiB). */
  readonly ecam: MemoryRegion;
  /** The PCI memory space the MMIO windows show (`gpex_mmio_window`, 4 GiB, empty). */
  readonly mmioSpace: MemoryRegion;
  /** The I/O port window (`gpex_ioport_window`, 64 KiB, empty). */
  readonly ioWindow: MemoryRegion;
  /** INTA-INTD outputs. */
  readonly irq: readonly IrqLine[] = Array.from({ length: GPEX_NUM_IRQS }, () => new IrqLine());
  /** Bus 0 device 0 function 0: the bridge itself. */
  readonly root = new PciConfigSpace({
    vendor: PCI_VENDOR_ID_REDHAT,
    device: PCI_DEVICE_ID_REDHAT_PCIE_HOST,
    revision: 0,
    classCode: PCI_CLASS_BRIDGE_HOST,
  });

  /** Creates the bridge. */
  constructor() {
    this.ecam = MemoryRegion.io("pcie-mmcfg-mmio", PCIE_MMCFG_SIZE_MAX, {
      read: (addr, size) => (this.#configRead(addr, size) & sizeMask(size)) >>> 0,
      write: (addr, value, size) => this.#configWrite(addr, value, size),
    });
    this.mmioSpace = MemoryRegion.io("gpex_mmio_window", 0x1_0000_0000, UNASSIGNED_IO_OPS);
    this.ioWindow = MemoryRegion.io("gpex_ioport_window", 0x1_0000, UNASSIGNED_IO_OPS);
  }

  /** A window onto the PCI memory space for the system bus (QEMU's `pcie-mmio` alias). */
  mmioAlias(name: string, base: number, size: number): MemoryRegion {
    return MemoryRegion.alias(name, this.mmioSpace, base, size);
  }

  /** Device reset. */
  reset(): void {
    this.root.reset();
  }

  /** The function an ECAM address selects, or null for an empty slot. */
  #function(addr: number): PciConfigSpace | null {
    const bus = addr >>> 20;
    const devfn = (addr >>> 12) & 0xff;
    return bus === 0 && devfn === 0 ? this.root : null;
  }

  #configRead(addr: number, size: number): number {
    const f = this.#function(addr);
    const reg = addr & 0xfff;
    if (!f || reg >= PCI_CONFIG_SPACE_SIZE) return 0xffffffff;
    return f.read(reg, Math.min(size, PCI_CONFIG_SPACE_SIZE - reg));
  }

  #configWrite(addr: number, value: number, size: number): void {
    const f = this.#function(addr);
    const reg = addr & 0xfff;
    if (!f || reg >= PCI_CONFIG_SPACE_SIZE) return;
    f.write(reg, value, Math.min(size, PCI_CONFIG_SPACE_SIZE - reg));
  }
}
