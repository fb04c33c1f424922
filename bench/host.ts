/**
 * The benchmark's host: installing missing tools with apt-get, qemu-system-arm's version,
 * building the C plugins for QEMU (bench/qemu-plugins/) and a description of the machine.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { QEMU } from "./measure.ts";

/** bench/qemu-plugins/, with a trailing slash. */
export const QEMU_PLUGIN_DIR: string = fileURLToPath(new URL("./qemu-plugins/", import.meta.url));

const dec = new TextDecoder();

/** True if `cmd --version` runs. */
export function haveCommand(cmd: string): boolean {
  try {
    return new Deno.Command(cmd, { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

let aptUpdated = false;

/**
 * Makes sure `cmd` exists, installing Debian package `pkg` with apt-get (as root) when it is
 * missing. Throws with one line when that is not possible.
 */
export async function ensureCommand(cmd: string, pkg: string): Promise<void> {
  if (haveCommand(cmd)) return;
  if (Deno.uid() !== 0) {
    throw new Error(`${cmd} is missing and installing ${pkg} with apt-get needs root`);
  }
  console.log(`bench: installing ${pkg} with apt-get`);
  const steps = aptUpdated ? [] : [["update", "-qq"]];
  steps.push(["install", "-y", "-qq", "--no-install-recommends", pkg]);
  for (const a of steps) {
    const st = await new Deno.Command("apt-get", {
      args: a,
      env: { DEBIAN_FRONTEND: "noninteractive" },
      stdin: "null",
    }).spawn().status;
    if (!st.success) throw new Error(`apt-get ${a.join(" ")} failed`);
    if (a[0] === "update") aptUpdated = true;
  }
  if (!haveCommand(cmd)) throw new Error(`${cmd} is still missing after installing ${pkg}`);
}

/** The first line of `qemu-system-arm --version`. */
export function qemuVersion(): string {
  const out = new Deno.Command(QEMU, { args: ["--version"] }).outputSync();
  return dec.decode(out.stdout).split("\n")[0].trim();
}

/** The QEMU plugins the benchmark builds (file names in bench/qemu-plugins/ without `.c`). */
export const QEMU_PLUGIN_SOURCES = ["inline", "insn-cb", "mem-cb", "execlog", "hwprofile"] as const;

/** One of {@link QEMU_PLUGIN_SOURCES}. */
export type QemuPluginName = typeof QEMU_PLUGIN_SOURCES[number];

/**
 * Compiles every plugin of bench/qemu-plugins/ with gcc into `outDir`; returns the path of
 * each shared object.
 */
export async function buildQemuPlugins(outDir: string): Promise<Record<QemuPluginName, string>> {
  const paths = {} as Record<QemuPluginName, string>;
  for (const name of QEMU_PLUGIN_SOURCES) {
    const so = `${outDir}/lib${name}.so`;
    const r = await new Deno.Command("gcc", {
      args: [
        "-shared",
        "-fPIC",
        "-O2",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-o",
        so,
        `${QEMU_PLUGIN_DIR}${name}.c`,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!r.success) {
      throw new Error(`gcc ${name}.c failed:\n${dec.decode(r.stderr)}${dec.decode(r.stdout)}`);
    }
    paths[name] = so;
  }
  return paths;
}

/** The machine the figures were taken on. */
export interface HostInfo {
  /** `Deno.build.os`/`arch`. */
  os: string;
  /** Kernel release (`Deno.osRelease()`). */
  kernel: string;
  /** CPU model name from /proc/cpuinfo, if readable. */
  cpuModel: string | null;
  /** Logical CPUs. */
  cpus: number;
  /** Total memory in MiB. */
  memoryMiB: number;
  /** Deno and V8 versions. */
  deno: string;
  /** 1-minute load average when the run started (other work on the machine adds noise). */
  loadAverage: number;
}

/** Describes this machine. */
export function hostInfo(): HostInfo {
  let cpuModel: string | null = null;
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(Deno.readTextFileSync("/proc/cpuinfo"))?.[1] ??
      null;
  } catch {
    // not Linux
  }
  return {
    os: `${Deno.build.os}/${Deno.build.arch}`,
    kernel: Deno.osRelease(),
    cpuModel,
    cpus: navigator.hardwareConcurrency,
    memoryMiB: Math.round(Deno.systemMemoryInfo().total / 1048576),
    deno: `deno ${Deno.version.deno}, v8 ${Deno.version.v8}`,
    loadAverage: Deno.loadavg()[0],
  };
}
