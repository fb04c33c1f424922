/**
 * bbv: basic-block vectors for SimPoint (QEMU's contrib/plugins/bbv.c). Every `interval`
 * guest instructions, each vCPU appends to `OUTFILE.<vcpu>.bb` one line
 *
 * ```
 * T:1:10 :2:14985 :7:3
 * ```
 *
 * giving, for every block that ran in the interval, its index (1-based, in order of first
 * translation; a block is identified by its start address) and the number of instructions
 * it executed. The last, partial interval is not written (as in QEMU).
 *
 * Options: `interval=N` (default 100000000), `outfile=PATH` (required; files are
 * overwritten; the directory must exist).
 *
 * @module
 */

import { CbFlags, Cond, InlineOp } from "../../plugins/api.ts";
import type { PluginApi, PluginInfo, ScoreboardU64 } from "../../plugins/api.ts";
import { splitArgs, uintArg, unknownArg } from "./args.ts";

const PLUGIN = "bbv";

interface Bb {
  index: number;
  count: ScoreboardU64;
}

/** Installs bbv. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): void {
  let interval = 100_000_000;
  let outfile: string | null = null;
  for (const a of splitArgs(PLUGIN, args)) {
    if (a.name === "interval") interval = uintArg(PLUGIN, a, { min: 1 });
    else if (a.name === "outfile" && a.value !== "") outfile = a.value;
    else unknownArg(PLUGIN, a, ["interval", "outfile"]);
  }
  if (outfile === null) throw new Error(`${PLUGIN}: outfile unspecified`);
  const slash = outfile.lastIndexOf("/");
  const dir = slash < 0 ? "." : slash === 0 ? "/" : outfile.slice(0, slash);
  try {
    if (!Deno.statSync(dir).isDirectory) throw new Error();
  } catch {
    throw new Error(`${PLUGIN}: outfile=${outfile}: directory ${dir} does not exist`);
  }
  const base = outfile;

  const bbs = new Map<number, Bb>();
  const order: Bb[] = [];
  const insns = api.scoreboardNew().u64();
  const files: (Deno.FsFile | undefined)[] = [];
  const enc = new TextEncoder();

  api.onVcpuInit((vcpu) => {
    files[vcpu] = Deno.openSync(`${base}.${vcpu}.bb`, {
      write: true,
      create: true,
      truncate: true,
    });
  });

  const onInterval = (vcpu: number) => {
    let line = "T";
    for (const bb of order) {
      const n = bb.count.get(vcpu);
      if (n === 0) continue;
      line += `:${bb.index}:${n} `;
      bb.count.set(vcpu, 0);
    }
    files[vcpu]?.writeSync(enc.encode(line + "\n"));
    insns.set(vcpu, 0);
  };

  api.onTbTrans((tb) => {
    let bb = bbs.get(tb.vaddr);
    if (!bb) {
      bb = { index: order.length + 1, count: api.scoreboardNew().u64() };
      bbs.set(tb.vaddr, bb);
      order.push(bb);
    }
    tb.registerExecInline(InlineOp.ADD_U64, insns, tb.nInsns);
    tb.registerExecInline(InlineOp.ADD_U64, bb.count, tb.nInsns);
    tb.registerExecCondCb(onInterval, CbFlags.NO_REGS, Cond.GE, insns, interval);
  });

  api.onExit(() => {
    for (const f of files) f?.close();
    files.length = 0;
  });
}
