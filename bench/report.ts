/**
 * The benchmark's results: their shape (written as JSON), the per-workload console lines and
 * the short Markdown report (bench/results.md, pasted into the README).
 *
 * @module
 */

import type { HostInfo } from "./host.ts";
import type { PluginRow } from "./plugin-overhead.ts";
import type { StartupResult } from "./startup.ts";
import type { WorkloadTarget } from "./workloads.ts";
import { median } from "./stats.ts";

/** Figures of one workload run on both emulators. */
export interface WorkloadRow {
  /** Workload name. */
  workload: string;
  /** What it does. */
  description: string;
  /** Guest image (or "Linux" for the boot). */
  image: string;
  /** Guest instructions (counted by tsemu), or null if not counted. */
  insns: number | null;
  /** Median wall seconds on tsemu. */
  tsemuSeconds: number;
  /** Every tsemu sample. */
  tsemuSamples: number[];
  /** Median wall seconds on qemu-system-arm. */
  qemuSeconds: number;
  /** Every QEMU sample. */
  qemuSamples: number[];
  /** tsemuSeconds / qemuSeconds. */
  ratio: number;
  /** Guest MIPS on tsemu (insns / tsemuSeconds), or null. */
  tsemuMips: number | null;
  /** Guest MIPS on QEMU (the same insns / qemuSeconds), or null. */
  qemuMips: number | null;
  /** The target, in words, or null. */
  target: string | null;
  /** Whether the target is met (null: no target). */
  met: boolean | null;
}

/** The Linux boot figures beyond its {@link WorkloadRow}. */
export interface LinuxExtra {
  /** QEMU's `-cpu` option for the boot. */
  qemuCpu: string;
  /** tsemu's peak resident memory at the marker (largest over the runs), MiB. */
  tsemuPeakRssMiB: number | null;
  /** Every tsemu sample (KiB, null if unreadable). */
  tsemuPeakRssKiB: (number | null)[];
  /** QEMU's peak resident memory at the marker, MiB. */
  qemuPeakRssMiB: number | null;
  /** Guest RAM + margin, MiB. */
  rssTargetMiB: number;
  /** Whether tsemu's peak is under the target (null: unknown). */
  rssMet: boolean | null;
}

/** Everything one benchmark run measured (bench/results.json). */
export interface BenchResults {
  /** ISO date of the run. */
  date: string;
  /** Wall seconds of the whole benchmark. */
  durationSeconds: number;
  /** The options it ran with. */
  options: {
    quick: boolean;
    runs: number;
    only: string[] | null;
    linux: boolean;
    plugins: boolean;
  };
  /** `qemu-system-arm --version`, first line. */
  qemuVersion: string;
  /** The machine. */
  host: HostInfo;
  /** Start-up to the first guest instruction, or null if not run. */
  startup: StartupResult | null;
  /** Bare-metal workloads. */
  workloads: WorkloadRow[];
  /** The Linux boot, or null if not run. */
  linux: (WorkloadRow & LinuxExtra) | null;
  /** Plugin overhead. */
  plugins: PluginRow[];
  /** Sections that failed, one line each. */
  errors: string[];
}

/** The words for a workload target. */
export function targetText(t: WorkloadTarget): string | null {
  return t === "half-qemu-mips" ? "tsemu MIPS >= 1/2 QEMU MIPS" : null;
}

/** Builds a workload row from its samples; `insns` null when it was not counted. */
export function workloadRow(
  w: { name: string; description: string; image: string; target: WorkloadTarget },
  insns: number | null,
  tsemuSamples: number[],
  qemuSamples: number[],
): WorkloadRow {
  const t = median(tsemuSamples), q = median(qemuSamples);
  const tsemuMips = insns === null ? null : insns / t / 1e6;
  const qemuMips = insns === null ? null : insns / q / 1e6;
  let met: boolean | null = null;
  if (w.target === "half-qemu-mips") met = t <= 2 * q;
  return {
    workload: w.name,
    description: w.description,
    image: w.image,
    insns,
    tsemuSeconds: t,
    tsemuSamples,
    qemuSeconds: q,
    qemuSamples,
    ratio: t / q,
    tsemuMips,
    qemuMips,
    target: targetText(w.target),
    met,
  };
}

const num = (x: number | null, digits: number) => (x === null ? "-" : x.toFixed(digits));
const yesNo = (b: boolean | null) => (b === null ? "-" : b ? "yes" : "**no**");
/** A ratio as `1.23x`, or `-`. */
export const fmtRatio = (x: number | null): string => (x === null ? "-" : `${x.toFixed(2)}x`);
/** Millions of instructions, or `-`. */
export const fmtMInsns = (x: number | null): string => (x === null ? "-" : (x / 1e6).toFixed(0));

/** The console line of one workload. */
export function workloadLine(r: WorkloadRow): string {
  return `${r.workload}: tsemu ${r.tsemuSeconds.toFixed(3)} s, qemu ${
    r.qemuSeconds.toFixed(3)
  } s, ` +
    `ratio ${fmtRatio(r.ratio)}, ${fmtMInsns(r.insns)} M insns, tsemu ${
      num(r.tsemuMips, 0)
    } MIPS, qemu ${num(r.qemuMips, 0)} MIPS` +
    (r.met === null ? "" : `, target ${r.met ? "met" : "NOT met"}`);
}

/** Whether a plugin row meets its target (null: no target). */
export function pluginMet(p: PluginRow): boolean | null {
  return p.target === null ? null : p.tsemuRatio <= p.target;
}

const ms = (s: number) => (s * 1000).toFixed(0);
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;

/** The Markdown report: workload table, plugin table, start-up and memory lines, notes. */
export function renderMarkdown(r: BenchResults): string {
  const out: string[] = [];
  const o = r.options;
  out.push(
    `tsemu vs ${r.qemuVersion} (TCG), ${r.date.slice(0, 10)}, ${o.quick ? "--quick, " : ""}` +
      `median of ${o.runs} run${o.runs === 1 ? "" : "s"} of whole processes, run alternately; ` +
      `host ${r.host.cpuModel ?? r.host.os}, ${r.host.cpus} CPUs, load average ` +
      `${r.host.loadAverage.toFixed(2)} at the start. Guest instructions are counted exactly by ` +
      `tsemu and used for both emulators' MIPS.`,
    "",
  );
  const rows = [...r.workloads, ...(r.linux ? [r.linux] : [])];
  if (rows.length) {
    out.push(
      "| workload | tsemu s | QEMU s | tsemu/QEMU | guest M insns | tsemu MIPS | QEMU MIPS | target | met? |",
      "|---|---|---|---|---|---|---|---|---|",
    );
    for (const w of rows) {
      out.push(
        `| ${w.workload} | ${w.tsemuSeconds.toFixed(3)} | ${w.qemuSeconds.toFixed(3)} | ` +
          `${fmtRatio(w.ratio)} | ${fmtMInsns(w.insns)} | ${num(w.tsemuMips, 0)} | ` +
          `${num(w.qemuMips, 0)} | ${w.target ?? "-"} | ${yesNo(w.met)} |`,
      );
    }
    out.push("");
  }
  if (r.plugins.length) {
    out.push(
      "Plugin overhead (wall time with the plugin / the same emulator's run without it):",
      "",
      "| workload | plugin | tsemu ratio | QEMU ratio | target (tsemu) | met? |",
      "|---|---|---|---|---|---|",
    );
    for (const p of r.plugins) {
      const wl = p.image.includes("-trace") || p.image.includes("-quick")
        ? `${p.workload} (${fmtMInsns(p.insns)} M insns)`
        : p.workload;
      out.push(
        `| ${wl} | ${p.label} | ${fmtRatio(p.tsemuRatio)} | ${fmtRatio(p.qemuRatio)} | ` +
          `${p.target === null ? "-" : `<= ${p.target}x`} | ${yesNo(pluginMet(p))} |`,
      );
    }
    out.push("");
  }
  if (r.startup) {
    const s = r.startup;
    out.push(
      `- Start-up to the first guest instruction (median of ${s.tsemu.samples.length}): tsemu ` +
        `${ms(s.tsemu.seconds)} ms (includes Deno's own start-up, ${ms(s.deno.seconds)} ms for ` +
        `an empty script, and module loading), QEMU ${ms(s.qemu.seconds)} ms; target < ` +
        `${(s.target * 1000).toFixed(0)} ms: ${yesNo(s.tsemu.seconds < s.target)}.`,
    );
  }
  if (r.linux) {
    const l = r.linux;
    out.push(
      `- Peak resident memory of tsemu for the Linux boot with -m 256 (at the marker): ` +
        `${num(l.tsemuPeakRssMiB, 0)} MiB (QEMU ${num(l.qemuPeakRssMiB, 0)} MiB); target < ` +
        `${l.rssTargetMiB} MiB: ${yesNo(l.rssMet)}.`,
      `- Linux: Debian armmp + busybox initramfs to the TSEMU-LINUX-READY marker; QEMU runs ` +
        `with -cpu ${l.qemuCpu}, as tsemu. Guest instructions to the marker are ` +
        `tsemu's in-process count (they vary a little with timing).`,
    );
  }
  const traces = r.plugins.filter((p) => p.traceBytes);
  if (traces.length) {
    out.push(
      `- execlog runs on trace-sized images (a few million instructions) and writes the trace ` +
        `with -d plugin -D FILE on both emulators (${
          traces.map((p) =>
            `${p.workload}: tsemu ${mib(p.traceBytes!.tsemu)}, QEMU ${
              p.traceBytes!.qemu === null ? "-" : mib(p.traceBytes!.qemu)
            }`
          ).join("; ")
        }).`,
    );
  }
  if (r.plugins.some((p) => p.plugin === "hwprofile")) {
    out.push(
      "- QEMU's hwprofile column uses bench/qemu-plugins/hwprofile.c, a simplified C " +
        "re-implementation (Debian ships no plugins); the other QEMU plugins are in " +
        "bench/qemu-plugins/ too, built with gcc in the same run.",
    );
  }
  for (const e of r.errors) out.push(`- **Failed**: ${e}`);
  out.push(
    `- Whole run: ${(r.durationSeconds / 60).toFixed(1)} min. Timings on a shared machine are ` +
      "noisy; compare ratios, not absolute times.",
  );
  return out.join("\n") + "\n";
}
