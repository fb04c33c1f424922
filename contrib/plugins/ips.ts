/**
 * ips: run the guest at a fixed number of instructions per second (QEMU's
 * contrib/plugins/ips.c). The plugin takes control of virtual time: every quantum of `ipq`
 * instructions a vCPU has run, virtual time is set to (instructions run) / ips, and if the
 * vCPU is ahead of the wall clock the emulator sleeps until it is not. So a guest sees time
 * pass as on a CPU of that speed, and runs no faster than that in real time.
 *
 * Options: `ips=N[k|m|g]` (default 1g, at least 10), `ipq=N` (instructions per quantum,
 * default ips / 10). No output. Only one plugin can control time.
 *
 * @module
 */

import { CbFlags, Cond, InlineOp } from "../../plugins/api.ts";
import type { PluginApi, PluginInfo } from "../../plugins/api.ts";
import { splitArgs, uintArg, unknownArg } from "./args.ts";

const PLUGIN = "ips";
const NS_PER_SEC = 1e9;

/** Blocks the thread for `ms` milliseconds (the emulator runs synchronously). */
function sleepMs(ms: number): void {
  if (ms <= 0) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Installs ips. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): void {
  let ips = 1e9;
  let ipq: number | null = null;
  for (const a of splitArgs(PLUGIN, args)) {
    if (a.name === "ips") ips = uintArg(PLUGIN, a, { suffixes: true });
    else if (a.name === "ipq") ipq = uintArg(PLUGIN, a, { min: 1 });
    else unknownArg(PLUGIN, a, ["ips", "ipq"]);
  }
  if (ips < 10) throw new Error(`${PLUGIN}: minimum of 10 instructions per second needed`);
  const quantum = ipq ?? Math.floor(ips / 10);
  if (quantum < 1 || quantum > ips) throw new Error(`${PLUGIN}: bad ipq value: ${quantum}`);
  const time = api.requestTimeControl();
  if (!time) throw new Error(`${PLUGIN}: another plugin already controls virtual time`);

  const quantumInsns = api.scoreboardNew().u64();
  const totalInsns: number[] = [];
  const start = performance.now();
  let virtualNs = 0;

  /** Accounts the vCPU's quantum, sleeps while it runs ahead of the wall clock, moves time. */
  const updateSystemTime = (vcpu: number) => {
    const total = (totalInsns[vcpu] ?? 0) + quantumInsns.get(vcpu);
    totalInsns[vcpu] = total;
    quantumInsns.set(vcpu, 0);
    const dueNs = (total / ips) * NS_PER_SEC;
    const elapsedNs = (performance.now() - start) * 1e6;
    if (dueNs > elapsedNs) sleepMs((dueNs - elapsedNs) / 1e6);
    if (dueNs > virtualNs) {
      virtualNs = dueNs;
      time.updateNs(Math.floor(dueNs));
    }
  };

  api.onTbTrans((tb) => {
    tb.registerExecInline(InlineOp.ADD_U64, quantumInsns, tb.nInsns);
    tb.registerExecCondCb(updateSystemTime, CbFlags.NO_REGS, Cond.GE, quantumInsns, quantum);
  });
  api.onVcpuIdle(updateSystemTime);
  api.onVcpuExit(updateSystemTime);
}
