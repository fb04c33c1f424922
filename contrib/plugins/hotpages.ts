/**
 * hotpages: the pages that saw the most memory accesses (QEMU's contrib/plugins/hotpages.c).
 *
 * RAM accesses are counted by physical page; IO accesses by virtual page. At exit, at most 50
 * pages in QEMU's layout (RCPUs and WCPUs are bit masks of the vCPUs that read or wrote):
 *
 * ```
 * Addr, RCPUs, Reads, WCPUs, Writes
 * 0x0000000040800000, 0x0000, 0, 0x0001, 256
 * ```
 *
 * Options: `sortby=reads|writes|address` (default: reads + writes, most first; `address`
 * is highest first, as in QEMU), `io=on` (only IO accesses), `pagesize=N` (a power of two,
 * default 4096). Unlike QEMU, the last page of the list is not dropped and a single page is
 * printed.
 *
 * @module
 */

import { CbFlags, MemRW } from "../../plugins/api.ts";
import type { MemInfo, PluginApi, PluginInfo } from "../../plugins/api.ts";
import { boolArg, hex, splitArgs, uintArg, unknownArg } from "./args.ts";

const PLUGIN = "hotpages";
/** Pages printed (hard-coded in QEMU too). */
export const HOTPAGES_LIMIT = 50;

type SortBy = "rw" | "reads" | "writes" | "address";

interface PageCounters {
  page: number;
  cpuRead: number;
  cpuWrite: number;
  reads: number;
  writes: number;
}

function sortPages(pages: PageCounters[], by: SortBy): PageCounters[] {
  const key = (p: PageCounters) =>
    by === "rw" ? p.reads + p.writes : by === "reads" ? p.reads : by === "writes" ? p.writes : 0;
  return pages.sort((a, b) =>
    by === "address" ? b.page - a.page : key(b) - key(a) || a.page - b.page
  );
}

/** Installs hotpages. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): void {
  let sortBy: SortBy = "rw";
  let io = false;
  let pageSize = 4096;
  for (const a of splitArgs(PLUGIN, args)) {
    if (a.name === "sortby") {
      if (a.value !== "reads" && a.value !== "writes" && a.value !== "address") {
        throw new Error(`${PLUGIN}: invalid value to sortby: ${a.value} (reads, writes, address)`);
      }
      sortBy = a.value;
    } else if (a.name === "io") {
      io = boolArg(api, PLUGIN, a);
    } else if (a.name === "pagesize") {
      pageSize = uintArg(PLUGIN, a, { min: 1 });
      if ((pageSize & (pageSize - 1)) !== 0 || pageSize > 2 ** 31) {
        throw new Error(`${PLUGIN}: pagesize=${a.value}: must be a power of two`);
      }
    } else {
      unknownArg(PLUGIN, a, ["sortby", "io", "pagesize"]);
    }
  }

  const pages = new Map<number, PageCounters>();
  const onMem = (vcpu: number, mi: MemInfo, vaddr: number) => {
    const h = mi.hwaddr();
    const isIo = h !== null && h.isIo;
    if (io !== isIo) return;
    const addr = h !== null && !isIo ? h.physAddr : vaddr;
    const page = addr - (addr % pageSize);
    let c = pages.get(page);
    if (!c) pages.set(page, c = { page, cpuRead: 0, cpuWrite: 0, reads: 0, writes: 0 });
    if (mi.isStore) {
      c.writes++;
      c.cpuWrite |= 1 << vcpu;
    } else {
      c.reads++;
      c.cpuRead |= 1 << vcpu;
    }
  };

  api.onTbTrans((tb) => {
    for (let i = 0; i < tb.nInsns; i++) tb.insn(i)!.registerMemCb(onMem, CbFlags.NO_REGS, MemRW.RW);
  });

  api.onExit(() => {
    let out = "Addr, RCPUs, Reads, WCPUs, Writes\n";
    for (const p of sortPages([...pages.values()], sortBy).slice(0, HOTPAGES_LIMIT)) {
      out += `${hex(p.page, 16)}, ${hex(p.cpuRead, 4)}, ${p.reads}, ${hex(p.cpuWrite, 4)}, ` +
        `${p.writes}\n`;
    }
    api.outs(out);
  });
}
