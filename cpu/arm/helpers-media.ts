/**
 * Run-time data for the A32 media instructions (cpu/arm/translate-a32-media.ts), added to the
 * helper object `H` by `registerMediaHelpers()`.
 *
 * @module
 */

import { registerHelpers } from "./helpers.ts";

/**
 * SEL byte masks: entry `ge` (the 4-bit CPSR.GE value) has byte i set to 0xff when GE[i] is
 * set, so SEL is `(Rn & mask) | (Rm & ~mask)`.
 */
export const GE_BYTE_MASK: Int32Array = (() => {
  const t = new Int32Array(16);
  for (let ge = 0; ge < 16; ge++) {
    let m = 0;
    for (let i = 0; i < 4; i++) if (ge & (1 << i)) m |= 0xff << (8 * i);
    t[ge] = m;
  }
  return t;
})();

/** Reverses the bit order of a word (RBIT); returns int32. */
export function rbit(v: number): number {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  v = ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
  return (v >>> 16) | (v << 16);
}

let registered = false;

/** Adds the media helpers to `H` (as `H.geByteMask`, `H.rbit`); idempotent. */
export function registerMediaHelpers(): void {
  if (registered) return;
  registered = true;
  registerHelpers({ geByteMask: GE_BYTE_MASK, rbit });
}
