import assert from "node:assert/strict";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { AddressSpace } from "../../softmmu/address-space.ts";
import {
  PL031,
  RTC_INT,
  RTCCR,
  RTCDR,
  RTCICR,
  RTCIMSC,
  RTCLR,
  RTCMIS,
  RTCMR,
  RTCPeriphID0,
  RTCRIS,
} from "../../hw/rtc/pl031.ts";
import { VirtualClock } from "../../util/qemu-timer.ts";
import { Log } from "../../util/log.ts";

const BASE = 0x09010000;
const HOST_TIME = 1_700_000_000;
const SEC = 1_000_000_000;

function setup() {
  const log = new Log();
  const lines: string[] = [];
  log.setSink((t) => lines.push(t));
  log.enable("guest_errors");
  const clock = new VirtualClock();
  clock.icountShift = 0; // 1 instruction = 1 ns
  const rtc = new PL031({ clock, log, hostSeconds: () => HOST_TIME });
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  root.addSubregion(BASE, rtc.mmio);
  const as = new AddressSpace("memory", root, log);
  const r = (off: number, size = 4) => as.read(BASE + off, size);
  const w = (off: number, v: number, size = 4) => as.write(BASE + off, v, size);
  return { rtc, clock, r, w, lines };
}

Deno.test("pl031: IO region named pl031 of 4 KiB with register names", () => {
  const { rtc } = setup();
  assert.equal(rtc.mmio.name, "pl031");
  assert.equal(rtc.mmio.kind, "io");
  assert.equal(rtc.mmio.size, 0x1000);
  assert.equal(rtc.mmio.registerName!(RTCDR), "RTCDR");
  assert.equal(rtc.mmio.registerName!(RTCICR), "RTCICR");
  assert.equal(rtc.mmio.registerName!(0xfe4), "RTCPeriphID1");
  assert.equal(rtc.mmio.registerName!(0xff0), "RTCPCellID0");
  assert.equal(rtc.mmio.registerName!(0x100), undefined);
});

Deno.test("pl031: ID registers hold QEMU's PL031 identification", () => {
  const { r } = setup();
  const ids = [];
  for (let i = 0; i < 8; i++) ids.push(r(RTCPeriphID0 + 4 * i));
  assert.deepEqual(ids, [0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
});

Deno.test("pl031: RTCDR starts at host time and advances with virtual time", () => {
  const { r, clock } = setup();
  assert.equal(r(RTCDR), HOST_TIME);
  clock.icount = SEC - 1;
  assert.equal(r(RTCDR), HOST_TIME);
  clock.icount = SEC;
  assert.equal(r(RTCDR), HOST_TIME + 1);
  clock.icount = 90 * SEC + 5;
  assert.equal(r(RTCDR), HOST_TIME + 90);
  assert.equal(r(RTCCR), 1, "always enabled");
  assert.equal(r(RTCLR), 0);
});

Deno.test("pl031: RTCLR loads the counter, which keeps counting from there", () => {
  const { r, w, clock } = setup();
  clock.icount = 5 * SEC;
  w(RTCLR, 1000);
  assert.equal(r(RTCDR), 1000);
  assert.equal(r(RTCLR), 1000);
  clock.icount = 8 * SEC;
  assert.equal(r(RTCDR), 1003);
  w(RTCLR, 0xffffffff);
  clock.icount = 10 * SEC;
  assert.equal(r(RTCDR), 1, "the counter wraps at 2^32");
});

Deno.test("pl031: the match interrupt fires through the clock's timers", () => {
  const { r, w, clock, rtc } = setup();
  const levels: boolean[] = [];
  rtc.irq.connect((l) => levels.push(l));
  w(RTCIMSC, RTC_INT);
  w(RTCMR, HOST_TIME + 10);
  assert.equal(clock.nextDeadline(), 10 * SEC);
  clock.icount = 10 * SEC - 1;
  assert.equal(clock.run(), 0);
  assert.equal(rtc.irq.level, false);
  clock.icount = 10 * SEC;
  assert.equal(clock.run(), 1);
  assert.equal(r(RTCRIS), RTC_INT);
  assert.equal(r(RTCMIS), RTC_INT);
  assert.equal(rtc.irq.level, true);
  w(RTCICR, RTC_INT);
  assert.equal(r(RTCRIS), 0);
  assert.equal(rtc.irq.level, false);
  assert.deepEqual(levels.slice(-2), [true, false]);
});

Deno.test("pl031: masked match sets RIS but not the line; unmasking raises it", () => {
  const { r, w, clock, rtc } = setup();
  w(RTCMR, HOST_TIME + 2);
  clock.icount = 3 * SEC;
  clock.run();
  assert.equal(r(RTCRIS), RTC_INT);
  assert.equal(r(RTCMIS), 0);
  assert.equal(rtc.irq.level, false);
  w(RTCIMSC, 0xff);
  assert.equal(r(RTCIMSC), RTC_INT, "only bit 0 is kept");
  assert.equal(rtc.irq.level, true);
});

Deno.test("pl031: a match equal to the current count fires at once", () => {
  const { r, w, clock, rtc } = setup();
  w(RTCIMSC, RTC_INT);
  w(RTCMR, HOST_TIME);
  assert.equal(rtc.irq.level, true);
  assert.equal(clock.nextDeadline(), -1);
  w(RTCICR, 1);
  // Loading the counter to the match value also fires.
  w(RTCMR, 500);
  w(RTCLR, 500);
  assert.equal(r(RTCRIS), RTC_INT);
});

Deno.test("pl031: a match in the past waits for the counter to wrap", () => {
  const { w, clock } = setup();
  w(RTCMR, HOST_TIME - 1);
  assert.equal(clock.nextDeadline(), 0xffffffff * SEC);
});

Deno.test("pl031: invalid accesses log guest_errors as QEMU does", () => {
  const { r, w, lines } = setup();
  assert.equal(r(RTCICR), 0);
  w(RTCDR, 1);
  w(RTCRIS, 1);
  w(0x40, 1);
  assert.equal(r(0x40), 0);
  w(RTCCR, 0); // ignored silently
  assert.deepEqual(lines, [
    "pl031: read of write-only register at offset 0x1c\n",
    "pl031: write to read-only register at offset 0x0\n",
    "pl031: write to read-only register at offset 0x14\n",
    "pl031_write: Bad offset 0x40\n",
    "pl031_read: Bad offset 0x40\n",
  ]);
});
