/**
 * Values of the CP15 system registers that the CPU keeps (the register table that decodes
 * MRC/MCR lives in `cp15.ts`).
 *
 * @module
 */

/** Cortex-A15 reset value of SCTLR as QEMU 7.2 models it. */
export const CORTEX_A15_SCTLR_RESET = 0x00c50078;

/** CP15 register storage. */
export class Cp15State {
  /** System Control Register. */
  sctlr = CORTEX_A15_SCTLR_RESET;
  /** Auxiliary Control Register. */
  actlr = 0;
  /** Coprocessor Access Control Register. */
  cpacr = 0;
  /** Vector Base Address Register. */
  vbar = 0;
  /** Translation table base registers and control. */
  ttbr0 = 0;
  ttbr1 = 0;
  ttbcr = 0;
  /** Domain Access Control Register. */
  dacr = 0;
  /** Fault status and address registers. */
  dfsr = 0;
  ifsr = 0;
  dfar = 0;
  ifar = 0;
  /** Auxiliary fault status registers (RAZ/WI on A15 in QEMU). */
  adfsr = 0;
  aifsr = 0;
  /** Physical Address Register (low word; high word for LPAE format). */
  par = 0;
  /** Memory attribute remap. */
  prrr = 0;
  nmrr = 0;
  /** Context ID and thread ID registers. */
  contextidr = 0;
  tpidrurw = 0;
  tpidruro = 0;
  tpidrprw = 0;
  /** Cache size selection. */
  csselr = 0;
  /** FCSE PID (RAZ/WI on v7 with FCSE absent). */
  fcseidr = 0;

  /** Restores reset values. */
  reset(): void {
    Object.assign(this, new Cp15State());
  }
}
