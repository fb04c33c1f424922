/**
 * Argument parsing shared by the contrib plugins, QEMU's way: every argument is `name=value`
 * (split at the first `=`), booleans go through `api.boolParse`, numbers are decimal (or
 * `0x` hex where QEMU uses `strtoull` with base 0). Mistakes throw an Error naming the plugin
 * and the argument; the loader prints it as one line and refuses to start.
 *
 * Not a plugin itself: `-plugin contrib/plugins/args.ts` is refused for lack of `install`.
 *
 * @module
 */

import type { PluginApi } from "../../plugins/api.ts";

/** One `name=value` argument. */
export interface PluginArg {
  /** Text before the first `=`. */
  readonly name: string;
  /** Text after it ("" when there is no `=`). */
  readonly value: string;
  /** The argument as given, for messages. */
  readonly text: string;
}

/** Splits `args` into names and values; throws on an argument without `=`. */
export function splitArgs(plugin: string, args: readonly string[]): PluginArg[] {
  return args.map((text) => {
    const eq = text.indexOf("=");
    if (eq <= 0) throw new Error(`${plugin}: option parsing failed: ${text} (expected name=value)`);
    return { name: text.slice(0, eq), value: text.slice(eq + 1), text };
  });
}

/** The boolean value of `arg` (on/off, yes/no, true/false); throws otherwise. */
export function boolArg(api: PluginApi, plugin: string, arg: PluginArg): boolean {
  const b = api.boolParse(arg.name, arg.value);
  if (b === undefined) {
    throw new Error(`${plugin}: boolean argument parsing failed: ${arg.text} (use on or off)`);
  }
  return b;
}

/**
 * The non-negative integer value of `arg`: decimal, or hexadecimal with `0x` when `hex` is
 * allowed; an optional k/m/g suffix (×1000) when `suffixes` is set. Throws otherwise.
 */
export function uintArg(
  plugin: string,
  arg: PluginArg,
  opts: { hex?: boolean; suffixes?: boolean; min?: number } = {},
): number {
  const m = /^(0x[0-9a-f]+|\d+)([kmg]?)$/i.exec(arg.value);
  const ok = m !== null && (opts.hex || !/^0x/i.test(m[1])) && (opts.suffixes || m[2] === "");
  if (!ok) {
    throw new Error(`${plugin}: invalid value for ${arg.name}: '${arg.value}' (expected a number)`);
  }
  const scale: Record<string, number> = { "": 1, k: 1e3, m: 1e6, g: 1e9 };
  const v = Number(m![1]) * scale[m![2].toLowerCase()];
  if (!Number.isSafeInteger(v) || v < (opts.min ?? 0)) {
    throw new Error(
      `${plugin}: invalid value for ${arg.name}: '${arg.value}' (at least ${opts.min ?? 0})`,
    );
  }
  return v;
}

/** Throws the standard message for an argument the plugin does not know. */
export function unknownArg(plugin: string, arg: PluginArg, known: readonly string[]): never {
  throw new Error(
    `${plugin}: option parsing failed: ${arg.text} (known options: ${known.join(", ")})`,
  );
}

/** `0x` + lower-case hex of an unsigned value, zero-padded to `width` digits. */
export function hex(v: number, width = 0): string {
  return "0x" + Math.trunc(v).toString(16).padStart(width, "0");
}
