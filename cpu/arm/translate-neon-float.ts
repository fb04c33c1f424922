/**
 * Advanced SIMD: single-precision operations with the standard FPSCR. Being written; until then these encodings stay UNDEFINED.
 *
 * @module
 */

/** Adds this group's patterns to the A32 decode tables (see translate-neon.ts). */
export function registerNeonFloat(): void {
}
