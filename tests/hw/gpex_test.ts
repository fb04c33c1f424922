/**
 * The generic PCIe host bridge as QEMU 7.2 shows it on `virt` (checked with the monitor's `xp`
 * on QEMU's ECAM at 0x4010000000 and its windows): the gpex-root function at bus 0 device 0,
 * all-ones for empty slots, and windows that read all-ones and ignore writes.
 */
import assert from "node:assert/strict";
import { MemoryRegion, MemTx } from "../../softmmu/memory-region.ts";
import { AddressSpace } from "../../softmmu/address-space.ts";
import { PCI_COMMAND, PCI_INTERRUPT_LINE, PciHostGpex } from "../../hw/pci-host/gpex.ts";

function setup() {
  const gpex = new PciHostGpex();
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  root.addSubregion(0x10000000, gpex.ecam); // ECAM at a 32-bit address for the test
  root.addSubregion(0x3eff0000, gpex.ioWindow);
  root.addSubregion(0x40000000, gpex.mmioAlias("pcie-mmio", 0x40000000, 0x1000));
  const as = new AddressSpace("memory", root);
  const cfg = (bus: number, dev: number, off: number, size = 4) =>
    as.read(0x10000000 + (bus << 20) + (dev << 15) + off, size);
  return { gpex, as, cfg };
}

Deno.test("gpex: bus 0 device 0 is the Red Hat host bridge, as QEMU's ECAM reads", () => {
  const { cfg } = setup();
  // QEMU 7.2, `xp /16wx 0x4010000000`.
  const qemu = [
    0x00081b36,
    0,
    0x06000000,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0x11001af4,
    0,
    0,
    0,
    0,
  ];
  assert.deepEqual(Array.from({ length: 16 }, (_, i) => cfg(0, 0, 4 * i)), qemu);
  assert.equal(cfg(0, 0, 2, 2), 0x0008);
  assert.equal(cfg(0, 0, 0x100), 0xffffffff, "past the 256-byte space");
  assert.equal(cfg(0, 1, 0), 0xffffffff, "empty slot");
  assert.equal(cfg(1, 0, 0, 2), 0xffff, "other bus");
});

Deno.test("gpex: only the writable header bits take writes; reset restores them", () => {
  const { as, cfg, gpex } = setup();
  as.write(0x10000000 + PCI_COMMAND, 0xffff, 2);
  assert.equal(cfg(0, 0, PCI_COMMAND, 2), 0x0407, "I/O, memory, master, INTx disable");
  as.write(0x10000000, 0x12345678, 4);
  assert.equal(cfg(0, 0, 0), 0x00081b36, "IDs are read-only");
  as.write(0x10000000 + PCI_INTERRUPT_LINE, 0x2a, 1);
  assert.equal(cfg(0, 0, PCI_INTERRUPT_LINE, 1), 0x2a);
  gpex.reset();
  assert.equal(cfg(0, 0, PCI_COMMAND, 2), 0);
  assert.equal(gpex.ecam.name, "pcie-mmcfg-mmio");
  assert.equal(gpex.ecam.size, 0x10000000);
});

Deno.test("gpex: the MMIO and I/O windows read all-ones and ignore writes, no bus error", () => {
  const { as } = setup();
  assert.equal(as.read(0x3eff0000, 4), 0xffffffff);
  assert.equal(as.read(0x3effffee, 2), 0xffff);
  assert.equal(as.txResult, MemTx.OK);
  as.write(0x40000000, 1, 4);
  assert.equal(as.txResult, MemTx.OK);
  assert.equal(as.read(0x40000000, 4), 0xffffffff);
  assert.equal(as.read(0x40000fff, 1), 0xff);
  assert.equal(as.resolve(0x40000000)?.region.name, "gpex_mmio_window");
});
