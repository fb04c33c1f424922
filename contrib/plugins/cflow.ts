/**
 * cflow: control-flow edges and their frequencies (QEMU's contrib/plugins/cflow.c).
 *
 * At the start of every block the plugin checks whether execution continued linearly from
 * the previous block; if not, the previous block's last executed instruction is a control
 * flow node and the edge to this block is counted. If that instruction was not the last of
 * its block, the block ended early (a synchronous fault or an interrupt). At exit, the top
 * nodes:
 *
 * ```
 * collected 607 control flow nodes in the hash table
 *   addr: 0x40100780 hot_loop: bne #0x40100778 (branch)
 *     branches 4999
 *       to 0x40100778 (4999)
 * ```
 *
 * (`(null)` stands where the node has no symbol, as QEMU prints it.) Branches not taken
 * (falling through to the next block) are not edges.
 *
 * Options: `sort=hottest` (most taken edges, the default), `sort=early` (most early exits),
 * `sort=popular` (most distinct destinations; QEMU spells it `sort=exceptions`, which is
 * accepted too); `topn=N` (nodes listed, default 10; a tsemu addition).
 *
 * @module
 */

import { CbFlags, Cond, InlineOp } from "../../plugins/api.ts";
import type { PluginApi, PluginInfo } from "../../plugins/api.ts";
import { splitArgs, uintArg, unknownArg } from "./args.ts";

const PLUGIN = "cflow";

/** A place control flow left from. */
interface NodeData {
  addr: number;
  disas: string;
  symbol: string | null;
  /** Destination address -> times taken, in order of first use. */
  dests: Map<number, number>;
  earlyExits: number;
  destCount: number;
  /** Translated in the middle of a block (so a leave from it is a fault). */
  midCount: number;
}

type SortBy = "hottest" | "early" | "popular";

/** Installs cflow. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): void {
  let sort: SortBy = "hottest";
  let topn = 10;
  for (const a of splitArgs(PLUGIN, args)) {
    if (a.name === "sort") {
      if (a.value === "hottest" || a.value === "early" || a.value === "popular") sort = a.value;
      else if (a.value === "exceptions") sort = "popular";
      else throw new Error(`${PLUGIN}: failed to parse: sort=${a.value} (hottest, early, popular)`);
    } else if (a.name === "topn") {
      topn = uintArg(PLUGIN, a);
    } else {
      unknownArg(PLUGIN, a, ["sort", "topn"]);
    }
  }

  // Per vCPU: [tb_pc, end_block, pc_after_block, last_pc].
  const state = api.scoreboardNew(4);
  const tbPc = state.u64(0), endBlock = state.u64(1), pcAfter = state.u64(2), lastPc = state.u64(3);
  const nodes = new Map<number, NodeData>();

  const node = (addr: number): NodeData => {
    let n = nodes.get(addr);
    if (!n) {
      n = {
        addr,
        disas: "",
        symbol: null,
        dests: new Map(),
        earlyExits: 0,
        destCount: 0,
        midCount: 0,
      };
      nodes.set(addr, n);
    }
    return n;
  };

  const onBranched = (vcpu: number) => {
    const lpc = lastPc.get(vcpu);
    if (lpc === 0) return; // nothing ran before
    const n = node(lpc);
    const pc = tbPc.get(vcpu);
    if (lpc !== endBlock.get(vcpu)) {
      n.earlyExits++;
      if (!n.midCount) n.midCount++;
    }
    n.dests.set(pc, (n.dests.get(pc) ?? 0) + 1);
    n.destCount++;
  };

  api.onTbTrans((tb) => {
    const first = tb.insn(0)!;
    const last = tb.insn(tb.nInsns - 1)!;
    tb.registerExecInline(InlineOp.STORE_U64, tbPc, tb.vaddr);
    tb.registerExecCondCb(onBranched, CbFlags.NO_REGS, Cond.NE, pcAfter, tb.vaddr);
    first.registerExecInline(InlineOp.STORE_U64, endBlock, last.vaddr);
    first.registerExecInline(InlineOp.STORE_U64, pcAfter, last.vaddr + last.size);
    for (let i = 0; i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      const n = node(insn.vaddr);
      if (!n.disas) n.disas = insn.disas();
      n.symbol ??= insn.symbol();
      if (i !== tb.nInsns - 1) n.midCount++;
      insn.registerExecInline(InlineOp.STORE_U64, lastPc, insn.vaddr);
    }
  });

  api.onExit(() => {
    let out = `collected ${nodes.size} control flow nodes in the hash table\n`;
    const key = (n: NodeData) =>
      sort === "hottest" ? n.destCount : sort === "early" ? n.earlyExits : n.dests.size;
    const branched = [...nodes.values()].filter((n) => n.destCount > 0)
      .sort((a, b) => key(b) - key(a) || a.addr - b.addr);
    for (const n of branched.slice(0, topn)) {
      const type = n.midCount ? "sync fault" : "branch";
      out += `  addr: 0x${n.addr.toString(16)} ${n.symbol ?? "(null)"}: ${n.disas} (${type})\n`;
      if (n.earlyExits) out += `    early exits ${n.earlyExits}\n`;
      out += `    branches ${n.destCount}\n`;
      for (const [to, count] of n.dests) out += `      to 0x${to.toString(16)} (${count})\n`;
    }
    api.outs(out);
  });
}
