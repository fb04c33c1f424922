/** Benchmark plugin (a): counts instructions with an inline scoreboard add per instruction. */
import { InlineOp } from "../../plugins/api.ts";
import type { PluginApi } from "../../plugins/api.ts";

/** Installs the counter; prints the total at exit (with `-d plugin`). */
export function install(api: PluginApi): void {
  const count = api.scoreboardNew(1).u64(0);
  api.onTbTrans((tb) => {
    for (let i = 0; i < tb.nInsns; i++) tb.insn(i)!.registerExecInline(InlineOp.ADD_U64, count, 1);
  });
  api.onExit(() => api.outs(`insns: ${count.sum()}\n`));
}
