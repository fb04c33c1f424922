/** Benchmark plugin: an inline instruction counter plus a callback on every memory access. */
import { CbFlags, InlineOp, MemRW } from "../../plugins/api.ts";
import type { PluginApi } from "../../plugins/api.ts";

/** Installs the counter and the memory callback; prints both totals at exit. */
export function install(api: PluginApi): void {
  const count = api.scoreboardNew(1).u64(0);
  let accesses = 0;
  const cb = () => {
    accesses++;
  };
  api.onTbTrans((tb) => {
    for (let i = 0; i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      insn.registerExecInline(InlineOp.ADD_U64, count, 1);
      insn.registerMemCb(cb, CbFlags.NO_REGS, MemRW.RW);
    }
  });
  api.onExit(() => api.outs(`insns: ${count.sum()} accesses: ${accesses}\n`));
}
