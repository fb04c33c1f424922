/**
 * Flattened device tree parsing: a blob (version 16 or 17, as dtc, libfdt and QEMU write them)
 * back into the {@link Fdt} tree type of `fdt.ts`. Every offset and length is checked against
 * the blob, so a malformed or truncated file gives an {@link ImageError} naming the file
 * instead of an exception from deep inside.
 *
 * @module
 */

import {
  Fdt,
  FDT_BEGIN_NODE,
  FDT_END,
  FDT_END_NODE,
  FDT_HEADER_SIZE,
  FDT_MAGIC,
  FDT_NOP,
  FDT_PROP,
  FDT_RESERVE_ENTRY_SIZE,
  FDT_VERSION,
  FdtHeader,
  FdtNode,
  type FdtReservation,
} from "./fdt.ts";
import { ImageError } from "./image-error.ts";

/** The oldest blob version this reader accepts (v16: no `size_dt_struct`). */
export const FDT_MIN_READ_VERSION = 16;
/** Header size of a version 16 blob (no `size_dt_struct` field). */
const FDT_V16_HEADER_SIZE = 36;
/** Nesting deeper than this is treated as corruption. */
const FDT_MAX_DEPTH = 64;

/** The decoded header of a blob. */
export interface FdtHeaderInfo {
  /** Total blob size in bytes, as the header states it. */
  totalsize: number;
  /** Offset of the structure block. */
  offStruct: number;
  /** Size of the structure block (derived from `totalsize` for version 16). */
  sizeStruct: number;
  /** Offset of the strings block. */
  offStrings: number;
  /** Size of the strings block. */
  sizeStrings: number;
  /** Offset of the memory reservation block. */
  offRsvmap: number;
  /** Blob version. */
  version: number;
  /** Oldest compatible version. */
  lastCompVersion: number;
  /** Physical id of the boot CPU. */
  bootCpuidPhys: number;
}

const hex = (n: number): string => "0x" + (n >>> 0).toString(16);

/**
 * Validates and decodes the header of `blob` (magic, version, block offsets and sizes within
 * `totalsize`, `totalsize` within the blob). Throws {@link ImageError} naming `file`.
 */
export function readFdtHeader(blob: Uint8Array, file = "dtb"): FdtHeaderInfo {
  const fail = (reason: string): never => {
    throw new ImageError(file, reason);
  };
  if (blob.length < 8) fail(`truncated device tree: ${blob.length} bytes, no header`);
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const magic = dv.getUint32(FdtHeader.magic);
  if (magic !== FDT_MAGIC) {
    fail(`not a device tree blob: bad magic ${hex(magic)} (expected ${hex(FDT_MAGIC)})`);
  }
  if (blob.length < FDT_V16_HEADER_SIZE) {
    fail(`truncated device tree: ${blob.length} bytes, header needs ${FDT_HEADER_SIZE}`);
  }
  const version = dv.getUint32(FdtHeader.version);
  const lastCompVersion = dv.getUint32(FdtHeader.last_comp_version);
  if (version < FDT_MIN_READ_VERSION) {
    fail(`unsupported device tree version ${version} (need ${FDT_MIN_READ_VERSION} or later)`);
  }
  if (lastCompVersion > FDT_VERSION) {
    fail(`device tree version ${version} is not compatible with version ${FDT_VERSION}`);
  }
  const headerSize = version >= 17 ? FDT_HEADER_SIZE : FDT_V16_HEADER_SIZE;
  if (blob.length < headerSize) {
    fail(`truncated device tree: ${blob.length} bytes, header needs ${headerSize}`);
  }
  const totalsize = dv.getUint32(FdtHeader.totalsize);
  if (totalsize > blob.length) {
    fail(`truncated device tree: header says ${totalsize} bytes, file has ${blob.length}`);
  }
  if (totalsize < headerSize) fail(`bad device tree totalsize ${totalsize}`);
  const offStruct = dv.getUint32(FdtHeader.off_dt_struct);
  const offStrings = dv.getUint32(FdtHeader.off_dt_strings);
  const offRsvmap = dv.getUint32(FdtHeader.off_mem_rsvmap);
  const sizeStrings = dv.getUint32(FdtHeader.size_dt_strings);
  const checkBlock = (what: string, off: number, size: number, align: number): void => {
    if (off < headerSize || off % align !== 0 || off > totalsize || size > totalsize - off) {
      fail(
        `bad device tree ${what} block offset ${hex(off)} size ${hex(size)}` +
          ` (totalsize ${hex(totalsize)})`,
      );
    }
  };
  checkBlock("reservation", offRsvmap, 0, 8);
  checkBlock("strings", offStrings, sizeStrings, 1);
  const sizeStruct = version >= 17 ? dv.getUint32(FdtHeader.size_dt_struct) : totalsize - offStruct;
  checkBlock("structure", offStruct, sizeStruct, 4);
  return {
    totalsize,
    offStruct,
    sizeStruct,
    offStrings,
    sizeStrings,
    offRsvmap,
    version,
    lastCompVersion,
    bootCpuidPhys: dv.getUint32(FdtHeader.boot_cpuid_phys),
  };
}

/** Finds the NUL ending a string starting at `start`, not looking at or past `end`; -1 if none. */
function findNul(blob: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) if (blob[i] === 0) return i;
  return -1;
}

/**
 * Parses a device tree blob into a tree. NOP tokens are skipped; the order of nodes and
 * properties is kept. Throws {@link ImageError} (`<file>: <reason>`) for bad magic, an
 * unsupported version, truncation, out-of-range offsets or a malformed structure block.
 */
export function parseFdt(blob: Uint8Array, file = "dtb"): Fdt {
  const fail = (reason: string): never => {
    throw new ImageError(file, reason);
  };
  const h = readFdtHeader(blob, file);
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const decoder = new TextDecoder("utf-8", { fatal: false });

  const reservations: FdtReservation[] = [];
  for (let off = h.offRsvmap;; off += FDT_RESERVE_ENTRY_SIZE) {
    if (off + FDT_RESERVE_ENTRY_SIZE > h.totalsize) {
      fail("memory reservation block is not terminated within the blob");
    }
    const address = dv.getBigUint64(off);
    const size = dv.getBigUint64(off + 8);
    if (address === 0n && size === 0n) break;
    reservations.push({ address, size });
  }

  const structEnd = h.offStruct + h.sizeStruct;
  const stringsEnd = h.offStrings + h.sizeStrings;
  let p = h.offStruct;
  const token = (): number => {
    if (p + 4 > structEnd) fail(`structure block ends without FDT_END at ${hex(p)}`);
    const t = dv.getUint32(p);
    p += 4;
    return t;
  };
  const align = (): void => {
    p = (p + 3) & ~3;
  };
  const propName = (nameoff: number): string => {
    if (nameoff >= h.sizeStrings) {
      fail(`property name offset ${hex(nameoff)} outside the strings block`);
    }
    const nul = findNul(blob, h.offStrings + nameoff, stringsEnd);
    if (nul < 0) fail(`property name at strings offset ${hex(nameoff)} is not terminated`);
    return decoder.decode(blob.subarray(h.offStrings + nameoff, nul));
  };

  let root: FdtNode | null = null;
  const stack: FdtNode[] = [];
  for (;;) {
    const at = p;
    const t = token();
    if (t === FDT_NOP) continue;
    if (t === FDT_BEGIN_NODE) {
      if (root && stack.length === 0) fail(`second root node at ${hex(at)}`);
      const nul = findNul(blob, p, structEnd);
      if (nul < 0) fail(`node name at ${hex(p)} is not terminated`);
      const name = decoder.decode(blob.subarray(p, nul));
      p = nul + 1;
      align();
      let node: FdtNode;
      try {
        node = new FdtNode(root ? name : "");
      } catch {
        return fail(`invalid node name ${JSON.stringify(name)} at ${hex(at)}`);
      }
      if (!root) {
        if (name !== "") fail(`root node has a name ${JSON.stringify(name)}`);
        root = node;
      } else {
        stack[stack.length - 1].children.push(node);
      }
      stack.push(node);
      if (stack.length > FDT_MAX_DEPTH) fail(`nodes nested deeper than ${FDT_MAX_DEPTH}`);
    } else if (t === FDT_PROP) {
      if (stack.length === 0) fail(`property outside any node at ${hex(at)}`);
      const len = token();
      const nameoff = token();
      if (len > structEnd - p) fail(`property value at ${hex(p)} runs past the structure block`);
      const name = propName(nameoff);
      if (name === "") fail(`empty property name at ${hex(at)}`);
      stack[stack.length - 1].properties.push({ name, value: blob.slice(p, p + len) });
      p += len;
      align();
    } else if (t === FDT_END_NODE) {
      if (stack.length === 0) fail(`unbalanced FDT_END_NODE at ${hex(at)}`);
      stack.pop();
    } else if (t === FDT_END) {
      if (!root) fail("structure block has no root node");
      if (stack.length !== 0) fail(`FDT_END at ${hex(at)} inside an open node`);
      break;
    } else {
      fail(`bad structure block token ${hex(t)} at ${hex(at)}`);
    }
  }
  return new Fdt(root as FdtNode, reservations, h.bootCpuidPhys);
}
