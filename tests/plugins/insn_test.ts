/**
 * insn plugin: per-instruction execution counts equal what the same guest gives on
 * qemu-system-arm 7.2 with the reference plugin tests/plugins/qemu/insn-count.c (recorded in
 * expected/insn-counts.json by qemu/record-insn-counts.ts); callbacks and inline adds agree;
 * `sizes` and `match` work.
 */
import assert from "node:assert/strict";
import { hex, runWithPlugins, symbolAddress } from "./harness.ts";
import type { RecordedCounts } from "./qemu/record-insn-counts.ts";
import { EXPECTED_PATH } from "./qemu/record-insn-counts.ts";

const recorded = JSON.parse(Deno.readTextFileSync(EXPECTED_PATH)) as RecordedCounts;
/** Guests small enough to run with a callback per instruction as well. */
const SMALL = new Set(["demo", "irq_sgi", "plug_discons", "plug_mem", "plug_regs", "modes"]);

function totals(out: string): number[] {
  return [...out.matchAll(/^total insns: (\d+)$/gm)].map((m) => Number(m[1]));
}

for (const [guest, counts] of Object.entries(recorded.guests)) {
  Deno.test(`insn on ${guest}: count equals qemu-system-arm ${recorded.qemu}'s`, async () => {
    const plugins = [{ file: "insn.ts", args: { inline: "on" } }];
    if (SMALL.has(guest)) plugins.push({ file: "insn.ts", args: { inline: "off" } });
    const r = await runWithPlugins(guest, plugins, { maxInsns: 1e9 });
    assert.equal(r.reason, "poweroff");
    assert.deepEqual(r.machine.plugins.reports, []);
    const t = totals(r.out);
    assert.equal(t.length, plugins.length, r.out);
    for (const n of t) assert.equal(n, counts.insns);
    assert.match(r.out, new RegExp(`^cpu 0 insns: ${counts.insns}$`, "m"));
  });
}

Deno.test("insn counts instructions that trap, as QEMU does (m.icount does not)", async () => {
  const r = await runWithPlugins("plug_discons", [{ file: "insn.ts" }]);
  // SVC, UDF, BKPT and the aborting LDR ran their callbacks but did not complete.
  assert.equal(totals(r.out)[0], r.machine.icount + 4);
});

Deno.test("insn sizes=on: every A32 instruction is 4 bytes", async () => {
  const r = await runWithPlugins("plug_mem", [{ file: "insn.ts", args: { sizes: "on" } }]);
  const total = recorded.guests.plug_mem.insns;
  assert.match(r.out, new RegExp(`^len 4 bytes: ${total} insns$`, "m"));
});

Deno.test("insn match=PREFIX counts hits per address with disassembly", async () => {
  const r = await runWithPlugins(
    "plug_discons",
    [{ file: "insn.ts", args: { match: "svc" } }, { file: "insn.ts", args: { match: "hvc" } }],
    { disassembler: true },
  );
  const svc = symbolAddress(r.machine, "at_svc");
  const hvc = symbolAddress(r.machine, "at_hvc");
  assert.ok(r.out.includes(`Match: svc, hits 1\n  ${hex(svc).slice(2)}: svc #0x12 (hits 1)\n`));
  // The HVC of the test and the one in the library's psci_off (SYSTEM_OFF).
  const lines = r.out.split("\n");
  const at = lines.indexOf("Match: hvc, hits 2");
  assert.ok(at >= 0, r.out);
  const recs = lines.slice(at + 1, at + 3);
  assert.ok(recs.includes(`  ${hex(hvc).slice(2)}: hvc #0 (hits 1)`), r.out);
  assert.equal(recs.filter((l) => /^ {2}[0-9a-f]+: hvc #0 \(hits 1\)$/.test(l)).length, 2);
});
