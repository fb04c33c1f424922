/** Benchmark plugin (b): a callback before every instruction (no register access). */
import { CbFlags } from "../../plugins/api.ts";
import type { PluginApi } from "../../plugins/api.ts";

/** Installs the callback; prints the count at exit (with `-d plugin`). */
export function install(api: PluginApi): void {
  let n = 0;
  const cb = () => {
    n++;
  };
  api.onTbTrans((tb) => {
    for (let i = 0; i < tb.nInsns; i++) tb.insn(i)!.registerExecCb(cb, CbFlags.NO_REGS);
  });
  api.onExit(() => api.outs(`insns: ${n}\n`));
}
