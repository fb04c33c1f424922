/**
 * Benchmarks tsemu against qemu-system-arm in one run: each workload runs on both emulators
 * alternately, several times; we print the median wall time of each, the ratio, the guest
 * instruction count and guest MIPS, and write bench/results.json and bench/results.md.
 *
 * Usage: deno task bench [--quick] [--runs N] [--only NAME]
 * qemu-system-arm is installed with apt-get when missing (as root).
 */

import { BufferChardev, Log, VirtMachine } from "../mod.ts";

interface Workload {
  name: string;
  description: string;
  kernel: string;
  /** Expected UART output, checked on both emulators. */
  expect: string;
}

const HERE = new URL("./", import.meta.url).pathname;
const MOD = new URL("../mod.ts", import.meta.url).pathname;

const WORKLOADS: Workload[] = [
  {
    name: "sum-loop",
    description: "sum += i, 10^8 iterations (bare metal)",
    kernel: `${HERE}guests/sum.elf`,
    expect: "34E58F80\n",
  },
  {
    name: "mem-loop",
    description: "load/add/store over 1 MiB of words, 1024 passes (bare metal, MMU off)",
    kernel: `${HERE}guests/memloop.elf`,
    expect: "FFF90001\n",
  },
];

const args = Deno.args;
const quick = args.includes("--quick");
const runsArg = args.indexOf("--runs");
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : quick ? 1 : 3;
const onlyArg = args.indexOf("--only");
const only = onlyArg >= 0 ? args[onlyArg + 1] : null;

function hasQemu(): boolean {
  try {
    return new Deno.Command("qemu-system-arm", { args: ["--version"], stdout: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

async function ensureQemu(): Promise<void> {
  if (hasQemu()) return;
  console.log("installing qemu-system-arm with apt-get");
  for (const a of [["update", "-qq"], ["install", "-y", "-qq", "qemu-system-arm"]]) {
    const st = await new Deno.Command("apt-get", {
      args: a,
      env: { DEBIAN_FRONTEND: "noninteractive" },
    }).spawn().status;
    if (!st.success) throw new Error(`apt-get ${a.join(" ")} failed`);
  }
}

/** Runs a command, returns wall seconds and stdout; throws if the output is wrong. */
async function timed(cmd: string, cargs: string[], expect: string): Promise<number> {
  const t0 = performance.now();
  const r = await new Deno.Command(cmd, {
    args: cargs,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const t = (performance.now() - t0) / 1000;
  const out = new TextDecoder().decode(r.stdout).replaceAll("\r\n", "\n");
  if (!r.success || out !== expect) {
    throw new Error(
      `${cmd} ${cargs.join(" ")}: exit ${r.code}, output ${JSON.stringify(out)} ` +
        new TextDecoder().decode(r.stderr),
    );
  }
  return t;
}

/** Guest instructions of a workload, counted by running it in-process on tsemu. */
function countInsns(w: Workload): number {
  const m = new VirtMachine({
    ramSize: 256 << 20,
    chardev: new BufferChardev(),
    log: new Log(),
    kernel: { path: w.kernel, bytes: Deno.readFileSync(w.kernel) },
  });
  m.runSync();
  return m.icount;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Row {
  workload: string;
  description: string;
  insns: number;
  tsemuSeconds: number;
  qemuSeconds: number;
  ratio: number;
  tsemuMips: number;
  qemuMips: number;
}

await ensureQemu();
const rows: Row[] = [];
for (const w of WORKLOADS) {
  if (only && w.name !== only) continue;
  const insns = countInsns(w);
  const ts: number[] = [], qs: number[] = [];
  for (let i = 0; i < runs; i++) {
    qs.push(
      await timed("qemu-system-arm", [
        "-M",
        "virt",
        "-cpu",
        "cortex-a15",
        "-m",
        "256",
        "-nographic",
        "-no-reboot",
        "-kernel",
        w.kernel,
      ], w.expect),
    );
    ts.push(
      await timed(Deno.execPath(), [
        "run",
        "-A",
        MOD,
        "-m",
        "256",
        "-nographic",
        "-kernel",
        w.kernel,
      ], w.expect),
    );
  }
  const t = median(ts), q = median(qs);
  rows.push({
    workload: w.name,
    description: w.description,
    insns,
    tsemuSeconds: t,
    qemuSeconds: q,
    ratio: t / q,
    tsemuMips: insns / t / 1e6,
    qemuMips: insns / q / 1e6,
  });
  const r = rows[rows.length - 1];
  console.log(
    `${w.name}: tsemu ${t.toFixed(3)} s, qemu ${q.toFixed(3)} s, ratio ${r.ratio.toFixed(2)}x, ` +
      `${(insns / 1e6).toFixed(0)} M insns, tsemu ${r.tsemuMips.toFixed(0)} MIPS, qemu ${
        r.qemuMips.toFixed(0)
      } MIPS`,
  );
}

/** Plugin-overhead workloads: the same guests on tsemu with a benchmark plugin. */
const PLUGINS: { name: string; file: string; qemuSum: string; qemuMem: string }[] = [
  { name: "inline insn counter", file: "inline-insn.ts", qemuSum: "1.55x", qemuMem: "1.18x" },
  { name: "per-insn callback", file: "cb-insn.ts", qemuSum: "3.4x", qemuMem: "2.5x" },
  { name: "inline counter + mem callback", file: "cb-mem.ts", qemuSum: "-", qemuMem: "1.95x" },
];
interface PluginRow {
  plugin: string;
  workload: string;
  seconds: number;
  baseSeconds: number;
  ratio: number;
  qemuRatio: string;
}
const pluginRows: PluginRow[] = [];
if (!args.includes("--no-plugins")) {
  for (const p of PLUGINS) {
    for (const r of rows) {
      const w = WORKLOADS.find((x) => x.name === r.workload)!;
      const ts: number[] = [];
      for (let i = 0; i < runs; i++) {
        ts.push(
          await timed(Deno.execPath(), [
            "run",
            "-A",
            MOD,
            "-m",
            "256",
            "-nographic",
            "-kernel",
            w.kernel,
            "-plugin",
            `${HERE}plugins/${p.file}`,
          ], w.expect),
        );
      }
      const t = median(ts);
      const qemuRatio = w.name === "sum-loop" ? p.qemuSum : p.qemuMem;
      pluginRows.push({
        plugin: p.name,
        workload: w.name,
        seconds: t,
        baseSeconds: r.tsemuSeconds,
        ratio: t / r.tsemuSeconds,
        qemuRatio,
      });
      console.log(`${p.name} on ${w.name}: ${t.toFixed(3)} s, ${(t / r.tsemuSeconds).toFixed(2)}x`);
    }
  }
}

const qemuVersion = new TextDecoder().decode(
  new Deno.Command("qemu-system-arm", { args: ["--version"] }).outputSync().stdout,
).split("\n")[0];
const md = [
  `Runs per workload: ${runs} (median wall time of whole processes). Reference: ${qemuVersion}.`,
  "",
  "| workload | guest insns | tsemu (s) | QEMU (s) | tsemu/QEMU time | tsemu MIPS | QEMU MIPS |",
  "|---|---|---|---|---|---|---|",
  ...rows.map((r) =>
    `| ${r.workload} | ${(r.insns / 1e6).toFixed(0)} M | ${r.tsemuSeconds.toFixed(3)} | ${
      r.qemuSeconds.toFixed(3)
    } | ${r.ratio.toFixed(2)}x | ${r.tsemuMips.toFixed(0)} | ${r.qemuMips.toFixed(0)} |`
  ),
  "",
  ...(pluginRows.length
    ? [
      "Plugin overhead (tsemu with the plugin / tsemu without; QEMU 7.2's ratios for a C plugin",
      "doing the same, from shared/reference.md):",
      "",
      "| plugin | workload | tsemu (s) | ratio | QEMU 7.2 ratio |",
      "|---|---|---|---|---|",
      ...pluginRows.map((p) =>
        `| ${p.plugin} | ${p.workload} | ${p.seconds.toFixed(3)} | ${
          p.ratio.toFixed(2)
        }x | ${p.qemuRatio} |`
      ),
      "",
    ]
    : []),
].join("\n");
console.log("\n" + md);
Deno.writeTextFileSync(
  `${HERE}results.json`,
  JSON.stringify({ date: new Date().toISOString(), runs, rows, pluginRows }, null, 2) + "\n",
);
Deno.writeTextFileSync(`${HERE}results.md`, md);
