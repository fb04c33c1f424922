/**
 * `deno task bench`: tsemu against qemu-system-arm (TCG) in one run. Every workload runs on
 * both emulators alternately, several times; per workload it prints the median wall times,
 * their ratio, the guest instructions and both guest MIPS, then writes the figures as JSON
 * and a short Markdown report (bench/results.json, bench/results.md).
 *
 * Sections: start-up to the first guest instruction; the bare-metal workloads
 * (bench/workloads.ts); the Linux boot to its marker, with tsemu's peak memory
 * (bench/linux-boot.ts); plugin overhead (bench/plugin-overhead.ts).
 *
 * qemu-system-arm (and gcc, for the QEMU plugins) are installed with apt-get when missing,
 * and the Linux guest is fetched with `deno task fetch-linux` (root and Debian's archive).
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import {
  BENCH_USAGE,
  type BenchOptions,
  BenchUsageError,
  checkOnlyNames,
  parseBenchArgs,
  selected,
} from "./options.ts";
import { buildQemuPlugins, ensureCommand, hostInfo, qemuVersion } from "./host.ts";
import { countInsns, emulatorCmd, timedRun } from "./measure.ts";
import { measureStartup } from "./startup.ts";
import { bareMetalArgs, guestPath, type Workload, WORKLOADS } from "./workloads.ts";
import {
  type BenchResults,
  type LinuxExtra,
  renderMarkdown,
  workloadLine,
  type WorkloadRow,
  workloadRow,
} from "./report.ts";
import {
  bootToMarker,
  ensureLinux,
  LINUX_RAM_MIB,
  LINUX_TARGET_RATIO,
  linuxCpu,
  linuxInsnsToMarker,
  RSS_MARGIN_MIB,
} from "./linux-boot.ts";
import { PLUGIN_KINDS, type PluginCase, runPluginCases } from "./plugin-overhead.ts";

const BENCH_DIR = fileURLToPath(new URL("./", import.meta.url));

/** Start-up samples per emulator (at least). */
const STARTUP_RUNS = 5;
const QUICK_STARTUP_RUNS = 3;

const log = (line: string) => console.log(line);

/** Runs the bare-metal workloads; returns their rows and instruction counts by image. */
async function runWorkloads(o: BenchOptions, insnsOf: (file: string, expect: string) => number) {
  const rows: WorkloadRow[] = [];
  for (const w of WORKLOADS) {
    if (!selected(o, w.name)) continue;
    const img = o.quick ? w.quick : w.full;
    const insns = insnsOf(img.file, img.expect);
    const args = bareMetalArgs(guestPath(img));
    const t: number[] = [], q: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      q.push((await timedRun(emulatorCmd("qemu", args), img.expect)).seconds);
      t.push((await timedRun(emulatorCmd("tsemu", args), img.expect)).seconds);
    }
    const row = workloadRow({ ...w, image: img.file }, insns, t, q);
    rows.push(row);
    log(workloadLine(row));
  }
  return rows;
}

/** Boots Linux on both emulators to the marker, alternately; counts tsemu's instructions. */
async function runLinux(o: BenchOptions): Promise<WorkloadRow & LinuxExtra> {
  const files = await ensureLinux();
  const t: number[] = [], q: number[] = [];
  const rss: (number | null)[] = [], qemuRss: (number | null)[] = [];
  for (let i = 0; i < o.runs; i++) {
    const qr = await bootToMarker(files, "qemu");
    q.push(qr.seconds);
    qemuRss.push(qr.peakRssKiB);
    const tr = await bootToMarker(files, "tsemu");
    t.push(tr.seconds);
    rss.push(tr.peakRssKiB);
    log(`linux run ${i + 1}: qemu ${qr.seconds.toFixed(2)} s, tsemu ${tr.seconds.toFixed(2)} s`);
  }
  log("linux: counting tsemu's guest instructions to the marker (one more boot, in process)");
  const insns = await linuxInsnsToMarker(files);
  const row = workloadRow(
    {
      name: "linux-boot",
      description: "Debian armmp kernel + busybox initramfs to the userland marker, -m 256",
      image: files.vmlinuz,
      target: null,
    },
    insns,
    t,
    q,
  );
  row.target = `tsemu wall <= ${LINUX_TARGET_RATIO}x QEMU`;
  row.met = row.ratio <= LINUX_TARGET_RATIO;
  const maxOf = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? Math.max(...v) / 1024 : null;
  };
  const peak = maxOf(rss);
  const rssTargetMiB = LINUX_RAM_MIB + RSS_MARGIN_MIB;
  const full = {
    ...row,
    qemuCpu: linuxCpu(),
    tsemuPeakRssMiB: peak,
    tsemuPeakRssKiB: rss,
    qemuPeakRssMiB: maxOf(qemuRss),
    rssTargetMiB,
    rssMet: peak === null ? null : peak < rssTargetMiB,
  };
  log(workloadLine(full) + `, tsemu peak RSS ${peak === null ? "-" : peak.toFixed(0)} MiB`);
  return full;
}

/** The plugin cases: every plugin workload, full (or quick) image, and its trace image. */
function pluginCases(
  o: BenchOptions,
  insnsOf: (file: string, expect: string) => number,
): PluginCase[] {
  const cases: PluginCase[] = [];
  const want = (w: Workload) =>
    w.plugins && (o.only === null || o.only.includes("plugins") || o.only.includes(w.name));
  for (const w of WORKLOADS.filter(want)) {
    const img = o.quick ? w.quick : w.full;
    cases.push({
      workload: w.name,
      image: img,
      insns: insnsOf(img.file, img.expect),
      kinds: PLUGIN_KINDS.filter((k) => !k.trace),
    });
    if (w.trace && (!o.quick || w.traceInQuick)) {
      cases.push({
        workload: w.name,
        image: w.trace,
        insns: insnsOf(w.trace.file, w.trace.expect),
        kinds: PLUGIN_KINDS.filter((k) => k.trace),
      });
    }
  }
  return cases;
}

/** Runs the benchmark; returns the exit status. */
export async function benchMain(argv: string[]): Promise<number> {
  let o: BenchOptions;
  try {
    o = parseBenchArgs(argv);
    checkOnlyNames(o, WORKLOADS.map((w) => w.name));
  } catch (e) {
    if (!(e instanceof BenchUsageError)) throw e;
    console.error(`bench: ${e.message}\n${BENCH_USAGE}`);
    return 2;
  }
  if (o.help) {
    console.log(BENCH_USAGE);
    return 0;
  }
  const start = performance.now();
  const runLinuxToo = o.linux && (o.only ? o.only.includes("linux") : !o.quick);
  const pluginsToo = o.plugins && PLUGIN_KINDS.length > 0 &&
    WORKLOADS.some((w) =>
      w.plugins && (o.only === null || o.only.includes("plugins") || o.only.includes(w.name))
    );
  await ensureCommand("qemu-system-arm", "qemu-system-arm");
  if (pluginsToo) await ensureCommand("gcc", "gcc");

  const counted = new Map<string, number>();
  const insnsOf = (file: string, expect: string) => {
    let n = counted.get(file);
    if (n === undefined) {
      n = countInsns(guestPath({ file, expect }), expect);
      counted.set(file, n);
    }
    return n;
  };
  const errors: string[] = [];
  const section = async <T>(name: string, f: () => Promise<T>): Promise<T | null> => {
    try {
      return await f();
    } catch (e) {
      const msg = `${name}: ${e instanceof Error ? e.message : String(e)}`;
      console.error(`bench: ${msg}`);
      errors.push(msg);
      return null;
    }
  };

  const results: BenchResults = {
    date: new Date().toISOString(),
    durationSeconds: 0,
    options: { quick: o.quick, runs: o.runs, only: o.only, linux: o.linux, plugins: o.plugins },
    qemuVersion: qemuVersion(),
    host: hostInfo(),
    startup: null,
    workloads: [],
    linux: null,
    plugins: [],
    errors,
  };
  log(`bench: ${results.qemuVersion}; ${o.runs} run(s) per emulator and workload`);

  if (selected(o, "startup")) {
    results.startup = await section("startup", async () => {
      const s = await measureStartup(o.quick ? QUICK_STARTUP_RUNS : Math.max(STARTUP_RUNS, o.runs));
      log(
        `startup: tsemu ${(s.tsemu.seconds * 1000).toFixed(0)} ms, qemu ` +
          `${(s.qemu.seconds * 1000).toFixed(0)} ms to the first guest instruction (Deno alone ` +
          `${(s.deno.seconds * 1000).toFixed(0)} ms)`,
      );
      return s;
    });
  }
  results.workloads = await section("workloads", () => runWorkloads(o, insnsOf)) ?? [];
  if (runLinuxToo) results.linux = await section("linux", () => runLinux(o));
  if (pluginsToo) {
    results.plugins = await section("plugins", async () => {
      const tmp = Deno.makeTempDirSync({ prefix: "tsemu-bench-" });
      try {
        const qemuPlugins = await buildQemuPlugins(tmp);
        return await runPluginCases(pluginCases(o, insnsOf), o.runs, qemuPlugins, tmp, log);
      } finally {
        Deno.removeSync(tmp, { recursive: true });
      }
    }) ?? [];
  }

  results.durationSeconds = (performance.now() - start) / 1000;
  const base = o.out ?? `${BENCH_DIR}results${o.quick ? "-quick" : ""}`;
  const md = renderMarkdown(results);
  const round = (_k: string, v: unknown) =>
    typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v;
  Deno.writeTextFileSync(`${base}.json`, JSON.stringify(results, round, 2) + "\n");
  Deno.writeTextFileSync(`${base}.md`, md);
  // deno fmt's layout, so that `deno fmt --check` stays clean after a run.
  await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", `${base}.json`, `${base}.md`],
    stdout: "null",
    stderr: "null",
  }).output();
  log("\n" + md);
  log(`bench: wrote ${base}.json and ${base}.md (${results.durationSeconds.toFixed(0)} s)`);
  return errors.length ? 1 : 0;
}

if (import.meta.main) Deno.exit(await benchMain(Deno.args));
