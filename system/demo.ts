/**
 * The built-in demo guest run when no `-kernel` is given: a tiny bare-metal program built
 * from `tests/guest/src/demo.S` that prints on the PL011 and powers off through PSCI. Its
 * image is embedded in `system/demo-image.ts` (regenerate with `scripts/embed-demo.ts`).
 *
 * @module
 */

import { DEMO_IMAGE } from "./demo-image.ts";
import type { InputFile } from "../hw/arm/virt.ts";

/** The demo guest as a `-kernel` input. */
export function demoGuest(): InputFile {
  return { path: "(built-in demo guest)", bytes: DEMO_IMAGE };
}
