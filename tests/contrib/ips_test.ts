/**
 * ips on tests/guest/src/contrib_workload.S (about 36,000 instructions): at 100,000
 * instructions per second, virtual time ends near 0.36 s instead of the ~36 µs icount
 * would give, and the run takes at least about that long on the wall clock (a lower bound
 * only, so a slow machine cannot fail it).
 */

import assert from "node:assert/strict";
import { installError, runWithPlugin } from "./harness.ts";

Deno.test("ips: virtual time follows the instruction rate and the run is throttled", async () => {
  const t0 = performance.now();
  const run = await runWithPlugin("contrib_workload", "ips", { ips: "100k" });
  const wallMs = performance.now() - t0;
  const icount = run.machine.icount;
  assert.equal(run.result.reason, "poweroff");
  const expectedNs = (icount / 1e5) * 1e9;
  const now = run.machine.clock.now();
  assert.ok(now >= expectedNs * 0.99, `virtual time ${now} ns ≥ ${expectedNs} ns`);
  assert.ok(now <= expectedNs + 2 * icount + 1e6, `virtual time ${now} ns is not far beyond`);
  assert.ok(wallMs >= (expectedNs / 1e6) * 0.9, `throttled: ${wallMs} ms`);
  const free = await runWithPlugin("contrib_workload", "hotblocks");
  assert.ok(free.machine.clock.now() < 1e6, "without ips, icount time is ~1 ns per insn");
});

Deno.test("ips: arguments", async () => {
  assert.match((await installError("ips", { ips: "5" }))!, /minimum of 10 instructions per second/);
  assert.match((await installError("ips", { ips: "fast" }))!, /invalid value for ips/);
  assert.match((await installError("ips", { ips: "1000", ipq: "5000" }))!, /bad ipq value/);
});
