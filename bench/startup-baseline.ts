/**
 * Deno's own start-up, for comparison with tsemu's: prints the same `!` line as the start-up
 * probe guest and exits, without loading any of tsemu.
 *
 * @module
 */

Deno.stdout.writeSync(new TextEncoder().encode("!\n"));
