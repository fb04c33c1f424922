/**
 * cache on tests/guest/src/contrib_workload.S. stride_load sweeps 64 KiB twice in 64-byte
 * steps: with a 16 KiB L1 every one of its 2048 loads misses (LRU and FIFO alike), and a
 * 2 MiB L2 misses only the first sweep (1024). reuse_load sweeps 1 KiB ten times: 16
 * compulsory misses in the default cache, 160 in a 512-byte direct-mapped one (two of its
 * lines share each set). Totals must match the instructions and memory accesses executed.
 */

import assert from "node:assert/strict";
import { installError, runWithPlugin } from "./harness.ts";
import type { PluginRun } from "./harness.ts";

const STATS =
  /^0 {7}(\d+) +(\d+) +(\d+\.\d{4})% {2}(\d+) +(\d+) +(\d+\.\d{4})%(?: {2}(\d+) +(\d+) +(\d+\.\d{4})%)?$/m;

function stats(run: PluginRun) {
  const m = STATS.exec(run.out);
  assert.ok(m, `a stats row in:\n${run.out.slice(0, 400)}`);
  return {
    dAccesses: Number(m[1]),
    dMisses: Number(m[2]),
    dRate: m[3],
    iAccesses: Number(m[4]),
    iMisses: Number(m[5]),
    l2Accesses: m[7] === undefined ? undefined : Number(m[7]),
    l2Misses: m[8] === undefined ? undefined : Number(m[8]),
  };
}

/** Misses of the instruction at symbol `sym` in the list titled `title`. */
function listed(run: PluginRun, title: string, sym: string): number | undefined {
  const start = run.out.indexOf(`address, ${title}, instruction\n`);
  assert.ok(start >= 0, title);
  const section = run.out.slice(start).split("\n\n")[0];
  const m = new RegExp(`^0x[0-9a-f]+ \\(${sym}\\), (\\d+), `, "m").exec(section);
  return m ? Number(m[1]) : undefined;
}

Deno.test("cache: default L1 geometry, exact misses for the sweeps", async () => {
  const run = await runWithPlugin("contrib_workload", "cache", { limit: "100" });
  const lines = run.out.split("\n");
  assert.equal(
    lines[0],
    "core #, data accesses, data misses, dmiss rate, insn accesses, insn misses, imiss rate",
  );
  const s = stats(run);
  assert.equal(s.iAccesses, run.machine.icount, "one fetch per executed instruction");
  assert.equal(s.dRate, (s.dMisses / s.dAccesses * 100).toFixed(4));
  assert.equal(lines[2], "", "a blank line after the stats");
  assert.equal(lines[3], "address, data misses, instruction");
  assert.match(lines[4], /^0x[0-9a-f]+ \(stride_load\), 2048, ldr r0, \[r3\], #0x40$/);
  assert.equal(listed(run, "data misses", "reuse_load"), 16);
  assert.ok(run.out.includes("\naddress, fetch misses, instruction\n"));
  assert.doesNotMatch(run.out, /L2 misses/);
  // Every RAM access reaches the D-cache: the same total as hotpages counts.
  const pages = await runWithPlugin("contrib_workload", "hotpages");
  const ram = pages.out.split("\n").slice(1).filter((l) => l).reduce((sum, l) => {
    const f = l.split(", ");
    return sum + Number(f[2]) + Number(f[4]);
  }, 0);
  assert.equal(s.dAccesses, ram);
});

Deno.test("cache: a unified L2 misses the big sweep only once", async () => {
  const run = await runWithPlugin("contrib_workload", "cache", { l2: "on", limit: "100" });
  assert.match(run.out, /^core #, .*, imiss rate, l2 accesses, l2 misses, l2 miss rate\n/);
  const s = stats(run);
  assert.equal(s.l2Accesses, s.dMisses + s.iMisses, "L1 misses go to L2");
  assert.equal(listed(run, "L2 misses", "stride_load"), 1024);
  assert.equal(listed(run, "L2 misses", "reuse_load"), 16);
});

Deno.test("cache: direct-mapped and 2-way geometries", async () => {
  const dm = await runWithPlugin("contrib_workload", "cache", {
    dassoc: "1",
    dcachesize: "512",
    limit: "100",
  });
  assert.equal(listed(dm, "data misses", "reuse_load"), 160);
  const twoWay = await runWithPlugin("contrib_workload", "cache", {
    dassoc: "2",
    dcachesize: "1024",
    limit: "100",
  });
  assert.equal(listed(twoWay, "data misses", "reuse_load"), 16);
});

Deno.test("cache: fifo and seeded rand eviction", async () => {
  const fifo = await runWithPlugin("contrib_workload", "cache", { evict: "fifo", limit: "100" });
  assert.equal(listed(fifo, "data misses", "stride_load"), 2048);
  const rand1 = await runWithPlugin("contrib_workload", "cache", { evict: "rand" });
  const rand2 = await runWithPlugin("contrib_workload", "cache", { evict: "rand" });
  assert.equal(rand1.out, rand2.out, "the same seed gives the same run");
  const r = listed(rand1, "data misses", "stride_load")!;
  assert.ok(r > 1024 && r < 2048, `random replacement keeps some lines (${r})`);
  const other = await runWithPlugin("contrib_workload", "cache", { evict: "rand", seed: "7" });
  assert.notEqual(other.out, rand1.out);
});

Deno.test("cache: limit and bad geometries", async () => {
  const run = await runWithPlugin("contrib_workload", "cache", { limit: "2" });
  const section = run.out.split("address, data misses, instruction\n")[1].split("\n\n")[0];
  assert.equal(section.trimEnd().split("\n").length, 2);
  assert.match(
    (await installError("cache", { dcachesize: "1000" }))!,
    /dcache cannot be constructed from given parameters: cache size must be divisible by block size/,
  );
  assert.match(
    (await installError("cache", { iassoc: "3" }))!,
    /icache cannot be constructed .*divisible by set size/,
  );
  assert.match(
    (await installError("cache", { evict: "mru" }))!,
    /invalid eviction policy: evict=mru/,
  );
});
