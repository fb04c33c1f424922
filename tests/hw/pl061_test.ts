/**
 * PL061 GPIO against QEMU's hw/gpio/pl061.c (plain PrimeCell variant, `virt`'s pulls): ID
 * registers, address-masked data, direction, edge and level interrupts, the interrupt line,
 * the output lines and what is a bad offset.
 */
import assert from "node:assert/strict";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { AddressSpace } from "../../softmmu/address-space.ts";
import {
  GPIODIR,
  GPIOIBE,
  GPIOIC,
  GPIOIE,
  GPIOIEV,
  GPIOIS,
  GPIOMIS,
  GPIORIS,
  PL061,
} from "../../hw/gpio/pl061.ts";
import { Log } from "../../util/log.ts";

const BASE = 0x09030000;

function setup(pulls = { pullups: 0, pulldowns: 0xff }) {
  const log = new Log();
  const lines: string[] = [];
  log.setSink((t) => lines.push(t));
  log.enable("guest_errors");
  const gpio = new PL061({ log, ...pulls });
  const irqs: boolean[] = [];
  gpio.irq.connect((l) => irqs.push(l));
  gpio.reset();
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  root.addSubregion(BASE, gpio.mmio);
  const as = new AddressSpace("memory", root, log);
  const r = (off: number, size = 4) => as.read(BASE + off, size);
  const w = (off: number, v: number, size = 4) => as.write(BASE + off, v, size);
  return { gpio, r, w, lines, irqs };
}

Deno.test("pl061: PrimeCell IDs at 0xFD0-0xFFC as QEMU's pl061_id, any access width", () => {
  const { r, gpio } = setup();
  const ids = Array.from({ length: 12 }, (_, i) => r(0xfd0 + 4 * i));
  assert.deepEqual(ids, [0, 0, 0, 0, 0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
  assert.equal(r(0xfe1, 1), 0x61, "byte inside PeriphID0's word");
  assert.equal(r(0xfe2, 2), 0x61);
  assert.equal(gpio.mmio.name, "pl061");
  assert.equal(gpio.mmio.registerName!(0xfe0), "GPIOPeriphID0");
  assert.equal(gpio.mmio.registerName!(0x3fc), "GPIODATA");
});

Deno.test("pl061: data is address-masked and only output lines take writes", () => {
  const { r, w, gpio } = setup();
  const outs: string[] = [];
  gpio.out.forEach((l, i) => l.connect((v) => outs.push(`${i}=${+v}`)));
  outs.length = 0;
  w(GPIODIR, 0xf0);
  w(0x3fc, 0xff);
  assert.equal(r(0x3fc), 0xf0);
  assert.deepEqual(outs, ["4=1", "5=1", "6=1", "7=1"]);
  w(0x40 << 2, 0); // mask 0x40: line 6 only
  assert.equal(r(0x3fc), 0xb0);
  assert.equal(r(0x30 << 2), 0x30, "read mask 0x30");
  assert.equal(r(0x3fc, 1), 0xb0);
  w(GPIODIR, 0x1234);
  assert.equal(r(GPIODIR), 0x34, "8 bits");
});

Deno.test("pl061: inputs, pulls, edge and level interrupts on GPIOINTR", () => {
  const { r, w, gpio, irqs } = setup();
  gpio.setInput(0, true); // edge mode (GPIOIS = 0), falling by default (GPIOIEV = 0)
  assert.equal(r(0x3fc), 0x01);
  assert.equal(r(GPIORIS), 0, "a rising edge with IEV = 0 does not latch");
  gpio.setInput(0, false);
  assert.equal(r(GPIORIS), 0x01, "falling edge latched");
  assert.equal(r(GPIOMIS), 0);
  w(GPIOIE, 0x01);
  assert.equal(irqs.at(-1), true);
  w(GPIOIC, 0x01);
  assert.equal(r(GPIORIS), 0);
  assert.equal(irqs.at(-1), false);
  w(GPIOIBE, 0x02);
  gpio.setInput(1, true);
  assert.equal(r(GPIORIS), 0x02, "both edges");
  w(GPIOIC, 0xff);
  // Level, active low (IEV = 0): the low inputs pend and GPIOIC cannot clear them.
  w(GPIOIS, 0x0c);
  assert.equal(r(GPIORIS), 0x0c);
  w(GPIOIC, 0xff);
  assert.equal(r(GPIORIS), 0x0c);
  w(GPIOIEV, 0x0c); // active high: nothing pends any more once cleared
  w(GPIOIC, 0xff);
  assert.equal(r(GPIORIS), 0);
  gpio.setInput(5, true);
  w(GPIODIR, 0x20);
  gpio.setInput(5, false);
  assert.equal(r(0x3fc) & 0x20, 0x20, "an output ignores its input");
});

Deno.test("pl061: reset values; bad offsets log and read 0; Luminary registers absent", () => {
  const { r, w, lines } = setup();
  for (const off of [GPIODIR, GPIOIS, GPIOIBE, GPIOIEV, GPIOIE, GPIORIS, GPIOMIS, 0x420, 0x3fc]) {
    assert.equal(r(off), 0, `reset value at 0x${off.toString(16)}`);
  }
  assert.equal(r(GPIOIC), 0);
  assert.equal(r(0x510), 0, "GPIOPUR is Luminary-only");
  w(0x800, 1);
  assert.equal(lines.length, 3);
  assert.match(lines[0], /pl061_read: Bad offset 0x41c/);
  assert.match(lines[2], /pl061_write: Bad offset 0x800/);
});

Deno.test("pl061: pulled-up inputs drive their output lines at reset", () => {
  const { gpio } = setup({ pullups: 0x81, pulldowns: 0x7e });
  const levels = gpio.out.map((l) => l.level);
  assert.deepEqual(levels, [true, false, false, false, false, false, false, true]);
  assert.throws(() => new PL061({ pullups: 1, pulldowns: 1 }), /both/);
});
