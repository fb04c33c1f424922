/**
 * mem plugin: load/store counts by size equal qemu-system-arm 7.2's (recorded with
 * qemu/insn-count.c), inline and callback counts agree, each access's address, size, type and
 * value are exact, and `hwaddr()` names the device, physical address, offset and register of
 * IO accesses.
 */
import assert from "node:assert/strict";
import { hex, runWithPlugins, symbolAddress } from "./harness.ts";
import type { QemuCounts, RecordedCounts } from "./qemu/record-insn-counts.ts";
import { EXPECTED_PATH } from "./qemu/record-insn-counts.ts";

const recorded = JSON.parse(Deno.readTextFileSync(EXPECTED_PATH)) as RecordedCounts;

/**
 * QEMU's counts as tsemu reports them: QEMU 7.2 does LDREXD/STREXD as one 64-bit access,
 * tsemu as two 32-bit ones (MemInfo values are at most 32 bits).
 */
function asTsemu(c: QemuCounts): { loads: number[]; stores: number[] } {
  return {
    loads: [c.loads[0], c.loads[1], c.loads[2] + 2 * (c.loads[3] ?? 0)],
    stores: [c.stores[0], c.stores[1], c.stores[2] + 2 * (c.stores[3] ?? 0)],
  };
}

function nums(out: string, re: RegExp): number[] {
  const m = re.exec(out);
  assert.ok(m, `${re} not in ${out}`);
  return m.slice(1).map(Number);
}

const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);

for (const [guest, counts] of Object.entries(recorded.guests)) {
  Deno.test(`mem on ${guest}: accesses by size equal qemu-system-arm's`, async () => {
    const r = await runWithPlugins(guest, [
      { file: "mem.ts", args: { sizes: "on", haddr: "on" } },
      { file: "mem.ts", args: { inline: "on" } },
    ], { maxInsns: 1e9 });
    assert.deepEqual(r.machine.plugins.reports, []);
    const want = asTsemu(counts);
    assert.deepEqual(nums(r.out, /^loads: u8 (\d+), u16 (\d+), u32 (\d+)$/m), want.loads);
    assert.deepEqual(nums(r.out, /^stores: u8 (\d+), u16 (\d+), u32 (\d+)$/m), want.stores);
    assert.deepEqual(nums(r.out, /^signed loads: (\d+)$/m), [counts.signedLoads]);
    assert.deepEqual(nums(r.out, /^io accesses: (\d+)$/m), [counts.io]);
    // Callback and inline counting agree.
    const totals = [...r.out.matchAll(/^mem accesses: (\d+)$/gm)].map((m) => Number(m[1]));
    assert.deepEqual(totals, [
      sum(want.loads) + sum(want.stores),
      sum(want.loads) + sum(want.stores),
    ]);
  });
}

Deno.test("mem track=r and track=w count loads and stores, inline and by callback", async () => {
  const want = asTsemu(recorded.guests.plug_mem);
  const r = await runWithPlugins("plug_mem", [
    { file: "mem.ts", args: { track: "r" } },
    { file: "mem.ts", args: { track: "r", inline: "on" } },
    { file: "mem.ts", args: { track: "w" } },
    { file: "mem.ts", args: { track: "w", inline: "on" } },
  ]);
  const totals = [...r.out.matchAll(/^mem accesses: (\d+)$/gm)].map((m) => Number(m[1]));
  assert.deepEqual(totals, [sum(want.loads), sum(want.loads), sum(want.stores), sum(want.stores)]);
});

Deno.test("mem print-accesses: every access of plug_mem's test block, exactly", async () => {
  const r = await runWithPlugins("plug_mem", [{
    file: "mem.ts",
    args: { "print-accesses": "on" },
  }]);
  const begin = symbolAddress(r.machine, "mem_begin");
  const end = symbolAddress(r.machine, "mem_end");
  const lines = r.out.split("\n");
  assert.equal(
    lines[0],
    "insn_vaddr,insn_symbol,mem_vaddr,mem_hwaddr,access_size,access_type,mem_value",
  );
  const rows = lines.slice(1).filter((l) => {
    const pc = parseInt(l.split(",")[0], 16);
    return pc >= begin && pc < end;
  });
  const buf = parseInt(rows[0].split(",")[2], 16);
  // [insn offset, mem offset, bits, type, value]
  const want: [number, number, number, string, string][] = [
    [0, 0, 8, "store", "0x81"],
    [4, 0, 8, "load", "0x81"],
    [8, 0, 8, "load", "0x81"],
    [12, 2, 16, "store", "0x8281"],
    [16, 2, 16, "load", "0x8281"],
    [20, 2, 16, "load", "0x8281"],
    [24, 4, 32, "store", "0xdeadbeef"],
    [28, 4, 32, "load", "0xdeadbeef"],
    [32, 8, 32, "store", "0xdeadbeef"],
    [32, 12, 32, "store", "0x01234567"],
    [36, 8, 32, "load", "0xdeadbeef"],
    [36, 12, 32, "load", "0x01234567"],
    [40, 0, 32, "store", "0x00008281"],
    [40, 4, 32, "store", "0xdeadbeef"],
    [40, 8, 32, "store", "0x01234567"],
    [44, 0, 32, "load", "0x00008281"],
    [44, 4, 32, "load", "0xdeadbeef"],
    [44, 8, 32, "load", "0x01234567"],
  ];
  assert.deepEqual(
    rows,
    want.map(([io, mo, bits, type, value]) =>
      [
        hex(begin + io),
        io === 0 ? "mem_begin" : "",
        hex(buf + mo),
        hex(buf + mo), // the MMU is off: physical = virtual
        bits,
        type,
        value,
      ].join(",")
    ),
  );
  assert.equal(buf & 7, 0);
});

Deno.test("mem haddr: IO accesses name the PL011, its registers, offsets and addresses", async () => {
  const r = await runWithPlugins("plug_mem", [{ file: "mem.ts", args: { haddr: "on" } }]);
  const chars = r.uart.length; // one UARTFR poll and one UARTDR write per character
  assert.equal(chars, 156);
  const io = r.out.split("\n").filter((l) => l.startsWith("io: "));
  assert.deepEqual(io, [
    `io: pl011 0x09000000 +0x0 UARTDR: reads 0, writes ${chars}`,
    `io: pl011 0x09000018 +0x18 UARTFR: reads ${chars}, writes 0`,
  ]);
  assert.match(r.out, new RegExp(`^io accesses: ${2 * chars}$`, "m"));
});

Deno.test("mem haddr: GIC accesses name both GIC regions and their registers", async () => {
  const r = await runWithPlugins("plug_discons", [{ file: "mem.ts", args: { haddr: "on" } }]);
  const io = r.out.split("\n").filter((l) => l.startsWith("io: gic"));
  assert.deepEqual(io, [
    "io: gic_cpu 0x08010000 +0x0 GICC_CTLR: reads 0, writes 1",
    "io: gic_cpu 0x08010004 +0x4 GICC_PMR: reads 0, writes 1",
    "io: gic_cpu 0x0801000c +0xc GICC_IAR: reads 1, writes 0",
    "io: gic_cpu 0x08010010 +0x10 GICC_EOIR: reads 0, writes 1",
    "io: gic_dist 0x08000000 +0x0 GICD_CTLR: reads 0, writes 1",
    "io: gic_dist 0x08000f00 +0xf00 GICD_SGIR: reads 0, writes 1",
  ]);
});

Deno.test("mem: inline and callback counting together is refused at install", async () => {
  await assert.rejects(
    () => runWithPlugins("demo", [{ file: "mem.ts", args: { inline: "on", callback: "on" } }]),
    /can't enable inline and callback counting at the same time/,
  );
});
