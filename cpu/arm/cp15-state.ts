/**
 * Values of the CP15 and CP14 system registers that the CPU keeps (the register tables that
 * decode MRC/MCR live in `cp15.ts`).
 *
 * @module
 */

/** Cortex-A15 reset value of SCTLR as QEMU 7.2 models it. */
export const CORTEX_A15_SCTLR_RESET = 0x00c50078;
/** CBAR as QEMU's `virt` board sets it (base of the GIC and other CPU peripherals). */
export const VIRT_CBAR = 0x08000000;
/** Number of PMU event counters (PMCR.N) of QEMU's Cortex-A15. */
export const PMU_NUM_COUNTERS = 6;
/** Breakpoint and watchpoint register pairs (DBGDIDR.BRPs + 1, WRPs + 1). */
export const DBG_NUM_BRPS = 6;
export const DBG_NUM_WRPS = 4;

/** CP15 (and CP14 debug) register storage. */
export class Cp15State {
  /** System Control Register. */
  sctlr = CORTEX_A15_SCTLR_RESET;
  /** Auxiliary Control Register (RAZ/WI in QEMU). */
  actlr = 0;
  /** Coprocessor Access Control Register. */
  cpacr = 0;
  /** Vector Base Address Register. */
  vbar = 0;
  /** Translation table base registers (low words; `*hi` hold bits 63:32 of the LPAE form). */
  ttbr0 = 0;
  ttbr0hi = 0;
  ttbr1 = 0;
  ttbr1hi = 0;
  /** Translation Table Base Control Register. */
  ttbcr = 0;
  /** Domain Access Control Register. */
  dacr = 0;
  /** Fault status and address registers. */
  dfsr = 0;
  ifsr = 0;
  dfar = 0;
  ifar = 0;
  /** Physical Address Register (low word; high word of the LPAE format). */
  par = 0;
  parhi = 0;
  /** Memory attribute remap (MAIR0/MAIR1 with LPAE). */
  prrr = 0;
  nmrr = 0;
  /** Context ID and thread ID registers. */
  contextidr = 0;
  tpidrurw = 0;
  tpidruro = 0;
  tpidrprw = 0;
  /** Cache size selection. */
  csselr = 0;
  /** FCSE PID (stored, no effect). */
  fcseidr = 0;
  /** Configuration Base Address (read-only, set by the board). */
  cbar = VIRT_CBAR;
  /** Performance monitors: control, enables, overflow flags, selection and counters. */
  pmcr = 0;
  pmcnten = 0;
  pmovsr = 0;
  pmselr = 0;
  pmuserenr = 0;
  pminten = 0;
  pmccntr = 0;
  pmccfiltr = 0;
  readonly pmevcntr: Int32Array = new Int32Array(PMU_NUM_COUNTERS);
  readonly pmevtyper: Int32Array = new Int32Array(PMU_NUM_COUNTERS);
  /** Debug (CP14): breakpoint/watchpoint values and controls, DBGDSCR, OS lock, OSDLR. */
  readonly dbgbvr: Int32Array = new Int32Array(DBG_NUM_BRPS);
  readonly dbgbcr: Int32Array = new Int32Array(DBG_NUM_BRPS);
  readonly dbgwvr: Int32Array = new Int32Array(DBG_NUM_WRPS);
  readonly dbgwcr: Int32Array = new Int32Array(DBG_NUM_WRPS);
  mdscr = 0;
  oslk = 1;
  osdlr = 0;
  /** ThumbEE configuration and handler base (CP14 opc1 6). */
  teecr = 0;
  teehbr = 0;

  /** Restores reset values. */
  reset(): void {
    const fresh = new Cp15State();
    for (const [k, v] of Object.entries(fresh)) {
      const cur = (this as unknown as Record<string, unknown>)[k];
      if (cur instanceof Int32Array) cur.fill(0);
      else (this as unknown as Record<string, unknown>)[k] = v;
    }
  }
}
