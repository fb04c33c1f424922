/**
 * Flattened device tree (FDT, "DTB") building and serialisation, version 17 as the Devicetree
 * Specification defines it and as libfdt/dtc write it. A tree is built from {@link FdtNode}s whose
 * properties are kept as raw big-endian bytes in insertion order; typed setters and getters
 * cover the usual value kinds (strings, string lists, u32 cells, u64, phandles, empty flags).
 * {@link serializeFdt} turns a tree into a blob; `fdt-reader.ts` parses one back.
 *
 * @module
 */

/** Magic number at the start of every blob. */
export const FDT_MAGIC = 0xd00dfeed;
/** Structure block token: start of a node, followed by its NUL-terminated name. */
export const FDT_BEGIN_NODE = 0x1;
/** Structure block token: end of the current node. */
export const FDT_END_NODE = 0x2;
/** Structure block token: a property (length, name offset, value). */
export const FDT_PROP = 0x3;
/** Structure block token: nothing (left behind by in-place deletions). */
export const FDT_NOP = 0x4;
/** Structure block token: end of the structure block. */
export const FDT_END = 0x9;
/** The version this writer produces. */
export const FDT_VERSION = 17;
/** The oldest version a reader of our blobs must understand. */
export const FDT_LAST_COMP_VERSION = 16;
/** Size of the version 17 header in bytes. */
export const FDT_HEADER_SIZE = 40;
/** Size of one memory reservation entry (two big-endian u64). */
export const FDT_RESERVE_ENTRY_SIZE = 16;

/** Byte offsets of the header fields (all big-endian u32). */
export const FdtHeader = {
  magic: 0,
  totalsize: 4,
  off_dt_struct: 8,
  off_dt_strings: 12,
  off_mem_rsvmap: 16,
  version: 20,
  last_comp_version: 24,
  boot_cpuid_phys: 28,
  size_dt_strings: 32,
  size_dt_struct: 36,
} as const;

/** One property: a name and its raw (big-endian, as stored in the blob) value. */
export interface FdtProperty {
  /** Property name, such as `compatible` or `#address-cells`. */
  readonly name: string;
  /** Raw value bytes. */
  value: Uint8Array;
}

/** One memory reservation block entry: physical range the OS must not use. */
export interface FdtReservation {
  /** Start address. */
  address: bigint;
  /** Size in bytes. */
  size: bigint;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false });

function checkName(kind: string, name: string): void {
  if (name.includes("\0") || name.includes("/")) {
    throw new RangeError(`invalid FDT ${kind} name ${JSON.stringify(name)}`);
  }
}

function cellsToBytes(cells: readonly number[]): Uint8Array {
  const out = new Uint8Array(cells.length * 4);
  const dv = new DataView(out.buffer);
  cells.forEach((c, i) => {
    if (!Number.isInteger(c) || c < -0x80000000 || c > 0xffffffff) {
      throw new RangeError(`FDT cell value out of range: ${c}`);
    }
    dv.setUint32(i * 4, c >>> 0);
  });
  return out;
}

/** A device tree node: ordered properties and ordered children. The root node's name is "". */
export class FdtNode {
  /** Node name including any unit address, e.g. `pl011@9000000`. */
  readonly name: string;
  /** Properties in blob order. */
  readonly properties: FdtProperty[] = [];
  /** Child nodes in blob order. */
  readonly children: FdtNode[] = [];

  /** Creates a detached node called `name`. */
  constructor(name: string) {
    checkName("node", name);
    this.name = name;
  }

  /** Appends a new child node called `name` and returns it; throws if one exists already. */
  addNode(name: string): FdtNode {
    if (this.child(name)) throw new RangeError(`FDT node ${name} already exists`);
    const node = new FdtNode(name);
    this.children.push(node);
    return node;
  }

  /** The direct child called `name`, if any. */
  child(name: string): FdtNode | undefined {
    return this.children.find((c) => c.name === name);
  }

  /** Removes the direct child called `name`; returns whether one was removed. */
  removeNode(name: string): boolean {
    const i = this.children.findIndex((c) => c.name === name);
    if (i < 0) return false;
    this.children.splice(i, 1);
    return true;
  }

  /** The node at `path` relative to this one ("/a/b" or "a/b"; "/" or "" is this node). */
  find(path: string): FdtNode | undefined {
    return path.split("/").filter((part) => part !== "").reduce<FdtNode | undefined>(
      (node, part) => node?.child(part),
      this,
    );
  }

  /** Sets property `name` to raw bytes, replacing an existing value in place. */
  setProp(name: string, value: Uint8Array): this {
    checkName("property", name);
    if (name === "") throw new RangeError("empty FDT property name");
    const existing = this.properties.find((p) => p.name === name);
    if (existing) existing.value = value;
    else this.properties.push({ name, value });
    return this;
  }

  /** Sets an empty (boolean flag) property such as `interrupt-controller`. */
  setEmpty(name: string): this {
    return this.setProp(name, new Uint8Array(0));
  }

  /** Sets a NUL-terminated string property. */
  setString(name: string, value: string): this {
    return this.setStrings(name, [value]);
  }

  /** Sets a string list property: each string NUL-terminated, concatenated. */
  setStrings(name: string, values: readonly string[]): this {
    for (const v of values) {
      if (v.includes("\0")) throw new RangeError(`FDT string contains NUL: ${JSON.stringify(v)}`);
    }
    return this.setProp(name, encoder.encode(values.map((v) => v + "\0").join("")));
  }

  /** Sets a property of big-endian u32 cells (`<a b c>` in DTS). */
  setU32(name: string, ...cells: number[]): this {
    return this.setProp(name, cellsToBytes(cells));
  }

  /** Sets a property of big-endian u64 values, each written as two cells (high, low). */
  setU64(name: string, ...values: (number | bigint)[]): this {
    const out = new Uint8Array(values.length * 8);
    const dv = new DataView(out.buffer);
    values.forEach((v, i) => {
      const b = BigInt(v);
      if (b < 0n || b > 0xffffffffffffffffn) throw new RangeError(`FDT u64 out of range: ${v}`);
      dv.setBigUint64(i * 8, b);
    });
    return this.setProp(name, out);
  }

  /** Sets this node's `phandle` property (other nodes refer to it with that u32). */
  setPhandle(phandle: number): this {
    if (phandle === 0 || phandle === 0xffffffff) throw new RangeError(`bad phandle ${phandle}`);
    return this.setU32("phandle", phandle);
  }

  /** Removes property `name`; returns whether it existed. */
  removeProp(name: string): boolean {
    const i = this.properties.findIndex((p) => p.name === name);
    if (i < 0) return false;
    this.properties.splice(i, 1);
    return true;
  }

  /** Raw bytes of property `name`, if present. */
  prop(name: string): Uint8Array | undefined {
    return this.properties.find((p) => p.name === name)?.value;
  }

  /** Property `name` as u32 cells; undefined if absent or not a multiple of 4 bytes. */
  getCells(name: string): number[] | undefined {
    const v = this.prop(name);
    if (!v || v.length % 4 !== 0) return undefined;
    const dv = new DataView(v.buffer, v.byteOffset, v.byteLength);
    return Array.from({ length: v.length / 4 }, (_, i) => dv.getUint32(i * 4));
  }

  /** Property `name` as a single u32; undefined unless it is exactly one cell. */
  getU32(name: string): number | undefined {
    const c = this.getCells(name);
    return c && c.length === 1 ? c[0] : undefined;
  }

  /** Property `name` as a string list; undefined if absent or not NUL-terminated. */
  getStrings(name: string): string[] | undefined {
    const v = this.prop(name);
    if (!v || v.length === 0 || v[v.length - 1] !== 0) return undefined;
    return decoder.decode(v.subarray(0, v.length - 1)).split("\0");
  }

  /** Property `name` as one string (the first of a list). */
  getString(name: string): string | undefined {
    return this.getStrings(name)?.[0];
  }

  /** This node's `phandle` (or legacy `linux,phandle`), if it has one. */
  get phandle(): number | undefined {
    return this.getU32("phandle") ?? this.getU32("linux,phandle");
  }
}

/** A whole device tree: the root node, memory reservations and the boot CPU id. */
export class Fdt {
  /** The root node (name ""). */
  readonly root: FdtNode;
  /** Memory reservation block entries (not including the terminating empty entry). */
  readonly reservations: FdtReservation[];
  /** Header field `boot_cpuid_phys`. */
  bootCpuidPhys: number;

  /** Wraps `root` (a new empty root by default). */
  constructor(
    root: FdtNode = new FdtNode(""),
    reservations: FdtReservation[] = [],
    bootCpuidPhys = 0,
  ) {
    if (root.name !== "") throw new RangeError('FDT root node must be named ""');
    this.root = root;
    this.reservations = reservations;
    this.bootCpuidPhys = bootCpuidPhys;
  }
}

/** Growable big-endian byte buffer for the structure and strings blocks. */
class BlockWriter {
  bytes = new Uint8Array(1024);
  length = 0;

  #ensure(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let cap = this.bytes.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  u32(v: number): void {
    this.#ensure(4);
    new DataView(this.bytes.buffer).setUint32(this.length, v >>> 0);
    this.length += 4;
  }

  raw(b: Uint8Array): void {
    this.#ensure(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }

  align4(): void {
    const pad = (4 - (this.length & 3)) & 3;
    this.#ensure(pad);
    this.bytes.fill(0, this.length, this.length + pad);
    this.length += pad;
  }

  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/**
 * Serialises `fdt` to a version 17 blob: header, memory reservation block (8-byte aligned,
 * terminated by an empty entry), structure block, strings block. Property names are stored
 * once each in the strings block.
 */
export function serializeFdt(fdt: Fdt): Uint8Array {
  const struct = new BlockWriter();
  const strings = new BlockWriter();
  const nameOffsets = new Map<string, number>();

  const stringOffset = (name: string): number => {
    let off = nameOffsets.get(name);
    if (off === undefined) {
      off = strings.length;
      strings.raw(encoder.encode(name + "\0"));
      nameOffsets.set(name, off);
    }
    return off;
  };

  const emit = (node: FdtNode): void => {
    struct.u32(FDT_BEGIN_NODE);
    struct.raw(encoder.encode(node.name + "\0"));
    struct.align4();
    for (const p of node.properties) {
      struct.u32(FDT_PROP);
      struct.u32(p.value.length);
      struct.u32(stringOffset(p.name));
      struct.raw(p.value);
      struct.align4();
    }
    for (const c of node.children) emit(c);
    struct.u32(FDT_END_NODE);
  };
  emit(fdt.root);
  struct.u32(FDT_END);

  const offRsvmap = FDT_HEADER_SIZE; // already 8-byte aligned
  const rsvSize = (fdt.reservations.length + 1) * FDT_RESERVE_ENTRY_SIZE;
  const offStruct = offRsvmap + rsvSize;
  const offStrings = offStruct + struct.length;
  const total = offStrings + strings.length;

  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(FdtHeader.magic, FDT_MAGIC);
  dv.setUint32(FdtHeader.totalsize, total);
  dv.setUint32(FdtHeader.off_dt_struct, offStruct);
  dv.setUint32(FdtHeader.off_dt_strings, offStrings);
  dv.setUint32(FdtHeader.off_mem_rsvmap, offRsvmap);
  dv.setUint32(FdtHeader.version, FDT_VERSION);
  dv.setUint32(FdtHeader.last_comp_version, FDT_LAST_COMP_VERSION);
  dv.setUint32(FdtHeader.boot_cpuid_phys, fdt.bootCpuidPhys >>> 0);
  dv.setUint32(FdtHeader.size_dt_strings, strings.length);
  dv.setUint32(FdtHeader.size_dt_struct, struct.length);
  fdt.reservations.forEach((r, i) => {
    if (r.size === 0n) throw new RangeError("FDT reservation of size 0 would end the block");
    dv.setBigUint64(offRsvmap + i * FDT_RESERVE_ENTRY_SIZE, BigInt.asUintN(64, r.address));
    dv.setBigUint64(offRsvmap + i * FDT_RESERVE_ENTRY_SIZE + 8, BigInt.asUintN(64, r.size));
  });
  out.set(struct.done(), offStruct);
  out.set(strings.done(), offStrings);
  return out;
}

/** Size of the buffer QEMU builds a board's device tree in (FDT_MAX_SIZE, 1 MiB). */
export const FDT_BOARD_SIZE = 0x10_0000;

/**
 * Size QEMU gives a `-dtb FILE` blob of `fileSize` bytes in memory (load_device_tree leaves
 * room to edit it: twice the file plus 10000 bytes).
 */
export function fdtFileLoadSize(fileSize: number): number {
  return (fileSize + 10000) * 2;
}

/**
 * Returns `blob` laid out as QEMU hands a device tree to the guest: libfdt's sequential-write
 * layout (memory reservation block 16-byte aligned after the header, then the structure and
 * strings blocks) in a buffer of `size` bytes whose tail is free space, with `totalsize` saying
 * `size`. The guest then reserves as much memory as under QEMU and reads the same bytes.
 */
export function padFdt(blob: Uint8Array, size: number): Uint8Array {
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const offRsv = dv.getUint32(FdtHeader.off_mem_rsvmap);
  const offStruct = dv.getUint32(FdtHeader.off_dt_struct);
  const offStrings = dv.getUint32(FdtHeader.off_dt_strings);
  const structSize = dv.getUint32(FdtHeader.size_dt_struct);
  const stringsSize = dv.getUint32(FdtHeader.size_dt_strings);
  const newRsv = Math.ceil(FDT_HEADER_SIZE / FDT_RESERVE_ENTRY_SIZE) * FDT_RESERVE_ENTRY_SIZE;
  const newStruct = newRsv + (offStruct - offRsv);
  const newStrings = newStruct + structSize;
  const out = new Uint8Array(Math.max(size, newStrings + stringsSize));
  out.set(blob.subarray(0, FDT_HEADER_SIZE));
  out.set(blob.subarray(offRsv, offStruct), newRsv);
  out.set(blob.subarray(offStruct, offStruct + structSize), newStruct);
  out.set(blob.subarray(offStrings, offStrings + stringsSize), newStrings);
  const h = new DataView(out.buffer);
  h.setUint32(FdtHeader.totalsize, out.length);
  h.setUint32(FdtHeader.off_mem_rsvmap, newRsv);
  h.setUint32(FdtHeader.off_dt_struct, newStruct);
  h.setUint32(FdtHeader.off_dt_strings, newStrings);
  return out;
}
