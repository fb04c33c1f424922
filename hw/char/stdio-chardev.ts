/**
 * `-serial stdio` (and `mon:stdio`): guest output goes to the host's stdout, host stdin is the
 * guest's input. On an interactive terminal stdin is put in raw (cbreak) mode and QEMU's mux
 * escapes are honoured: `C-a x` quits, `C-a h` prints help, `C-a b` sends a break,
 * `C-a C-a` sends one `C-a`. Piped stdin is passed through untouched.
 *
 * Also `createChardev`, which turns a `-serial` argument into a back-end.
 *
 * @module
 */

import { type Chardev, type ChardevFrontend, NullChardev } from "./chardev.ts";
import { FileChardev } from "./file-chardev.ts";
import { UsageError } from "../../util/log.ts";

/** Something bytes can be read from asynchronously (`Deno.stdin` by default). */
export interface ByteSource {
  /** Reads into `p`; resolves with the count, or null at end of input. */
  read(p: Uint8Array): Promise<number | null>;
}

/** Something bytes can be written to synchronously (`Deno.stdout` by default). */
export interface ByteSink {
  /** Writes some of `p`; returns how many bytes were written. */
  writeSync(p: Uint8Array): number;
}

/** Options of `StdioChardev`. */
export interface StdioChardevOptions {
  /** Use the terminal interactively: raw mode and escapes (when stdin is a terminal). */
  interactive?: boolean;
  /** Called on `C-a x` and on Ctrl-C in raw mode (default: exit the process). */
  onQuit?: () => void;
  /** Input stream instead of `Deno.stdin` (tests); `null` for no input at all. */
  input?: ByteSource | null;
  /** Output stream instead of `Deno.stdout` (tests). */
  output?: ByteSink;
  /** Whether the input is a terminal (default: `Deno.stdin.isTerminal()`). */
  terminal?: boolean;
}

/** Options of `createChardev`. */
export interface CreateChardevOptions {
  /** See `StdioChardevOptions.interactive`. */
  interactive: boolean;
  /** See `StdioChardevOptions.onQuit`. */
  onQuit: () => void;
}

/** The escape character of QEMU's mux: Ctrl-A. */
export const ESCAPE_CHAR = 0x01;

/** The text printed by `C-a h`. */
export const ESCAPE_HELP = "\n\r" +
  "C-a h    print this help\n\r" +
  "C-a x    exit emulator\n\r" +
  "C-a b    send break (magic sysrq)\n\r" +
  "C-a C-a  sends C-a\n\r";

/** Printed by `C-a x` before quitting, as QEMU does. */
const TERMINATED = "QEMU: Terminated\n\r";

/** Marks a break condition in the input queue. */
const BREAK = -1;

/** A front-end that can take a break condition (the PL011 can). */
interface BreakReceiver {
  receiveBreak(): void;
}

function canBreak(fe: ChardevFrontend): fe is ChardevFrontend & BreakReceiver {
  return typeof (fe as Partial<BreakReceiver>).receiveBreak === "function";
}

const encoder = new TextEncoder();

/** The host's stdin/stdout as a character back-end. */
export class StdioChardev implements Chardev {
  /** Whether escapes are interpreted (interactive use of a terminal). */
  readonly escapes: boolean;
  readonly #out: ByteSink;
  readonly #in: ByteSource | null;
  readonly #onQuit: () => void;
  readonly #useRealStdin: boolean;
  #fe: ChardevFrontend | null = null;
  /** Input bytes (or BREAK) not yet taken by the front-end, from `#head` on. */
  #queue: number[] = [];
  #head = 0;
  #gotEscape = false;
  #reading = false;
  #raw = false;
  #closed = false;
  #waiters: (() => void)[] = [];
  #sigint: (() => void) | null = null;

  /** Creates the back-end; stdin is read once a front-end attaches. */
  constructor(opts: StdioChardevOptions = {}) {
    this.#useRealStdin = opts.input === undefined;
    this.#out = opts.output ?? Deno.stdout;
    const terminal = opts.terminal ?? Deno.stdin.isTerminal();
    const interactive = opts.interactive ?? false;
    this.escapes = interactive && terminal;
    // A terminal not meant for interactive use is left alone (no raw mode, no reads).
    const wantInput = interactive || !terminal;
    this.#in = !wantInput ? null : opts.input === undefined ? Deno.stdin : opts.input;
    this.#onQuit = opts.onQuit ?? (() => {
      this.close();
      Deno.exit(0);
    });
  }

  /** Writes all of `bytes` to stdout, synchronously. */
  write(bytes: Uint8Array): void {
    let off = 0;
    while (off < bytes.length) off += this.#out.writeSync(bytes.subarray(off));
  }

  /** Attaches the front-end and starts reading input. */
  attach(frontend: ChardevFrontend): void {
    this.#fe = frontend;
    if (this.#in !== null && !this.#reading && !this.#closed) {
      this.#reading = true;
      if (this.escapes && this.#useRealStdin) this.#enterRaw();
      void this.#readLoop(this.#in);
    }
  }

  /** Pushes queued input into the front-end as far as it can take it. */
  poll(): void {
    const fe = this.#fe;
    if (fe === null) return;
    while (this.#head < this.#queue.length) {
      let room = fe.canReceive();
      if (room <= 0) break;
      if (this.#queue[this.#head] === BREAK) {
        this.#head++;
        if (canBreak(fe)) fe.receiveBreak();
        continue;
      }
      let end = this.#head;
      while (end < this.#queue.length && room > 0 && this.#queue[end] !== BREAK) {
        end++;
        room--;
      }
      const chunk = new Uint8Array(this.#queue.slice(this.#head, end));
      this.#head = end;
      fe.receive(chunk);
    }
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    }
  }

  /** True when input is queued for the front-end. */
  inputPending(): boolean {
    return this.#head < this.#queue.length;
  }

  /**
   * Resolves when input arrives (at once if some is pending). After end of input it never
   * resolves: race it against a timer.
   */
  waitInput(): Promise<void> {
    if (this.inputPending()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /**
   * Restores the terminal and stops taking input. A read already waiting on stdin cannot be
   * cancelled: the program should exit with `Deno.exit` when it is done.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#raw) {
      try {
        Deno.stdin.setRaw(false);
      } catch {
        // stdin already gone: nothing to restore
      }
      this.#raw = false;
    }
    if (this.#sigint !== null) {
      Deno.removeSignalListener("SIGINT", this.#sigint);
      this.#sigint = null;
    }
  }

  /**
   * Feeds host input bytes through the escape handling into the queue (the read loop calls
   * this; exposed for tests and for embedding).
   */
  hostInput(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (!this.escapes) {
        this.#queue.push(b);
      } else if (this.#gotEscape) {
        this.#gotEscape = false;
        this.#escape(b);
      } else if (b === ESCAPE_CHAR) {
        this.#gotEscape = true;
      } else {
        this.#queue.push(b);
      }
    }
    this.poll();
    this.#wake();
  }

  #escape(b: number): void {
    switch (b) {
      case ESCAPE_CHAR:
        this.#queue.push(ESCAPE_CHAR);
        break;
      case 0x68: // 'h'
      case 0x3f: // '?'
        this.write(encoder.encode(ESCAPE_HELP));
        break;
      case 0x78: // 'x'
        this.write(encoder.encode(TERMINATED));
        this.#onQuit();
        break;
      case 0x62: // 'b'
        this.#queue.push(BREAK);
        break;
      default:
        break; // unknown escapes are swallowed, as QEMU's mux does
    }
  }

  #enterRaw(): void {
    // cbreak keeps ISIG: Ctrl-C still raises SIGINT, as QEMU's stdio with signal=on.
    Deno.stdin.setRaw(true, { cbreak: true });
    this.#raw = true;
    this.#sigint = () => {
      this.close();
      this.#onQuit();
    };
    Deno.addSignalListener("SIGINT", this.#sigint);
  }

  async #readLoop(src: ByteSource): Promise<void> {
    const buf = new Uint8Array(4096);
    while (!this.#closed) {
      let n: number | null;
      try {
        n = await src.read(buf);
      } catch {
        break; // stdin closed or unreadable: no more input
      }
      if (n === null || this.#closed) break;
      this.hostInput(buf.subarray(0, n));
    }
  }

  #wake(): void {
    if (this.#waiters.length === 0) return;
    const ws = this.#waiters;
    this.#waiters = [];
    for (const w of ws) w();
  }
}

/**
 * Creates the back-end named by a `-serial` argument: `stdio`, `mon:stdio`, `file:PATH` or
 * `none`. Throws `UsageError` for anything else or a file that cannot be opened.
 */
export function createChardev(spec: string, opts: CreateChardevOptions): Chardev {
  if (spec === "stdio" || spec === "mon:stdio") {
    return new StdioChardev({ interactive: opts.interactive, onQuit: opts.onQuit });
  }
  if (spec === "none") return new NullChardev();
  if (spec.startsWith("file:")) return new FileChardev(spec.slice("file:".length));
  throw new UsageError(
    `-serial ${spec}: unsupported character device (use stdio, file:PATH or none)`,
  );
}
