/**
 * virtio-mmio transports without a backend, as QEMU 7.2's hw/virtio/virtio-mmio.c answers:
 * magic "virt", version 1 (legacy by default), device ID 0, vendor "QEMU", zero elsewhere,
 * writes ignored.
 */
import assert from "node:assert/strict";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { AddressSpace } from "../../softmmu/address-space.ts";
import {
  VIRT_MAGIC,
  VIRT_VENDOR,
  VIRTIO_MMIO_DEVICE_ID,
  VIRTIO_MMIO_MAGIC_VALUE,
  VIRTIO_MMIO_STATUS,
  VIRTIO_MMIO_VENDOR_ID,
  VIRTIO_MMIO_VERSION,
  VirtioMmio,
} from "../../hw/virtio/virtio-mmio.ts";

function map(t: VirtioMmio) {
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  root.addSubregion(0x0a000000, t.mmio);
  const as = new AddressSpace("memory", root);
  return {
    r: (off: number, size = 4) => as.read(0x0a000000 + off, size),
    w: (off: number, v: number) => as.write(0x0a000000 + off, v, 4),
  };
}

Deno.test("virtio-mmio: identification of an empty legacy transport", () => {
  const { r } = map(new VirtioMmio());
  assert.equal(r(VIRTIO_MMIO_MAGIC_VALUE), 0x74726976);
  assert.equal(VIRT_MAGIC, 0x74726976);
  assert.equal(r(VIRTIO_MMIO_VERSION), 1);
  assert.equal(r(VIRTIO_MMIO_DEVICE_ID), 0);
  assert.equal(r(VIRTIO_MMIO_VENDOR_ID), VIRT_VENDOR);
  assert.equal(new TextDecoder().decode(new Uint32Array([r(VIRTIO_MMIO_VENDOR_ID)])), "QEMU");
  assert.equal(r(0, 1), 0x76, "a byte of the magic value");
  assert.equal(r(2, 2), 0, "not the register's offset: zero");
  assert.equal(r(0x100), 0, "config space");
  assert.equal(r(0x34), 0, "QueueNumMax");
});

Deno.test("virtio-mmio: writes are ignored; the modern version on request", () => {
  const t = new VirtioMmio();
  const { r, w } = map(t);
  w(VIRTIO_MMIO_STATUS, 0xf);
  assert.equal(r(VIRTIO_MMIO_STATUS), 0);
  assert.equal(t.irq.level, false);
  assert.equal(t.mmio.name, "virtio-mmio");
  assert.equal(t.mmio.size, 0x200);
  assert.equal(map(new VirtioMmio({ legacy: false })).r(VIRTIO_MMIO_VERSION), 2);
});
