/**
 * Advanced SIMD element and structure loads and stores (QEMU's neon-ls.decode: VLD1-VLD4 and
 * VST1-VST4 of multiple structures, of a single structure to one lane, and VLD1-VLD4 of a
 * single structure to all lanes), and the transfers between core registers and 8/16-bit
 * scalars (VMOV to and from a core register, VDUP from a core register; the 32-bit VMOV is in
 * translate-vfp.ts). Everything is emitted inline on the register file's word view.
 *
 * Bit-exact with QEMU 7.2:
 * - Memory order and faults. Elements are accessed in QEMU's order and each loaded element is
 *   written to its register before the next access, so a fault part-way leaves the earlier
 *   elements loaded (and the earlier elements stored); the base is written back only at the
 *   end. QEMU turns a "multiple structures" transfer with one register per structure and
 *   little-endian elements (bytes, or any size with CPSR.E clear) into 64-bit accesses, one per
 *   D register: here each is two word accesses done before the register is written, and a
 *   store crossing a page first checks that both pages are writable (`H.neonLsProbeWrite`).
 * - Alignment. A qualifier checks the base with QEMU's sizes (`:256` checks 16 bytes; VLD4.32
 *   to all lanes checks 8 bytes for `:64`, 16 for `:128`). Without one, SCTLR.A asks for the
 *   element's natural alignment of the base (the other elements follow from it); the merged
 *   word accesses of bytes and halfwords then fall back to byte accesses when the base is not
 *   word-aligned, since SCTLR.A would fault them.
 * - UNDEFINED as QEMU 7.2 decides: reserved types, alignment and size combinations of each form,
 *   a one-lane VLD1/VST1 with the spacing bit set, one-lane lists past d31.
 * - Big-endian data (CPSR.E): each element is byte-reversed within its size; 64-bit elements
 *   are whole 64-bit big-endian values.
 * - Register lists past d31 in the other forms (UNPREDICTABLE) use QEMU's hidden storage past
 *   d31 (`H.neonLsHidden`, see helpers-neon-ldst.ts).
 * - UNPREDICTABLE Rn = pc: the base reads as the pc (+ 8, or + 4 in Thumb) and writeback is
 *   a branch; a transfer to the pc with VMOV is a branch too.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { DisasJump } from "./disas-context.ts";
import type { Fields } from "./decodetree.ts";
import { SCTLR_A } from "./cpu.ts";
import { alignCheck } from "./translate-a32-ldst.ts";
import { addNeonCondPattern, addNeonPattern, dreg, neonAccessCheck } from "./translate-neon.ts";
import { storeCore } from "./translate-vfp.ts";
import { registerNeonLsHelpers } from "./helpers-neon-ldst.ts";

/** Number of architectural D registers; higher numbers live in the hidden storage. */
const DREGS = 32;
/** Rm = 15: no writeback; Rm = 13: writeback by the transfer size. */
const RM_NONE = 15;
const RM_SIZE = 13;

/** Register lists of "multiple structures", by the `type` field (QEMU's neon_ls_element_type). */
const LS_TYPES: ReadonlyArray<{ nregs: number; interleave: number; spacing: number }> = [
  { nregs: 1, interleave: 4, spacing: 1 },
  { nregs: 1, interleave: 4, spacing: 2 },
  { nregs: 4, interleave: 1, spacing: 1 },
  { nregs: 2, interleave: 2, spacing: 2 },
  { nregs: 1, interleave: 3, spacing: 1 },
  { nregs: 1, interleave: 3, spacing: 2 },
  { nregs: 3, interleave: 1, spacing: 1 },
  { nregs: 1, interleave: 1, spacing: 1 },
  { nregs: 1, interleave: 2, spacing: 1 },
  { nregs: 1, interleave: 2, spacing: 2 },
  { nregs: 2, interleave: 1, spacing: 1 },
];

/** Alignment in bytes of QEMU's pow2_align(i) (2^i, capped at 16). */
function pow2Align(i: number): number {
  return i === 0 ? 1 : Math.min(1 << i, 16);
}

/** Expression of word `half` (0 low, 1 high) of D register `d` (hidden storage past d31). */
function word(d: number, half: number): string {
  return d < DREGS ? `$I[${2 * d + half}]` : `$X[${2 * (d - DREGS) + half}]`;
}

/** Declares `$I` (and `$X` when a register past d31 is named). */
function declareRegs(s: DisasContext, maxReg: number): void {
  s.emit("const $I = cpu.vfp.i32;");
  if (maxReg >= DREGS) s.emit("const $X = H.neonLsHidden(cpu.vfp);");
}

/** Expression of element `n` of size `size` (0-2) of D register `d`, zero-extended. */
function readLane(d: number, n: number, size: number): string {
  if (size === 2) return word(d, n);
  const per = size === 0 ? 4 : 2;
  const sh = (n % per) * (8 << size);
  const mask = size === 0 ? 0xff : 0xffff;
  return `((${word(d, Math.floor(n / per))} >>> ${sh}) & ${mask})`;
}

/** Statement writing `value` to element `n` of size `size` (0-2) of D register `d`. */
function writeLane(d: number, n: number, size: number, value: string): string {
  if (size === 2) return `${word(d, n)} = ${value};`;
  const per = size === 0 ? 4 : 2;
  const sh = (n % per) * (8 << size);
  const mask = size === 0 ? 0xff : 0xffff;
  const w = word(d, Math.floor(n / per));
  return `${w} = (${w} & ${~(mask << sh)}) | ((${value} & ${mask}) << ${sh});`;
}

/** Address expression `$b + k`. */
function addr(k: number): string {
  return k === 0 ? "$b" : `(($b + ${k}) | 0)`;
}

/** Access size in bytes of element size `size` (0-2). */
function bytes(size: number): 1 | 2 | 4 {
  return size === 0 ? 1 : size === 1 ? 2 : 4;
}

/**
 * Alignment of the first access: `qualBytes` from the instruction's qualifier, else (when
 * `natural` > 1) SCTLR.A asks for natural alignment of the element.
 */
function emitAlign(s: DisasContext, qualBytes: number, natural: number, load: boolean): void {
  if (qualBytes > 1) {
    alignCheck(s, "$b", qualBytes - 1, !load);
  } else if (natural > 1) {
    s.mayFault = true;
    s.emit(
      `if (($b & ${natural - 1}) !== 0 && (cpu.cp15.sctlr & ${SCTLR_A}) !== 0) ` +
        `H.alignFault(cpu, $b, ${load ? 0 : 1});`,
    );
  }
}

/** Before an 8-byte store at `a`: make sure both pages are writable when it crosses one. */
function probeChunk(s: DisasContext, a: string): void {
  s.mayFault = true;
  s.emit(`if ((${a} & 0xfff) > 0xff8) H.neonLsProbeWrite(cpu, ${a}, ${s.mmuIdx});`);
}

/** Emits base writeback: none for Rm = 15, `total` bytes for Rm = 13, else + Rm. */
function writeback(s: DisasContext, rn: number, rm: number, total: number): void {
  if (rm === RM_NONE) return;
  const inc = rm === RM_SIZE ? String(total) : s.reg(rm);
  const value = `(${s.reg(rn)} + ${inc}) | 0`;
  if (rn === 15) {
    s.writePcBranch(value);
    s.isJmp = DisasJump.NORETURN;
  } else {
    s.setReg(rn, value);
  }
}

/** One D register as a 64-bit little-endian chunk at offset `k` (two word accesses). */
function chunkWords(s: DisasContext, load: boolean, d: number, k: number): void {
  const a0 = addr(k), a1 = addr(k + 4);
  if (load) {
    s.emit(`const $l${k} = ${s.ld(4, false, a0)}, $h${k} = ${s.ld(4, false, a1)};`);
    s.emit(`${word(d, 0)} = $l${k}; ${word(d, 1)} = $h${k};`);
  } else {
    probeChunk(s, a0);
    s.st(4, a0, word(d, 0));
    s.st(4, a1, word(d, 1));
  }
}

/** The same with byte accesses (for SCTLR.A with a base that is not word-aligned). */
function chunkBytes(s: DisasContext, load: boolean, d: number, k: number): void {
  if (load) {
    const b: string[] = [];
    for (let i = 0; i < 8; i++) b.push(`$c${k}_${i} = ${s.ld(1, false, addr(k + i))}`);
    s.emit(`const ${b.join(", ")};`);
    for (let h = 0; h < 2; h++) {
      const c = (i: number) => `$c${k}_${4 * h + i}`;
      s.emit(`${word(d, h)} = ${c(0)} | (${c(1)} << 8) | (${c(2)} << 16) | (${c(3)} << 24);`);
    }
  } else {
    probeChunk(s, addr(k));
    for (let i = 0; i < 8; i++) {
      s.st(1, addr(k + i), `(${word(d, i >> 2)} >>> ${(i & 3) * 8}) & 0xff`);
    }
  }
}

/** VLD1-4 / VST1-4 (multiple structures). */
function emitMultiple(s: DisasContext, f: Fields): boolean {
  const itype = f.t, align = f.a, load = f.l === 1, vd = dreg(f.d, f.D);
  const size = f.z;
  if (itype > 10) return false;
  if ((itype & 0xc) === 4 && align >= 2) return false;
  if ((itype & 0xc) === 8 && align === 3) return false;
  const { nregs, interleave, spacing } = LS_TYPES[itype];
  if (size === 3 && (interleave | spacing) !== 1) return false;
  neonAccessCheck(s);
  declareRegs(s, vd + nregs - 1 + spacing * (interleave - 1));
  s.emit(`const $b = ${s.reg(f.n)};`);
  emitAlign(s, align ? pow2Align(align + 2) : 1, 1 << size, load);
  if (interleave === 1 && (size === 0 || !s.bigEndian)) {
    // Little-endian elements of whole registers: 64-bit chunks, one per register. Bytes are
    // little-endian whatever CPSR.E says.
    const be = s.bigEndian;
    s.bigEndian = false;
    const fallback = size < 2 && align === 0;
    if (fallback) {
      s.emit(`if (($b & 3) !== 0 && (cpu.cp15.sctlr & ${SCTLR_A}) !== 0) {`);
      for (let r = 0; r < nregs; r++) chunkBytes(s, load, vd + r, 8 * r);
      s.emit("} else {");
    }
    for (let r = 0; r < nregs; r++) chunkWords(s, load, vd + r, 8 * r);
    if (fallback) s.emit("}");
    s.bigEndian = be;
  } else if (size === 3) {
    // Big-endian 64-bit elements: the word at the lower address is the high half.
    for (let r = 0; r < nregs; r++) {
      const d = vd + r, a0 = addr(8 * r), a1 = addr(8 * r + 4);
      if (load) {
        s.emit(`const $h${r} = ${s.ld(4, false, a0)}, $l${r} = ${s.ld(4, false, a1)};`);
        s.emit(`${word(d, 0)} = $l${r}; ${word(d, 1)} = $h${r};`);
      } else {
        probeChunk(s, a0);
        s.st(4, a0, word(d, 1));
        s.st(4, a1, word(d, 0));
      }
    }
  } else {
    const esize = bytes(size);
    let k = 0;
    for (let reg = 0; reg < nregs; reg++) {
      for (let n = 0; n < 8 >> size; n++) {
        for (let xs = 0; xs < interleave; xs++) {
          const d = vd + reg + spacing * xs;
          if (load) s.emit(writeLane(d, n, size, s.ld(esize, false, addr(k))));
          else s.st(esize, addr(k), readLane(d, n, size));
          k += esize;
        }
      }
    }
  }
  writeback(s, f.n, f.m, nregs * interleave * 8);
  return true;
}

/** VLD1-4 (single structure to all lanes). */
function emitAllLanes(s: DisasContext, f: Fields): boolean {
  const nregs = f.c + 1;
  let size = f.z, qual = 1;
  if (size === 3) {
    if (nregs !== 4 || f.a === 0) return false;
    size = 2;
    qual = 16;
  } else if (f.a) {
    if (nregs === 1) {
      if (size === 0) return false;
      qual = 1 << size;
    } else if (nregs === 2) {
      qual = pow2Align(size + 1);
    } else if (nregs === 3) {
      return false;
    } else {
      qual = size === 2 ? 8 : pow2Align(size + 2);
    }
  }
  neonAccessCheck(s);
  // VLD1: T selects one or two registers; VLD2-4: T selects the register stride.
  const stride = f.t ? 2 : 1;
  const regsPer = nregs === 1 ? stride : 1;
  let vd = dreg(f.d, f.D);
  declareRegs(s, vd + (nregs === 1 ? regsPer - 1 : stride * (nregs - 1)));
  s.emit(`const $b = ${s.reg(f.n)};`);
  emitAlign(s, qual, 1 << size, true);
  const esize = bytes(size);
  for (let r = 0; r < nregs; r++) {
    const v = s.ld(esize, false, addr(esize * r));
    const dup = size === 0
      ? `(${v} & 0xff) * 0x01010101`
      : size === 1
      ? `(${v} & 0xffff) * 0x10001`
      : v;
    s.emit(`const $v${r} = (${dup}) | 0;`);
    for (let i = 0; i < regsPer; i++) {
      s.emit(`${word(vd + i, 0)} = $v${r}; ${word(vd + i, 1)} = $v${r};`);
    }
    vd += stride;
  }
  writeback(s, f.n, f.m, esize * nregs);
  return true;
}

/** VLD1-4 / VST1-4 (single structure to one lane); `size` 0-2 comes from the pattern. */
function emitSingle(s: DisasContext, f: Fields, size: number, stride: number): boolean {
  const nregs = f.c + 1, align = f.a, load = f.l === 1;
  switch (nregs) {
    case 1:
      if (stride !== 1) return false;
      if ((align & (1 << size)) !== 0 || (size === 2 && (align === 1 || align === 2))) {
        return false;
      }
      break;
    case 3:
      if (align !== 0) return false;
      break;
    case 2:
      if (size === 2 && (align & 2) !== 0) return false;
      break;
    case 4:
      if (size === 2 && align === 3) return false;
      break;
  }
  let vd = dreg(f.d, f.D);
  if (vd + stride * (nregs - 1) > DREGS - 1) return false;
  let qual = 1;
  if (align) {
    if (nregs === 1) qual = 1 << size;
    else if (nregs === 2) qual = pow2Align(size + 1);
    else if (nregs === 4) qual = pow2Align(size === 2 ? size + align : size + 2);
  }
  neonAccessCheck(s);
  declareRegs(s, vd);
  s.emit(`const $b = ${s.reg(f.n)};`);
  emitAlign(s, qual, 1 << size, load);
  const esize = bytes(size);
  for (let r = 0; r < nregs; r++) {
    const a = addr(esize * r);
    if (load) s.emit(writeLane(vd, f.x, size, s.ld(esize, false, a)));
    else s.st(esize, a, readLane(vd, f.x, size));
    vd += stride;
  }
  writeback(s, f.n, f.m, esize * nregs);
  return true;
}

/** VMOV.{S,U}{8,16} Rt, Dn[x]. */
function vmovToCore(s: DisasContext, f: Fields, size: number, index: number): void {
  const d = dreg(f.n, f.N);
  neonAccessCheck(s);
  declareRegs(s, d);
  const lane = readLane(d, index, size);
  const bits = 8 << size;
  storeCore(s, f.t, f.u ? lane : `(${lane} << ${32 - bits}) >> ${32 - bits}`);
}

/** VMOV.{8,16} Dn[x], Rt. */
function vmovFromCore(s: DisasContext, f: Fields, size: number, index: number): void {
  const d = dreg(f.n, f.N);
  neonAccessCheck(s);
  declareRegs(s, d);
  s.emit(writeLane(d, index, size, s.reg(f.t)));
}

/** VDUP.{8,16,32} Dn/Qn, Rt. */
function vdup(s: DisasContext, f: Fields): boolean {
  const d = dreg(f.n, f.N);
  if (f.b && f.e) return false;
  if (f.q && (d & 1)) return false;
  neonAccessCheck(s);
  declareRegs(s, d);
  const rt = s.reg(f.t);
  const v = f.b ? `(${rt} & 0xff) * 0x01010101` : f.e ? `(${rt} & 0xffff) * 0x10001` : rt;
  s.emit(`const $v = (${v}) | 0;`);
  for (let i = 0; i <= f.q; i++) s.emit(`${word(d + i, 0)} = $v; ${word(d + i, 1)} = $v;`);
  return true;
}

/** Adds this group's patterns to the A32 decode tables (see translate-neon.ts). */
export function registerNeonLoadStore(): void {
  registerNeonLsHelpers();
  // Element and structure loads/stores: 1111 0100 A D L 0 Rn Vd ... (bit 23 = A).
  addNeonPattern("VLDST_multiple", "1111 0100 0Dl0 nnnn dddd tttt zzaa mmmm", emitMultiple);
  addNeonPattern("VLD_all_lanes", "1111 0100 1D10 nnnn dddd 11cc zzta mmmm", emitAllLanes);
  addNeonPattern(
    "VLDST_single_8",
    "1111 0100 1Dl0 nnnn dddd 00cc xxxa mmmm",
    (s, f) => emitSingle(s, f, 0, 1),
  );
  addNeonPattern(
    "VLDST_single_16",
    "1111 0100 1Dl0 nnnn dddd 01cc xxva mmmm",
    (s, f) => emitSingle(s, f, 1, f.v + 1),
  );
  addNeonPattern(
    "VLDST_single_32",
    "1111 0100 1Dl0 nnnn dddd 10cc xvaa mmmm",
    (s, f) => emitSingle(s, f, 2, f.v + 1),
  );
  // Scalar transfers (vfp.decode): opc1:opc2 in bits 22:21 and 6:5 select the size and index.
  addNeonCondPattern(
    "VMOV_to_gp_8",
    "cccc 1110 u1x1 nnnn tttt 1011 Nyy1 0000",
    (s, f) => vmovToCore(s, f, 0, (f.x << 2) | f.y),
  );
  addNeonCondPattern(
    "VMOV_to_gp_16",
    "cccc 1110 u0x1 nnnn tttt 1011 Ny11 0000",
    (s, f) => vmovToCore(s, f, 1, (f.x << 1) | f.y),
  );
  addNeonCondPattern(
    "VMOV_from_gp_8",
    "cccc 1110 01x0 nnnn tttt 1011 Nyy1 0000",
    (s, f) => vmovFromCore(s, f, 0, (f.x << 2) | f.y),
  );
  addNeonCondPattern(
    "VMOV_from_gp_16",
    "cccc 1110 00x0 nnnn tttt 1011 Ny11 0000",
    (s, f) => vmovFromCore(s, f, 1, (f.x << 1) | f.y),
  );
  addNeonCondPattern("VDUP", "cccc 1110 1bq0 nnnn tttt 1011 N0e1 0000", vdup);
}
