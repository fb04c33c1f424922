/**
 * Boot planning for `-kernel`/`-initrd` on the `virt` board: where each image goes in guest
 * memory and in which state the first CPU starts, decided as QEMU 7.2's hw/arm/boot.c decides
 * (arm_setup_direct_kernel_boot for a 32-bit CPU, no firmware, a board-generated DTB). Pure:
 * the board copies `loads` into memory and sets the CPU from `entry`, `thumb` and `regs`.
 *
 * - ELF kernel: not Linux. Segments at their physical addresses; the CPU starts at `e_entry`
 *   (Thumb if bit 0 is set) with r0-r2 = 0 as out of reset. The DTB (without initrd
 *   properties; QEMU ignores `-initrd` for ELF images) goes to the base of RAM when the image
 *   starts above it and the blob fits below the image; when the image itself starts at the
 *   base of RAM QEMU writes the DTB at physical address 0 (the flash), reported as
 *   `dtbAddr = 0`.
 * - Anything else is a Linux zImage or raw Image: loaded at RAM base + 0x10000; initrd at RAM
 *   base + min(RAM/2, 128 MiB) (never below the kernel's end), page aligned; DTB after the
 *   initrd, 4 KiB aligned. QEMU starts the CPU in a 7-word stub at the base of RAM that sets
 *   r0 = 0, r1 = 0xffffffff (no machine id: DT boot), r2 = DTB address and jumps to the kernel.
 *   The plan loads the same stub, and the CPU runs it as on QEMU (`start`); `entry` and `regs`
 *   give the state after it ran.
 * - U-Boot uImages are rejected.
 *
 * @module
 */

import { readFdtHeader } from "../core/fdt-reader.ts";
import { ImageError } from "../core/image-error.ts";
import { isElf, loadElf } from "../core/loader-elf.ts";

/** Offset from the start of RAM at which a 32-bit Linux image is loaded (KERNEL_LOAD_ADDR). */
export const KERNEL_LOAD_OFFSET = 0x1_0000;
/** zImage header: offset of the magic word (little-endian). */
export const ZIMAGE_MAGIC_OFFSET = 0x24;
/** zImage header magic. */
export const ZIMAGE_MAGIC = 0x016f2818;
/** U-Boot legacy image magic (big-endian at offset 0). */
export const UIMAGE_MAGIC = 0x27051956;
/** The initrd never goes higher above the RAM base than this (it must stay in lowmem). */
export const INITRD_MAX_OFFSET = 128 * 1024 * 1024;
/** Page size used to align the initrd (TARGET_PAGE_SIZE for an ARMv7 CPU). */
export const BOOT_PAGE_SIZE = 4096;
/** Alignment of the DTB after the initrd (32-bit kernels may clobber the initrd's last page). */
export const DTB_ALIGN = 4096;
/** r1 for a device tree boot: the `virt` board has no ARM machine number. */
export const VIRT_BOARD_ID = 0xffffffff;

/** Words of QEMU's primary boot stub; the last three are board id, DTB address, entry. */
const BOOT_STUB_CODE = [
  0xe3a00000, // mov r0, #0
  0xe59f1004, // ldr r1, [pc, #4]
  0xe59f2004, // ldr r2, [pc, #4]
  0xe59ff004, // ldr pc, [pc, #4]
] as const;

/** What the board must do to start the guest. */
export interface BootPlan {
  /** Address of the kernel's first instruction (Thumb bit cleared). */
  entry: number;
  /** r0-r2 at `entry`. */
  regs: { r0: number; r1: number; r2: number };
  /**
   * Where the CPU starts out of reset (r0-r2 = 0): QEMU's boot stub at the RAM base for Linux,
   * which sets `regs` and jumps to `entry`; `entry` itself for an ELF.
   */
  start: number;
  /** Start in Thumb state. */
  thumb: boolean;
  /** Blobs to copy into guest physical memory, in order. */
  loads: { addr: number; data: Uint8Array; what: string }[];
  /** Where the DTB was placed, or null if it was not loaded. */
  dtbAddr: number | null;
  /** Linux boot protocol (zImage/Image) rather than a bare-metal ELF. */
  isLinux: boolean;
  /** FUNC symbols of an ELF kernel, address to name. */
  symbols?: Map<number, string>;
}

/** Inputs of {@link planBoot}. */
export interface BootOptions {
  /** Guest physical start of RAM. */
  ramBase: number;
  /** RAM size in bytes. */
  ramSize: number;
  /** The `-kernel` file's bytes. */
  kernel: Uint8Array;
  /** The `-kernel` path, for error messages. */
  kernelPath: string;
  /** The `-initrd` file's bytes (used for Linux images only, as QEMU does). */
  initrd?: Uint8Array;
  /** The `-initrd` path, for error messages. */
  initrdPath?: string;
  /** Produces the DTB once the initrd placement is known. */
  dtb: (info: { initrd?: { start: number; end: number } }) => Uint8Array;
  /** Name for the DTB in error messages (a `-dtb` path); "dtb" by default. */
  dtbPath?: string;
}

const hex = (n: number): string => "0x" + n.toString(16);
const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;

/** True if `kernel` carries the zImage magic at offset 0x24. */
export function isZImage(kernel: Uint8Array): boolean {
  if (kernel.length < ZIMAGE_MAGIC_OFFSET + 4) return false;
  const dv = new DataView(kernel.buffer, kernel.byteOffset, kernel.byteLength);
  return dv.getUint32(ZIMAGE_MAGIC_OFFSET, true) === ZIMAGE_MAGIC;
}

/** True if `kernel` starts with the U-Boot legacy image magic. */
export function isUImage(kernel: Uint8Array): boolean {
  if (kernel.length < 4) return false;
  return new DataView(kernel.buffer, kernel.byteOffset, 4).getUint32(0) === UIMAGE_MAGIC;
}

/** QEMU's boot stub for a Linux image, as little-endian bytes. */
export function bootStub(boardId: number, dtbAddr: number, entry: number): Uint8Array {
  const words = [...BOOT_STUB_CODE, boardId, dtbAddr, entry];
  const out = new Uint8Array(words.length * 4);
  const dv = new DataView(out.buffer);
  words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  return out;
}

/** Checks the DTB the board produced: valid header, and its declared size is the blob's. */
function checkDtb(dtb: Uint8Array, name: string): void {
  const h = readFdtHeader(dtb, name);
  if (h.totalsize !== dtb.length) {
    throw new ImageError(
      name,
      `device tree size ${h.totalsize} differs from blob size ${dtb.length}`,
    );
  }
}

/**
 * Decides how to boot `opts.kernel`. Throws {@link ImageError} naming the file when an image
 * is malformed (ELF header, uImage, bad DTB), or when the kernel, initrd or DTB does not fit in
 * RAM.
 */
export function planBoot(opts: BootOptions): BootPlan {
  const { ramBase, ramSize, kernel, kernelPath } = opts;
  const ramEnd = ramBase + ramSize;
  const dtbName = opts.dtbPath ?? "dtb";

  if (isElf(kernel)) {
    const img = loadElf(kernel, kernelPath);
    let low = Infinity;
    let high = 0;
    const loads: BootPlan["loads"] = img.segments.map((s, i) => {
      if (s.paddr < ramBase || s.paddr + s.memsz > ramEnd) {
        throw new ImageError(
          kernelPath,
          `ELF segment ${i} at ${hex(s.paddr)} (${s.memsz} bytes) lies outside RAM ` +
            `(${hex(ramBase)}-${hex(ramEnd - 1)})`,
        );
      }
      low = Math.min(low, s.paddr);
      high = Math.max(high, s.paddr + s.memsz);
      const data = new Uint8Array(s.memsz);
      data.set(s.data);
      return { addr: s.paddr, data, what: `ELF segment ${i}` };
    });
    // QEMU: the DTB goes to the RAM base if the image leaves room there (limited by the image
    // start); if the image covers the RAM base, dtb_start stays 0 and no limit applies.
    const dtbStart = low > ramBase ? ramBase : 0;
    const limit = low > ramBase ? low : 0;
    const dtb = opts.dtb({});
    checkDtb(dtb, dtbName);
    let dtbAddr: number | null = null;
    if (limit === 0 || dtb.length <= limit - dtbStart) {
      dtbAddr = dtbStart;
      loads.push({ addr: dtbStart, data: dtb, what: "dtb" });
    }
    return {
      entry: (img.entry & ~1) >>> 0,
      regs: { r0: 0, r1: 0, r2: 0 },
      start: (img.entry & ~1) >>> 0,
      thumb: (img.entry & 1) === 1,
      loads,
      dtbAddr,
      isLinux: false,
      symbols: img.symbols,
    };
  }

  if (isUImage(kernel)) {
    throw new ImageError(kernelPath, "U-Boot uImage kernels are not supported (use a zImage)");
  }
  if (kernel.length === 0) throw new ImageError(kernelPath, "kernel image is empty");
  const entry = ramBase + KERNEL_LOAD_OFFSET;
  const kernelRoom = Math.max(0, ramSize - KERNEL_LOAD_OFFSET);
  if (kernel.length > kernelRoom) {
    throw new ImageError(
      kernelPath,
      `kernel image too large for RAM (${kernel.length} bytes, ${kernelRoom} available)`,
    );
  }
  const initrdStart = alignUp(
    Math.max(ramBase + Math.min(Math.floor(ramSize / 2), INITRD_MAX_OFFSET), entry + kernel.length),
    BOOT_PAGE_SIZE,
  );
  const initrd = opts.initrd && opts.initrd.length > 0 ? opts.initrd : undefined;
  const initrdSize = initrd?.length ?? 0;
  if (initrd) {
    const room = Math.max(0, ramEnd - initrdStart);
    if (initrdSize > room) {
      throw new ImageError(
        opts.initrdPath ?? "initrd",
        `initrd too large for RAM (${initrdSize} bytes, ${room} available after the kernel)`,
      );
    }
  }
  const dtbAddr = alignUp(initrdStart + initrdSize, DTB_ALIGN);
  const dtb = opts.dtb(
    initrd ? { initrd: { start: initrdStart, end: initrdStart + initrdSize } } : {},
  );
  checkDtb(dtb, dtbName);
  const dtbRoom = Math.max(0, ramEnd - dtbAddr);
  if (dtb.length > dtbRoom) {
    throw new ImageError(
      dtbName,
      `device tree too large for RAM (${dtb.length} bytes, ${dtbRoom} available after the initrd)`,
    );
  }
  const loads: BootPlan["loads"] = [
    { addr: ramBase, data: bootStub(VIRT_BOARD_ID, dtbAddr, entry), what: "bootloader" },
    { addr: entry, data: kernel, what: isZImage(kernel) ? "zImage" : "kernel Image" },
  ];
  if (initrd) loads.push({ addr: initrdStart, data: initrd, what: "initrd" });
  loads.push({ addr: dtbAddr, data: dtb, what: "dtb" });
  return {
    entry,
    regs: { r0: 0, r1: VIRT_BOARD_ID, r2: dtbAddr },
    start: ramBase,
    thumb: false,
    loads,
    dtbAddr,
    isLinux: true,
  };
}
