/**
 * In-place device tree editing as QEMU does it: libfdt's read-write functions (fdt_rw.c:
 * `fdt_add_subnode`, `fdt_setprop`, `fdt_nop_node`...) applied to one buffer, with the
 * convenience layer of QEMU's softmmu/device_tree.c on top (`qemu_fdt_setprop_cells`,
 * `qemu_fdt_add_path`, phandle allocation...).
 *
 * Reproducing the editing operations, not just the resulting tree, is what makes the blob
 * byte-identical to QEMU's: libfdt inserts a new property or child node *first* in its parent
 * (so the final order is the reverse of the calls), stores each property name in the strings
 * block the first time any node uses it, and moves the tail of the blob with `memmove` on every
 * insertion or resize without clearing the padding after a value: those bytes keep whatever the
 * move left there. A guest reading the blob sees all of this.
 *
 * @module
 */

import {
  FDT_BEGIN_NODE,
  FDT_BOARD_SIZE,
  FDT_END,
  FDT_END_NODE,
  FDT_HEADER_SIZE,
  FDT_LAST_COMP_VERSION,
  FDT_MAGIC,
  FDT_NOP,
  FDT_PROP,
  FDT_RESERVE_ENTRY_SIZE,
  FDT_VERSION,
  FdtHeader,
} from "./fdt.ts";

/** The first phandle QEMU hands out (qemu_fdt_alloc_phandle on a generated tree). */
export const FDT_FIRST_PHANDLE = 0x8000;

/** Size of an FDT_PROP header: tag, value length, name offset. */
const PROP_HEADER = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const align4 = (n: number): number => (n + 3) & ~3;

/** Big-endian u32 cells as bytes (`<a b c>`). */
export function fdtCells(...cells: number[]): Uint8Array {
  const out = new Uint8Array(cells.length * 4);
  const dv = new DataView(out.buffer);
  cells.forEach((c, i) => dv.setUint32(i * 4, c >>> 0));
  return out;
}

/** NUL-terminated strings, concatenated (a string list property). */
export function fdtStrings(...values: string[]): Uint8Array {
  return encoder.encode(values.map((v) => v + "\0").join(""));
}

/**
 * Values written with the given cell counts (qemu_fdt_setprop_sized_cells): each pair is
 * [cells, value] with cells 1 or 2; a 2-cell value is written high word first.
 */
export function fdtSizedCells(...pairs: [1 | 2, number | bigint][]): Uint8Array {
  const cells: number[] = [];
  for (const [n, v] of pairs) {
    const b = BigInt(v);
    if (n === 1) {
      if (b < 0n || b > 0xffffffffn) throw new RangeError(`FDT value ${v} does not fit one cell`);
      cells.push(Number(b));
    } else cells.push(Number(b >> 32n), Number(b & 0xffffffffn));
  }
  return fdtCells(...cells);
}

/** A device tree blob being edited in place, with libfdt's layout and QEMU's helpers. */
export class FdtRw {
  /** The whole buffer (`totalsize` bytes): header, blocks and free space. */
  readonly blob: Uint8Array;
  readonly #dv: DataView;
  #nextPhandle = FDT_FIRST_PHANDLE;

  private constructor(blob: Uint8Array) {
    this.blob = blob;
    this.#dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  }

  /**
   * An empty tree (a root node only) in a zeroed buffer of `size` bytes, laid out as QEMU's
   * create_device_tree leaves it: libfdt's sequential writer (header, memory reservation block
   * 16-byte aligned after it, structure block, empty strings block) opened for editing with
   * `totalsize` = `size`.
   */
  static create(size: number = FDT_BOARD_SIZE): FdtRw {
    const rsv = align(FDT_HEADER_SIZE, FDT_RESERVE_ENTRY_SIZE);
    const struct = rsv + FDT_RESERVE_ENTRY_SIZE; // one empty entry ends the block
    if (size < struct + 16) throw new RangeError(`FDT: ${size} bytes cannot hold a tree`);
    const f = new FdtRw(new Uint8Array(size));
    const h = f.#dv;
    h.setUint32(FdtHeader.magic, FDT_MAGIC);
    h.setUint32(FdtHeader.totalsize, size);
    h.setUint32(FdtHeader.off_dt_struct, struct);
    h.setUint32(FdtHeader.off_mem_rsvmap, rsv);
    h.setUint32(FdtHeader.version, FDT_VERSION);
    h.setUint32(FdtHeader.last_comp_version, FDT_LAST_COMP_VERSION);
    // Root node: BEGIN_NODE "" (padded to 4), END_NODE, then END.
    h.setUint32(struct, FDT_BEGIN_NODE);
    h.setUint32(struct + 8, FDT_END_NODE);
    h.setUint32(struct + 12, FDT_END);
    h.setUint32(FdtHeader.size_dt_struct, 16);
    h.setUint32(FdtHeader.off_dt_strings, struct + 16);
    h.setUint32(FdtHeader.size_dt_strings, 0);
    return f;
  }

  get #offStruct(): number {
    return this.#dv.getUint32(FdtHeader.off_dt_struct);
  }
  get #offStrings(): number {
    return this.#dv.getUint32(FdtHeader.off_dt_strings);
  }
  get #sizeStrings(): number {
    return this.#dv.getUint32(FdtHeader.size_dt_strings);
  }

  /** Tag at `pos` and the position of the next tag (fdt_next_tag). */
  #nextTag(pos: number): [number, number] {
    const tag = this.#dv.getUint32(pos);
    let next = pos + 4;
    if (tag === FDT_BEGIN_NODE) {
      next = align4(this.blob.indexOf(0, next) + 1);
    } else if (tag === FDT_PROP) {
      next = align4(pos + PROP_HEADER + this.#dv.getUint32(pos + 4));
    }
    return [tag, next];
  }

  #nodeName(pos: number): string {
    return decoder.decode(this.blob.subarray(pos + 4, this.blob.indexOf(0, pos + 4)));
  }

  /** Position just after a node's BEGIN_NODE tag and name: where its properties start. */
  #afterName(pos: number): number {
    return this.#nextTag(pos)[1];
  }

  /** First direct child of `parent` whose name matches (fdt_subnode_offset), or -1. */
  #subnode(parent: number, name: string): number {
    let depth = 0;
    let pos = this.#afterName(parent);
    for (;;) {
      const [tag, next] = this.#nextTag(pos);
      if (tag === FDT_BEGIN_NODE) {
        if (depth === 0 && nodeNameMatches(this.#nodeName(pos), name)) return pos;
        depth++;
      } else if (tag === FDT_END_NODE) {
        if (depth === 0) return -1;
        depth--;
      } else if (tag === FDT_END) return -1;
      pos = next;
    }
  }

  /** Position of the node at absolute `path` (fdt_path_offset), or -1. */
  pathOffset(path: string): number {
    if (!path.startsWith("/")) throw new RangeError(`FDT path must be absolute: ${path}`);
    let pos = this.#offStruct;
    for (const part of path.split("/").filter((p) => p !== "")) {
      pos = this.#subnode(pos, part);
      if (pos < 0) return -1;
    }
    return pos;
  }

  #node(path: string): number {
    const pos = this.pathOffset(path);
    if (pos < 0) throw new RangeError(`FDT node ${path} not found`);
    return pos;
  }

  /** Property `name` of the node at `node` (its FDT_PROP position), or -1. */
  #prop(node: number, name: string): number {
    let pos = this.#afterName(node);
    for (;;) {
      const [tag, next] = this.#nextTag(pos);
      if (tag === FDT_PROP) {
        if (this.#string(this.#dv.getUint32(pos + 8)) === name) return pos;
      } else if (tag !== FDT_NOP) return -1;
      pos = next;
    }
  }

  #string(off: number): string {
    const start = this.#offStrings + off;
    return decoder.decode(this.blob.subarray(start, this.blob.indexOf(0, start)));
  }

  /**
   * Moves everything from `p + oldlen` to the end of the data to `p + newlen` (fdt_splice_):
   * bytes uncovered by growing keep their old contents.
   */
  #splice(p: number, oldlen: number, newlen: number): void {
    const end = this.#offStrings + this.#sizeStrings;
    if (end - oldlen + newlen > this.blob.length) {
      throw new RangeError(`FDT: no space left in the ${this.blob.length}-byte blob`);
    }
    this.blob.copyWithin(p + newlen, p + oldlen, end);
  }

  #spliceStruct(p: number, oldlen: number, newlen: number): void {
    this.#splice(p, oldlen, newlen);
    const delta = newlen - oldlen;
    const h = this.#dv;
    h.setUint32(FdtHeader.size_dt_struct, h.getUint32(FdtHeader.size_dt_struct) + delta);
    h.setUint32(FdtHeader.off_dt_strings, this.#offStrings + delta);
  }

  /**
   * Offset of `name` in the strings block, adding it at the end if absent (fdt_find_add_string_:
   * any NUL-terminated match counts, even the tail of a longer name).
   */
  #findAddString(name: string): number {
    const s = encoder.encode(name + "\0");
    const tab = this.blob.subarray(this.#offStrings, this.#offStrings + this.#sizeStrings);
    for (let p = 0; p + s.length <= tab.length; p++) {
      let k = 0;
      while (k < s.length && tab[p + k] === s[k]) k++;
      if (k === s.length) return p;
    }
    const off = this.#sizeStrings;
    const at = this.#offStrings + off;
    this.#splice(at, 0, s.length);
    this.#dv.setUint32(FdtHeader.size_dt_strings, off + s.length);
    this.blob.set(s, at);
    return off;
  }

  /** Adds node `name` under the node at `parent` as its first child (fdt_add_subnode). */
  #addSubnodeAt(parent: number, name: string): void {
    if (this.#subnode(parent, name) >= 0) throw new RangeError(`FDT node ${name} exists`);
    let pos = this.#afterName(parent);
    for (;;) {
      const [tag, next] = this.#nextTag(pos);
      if (tag !== FDT_PROP && tag !== FDT_NOP) break;
      pos = next;
    }
    const bytes = encoder.encode(name);
    const nameLen = align4(bytes.length + 1);
    const nodeLen = 4 + nameLen + 4;
    this.#spliceStruct(pos, 0, nodeLen);
    this.#dv.setUint32(pos, FDT_BEGIN_NODE);
    this.blob.fill(0, pos + 4, pos + 4 + nameLen);
    this.blob.set(bytes, pos + 4);
    this.#dv.setUint32(pos + nodeLen - 4, FDT_END_NODE);
  }

  /** qemu_fdt_add_subnode: adds the node at `path` (its parent must exist). */
  addSubnode(path: string): this {
    const cut = path.lastIndexOf("/");
    if (cut < 0 || cut === path.length - 1) throw new RangeError(`bad FDT node path ${path}`);
    this.#addSubnodeAt(this.#node(path.slice(0, cut) || "/"), path.slice(cut + 1));
    return this;
  }

  /** qemu_fdt_add_path: adds every missing node along `path`. */
  addPath(path: string): this {
    let pos = this.#offStruct;
    for (const part of path.split("/").filter((p) => p !== "")) {
      let child = this.#subnode(pos, part);
      if (child < 0) {
        this.#addSubnodeAt(pos, part);
        child = this.#subnode(pos, part);
      }
      pos = child;
    }
    return this;
  }

  /**
   * fdt_setprop on the node at `path`: resizes an existing property in place, or inserts a new
   * one first in the node; then copies `value` (the padding after it is left as it was).
   */
  setProp(path: string, name: string, value: Uint8Array): this {
    const node = this.#node(path);
    let prop = this.#prop(node, name);
    if (prop >= 0) {
      const old = this.#dv.getUint32(prop + 4);
      this.#spliceStruct(prop + PROP_HEADER, align4(old), align4(value.length));
      this.#dv.setUint32(prop + 4, value.length);
    } else {
      const nameOff = this.#findAddString(name);
      prop = this.#afterName(node);
      this.#spliceStruct(prop, 0, PROP_HEADER + align4(value.length));
      this.#dv.setUint32(prop, FDT_PROP);
      this.#dv.setUint32(prop + 4, value.length);
      this.#dv.setUint32(prop + 8, nameOff);
    }
    this.blob.set(value, prop + PROP_HEADER);
    return this;
  }

  /** qemu_fdt_setprop with no value: an empty (flag) property. */
  setEmpty(path: string, name: string): this {
    return this.setProp(path, name, new Uint8Array(0));
  }

  /** qemu_fdt_setprop_string. */
  setString(path: string, name: string, value: string): this {
    return this.setProp(path, name, fdtStrings(value));
  }

  /** A string list (QEMU passes these as one `"a\0b"` array to qemu_fdt_setprop). */
  setStrings(path: string, name: string, values: string[]): this {
    return this.setProp(path, name, fdtStrings(...values));
  }

  /** qemu_fdt_setprop_cell / qemu_fdt_setprop_cells. */
  setCells(path: string, name: string, ...cells: number[]): this {
    return this.setProp(path, name, fdtCells(...cells));
  }

  /** qemu_fdt_setprop_sized_cells. */
  setSizedCells(path: string, name: string, ...pairs: [1 | 2, number | bigint][]): this {
    return this.setProp(path, name, fdtSizedCells(...pairs));
  }

  /** qemu_fdt_setprop_u64: one big-endian 64-bit value. */
  setU64(path: string, name: string, value: bigint): this {
    return this.setProp(path, name, fdtSizedCells([2, value]));
  }

  /** The node's `phandle` (fdt_get_phandle), or 0. */
  getPhandle(path: string): number {
    const node = this.#node(path);
    for (const name of ["phandle", "linux,phandle"]) {
      const p = this.#prop(node, name);
      if (p >= 0 && this.#dv.getUint32(p + 4) === 4) return this.#dv.getUint32(p + PROP_HEADER);
    }
    return 0;
  }

  /** qemu_fdt_setprop_phandle: `name` = the phandle of the node at `target`. */
  setPhandleRef(path: string, name: string, target: string): this {
    const ph = this.getPhandle(target);
    if (ph === 0) throw new RangeError(`FDT node ${target} has no phandle`);
    return this.setCells(path, name, ph);
  }

  /** qemu_fdt_alloc_phandle: the next free phandle, counting up from 0x8000. */
  allocPhandle(): number {
    return this.#nextPhandle++;
  }

  /** Names of the direct children of the node at `path`, in blob order. */
  childNames(path: string): string[] {
    const names: string[] = [];
    let depth = 0;
    let pos = this.#afterName(this.#node(path));
    for (;;) {
      const [tag, next] = this.#nextTag(pos);
      if (tag === FDT_BEGIN_NODE) {
        if (depth === 0) names.push(this.#nodeName(pos));
        depth++;
      } else if (tag === FDT_END_NODE) {
        if (depth === 0) return names;
        depth--;
      } else if (tag === FDT_END) return names;
      pos = next;
    }
  }

  /** qemu_fdt_nop_node: overwrites the node at `path` and its subtree with NOP tags. */
  nopNode(path: string): this {
    const start = this.#node(path);
    let depth = 0;
    let pos = start;
    do {
      const [tag, next] = this.#nextTag(pos);
      if (tag === FDT_BEGIN_NODE) depth++;
      else if (tag === FDT_END_NODE) depth--;
      pos = next;
    } while (depth > 0);
    for (let p = start; p < pos; p += 4) this.#dv.setUint32(p, FDT_NOP);
    return this;
  }
}

/** Whether node name `actual` matches `wanted`: exactly, or up to its `@unit` if `wanted` has none. */
function nodeNameMatches(actual: string, wanted: string): boolean {
  if (actual === wanted) return true;
  return !wanted.includes("@") && actual.startsWith(wanted + "@");
}

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/**
 * qemu_fdt_randomize_seeds: refills every `rng-seed` property of the blob with new bytes from
 * `random` (QEMU does this to its ROM copy of the tree on every system reset).
 */
export function fdtRandomizeSeeds(blob: Uint8Array, random: (n: number) => Uint8Array): void {
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const offStrings = dv.getUint32(FdtHeader.off_dt_strings);
  let pos = dv.getUint32(FdtHeader.off_dt_struct);
  for (;;) {
    const tag = dv.getUint32(pos);
    if (tag === FDT_END) return;
    if (tag === FDT_BEGIN_NODE) {
      pos = align4(blob.indexOf(0, pos + 4) + 1);
    } else if (tag === FDT_PROP) {
      const len = dv.getUint32(pos + 4);
      const nameAt = offStrings + dv.getUint32(pos + 8);
      const name = decoder.decode(blob.subarray(nameAt, blob.indexOf(0, nameAt)));
      if (name === "rng-seed") blob.set(random(len), pos + PROP_HEADER);
      pos = align4(pos + PROP_HEADER + len);
    } else if (tag === FDT_END_NODE || tag === FDT_NOP) {
      pos += 4;
    } else throw new RangeError(`FDT: bad tag ${tag} at ${pos}`);
  }
}
