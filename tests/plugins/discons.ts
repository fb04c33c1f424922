/**
 * discons: checks discontinuities (QEMU's tests/tcg/plugins/discons.c). Every instruction
 * inline-stores its address; a discontinuity callback checks that `fromPc` is the instruction
 * that trapped (the last one whose code ran) for exceptions and host calls, and remembers
 * `toPc`; a conditional callback on the next instruction checks that execution continues at
 * `toPc`. For interrupts, `fromPc` is the instruction that would have run next: it must not
 * be the last one that ran.
 *
 * Arguments: `type=interrupt|exception|hostcall|all` (default all) selects what to listen to;
 * `abort=off` reports mismatches at exit instead of failing at once (default on:
 * the callback throws and tsemu unloads the plugin); `trace-all=on` prints every
 * discontinuity as `TYPE from 0xFROM to 0xTO`.
 * Output at exit: `interrupts: I, exceptions: E, hostcalls: H, mismatches: M`.
 *
 * @module
 */

import type { PluginApi, PluginInfo, PluginTb } from "../../plugins/api.ts";
import { CbFlags, Cond, DisconType, InlineOp } from "../../plugins/api.ts";

const NAMES: Record<number, string> = {
  [DisconType.INTERRUPT]: "interrupt",
  [DisconType.EXCEPTION]: "exception",
  [DisconType.HOSTCALL]: "hostcall",
};

/** Plugin entry point. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): number {
  let abort = true;
  let traceAll = false;
  let mask = DisconType.ALL;
  for (const arg of args) {
    const eq = arg.indexOf("=");
    const name = arg.slice(0, eq);
    if (name === "type") {
      const value = arg.slice(eq + 1);
      const t = Object.entries(NAMES).find(([, n]) => n === value);
      if (!t && value !== "all") throw new Error(`invalid discontinuity type: ${arg}`);
      mask = t ? Number(t[0]) as DisconType : DisconType.ALL;
      continue;
    }
    const b = api.boolParse(name, arg.slice(eq + 1));
    if (b === undefined) throw new Error(`boolean argument parsing failed: ${arg}`);
    if (name === "abort") abort = b;
    else if (name === "trace-all") traceAll = b;
    else throw new Error(`option parsing failed: ${arg}`);
  }
  // Slots: last instruction that ran, expected target, whether a target is pending.
  const sb = api.scoreboardNew(3);
  const lastPc = sb.u64(0);
  const toPc = sb.u64(1);
  const hasTo = sb.u64(2);
  const counts = { [DisconType.INTERRUPT]: 0, [DisconType.EXCEPTION]: 0, [DisconType.HOSTCALL]: 0 };
  let mismatches = 0;
  const mismatch = (text: string) => {
    mismatches++;
    if (abort) throw new Error(text);
    api.outs(text + "\n");
  };

  api.onTbTrans((tb: PluginTb) => {
    for (let i = 0; i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      const pc = insn.vaddr;
      // Runs only while a target is pending: the first instruction after a discontinuity.
      insn.registerExecCondCb(
        (vcpu: number) => {
          hasTo.set(vcpu, 0);
          if (toPc.get(vcpu) !== pc) {
            mismatch(
              `discon target mismatch on VCPU ${vcpu}: expected 0x${
                toPc.get(vcpu).toString(16)
              }, executed 0x${pc.toString(16)}`,
            );
          }
        },
        CbFlags.NO_REGS,
        Cond.NE,
        hasTo,
        0,
      );
      insn.registerExecInline(InlineOp.STORE_U64, lastPc, pc);
    }
  });

  api.onVcpuDiscon(mask, (vcpu, type, from, to) => {
    counts[type as keyof typeof counts]++;
    if (traceAll) {
      api.outs(`${NAMES[type]} from 0x${from.toString(16)} to 0x${to.toString(16)}\n`);
    }
    const last = lastPc.get(vcpu);
    if (type === DisconType.INTERRUPT ? from === last : from !== last) {
      mismatch(
        `discon ${NAMES[type]} PC mismatch on VCPU ${vcpu}: from 0x${from.toString(16)}, ` +
          `last executed 0x${last.toString(16)}`,
      );
    }
    toPc.set(vcpu, to);
    hasTo.set(vcpu, 1);
  });

  api.onExit(() => {
    api.outs(
      `interrupts: ${counts[DisconType.INTERRUPT]}, exceptions: ${counts[DisconType.EXCEPTION]}` +
        `, hostcalls: ${counts[DisconType.HOSTCALL]}, mismatches: ${mismatches}\n`,
    );
  });
  return 0;
}
