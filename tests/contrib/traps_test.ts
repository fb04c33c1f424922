/**
 * traps on tests/guest/src/contrib_traps.S (10 SVCs and 3 UDFs taken as exceptions, 5 SGIs
 * taken as IRQs, one PSCI SYSTEM_OFF host call) and on the irq_timer guest.
 */

import assert from "node:assert/strict";
import { installError, runWithPlugin } from "./harness.ts";

Deno.test("traps: exceptions, interrupts and host calls per vCPU in QEMU's layout", async () => {
  const run = await runWithPlugin("contrib_traps", "traps");
  assert.match(run.uart, /svc: 0000000A\nund: 00000003\nirq: 00000005\n/);
  assert.equal(
    run.out,
    "VCPU, interrupts, exceptions, hostcalls\n   0,          5,         13,          1\n",
  );
});

Deno.test("traps: timer interrupts of the irq_timer guest", async () => {
  const run = await runWithPlugin("irq_timer", "traps");
  const m = /^ {3}0, +(\d+), +(\d+), +(\d+)$/m.exec(run.out);
  assert.ok(m, run.out);
  // Every IRQ the guest took is in one of its "IRQ log:" lines.
  const logged = [...run.uart.matchAll(/^IRQ log:(.*)$/gm)]
    .reduce((n, l) => n + l[1].trim().split(/\s+/).filter((x) => x).length, 0);
  assert.equal(Number(m[1]), logged);
  assert.equal(Number(m[2]), 0, "no exceptions");
  assert.equal(Number(m[3]), 1, "one PSCI call: SYSTEM_OFF");
  assert.match((await installError("traps", { verbose: "on" }))!, /option parsing failed/);
});
