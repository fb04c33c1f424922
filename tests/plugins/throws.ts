/**
 * throws: a plugin that fails on purpose, to test how tsemu reports and unloads a failing
 * plugin. `where=insn|mem|tb|tb_trans|init|discon|exit` picks the callback that throws (at its
 * `after`-th call, default 100; 1 for init and exit); `where=install` throws from install and
 * `where=install-rc` makes install return -1; `where=stale-handle` keeps a TB handle and uses
 * it from an exec callback (handles are valid only during tb_trans). Its atexit callback prints `throws: exit`
 * (it must not run once the plugin is unloaded).
 *
 * @module
 */

import type { PluginApi, PluginInfo, PluginTb } from "../../plugins/api.ts";
import { CbFlags, DisconType, MemRW } from "../../plugins/api.ts";

/** Plugin entry point. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): number {
  const o: Record<string, string> = { where: "insn", after: "100" };
  for (const arg of args) o[arg.slice(0, arg.indexOf("="))] = arg.slice(arg.indexOf("=") + 1);
  if (o.where === "install") throw new Error("refusing to install");
  if (o.where === "install-rc") return -1;
  const after = Number(o.after);
  let calls = 0;
  const maybeThrow = () => {
    if (++calls === after) throw new Error(`boom in ${o.where} callback ${calls}`);
  };
  api.onTbTrans((tb: PluginTb) => {
    if (o.where === "tb_trans") maybeThrow();
    if (o.where === "tb") tb.registerExecCb(maybeThrow, CbFlags.NO_REGS);
    if (o.where === "stale-handle") {
      tb.registerExecCb(() => tb.registerExecCb(() => {}, CbFlags.NO_REGS), CbFlags.NO_REGS);
    }
    for (let i = 0; i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      if (o.where === "insn") insn.registerExecCb(maybeThrow, CbFlags.NO_REGS);
      if (o.where === "mem") insn.registerMemCb(maybeThrow, CbFlags.NO_REGS, MemRW.RW);
    }
  });
  if (o.where === "init") api.onVcpuInit(maybeThrow);
  if (o.where === "discon") api.onVcpuDiscon(DisconType.ALL, maybeThrow);
  if (o.where === "exit") api.onExit(maybeThrow);
  else api.onExit(() => api.outs("throws: exit\n"));
  return 0;
}
