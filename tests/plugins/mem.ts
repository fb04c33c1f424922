/**
 * mem: counts memory accesses (QEMU's tests/tcg/plugins/mem.c).
 *
 * Arguments: `inline=on` counts with scoreboard inline adds (`callback=on`, the default,
 * counts in a memory callback; the two are exclusive); `track=r|w|rw` (default rw);
 * `haddr=on` looks at the physical side of each access and counts IO accesses, with a
 * summary per device register; `print-accesses=on` prints every access as QEMU's CSV
 * `insn_vaddr,insn_symbol,mem_vaddr,mem_hwaddr,access_size,access_type,mem_value`;
 * `sizes=on` counts loads and stores by size (tsemu addition).
 * Output: `mem accesses: N`, then `io accesses: N` and `io: DEVICE 0xPHYS +0xOFFSET REG:
 * reads R, writes W` lines with haddr, `loads: u8 A, u16 B, u32 C` / `stores: ...` /
 * `signed loads: N` with sizes.
 *
 * @module
 */

import type { MemInfo, PluginApi, PluginInfo, PluginTb } from "../../plugins/api.ts";
import { CbFlags, InlineOp, MemRW } from "../../plugins/api.ts";

interface Options {
  inline: boolean;
  callback: boolean;
  haddr: boolean;
  print: boolean;
  sizes: boolean;
  rw: MemRW;
}

function parseArgs(api: PluginApi, args: string[]): Options {
  const o: Options = {
    inline: false,
    callback: false,
    haddr: false,
    print: false,
    sizes: false,
    rw: MemRW.RW,
  };
  for (const arg of args) {
    const eq = arg.indexOf("=");
    const name = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    if (name === "track") {
      const rw = ({ r: MemRW.R, w: MemRW.W, rw: MemRW.RW } as Record<string, MemRW>)[value];
      if (rw === undefined) throw new Error(`invalid value for track: ${value}`);
      o.rw = rw;
      continue;
    }
    const b = api.boolParse(name, value);
    if (b === undefined) throw new Error(`boolean argument parsing failed: ${arg}`);
    if (name === "inline") o.inline = b;
    else if (name === "callback") o.callback = b;
    else if (name === "haddr") o.haddr = b;
    else if (name === "print-accesses") o.print = b;
    else if (name === "sizes") o.sizes = b;
    else throw new Error(`option parsing failed: ${arg}`);
  }
  if (o.inline && o.callback) {
    throw new Error("can't enable inline and callback counting at the same time");
  }
  return o;
}

/** Formats an access value as QEMU's mem plugin does: zero-padded to the access size. */
function formatValue(info: MemInfo): string {
  return "0x" + (info.value >>> 0).toString(16).padStart(2 << info.sizeShift, "0");
}

/** Plugin entry point. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): number {
  const o = parseArgs(api, args);
  const counts = api.scoreboardNew(2);
  const mem = counts.u64(0);
  const io = counts.u64(1);
  const loads = [0, 0, 0, 0];
  const stores = [0, 0, 0, 0];
  let signedLoads = 0;
  const ioRegs = new Map<string, { reads: number; writes: number }>();
  const needCb = !o.inline || o.haddr || o.print || o.sizes;
  if (o.print) {
    api.outs("insn_vaddr,insn_symbol,mem_vaddr,mem_hwaddr,access_size,access_type,mem_value\n");
  }

  api.onTbTrans((tb: PluginTb) => {
    for (let i = 0; i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      if (o.inline) insn.registerMemInline(o.rw, InlineOp.ADD_U64, mem, 1);
      if (!needCb) continue;
      const where = { vaddr: insn.vaddr, symbol: insn.symbol() ?? "" };
      insn.registerMemCb(
        (vcpu: number, info: MemInfo, vaddr: number) => {
          if (!o.inline) mem.add(vcpu, 1);
          if (o.sizes) {
            if (info.isStore) stores[info.sizeShift]++;
            else loads[info.sizeShift]++;
            if (!info.isStore && info.signExtended) signedLoads++;
          }
          const hw = o.haddr || o.print ? info.hwaddr() : null;
          if (o.haddr && hw?.isIo) {
            io.add(vcpu, 1);
            const key = `${hw.deviceName} 0x${hw.physAddr.toString(16).padStart(8, "0")} +0x${
              hw.deviceOffset.toString(16)
            } ${hw.registerName ?? "?"}`;
            let rec = ioRegs.get(key);
            if (!rec) ioRegs.set(key, rec = { reads: 0, writes: 0 });
            if (info.isStore) rec.writes++;
            else rec.reads++;
          }
          if (o.print) {
            api.outs(
              `0x${where.vaddr.toString(16)},${where.symbol},0x${vaddr.toString(16)},0x${
                (hw?.physAddr ?? vaddr).toString(16)
              },${8 << info.sizeShift},${info.isStore ? "store" : "load"},${formatValue(info)}\n`,
            );
          }
        },
        CbFlags.NO_REGS,
        o.rw,
      );
    }
  });

  api.onExit(() => {
    let text = `mem accesses: ${mem.sum()}\n`;
    if (o.haddr) {
      text += `io accesses: ${io.sum()}\n`;
      for (const [key, r] of [...ioRegs].sort()) {
        text += `io: ${key}: reads ${r.reads}, writes ${r.writes}\n`;
      }
    }
    if (o.sizes) {
      text += `loads: u8 ${loads[0]}, u16 ${loads[1]}, u32 ${loads[2]}\n`;
      text += `stores: u8 ${stores[0]}, u16 ${stores[1]}, u32 ${stores[2]}\n`;
      text += `signed loads: ${signedLoads}\n`;
    }
    api.outs(text);
  });
  return 0;
}
