/**
 * cflow: taken edges with their counts on tests/guest/src/contrib_workload.S (the hot loop's
 * bne is taken 4999 times, the leaf's bx returns 100 times to after_call), early exits on
 * the exceptions guest (instructions that fault in the middle of their block), and the
 * destinations of a shared return.
 */

import assert from "node:assert/strict";
import { guestSymbol, installError, runWithPlugin } from "./harness.ts";

const hex = (n: number) => "0x" + n.toString(16);

Deno.test("cflow: the hottest edges with exact counts", async () => {
  const run = await runWithPlugin("contrib_workload", "cflow");
  const hot = guestSymbol("contrib_workload", "hot_loop");
  const leaf = guestSymbol("contrib_workload", "leaf");
  const after = guestSymbol("contrib_workload", "after_call");
  assert.match(run.out, /^collected \d+ control flow nodes in the hash table\n/);
  const nodes = run.out.split("\n  addr: ").slice(1);
  assert.equal(nodes.length, 10, "the top 10");
  assert.equal(
    nodes[0],
    `${hex(hot + 8)} (null): bne #${hex(hot)} (branch)\n    branches 4999\n      to ${
      hex(hot)
    } (4999)`,
  );
  assert.ok(
    run.out.includes(
      `  addr: ${hex(leaf + 8)} (null): bx lr (branch)\n    branches 100\n      to ${
        hex(after)
      } (100)\n`,
    ),
  );
  assert.ok(
    run.out.includes(
      `  addr: ${hex(after - 4)} call_loop: bl #${hex(leaf)} (branch)\n    branches 100\n`,
    ),
    "symbols are shown where the node has one",
  );
  const counts = [...run.out.matchAll(/^ {4}branches (\d+)$/gm)].map((m) => Number(m[1]));
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a), "hottest first");
});

Deno.test("cflow: sort=early lists blocks left by a fault", async () => {
  const run = await runWithPlugin("exceptions", "cflow", { sort: "early", topn: "3" });
  const nodes = run.out.split("\n  addr: ").slice(1);
  assert.equal(nodes.length, 3);
  for (const n of nodes) {
    assert.match(n, /^0x[0-9a-f]+ \S+: .+ \(sync fault\)\n {4}early exits [1-9]\d*\n/);
  }
});

Deno.test("cflow: sort=popular puts the return with most destinations first", async () => {
  const run = await runWithPlugin("contrib_workload", "cflow", { sort: "popular", topn: "2" });
  const dests = run.out.split("\n  addr: ").slice(1).map((n) => n.match(/^ {6}to /gm)?.length);
  assert.ok(dests[0]! > 1 && dests[0]! >= dests[1]!);
  const quirk = await runWithPlugin("contrib_workload", "cflow", { sort: "exceptions", topn: "2" });
  assert.equal(quirk.out, run.out, "QEMU's spelling of the same order");
  assert.match(
    (await installError("cflow", { sort: "coldest" }))!,
    /failed to parse: sort=coldest/,
  );
});
