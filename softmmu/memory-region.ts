/**
 * MemoryRegion: the building block of the guest physical address space, after QEMU's
 * system/memory.c. A region is RAM, ROM, IO (device registers behind callbacks), an alias of
 * part of another region, or a container of subregions placed at offsets with priorities.
 *
 * @module
 */

/** Result of a memory transaction, as QEMU's MemTxResult. */
export const enum MemTx {
  OK = 0,
  /** The device signalled an error (a slave error on the bus). */
  ERROR = 1,
  /** Nothing decodes the address, or the access size is invalid. */
  DECODE_ERROR = 2,
}

/**
 * Register callbacks of an IO region. Offsets are relative to the region start; values are
 * unsigned 32-bit numbers (sizes 1, 2, 4). Accesses wider than `implMax` are split into
 * several little-endian accesses; narrower than `implMin` are widened and the bytes extracted.
 */
export interface MemoryRegionOps {
  /** Reads `size` bytes at `offset`; returns the value (unsigned). */
  read(offset: number, size: number): number;
  /** Writes the low `size` bytes of `value` at `offset`. */
  write(offset: number, value: number, size: number): void;
  /** Smallest access size the guest may use (default 1). */
  validMin?: number;
  /** Largest access size the guest may use (default 4). */
  validMax?: number;
  /** Whether the guest may access at an address not aligned to the size (default false). */
  validUnaligned?: boolean;
  /** Smallest size the callbacks implement (default 1). */
  implMin?: number;
  /** Largest size the callbacks implement (default 4). */
  implMax?: number;
  /**
   * Optional: tell whether an access is accepted at all (QEMU's `accepts`). Returning false
   * gives a decode error.
   */
  accepts?(offset: number, size: number, isWrite: boolean): boolean;
  /**
   * Optional, for ROM devices (QEMU's memory_region_init_rom_device, e.g. CFI flash): stores
   * what a loader writes (`AddressSpace.writeBytes` with `rom: true`) straight into the
   * device's contents, bypassing the register callbacks.
   */
  writeRom?(offset: number, data: Uint8Array): void;
}

/** The kinds of region. */
export type MemoryRegionKind = "ram" | "rom" | "io" | "alias" | "container";

/** A subregion placed in a container. */
export interface Subregion {
  /** The child region. */
  region: MemoryRegion;
  /** Offset of the child inside the container. */
  offset: number;
  /** Higher priority wins where siblings overlap; equal priority: later-added wins. */
  priority: number;
}

/** Optional names for register offsets, used by plugins and reports (e.g. `UARTDR`). */
export type RegisterNamer = (offset: number) => string | undefined;

let generation = 0;

/** A node in the memory tree. Create one with the static constructors. */
export class MemoryRegion {
  /** Region name, as QEMU names it (`pl011`, `mach-virt.ram`, ...). */
  readonly name: string;
  /** Size in bytes (up to 2^32). */
  readonly size: number;
  /** What the region is. */
  readonly kind: MemoryRegionKind;
  /** Backing bytes of a RAM or ROM region. */
  readonly ram: Uint8Array | null;
  /** Callbacks of an IO region. */
  readonly ops: MemoryRegionOps | null;
  /** Target of an alias. */
  readonly aliasOf: MemoryRegion | null;
  /** Offset into the alias target. */
  readonly aliasOffset: number;
  /** Children of a container, in insertion order. */
  readonly subregions: Subregion[] = [];
  /** Parent container, once added. */
  parent: MemoryRegion | null = null;
  /** Whether the region takes part in rendering. */
  enabled = true;
  /** Names register offsets for reports; set by device models that know them. */
  registerName: RegisterNamer | null = null;

  private constructor(
    name: string,
    size: number,
    kind: MemoryRegionKind,
    ram: Uint8Array | null,
    ops: MemoryRegionOps | null,
    aliasOf: MemoryRegion | null,
    aliasOffset: number,
  ) {
    if (!(size > 0 && size <= 0x1_0000_0000)) {
      throw new RangeError(`memory region '${name}': bad size ${size}`);
    }
    this.name = name;
    this.size = size;
    this.kind = kind;
    this.ram = ram;
    this.ops = ops;
    this.aliasOf = aliasOf;
    this.aliasOffset = aliasOffset;
  }

  /** RAM of `size` bytes, zero-filled. Pass `backing` to share an existing buffer. */
  static ram(name: string, size: number, backing?: Uint8Array): MemoryRegion {
    const buf = backing ?? new Uint8Array(new ArrayBuffer(size));
    if (buf.length !== size) throw new RangeError(`ram '${name}': backing size mismatch`);
    return new MemoryRegion(name, size, "ram", buf, null, null, 0);
  }

  /** ROM: readable like RAM, guest writes are ignored (and logged as guest errors). */
  static rom(name: string, size: number): MemoryRegion {
    return new MemoryRegion(name, size, "rom", new Uint8Array(size), null, null, 0);
  }

  /** Device registers behind `ops`. */
  static io(name: string, size: number, ops: MemoryRegionOps): MemoryRegion {
    return new MemoryRegion(name, size, "io", null, ops, null, 0);
  }

  /** A window of `size` bytes onto `target` starting at `offset`. */
  static alias(name: string, target: MemoryRegion, offset: number, size: number): MemoryRegion {
    if (offset < 0 || offset + size > target.size) {
      throw new RangeError(`alias '${name}': window outside '${target.name}'`);
    }
    return new MemoryRegion(name, size, "alias", null, null, target, offset);
  }

  /** An empty container; accesses that hit no child are unassigned. */
  static container(name: string, size: number): MemoryRegion {
    return new MemoryRegion(name, size, "container", null, null, null, 0);
  }

  /** Places `child` at `offset` in this container with `priority` (default 0). */
  addSubregion(offset: number, child: MemoryRegion, priority = 0): void {
    if (this.kind !== "container") {
      throw new TypeError(`'${this.name}' is not a container`);
    }
    if (child.parent) throw new Error(`'${child.name}' is already in '${child.parent.name}'`);
    child.parent = this;
    this.subregions.push({ region: child, offset, priority });
    bumpGeneration();
  }

  /** Removes `child` from this container. */
  removeSubregion(child: MemoryRegion): void {
    const i = this.subregions.findIndex((s) => s.region === child);
    if (i < 0) return;
    this.subregions.splice(i, 1);
    child.parent = null;
    bumpGeneration();
  }

  /** Enables or disables the region (a disabled region is skipped when rendering). */
  setEnabled(on: boolean): void {
    if (this.enabled !== on) {
      this.enabled = on;
      bumpGeneration();
    }
  }
}

/** Called whenever any memory tree changes; address spaces re-render lazily. */
function bumpGeneration(): void {
  generation++;
}

/** Current topology generation: an AddressSpace re-renders when it changes. */
export function memoryGeneration(): number {
  return generation;
}
