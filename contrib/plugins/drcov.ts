/**
 * drcov: block coverage in DynamoRIO's drcov format, version 2, for Lighthouse and other
 * coverage viewers (QEMU's contrib/plugins/drcov.c). Written at exit:
 *
 * ```
 * DRCOV VERSION: 2
 * DRCOV FLAVOR: drcov-64
 * Module Table: version 2, count 1
 * Columns: id, base, end, entry, path
 * 0, 0x0, 0xffffffff, 0x0, tsemu-system
 * BB Table: 61 bbs
 * ```
 *
 * followed by one 8-byte little-endian record per translated block that ran at least once:
 * `uint32 start` (offset from the module base: here the guest virtual address, the one
 * module covering the 32-bit address space), `uint16 size` (bytes), `uint16 module id` (0).
 * A block translated twice appears twice, as in QEMU.
 *
 * Option: `filename=PATH` (default `file.drcov.trace`; overwritten; its directory must exist).
 *
 * @module
 */

import { CbFlags } from "../../plugins/api.ts";
import type { PluginApi, PluginInfo } from "../../plugins/api.ts";
import { splitArgs, unknownArg } from "./args.ts";

const PLUGIN = "drcov";
/** Name of the single module: the whole guest address space (system emulation). */
export const DRCOV_MODULE = "tsemu-system";

interface BbEntry {
  start: number;
  size: number;
  exec: boolean;
}

/** The drcov file for `blocks` (those that ran). */
export function drcovFile(blocks: readonly BbEntry[]): Uint8Array {
  const ran = blocks.filter((b) => b.exec);
  const header = "DRCOV VERSION: 2\nDRCOV FLAVOR: drcov-64\n" +
    "Module Table: version 2, count 1\nColumns: id, base, end, entry, path\n" +
    `0, 0x0, 0xffffffff, 0x0, ${DRCOV_MODULE}\nBB Table: ${ran.length} bbs\n`;
  const head = new TextEncoder().encode(header);
  const out = new Uint8Array(head.length + 8 * ran.length);
  out.set(head);
  const dv = new DataView(out.buffer);
  ran.forEach((b, i) => {
    const o = head.length + 8 * i;
    dv.setUint32(o, b.start >>> 0, true);
    dv.setUint16(o + 4, Math.min(b.size, 0xffff), true);
    dv.setUint16(o + 6, 0, true);
  });
  return out;
}

/** Installs drcov. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): void {
  let filename = "file.drcov.trace";
  for (const a of splitArgs(PLUGIN, args)) {
    if (a.name === "filename" && a.value !== "") filename = a.value;
    else unknownArg(PLUGIN, a, ["filename"]);
  }
  const slash = filename.lastIndexOf("/");
  const dir = slash < 0 ? "." : slash === 0 ? "/" : filename.slice(0, slash);
  try {
    if (!Deno.statSync(dir).isDirectory) throw new Error();
  } catch {
    throw new Error(`${PLUGIN}: filename=${filename}: directory ${dir} does not exist`);
  }

  const blocks: BbEntry[] = [];
  const onExec = (_vcpu: number, bb: BbEntry) => {
    bb.exec = true;
  };
  api.onTbTrans((tb) => {
    let size = 0;
    for (let i = 0; i < tb.nInsns; i++) size += tb.insn(i)!.size;
    const bb: BbEntry = { start: tb.vaddr, size, exec: false };
    blocks.push(bb);
    tb.registerExecCb(onExec, CbFlags.NO_REGS, bb);
  });
  api.onExit(() => Deno.writeFileSync(filename, drcovFile(blocks)));
}
