/**
 * reset: the order of operations of QEMU's tests/tcg/plugins/reset.c. After `n` instructions
 * (default 1000) it calls `reset`; the reset-done callback prints `reset done` and registers a
 * new TB-translation callback; after `m` more instructions (default 2000) it calls
 * `uninstall`, whose done callback prints `uninstall done` and the counts. Every callback
 * checks that it belongs to the current phase; `state` (exported for tests, as QEMU's test
 * uses a destructor) records stale calls.
 *
 * @module
 */

import type { PluginApi, PluginInfo, PluginTb } from "../../plugins/api.ts";
import { CbFlags } from "../../plugins/api.ts";

/** What happened, for tests: phases 1 (before reset), 2 (after), 3 (uninstalled). */
export const state = {
  phase: 0,
  phase1Insns: 0,
  phase2Insns: 0,
  stale: 0,
  flushes: 0,
  exitRan: false,
};

/** Plugin entry point. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): number {
  const o: Record<string, string> = { n: "1000", m: "2000" };
  for (const arg of args) o[arg.slice(0, arg.indexOf("="))] = arg.slice(arg.indexOf("=") + 1);
  const n = Number(o.n), m = Number(o.m);
  Object.assign(state, {
    phase: 1,
    phase1Insns: 0,
    phase2Insns: 0,
    stale: 0,
    flushes: 0,
    exitRan: false,
  });
  let resetAsked = false;
  let uninstallAsked = false;

  const phase2 = (tb: PluginTb) => {
    if (state.phase !== 2) state.stale++;
    for (let i = 0; i < tb.nInsns; i++) {
      tb.insn(i)!.registerExecCb(() => {
        if (state.phase !== 2) state.stale++;
        if (++state.phase2Insns === m && !uninstallAsked) {
          uninstallAsked = true;
          api.uninstall(() => {
            state.phase = 3;
            api.outs(
              `uninstall done: phase 1 ${state.phase1Insns} insns, phase 2 ${state.phase2Insns}` +
                ` insns, flushes ${state.flushes}\n`,
            );
          });
        }
      }, CbFlags.NO_REGS);
    }
  };

  api.onTbTrans((tb: PluginTb) => {
    if (state.phase !== 1) state.stale++;
    for (let i = 0; i < tb.nInsns; i++) {
      tb.insn(i)!.registerExecCb(() => {
        if (state.phase !== 1) state.stale++;
        if (++state.phase1Insns === n && !resetAsked) {
          resetAsked = true;
          api.reset(() => {
            state.phase = 2;
            api.outs("reset done\n");
            api.onTbTrans(phase2);
          });
        }
      }, CbFlags.NO_REGS);
    }
  });
  api.onFlush(() => state.flushes++);
  // Dropped by the reset, as in QEMU: it must never run.
  api.onExit(() => state.exitRan = true);
  return 0;
}
