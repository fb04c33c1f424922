/**
 * drcov and bbv on tests/guest/src/contrib_workload.S: the drcov file has DynamoRIO's v2
 * header and one record per executed block, the same blocks hotblocks sees; bbv writes one
 * SimPoint line per interval whose counts add up to the instructions executed.
 */

import assert from "node:assert/strict";
import { guestSymbol, installError, runWithPlugin, runWithPlugins } from "./harness.ts";

Deno.test("drcov: version 2 header, module table and one BB record per executed block", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tsemu-drcov-" });
  try {
    const file = `${dir}/cov.drcov`;
    const run = await runWithPlugins("contrib_workload", [
      { plugin: "drcov", args: { filename: file } },
      { plugin: "hotblocks", args: { limit: "0" } },
    ]);
    const bytes = Deno.readFileSync(file);
    const text = new TextDecoder("latin1").decode(bytes);
    const m =
      /^DRCOV VERSION: 2\nDRCOV FLAVOR: drcov-64\nModule Table: version 2, count 1\nColumns: id, base, end, entry, path\n0, 0x0, 0xffffffff, 0x0, tsemu-system\nBB Table: (\d+) bbs\n/
        .exec(text);
    assert.ok(m, text.slice(0, 300));
    const n = Number(m[1]);
    const start = m[0].length;
    assert.equal(bytes.length, start + 8 * n, "8 bytes per block");
    const dv = new DataView(bytes.buffer, start);
    const records = new Set<string>();
    for (let i = 0; i < n; i++) {
      assert.equal(dv.getUint16(8 * i + 6, true), 0, "module id 0");
      records.add(`${dv.getUint32(8 * i, true)}:${dv.getUint16(8 * i + 4, true)}`);
    }
    assert.ok(records.has(`${guestSymbol("contrib_workload", "hot_loop")}:12`));
    const blocks = new Set(
      run.out.split("\n").filter((l) => l.startsWith("0x")).map((l) => {
        const f = l.split(", ");
        return `${parseInt(f[0], 16)}:${4 * Number(f[2])}`;
      }),
    );
    assert.deepEqual(records, blocks, "the blocks hotblocks counted");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.match((await installError("drcov", { filename: "/no/such/dir/x" }))!, /does not exist/);
});

Deno.test("bbv: SimPoint lines per interval add up to the instructions executed", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tsemu-bbv-" });
  try {
    const run = await runWithPlugin("contrib_workload", "bbv", {
      interval: "5000",
      outfile: `${dir}/wl`,
    });
    const lines = Deno.readTextFileSync(`${dir}/wl.0.bb`).split("\n").filter((l) => l);
    let total = 0;
    for (const l of lines) {
      assert.match(l, /^T(:\d+:\d+ )+$/);
      const sum = [...l.matchAll(/:(\d+):(\d+) /g)].reduce((s, x) => s + Number(x[2]), 0);
      assert.ok(sum >= 5000 && sum < 5000 + 64, `an interval of 5000 (+ one block): ${sum}`);
      total += sum;
    }
    assert.equal(lines.length, 7);
    assert.ok(total <= run.machine.icount && run.machine.icount - total < 5064);
    assert.ok(lines[1].startsWith("T:2:5001 "), "block 2: the 3-instruction .bss clearing loop");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.match((await installError("bbv", { interval: "10" }))!, /outfile unspecified/);
});
