/**
 * Advanced SIMD: two registers and a shift amount, two registers miscellaneous (integer), VEXT, VTBL/VTBX, VDUP (scalar). Being written; until then these encodings stay UNDEFINED.
 *
 * @module
 */

/** Adds this group's patterns to the A32 decode tables (see translate-neon.ts). */
export function registerNeonShiftMisc(): void {
}
