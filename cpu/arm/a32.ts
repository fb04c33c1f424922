/**
 * Assembles the A32 decode tables from the instruction groups. Order matters where encodings
 * overlap: the system group claims the miscellaneous space before data processing.
 *
 * @module
 */

import { registerA32System } from "./translate-a32-sys.ts";
import { registerA32DataProcessing } from "./translate-a32-dp.ts";
import { registerA32LoadStore } from "./translate-a32-ldst.ts";
import { registerA32Multiply } from "./translate-a32-mul.ts";
import { registerA32Media } from "./translate-a32-media.ts";
import { registerA32Vfp } from "./translate-vfp.ts";
import { registerA32Neon } from "./translate-neon.ts";
import "./gtimer.ts"; // generic timer CP15 registers (CNT*)
import "./cp15-mmu.ts"; // TLB maintenance, ATS1C*, TLB-flushing register writes
import "./pmu.ts"; // performance monitors (PMCR, PMCCNTR, event counters, overflow interrupt)

let done = false;

/** Fills `A32_TABLE` and `A32_UNCOND_TABLE` once. */
export function registerA32Groups(): void {
  if (done) return;
  done = true;
  registerA32System();
  registerA32Multiply();
  registerA32Media();
  registerA32DataProcessing();
  registerA32LoadStore();
  registerA32Vfp();
  registerA32Neon();
}
