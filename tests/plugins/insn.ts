/**
 * insn: counts executed instructions (QEMU's tests/tcg/plugins/insn.c). An instruction counts
 * once the code before it ran, as in QEMU: one that then raises an exception is counted.
 *
 * Arguments: `inline=on` counts with a scoreboard inline add per instruction instead of a
 * callback; `sizes=on` also counts by instruction length; `match=PREFIX` (repeatable) counts
 * the instructions whose disassembly starts with PREFIX, per address.
 * At vCPU start it reads every register (a smoke test of the register API, as insn.c does).
 * Output: `cpu 0 insns: N`, `total insns: N`, then `len 4 bytes: N insns` lines with sizes,
 * and per match `Match: PREFIX, hits N` followed by `  ADDR: DISAS (hits N)` lines.
 *
 * @module
 */

import type { PluginApi, PluginInfo, PluginTb } from "../../plugins/api.ts";
import { CbFlags, InlineOp } from "../../plugins/api.ts";

/** One instruction address matching a `match=` prefix. */
interface MatchRecord {
  vaddr: number;
  disas: string;
  hits: number;
}

/** Plugin entry point. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): number {
  let inline = false;
  let sizes = false;
  const matches = new Map<string, Map<number, MatchRecord>>();
  for (const arg of args) {
    const eq = arg.indexOf("=");
    const name = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    if (name === "match") {
      matches.set(value, new Map());
    } else if (name === "inline" || name === "sizes") {
      const b = api.boolParse(name, value);
      if (b === undefined) throw new Error(`boolean argument parsing failed: ${arg}`);
      if (name === "inline") inline = b;
      else sizes = b;
    } else {
      throw new Error(`option parsing failed: ${arg}`);
    }
  }

  const count = api.scoreboardNew(1).u64();
  const bySize = new Map<number, number>();

  api.onVcpuInit(() => {
    for (const reg of api.getRegisters()) {
      if (api.readRegister(reg.handle) === null) {
        throw new Error(`cannot read register ${reg.name} at vCPU start`);
      }
    }
  });

  api.onTbTrans((tb: PluginTb) => {
    for (let i = 0; i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      if (inline) insn.registerExecInline(InlineOp.ADD_U64, count, 1);
      else insn.registerExecCb((vcpu: number) => count.add(vcpu, 1), CbFlags.NO_REGS);
      if (sizes) {
        const size = insn.size;
        insn.registerExecCb(() => bySize.set(size, (bySize.get(size) ?? 0) + 1), CbFlags.NO_REGS);
      }
      if (matches.size) {
        const disas = insn.disas();
        for (const [prefix, records] of matches) {
          if (!disas.startsWith(prefix)) continue;
          const vaddr = insn.vaddr;
          let rec = records.get(vaddr);
          if (!rec) records.set(vaddr, rec = { vaddr, disas, hits: 0 });
          const r = rec;
          insn.registerExecCb(() => r.hits++, CbFlags.NO_REGS);
        }
      }
    }
  });

  api.onExit(() => {
    let text = "";
    for (let v = 0; v < api.numVcpus(); v++) text += `cpu ${v} insns: ${count.get(v)}\n`;
    text += `total insns: ${count.sum()}\n`;
    for (const [size, n] of [...bySize].sort((a, b) => a[0] - b[0])) {
      text += `len ${size} bytes: ${n} insns\n`;
    }
    for (const [prefix, records] of matches) {
      const recs = [...records.values()].sort((a, b) => a.vaddr - b.vaddr);
      text += `Match: ${prefix}, hits ${recs.reduce((s, r) => s + r.hits, 0)}\n`;
      for (const r of recs) text += `  ${r.vaddr.toString(16)}: ${r.disas} (hits ${r.hits})\n`;
    }
    api.outs(text);
  });
  return 0;
}
