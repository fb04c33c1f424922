/**
 * execlog on tests/guest/src/contrib_workload.S: QEMU's line format, one line per executed
 * instruction, address and disassembly filters, memory accesses with physical address and
 * device, and register changes (`reg=`) with the values the leaf function computes.
 */

import assert from "node:assert/strict";
import { guestSymbol, installError, runWithPlugin } from "./harness.ts";

const LINE = /^0, 0x[0-9a-f]+, 0x[0-9a-f]+, "[^"]+"(, (load|store), 0x[0-9a-f]{8}, [\w.]+)*$/;

Deno.test("execlog: one line per executed instruction in QEMU's format", async () => {
  const run = await runWithPlugin("contrib_workload", "execlog");
  const lines = run.out.trimEnd().split("\n");
  assert.equal(lines.length, run.machine.icount);
  for (const l of lines) assert.match(l, LINE);
  assert.equal(lines[0], '0, 0x40100000, 0xe10f4000, "mrs r4, apsr"');
  assert.equal(lines.at(-1), '0, 0x401001e0, 0xe1400070, "hvc #0"', "the last line at exit");
  const uart = lines.filter((l) => l.includes(", pl011"));
  assert.equal(uart.length, 2 * run.uart.length, "one UARTFR load and one UARTDR store per char");
  assert.match(uart[1], /"strb r0, \[r1\]", store, 0x09000000, pl011$/);
});

Deno.test("execlog: afilter with reg=r0 logs the leaf function and r0's new values", async () => {
  const leaf = guestSymbol("contrib_workload", "leaf");
  const run = await runWithPlugin("contrib_workload", "execlog", [
    ["afilter", leaf.toString(16)],
    ["afilter", "0x" + (leaf + 4).toString(16)],
    ["afilter", (leaf + 8).toString(16)],
    ["reg", "r0"],
  ]);
  const expected: string[] = [];
  let r0 = 0;
  for (let call = 0; call < 100; call++) {
    const a = (r0 + 3) >>> 0;
    const e = (a ^ (a << 1)) >>> 0;
    const h = (v: number) => v.toString(16).padStart(8, "0");
    expected.push(`0, 0x${leaf.toString(16)}, 0xe2800003, "add r0, r0, #3", r0 -> 0x${h(a)}`);
    expected.push(
      `0, 0x${(leaf + 4).toString(16)}, 0xe0200080, "eor r0, r0, r0, lsl #1", r0 -> 0x${h(e)}`,
    );
    expected.push(`0, 0x${(leaf + 8).toString(16)}, 0xe12fff1e, "bx lr"`);
    r0 = e;
  }
  assert.equal(run.out, expected.join("\n") + "\n");
  assert.match(run.uart, new RegExp(`leaf: ${r0.toString(16).toUpperCase().padStart(8, "0")}`));
});

Deno.test("execlog: memory accesses of a filtered store", async () => {
  const pc = guestSymbol("contrib_workload", "store_page0");
  const run = await runWithPlugin("contrib_workload", "execlog", { afilter: pc.toString(16) });
  const lines = run.out.trimEnd().split("\n");
  assert.equal(lines.length, 256);
  lines.forEach((l, i) =>
    assert.equal(
      l,
      `0, 0x${pc.toString(16)}, 0xe4831004, "str r1, [r3], #4", store, ` +
        `0x${(0x4080_0000 + 4 * i).toString(16)}, RAM`,
    )
  );
});

Deno.test("execlog: ifilter matches a disassembly prefix", async () => {
  const run = await runWithPlugin("contrib_workload", "execlog", [["ifilter", "eor "], [
    "ifilter",
    "bx",
  ]]);
  const lines = run.out.trimEnd().split("\n");
  assert.ok(lines.every((l) => /"(eor |bx)/.test(l)), "only matching instructions");
  assert.equal(lines.filter((l) => l.includes('"eor r0, r0, r0, lsl #1"')).length, 100);
});

Deno.test("execlog: rdisas=on finds the same r0 changes with fewer checks", async () => {
  const changes = (out: string) => out.split("\n").filter((l) => l.includes("r0 ->"));
  const all = await runWithPlugin("contrib_workload", "execlog", { reg: "r0" });
  const assisted = await runWithPlugin("contrib_workload", "execlog", { reg: "r0", rdisas: "on" });
  assert.ok(changes(all.out).length > 300);
  assert.deepEqual(changes(assisted.out), changes(all.out));
  assert.match((await installError("execlog", { afilter: "zz" }))!, /expected a hexadecimal/);
  assert.match((await installError("execlog", { trace: "on" }))!, /option parsing failed/);
});
