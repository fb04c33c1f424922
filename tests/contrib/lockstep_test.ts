/**
 * lockstep in trace mode: a run compared against its own recording does not diverge; a
 * recording with one block changed gives exactly one report at that block; a different
 * program diverges for good and the plugin gives up with QEMU's lines.
 */

import assert from "node:assert/strict";
import { installError, runWithPlugin } from "./harness.ts";

async function withTrace(fn: (file: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tsemu-lockstep-" });
  try {
    await fn(`${dir}/workload.trace`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("lockstep: the same program does not diverge from its recording", async () => {
  await withTrace(async (file) => {
    const rec = await runWithPlugin("contrib_workload", "lockstep", { record: file });
    const blocks = Deno.statSync(file).size / 16;
    assert.ok(Number.isInteger(blocks) && blocks > 1000);
    const icount = rec.machine.icount;
    const expected = `No divergence :-)\nExecuted ${blocks}/${blocks} blocks\n` +
      `Executed ~${icount} instructions\n`;
    assert.equal(rec.out, expected);
    const cmp = await runWithPlugin("contrib_workload", "lockstep", { compare: file });
    assert.equal(cmp.out, expected);
  });
});

Deno.test("lockstep: one changed block is reported once, where it is", async () => {
  await withTrace(async (file) => {
    await runWithPlugin("contrib_workload", "lockstep", { record: file });
    const bytes = Deno.readFileSync(file);
    const dv = new DataView(bytes.buffer);
    const k = 500;
    const pc = Number(dv.getBigUint64(16 * k, true));
    const count = Number(dv.getBigUint64(16 * k + 8, true));
    dv.setBigUint64(16 * k, 0x1234n, true);
    Deno.writeFileSync(file, bytes);
    const run = await runWithPlugin("contrib_workload", "lockstep", { compare: file });
    const h = (n: number) => "0x" + n.toString(16).padStart(16, "0");
    assert.equal(
      run.out.split("\n")[0],
      `@ ${h(pc)} (${count}) vs ${h(0x1234)} (${count}) (1/0 since last)`,
    );
    assert.match(run.out, /\n1 divergences\nExecuted \d+\/\d+ blocks\n/);
  });
});

Deno.test("lockstep: a different program diverges and the plugin gives up", async () => {
  await withTrace(async (file) => {
    await runWithPlugin("contrib_workload", "lockstep", { record: file });
    const run = await runWithPlugin("contrib_traps", "lockstep", { compare: file });
    const lines = run.out.trimEnd().split("\n");
    assert.match(
      lines[0],
      /^@ 0x[0-9a-f]{16} \(\d+\) vs 0x[0-9a-f]{16} \(\d+\) \(1\/0 since last\)$/,
    );
    const give = lines.indexOf("Δ too high, we have diverged, previous insns");
    assert.ok(give > 0);
    assert.match(lines[give - 1], /\(\d+\/1 since last\)$/);
    assert.equal(lines.length, give + 7, "five previous blocks and 'giving up'");
    for (const l of lines.slice(give + 1, give + 6)) {
      assert.match(l, /^ {2}previously @ 0x[0-9a-f]{16}\/\d+ \(\d+ insns\)$/);
    }
    assert.equal(lines.at(-1), "giving up");
    assert.equal(run.result.reason, "poweroff", "the guest runs on");
  });
});

Deno.test("lockstep: arguments", async () => {
  assert.match((await installError("lockstep", { sockpath: "/tmp/x" }))!, /not supported/);
  assert.match(
    (await installError("lockstep", {}))!,
    /exactly one of record=FILE and compare=FILE/,
  );
  assert.match((await installError("lockstep", { compare: "/no/such/trace" }))!, /compare=/);
});
