/**
 * tsemu: a QEMU-style full-system ARMv7-A emulator (`-M virt`, Cortex-A15) in TypeScript for
 * Deno. Run it as a program (`deno run -A mod.ts -kernel IMAGE ...`, QEMU's options) or use
 * it as a library: build a machine, run it, read its state.
 *
 * ```ts
 * import { BufferChardev, Log, VirtMachine } from "./mod.ts";
 * const uart = new BufferChardev();
 * const m = new VirtMachine({ ramSize: 128 << 20, chardev: uart, log: new Log(),
 *   kernel: { path: "prog.elf", bytes: Deno.readFileSync("prog.elf") } });
 * m.runSync(1e7);
 * console.log(uart.text());
 * ```
 *
 * @module
 */

export { VirtMachine } from "./hw/arm/virt.ts";
export type { InputFile, RunResult, VirtOptions } from "./hw/arm/virt.ts";
export { BufferChardev, NullChardev } from "./hw/char/chardev.ts";
export type { Chardev } from "./hw/char/chardev.ts";
export { Log, UsageError } from "./util/log.ts";
export { ImageError } from "./hw/core/image-error.ts";
export { ArmCpu } from "./cpu/arm/cpu.ts";
export { MemoryRegion } from "./softmmu/memory-region.ts";
export { AddressSpace } from "./softmmu/address-space.ts";
export { buildMachine, main, VERSION } from "./system/main.ts";
export { parseArgs } from "./system/cmdline.ts";

if (import.meta.main) {
  const { main } = await import("./system/main.ts");
  Deno.exit(await main(Deno.args));
}
