/**
 * Records the reference for the Linux end-to-end test (`tests/linux/linux_e2e_test.ts`): boots
 * the guest (Debian armmp kernel + busybox initramfs, see `scripts/fetch-linux.ts`) on
 * qemu-system-arm with the same command line tsemu gets, runs {@link LINUX_SCENARIO} at the
 * shell, powers off, and writes into `tests/linux/expected/`:
 *
 * - `NAME.txt`: what each scenario command printed (plain text, `\n` line ends);
 * - `kernel-log.txt`: everything the guest printed before the `TSEMU-LINUX-READY` marker;
 * - `meta.json`: the kernel and busybox packages, QEMU's version and the command line.
 *
 * Usage: `deno run -A scripts/record-linux.ts [--out DIR] [--timeout SEC]` (fetches the guest
 * first if it is not cached, which needs root).
 *
 * @module
 */

import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FetchError, fetchLinux, LINUX_READY_MARKER, type LinuxFiles } from "./fetch-linux.ts";
import {
  type CommandOutput,
  ConsoleWaitError,
  emulatorCommand,
  LINUX_PROMPT_RE,
  linuxBootArgs,
  type LinuxConsole,
  spawnConsole,
} from "./linux.ts";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Where the recorded outputs go. */
export const EXPECTED_DIR: string = join(REPO_ROOT, "tests", "linux", "expected");
/** The kernel log file in {@link EXPECTED_DIR}. */
export const KERNEL_LOG_FILE = "kernel-log.txt";
/** The metadata file in {@link EXPECTED_DIR}. */
export const META_FILE = "meta.json";

/** One command of the scenario: its output is recorded as `NAME.txt`. */
export interface ScenarioCommand {
  /** File name stem of the recorded output. */
  name: string;
  /** The shell command line. */
  command: string;
}

/**
 * The commands run at the guest's shell, in order. Floating point in busybox awk is double
 * arithmetic done by the VFP; only `+ - * /`, comparisons, `int()` and printf are used (no
 * libm functions): a harmonic sum, Newton's square root of 2, a subnormal, an overflow to
 * infinity, truncation and rounding in printf.
 */
export const LINUX_SCENARIO: readonly ScenarioCommand[] = [
  { name: "uname", command: "uname -a" },
  { name: "cpuinfo", command: "cat /proc/cpuinfo" },
  { name: "interrupts", command: "cat /proc/interrupts" },
  { name: "arith", command: "echo $((6*7))" },
  {
    name: "sha256",
    command: 'i=0; while [ $i -lt 400 ]; do echo "line $i $((i*i)) $((i<<20))"; i=$((i+1)); ' +
      "done > /tmp/e2e.txt; busybox sha256sum /tmp/e2e.txt; wc -c < /tmp/e2e.txt",
  },
  {
    name: "awk-float",
    command: "awk 'BEGIN{h=0;for(i=1;i<=1000;i++)h+=1/i;r=1;for(i=0;i<8;i++)r=(r+2/r)/2;" +
      "d=1e-300*1e-10;o=1e308*10;" +
      'printf "%.17g %.17g %.17g %g %d %.3f %.6e\\n",h,r,d,o,int(-7.9),22/7,-1/3;' +
      "print 0.1+0.2, (0.1+0.2==0.3), 1e16+1, 7/2, -0.0*1}'",
  },
];

/** Which packages and emulator the expectations were recorded with. */
export interface RecordingMeta {
  /** Kernel package name, e.g. `linux-image-6.1.0-50-armmp`. */
  kernelPackage: string;
  /** Kernel package version. */
  kernelVersion: string;
  /** busybox-static package version. */
  busyboxVersion: string;
  /** First line of `qemu-system-arm --version`. */
  qemuVersion: string;
  /** The emulator options, with the kernel and initrd paths as `vmlinuz` and `initrd.cpio.gz`. */
  args: string[];
}

/** What one boot through the scenario produced. */
export interface ScenarioResult {
  /** Plain text printed before the marker line (the kernel log and /init's messages). */
  kernelLog: string;
  /** Output of each {@link LINUX_SCENARIO} command, by name. */
  outputs: Record<string, CommandOutput>;
}

/** Time limits of {@link runScenario}, in milliseconds. */
export interface ScenarioTimeouts {
  /** For the marker (the whole boot). */
  markerMs: number;
  /** For each command and for the prompt. */
  commandMs: number;
}

/** The marker as a line of its own. */
export const MARKER_LINE_RE: RegExp = new RegExp(`(^|\\n)${LINUX_READY_MARKER}\\n`);

/**
 * Waits for the marker and the shell prompt on `con`, then runs every scenario command.
 * `onMarker` is called as soon as the marker is seen (for timings).
 */
export async function runScenario(
  con: LinuxConsole,
  timeouts: ScenarioTimeouts,
  onMarker: () => void = () => {},
): Promise<ScenarioResult> {
  const bootStart = con.cursor;
  const m = await con.waitFor(MARKER_LINE_RE, timeouts.markerMs, "the marker");
  onMarker();
  const kernelLog = con.text.slice(bootStart, m.index + m[1].length);
  await con.waitFor(LINUX_PROMPT_RE, timeouts.commandMs, "the shell prompt");
  const outputs: Record<string, CommandOutput> = {};
  for (const c of LINUX_SCENARIO) outputs[c.name] = await con.run(c.command, timeouts.commandMs);
  return { kernelLog, outputs };
}

/** The boot options with the file paths replaced by their base names (for `meta.json`). */
export function portableArgs(files: Pick<LinuxFiles, "vmlinuz" | "initrd">): string[] {
  return linuxBootArgs(files).map((a) =>
    a === files.vmlinuz ? "vmlinuz" : a === files.initrd ? "initrd.cpio.gz" : a
  );
}

/** First line of `qemu-system-arm --version`. */
export async function qemuVersion(): Promise<string> {
  const out = await new Deno.Command("qemu-system-arm", { args: ["--version"], stdout: "piped" })
    .output();
  return new TextDecoder().decode(out.stdout).split("\n")[0].trim();
}

/** Boots the guest on qemu-system-arm, runs the scenario and writes the expected files. */
export async function recordLinux(
  files: LinuxFiles,
  outDir: string,
  timeoutSeconds: number,
): Promise<void> {
  const p = spawnConsole(emulatorCommand(files, true));
  const timeouts = { markerMs: timeoutSeconds * 1000, commandMs: timeoutSeconds * 1000 };
  let result: ScenarioResult;
  try {
    result = await runScenario(p.console, timeouts);
    await p.console.type("poweroff -f\n");
  } catch (e) {
    p.kill();
    await p.status;
    throw e;
  }
  const killer = setTimeout(p.kill, timeoutSeconds * 1000);
  const status = await p.status;
  clearTimeout(killer);
  if (status.code !== 0) throw new Error(`qemu-system-arm exited with status ${status.code}`);
  for (const [name, out] of Object.entries(result.outputs)) {
    if (out.status !== 0) throw new Error(`command ${name} exited with status ${out.status}`);
  }
  const meta: RecordingMeta = {
    kernelPackage: files.kernelPackage,
    kernelVersion: files.kernelVersion,
    busyboxVersion: files.busyboxVersion,
    qemuVersion: await qemuVersion(),
    args: portableArgs(files),
  };
  Deno.mkdirSync(outDir, { recursive: true });
  for (const [name, out] of Object.entries(result.outputs)) {
    Deno.writeTextFileSync(join(outDir, `${name}.txt`), out.output);
  }
  Deno.writeTextFileSync(join(outDir, KERNEL_LOG_FILE), result.kernelLog);
  Deno.writeTextFileSync(join(outDir, META_FILE), JSON.stringify(meta, null, 2) + "\n");
}

/** Runs the record-linux command line; returns the exit status. */
export async function recordMain(args: string[]): Promise<number> {
  let outDir = EXPECTED_DIR;
  let timeout = 120;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--out" && args[i + 1] !== undefined) outDir = resolve(args[++i]);
    else if (args[i] === "--timeout" && Number(args[i + 1]) > 0) timeout = Number(args[++i]);
    else {
      console.error("usage: deno run -A scripts/record-linux.ts [--out DIR] [--timeout SEC]");
      return 1;
    }
  }
  try {
    const files = await fetchLinux();
    await recordLinux(files, outDir, timeout);
    console.log(`record-linux: wrote ${LINUX_SCENARIO.length + 2} files to ${outDir}`);
    return 0;
  } catch (e) {
    if (e instanceof FetchError || e instanceof ConsoleWaitError || e instanceof Error) {
      console.error(`record-linux: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (import.meta.main) Deno.exit(await recordMain(Deno.args));
