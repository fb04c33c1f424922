/**
 * The decode tables of the Thumb instruction set: 16-bit encodings (`T16_TABLE`, patterns of 16
 * bits) and 32-bit Thumb-2 encodings (`T32_TABLE`, patterns of 32 bits with the first halfword
 * in bits 31:16, as the ARM ARM writes them). The groups (`translate-t16.ts`,
 * `translate-t32-*.ts`) fill them; `translate-thumb.ts` decodes with them.
 *
 * @module
 */

import { DecodeTable } from "./decodetree.ts";
import type { Emitter } from "./translate-a32.ts";

/** 16-bit Thumb patterns, bucketed on bits 15:8. */
export const T16_TABLE: DecodeTable<Emitter> = new DecodeTable<Emitter>(
  [15, 14, 13, 12, 11, 10, 9, 8],
  16,
);

/** 32-bit Thumb patterns, bucketed on bits 31:20 (the first halfword's op bits) and 15, 12. */
export const T32_TABLE: DecodeTable<Emitter> = new DecodeTable<Emitter>([
  31,
  30,
  29,
  28,
  27,
  26,
  25,
  24,
  23,
  22,
  21,
  20,
  15,
  12,
]);

/** Whether the Thumb halfword `hw` is the first half of a 32-bit instruction. */
export function isT32Prefix(hw: number): boolean {
  return (hw >>> 11) >= 0x1d;
}

/** IT state after an instruction run in state `it` (ARM ARM ITAdvance). */
export function itAdvance(it: number): number {
  if ((it & 0xf) === 0) return 0;
  if ((it & 7) === 0) return 0;
  return (it & 0xe0) | ((it << 1) & 0x1f);
}

/** Whether IT state `it` is inside an IT block (its mask is not zero). */
export function inItBlock(it: number): boolean {
  return (it & 0xf) !== 0;
}
