/**
 * bb plugin: TB and instruction counts with inline scoreboard adds and with TB callbacks
 * agree, and equal the machine's own instruction count when no exception cuts a TB short.
 */
import assert from "node:assert/strict";
import { expectedUart, lf, runWithPlugins } from "./harness.ts";

function parseBb(out: string): { bbs: number; insns: number }[] {
  return [...out.matchAll(/^bb's: (\d+), insns: (\d+)$/gm)].map((m) => ({
    bbs: Number(m[1]),
    insns: Number(m[2]),
  }));
}

for (const guest of ["demo", "plug_mem", "div"]) {
  Deno.test(`bb on ${guest}: inline and callback counts agree and equal m.icount`, async () => {
    const r = await runWithPlugins(guest, [
      { file: "bb.ts", args: { inline: "on" } },
      { file: "bb.ts", args: { inline: "off" } },
    ]);
    assert.equal(r.reason, "poweroff");
    assert.equal(lf(r.uart), expectedUart(guest));
    const [inline, cb] = parseBb(r.out);
    assert.ok(inline && cb, r.out);
    assert.deepEqual(inline, cb);
    assert.equal(inline.insns, r.machine.icount);
    assert.ok(inline.bbs > 0 && inline.bbs < inline.insns);
  });
}

Deno.test("bb on plug_discons: TBs cut short by exceptions are counted whole", async () => {
  const r = await runWithPlugins("plug_discons", [
    { file: "bb.ts", args: { inline: "on" } },
    { file: "bb.ts" },
  ]);
  const [inline, cb] = parseBb(r.out);
  assert.deepEqual(inline, cb);
  // m.icount counts completed instructions. SVC, UDF and BKPT each end their TB and do not
  // complete (+1 each); the faulting LDR starts a TB [ldr, mov, hvc] none of which ran
  // before the abort (+3).
  assert.equal(inline.insns, r.machine.icount + 6);
});

Deno.test("bb rejects a bad argument at install", async () => {
  await assert.rejects(
    () => runWithPlugins("demo", [{ file: "bb.ts", args: { inline: "maybe" } }]),
    /install failed: boolean argument parsing failed: inline=maybe/,
  );
});

Deno.test("bb idle=on prints the counts each time the vCPU waits (WFI)", async () => {
  const r = await runWithPlugins("irq_timer", [{ file: "bb.ts", args: { idle: "on" } }]);
  assert.equal(r.reason, "poweroff");
  const reports = parseBb(r.out);
  // Several WFIs, then the final report at exit; counts only grow.
  assert.ok(reports.length >= 3, r.out);
  for (let i = 1; i < reports.length; i++) {
    assert.ok(reports[i].insns >= reports[i - 1].insns && reports[i].bbs >= reports[i - 1].bbs);
  }
  assert.equal(reports[reports.length - 1].insns, r.machine.icount);
});
