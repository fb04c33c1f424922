/**
 * traps: interrupts, exceptions and host calls taken per vCPU, counted from discontinuity
 * callbacks (QEMU's contrib/plugins/traps.c). No options. At exit:
 *
 * ```
 * VCPU, interrupts, exceptions, hostcalls
 *    0,          5,         13,          1
 * ```
 *
 * Host calls are the PSCI calls a guest makes to the firmware (HVC), as QEMU counts them.
 *
 * @module
 */

import { DisconType } from "../../plugins/api.ts";
import type { PluginApi, PluginInfo } from "../../plugins/api.ts";
import { splitArgs, unknownArg } from "./args.ts";

const PLUGIN = "traps";

/** printf's `% Nd` for a non-negative number: a sign space, then padded to width N. */
function spaceSigned(n: number, width: number): string {
  return (" " + n).padStart(width);
}

/** Installs traps. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): void {
  for (const a of splitArgs(PLUGIN, args)) unknownArg(PLUGIN, a, []);
  const counts = api.scoreboardNew(3);
  const slot = {
    [DisconType.INTERRUPT]: counts.u64(0),
    [DisconType.EXCEPTION]: counts.u64(1),
    [DisconType.HOSTCALL]: counts.u64(2),
  } as Record<number, ReturnType<typeof counts.u64>>;

  api.onVcpuDiscon(DisconType.ALL, (vcpu, type) => slot[type]?.add(vcpu, 1));

  api.onExit(() => {
    let out = "VCPU, interrupts, exceptions, hostcalls\n";
    for (let v = 0; v < api.numVcpus(); v++) {
      const row = counts.find(v);
      out += `${spaceSigned(v, 4)}, ${spaceSigned(row[0], 10)}, ${spaceSigned(row[1], 10)}, ` +
        `${spaceSigned(row[2], 10)}\n`;
    }
    api.outs(out);
  });
}
