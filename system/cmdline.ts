/**
 * The command line in QEMU's spelling (`qemu-system-arm` options tsemu understands), parsed
 * into a configuration. Every mistake is a `UsageError` with a one-line message.
 *
 * @module
 */

import { UsageError } from "../util/log.ts";

/** One `-plugin` request. */
export interface PluginSpec {
  /** Module path. */
  path: string;
  /** `name=value` arguments in order (`arg=V` included as given). */
  args: [string, string][];
}

/** Parsed options. */
export interface Config {
  machine: string;
  /** `-machine dumpdtb=FILE`. */
  dumpDtb?: string;
  /** `-machine dtb-randomness=on|off` (QEMU's default: on); undefined when not given. */
  dtbRandomness?: boolean;
  cpu: string;
  /** `-m` text (validated by the board). */
  mem: string;
  smp: number;
  kernel?: string;
  initrd?: string;
  append?: string;
  dtb?: string;
  nographic: boolean;
  /** `-serial` spec; default `stdio` with -nographic (QEMU's mon:stdio), else stdio. */
  serial: string;
  plugins: PluginSpec[];
  /** `-d` item list. */
  debug: string[];
  /** `-D` log file. */
  logFile?: string;
  /** icount shift, or -1. */
  icountShift: number;
  noReboot: boolean;
  /** `-singlestep`: one guest instruction per TB. */
  singleStep: boolean;
  /** What to do instead of running: print help/version/lists. */
  action?: "help" | "version" | "machine-help" | "cpu-help" | "log-help";
}

/** Options and whether they take an argument. */
const OPTIONS: Record<string, boolean> = {
  "-M": true,
  "-machine": true,
  "-cpu": true,
  "-m": true,
  "-smp": true,
  "-kernel": true,
  "-initrd": true,
  "-append": true,
  "-dtb": true,
  "-nographic": false,
  "-serial": true,
  "-plugin": true,
  "-d": true,
  "-D": true,
  "-icount": true,
  "-no-reboot": false,
  "-singlestep": false,
  "-version": false,
  "-h": false,
  "-help": false,
  "-display": true,
  "-monitor": true,
  "-accel": true,
};

/** Help text for `-h`. */
export const USAGE = `usage: tsemu [options]
tsemu emulates QEMU's ARM 'virt' board with a Cortex-A15 CPU and runs TypeScript plugins.
With no -kernel it runs the built-in demo guest.

Standard options:
-h or -help            display this help and exit
-version               display version information and exit
-M/-machine virt[,dumpdtb=FILE][,dtb-randomness=on|off]
                       select the machine (-M help lists them); dumpdtb writes the
                       generated device tree to FILE and exits; dtb-randomness=off
                       leaves the random seeds out of the device tree
-cpu cortex-a15        select the CPU model (-cpu help lists them)
-m SIZE                guest RAM size: 256, 256M, 1G (default 128M)
-smp 1                 number of CPUs (only 1 for now)
-kernel FILE           ELF, zImage or raw Image to boot
-initrd FILE           initial ram disk for a Linux kernel
-append CMDLINE        kernel command line
-dtb FILE              use FILE as the device tree instead of the generated one
-nographic             no display; serial on the terminal (Ctrl-A h for help)
-serial DEV            serial back-end: stdio, mon:stdio, file:PATH, none
-no-reboot             exit instead of rebooting
-singlestep            always run in singlestep mode (one instruction per TB)
-icount shift=N        time is instructions << N ns (repeatable runs)
-plugin FILE[,arg=V][,NAME=V]
                       load a TypeScript plugin (repeatable)
-d ITEM,...            enable logs (-d help lists them)
-D FILE                write logs to FILE instead of stderr
`;

/** Parses argv (without the program name). */
export function parseArgs(argv: string[]): Config {
  const cfg: Config = {
    machine: "",
    cpu: "cortex-a15",
    mem: "128M",
    smp: 1,
    nographic: false,
    serial: "",
    plugins: [],
    debug: [],
    icountShift: -1,
    noReboot: false,
    singleStep: false,
  };
  for (let i = 0; i < argv.length; i++) {
    let opt = argv[i];
    if (opt.startsWith("--")) opt = opt.slice(1);
    if (!(opt in OPTIONS)) {
      if (!opt.startsWith("-")) {
        throw new UsageError(`${opt}: unexpected argument (QEMU options start with '-')`);
      }
      throw new UsageError(`${opt}: invalid option`);
    }
    let val = "";
    if (OPTIONS[opt]) {
      if (i + 1 >= argv.length) throw new UsageError(`${opt}: requires an argument`);
      val = argv[++i];
    }
    switch (opt) {
      case "-M":
      case "-machine": {
        const [name, ...props] = val.split(",");
        if (name === "help" || name === "?") cfg.action = "machine-help";
        let machineName = name;
        // QEMU's -machine takes the type first or as `type=`; later -M options add properties.
        if (name.includes("=")) {
          machineName = cfg.machine;
          props.unshift(name);
        }
        for (const p of props) {
          if (!p.includes("=")) {
            throw new UsageError(`-machine ${val}: Expected '=' after parameter '${p}'`);
          }
          const [k, v] = splitKv(p);
          if (k === "type") machineName = v;
          else if (k === "dumpdtb") cfg.dumpDtb = v;
          else if (k === "dtb-randomness") cfg.dtbRandomness = parseOnOff(val, k, v);
          else throw new UsageError(`-machine ${val}: unknown property '${k}'`);
        }
        if (cfg.action !== "machine-help") cfg.machine = machineName;
        break;
      }
      case "-cpu":
        if (val === "help" || val === "?") cfg.action = "cpu-help";
        cfg.cpu = val;
        break;
      case "-m":
        cfg.mem = val.startsWith("size=") ? val.slice(5) : val;
        break;
      case "-smp": {
        const first = val.split(",")[0];
        const n = Number(first.startsWith("cpus=") ? first.slice(5) : first);
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`-smp ${val}: invalid CPU count`);
        if (n > 1) {
          throw new UsageError(
            `-smp ${val}: only 1 CPU is supported for now (SMP is not implemented)`,
          );
        }
        cfg.smp = n;
        break;
      }
      case "-kernel":
        cfg.kernel = val;
        break;
      case "-initrd":
        cfg.initrd = val;
        break;
      case "-append":
        cfg.append = val;
        break;
      case "-dtb":
        cfg.dtb = val;
        break;
      case "-nographic":
        cfg.nographic = true;
        break;
      case "-serial":
        cfg.serial = val;
        break;
      case "-plugin":
        cfg.plugins.push(parsePluginSpec(val));
        break;
      case "-d":
        if (val === "help" || val === "?") cfg.action = "log-help";
        else cfg.debug.push(...val.split(",").filter((x) => x));
        break;
      case "-D":
        cfg.logFile = val;
        break;
      case "-icount":
        cfg.icountShift = parseIcount(val);
        break;
      case "-no-reboot":
        cfg.noReboot = true;
        break;
      case "-singlestep":
        cfg.singleStep = true;
        break;
      case "-version":
        cfg.action = "version";
        break;
      case "-h":
      case "-help":
        cfg.action = "help";
        break;
      case "-display":
        if (val.split(",")[0] !== "none") {
          throw new UsageError(`-display ${val}: only 'none' is supported (tsemu has no display)`);
        }
        break;
      case "-monitor":
        if (val !== "none") throw new UsageError(`-monitor ${val}: the monitor is not supported`);
        break;
      case "-accel":
        if (val.split(",")[0] !== "tcg") {
          throw new UsageError(`-accel ${val}: only tcg is available`);
        }
        break;
    }
  }
  return cfg;
}

/** A QEMU boolean property value (on/off, yes/no, true/false, y/n). */
function parseOnOff(option: string, name: string, value: string): boolean {
  if (["on", "yes", "true", "y"].includes(value)) return true;
  if (["off", "no", "false", "n"].includes(value)) return false;
  throw new UsageError(`-machine ${option}: Parameter '${name}' expects 'on' or 'off'`);
}

function splitKv(p: string): [string, string] {
  const i = p.indexOf("=");
  return i < 0 ? [p, ""] : [p.slice(0, i), p.slice(i + 1)];
}

/** Parses `-icount` (`N`, `shift=N`, with optional `,sleep=on|off`, `align=...` ignored). */
export function parseIcount(val: string): number {
  let shift = -1;
  for (const part of val.split(",")) {
    const [k, v] = part.includes("=") ? splitKv(part) : ["shift", part];
    if (k === "shift") {
      if (v === "auto") throw new UsageError(`-icount ${val}: shift=auto is not supported`);
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 10) {
        throw new UsageError(`-icount ${val}: shift must be an integer 0..10`);
      }
      shift = n;
    } else if (k === "sleep" || k === "align" || k === "rr" || k === "rrfile") {
      // Accepted for QEMU compatibility; tsemu never sleeps to align under icount.
    } else {
      throw new UsageError(`-icount ${val}: unknown property '${k}'`);
    }
  }
  if (shift < 0) throw new UsageError(`-icount ${val}: missing shift`);
  return shift;
}

/** Parses `-plugin PATH[,arg=V][,NAME=V]...` (QEMU's `file=PATH` form accepted too). */
export function parsePluginSpec(val: string): PluginSpec {
  const parts = val.split(",");
  let path = "";
  const args: [string, string][] = [];
  parts.forEach((p, i) => {
    if (i === 0 && !p.startsWith("file=")) {
      path = p;
      return;
    }
    const [k, v] = splitKv(p);
    if (k === "file") path = v;
    else if (!p.includes("=")) {
      throw new UsageError(`-plugin ${val}: argument '${p}' is not NAME=VALUE`);
    } else args.push([k, v]);
  });
  if (!path) throw new UsageError(`-plugin ${val}: missing plugin file`);
  return { path, args };
}
