/**
 * stoptrigger: end emulation after N instructions or when the guest reaches an address
 * (QEMU's contrib/plugins/stoptrigger.c), with a chosen exit status.
 *
 * Options: `icount=N[:CODE]` (stop before instruction N + 1 runs, i.e. after N instructions:
 * prints `icount reached at 0x<pc>, exiting`), `addr=ADDR[:CODE]` (repeatable; stop before
 * the instruction at ADDR runs: prints `0x<addr> reached, exiting`). N and ADDR are decimal
 * or 0x-prefixed hex. CODE is the process exit status (default 0, or `exitcode=CODE`, a
 * tsemu addition). At least one of icount and addr is required. Output needs `-d plugin`;
 * the other plugins' atexit reports still run.
 *
 * @module
 */

import { CbFlags, Cond, InlineOp } from "../../plugins/api.ts";
import type { PluginApi, PluginInfo } from "../../plugins/api.ts";
import { splitArgs, unknownArg } from "./args.ts";

const PLUGIN = "stoptrigger";

/** Parses `N[:CODE]`; CODE is null when absent. */
function parseTrigger(name: string, value: string): { n: number; code: number | null } {
  const m = /^(0x[0-9a-f]+|\d+)(?::(-?\d+))?$/i.exec(value);
  const n = m ? Number(m[1]) : NaN;
  if (!m || !Number.isSafeInteger(n)) {
    throw new Error(`${PLUGIN}: ${name}=${value}: expected a number, optionally :exit code`);
  }
  return { n, code: m[2] === undefined ? null : Number(m[2]) };
}

/** Installs stoptrigger. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): void {
  let icount: { n: number; code: number | null } | null = null;
  const addrs = new Map<number, number | null>();
  let defaultCode = 0;
  for (const a of splitArgs(PLUGIN, args)) {
    if (a.name === "icount") icount = parseTrigger(a.name, a.value);
    else if (a.name === "addr") {
      const t = parseTrigger(a.name, a.value);
      addrs.set(t.n >>> 0, t.code);
    } else if (a.name === "exitcode") {
      if (!/^-?\d+$/.test(a.value)) throw new Error(`${PLUGIN}: exitcode=${a.value}: not a number`);
      defaultCode = Number(a.value);
    } else unknownArg(PLUGIN, a, ["icount", "addr", "exitcode"]);
  }
  if (icount === null && addrs.size === 0) {
    throw new Error(`${PLUGIN}: 'icount' or 'addr' argument missing`);
  }

  const counter = icount ? api.scoreboardNew().u64() : null;
  const icountCode = icount?.code ?? defaultCode;
  const onIcount = (_vcpu: number, pc: number) => {
    api.outs(`icount reached at 0x${pc.toString(16)}, exiting\n`);
    api.requestExit(icountCode);
  };
  const onAddr = (_vcpu: number, pc: number) => {
    api.outs(`0x${pc.toString(16)} reached, exiting\n`);
    api.requestExit(addrs.get(pc) ?? defaultCode);
  };

  api.onTbTrans((tb) => {
    for (let i = 0; i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      if (counter && icount) {
        insn.registerExecInline(InlineOp.ADD_U64, counter, 1);
        insn.registerExecCondCb(
          onIcount,
          CbFlags.NO_REGS,
          Cond.EQ,
          counter,
          icount.n + 1,
          insn.vaddr,
        );
      }
      if (addrs.has(insn.vaddr)) insn.registerExecCb(onAddr, CbFlags.NO_REGS, insn.vaddr);
    }
  });
}
