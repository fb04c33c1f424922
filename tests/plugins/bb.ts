/**
 * bb: counts executed translation blocks and instructions (QEMU's tests/tcg/plugins/bb.c).
 *
 * Arguments: `inline=on` counts with scoreboard inline adds instead of TB callbacks;
 * `idle=on` also prints the counts whenever the vCPU goes idle (WFI).
 * Output at exit: `bb's: N, insns: M`.
 *
 * @module
 */

import type { PluginApi, PluginInfo, PluginTb, ScoreboardU64 } from "../../plugins/api.ts";
import { CbFlags, InlineOp } from "../../plugins/api.ts";

/** Parses `name=value` arguments of this plugin; throws on an unknown or malformed one. */
function parseArgs(api: PluginApi, args: string[]): { inline: boolean; idle: boolean } {
  const opts = { inline: false, idle: false };
  for (const arg of args) {
    const [name, value] = [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)];
    if (name !== "inline" && name !== "idle") throw new Error(`option parsing failed: ${arg}`);
    const b = api.boolParse(name, value);
    if (b === undefined) throw new Error(`boolean argument parsing failed: ${arg}`);
    if (name === "inline") opts.inline = b;
    else opts.idle = b;
  }
  return opts;
}

/** Plugin entry point. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): number {
  const opts = parseArgs(api, args);
  const counts = api.scoreboardNew(2);
  const bbs: ScoreboardU64 = counts.u64(0);
  const insns: ScoreboardU64 = counts.u64(1);
  const report = () => {
    api.outs(`bb's: ${bbs.sum()}, insns: ${insns.sum()}\n`);
  };

  api.onTbTrans((tb: PluginTb) => {
    const n = tb.nInsns;
    if (opts.inline) {
      tb.registerExecInline(InlineOp.ADD_U64, bbs, 1);
      tb.registerExecInline(InlineOp.ADD_U64, insns, n);
    } else {
      tb.registerExecCb(
        (vcpu: number, len: number) => {
          bbs.add(vcpu, 1);
          insns.add(vcpu, len);
        },
        CbFlags.NO_REGS,
        n,
      );
    }
  });
  if (opts.idle) api.onVcpuIdle(report);
  api.onExit(report);
  return 0;
}
