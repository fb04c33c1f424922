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
/** Characters of `-D` output gathered before they are written. */
const FILE_BUFFER_CHARS = 1 << 16;

/** The process-wide log state. Tests create their own `Log` to capture output. */
export class Log {
  /** Enabled item names. */
  readonly mask: Set<string> = new Set<string>();
  #sink: LogSink = (t) => Deno.stderr.writeSync(encoder.encode(t));
  #file: Deno.FsFile | null = null;
  #pending: string[] = [];
  #pendingChars = 0;

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
    // Buffered: an execution trace writes a line per instruction, and one system call per
    // line would dominate. `flush`/`close` (and every FILE_BUFFER_CHARS) write it out.
    this.#sink = (t) => {
      this.#pending.push(t);
      this.#pendingChars += t.length;
      if (this.#pendingChars >= FILE_BUFFER_CHARS) this.flush();
    };
  }

  /** Writes buffered `-D` output to the file. */
  flush(): void {
    const f = this.#file;
    if (f === null || this.#pending.length === 0) return;
    const bytes = encoder.encode(this.#pending.join(""));
    this.#pending = [];
    this.#pendingChars = 0;
    let off = 0;
    while (off < bytes.length) off += f.writeSync(bytes.subarray(off));
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

  /** Flushes and closes the `-D` file, if any. */
  close(): void {
    this.flush();
    this.#file?.close();
    this.#file = null;
  }
}

/** The default log used by the command line. */
export const qemuLog: Log = new Log();
