/**
 * inline plugin: inline ADD and STORE at TB, instruction and memory level equal their
 * callback twins, and conditional callbacks fire exactly as often as each Cond implies.
 */
import assert from "node:assert/strict";
import { runWithPlugins } from "./harness.ts";
import { CONDS, expectedFires } from "./inline.ts";
import type { RecordedCounts } from "./qemu/record-insn-counts.ts";
import { EXPECTED_PATH } from "./qemu/record-insn-counts.ts";
import { Cond } from "../../plugins/api.ts";

const recorded = JSON.parse(Deno.readTextFileSync(EXPECTED_PATH)) as RecordedCounts;

Deno.test("expectedFires: a counter 1..10 against 4", () => {
  const got = CONDS.map(([name, c]) => [name, expectedFires(c, 10, 4)]);
  assert.deepEqual(got, [
    ["NEVER", 0],
    ["ALWAYS", 10],
    ["EQ", 1],
    ["NE", 9],
    ["LT", 3],
    ["LE", 4],
    ["GT", 6],
    ["GE", 7],
  ]);
  assert.equal(expectedFires(Cond.EQ, 3, 4), 0);
});

for (const guest of ["plug_mem", "plug_discons", "irq_sgi"]) {
  Deno.test(`inline on ${guest}: every inline op equals its callback twin`, async () => {
    const r = await runWithPlugins(guest, [{ file: "inline.ts" }]);
    assert.equal(r.reason, "poweroff");
    assert.deepEqual(r.machine.plugins.reports, []);
    const c = recorded.guests[guest];
    const n = c.insns;
    const mem = c.loads.reduce((a, b) => a + b, 0) + c.stores.reduce((a, b) => a + b, 0);
    const insnLine = new RegExp(
      `^insn: cb ${n}, inline ${n}, cond 100: ${Math.floor(n / 100)} \\* 100 \\+ ${
        n % 100
      }, store-order errors 0$`,
      "m",
    );
    assert.match(r.out, insnLine);
    assert.match(r.out, new RegExp(`^mem: cb ${mem}, inline ${mem}, store-order errors 0$`, "m"));
    const tb =
      /^tb: cb (\d+), inline (\d+), cond 100: (\d+) \* 100 \+ (\d+), store-order errors 0$/m
        .exec(r.out);
    assert.ok(tb, r.out);
    const tbs = Number(tb[1]);
    assert.deepEqual(tb.slice(2).map(Number), [tbs, Math.floor(tbs / 100), tbs % 100]);
    for (const [name, cond] of CONDS) {
      assert.match(
        r.out,
        new RegExp(`^insn cond ${name} 1000: ${expectedFires(cond, n, 1000)}$`, "m"),
      );
      assert.match(
        r.out,
        new RegExp(`^tb cond ${name} 100: ${expectedFires(cond, tbs, 100)}$`, "m"),
      );
    }
  });
}
