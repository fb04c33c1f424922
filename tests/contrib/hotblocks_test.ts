/**
 * hotblocks on tests/guest/src/contrib_workload.S: the hot loop (3 instructions, 5000 runs)
 * and the call phase (100 calls) appear with exact figures, rows are sorted by executions,
 * `limit` cuts the list, and every executed instruction is accounted for.
 */

import assert from "node:assert/strict";
import { installError, runWithPlugin, symbolAddress } from "./harness.ts";
import type { PluginRun } from "./harness.ts";

const ROW = /^0x([0-9a-f]{16}), (\d+), (\d+), (\d+)$/;

function rows(run: PluginRun): { pc: number; t: number; i: number; e: number }[] {
  return run.out.split("\n").filter((l) => ROW.test(l)).map((l) => {
    const m = ROW.exec(l)!;
    return { pc: parseInt(m[1], 16), t: Number(m[2]), i: Number(m[3]), e: Number(m[4]) };
  });
}

for (const inline of ["off", "on"]) {
  Deno.test(`hotblocks inline=${inline}: exact counts for the workload's blocks`, async () => {
    const run = await runWithPlugin("contrib_workload", "hotblocks", { inline, limit: "0" });
    const lines = run.out.split("\n");
    const n = Number(/^collected (\d+) entries in the hash table$/.exec(lines[0])?.[1]);
    assert.equal(lines[1], "pc, tcount, icount, ecount");
    const all = rows(run);
    assert.equal(all.length, n, "limit=0 lists every block");
    assert.equal(lines.length, n + 3, "nothing else is printed");
    const at = (sym: string) => all.find((r) => r.pc === symbolAddress(run, sym));
    assert.deepEqual(at("hot_loop"), { pc: symbolAddress(run, "hot_loop"), t: 1, i: 3, e: 5000 });
    assert.deepEqual(all[0], at("hot_loop"), "the hottest block comes first");
    assert.equal(at("call_loop")?.e, 100);
    assert.equal(at("call_loop")?.i, 1);
    assert.equal(at("after_call")?.e, 100);
    assert.equal(at("after_call")?.i, 2);
    assert.deepEqual([at("leaf")?.i, at("leaf")?.e], [3, 100]);
    for (let k = 1; k < all.length; k++) assert.ok(all[k - 1].e >= all[k].e, "sorted");
    const executed = all.reduce((s, r) => s + r.i * r.e, 0);
    assert.equal(executed, run.machine.icount, "every executed instruction is in a block");
  });
}

Deno.test("hotblocks: limit defaults to 20 rows and limit=N keeps N", async () => {
  const def = await runWithPlugin("contrib_workload", "hotblocks");
  assert.equal(rows(def).length, 20);
  const three = await runWithPlugin("contrib_workload", "hotblocks", { limit: "3" });
  assert.deepEqual(rows(three), rows(def).slice(0, 3));
  assert.equal(
    await installError("hotblocks", { limit: "lots" }),
    "-plugin " + new URL("../../contrib/plugins/hotblocks.ts", import.meta.url).pathname +
      ": install failed: hotblocks: invalid value for limit: 'lots' (expected a number)",
  );
  assert.match((await installError("hotblocks", { inline: "2" }))!, /boolean argument parsing/);
});
