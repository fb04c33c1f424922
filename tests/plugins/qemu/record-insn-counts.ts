/**
 * Records what qemu-system-arm counts for the guest programs: builds the reference plugin
 * `insn-count.c` with `build-insn-count.sh` (into a temporary directory), runs every guest
 * in GUESTS on QEMU 7.2 with it, and writes tests/plugins/expected/insn-counts.json. The
 * hermetic test `tests/plugins/insn_test.ts` compares tsemu's insn/mem plugins with it.
 *
 * Usage: `deno run -A tests/plugins/qemu/record-insn-counts.ts [NAME...]`
 *
 * @module
 */

import { fileURLToPath } from "node:url";

/** What the reference plugin reports for one guest run. */
export interface QemuCounts {
  /** Instructions whose exec callback ran. */
  insns: number;
  /** Loads of 8, 16, 32 and 64 bits. */
  loads: number[];
  /** Stores of 8, 16, 32 and 64 bits. */
  stores: number[];
  /** Sign-extending loads. */
  signedLoads: number;
  /** Accesses to MMIO. */
  io: number;
}

/** The recorded file: QEMU's version and the counts per guest. */
export interface RecordedCounts {
  qemu: string;
  guests: Record<string, QemuCounts>;
}

/** Guests whose counts are deterministic on QEMU (no dependence on host time). */
export const GUESTS: readonly string[] = [
  "demo",
  "div",
  "dp",
  "irq_sgi",
  "ldst",
  "media",
  "mmu",
  "mmu_ats",
  "mmu_faults",
  "modes",
  "mul",
  "plug_discons",
  "plug_mem",
  "plug_regs",
];

const HERE = fileURLToPath(new URL("./", import.meta.url));
/** The recorded counts. */
export const EXPECTED_PATH: string = fileURLToPath(
  new URL("../expected/insn-counts.json", import.meta.url),
);
const GUEST_BIN = fileURLToPath(new URL("../../guest/bin/", import.meta.url));

const dec = new TextDecoder();

/** Builds the reference plugin into `dir`; returns the path of the shared object. */
export async function buildQemuPlugin(dir: string): Promise<string> {
  const out = await new Deno.Command("sh", {
    args: [`${HERE}build-insn-count.sh`, dir],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`build-insn-count.sh failed: ${dec.decode(out.stderr)}`);
  return dec.decode(out.stdout).trim();
}

/** QEMU's version line (`7.2.22`). */
export async function qemuVersion(): Promise<string> {
  const out = await new Deno.Command("qemu-system-arm", { args: ["--version"], stdout: "piped" })
    .output();
  return /version (\S+)/.exec(dec.decode(out.stdout))?.[1] ?? "unknown";
}

/** Runs guest `name` on qemu-system-arm with the plugin `so`; returns its counts. */
export async function qemuCounts(so: string, name: string): Promise<QemuCounts> {
  const log = await Deno.makeTempFile({ prefix: "tsemu-qemu-plugin-", suffix: ".log" });
  try {
    const out = await new Deno.Command("qemu-system-arm", {
      args: [
        ...["-M", "virt", "-cpu", "cortex-a15", "-m", "256", "-nographic", "-no-reboot"],
        ...["-kernel", `${GUEST_BIN}${name}.elf`, "-plugin", so, "-d", "plugin", "-D", log],
      ],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(120_000),
    }).output();
    if (!out.success) throw new Error(`qemu-system-arm on ${name}: ${dec.decode(out.stderr)}`);
    const line = Deno.readTextFileSync(log).split("\n").find((l) => l.startsWith("{"));
    if (!line) throw new Error(`qemu-system-arm on ${name}: the plugin printed nothing`);
    return JSON.parse(line) as QemuCounts;
  } finally {
    Deno.removeSync(log);
  }
}

if (import.meta.main) {
  const names = Deno.args.length ? Deno.args : GUESTS;
  const dir = Deno.makeTempDirSync({ prefix: "tsemu-qemu-plugin-" });
  try {
    const so = await buildQemuPlugin(dir);
    let rec: RecordedCounts = { qemu: await qemuVersion(), guests: {} };
    try {
      rec = { ...JSON.parse(Deno.readTextFileSync(EXPECTED_PATH)), qemu: rec.qemu };
    } catch {
      // first recording
    }
    for (const name of names) {
      rec.guests[name] = await qemuCounts(so, name);
      console.log(name, JSON.stringify(rec.guests[name]));
    }
    const sorted = Object.fromEntries(
      Object.entries(rec.guests).sort(([a], [b]) => a < b ? -1 : 1),
    );
    Deno.writeTextFileSync(
      EXPECTED_PATH,
      JSON.stringify({ ...rec, guests: sorted }, null, 2) + "\n",
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}
