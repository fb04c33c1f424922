/**
 * CFI01 flash as QEMU's hw/block/pflash_cfi01.c with `virt`'s geometry (64 MiB bank, 4 bytes
 * wide of two x16 devices, 256 KiB sectors, IDs 0x89/0x18): read array, CFI query, device ID,
 * status, program, erase, write to buffer, and loader writes into the contents.
 */
import assert from "node:assert/strict";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { AddressSpace } from "../../softmmu/address-space.ts";
import { PFlashCfi01, VIRT_FLASH_CONFIG } from "../../hw/block/pflash_cfi01.ts";
import { Log } from "../../util/log.ts";

const BASE = 0x04000000;

function setup() {
  const log = new Log();
  const lines: string[] = [];
  log.setSink((t) => lines.push(t));
  log.enable("unimp");
  const flash = new PFlashCfi01({ ...VIRT_FLASH_CONFIG, name: "virt.flash1", log });
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  root.addSubregion(BASE, flash.mmio);
  const as = new AddressSpace("memory", root, log);
  const r = (off: number, size = 4) => as.read(BASE + off, size);
  const w = (off: number, v: number, size = 4) => as.write(BASE + off, v, size);
  return { flash, as, r, w, lines };
}

Deno.test("pflash: a 64 MiB bank that starts all zero in read-array mode", () => {
  const { flash, r } = setup();
  assert.equal(flash.size, 64 << 20);
  assert.equal(flash.mmio.name, "virt.flash1");
  assert.equal(r(0), 0);
  assert.equal(r(flash.size - 4), 0);
  assert.equal(flash.romd, true);
  assert.equal(flash.writeBlockSize, 4096, "2 KiB per device, two devices");
});

Deno.test("pflash: CFI query table replicated for both x16 devices", () => {
  const { r, w } = setup();
  w(0, 0x98);
  const table = Array.from({ length: 0x30 }, (_, i) => r((0x10 + i) * 4));
  assert.deepEqual(table.slice(0, 3), [0x00510051, 0x00520052, 0x00590059], "QRY");
  assert.equal(table[0x27 - 0x10], 0x00190019, "device size 2^25 (32 MiB each)");
  assert.equal(table[0x2a - 0x10], 0x000b000b, "2 KiB write buffer");
  assert.deepEqual(table.slice(0x2c - 0x10, 0x31 - 0x10), [
    0x00010001,
    0x00ff00ff,
    0,
    0,
    0x00020002,
  ], "one region of 256 sectors of 128 KiB");
  assert.equal(r(0x40, 1), 0x51);
  assert.equal(r(0x52 * 4), 0, "past the table");
  w(0, 0x70); // QEMU stays in query mode until read array
  assert.equal(r(0x40), 0x00510051);
  w(0, 0xff);
  assert.equal(r(0x40), 0);
  w(0, 0x98, 1);
  assert.equal(r(0x40), 0x00510051, "a byte-wide command");
});

Deno.test("pflash: device ID, status, program, erase and buffered writes", () => {
  const { r, w, lines, flash } = setup();
  w(0, 0x90);
  assert.deepEqual([r(0), r(4), r(8), r(4, 2)], [0x00890089, 0x00180018, 0, 0x18]);
  w(0, 0x70);
  assert.deepEqual([r(0), r(0, 2)], [0x00800080, 0x80]);
  assert.equal(flash.romd, false);
  w(0, 0x40);
  w(0x100, 0x12345678);
  assert.equal(r(0x100), 0x00800080, "status until read array");
  w(0, 0xff);
  assert.deepEqual([r(0x100), r(0x104)], [0x12345678, 0]);
  w(0x100, 0x20);
  w(0x100, 0xd0);
  w(0, 0xff);
  assert.deepEqual([r(0), r(0x3fffc), r(0x40000)], [0xffffffff, 0xffffffff, 0], "one sector");
  w(0, 0x50);
  w(0, 0x70);
  assert.equal(r(0), 0, "status cleared");
  w(0x200, 0xe8);
  w(0x200, 1); // two words
  w(0x200, 0xcafef00d);
  w(0x204, 0x0badbeef);
  w(0x200, 0xd0);
  w(0, 0xff);
  assert.deepEqual([r(0x200), r(0x204)], [0xcafef00d, 0x0badbeef]);
  w(0, 0x33);
  assert.match(lines.join(""), /Unimplemented flash cmd sequence .*value 0x33/);
  assert.equal(r(0x200), 0xcafef00d, "back to read array");
  flash.reset();
  assert.equal(r(0x200), 0xcafef00d, "reset keeps the contents");
});

Deno.test("pflash: a loader's ROM write lands in the contents, not in the command logic", () => {
  const { as, r, flash } = setup();
  as.writeBytes(BASE + 0x10, Uint8Array.of(0x98, 0x90, 0x70, 0xff), { rom: true });
  assert.equal(r(0x10), 0xff709098);
  assert.equal(flash.romd, true);
  assert.deepEqual([...flash.contents(0x10, 4)], [0x98, 0x90, 0x70, 0xff]);
  as.writeBytes(BASE + 0x20, Uint8Array.of(0x98));
  assert.equal(flash.romd, false, "a plain write is a command");
});
