/**
 * hotblocks: the most executed translation blocks (QEMU's contrib/plugins/hotblocks.c).
 *
 * A block is identified by its start pc and its instruction count (so blocks that start at
 * the same pc but end differently are separate entries). At exit:
 *
 * ```
 * collected 52 entries in the hash table
 * pc, tcount, icount, ecount
 * 0x0000000040100778, 1, 3, 5000
 * ```
 *
 * with tcount the number of translations, icount the block's instructions and ecount its
 * executions summed over vCPUs, most executed first (ties: lower pc first).
 *
 * Options: `inline=on` counts with an inline scoreboard add instead of a callback;
 * `limit=N` prints at most N blocks (default 20, 0 for all). Unlike QEMU, the last block of
 * the list is not dropped.
 *
 * @module
 */

import { CbFlags, InlineOp } from "../../plugins/api.ts";
import type { PluginApi, PluginInfo, ScoreboardU64 } from "../../plugins/api.ts";
import { boolArg, hex, splitArgs, uintArg, unknownArg } from "./args.ts";

const PLUGIN = "hotblocks";

/** One block: start pc and length, its translations and executions per vCPU. */
interface ExecCount {
  pc: number;
  insns: number;
  trans: number;
  exec: ScoreboardU64;
}

/** Installs hotblocks. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): void {
  let inline = false;
  let limit = 20;
  for (const a of splitArgs(PLUGIN, args)) {
    if (a.name === "inline") inline = boolArg(api, PLUGIN, a);
    else if (a.name === "limit") limit = uintArg(PLUGIN, a);
    else unknownArg(PLUGIN, a, ["inline", "limit"]);
  }

  const blocks = new Map<string, ExecCount>();
  const onExec = (vcpu: number, rec: ExecCount) => rec.exec.add(vcpu, 1);

  api.onTbTrans((tb) => {
    const key = `${tb.vaddr}:${tb.nInsns}`;
    let rec = blocks.get(key);
    if (rec) {
      rec.trans++;
    } else {
      rec = { pc: tb.vaddr, insns: tb.nInsns, trans: 1, exec: api.scoreboardNew().u64() };
      blocks.set(key, rec);
    }
    if (inline) tb.registerExecInline(InlineOp.ADD_U64, rec.exec, 1);
    else tb.registerExecCb(onExec, CbFlags.NO_REGS, rec);
  });

  api.onExit(() => {
    const sorted = [...blocks.values()].map((b) => ({ b, n: b.exec.sum() }))
      .sort((x, y) => y.n - x.n || x.b.pc - y.b.pc || x.b.insns - y.b.insns);
    let out = `collected ${blocks.size} entries in the hash table\n`;
    if (sorted.length) {
      out += "pc, tcount, icount, ecount\n";
      const shown = limit === 0 ? sorted : sorted.slice(0, limit);
      for (const { b, n } of shown) out += `${hex(b.pc, 16)}, ${b.trans}, ${b.insns}, ${n}\n`;
    }
    api.outs(out);
  });
}
