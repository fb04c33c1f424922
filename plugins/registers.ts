/**
 * Guest registers as plugins see them: gdb's names for an ARM core (r0–r12, sp, lr, pc,
 * cpsr), read and written as little-endian bytes (QEMU's gdbstub register layout).
 *
 * @module
 */

import type { ArmCpu } from "../cpu/arm/cpu.ts";

/** Register names by handle: r0–r12, sp, lr, pc, cpsr (as gdb's org.gnu.gdb.arm.core). */
export const REGISTER_NAMES: readonly string[] = [
  "r0",
  "r1",
  "r2",
  "r3",
  "r4",
  "r5",
  "r6",
  "r7",
  "r8",
  "r9",
  "r10",
  "r11",
  "r12",
  "sp",
  "lr",
  "pc",
  "cpsr",
];

/** Reads register `handle` as 4 little-endian bytes, or null for an unknown handle. */
export function readRegisterBytes(cpu: ArmCpu, handle: number): Uint8Array | null {
  let v: number;
  if (handle >= 0 && handle < 16) v = cpu.r[handle];
  else if (handle === 16) v = cpu.cpsr;
  else return null;
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, v >>> 0, true);
  return out;
}

/**
 * Writes register `handle` from little-endian bytes (at least 4). The pc is read-only (use
 * `setPc`); a CPSR write goes through the architectural CPSR write and ends the current TB.
 */
export function writeRegisterBytes(cpu: ArmCpu, handle: number, bytes: Uint8Array): boolean {
  if (bytes.length < 4 || handle === 15) return false;
  const v = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) | 0;
  if (handle >= 0 && handle < 15) {
    cpu.r[handle] = v;
    return true;
  }
  if (handle === 16) {
    cpu.writeCpsr(v, 0xffffffff | 0);
    cpu.exitRequest = 1;
    return true;
  }
  return false;
}
