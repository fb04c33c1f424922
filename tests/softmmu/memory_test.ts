import assert from "node:assert/strict";
import { MemoryRegion, MemTx } from "../../softmmu/memory-region.ts";
import { AddressSpace } from "../../softmmu/address-space.ts";
import { Log } from "../../util/log.ts";

function captureLog(): { log: Log; lines: string[] } {
  const log = new Log();
  const lines: string[] = [];
  log.setSink((t) => lines.push(t));
  log.enable("guest_errors");
  return { log, lines };
}

function ioRecorder(
  name: string,
  size: number,
  opts: Partial<Parameters<typeof MemoryRegion.io>[2]> = {},
) {
  const calls: string[] = [];
  const mr = MemoryRegion.io(name, size, {
    read: (off, sz) => {
      calls.push(`r${sz}@${off}`);
      return 0x11223344 >>> (8 * (4 - sz)) & (sz === 4 ? 0xffffffff : (1 << (8 * sz)) - 1);
    },
    write: (off, v, sz) => calls.push(`w${sz}@${off}=${v.toString(16)}`),
    ...opts,
  });
  return { mr, calls };
}

Deno.test("RAM reads back what was written, little-endian", () => {
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  const ram = MemoryRegion.ram("ram", 0x1000);
  root.addSubregion(0x40000000, ram);
  const as = new AddressSpace("memory", root);
  as.write(0x40000010, 0xdeadbeef, 4);
  assert.equal(as.txResult, MemTx.OK);
  assert.equal(as.read(0x40000010, 4), 0xdeadbeef);
  assert.equal(as.read(0x40000010, 1), 0xef);
  assert.equal(as.read(0x40000012, 2), 0xdead);
  assert.equal(ram.ram![0x13], 0xde);
});

Deno.test("higher priority subregion hides a lower one; equal priority: later wins", () => {
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  const low = MemoryRegion.ram("low", 0x2000);
  const high = MemoryRegion.ram("high", 0x1000);
  root.addSubregion(0x0, high, 1);
  root.addSubregion(0x0, low, 0);
  const as = new AddressSpace("memory", root);
  assert.equal(as.lookup(0x800)!.region.name, "high");
  assert.equal(as.lookup(0x1800)!.region.name, "low");
  assert.equal(as.resolve(0x1800)!.offset, 0x1800);
  assert.equal(as.lookup(0x1800)!.offsetWithinRegion, 0x1000);
  const a = MemoryRegion.ram("a", 0x100);
  const b = MemoryRegion.ram("b", 0x100);
  root.addSubregion(0x10000, a);
  root.addSubregion(0x10080, b);
  assert.equal(as.lookup(0x10090)!.region.name, "b");
  assert.equal(as.lookup(0x10010)!.region.name, "a");
});

Deno.test("lower-priority region shows through gaps of an overlapping container", () => {
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  const bg = MemoryRegion.ram("bg", 0x10000);
  const c = MemoryRegion.container("c", 0x10000);
  c.addSubregion(0x1000, MemoryRegion.ram("inner", 0x1000));
  root.addSubregion(0, bg, 0);
  root.addSubregion(0, c, 5);
  const as = new AddressSpace("memory", root);
  assert.equal(as.lookup(0x1800)!.region.name, "inner");
  assert.equal(as.lookup(0x2800)!.region.name, "bg");
  assert.equal(as.lookup(0x0800)!.region.name, "bg");
});

Deno.test("alias maps a window of its target with the right offset", () => {
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  const ram = MemoryRegion.ram("ram", 0x10000);
  root.addSubregion(0x40000000, ram);
  root.addSubregion(0x0, MemoryRegion.alias("ram-alias", ram, 0x8000, 0x1000));
  const as = new AddressSpace("memory", root);
  as.write(0x40008004, 0x12345678, 4);
  assert.equal(as.read(0x4, 4), 0x12345678);
  const r = as.resolve(0x4)!;
  assert.equal(r.region, ram);
  assert.equal(r.offset, 0x8004);
  assert.equal(as.lookup(0x1000), undefined);
});

Deno.test("unassigned: reads zero, writes ignored, decode error, logged as guest error", () => {
  const { log, lines } = captureLog();
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  const as = new AddressSpace("memory", root, log);
  assert.equal(as.read(0x1234, 4), 0);
  assert.equal(as.txResult, MemTx.DECODE_ERROR);
  as.write(0x1234, 5, 4);
  assert.equal(as.txResult, MemTx.DECODE_ERROR);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /Invalid access at addr 0x1234, size 4/);
});

Deno.test("IO: invalid size rejected, wide accesses split, narrow widened", () => {
  const { log, lines } = captureLog();
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  const dev = ioRecorder("dev", 0x100, { validMin: 4, validMax: 4 });
  const dev2 = ioRecorder("dev2", 0x100, { implMax: 2 });
  const dev3 = ioRecorder("dev3", 0x100, { implMin: 4 });
  root.addSubregion(0x9000000, dev.mr);
  root.addSubregion(0x9001000, dev2.mr);
  root.addSubregion(0x9002000, dev3.mr);
  const as = new AddressSpace("memory", root, log);
  as.read(0x9000000, 1);
  assert.equal(as.txResult, MemTx.DECODE_ERROR);
  assert.deepEqual(dev.calls, []);
  assert.match(lines[0], /region 'dev', reason: invalid size/);
  as.read(0x9000002, 4);
  assert.match(lines[1], /reason: unaligned/);
  as.write(0x9001004, 0xaabbccdd, 4);
  assert.deepEqual(dev2.calls, ["w2@4=ccdd", "w2@6=aabb"]);
  assert.equal(as.read(0x9002001, 1), 0x33);
  assert.deepEqual(dev3.calls, ["r4@0"]);
});

Deno.test("physical byte API loads ROM, crosses regions, and reports holes", () => {
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  const rom = MemoryRegion.rom("flash", 0x100);
  const ram = MemoryRegion.ram("ram", 0x100);
  root.addSubregion(0, rom);
  root.addSubregion(0x100, ram);
  const as = new AddressSpace("memory", root);
  const data = Uint8Array.from({ length: 0x180 }, (_, i) => i & 0xff);
  as.writeBytes(0xc0, data.subarray(0, 0x80), { rom: true });
  assert.equal(as.txResult, MemTx.OK);
  assert.deepEqual(as.readBytes(0xc0, 0x80), data.subarray(0, 0x80));
  as.write(0xc0, 0xff, 1); // guest write to ROM is ignored
  assert.equal(as.read(0xc0, 1), 0);
  as.readBytes(0x1f0, 0x20);
  assert.equal(as.txResult, MemTx.DECODE_ERROR);
});

Deno.test("an access crossing two sections is split bytewise", () => {
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  const a = MemoryRegion.ram("a", 0x10);
  const b = MemoryRegion.ram("b", 0x10);
  root.addSubregion(0, a);
  root.addSubregion(0x10, b);
  const as = new AddressSpace("memory", root);
  as.write(0xe, 0x44332211, 4);
  assert.equal(a.ram![0xe], 0x11);
  assert.equal(b.ram![0x1], 0x44);
  assert.equal(as.read(0xe, 4), 0x44332211);
});
