/**
 * The SMBIOS tables QEMU 7.2 hands firmware through fw_cfg on `virt` (hw/smbios/smbios.c with
 * the board's defaults: manufacturer "QEMU", product "QEMU Virtual Machine", version = the
 * machine type): system (type 1), chassis (3), one processor socket (4), the memory array (16)
 * and its device (17), system boot (32) and the end marker (127), plus the SMBIOS 3.0 entry
 * point. The firmware fills in the table address and the entry point checksum.
 *
 * @module
 */

const encoder = new TextEncoder();

/** What the tables describe. */
export interface SmbiosConfig {
  /** Machine type shown as the version strings, e.g. "virt-7.2". */
  version: string;
  /** RAM size in bytes (one DIMM). */
  ramSize: number;
  /** CPUs: one socket with this many cores. */
  numCpus: number;
}

/** Structure types. */
export const SmbiosType = {
  system: 1,
  chassis: 3,
  processor: 4,
  memoryArray: 16,
  memoryDevice: 17,
  systemBoot: 32,
  endOfTable: 127,
} as const;

/** "Handle not provided" / "no error information". */
const HANDLE_NONE = 0xfffe;
const HANDLE_NOT_PRESENT = 0xffff;

/** One structure: formatted bytes (type, length and handle are filled in) and its strings. */
function structure(
  type: number,
  handle: number,
  body: number[],
  strings: string[],
): Uint8Array {
  const head = [type, 4 + body.length, handle & 0xff, handle >> 8, ...body];
  const tail = strings.length === 0
    ? [0, 0]
    : [...encoder.encode(strings.map((s) => s + "\0").join("")), 0];
  return Uint8Array.from([...head, ...tail]);
}

const u16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const u32 = (v: number) => [...u16(v & 0xffff), ...u16(Math.floor(v / 0x10000) & 0xffff)];

/** The structure table (`etc/smbios/smbios-tables`). */
export function smbiosTables(cfg: SmbiosConfig): Uint8Array {
  const { version, ramSize, numCpus } = cfg;
  const parts: Uint8Array[] = [];
  // Type 1: manufacturer 1, product 2, version 3, no serial, zero UUID, power switch wake-up.
  parts.push(structure(SmbiosType.system, 0x0100, [
    1,
    2,
    3,
    0,
    ...new Array(16).fill(0),
    0x06,
    0,
    0,
  ], ["QEMU", "QEMU Virtual Machine", version]));
  // Type 3: "other" chassis, states safe, security unknown; no OEM data, height, cords,
  // contained elements or SKU.
  parts.push(structure(SmbiosType.chassis, 0x0300, [
    1,
    0x01,
    2,
    0,
    0,
    0x03,
    0x03,
    0x03,
    0x02,
    ...u32(0),
    0,
    0,
    0,
    0,
    0,
  ], ["QEMU", version]));
  // Type 4: a central processor, family "other", 2000 MHz, populated and enabled.
  parts.push(structure(SmbiosType.processor, 0x0400, [
    1,
    0x03,
    0x01,
    2,
    ...new Array(8).fill(0),
    3,
    0,
    ...u16(0),
    ...u16(2000),
    ...u16(2000),
    0x41,
    0x01,
    ...u16(HANDLE_NOT_PRESENT),
    ...u16(HANDLE_NOT_PRESENT),
    ...u16(HANDLE_NOT_PRESENT),
    0,
    0,
    0,
    numCpus,
    numCpus,
    numCpus,
    ...u16(0x0002),
    ...u16(0x0001),
    ...u16(numCpus),
    ...u16(numCpus),
    ...u16(numCpus),
  ], ["CPU 0", "QEMU", version]));
  // Type 16: system memory with multi-bit ECC, capacity in KiB, one device.
  parts.push(structure(SmbiosType.memoryArray, 0x1000, [
    0x01,
    0x03,
    0x06,
    ...u32(ramSize / 1024),
    ...u16(HANDLE_NONE),
    ...u16(1),
    ...new Array(8).fill(0),
  ], []));
  // Type 17: one DIMM of the whole RAM, size in MiB, type RAM, detail "other".
  parts.push(structure(SmbiosType.memoryDevice, 0x1100, [
    ...u16(0x1000),
    ...u16(HANDLE_NONE),
    ...u16(HANDLE_NOT_PRESENT),
    ...u16(HANDLE_NOT_PRESENT),
    ...u16(ramSize / (1 << 20)),
    0x09,
    0,
    1,
    0,
    0x07,
    ...u16(0x0002),
    ...u16(0),
    2,
    0,
    0,
    0,
    0,
    ...u32(0),
    ...u16(0),
    ...u16(0),
    ...u16(0),
    ...u16(0),
  ], ["DIMM 0", "QEMU"]));
  parts.push(structure(SmbiosType.systemBoot, 0x2000, new Array(7).fill(0), []));
  parts.push(structure(SmbiosType.endOfTable, 0x7f00, [], []));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The SMBIOS 3.0 entry point (`etc/smbios/smbios-anchor`) for a table of `tableLength` bytes:
 * "_SM3_", version 3.0, entry point revision 1; checksum and table address left 0 for firmware.
 */
export function smbiosEntryPoint30(tableLength: number): Uint8Array {
  return Uint8Array.from([
    ...encoder.encode("_SM3_"),
    0,
    0x18,
    3,
    0,
    0,
    0x01,
    0,
    ...u32(tableLength),
    ...new Array(8)
      .fill(0),
  ]);
}
