/** The benchmark's figures and report (bench/report.ts, bench/stats.ts, bench/measure.ts). */

import assert from "node:assert/strict";
import {
  type BenchResults,
  fmtRatio,
  pluginMet,
  renderMarkdown,
  workloadLine,
  workloadRow,
} from "../../bench/report.ts";
import { median, parseVmHwm } from "../../bench/stats.ts";
import type { PluginRow } from "../../bench/plugin-overhead.ts";
import type { WorkloadTarget } from "../../bench/workloads.ts";

const SUM = {
  name: "sum-loop",
  description: "d",
  image: "sum.elf",
  target: "half-qemu-mips" as WorkloadTarget,
};

Deno.test("median: odd, even and empty", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([5]), 5);
  assert.ok(Number.isNaN(median([])));
});

Deno.test("workloadRow: medians, ratio, MIPS from one instruction count, the MIPS target", () => {
  const w = SUM;
  const r = workloadRow(w, 800e6, [2, 1, 3], [0.5, 0.4, 0.6]);
  assert.equal(r.tsemuSeconds, 2);
  assert.equal(r.qemuSeconds, 0.5);
  assert.equal(r.ratio, 4);
  assert.equal(r.tsemuMips, 400);
  assert.equal(r.qemuMips, 1600);
  assert.equal(r.met, false);
  assert.equal(r.target, "tsemu MIPS >= 1/2 QEMU MIPS");
  const ok = workloadRow(w, 800e6, [1], [0.5]);
  assert.equal(ok.met, true, "exactly half of QEMU's MIPS meets the target");
  const none = workloadRow({ ...w, target: null }, null, [1], [1]);
  assert.equal(none.met, null);
  assert.equal(none.tsemuMips, null);
  assert.equal(
    workloadLine(r),
    "sum-loop: tsemu 2.000 s, qemu 0.500 s, ratio 4.00x, 800 M insns, tsemu 400 MIPS, " +
      "qemu 1600 MIPS, target NOT met",
  );
});

Deno.test("parseVmHwm reads the peak resident set of /proc/PID/status", () => {
  assert.equal(
    parseVmHwm("Name:\tdeno\nVmPeak:\t 999 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1 kB\n"),
    123456,
  );
  assert.equal(parseVmHwm("Name:\tx\n"), null);
  const own = parseVmHwm(Deno.readTextFileSync("/proc/self/status"));
  assert.ok(own !== null && own > 1000, "this process has a peak RSS above 1 MiB");
});

function plugin(over: Partial<PluginRow>): PluginRow {
  return {
    workload: "sum-loop",
    image: "sum.elf",
    insns: 800e6,
    plugin: "inline",
    label: "(a) inline insn counter",
    tsemuSeconds: 1.2,
    tsemuSamples: [1.2],
    tsemuBaseSeconds: 1,
    tsemuRatio: 1.2,
    qemuSeconds: 0.6,
    qemuSamples: [0.6],
    qemuBaseSeconds: 0.4,
    qemuRatio: 1.5,
    target: 1.3,
    ...over,
  };
}

function results(): BenchResults {
  const w = SUM;
  return {
    date: "2026-01-02T03:04:05.000Z",
    durationSeconds: 90,
    options: { quick: false, runs: 3, only: null, linux: true, plugins: true },
    qemuVersion: "QEMU emulator version 7.2.22",
    host: {
      os: "linux/x86_64",
      kernel: "6",
      cpuModel: "Test CPU",
      cpus: 2,
      memoryMiB: 1024,
      deno: "deno 2",
      loadAverage: 0.5,
    },
    startup: {
      tsemu: { seconds: 0.2, samples: [0.2, 0.21, 0.19] },
      qemu: { seconds: 0.04, samples: [0.04] },
      deno: { seconds: 0.05, samples: [0.05] },
      target: 0.15,
    },
    workloads: [workloadRow(w, 800e6, [0.6], [0.4])],
    linux: {
      ...workloadRow({ ...w, name: "linux-boot", target: null }, 2.1e9, [30], [3]),
      target: "tsemu wall <= 3x QEMU",
      met: false,
      qemuCpu: "cortex-a15",
      tsemuPeakRssMiB: 380.4,
      tsemuPeakRssKiB: [389530],
      qemuPeakRssMiB: 150,
      rssTargetMiB: 406,
      rssMet: true,
    },
    plugins: [
      plugin({}),
      plugin({
        plugin: "execlog",
        label: "(d) execlog trace to a file",
        image: "sum-trace.elf",
        insns: 4e6,
        tsemuRatio: 40,
        qemuRatio: 90,
        target: 10,
        traceBytes: { tsemu: 173e6, qemu: 173e6 },
      }),
      plugin({ plugin: "hwprofile", label: "(e) hwprofile", target: null, qemuRatio: null }),
    ],
    errors: ["linux: something broke"],
  };
}

Deno.test("renderMarkdown: workload and plugin tables, targets, start-up and memory lines", () => {
  const md = renderMarkdown(results());
  const lines = md.split("\n");
  assert.ok(
    lines[0].startsWith("tsemu vs QEMU emulator version 7.2.22 (TCG), 2026-01-02, median of 3"),
  );
  assert.ok(
    lines.includes(
      "| workload | tsemu s | QEMU s | tsemu/QEMU | guest M insns | tsemu MIPS | QEMU MIPS | target | met? |",
    ),
  );
  assert.ok(
    lines.includes(
      "| sum-loop | 0.600 | 0.400 | 1.50x | 800 | 1333 | 2000 | tsemu MIPS >= 1/2 QEMU MIPS | yes |",
    ),
  );
  assert.ok(
    lines.includes(
      "| linux-boot | 30.000 | 3.000 | 10.00x | 2100 | 70 | 700 | tsemu wall <= 3x QEMU | **no** |",
    ),
  );
  assert.ok(
    lines.includes("| sum-loop | (a) inline insn counter | 1.20x | 1.50x | <= 1.3x | yes |"),
  );
  assert.ok(
    lines.includes(
      "| sum-loop (4 M insns) | (d) execlog trace to a file | 40.00x | 90.00x | <= 10x | **no** |",
    ),
  );
  assert.ok(lines.includes("| sum-loop | (e) hwprofile | 1.20x | - | - | - |"));
  assert.match(
    md,
    /Start-up to the first guest instruction \(median of 3\): tsemu 200 ms \(includes Deno's own start-up, 50 ms for an empty script, .*\), QEMU 40 ms; target < 150 ms: \*\*no\*\*/,
  );
  assert.match(md, /Peak resident memory .*: 380 MiB \(QEMU 150 MiB\); target < 406 MiB: yes/);
  assert.match(md, /-cpu cortex-a15, as tsemu/);
  assert.match(md, /sum-loop: tsemu 165 MiB, QEMU 165 MiB/);
  assert.match(md, /\*\*Failed\*\*: linux: something broke/);
  assert.match(md, /Whole run: 1\.5 min/);
});

Deno.test("renderMarkdown: sections that did not run are left out", () => {
  const r = { ...results(), startup: null, linux: null, plugins: [], errors: [] };
  const md = renderMarkdown(r);
  assert.doesNotMatch(md, /Start-up|Peak resident|Plugin overhead|Failed|linux-boot/);
  assert.match(md, /\| sum-loop \|/);
});

Deno.test("plugin targets: ratio at or under the target is met; no target is '-'", () => {
  assert.equal(pluginMet(plugin({ tsemuRatio: 1.3 })), true);
  assert.equal(pluginMet(plugin({ tsemuRatio: 1.31 })), false);
  assert.equal(pluginMet(plugin({ target: null })), null);
  assert.equal(fmtRatio(null), "-");
  assert.equal(fmtRatio(2), "2.00x");
});
