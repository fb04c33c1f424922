/**
 * lockstep: compare the execution of two runs block by block and report where they
 * diverge (QEMU's contrib/plugins/lockstep.c). QEMU runs two instances side by side over a
 * Unix socket; tsemu records one run to a trace file and compares a later run against it
 * (the plugin API is synchronous and Deno has no synchronous sockets, so `sockpath=` is
 * refused with an explanation).
 *
 * Every executed block contributes one record: its start pc and the number of instructions
 * executed before it (16 bytes, two little-endian u64). When the pcs differ, QEMU's lines:
 *
 * ```
 * @ 0x0000000040100778 (1030) vs 0x00000000401007c8 (1030) (1/0 since last)
 * Δ too high, we have diverged, previous insns
 *   previously @ 0x0000000040100770/2 (1030 insns)
 * giving up
 * ```
 *
 * A divergence is printed when it is the first, when it follows the previous one by one
 * block, or with `verbose=on`; two in a row one block apart mean the runs have parted for
 * good, and the plugin gives up (uninstalls itself). At exit: `No divergence :-)` (or the
 * number of divergences), `Executed N/M blocks`, `Executed ~N instructions`.
 *
 * Options: `record=FILE` or `compare=FILE` (one of them), `verbose=on`.
 *
 * @module
 */

import { CbFlags } from "../../plugins/api.ts";
import type { PluginApi, PluginInfo } from "../../plugins/api.ts";
import { boolArg, splitArgs, unknownArg } from "./args.ts";

const PLUGIN = "lockstep";
/** Bytes per record. */
export const LOCKSTEP_RECORD = 16;
/** Previous blocks shown when giving up. */
const HISTORY = 5;

interface BlockInfo {
  pc: number;
  insns: number;
}

interface ExecInfo {
  block: BlockInfo;
  /** Instructions executed up to the end of this block. */
  insnCount: number;
}

const hex16 = (n: number) => "0x" + n.toString(16).padStart(16, "0");

/** Installs lockstep. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): void {
  let verbose = false;
  let record: string | null = null;
  let compare: string | null = null;
  for (const a of splitArgs(PLUGIN, args)) {
    if (a.name === "verbose") verbose = boolArg(api, PLUGIN, a);
    else if (a.name === "record") record = a.value;
    else if (a.name === "compare") compare = a.value;
    else if (a.name === "sockpath") {
      throw new Error(
        `${PLUGIN}: sockpath= is not supported (no synchronous sockets in Deno): ` +
          "record one run with record=FILE, then run the other with compare=FILE",
      );
    } else unknownArg(PLUGIN, a, ["record", "compare", "verbose"]);
  }
  if ((record === null) === (compare === null)) {
    throw new Error(`${PLUGIN}: give exactly one of record=FILE and compare=FILE`);
  }

  let out: Deno.FsFile | null = null;
  let trace: DataView | null = null;
  if (record !== null) {
    try {
      out = Deno.openSync(record, { write: true, create: true, truncate: true });
    } catch (e) {
      throw new Error(`${PLUGIN}: record=${record}: ${(e as Error).message}`);
    }
  } else {
    try {
      const bytes = Deno.readFileSync(compare!);
      trace = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    } catch (e) {
      throw new Error(`${PLUGIN}: compare=${compare}: ${(e as Error).message}`);
    }
  }

  const buf = new Uint8Array(LOCKSTEP_RECORD * 4096);
  const bufView = new DataView(buf.buffer);
  let bufUsed = 0;
  const flush = () => {
    if (out && bufUsed) out.writeSync(buf.subarray(0, bufUsed));
    bufUsed = 0;
  };

  let bbCount = 0;
  let insnCount = 0;
  let divergences = 0;
  let lastDivergence: { bbCount: number; distance: number } | null = null;
  const recent: ExecInfo[] = []; // newest last, at most HISTORY
  let stopped = false;

  const report = (usPc: number, themPc: number, themCount: number) => {
    const distance = lastDivergence ? bbCount - lastDivergence.bbCount : 0;
    const diverged = distance === 1 && lastDivergence?.distance === 1;
    lastDivergence = { bbCount, distance };
    divergences++;
    if (verbose || divergences === 1 || distance === 1 || diverged) {
      api.outs(
        `@ ${hex16(usPc)} (${insnCount}) vs ${hex16(themPc)} (${themCount}) ` +
          `(${divergences}/${distance} since last)\n`,
      );
    }
    if (diverged) {
      let s = "Δ too high, we have diverged, previous insns\n";
      for (const e of [...recent].reverse()) {
        s += `  previously @ ${hex16(e.block.pc)}/${e.block.insns} (${e.insnCount} insns)\n`;
      }
      api.outs(s + "giving up\n");
      stopped = true;
      api.uninstall();
    }
  };

  const onExec = (_vcpu: number, bi: BlockInfo) => {
    if (stopped) return;
    if (out) {
      bufView.setBigUint64(bufUsed, BigInt(bi.pc), true);
      bufView.setBigUint64(bufUsed + 8, BigInt(insnCount), true);
      bufUsed += LOCKSTEP_RECORD;
      if (bufUsed === buf.length) flush();
    } else if (trace) {
      const off = bbCount * LOCKSTEP_RECORD;
      if (off + LOCKSTEP_RECORD > trace.byteLength) {
        api.outs(`read less than expected: the trace ends after ${bbCount} blocks\n`);
        stopped = true;
        api.uninstall();
        return;
      }
      const themPc = Number(trace.getBigUint64(off, true));
      if (themPc !== bi.pc) report(bi.pc, themPc, Number(trace.getBigUint64(off + 8, true)));
    }
    insnCount += bi.insns;
    bbCount++;
    recent.push({ block: bi, insnCount });
    if (recent.length > HISTORY) recent.shift();
  };

  api.onTbTrans((tb) => {
    tb.registerExecCb(onExec, CbFlags.NO_REGS, { pc: tb.vaddr, insns: tb.nInsns });
  });

  api.onExit(() => {
    flush();
    out?.close();
    out = null;
    api.outs(
      (divergences ? `${divergences} divergences\n` : "No divergence :-)\n") +
        `Executed ${bbCount}/${bbCount} blocks\nExecuted ~${insnCount} instructions\n`,
    );
  });
}
