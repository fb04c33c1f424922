/**
 * Measuring emulator processes: whole-process wall time with an output check, time to the
 * first byte of output, peak resident memory from /proc, and the guest instruction count of
 * a bare-metal image (counted exactly by tsemu, in this process).
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { BufferChardev, Log, VirtMachine } from "../mod.ts";
import { parseVmHwm } from "./stats.ts";

/** tsemu's program, run as `deno run -A mod.ts`. */
export const TSEMU_MOD: string = fileURLToPath(new URL("../mod.ts", import.meta.url));
/** The reference emulator. */
export const QEMU = "qemu-system-arm";

/** The two emulators. */
export type Emulator = "tsemu" | "qemu";

/** A program and its arguments. */
export type Cmd = [string, string[]];

/** The command that runs an emulator with `args` (QEMU's options; tsemu takes the same). */
export function emulatorCmd(emu: Emulator, args: readonly string[]): Cmd {
  return emu === "qemu" ? [QEMU, [...args]] : [Deno.execPath(), ["run", "-A", TSEMU_MOD, ...args]];
}

/** An emulator run ended badly: wrong output, failure status or time limit. */
export class RunError extends Error {
  /** @param message what happened, with the command */
  constructor(message: string) {
    super(message);
    this.name = "RunError";
  }
}

const dec = new TextDecoder();

/** What a timed run measured. */
export interface TimedRun {
  /** Wall seconds from spawning the process to its exit. */
  seconds: number;
  /** Wall seconds from spawning to its first byte on stdout (NaN if it printed nothing). */
  firstOutput: number;
  /** Everything it printed on stdout. */
  stdout: string;
}

/**
 * Runs `cmd` to completion with stdin closed; checks that it exits with status 0 and prints
 * exactly `expect` on stdout (carriage returns ignored). Kills it after `timeoutS` seconds.
 */
export async function timedRun(cmd: Cmd, expect: string, timeoutS = 600): Promise<TimedRun> {
  const t0 = performance.now();
  const child = new Deno.Command(cmd[0], {
    args: cmd[1],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }, timeoutS * 1000);
  let firstOutput = NaN;
  const chunks: Uint8Array[] = [];
  const errText = new Response(child.stderr).text();
  try {
    for await (const c of child.stdout) {
      if (Number.isNaN(firstOutput)) firstOutput = (performance.now() - t0) / 1000;
      chunks.push(c);
    }
  } finally {
    clearTimeout(timer);
  }
  const status = await child.status;
  const seconds = (performance.now() - t0) / 1000;
  const stderr = await errText;
  const stdout = chunks.map((c) => dec.decode(c, { stream: true })).join("") + dec.decode();
  const out = stdout.replaceAll("\r", "");
  const what = `${cmd[0]} ${cmd[1].join(" ")}`;
  if (timedOut) throw new RunError(`${what}: killed after ${timeoutS} s`);
  if (!status.success || out !== expect) {
    throw new RunError(
      `${what}: exit status ${status.code}, output ${JSON.stringify(out.slice(0, 200))} ` +
        `(expected ${JSON.stringify(expect)})${stderr ? `; stderr: ${stderr.slice(0, 500)}` : ""}`,
    );
  }
  return { seconds, firstOutput, stdout };
}

/** Peak resident set size (`VmHWM`) of a running process, in KiB; null if unavailable. */
export function peakRssKiB(pid: number): number | null {
  try {
    return parseVmHwm(Deno.readTextFileSync(`/proc/${pid}/status`));
  } catch {
    return null;
  }
}

/** Guest instructions a bare-metal image executes to its power-off, counted by tsemu. */
export function countInsns(path: string, expect: string): number {
  const uart = new BufferChardev();
  const m = new VirtMachine({
    ramSize: 256 << 20,
    chardev: uart,
    log: new Log(),
    kernel: { path, bytes: Deno.readFileSync(path) },
  });
  m.runSync();
  const out = uart.text().replaceAll("\r", "");
  if (out !== expect) {
    throw new RunError(
      `${path} in process: output ${JSON.stringify(out)}, expected ${JSON.stringify(expect)}`,
    );
  }
  return m.icount;
}
