/**
 * Guest disassembly (QEMU's disas/capstone.c role) through capstone compiled to WebAssembly
 * (`npm:capstone-wasm`). The engine is loaded once by `initDisassembler()`; afterwards
 * `disassemble()` is synchronous. If the wasm module cannot be loaded, or `disassemble()` is
 * called before initialisation, every instruction unit is rendered as `.word 0x...` (A32) or
 * `.short 0x...` (Thumb halfword), and a warning is printed once.
 *
 * Used by `-d in_asm` (accel/tcg/exec-log.ts), the difference tracer and the plugin API's
 * `insn.disas()`.
 *
 * @module
 */

/** One disassembled instruction. */
export interface DisasInsn {
  /** Mnemonic with condition and size suffixes (`strlo`, `vadd.f32`). */
  mnemonic: string;
  /** Operands as capstone prints them (`r2, [r0], #4`). */
  opStr: string;
  /** Size in bytes (4 for A32; 2 or 4 for Thumb). */
  size: number;
}

/** The subset of capstone-wasm's Capstone class this module uses. */
interface CapstoneHandle {
  disasm(
    data: Uint8Array,
    options?: { address?: number | bigint; count?: number },
  ): { size: number; mnemonic: string; opStr: string }[];
}

/** Pinned capstone-wasm version (capstone 5 engine). */
export const CAPSTONE_WASM_VERSION = "1.0.3";

let armHandle: CapstoneHandle | null = null;
let thumbHandle: CapstoneHandle | null = null;
let initPromise: Promise<void> | null = null;
let warned = false;

function warnOnce(why: string): void {
  if (warned) return;
  warned = true;
  console.error(`tsemu: disassembler unavailable (${why}); printing raw words`);
}

/**
 * Loads the capstone wasm engine (idempotent; concurrent callers share one load). Never
 * rejects: on failure the fallback output is used and a warning is printed once.
 */
export function initDisassembler(): Promise<void> {
  if (initPromise) return initPromise;
  initPromise = (async () => {
    try {
      // Version pinned in deno.json's import map.
      const mod = await import("capstone-wasm");
      await mod.loadCapstone();
      const C = mod.Const;
      armHandle = new mod.Capstone(C.CS_ARCH_ARM, C.CS_MODE_ARM);
      thumbHandle = new mod.Capstone(C.CS_ARCH_ARM, C.CS_MODE_THUMB);
    } catch (e) {
      armHandle = thumbHandle = null;
      warnOnce(e instanceof Error ? e.message : String(e));
    }
  })();
  return initPromise;
}

/** True once capstone is loaded and `disassemble()` gives real mnemonics. */
export function disassemblerReady(): boolean {
  return armHandle !== null;
}

function hexWord(v: number, digits: number): string {
  return "0x" + (v >>> 0).toString(16).padStart(digits, "0");
}

/** The raw-data rendering of the undecodable unit at `bytes[off]`. */
function rawUnit(bytes: Uint8Array, off: number, thumb: boolean): DisasInsn {
  if (thumb || bytes.length - off < 4) {
    const v = bytes[off] | ((bytes[off + 1] ?? 0) << 8);
    return { mnemonic: ".short", opStr: hexWord(v, 4), size: 2 };
  }
  const v = bytes[off] | (bytes[off + 1] << 8) | (bytes[off + 2] << 16) | (bytes[off + 3] << 24);
  return { mnemonic: ".word", opStr: hexWord(v, 8), size: 4 };
}

/**
 * Disassembles little-endian guest code `bytes` located at virtual address `addr`, in Thumb
 * state when `thumb`. Returns one entry per instruction, covering all of `bytes`; units
 * capstone cannot decode come back as `.word`/`.short` data. Synchronous; call
 * `initDisassembler()` first for real output.
 */
export function disassemble(bytes: Uint8Array, addr: number, thumb: boolean): DisasInsn[] {
  const out: DisasInsn[] = [];
  const h = thumb ? thumbHandle : armHandle;
  if (h === null && !initPromise) warnOnce("initDisassembler() was not called");
  let off = 0;
  while (off < bytes.length) {
    if (h !== null) {
      let decoded: { size: number; mnemonic: string; opStr: string }[] = [];
      try {
        decoded = h.disasm(bytes.subarray(off), { address: (addr + off) >>> 0 });
      } catch {
        // capstone-wasm throws when the first instruction cannot be decoded.
      }
      for (const d of decoded) {
        out.push({ mnemonic: d.mnemonic, opStr: d.opStr, size: d.size });
        off += d.size;
      }
      if (off >= bytes.length) break;
    }
    const raw = rawUnit(bytes, off, thumb);
    out.push(raw);
    off += raw.size;
  }
  return out;
}
