/** Benchmark plugin (c): a callback on every memory access, counting loads and stores. */
import { CbFlags, MemRW } from "../../plugins/api.ts";
import type { MemInfo, PluginApi } from "../../plugins/api.ts";

/** Installs the memory callback; prints the counts at exit (with `-d plugin`). */
export function install(api: PluginApi): void {
  let loads = 0;
  let stores = 0;
  const cb = (_vcpu: number, mi: MemInfo) => {
    if (mi.isStore) stores++;
    else loads++;
  };
  api.onTbTrans((tb) => {
    for (let i = 0; i < tb.nInsns; i++) tb.insn(i)!.registerMemCb(cb, CbFlags.NO_REGS, MemRW.RW);
  });
  api.onExit(() => api.outs(`loads: ${loads} stores: ${stores}\n`));
}
