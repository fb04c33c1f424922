/**
 * hwprofile on tests/guest/src/contrib_hwprofile.S: the guest makes a known number of
 * accesses of known sizes to PL011, PL031 and GIC registers (the table below), each from one
 * labelled instruction; the library's putc adds one UARTFR read and one UARTDR byte write per
 * character it prints. The plugin must report exactly those counts per device, per offset
 * (pattern) and per pc (source), in QEMU's layout, as JSON, and as an HTML file.
 */

import assert from "node:assert/strict";
import { installError, runWithPlugin, symbolAddress } from "./harness.ts";
import type { PluginRun } from "./harness.ts";

type Device = "pl011" | "pl031" | "gic_dist" | "gic_cpu";
const BASE: Record<Device, number> = {
  pl011: 0x0900_0000,
  pl031: 0x0901_0000,
  gic_dist: 0x0800_0000,
  gic_cpu: 0x0801_0000,
};

/** [label, device, offset, size in bytes, "r" | "w", count, register name] */
type Row = [string, Device, number, number, "r" | "w", number, string];
const ROWS: Row[] = [
  ["pl011_fr_r32", "pl011", 0x18, 4, "r", 5, "UARTFR"],
  ["pl011_fr_r16", "pl011", 0x18, 2, "r", 2, "UARTFR"],
  ["pl011_fr_r8", "pl011", 0x18, 1, "r", 1, "UARTFR"],
  ["pl011_cr_r32", "pl011", 0x30, 4, "r", 2, "UARTCR"],
  ["pl011_cr_r16", "pl011", 0x30, 2, "r", 1, "UARTCR"],
  ["pl011_imsc_w32", "pl011", 0x38, 4, "w", 3, "UARTIMSC"],
  ["pl011_imsc_r32", "pl011", 0x38, 4, "r", 1, "UARTIMSC"],
  ["pl011_icr_w16", "pl011", 0x44, 2, "w", 2, "UARTICR"],
  ["pl011_ibrd_w32", "pl011", 0x24, 4, "w", 1, "UARTIBRD"],
  ["pl011_ibrd_r32", "pl011", 0x24, 4, "r", 1, "UARTIBRD"],
  ["pl011_id0_r8", "pl011", 0xfe0, 1, "r", 1, "UARTPeriphID0"],
  ["pl011_dr_r32", "pl011", 0x00, 4, "r", 2, "UARTDR"],
  ["pl011_dr_w8", "pl011", 0x00, 1, "w", 3, "UARTDR"],
  ["pl031_dr_r32", "pl031", 0x00, 4, "r", 4, "RTCDR"],
  ["pl031_mr_w32", "pl031", 0x04, 4, "w", 1, "RTCMR"],
  ["pl031_mr_r32", "pl031", 0x04, 4, "r", 2, "RTCMR"],
  ["pl031_imsc_w32", "pl031", 0x10, 4, "w", 2, "RTCIMSC"],
  ["pl031_imsc_r8", "pl031", 0x10, 1, "r", 1, "RTCIMSC"],
  ["pl031_icr_w32", "pl031", 0x1c, 4, "w", 1, "RTCICR"],
  ["pl031_cr_r32", "pl031", 0x0c, 4, "r", 1, "RTCCR"],
  ["pl031_ris_r16", "pl031", 0x14, 2, "r", 1, "RTCRIS"],
  ["pl031_id0_r32", "pl031", 0xfe0, 4, "r", 1, "RTCPeriphID0"],
  ["gicd_ctlr_r32", "gic_dist", 0x000, 4, "r", 2, "GICD_CTLR"],
  ["gicd_ctlr_w32", "gic_dist", 0x000, 4, "w", 1, "GICD_CTLR"],
  ["gicd_typer_r32", "gic_dist", 0x004, 4, "r", 1, "GICD_TYPER"],
  ["gicd_iidr_r32", "gic_dist", 0x008, 4, "r", 1, "GICD_IIDR"],
  ["gicd_isenabler0_r32", "gic_dist", 0x100, 4, "r", 1, "GICD_ISENABLER0"],
  ["gicd_iprio32_w8", "gic_dist", 0x420, 1, "w", 4, "GICD_IPRIORITYR8"],
  ["gicd_iprio33_w8", "gic_dist", 0x421, 1, "w", 1, "GICD_IPRIORITYR8"],
  ["gicd_iprio33_r8", "gic_dist", 0x421, 1, "r", 2, "GICD_IPRIORITYR8"],
  ["gicd_iprio8_r32", "gic_dist", 0x420, 4, "r", 1, "GICD_IPRIORITYR8"],
  ["gicd_itargets0_r8", "gic_dist", 0x800, 1, "r", 1, "GICD_ITARGETSR0"],
  ["gicc_pmr_w32", "gic_cpu", 0x004, 4, "w", 1, "GICC_PMR"],
  ["gicc_pmr_r32", "gic_cpu", 0x004, 4, "r", 1, "GICC_PMR"],
  ["gicc_iar_r32", "gic_cpu", 0x00c, 4, "r", 3, "GICC_IAR"],
  ["gicc_ctlr_r32", "gic_cpu", 0x000, 4, "r", 1, "GICC_CTLR"],
  ["gicc_rpr_r32", "gic_cpu", 0x014, 4, "r", 1, "GICC_RPR"],
];
/** UARTDR bytes the program writes itself (not through putc). */
const DIRECT_CHARS = 3;

interface Counts {
  reads: number;
  writes: number;
}

/** Expected counts per device and per offset, given the UART output of the run. */
function expected(uart: string) {
  const putc = uart.length - DIRECT_CHARS;
  const rows: Row[] = [
    ...ROWS,
    ["putc", "pl011", 0x18, 4, "r", putc, "UARTFR"],
    ["putc", "pl011", 0x00, 1, "w", putc, "UARTDR"],
  ];
  const devices = new Map<Device, Counts>();
  const offsets = new Map<string, Counts & { sizes: Set<number>; register: string }>();
  for (const [, dev, off, size, dir, n, reg] of rows) {
    const d = devices.get(dev) ?? { reads: 0, writes: 0 };
    devices.set(dev, d);
    const key = `${dev}:${off}`;
    const o = offsets.get(key) ?? { reads: 0, writes: 0, sizes: new Set(), register: reg };
    offsets.set(key, o);
    if (dir === "r") {
      d.reads += n;
      o.reads += n;
    } else {
      d.writes += n;
      o.writes += n;
    }
    o.sizes.add(size);
  }
  return { devices, offsets, putc };
}

function sortedDevices(devices: Map<Device, Counts>): [Device, Counts][] {
  return [...devices].sort((a, b) =>
    b[1].reads + b[1].writes - (a[1].reads + a[1].writes) || (a[0] < b[0] ? -1 : 1)
  );
}

let cached: PluginRun | null = null;
async function defaultRun(): Promise<PluginRun> {
  cached ??= await runWithPlugin("contrib_hwprofile", "hwprofile");
  return cached;
}

Deno.test("hwprofile: per-device totals in QEMU's layout, busiest first", async () => {
  const run = await defaultRun();
  assert.equal(run.result.reason, "poweroff");
  const { devices, putc } = expected(run.uart);
  assert.ok(putc > 100, "the guest printed its results");
  const lines = [
    "Device, Address, RCPUs, Reads,  WCPUs, Writes",
    ...sortedDevices(devices).map(([name, c]) =>
      `${name}, 0x${BASE[name].toString(16)}, 1, ${c.reads}, ${c.writes ? 1 : 0}, ${c.writes}`
    ),
  ];
  assert.equal(run.out, lines.join("\n") + "\n");
  // The figures for the PL011 spelled out: 16 explicit reads, 9 explicit writes, plus putc.
  assert.match(run.out, new RegExp(`^pl011, 0x9000000, 1, ${16 + putc}, 1, ${9 + putc}$`, "m"));
  assert.match(run.out, /^gic_dist, 0x8000000, 1, 9, 1, 6$/m);
  assert.match(run.out, /^gic_cpu, 0x8010000, 1, 6, 1, 1$/m);
  assert.match(run.out, /^pl031, 0x9010000, 1, 10, 1, 4$/m);
});

Deno.test("hwprofile: pattern=on counts every register offset", async () => {
  const run = await runWithPlugin("contrib_hwprofile", "hwprofile", { pattern: "on" });
  const { devices, offsets } = expected(run.uart);
  const lines: string[] = [];
  for (const [name] of sortedDevices(devices)) {
    lines.push(`${name} @ 0x${BASE[name].toString(16)}`);
    const offs = [...offsets].filter(([k]) => k.startsWith(name + ":"))
      .map(([k, c]) => [Number(k.split(":")[1]), c] as const)
      .sort((a, b) => a[0] - b[0]);
    for (const [off, c] of offs) {
      lines.push(
        `  off:${off.toString(16).padStart(8, "0")}, ${c.reads ? 1 : 0}, ${c.reads}, ` +
          `${c.writes ? 1 : 0}, ${c.writes}`,
      );
    }
  }
  assert.equal(run.out, lines.join("\n") + "\n");
  assert.match(run.out, /^ {2}off:00000420, 1, 1, 1, 4$/m);
});

Deno.test("hwprofile: source=on counts per guest pc", async () => {
  const run = await runWithPlugin("contrib_hwprofile", "hwprofile", { source: "on" });
  const { putc } = expected(run.uart);
  const perPc = new Map<number, Counts>();
  for (const [label, , , , dir, n] of ROWS) {
    const pc = symbolAddress(run, label);
    const c = perPc.get(pc) ?? { reads: 0, writes: 0 };
    perPc.set(pc, c);
    if (dir === "r") c.reads += n;
    else c.writes += n;
  }
  const seen = new Map<number, Counts>();
  for (const m of run.out.matchAll(/^ {2}pc:([0-9a-f]{8}), (\d+), (\d+), (\d+), (\d+)$/gm)) {
    seen.set(parseInt(m[1], 16), { reads: Number(m[3]), writes: Number(m[5]) });
  }
  for (const [pc, c] of perPc) assert.deepEqual(seen.get(pc), c, `pc 0x${pc.toString(16)}`);
  // Whatever is left comes from putc: one UARTFR read and one UARTDR write per character.
  const rest = [...seen].filter(([pc]) => !perPc.has(pc)).sort((a, b) => a[0] - b[0]);
  assert.deepEqual(rest.map(([, c]) => c), [{ reads: putc, writes: 0 }, {
    reads: 0,
    writes: putc,
  }]);
  assert.ok(rest[1][0] - rest[0][0] < 64, "both in putc");
  assert.match(run.out, /^pl011 @ 0x9000000$/m);
  assert.doesNotMatch(run.out, /Device, Address/);
});

Deno.test("hwprofile: track=read and arg=write select one direction", async () => {
  const reads = await runWithPlugin("contrib_hwprofile", "hwprofile", { track: "read" });
  const { devices } = expected(reads.uart);
  assert.match(reads.out, /^Device, Address, RCPUs, Reads\n/);
  assert.match(reads.out, /^gic_cpu, 0x8010000, 1, 6$/m);
  assert.equal(reads.out.trim().split("\n").length, 1 + devices.size);
  const writes = await runWithPlugin("contrib_hwprofile", "hwprofile", { arg: "write" });
  assert.ok(writes.out.startsWith("Device, Address,  WCPUs, Writes\n"));
  assert.match(writes.out, /^gic_cpu, 0x8010000, 1, 1$/m);
  assert.match(writes.out, /^gic_dist, 0x8000000, 1, 6$/m);
});

Deno.test("hwprofile: match= counts only the named devices and reports each hit", async () => {
  const run = await runWithPlugin("contrib_hwprofile", "hwprofile", [
    ["match", "gic_cpu"],
    ["match", "pl031"],
  ]);
  const hits = run.out.match(/^hwprofile: match @ offset[0-9a-f]+, previous hits$/gm) ?? [];
  assert.equal(hits.length, 7 + 14);
  assert.match(
    run.out,
    /hwprofile: match @ offsetc, previous hits\ngic_cpu, 0x8010000, 1, 1, 1, 1\n/,
  );
  const report = run.out.slice(run.out.lastIndexOf("Device, Address"));
  assert.equal(
    report,
    "Device, Address, RCPUs, Reads,  WCPUs, Writes\n" +
      "pl031, 0x9010000, 1, 10, 1, 4\ngic_cpu, 0x8010000, 1, 6, 1, 1\n",
  );
});

Deno.test("hwprofile: format=json gives offsets with register names and sizes", async () => {
  const run = await runWithPlugin("contrib_hwprofile", "hwprofile", { format: "json" });
  const doc = JSON.parse(run.out);
  const { devices, offsets } = expected(run.uart);
  assert.equal(doc.plugin, "hwprofile");
  assert.deepEqual(
    doc.devices.map((d: { name: string }) => d.name),
    sortedDevices(devices).map((d) => d[0]),
  );
  for (const d of doc.devices) {
    const want = devices.get(d.name)!;
    assert.equal(d.base, BASE[d.name as Device]);
    assert.deepEqual([d.reads, d.writes], [want.reads, want.writes], d.name);
    assert.deepEqual(d.perCpu, [{ vcpu: 0, reads: want.reads, writes: want.writes }]);
    for (const o of d.offsets) {
      const w = offsets.get(`${d.name}:${o.offset}`)!;
      assert.ok(w, `${d.name} offset ${o.offset} is expected`);
      assert.deepEqual(
        [o.register, o.reads, o.writes, o.sizes],
        [w.register, w.reads, w.writes, [...w.sizes].sort((a, b) => a - b)],
      );
    }
    assert.equal(
      d.offsets.length,
      [...offsets.keys()].filter((k) => k.startsWith(d.name + ":")).length,
    );
  }
});

Deno.test("hwprofile: html= writes a self-contained report with a chart per device", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tsemu-hwprofile-" });
  try {
    const file = `${dir}/report.html`;
    Deno.writeTextFileSync(file, "old contents");
    const run = await runWithPlugin("contrib_hwprofile", "hwprofile", { html: file });
    assert.match(run.out, /^Device, Address/);
    const html = Deno.readTextFileSync(file);
    assert.match(html, /^<!DOCTYPE html>/);
    for (const name of Object.keys(BASE)) {
      assert.match(html, new RegExp(`<section class="device" id="dev-${name}">`));
      assert.match(html, new RegExp(`<svg class="timeline" data-device="${name}"`));
      assert.match(html, new RegExp(`<svg class="heatmap" data-device="${name}"`));
    }
    for (const reg of ["UARTFR", "UARTDR", "RTCMR", "GICD_IPRIORITYR8", "GICC_IAR"]) {
      assert.match(html, new RegExp(`>0x[0-9a-f]{3} ${reg}<`), reg);
    }
    assert.doesNotMatch(html, /<script|<link|src=|href="http/i);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hwprofile: bad arguments are refused with a clear message", async () => {
  assert.match(
    (await installError("hwprofile", { source: "on", pattern: "on" }))!,
    /source and pattern are mutually exclusive/,
  );
  assert.match(
    (await installError("hwprofile", { track: "both" }))!,
    /invalid value for track: both/,
  );
  assert.match(
    (await installError("hwprofile", { pattern: "maybe" }))!,
    /boolean argument parsing failed/,
  );
  assert.match(
    (await installError("hwprofile", { colour: "red" }))!,
    /option parsing failed: colour=red/,
  );
  assert.match(
    (await installError("hwprofile", { html: "/nonexistent-dir/x.html" }))!,
    /html=\/nonexistent-dir\/x.html: directory \/nonexistent-dir does not exist/,
  );
  assert.match((await installError("hwprofile", { format: "xml" }))!, /invalid value for format/);
  assert.equal(await installError("hwprofile", { source: "on", pattern: "off" }), null);
});
