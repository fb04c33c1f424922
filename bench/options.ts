/**
 * Command line of `deno task bench`.
 *
 * @module
 */

/** What a benchmark run does. */
export interface BenchOptions {
  /** `--quick`: reduced iterations, no Linux boot, one run each (unless `--runs`). */
  quick: boolean;
  /** Runs per emulator and workload (median reported). */
  runs: number;
  /** `--only NAME[,NAME]` (repeatable): section or workload names to run, or null for all. */
  only: string[] | null;
  /** False with `--no-linux`. */
  linux: boolean;
  /** False with `--no-plugins`. */
  plugins: boolean;
  /** `--out BASE`: results go to BASE.json and BASE.md (default bench/results[-quick]). */
  out: string | null;
  /** `--help`. */
  help: boolean;
}

/** A mistake on the benchmark's command line. */
export class BenchUsageError extends Error {
  /** @param message one line */
  constructor(message: string) {
    super(message);
    this.name = "BenchUsageError";
  }
}

/** Runs per emulator and workload without `--runs`. */
export const DEFAULT_RUNS = 3;
/** Runs per emulator and workload with `--quick` and without `--runs`. */
export const QUICK_RUNS = 1;

/** Names `--only` accepts besides the bare-metal workload names. */
export const SECTION_NAMES: readonly string[] = ["startup", "linux", "plugins"];

/** The usage text. */
export const BENCH_USAGE =
  `usage: deno task bench [--quick] [--runs N] [--only NAME[,NAME]] [--no-linux]
                       [--no-plugins] [--out BASE]
  Runs every workload on tsemu and on qemu-system-arm alternately (median of N runs, default
  ${DEFAULT_RUNS}), prints per workload the wall times, their ratio, guest instructions and MIPS,
  then writes BASE.json and BASE.md (default bench/results, bench/results-quick with --quick).
  --quick       reduced iterations, no Linux boot, ${QUICK_RUNS} run each (under a minute)
  --only NAME   only these workloads or sections (${SECTION_NAMES.join(", ")}); a bare-metal
                workload name also selects its plugin-overhead rows
  --no-linux    skip the Linux boot (and the peak-memory figure)
  --no-plugins  skip the plugin-overhead workloads`;

/** Parses the benchmark's arguments; throws {@link BenchUsageError} on a mistake. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const o: BenchOptions = {
    quick: false,
    runs: 0,
    only: null,
    linux: true,
    plugins: true,
    out: null,
    help: false,
  };
  const value = (i: number, opt: string): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith("--")) throw new BenchUsageError(`${opt} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf("=");
    const [opt, inline] = a.startsWith("--") && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [
      a,
      null,
    ];
    const arg = () => inline ?? value(++i, opt);
    switch (opt) {
      case "--quick":
        o.quick = true;
        break;
      case "--runs": {
        const s = arg();
        const n = Number(s);
        if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n < 1) {
          throw new BenchUsageError(`--runs ${s}: expected a whole number of runs, at least 1`);
        }
        o.runs = n;
        break;
      }
      case "--only": {
        const names = arg().split(",").filter((s) => s !== "");
        if (!names.length) throw new BenchUsageError("--only needs a name");
        o.only = [...(o.only ?? []), ...names];
        break;
      }
      case "--no-linux":
        o.linux = false;
        break;
      case "--no-plugins":
        o.plugins = false;
        break;
      case "--out":
        o.out = arg();
        break;
      case "--help":
      case "-h":
        o.help = true;
        break;
      default:
        throw new BenchUsageError(`unknown option '${a}' (see --help)`);
    }
    if (inline !== null && !["--runs", "--only", "--out"].includes(opt)) {
      throw new BenchUsageError(`${opt} takes no value`);
    }
  }
  if (o.runs === 0) o.runs = o.quick ? QUICK_RUNS : DEFAULT_RUNS;
  return o;
}

/**
 * Checks `--only` names against what exists (bare-metal workload names and
 * {@link SECTION_NAMES}); throws {@link BenchUsageError} for an unknown name.
 */
export function checkOnlyNames(o: BenchOptions, workloads: readonly string[]): void {
  for (const n of o.only ?? []) {
    if (!workloads.includes(n) && !SECTION_NAMES.includes(n)) {
      throw new BenchUsageError(
        `--only ${n}: no such workload (known: ${[...workloads, ...SECTION_NAMES].join(", ")})`,
      );
    }
  }
}

/** True if `name` (a workload or section) is selected by `--only` (everything without it). */
export function selected(o: BenchOptions, name: string): boolean {
  return o.only === null || o.only.includes(name);
}
