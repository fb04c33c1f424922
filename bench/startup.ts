/**
 * Start-up time: from spawning the emulator process to its first guest instruction. The probe
 * guest (bench/guests/startup.S) writes `!` to the PL011 with its third instruction and the
 * emulators write UART output straight to stdout, so the time to the first byte on the
 * emulator's stdout is the time to the first guest instruction plus two instructions and one
 * block translation. For tsemu it includes Deno's own start-up and module loading (from
 * Deno's warm compile cache: one unmeasured run comes first).
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { type Cmd, type Emulator, emulatorCmd, timedRun } from "./measure.ts";
import { median } from "./stats.ts";
import { bareMetalArgs, guestPath, STARTUP_GUEST } from "./workloads.ts";

/** The start-up figures of one emulator. */
export interface StartupFigures {
  /** Median seconds from spawn to the first guest instruction's output. */
  seconds: number;
  /** Every sample. */
  samples: number[];
}

/** Start-up figures of both emulators, and of Deno alone. */
export interface StartupResult {
  /** tsemu (`deno run -A mod.ts ...`). */
  tsemu: StartupFigures;
  /** qemu-system-arm. */
  qemu: StartupFigures;
  /** `deno run -A bench/startup-baseline.ts`: Deno's share of tsemu's figure. */
  deno: StartupFigures;
  /** The tsemu target: under this many seconds. */
  target: number;
}

/** The target for tsemu's start-up to the first guest instruction, in seconds. */
export const STARTUP_TARGET_S = 0.15;

const BASELINE: Cmd = [
  Deno.execPath(),
  ["run", "-A", fileURLToPath(new URL("./startup-baseline.ts", import.meta.url))],
];

/**
 * Measures both emulators and Deno alone `runs` times each, alternately, after one warm-up
 * run of each Deno program.
 */
export async function measureStartup(runs: number): Promise<StartupResult> {
  const args = bareMetalArgs(guestPath(STARTUP_GUEST));
  const once = async (cmd: Cmd) => (await timedRun(cmd, STARTUP_GUEST.expect, 60)).firstOutput;
  const emu = (e: Emulator) => once(emulatorCmd(e, args));
  await emu("tsemu");
  await once(BASELINE);
  const t: number[] = [], q: number[] = [], d: number[] = [];
  for (let i = 0; i < runs; i++) {
    q.push(await emu("qemu"));
    t.push(await emu("tsemu"));
    d.push(await once(BASELINE));
  }
  const fig = (xs: number[]) => ({ seconds: median(xs), samples: xs });
  return { tsemu: fig(t), qemu: fig(q), deno: fig(d), target: STARTUP_TARGET_S };
}
