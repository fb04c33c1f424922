/**
 * The built-in demo guest run when no `-kernel` is given: a tiny bare-metal program built
 * from `tests/guest/src/demo.S` that prints on the PL011 and powers off through PSCI.
 *
 * @module
 */

/** Path of the demo guest image inside the repository. */
export const DEMO_GUEST_PATH: string = new URL("../tests/guest/bin/demo.elf", import.meta.url)
  .pathname;
