/**
 * Loads `-plugin PATH[,arg=V][,NAME=V]...` modules (QEMU's plugins/loader.c): imports each
 * TypeScript module, hands `install(api, info, args)` its API object, QEMU-style info and its
 * arguments as `NAME=VALUE` strings. Any failure stops start-up with one line naming the
 * plugin and the reason.
 *
 * @module
 */

import { UsageError } from "../util/log.ts";
import type { PluginSpec } from "../system/cmdline.ts";
import type { PluginInfo, PluginModule } from "./api.ts";
import type { PluginManager } from "./manager.ts";

/** Plugin API version implemented (QEMU's QEMU_PLUGIN_VERSION) and the oldest accepted. */
export const PLUGIN_API_VERSION = 7;
export const PLUGIN_API_MIN_VERSION = 7;

/** Absolute file URL of a plugin path given on the command line. */
function pluginUrl(path: string): URL {
  if (/^(https?|file|npm|jsr):/.test(path)) return new URL(path);
  const abs = path.startsWith("/") ? path : `${Deno.cwd()}/${path}`;
  return new URL(`file://${abs}`);
}

/** Name of a plugin: its file name without directories and extension (as QEMU's libNAME). */
export function pluginName(path: string): string {
  const base = path.split("/").pop() ?? path;
  return base.replace(/\.(ts|js|mjs|mts)$/, "").replace(/^lib/, "");
}

/** Loads every plugin in order into `manager`. */
export async function loadPlugins(
  manager: PluginManager,
  specs: readonly PluginSpec[],
  smpVcpus: number,
): Promise<void> {
  for (const spec of specs) {
    const where = `-plugin ${spec.path}`;
    const url = pluginUrl(spec.path);
    if (url.protocol === "file:") {
      try {
        const st = Deno.statSync(url);
        if (!st.isFile) throw new UsageError(`${where}: not a file`);
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`${where}: No such file or directory`);
      }
    }
    let mod: Partial<PluginModule>;
    try {
      mod = await import(url.href);
    } catch (e) {
      const msg = (e instanceof Error ? e.message : String(e)).split("\n")[0];
      throw new UsageError(`${where}: cannot load plugin: ${msg}`);
    }
    if (typeof mod.install !== "function") {
      throw new UsageError(`${where}: the module does not export an install() function`);
    }
    const { api } = manager.create(pluginName(spec.path), spec.path);
    const info: PluginInfo = {
      targetName: "arm",
      version: { min: PLUGIN_API_MIN_VERSION, cur: PLUGIN_API_VERSION },
      systemEmulation: true,
      system: { smpVcpus, maxVcpus: smpVcpus },
    };
    const argv = spec.args.map(([k, v]) => `${k}=${v}`);
    let rc: unknown;
    try {
      rc = mod.install(api, info, argv);
    } catch (e) {
      const msg = (e instanceof Error ? e.message : String(e)).split("\n")[0];
      throw new UsageError(`${where}: install failed: ${msg}`);
    }
    if (typeof rc === "number" && rc !== 0) {
      throw new UsageError(`${where}: install failed with status ${rc} (bad arguments?)`);
    }
  }
}
