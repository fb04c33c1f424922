/**
 * VFP state of one vCPU (QEMU's `env->vfp` for AArch32): the floating-point register file and
 * the system registers FPSCR, FPEXC, FPSID, MVFR0 and MVFR1 of a Cortex-A15 with VFPv4-D32.
 *
 * The register file is one ArrayBuffer seen through several views that alias as on hardware
 * (little-endian host): `f64[n]` is Dn (d0–d31), `f32[n]` / `i32[n]` is Sn, where S(2n) and
 * S(2n+1) are the low and high halves of Dn (s0–s31 are the halves of d0–d15; indices 32–63
 * reach the halves of d16–d31, which A32 cannot name as singles). Indices past d31 are scratch
 * registers for compound operations (VMLA's product, negated FMA operands).
 *
 * Bit-exactness: values are moved with `i32` only. Reading a signalling NaN through `f32`
 * quietens it (the host's float-to-double conversion), so the float views are used only for
 * arithmetic whose NaN results are recomputed from the bits (see softfloat*.ts).
 *
 * @module
 */

/** FPSCR fields (ARM ARM B6.1.46). */
export const FPSCR_IOC = 1 << 0;
export const FPSCR_DZC = 1 << 1;
export const FPSCR_OFC = 1 << 2;
export const FPSCR_UFC = 1 << 3;
export const FPSCR_IXC = 1 << 4;
export const FPSCR_IDC = 1 << 7;
/** Cumulative exception flags. */
export const FPSCR_CUMULATIVE = 0x9f;
/** Vector length (bits 18:16) and stride (bits 21:20): non-zero makes VFP data-processing UNDEFINED. */
export const FPSCR_LEN_STRIDE = 0x00370000;
export const FPSCR_RMODE_SHIFT = 22;
export const FPSCR_RMODE = 3 << FPSCR_RMODE_SHIFT;
export const FPSCR_FZ = 1 << 24;
export const FPSCR_DN = 1 << 25;
export const FPSCR_AHP = 1 << 26;
export const FPSCR_QC = 1 << 27;
export const FPSCR_NZCV = 0xf0000000 | 0;
/**
 * Bits an FPSCR write keeps (QEMU 7.2 `vfp_set_fpscr` on a core without FP16 arithmetic): NZCV,
 * QC, AHP, DN, FZ, RMode, Stride, Len and the cumulative flags; the trap enables are RAZ/WI.
 * Without Advanced SIMD QC is RAZ/WI too (QEMU's `cortex-a15,neon=off`).
 */
export const FPSCR_WRITE_MASK = 0xfff7009f | 0;
export const FPSCR_WRITE_MASK_NO_NEON = FPSCR_WRITE_MASK & ~FPSCR_QC;

/** Rounding modes (FPSCR.RMode). */
export const enum RMode {
  NEAREST = 0,
  PLUS_INF = 1,
  MINUS_INF = 2,
  ZERO = 3,
}

/** FPEXC.EN: the floating-point extension is enabled. The only FPEXC bit QEMU keeps. */
export const FPEXC_EN = 1 << 30;

/** FPSID of QEMU's cortex-a15. */
export const CORTEX_A15_FPSID = 0x410430f0;
/** MVFR0: 32 D registers, single and double precision v3+, divide, sqrt, rounding modes. */
export const CORTEX_A15_MVFR0 = 0x10110222;
/** MVFR1 with Advanced SIMD (what QEMU's cortex-a15 reports by default). */
export const CORTEX_A15_MVFR1_NEON = 0x11111111;
/**
 * MVFR1 without Advanced SIMD (QEMU's `cortex-a15,neon=off`): FtZ, default NaN, half-precision
 * conversions and the fused multiply-add field (which Linux reads as "VFPv4"), no SIMD fields.
 */
export const CORTEX_A15_MVFR1_NO_NEON = 0x11000011;

/** VMRS/VMSR register numbers (the `reg` field). */
export const enum VfpSysReg {
  FPSID = 0,
  FPSCR = 1,
  MVFR1 = 6,
  MVFR0 = 7,
  FPEXC = 8,
  FPINST = 9,
  FPINST2 = 10,
}

/** Number of architectural D registers. */
export const VFP_DREGS = 32;
/** Scratch D registers after d31 (s64.. as singles). */
export const VFP_SCRATCH_DREGS = 4;
/** First scratch D register and the first scratch S register. */
export const VFP_SCRATCH_D = VFP_DREGS;
export const VFP_SCRATCH_S = VFP_DREGS * 2;

/** Registers and system registers of the VFP unit. */
export class VfpState {
  /** Backing store of the register file (d0–d31 then scratch). */
  readonly buf: ArrayBuffer = new ArrayBuffer((VFP_DREGS + VFP_SCRATCH_DREGS) * 8);
  /** Dn as doubles. */
  readonly f64: Float64Array = new Float64Array(this.buf);
  /** Sn as singles (arithmetic only: see the module doc about NaNs). */
  readonly f32: Float32Array = new Float32Array(this.buf);
  /** Sn as int32 words; D(n) is words 2n (low) and 2n+1 (high). */
  readonly i32: Int32Array = new Int32Array(this.buf);
  /** FPSCR, every field in place (flags accumulate here). */
  fpscr = 0;
  /** FPEXC (only EN is kept). */
  fpexc = 0;
  /** Identification registers. */
  readonly fpsid: number = CORTEX_A15_FPSID;
  readonly mvfr0: number = CORTEX_A15_MVFR0;
  readonly mvfr1: number;
  /** FPSCR bits a write keeps. */
  readonly fpscrMask: number;

  /**
   * Creates the state. `neon` says whether Advanced SIMD exists: it selects what MVFR1
   * advertises and whether FPSCR.QC is writable (no NEON until it is implemented).
   */
  constructor(neon = false) {
    this.mvfr1 = neon ? CORTEX_A15_MVFR1_NEON : CORTEX_A15_MVFR1_NO_NEON;
    this.fpscrMask = neon ? FPSCR_WRITE_MASK : FPSCR_WRITE_MASK_NO_NEON;
  }

  /** Reset: registers zero (as QEMU), FPSCR and FPEXC zero. */
  reset(): void {
    this.i32.fill(0);
    this.fpscr = 0;
    this.fpexc = 0;
  }

  /** FPSCR write (VMSR): keeps the implemented bits. */
  writeFpscr(v: number): void {
    this.fpscr = v & this.fpscrMask;
  }

  /** FPEXC write (VMSR): keeps EN only, as QEMU does. */
  writeFpexc(v: number): void {
    this.fpexc = v & FPEXC_EN;
  }

  /** Dn as [low word, high word] (for logs and tests). */
  dreg(n: number): [number, number] {
    return [this.i32[2 * n], this.i32[2 * n + 1]];
  }

  /** Sets Dn from its two words. */
  setDreg(n: number, lo: number, hi: number): void {
    this.i32[2 * n] = lo;
    this.i32[2 * n + 1] = hi;
  }
}
