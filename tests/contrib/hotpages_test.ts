/**
 * hotpages on tests/guest/src/contrib_workload.S, whose memory phase touches pages nothing
 * else uses: 256 stores (and one load) on BUF, 128 loads on BUF+4K, 64 loads and 64 stores on
 * BUF+8K, 2 × 64 loads on each of the 16 pages at BIG, 160 loads on SMALL.
 */

import assert from "node:assert/strict";
import { installError, runWithPlugin } from "./harness.ts";

const ROW = /^0x([0-9a-f]{16}), 0x([0-9a-f]{4}), (\d+), 0x([0-9a-f]{4}), (\d+)$/;

interface Page {
  page: number;
  reads: number;
  writes: number;
}

function parse(out: string): Page[] {
  const lines = out.trimEnd().split("\n");
  assert.equal(lines[0], "Addr, RCPUs, Reads, WCPUs, Writes");
  return lines.slice(1).map((l) => {
    const m = ROW.exec(l);
    assert.ok(m, `row format: ${l}`);
    assert.equal(m[2], Number(m[3]) ? "0001" : "0000", "read mask is vCPU 0 iff read");
    assert.equal(m[4], Number(m[5]) ? "0001" : "0000", "write mask is vCPU 0 iff written");
    return { page: parseInt(m[1], 16), reads: Number(m[3]), writes: Number(m[5]) };
  });
}

const WORKLOAD: Page[] = [
  { page: 0x4080_0000, reads: 1, writes: 256 },
  { page: 0x4080_1000, reads: 128, writes: 0 },
  { page: 0x4080_2000, reads: 64, writes: 64 },
  { page: 0x40a0_0000, reads: 160, writes: 0 },
  ...Array.from(
    { length: 16 },
    (_, i) => ({ page: 0x4090_0000 + i * 0x1000, reads: 128, writes: 0 }),
  ),
];

Deno.test("hotpages: exact per-page counts, sorted by reads + writes", async () => {
  const run = await runWithPlugin("contrib_workload", "hotpages");
  const pages = parse(run.out);
  for (const w of WORKLOAD) {
    assert.deepEqual(pages.find((p) => p.page === w.page), w, `page 0x${w.page.toString(16)}`);
  }
  for (let i = 1; i < pages.length; i++) {
    const [a, b] = [pages[i - 1], pages[i]];
    assert.ok(a.reads + a.writes > b.reads + b.writes || a.page < b.page, "sorted");
  }
  assert.ok(pages.length <= 50);
});

Deno.test("hotpages: sortby=reads / writes / address", async () => {
  const reads = parse(
    (await runWithPlugin("contrib_workload", "hotpages", { sortby: "reads" })).out,
  );
  for (let i = 1; i < reads.length; i++) assert.ok(reads[i - 1].reads >= reads[i].reads);
  const writes = parse(
    (await runWithPlugin("contrib_workload", "hotpages", { sortby: "writes" })).out,
  );
  for (let i = 1; i < writes.length; i++) assert.ok(writes[i - 1].writes >= writes[i].writes);
  const addr = parse(
    (await runWithPlugin("contrib_workload", "hotpages", { sortby: "address" })).out,
  );
  assert.deepEqual(addr[0], { page: 0x40a0_0000, reads: 160, writes: 0 }, "highest address first");
  for (let i = 1; i < addr.length; i++) assert.ok(addr[i - 1].page > addr[i].page);
});

Deno.test("hotpages: io=on counts only device pages (one page is printed)", async () => {
  const run = await runWithPlugin("contrib_workload", "hotpages", { io: "on" });
  const chars = run.uart.length;
  assert.equal(
    run.out,
    `Addr, RCPUs, Reads, WCPUs, Writes\n0x0000000009000000, 0x0001, ${chars}, 0x0001, ${chars}\n`,
  );
});

Deno.test("hotpages: pagesize=65536 groups 16 pages", async () => {
  const run = await runWithPlugin("contrib_workload", "hotpages", { pagesize: "65536" });
  const pages = parse(run.out);
  assert.deepEqual(pages.find((p) => p.page === 0x4090_0000), {
    page: 0x4090_0000,
    reads: 2048,
    writes: 0,
  });
  assert.deepEqual(pages.find((p) => p.page === 0x4080_0000), {
    page: 0x4080_0000,
    reads: 193,
    writes: 320,
  });
  assert.match((await installError("hotpages", { pagesize: "1000" }))!, /must be a power of two/);
  assert.match(
    (await installError("hotpages", { sortby: "size" }))!,
    /invalid value to sortby: size/,
  );
  assert.match((await installError("hotpages", { io: "x" }))!, /boolean argument parsing failed/);
});
