/**
 * discons plugin: each discontinuity of plug_discons (SVC, UDF, BKPT, data abort, a PSCI call
 * through HVC, an SGI taken as an IRQ) is reported with its exact type, from-pc and to-pc,
 * and execution continues at to-pc.
 */
import assert from "node:assert/strict";
import { expectedUart, hex, lf, runWithPlugins, symbolAddress } from "./harness.ts";

/** Vector offsets (VBAR-relative). */
const VEC = { und: 0x04, svc: 0x08, pabt: 0x0c, dabt: 0x10, irq: 0x18 };

function traced(out: string): string[] {
  return out.split("\n").filter((l) => /^(exception|interrupt|hostcall) from /.test(l));
}

Deno.test("discons: type, from-pc and to-pc of every discontinuity, exactly", async () => {
  const r = await runWithPlugins("plug_discons", [
    { file: "discons.ts", args: { "trace-all": "on" } },
  ]);
  assert.equal(r.reason, "poweroff");
  assert.equal(lf(r.uart), expectedUart("plug_discons"));
  assert.deepEqual(r.machine.plugins.reports, []);
  const m = r.machine;
  const at = (name: string) => symbolAddress(m, name);
  const vbar = at("plug_vectors");
  const lines = traced(r.out);
  assert.deepEqual(lines.slice(0, 6), [
    `exception from ${hex(at("at_svc"))} to ${hex(vbar + VEC.svc)}`,
    `exception from ${hex(at("at_udf"))} to ${hex(vbar + VEC.und)}`,
    `exception from ${hex(at("at_bkpt"))} to ${hex(vbar + VEC.pabt)}`,
    `exception from ${hex(at("at_dabt"))} to ${hex(vbar + VEC.dabt)}`,
    // PSCI through HVC is a host call: it returns to the next instruction.
    `hostcall from ${hex(at("at_hvc"))} to ${hex(at("after_hvc"))}`,
    // The SGI is pending when `cpsie i` unmasks it: taken before the next instruction.
    `interrupt from ${hex(at("at_irq"))} to ${hex(vbar + VEC.irq)}`,
  ]);
  // Then the library's PSCI SYSTEM_OFF, also a host call.
  assert.equal(lines.length, 7);
  const off = /^hostcall from (0x[0-9a-f]+) to (0x[0-9a-f]+)$/.exec(lines[6]);
  assert.ok(off, lines[6]);
  assert.equal(parseInt(off[2], 16), parseInt(off[1], 16) + 4);
  assert.match(r.out, /^interrupts: 1, exceptions: 4, hostcalls: 2, mismatches: 0$/m);
});

Deno.test("discons: the next executed instruction is to-pc (checked inline)", async () => {
  // abort=on: a mismatch throws from the callback and tsemu reports the plugin.
  const r = await runWithPlugins("plug_discons", [{ file: "discons.ts" }]);
  assert.deepEqual(r.machine.plugins.reports, []);
  assert.match(r.out, /mismatches: 0/);
});

Deno.test("discons: a type mask selects what the callback receives", async () => {
  const r = await runWithPlugins("plug_discons", [
    { file: "discons.ts", args: { type: "interrupt" } },
    { file: "discons.ts", args: { type: "exception" } },
    { file: "discons.ts", args: { type: "hostcall" } },
  ]);
  const totals = r.out.split("\n").filter((l) => l.startsWith("interrupts: "));
  assert.deepEqual(totals, [
    "interrupts: 1, exceptions: 0, hostcalls: 0, mismatches: 0",
    "interrupts: 0, exceptions: 4, hostcalls: 0, mismatches: 0",
    "interrupts: 0, exceptions: 0, hostcalls: 2, mismatches: 0",
  ]);
});

Deno.test("discons: irq_sgi's interrupts all resume where they were taken", async () => {
  const r = await runWithPlugins("irq_sgi", [{ file: "discons.ts", args: { "trace-all": "on" } }]);
  assert.deepEqual(r.machine.plugins.reports, []);
  const irqs = traced(r.out).filter((l) => l.startsWith("interrupt"));
  // Nine IRQs and two FIQs are taken (the logs in tests/guest/expected/irq_sgi.txt).
  const to = irqs.map((l) => l.split(" to ")[1]);
  assert.equal(to.filter((t) => parseInt(t, 16) % 32 === 0x18).length, 9);
  assert.equal(to.filter((t) => parseInt(t, 16) % 32 === 0x1c).length, 2);
  assert.match(r.out, /^interrupts: 11, exceptions: 0, hostcalls: 1, mismatches: 0$/m);
});
