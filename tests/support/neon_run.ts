/**
 * Runs a few A32 words as one translated TB on a fresh ArmCpu with VFP/NEON access enabled:
 * the harness of the NEON unit tests (no memory: loads and stores are not expected).
 */
import { ArmCpu } from "../../cpu/arm/cpu.ts";
import { DisasContext } from "../../cpu/arm/disas-context.ts";
import { GuestException } from "../../cpu/arm/exception.ts";
import { H } from "../../cpu/arm/helpers.ts";
import { translateA32 } from "../../cpu/arm/translate-a32.ts";
import { registerA32Groups } from "../../cpu/arm/a32.ts";
import { generateTbSource } from "../../accel/tcg/codegen.ts";
import { Log } from "../../util/log.ts";
import { FPEXC_EN } from "../../cpu/arm/vfp-state.ts";

/** Where the code is placed. */
export const CODE = 0x1000;
/** CPACR with cp10 and cp11 open to PL0 and PL1. */
export const CPACR_FULL = 0xf << 20;
/** A32 NOP (fills the TB after the given words). */
const NOP = 0xe320f000;

/** Outcome of {@link runNeon}. */
export interface NeonRun {
  cpu: ArmCpu;
  /** The exception the TB raised, if any. */
  exc: GuestException | null;
  /** The generated source (to check what is emitted inline). */
  source: string;
}

/**
 * Translates `code` (one word or several) as one TB on a CPU with (or without) Advanced SIMD,
 * after `setup`, and runs it once.
 */
export function runNeon(
  code: number | number[],
  setup: (cpu: ArmCpu) => void = () => {},
  neon = true,
): NeonRun {
  registerA32Groups();
  const words = typeof code === "number" ? [code] : code;
  const cpu = new ArmCpu(0, new Log(), neon);
  cpu.r[15] = CODE;
  cpu.cp15.cpacr = CPACR_FULL;
  cpu.vfp.fpexc = FPEXC_EN;
  setup(cpu);
  const s = new DisasContext(CODE, false, cpu.mode, 0);
  s.neon = neon;
  const reader = { read32: (va: number) => words[(va - CODE) >> 2] ?? NOP, read16: () => 0 };
  const insns = translateA32(s, reader, words.length);
  const { source, pcs } = generateTbSource(s, insns, "tb_neon_test");
  const fn = new Function("H", "M", "U", "$pcs", source)(H, {}, {}, pcs);
  let exc: GuestException | null = null;
  try {
    fn(cpu, 1);
  } catch (e) {
    if (!(e instanceof GuestException)) throw e;
    exc = e;
  }
  return { cpu, exc, source };
}

/** Sets D register `n` to (hi, lo) words. */
export function setD(cpu: ArmCpu, n: number, hi: number, lo: number): void {
  cpu.vfp.setDreg(n, lo, hi);
}

/** D register `n` as [hi, lo] unsigned words. */
export function getD(cpu: ArmCpu, n: number): [number, number] {
  const [lo, hi] = cpu.vfp.dreg(n);
  return [hi >>> 0, lo >>> 0];
}
