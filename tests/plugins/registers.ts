/**
 * registers: exercises register access (QEMU's tests/tcg/plugins/registers.c and the register
 * smoke test of insn.c). At vCPU start it lists the registers, reads them all, writes the
 * first writable one back and tries to write the (read-only) pc. Before each of `count`
 * instructions from the one at function symbol `symbol` it reads every register from an
 * R_REGS callback (values exact mid-TB), and checks that a write is refused there and that a
 * NO_REGS callback may not read. At exit (where QEMU allows no register access) a read is
 * refused too. With `mem-at=NAME`, an R_REGS memory callback on the instruction at that
 * symbol reads r4 and the pc and tries to write r4 (memory callbacks may not write registers).
 *
 * Arguments: `symbol=NAME` (default regs_seq), `count=N` (default 4), `mem-at=NAME`.
 * Output: `registers: NAMES (read-only: NAMES)`, `vcpu init: ...`, one
 * `0xADDR: r0=XXXXXXXX ... cpsr=XXXXXXXX` line per instrumented instruction execution,
 * `R_REGS write: refused`, `NO_REGS read: refused`, `atexit read: refused`, and with mem-at
 * `mem cb 0xVADDR: r4=XXXXXXXX pc=XXXXXXXX write refused`.
 *
 * @module
 */

import type { PluginApi, PluginInfo, PluginTb, RegisterDescriptor } from "../../plugins/api.ts";
import { CbFlags, MemRW } from "../../plugins/api.ts";

const word = (b: Uint8Array) => (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
const hex8 = (v: number) => v.toString(16).padStart(8, "0");

/** Plugin entry point. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): number {
  let symbol = "regs_seq";
  let count = 4;
  let memAt = "";
  for (const arg of args) {
    const [name, value] = [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)];
    if (name === "symbol") symbol = value;
    else if (name === "count" && /^\d+$/.test(value)) count = Number(value);
    else if (name === "mem-at") memAt = value;
    else throw new Error(`option parsing failed: ${arg}`);
  }
  let regs: RegisterDescriptor[] = [];
  const seen = { rRegsWrite: "not tried", noRegsRead: "not tried" };

  api.onVcpuInit(() => {
    regs = api.getRegisters();
    const ro = regs.filter((r) => r.isReadonly).map((r) => r.name);
    api.outs(`registers: ${regs.map((r) => r.name).join(" ")} (read-only: ${ro.join(" ")})\n`);
    const values = regs.map((r) => api.readRegister(r.handle));
    const first = regs.find((r) => !r.isReadonly)!;
    const wrote = api.writeRegister(first.handle, values[regs.indexOf(first)]!);
    const pc = regs.find((r) => r.name === "pc")!;
    const pcWrite = api.writeRegister(pc.handle, new Uint8Array(4));
    api.outs(
      `vcpu init: read ${values.every((v) => v?.length === 4) ? "ok" : "failed"}, ` +
        `write ${first.name} ${wrote ? "ok" : "refused"}, write pc ${pcWrite ? "ok" : "refused"}\n`,
    );
  });

  api.onTbTrans((tb: PluginTb) => {
    for (let i = 0; memAt && i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      if (insn.symbol() !== memAt) continue;
      insn.registerMemCb(
        (_vcpu, _info, vaddr) => {
          const get = (name: string) => {
            const b = api.readRegister(regs.find((r) => r.name === name)!.handle);
            return b ? hex8(word(b)) : "refused";
          };
          const wrote = api.writeRegister(regs[4].handle, new Uint8Array(4));
          api.outs(
            `mem cb 0x${vaddr.toString(16)}: r4=${get("r4")} pc=${get("pc")} write ${
              wrote ? "allowed" : "refused"
            }\n`,
          );
        },
        CbFlags.R_REGS,
        MemRW.R,
      );
    }
    let start = -1;
    for (let i = 0; i < tb.nInsns && start < 0; i++) {
      if (tb.insn(i)!.symbol() === symbol) start = i;
    }
    if (start < 0) return;
    for (let i = start; i < Math.min(tb.nInsns, start + count); i++) {
      const insn = tb.insn(i)!;
      const vaddr = insn.vaddr;
      insn.registerExecCb(() => {
        seen.noRegsRead = api.readRegister(regs[0].handle) === null ? "refused" : "allowed";
      }, CbFlags.NO_REGS);
      insn.registerExecCb(() => {
        const text = regs.map((r) => `${r.name}=${hex8(word(api.readRegister(r.handle)!))}`);
        api.outs(`0x${vaddr.toString(16)}: ${text.join(" ")}\n`);
        const r0 = api.readRegister(regs[0].handle)!;
        seen.rRegsWrite = api.writeRegister(regs[0].handle, r0) ? "allowed" : "refused";
      }, CbFlags.R_REGS);
    }
  });

  api.onExit(() => {
    api.outs(`R_REGS write: ${seen.rRegsWrite}\nNO_REGS read: ${seen.noRegsRead}\n`);
    api.outs(`atexit read: ${api.readRegister(regs[0].handle) === null ? "refused" : "allowed"}\n`);
  });
  return 0;
}
