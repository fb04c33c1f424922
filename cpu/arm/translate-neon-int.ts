/**
 * Advanced SIMD: three registers of the same length (integer and bitwise), one register and a modified immediate, three registers of different lengths, two registers and a scalar (integer). Being written; until then these encodings stay UNDEFINED.
 *
 * @module
 */

/** Adds this group's patterns to the A32 decode tables (see translate-neon.ts). */
export function registerNeonInteger(): void {
}
