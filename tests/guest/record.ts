/**
 * Records the expected output of the guest test programs: runs each
 * `tests/guest/bin/NAME.elf` on qemu-system-arm (`-M virt -cpu cortex-a15`) and writes
 * what the guest printed on the PL011 to `tests/guest/expected/NAME.txt`.
 * Fails if QEMU does not exit with status 0 within the time limit or the output does
 * not end with the line `DONE`.
 *
 * Usage: `deno run -A tests/guest/record.ts [NAME...]` (default: every built program).
 *
 * @module
 */

import { basename, join } from "node:path";
import { BIN_DIR, GUEST_DIR } from "./build.ts";

/** Recorded outputs. */
export const EXPECTED_DIR: string = join(GUEST_DIR, "expected");
/** Per-program time limit on QEMU. */
export const TIMEOUT_MS = 60_000;

/** The qemu-system-arm command line (after the program name) for one image. */
export function qemuArgs(elf: string): string[] {
  return [
    "-M",
    "virt",
    "-cpu",
    "cortex-a15",
    "-m",
    "256",
    "-nographic",
    "-no-reboot",
    "-kernel",
    elf,
  ];
}

/** Names of the built images in `bin/`, sorted. */
export function listImages(): string[] {
  const names: string[] = [];
  for (const entry of Deno.readDirSync(BIN_DIR)) {
    if (entry.isFile && entry.name.endsWith(".elf")) names.push(basename(entry.name, ".elf"));
  }
  return names.sort();
}

/** Runs one image on qemu-system-arm and returns its UART output; throws on failure. */
export async function runOnQemu(elf: string): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("qemu-system-arm", {
      args: qemuArgs(elf),
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal: controller.signal,
    }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error("qemu-system-arm not found: apt-get install qemu-system-arm");
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
  const text = new TextDecoder().decode(out.stdout);
  const err = new TextDecoder().decode(out.stderr).trim();
  if (controller.signal.aborted) {
    throw new Error(`${elf}: timed out after ${TIMEOUT_MS / 1000} s; output so far:\n${text}`);
  }
  if (out.code !== 0) {
    throw new Error(`${elf}: qemu-system-arm exited with ${out.code}\n${err}\n${text}`);
  }
  if (!text.endsWith("DONE\n")) {
    throw new Error(`${elf}: output does not end with DONE:\n${text.slice(-2000)}`);
  }
  if (err !== "") console.error(`${elf}: qemu-system-arm said: ${err}`);
  return text;
}

/** Records the named programs (all built images when empty); returns the files written. */
export async function record(names: readonly string[]): Promise<string[]> {
  const images = listImages();
  const wanted = names.length > 0 ? [...names] : images;
  await Deno.mkdir(EXPECTED_DIR, { recursive: true });
  const written: string[] = [];
  for (const name of wanted) {
    if (!images.includes(name)) {
      throw new Error(`no image ${join(BIN_DIR, name + ".elf")}: run build.ts first`);
    }
    const text = await runOnQemu(join(BIN_DIR, name + ".elf"));
    const file = join(EXPECTED_DIR, name + ".txt");
    await Deno.writeTextFile(file, text);
    written.push(file);
  }
  return written;
}

if (import.meta.main) {
  try {
    for (const file of await record(Deno.args)) {
      const lines = (await Deno.readTextFile(file)).split("\n").length - 1;
      console.log(`recorded ${file} (${lines} lines)`);
    }
  } catch (e) {
    console.error(`record.ts: ${e instanceof Error ? e.message : String(e)}`);
    Deno.exit(1);
  }
}
