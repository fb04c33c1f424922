/**
 * patch: changes guest state from callbacks (in the spirit of QEMU's tests/tcg/plugins/patch.c
 * and setpc.c). Before the instruction at function symbol `reg-at` an RW_REGS callback writes
 * register `reg` = `value`; before the one at `mem-at` a callback reads the data address from
 * register `addr-reg`, writes `vaddr-value` there with `writeMemoryVaddr` and `hwaddr-value`
 * at the next word through its physical address (`translateVaddr` + `writeMemoryHwaddr`), and
 * reads both back; before the one at `skip-at` an RW_REGS_PC callback moves the pc past it
 * with `setPc`. With `bad-setpc=on` that callback is registered with RW_REGS only, which QEMU
 * does not allow: the call fails and tsemu unloads the plugin.
 *
 * Defaults: reg-at=patch_reg, reg=r1, value=0xcafe, mem-at=patch_mem, addr-reg=r4,
 * vaddr-value=0x5a5a0001, hwaddr-value=0x5a5a0002, skip-at=skip_me.
 * Output: `patched rN = 0x...: ok|refused`, `patching: @0xVADDR (pa 0xPA)`,
 * `Reading memory...`, `Success!` (or what went wrong), `setPc: 0xFROM -> 0xTO`.
 *
 * @module
 */

import type { PluginApi, PluginInfo, PluginTb } from "../../plugins/api.ts";
import { CbFlags, HwaddrResult } from "../../plugins/api.ts";

const le = (v: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
};
const word = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
const hex = (v: number) => "0x" + (v >>> 0).toString(16);

/** Plugin entry point. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): number {
  const o: Record<string, string> = {
    "reg-at": "patch_reg",
    "reg": "r1",
    "value": "0xcafe",
    "mem-at": "patch_mem",
    "addr-reg": "r4",
    "vaddr-value": "0x5a5a0001",
    "hwaddr-value": "0x5a5a0002",
    "skip-at": "skip_me",
    "bad-setpc": "off",
  };
  for (const arg of args) {
    const name = arg.slice(0, arg.indexOf("="));
    if (!(name in o)) throw new Error(`option parsing failed: ${arg}`);
    o[name] = arg.slice(arg.indexOf("=") + 1);
  }
  const badSetPc = api.boolParse("bad-setpc", o["bad-setpc"]);
  if (badSetPc === undefined) throw new Error(`boolean argument parsing failed: ${o["bad-setpc"]}`);
  const handle = (name: string) => {
    const r = api.getRegisters().find((d) => d.name === name);
    if (!r) throw new Error(`no register ${name}`);
    return r.handle;
  };
  const regHandle = handle(o.reg);
  const addrHandle = handle(o["addr-reg"]);

  api.onTbTrans((tb: PluginTb) => {
    for (let i = 0; i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      const sym = insn.symbol();
      if (sym === o["reg-at"]) {
        insn.registerExecCb(() => {
          const ok = api.writeRegister(regHandle, le(Number(o.value)));
          api.outs(`patched ${o.reg} = ${hex(Number(o.value))}: ${ok ? "ok" : "refused"}\n`);
        }, CbFlags.RW_REGS);
      }
      if (sym === o["mem-at"]) {
        insn.registerExecCb(() => {
          const addr = word(api.readRegister(addrHandle)!);
          const pa = api.translateVaddr(addr + 4);
          api.outs(`patching: @${hex(addr)} (pa ${pa === null ? "none" : hex(pa)})\n`);
          const v1 = Number(o["vaddr-value"]);
          const v2 = Number(o["hwaddr-value"]);
          const okV = api.writeMemoryVaddr(addr, le(v1));
          const okH = pa !== null && api.writeMemoryHwaddr(pa, le(v2)) === HwaddrResult.OK;
          api.outs("Reading memory...\n");
          const back1 = api.readMemoryVaddr(addr, 4);
          const back2 = pa === null ? null : api.readMemoryHwaddr(pa, 4);
          if (!okV || !okH) api.outs("Failed to write memory\n");
          else if (!back1 || word(back1) !== v1) api.outs("Failed to read back (vaddr)\n");
          else if (!back2 || back2.result !== HwaddrResult.OK || word(back2.bytes) !== v2) {
            api.outs("Failed to read back (hwaddr)\n");
          } else api.outs("Success!\n");
        }, CbFlags.R_REGS);
      }
      if (sym === o["skip-at"]) {
        const from = insn.vaddr;
        const to = from + insn.size;
        insn.registerExecCb(() => {
          api.outs(`setPc: ${hex(from)} -> ${hex(to)}\n`);
          api.setPc(to);
        }, badSetPc ? CbFlags.RW_REGS : CbFlags.RW_REGS_PC);
      }
    }
  });
  return 0;
}
