/**
 * stoptrigger on tests/guest/src/contrib_workload.S: emulation ends after exactly N
 * instructions (execlog, loaded first, logs N lines plus the instruction that did not run) or
 * when the guest reaches an address, with the requested exit status; other plugins' atexit
 * reports still run.
 */

import assert from "node:assert/strict";
import { guestSymbol, installError, runWithPlugin, runWithPlugins } from "./harness.ts";

Deno.test("stoptrigger: icount=N stops before instruction N + 1", async () => {
  const run = await runWithPlugins("contrib_workload", [
    { plugin: "execlog" },
    { plugin: "stoptrigger", args: { icount: "1000" } },
  ]);
  assert.deepEqual(run.result, { reason: "quit", status: 0 });
  const lines = run.out.trimEnd().split("\n");
  const stop = lines.findIndex((l) => l.startsWith("icount reached at "));
  assert.equal(stop, 1000, "1000 instructions were logged before the trigger");
  const pc = /^icount reached at (0x[0-9a-f]+), exiting$/.exec(lines[stop])![1];
  assert.equal(lines.length, 1002, "execlog's pending line is printed at exit");
  assert.ok(lines[1001].startsWith(`0, ${pc}, `), "the instruction that did not run");
  assert.equal(run.uart, "", "the guest printed nothing yet");
});

Deno.test("stoptrigger: addr=A:CODE stops at the address with that status", async () => {
  const hot = guestSymbol("contrib_workload", "hot_loop");
  const run = await runWithPlugin("contrib_workload", "stoptrigger", {
    addr: `0x${hot.toString(16)}:5`,
  });
  assert.deepEqual(run.result, { reason: "quit", status: 5 });
  assert.equal(run.out, `0x${hot.toString(16)} reached, exiting\n`);
  assert.equal(run.uart, "contrib_workload\n", "stopped before the hot loop's result");
  const leaf = guestSymbol("contrib_workload", "leaf");
  const two = await runWithPlugin("contrib_workload", "stoptrigger", [
    ["addr", String(leaf)],
    ["addr", "0x10"],
    ["exitcode", "3"],
  ]);
  assert.deepEqual(two.result, { reason: "quit", status: 3 });
  assert.equal(two.out, `0x${leaf.toString(16)} reached, exiting\n`);
});

Deno.test("stoptrigger: an argument is required", async () => {
  assert.match((await installError("stoptrigger", {}))!, /'icount' or 'addr' argument missing/);
  assert.match(
    (await installError("stoptrigger", { icount: "ten" }))!,
    /icount=ten: expected a number/,
  );
});
