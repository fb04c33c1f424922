/**
 * The `tsemu` program (QEMU's system/vl.c): turns a parsed command line into a machine,
 * runs it, and maps every user mistake to one line on stderr and exit status 1.
 *
 * @module
 */

import { LOG_ITEMS, qemuLog, UsageError } from "../util/log.ts";
import type { Log } from "../util/log.ts";
import { ImageError } from "../hw/core/image-error.ts";
import { CPU_MODELS, MACHINES, parseRamSize, VirtMachine } from "../hw/arm/virt.ts";
import type { InputFile } from "../hw/arm/virt.ts";
import { createChardev } from "../hw/char/stdio-chardev.ts";
import { parseArgs, USAGE } from "./cmdline.ts";
import type { Config } from "./cmdline.ts";
import { demoGuest } from "./demo.ts";
import { loadPlugins } from "../plugins/loader.ts";
import { disassemblerReady, initDisassembler } from "../cpu/arm/disas.ts";

/** tsemu's version. */
export const VERSION = "0.1.0";

const enc = new TextEncoder();
const out = (s: string) => Deno.stdout.writeSync(enc.encode(s));

/** Reads a user-given file, turning failures into a one-line UsageError. */
export function readInputFile(opt: string, path: string): InputFile {
  try {
    const st = Deno.statSync(path);
    if (st.isDirectory) throw new UsageError(`${opt} ${path}: is a directory`);
    return { path, bytes: Deno.readFileSync(path) };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof Deno.errors.NotFound) {
      throw new UsageError(`${opt} ${path}: No such file or directory`);
    }
    if (e instanceof Deno.errors.PermissionDenied) {
      throw new UsageError(`${opt} ${path}: Permission denied`);
    }
    throw new UsageError(`${opt} ${path}: ${(e as Error).message}`);
  }
}

/** Builds the machine a configuration describes (does not run it). */
export function buildMachine(cfg: Config, log: Log, onQuit: () => void): VirtMachine {
  const machine = cfg.machine || "virt";
  if (!(machine in MACHINES)) {
    throw new UsageError(`-machine ${machine}: unsupported machine type (use -machine help)`);
  }
  const cpu = parseCpuOption(cfg.cpu);
  const ramSize = parseRamSize(cfg.mem);
  const kernel = cfg.kernel !== undefined ? readInputFile("-kernel", cfg.kernel) : demoGuest();
  const initrd = cfg.initrd !== undefined ? readInputFile("-initrd", cfg.initrd) : undefined;
  const dtb = cfg.dtb !== undefined ? readInputFile("-dtb", cfg.dtb) : undefined;
  const serial = cfg.serial || (cfg.nographic ? "mon:stdio" : "stdio");
  const interactive = cfg.nographic && serial.endsWith("stdio") && Deno.stdin.isTerminal();
  const chardev = createChardev(serial, { interactive, onQuit });
  return new VirtMachine({
    ramSize,
    kernel,
    initrd,
    dtb,
    append: cfg.append,
    chardev,
    log,
    icountShift: cfg.icountShift,
    noReboot: cfg.noReboot,
    singleStep: cfg.singleStep,
    neon: cpu.neon,
    dtbRandomness: cfg.dtbRandomness,
    nographic: cfg.nographic,
  });
}

/** CPU features `-cpu MODEL,PROP=VALUE,...` can set. */
export interface CpuFeatures {
  /** Advanced SIMD (`neon=on|off`). */
  neon: boolean;
}

/** Parses `-cpu cortex-a15[,neon=on|off]` (Advanced SIMD is on by default, as in QEMU). */
export function parseCpuOption(spec: string): CpuFeatures {
  const [model, ...props] = spec.split(",");
  if (!CPU_MODELS.includes(model)) {
    throw new UsageError(`-cpu ${model}: unable to find CPU model (use -cpu help)`);
  }
  const features: CpuFeatures = { neon: true };
  for (const prop of props) {
    const eq = prop.indexOf("=");
    const name = eq < 0 ? prop : prop.slice(0, eq);
    const value = eq < 0 ? "on" : prop.slice(eq + 1);
    if (name !== "neon") {
      throw new UsageError(`-cpu ${spec}: property '${name}' not found (known: neon)`);
    }
    if (!["on", "off", "true", "false", "yes", "no"].includes(value)) {
      throw new UsageError(`-cpu ${spec}: neon: '${value}' is not a boolean (use on or off)`);
    }
    features.neon = value === "on" || value === "true" || value === "yes";
  }
  return features;
}

/** Writes the machine's device tree to `path` without overwriting an existing file. */
function dumpDtb(m: VirtMachine, path: string): void {
  try {
    Deno.writeFileSync(path, m.dtb, { createNew: true });
  } catch (e) {
    if (e instanceof Deno.errors.AlreadyExists) {
      throw new UsageError(`-machine dumpdtb=${path}: file exists (not overwritten)`);
    }
    throw new UsageError(`-machine dumpdtb=${path}: ${(e as Error).message}`);
  }
}

/** Runs tsemu with `argv`; returns the process exit status. */
export async function main(argv: string[]): Promise<number> {
  let machine: VirtMachine | null = null;
  try {
    const cfg = parseArgs(argv);
    switch (cfg.action) {
      case "help":
        out(USAGE);
        return 0;
      case "version":
        out(`tsemu version ${VERSION} (emulating qemu-system-arm 7.2 behaviour)\n`);
        return 0;
      case "machine-help":
        out("Supported machines are:\n");
        for (const [k, v] of Object.entries(MACHINES)) out(`${k.padEnd(20)} ${v}\n`);
        return 0;
      case "cpu-help":
        out("Available CPUs:\n");
        for (const c of CPU_MODELS) out(`  ${c}\n`);
        return 0;
      case "log-help":
        out("Log items (comma separated):\n");
        for (const [k, v] of Object.entries(LOG_ITEMS)) out(`${k.padEnd(13)} ${v}\n`);
        return 0;
    }
    qemuLog.enable(cfg.debug.join(","));
    if (cfg.logFile) qemuLog.openFile(cfg.logFile);
    if (qemuLog.on("in_asm")) await initDisassembler();
    machine = buildMachine(cfg, qemuLog, () => machine?.requestQuit());
    if (cfg.dumpDtb) {
      dumpDtb(machine, cfg.dumpDtb);
      return 0;
    }
    await loadPlugins(machine.plugins, cfg.plugins, cfg.smp);
    if (machine.plugins.plugins.length && !disassemblerReady()) await initDisassembler();
    const res = await machine.run();
    return res.status;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ImageError) {
      console.error(`tsemu: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    machine?.opts.chardev.close();
    qemuLog.close();
  }
}
