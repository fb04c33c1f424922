/**
 * Runs a guest image from tests/guest/bin on tsemu with contrib plugins loaded, as the
 * command line `-kernel X.elf -plugin contrib/plugins/P.ts,k=v -d plugin` would, and returns
 * what the plugins printed, the UART output and the machine. Time is icount (shift 0 by
 * default) and the RTC starts at 0, so every run is repeatable.
 */

import { BufferChardev, Log, VirtMachine } from "../../mod.ts";
import type { RunResult } from "../../mod.ts";
import { loadPlugins } from "../../plugins/loader.ts";
import { disassemblerReady, initDisassembler } from "../../cpu/arm/disas.ts";
import { loadElf } from "../../hw/core/loader-elf.ts";

/** Repository root, ending in `/`. */
export const ROOT: string = new URL("../../", import.meta.url).pathname;

/** Path of a contrib plugin by name. */
export function pluginPath(name: string): string {
  return `${ROOT}contrib/plugins/${name}.ts`;
}

/** Path of a guest image by name. */
export function guestPath(name: string): string {
  return `${ROOT}tests/guest/bin/${name}.elf`;
}

/** What a run produced. */
export interface PluginRun {
  /** Everything the plugins printed (the `-d plugin` log). */
  out: string;
  /** The guest's UART output. */
  uart: string;
  /** Why the run stopped. */
  result: RunResult;
  /** The machine, after `finish()`. */
  machine: VirtMachine;
}

/** A plugin to load: contrib plugin name (or path) and its `name=value` arguments. */
export interface PluginLoad {
  plugin: string;
  args?: Record<string, string> | [string, string][];
}

/** Runs guest `guest` with `plugins` loaded; throws if a plugin is refused. */
export async function runWithPlugins(
  guest: string,
  plugins: PluginLoad[],
  opts: { maxInsns?: number; icountShift?: number } = {},
): Promise<PluginRun> {
  if (!disassemblerReady()) await initDisassembler();
  const log = new Log();
  const chunks: string[] = [];
  log.setSink((t) => chunks.push(t));
  log.enable("plugin");
  const uart = new BufferChardev();
  const path = guestPath(guest);
  const machine = new VirtMachine({
    ramSize: 256 << 20,
    chardev: uart,
    log,
    kernel: { path, bytes: Deno.readFileSync(path) },
    icountShift: opts.icountShift ?? 0,
    rtcSeconds: 0,
  });
  await loadPlugins(
    machine.plugins,
    plugins.map((p) => ({
      path: p.plugin.includes("/") ? p.plugin : pluginPath(p.plugin),
      args: Array.isArray(p.args) ? p.args : Object.entries(p.args ?? {}),
    })),
    1,
  );
  const result = machine.runSync(opts.maxInsns ?? 2e8);
  machine.finish();
  return { out: chunks.join(""), uart: uart.text(), result, machine };
}

/** Runs with one plugin. */
export function runWithPlugin(
  guest: string,
  plugin: string,
  args: Record<string, string> | [string, string][] = {},
  opts: { maxInsns?: number; icountShift?: number } = {},
): Promise<PluginRun> {
  return runWithPlugins(guest, [{ plugin, args }], opts);
}

/** Address of FUNC symbol `name` in the machine's kernel image; throws if absent. */
export function symbolAddress(run: PluginRun, name: string): number {
  for (const [addr, n] of run.machine.boot?.symbols ?? []) if (n === name) return addr;
  throw new Error(`no symbol ${name} in the guest image`);
}

/** Address of FUNC symbol `name` in guest image `guest`; throws if absent. */
export function guestSymbol(guest: string, name: string): number {
  const path = guestPath(guest);
  for (const [addr, n] of loadElf(Deno.readFileSync(path), path).symbols) {
    if (n === name) return addr;
  }
  throw new Error(`no symbol ${name} in ${path}`);
}

/** The error message `install` gives for `args` (the loader's one line), or null. */
export async function installError(
  plugin: string,
  args: Record<string, string> | [string, string][],
): Promise<string | null> {
  try {
    await runWithPlugin("demo", plugin, args, { maxInsns: 1 });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
