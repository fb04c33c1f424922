/**
 * The `-d` log: QEMU-style named log masks and one output sink (stderr or `-D FILE`).
 *
 * @module
 */

/** Log items accepted by `-d`, with the help text shown by `-d help`. */
export const LOG_ITEMS: Readonly<Record<string, string>> = {
  in_asm: "show target assembly code for each compiled TB",
  exec: "show trace before each executed TB",
  cpu: "show CPU registers before entering a TB",
  int: "show interrupts/exceptions in short format",
  unimp: "log unimplemented functionality",
  guest_errors: "log when the guest OS does something invalid",
  nochain: 'do not chain compiled TBs so that "exec" and "cpu" show complete traces',
  plugin: "output from TCG plugins",
  page: "dump pages at beginning of user mode emulation",
};

/** Error in a command-line option or input file: printed as one line by `mod.ts`. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Receives log text; the default writes to stderr. */
export type LogSink = (text: string) => void;

const encoder = new TextEncoder();

/** The process-wide log state. Tests create their own `Log` to capture output. */
export class Log {
  /** Enabled item names. */
  readonly mask: Set<string> = new Set<string>();
  #sink: LogSink = (t) => Deno.stderr.writeSync(encoder.encode(t));
  #file: Deno.FsFile | null = null;

  /** Enables the comma-separated list given to `-d`; throws `UsageError` for unknown items. */
  enable(list: string): void {
    for (const item of list.split(",")) {
      if (item === "") continue;
      if (!(item in LOG_ITEMS)) {
        throw new UsageError(`-d: unknown log item '${item}' (try -d help)`);
      }
      this.mask.add(item);
    }
  }

  /** True when `item` is enabled. */
  on(item: string): boolean {
    return this.mask.has(item);
  }

  /** Sends log output to `path` (the `-D` option). */
  openFile(path: string): void {
    try {
      this.#file = Deno.openSync(path, { write: true, create: true, truncate: true });
    } catch (e) {
      throw new UsageError(`-D ${path}: cannot open log file: ${(e as Error).message}`);
    }
    const f = this.#file;
    this.#sink = (t) => {
      const bytes = encoder.encode(t);
      let off = 0;
      while (off < bytes.length) off += f.writeSync(bytes.subarray(off));
    };
  }

  /** Replaces the sink (tests capture log text this way). */
  setSink(sink: LogSink): void {
    this.#sink = sink;
  }

  /** Writes `text` unconditionally. */
  write(text: string): void {
    this.#sink(text);
  }

  /** Writes `text` if `item` is enabled. */
  log(item: string, text: string): void {
    if (this.mask.has(item)) this.#sink(text);
  }

  /** Closes the `-D` file, if any. */
  close(): void {
    this.#file?.close();
    this.#file = null;
  }
}

/** The default log used by the command line. */
export const qemuLog: Log = new Log();
