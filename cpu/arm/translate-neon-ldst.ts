/**
 * Advanced SIMD: element and structure loads and stores, scalar transfers to and from core registers. Being written; until then these encodings stay UNDEFINED.
 *
 * @module
 */

/** Adds this group's patterns to the A32 decode tables (see translate-neon.ts). */
export function registerNeonLoadStore(): void {
}
