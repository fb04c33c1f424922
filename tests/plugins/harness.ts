/**
 * Test support for the plugin tests: runs a guest program from tests/guest/bin on a fresh
 * machine with plugins loaded (as `-plugin PATH,k=v -d plugin` would), and collects what the
 * guest printed, what the plugins wrote with `outs`, and the machine.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { BufferChardev, Log, VirtMachine } from "../../mod.ts";
import { loadPlugins } from "../../plugins/loader.ts";
import { disassemblerReady, initDisassembler } from "../../cpu/arm/disas.ts";

/** Directory of the test plugins. */
export const PLUGIN_DIR: string = fileURLToPath(new URL("./", import.meta.url));
/** Directory of the built guest images. */
export const GUEST_BIN: string = fileURLToPath(new URL("../guest/bin/", import.meta.url));
/** Directory of the guest outputs recorded from qemu-system-arm. */
export const GUEST_EXPECTED: string = fileURLToPath(
  new URL("../guest/expected/", import.meta.url),
);

/** A plugin to load: a file in tests/plugins (or any path) and its `name=value` arguments. */
export interface PluginRequest {
  /** File name in tests/plugins (`bb.ts`) or an absolute path. */
  file: string;
  /** Arguments, as on the command line after the path. */
  args?: Record<string, string>;
}

/** What a run produced. */
export interface PluginRun {
  /** The machine (after `finish()`: atexit callbacks have run). */
  machine: VirtMachine;
  /** What the guest printed on the PL011. */
  uart: string;
  /** The `-d plugin` log: every `outs` text, concatenated. */
  out: string;
  /** Why the run stopped ("poweroff" for a guest that completed). */
  reason: string;
}

/** Options of `runWithPlugins`. */
export interface RunOptions {
  /** Enable the `plugin` log item (QEMU's `-d plugin`); default true. */
  logPlugin?: boolean;
  /** Instruction limit; default 1e8. */
  maxInsns?: number;
  /** Load capstone first (for `insn.disas()`). */
  disassembler?: boolean;
}

/** The absolute path of a plugin file named in a request. */
export function pluginPath(file: string): string {
  return file.startsWith("/") ? file : PLUGIN_DIR + file;
}

/** Builds the machine for guest `name` (tests/guest/bin/NAME.elf), 256 MiB, icount shift 0. */
export function guestMachine(name: string, log: Log): VirtMachine {
  const path = `${GUEST_BIN}${name}.elf`;
  return new VirtMachine({
    ramSize: 256 << 20,
    chardev: new BufferChardev(),
    log,
    kernel: { path, bytes: Deno.readFileSync(path) },
    icountShift: 0,
    rtcSeconds: 0,
  });
}

/** Runs guest `name` to completion with `plugins` loaded, then ends emulation (atexit). */
export async function runWithPlugins(
  name: string,
  plugins: readonly PluginRequest[],
  opts: RunOptions = {},
): Promise<PluginRun> {
  if (opts.disassembler && !disassemblerReady()) await initDisassembler();
  const log = new Log();
  const chunks: string[] = [];
  log.setSink((t) => chunks.push(t));
  if (opts.logPlugin !== false) log.enable("plugin");
  const machine = guestMachine(name, log);
  await loadPlugins(
    machine.plugins,
    plugins.map((p) => ({
      path: pluginPath(p.file),
      args: Object.entries(p.args ?? {}) as [string, string][],
    })),
    1,
  );
  const r = machine.runSync(opts.maxInsns ?? 1e8);
  machine.finish();
  const uart = (machine.opts.chardev as BufferChardev).text();
  return { machine, uart, out: chunks.join(""), reason: r.reason };
}

/** Address of the function symbol `name` in the machine's guest image (MARK in plug_*.S). */
export function symbolAddress(m: VirtMachine, name: string): number {
  for (const [addr, sym] of m.boot?.symbols ?? []) if (sym === name) return addr >>> 0;
  throw new Error(`no symbol ${name} in the guest image`);
}

/** The guest output recorded from qemu-system-arm for `name`. */
export function expectedUart(name: string): string {
  return Deno.readTextFileSync(`${GUEST_EXPECTED}${name}.txt`).replaceAll("\r\n", "\n");
}

/** Normalises line endings of guest output. */
export function lf(text: string): string {
  return text.replaceAll("\r\n", "\n");
}

/** Formats a number as QEMU's plugins print addresses: `0x` and lower-case hex. */
export function hex(n: number): string {
  return "0x" + (n >>> 0).toString(16);
}

/** Runs `deno run -A mod.ts ARGS` from the repository root; returns status and output. */
export async function runCli(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", `${root}mod.ts`, ...args],
    cwd: root,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
