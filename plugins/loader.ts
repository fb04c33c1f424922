/**
 * Loads `-plugin` modules. The plugin API itself is not implemented yet: a `-plugin` option
 * is refused with a clear message until it is.
 *
 * @module
 */

import { UsageError } from "../util/log.ts";
import type { Log } from "../util/log.ts";
import type { PluginSpec } from "../system/cmdline.ts";
import type { VirtMachine } from "../hw/arm/virt.ts";

/** Loads every requested plugin into `machine`; throws UsageError naming a plugin that fails. */
export function loadPlugins(_machine: VirtMachine, specs: PluginSpec[], _log: Log): Promise<void> {
  if (specs.length > 0) {
    throw new UsageError(`-plugin ${specs[0].path}: the plugin API is not implemented yet`);
  }
  return Promise.resolve();
}
