import assert from "node:assert/strict";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { AddressSpace } from "../../softmmu/address-space.ts";
import { BufferChardev } from "../../hw/char/chardev.ts";
import {
  DR_BE,
  FR_RXFE,
  FR_RXFF,
  FR_TXFE,
  FR_TXFF,
  INT_RX,
  INT_TX,
  LCR_H_FEN,
  PL011,
  PL011_FIFO_DEPTH,
  UARTCR,
  UARTDMACR,
  UARTDR,
  UARTECR,
  UARTFBRD,
  UARTFR,
  UARTIBRD,
  UARTICR,
  UARTIFLS,
  UARTIMSC,
  UARTLCR_H,
  UARTMIS,
  UARTPeriphID0,
  UARTRIS,
  UARTRSR,
} from "../../hw/char/pl011.ts";
import { Log } from "../../util/log.ts";

const BASE = 0x09000000;

function setup() {
  const log = new Log();
  const lines: string[] = [];
  log.setSink((t) => lines.push(t));
  log.enable("guest_errors,unimp");
  const chr = new BufferChardev();
  const uart = new PL011({ chardev: chr, log });
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  root.addSubregion(BASE, uart.mmio);
  const as = new AddressSpace("memory", root, log);
  const irqLevels: boolean[] = [];
  uart.irq.connect((l) => irqLevels.push(l));
  irqLevels.length = 0;
  const r = (off: number, size = 4) => as.read(BASE + off, size);
  const w = (off: number, v: number, size = 4) => as.write(BASE + off, v, size);
  return { uart, chr, as, r, w, lines, irqLevels };
}

Deno.test("pl011: region is an IO region named pl011 of 4 KiB with register names", () => {
  const { uart, as } = setup();
  assert.equal(uart.mmio.name, "pl011");
  assert.equal(uart.mmio.kind, "io");
  assert.equal(uart.mmio.size, 0x1000);
  assert.equal(as.lookup(BASE + UARTFR)!.region, uart.mmio);
  assert.equal(uart.mmio.registerName!(UARTDR), "UARTDR");
  assert.equal(uart.mmio.registerName!(UARTFR), "UARTFR");
  assert.equal(uart.mmio.registerName!(UARTLCR_H), "UARTLCR_H");
  assert.equal(uart.mmio.registerName!(0xfe8), "UARTPeriphID2");
  assert.equal(uart.mmio.registerName!(0xffc), "UARTPCellID3");
  assert.equal(uart.mmio.registerName!(0x800), undefined);
});

Deno.test("pl011: reset values of FR, CR, IFLS, RIS, IMSC", () => {
  const { r } = setup();
  assert.equal(r(UARTFR), FR_TXFE | FR_RXFE);
  assert.equal(r(UARTCR), 0x300);
  assert.equal(r(UARTIFLS), 0x12);
  assert.equal(r(UARTRIS), 0);
  assert.equal(r(UARTIMSC), 0);
  assert.equal(r(UARTLCR_H), 0);
});

Deno.test("pl011: bytes written to UARTDR reach the chardev and raise TX in RIS", () => {
  const { r, w, chr } = setup();
  for (const c of "Hi!\n") w(UARTDR, c.charCodeAt(0));
  w(UARTDR, 0x1234); // only the low 8 bits are sent
  assert.equal(chr.text(), "Hi!\n4");
  assert.equal(r(UARTRIS), INT_TX);
  // TX is instantaneous: the TX FIFO always reads empty, never full.
  assert.equal(r(UARTFR) & (FR_TXFE | FR_TXFF), FR_TXFE);
});

Deno.test("pl011: ID registers hold the ARM PL011 identification", () => {
  const { r } = setup();
  const ids = [];
  for (let i = 0; i < 8; i++) ids.push(r(UARTPeriphID0 + 4 * i));
  assert.deepEqual(ids, [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
});

Deno.test("pl011: without FEN one character fills the holding register", () => {
  const { r, chr, uart } = setup();
  assert.equal(uart.canReceive(), 1);
  chr.feed("ab");
  assert.equal(r(UARTFR) & (FR_RXFE | FR_RXFF), FR_RXFF);
  assert.equal(uart.canReceive(), 0);
  assert.equal(r(UARTDR), 0x61);
  // Reading accepted input: the back-end pushed the next character at once.
  assert.equal(r(UARTFR) & (FR_RXFE | FR_RXFF), FR_RXFF);
  assert.equal(r(UARTDR), 0x62);
  assert.equal(r(UARTFR) & (FR_RXFE | FR_RXFF), FR_RXFE);
});

Deno.test("pl011: with FEN the RX FIFO holds 16 characters, more wait in the back-end", () => {
  const { r, w, chr, uart } = setup();
  w(UARTLCR_H, LCR_H_FEN | 0x60);
  assert.equal(uart.canReceive(), PL011_FIFO_DEPTH);
  chr.feed("abcdefghijklmnopqrst"); // 20 characters
  assert.equal(r(UARTFR), FR_TXFE | FR_RXFF);
  assert.equal(uart.canReceive(), 0);
  // Partially filled: neither empty nor full.
  assert.equal(r(UARTDR), 0x61);
  assert.equal(r(UARTFR), FR_TXFE | FR_RXFF); // refilled from the back-end
  let got = "b";
  assert.equal(r(UARTDR), 0x62);
  for (;;) {
    const fr = r(UARTFR);
    if (fr & FR_RXFE) break;
    got += String.fromCharCode(r(UARTDR));
    if (got.length > 30) break;
  }
  assert.equal(got, "bcdefghijklmnopqrst");
});

Deno.test("pl011: FIFO partially filled reads neither empty nor full", () => {
  const { r, w, chr } = setup();
  w(UARTLCR_H, LCR_H_FEN);
  chr.feed("xyz");
  assert.equal(r(UARTFR) & (FR_RXFE | FR_RXFF), 0);
});

Deno.test("pl011: toggling FEN empties the RX FIFO", () => {
  const { r, w, uart } = setup();
  w(UARTLCR_H, LCR_H_FEN);
  uart.receive(new Uint8Array([1, 2, 3]));
  w(UARTLCR_H, 0);
  assert.equal(r(UARTFR) & (FR_RXFE | FR_RXFF), FR_RXFE);
  assert.equal(uart.canReceive(), 1);
  // Writing LCR_H without changing FEN keeps the contents.
  uart.receive(new Uint8Array([9]));
  w(UARTLCR_H, 0x60);
  assert.equal(r(UARTDR), 9);
});

Deno.test("pl011: receive() drops characters beyond the FIFO depth", () => {
  const { r, uart } = setup();
  uart.receive(new Uint8Array([0x41, 0x42]));
  assert.equal(r(UARTDR), 0x41);
  assert.equal(r(UARTFR) & FR_RXFE, FR_RXFE);
  assert.equal(r(UARTDR), 0x41); // empty FIFO: DR rereads the last slot, nothing is popped
});

Deno.test("pl011: RX interrupt follows the FIFO level and IMSC; MIS, ICR", () => {
  const { r, w, chr, irqLevels, uart } = setup();
  w(UARTLCR_H, LCR_H_FEN);
  chr.feed("ab");
  assert.equal(r(UARTRIS), INT_RX);
  assert.equal(r(UARTMIS), 0);
  assert.equal(uart.irq.level, false);
  w(UARTIMSC, INT_RX);
  assert.equal(uart.irq.level, true);
  assert.equal(r(UARTMIS), INT_RX);
  r(UARTDR);
  assert.equal(uart.irq.level, true, "still one character left");
  r(UARTDR);
  assert.equal(uart.irq.level, false, "drained FIFO clears RX");
  assert.equal(r(UARTRIS), 0);
  // ICR clears RX even while data remains.
  chr.feed("c");
  assert.equal(uart.irq.level, true);
  w(UARTICR, INT_RX);
  assert.equal(uart.irq.level, false);
  assert.equal(r(UARTRIS), 0);
  assert.equal(r(UARTFR) & FR_RXFE, 0);
  // The line went up and down as the level changed.
  assert.ok(irqLevels.includes(true) && irqLevels.at(-1) === false);
});

Deno.test("pl011: TX interrupt is raised by a write and cleared by ICR", () => {
  const { r, w, uart } = setup();
  w(UARTIMSC, INT_TX);
  assert.equal(uart.irq.level, false);
  w(UARTDR, 0x41);
  assert.equal(uart.irq.level, true);
  assert.equal(r(UARTMIS), INT_TX);
  w(UARTICR, 0x7ff);
  assert.equal(uart.irq.level, false);
  w(UARTDR, 0x42);
  assert.equal(uart.irq.level, true);
  w(UARTIMSC, 0);
  assert.equal(uart.irq.level, false);
  assert.equal(r(UARTRIS), INT_TX);
});

Deno.test("pl011: 16-bit accesses decode on the word and see the low half", () => {
  const { r, w, chr } = setup();
  assert.equal(r(UARTFR, 2), FR_TXFE | FR_RXFE);
  assert.equal(r(UARTFR + 2, 2), FR_TXFE | FR_RXFE); // QEMU: offset >> 2, no shift
  assert.equal(r(UARTCR + 1, 1), 0x00); // low byte of 0x300
  w(UARTDR, 0x0a43, 2);
  assert.equal(chr.text(), "C");
  w(UARTIBRD, 0x1234_5678 & 0xffff, 2);
  assert.equal(r(UARTIBRD), 0x5678);
  w(UARTLCR_H, 0x70, 2);
  assert.equal(r(UARTLCR_H, 2), 0x70);
  chr.feed("z");
  assert.equal(r(UARTDR, 2), 0x7a);
});

Deno.test("pl011: baud divisors, IFLS, DMACR keep written values; DMA logs unimp", () => {
  const { r, w, lines } = setup();
  w(UARTIBRD, 0xffffffff);
  w(UARTFBRD, 0xffffffff);
  assert.equal(r(UARTIBRD), 0xffffffff);
  assert.equal(r(UARTFBRD), 0xffffffff);
  w(UARTIFLS, 0x24);
  assert.equal(r(UARTIFLS), 0x24);
  w(UARTDMACR, 3);
  assert.equal(r(UARTDMACR), 3);
  assert.deepEqual(lines, ["pl011: DMA not implemented\n"]);
});

Deno.test("pl011: break sets BE in DR and RSR; writing ECR clears RSR", () => {
  const { r, w, uart } = setup();
  uart.receiveBreak();
  assert.equal(r(UARTDR), DR_BE);
  assert.equal(r(UARTRSR), DR_BE >> 8);
  w(UARTECR, 0);
  assert.equal(r(UARTRSR), 0);
});

Deno.test("pl011: bad offsets log guest_errors as QEMU does", () => {
  const { r, w, lines } = setup();
  assert.equal(r(UARTICR), 0);
  w(UARTRIS, 1);
  w(0x800, 1);
  w(UARTFR, 0xff); // ignored silently
  assert.equal(r(UARTFR), FR_TXFE | FR_RXFE);
  assert.deepEqual(lines, [
    "pl011_read: Bad offset 0x44\n",
    "pl011_write: Bad offset 0x3c\n",
    "pl011_write: Bad offset 0x800\n",
  ]);
});

Deno.test("pl011: reset clears interrupts, FIFO and registers", () => {
  const { r, w, chr, uart } = setup();
  w(UARTIMSC, INT_RX | INT_TX);
  w(UARTLCR_H, LCR_H_FEN);
  chr.feed("abc");
  w(UARTDR, 0x41);
  assert.equal(uart.irq.level, true);
  uart.reset();
  assert.equal(uart.irq.level, false);
  assert.equal(r(UARTFR), FR_TXFE | FR_RXFE);
  assert.equal(r(UARTIMSC), 0);
  assert.equal(r(UARTLCR_H), 0);
  assert.equal(r(UARTRIS), 0);
});
