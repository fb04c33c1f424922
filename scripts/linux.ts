/**
 * Boots the Linux guest (Debian armmp kernel + busybox initramfs, see `scripts/fetch-linux.ts`)
 * on tsemu, or on qemu-system-arm with `--qemu`, fetching it first if needed.
 *
 * Usage: `deno task linux [--qemu] [--check] [--timeout SEC] [--out DIR] [--force] [--] [ARGS...]`
 *
 * - Interactive (default): the emulator inherits the terminal; ARGS (anything this script does
 *   not know, or everything after `--`) are appended to the emulator's command line, e.g.
 *   `deno task linux -- -d int`.
 * - `--check`: boots without a terminal, waits for the `TSEMU-LINUX-READY` marker, types two
 *   commands into the shell and checks their output, powers off, and prints the wall time to
 *   the marker. Exit status 0 if everything worked.
 *
 * @module
 */

import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  FetchError,
  fetchLinux,
  LINUX_READY_MARKER,
  type LinuxFiles,
  parseFetchArgs,
} from "./fetch-linux.ts";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The kernel command line the guest boots with. */
export const LINUX_APPEND = "console=ttyAMA0 rdinit=/init";
/** Default `--check` time limit on qemu-system-arm, in seconds. */
export const QEMU_CHECK_TIMEOUT_S = 120;
/** Default `--check` time limit on tsemu, in seconds. */
export const TSEMU_CHECK_TIMEOUT_S = 1800;

/** The emulator options (QEMU spelling) that boot the guest; the same for tsemu and QEMU. */
export function linuxBootArgs(files: Pick<LinuxFiles, "vmlinuz" | "initrd">): string[] {
  return [
    "-M",
    "virt",
    "-cpu",
    "cortex-a15",
    "-m",
    "256",
    "-nographic",
    "-kernel",
    files.vmlinuz,
    "-initrd",
    files.initrd,
    "-append",
    LINUX_APPEND,
  ];
}

/** The program and arguments that run the guest on tsemu (or on qemu-system-arm). */
export function emulatorCommand(
  files: Pick<LinuxFiles, "vmlinuz" | "initrd">,
  qemu: boolean,
  extra: string[] = [],
): [string, string[]] {
  const boot = [...linuxBootArgs(files), ...extra];
  if (qemu) return ["qemu-system-arm", boot];
  return [Deno.execPath(), ["run", "-A", join(REPO_ROOT, "mod.ts"), ...boot]];
}

/** Text the shell prints as its prompt, after ANSI sequences are removed (any directory). */
export const LINUX_PROMPT_RE = /tsemu:[^\n#]*# /;

/** Awaited console text did not come: the time limit passed or the emulator exited first. */
export class ConsoleWaitError extends Error {
  /** @param message what was awaited, one line */
  constructor(message: string) {
    super(message);
    this.name = "ConsoleWaitError";
  }
}

/** Output of one command run through {@link LinuxConsole.run}. */
export interface CommandOutput {
  /** What the command printed (ANSI sequences and carriage returns removed). */
  output: string;
  /** Its exit status (`$?`). */
  status: number;
}

const ESC = "\x1b";

/**
 * Drives a Linux guest's serial console: turns the emulator's output into plain text (ANSI
 * escape sequences and `\r` removed; busybox ash writes `ESC [ 6 n` after every prompt), waits
 * for text, and runs shell commands whose output is delimited by unique markers.
 *
 * Feed it the emulator's output with {@link feed}; it types with the `send` function given to
 * the constructor. Searches move forward: text matched once is not matched again. One wait at a
 * time (the driver is sequential).
 */
export class LinuxConsole {
  readonly #send: (text: string) => void | Promise<void>;
  readonly #decoder = new TextDecoder();
  /** Escape parser state: 0 text, 1 after ESC, 2 inside a CSI sequence. */
  #esc = 0;
  #text = "";
  #raw = "";
  #cursor = 0;
  #seq = 0;
  #ended = false;
  #wake: (() => void) | null = null;

  /** @param send types text into the guest's console */
  constructor(send: (text: string) => void | Promise<void>) {
    this.#send = send;
  }

  /** Everything the guest printed so far, as plain text. */
  get text(): string {
    return this.#text;
  }

  /** Everything the guest printed so far, undecorated (escape sequences kept). */
  get raw(): string {
    return this.#raw;
  }

  /** Offset in {@link text} where the next search starts. */
  get cursor(): number {
    return this.#cursor;
  }

  /** True once {@link end} was called (the emulator's output closed). */
  get ended(): boolean {
    return this.#ended;
  }

  /** Takes bytes the emulator wrote to its console. */
  feed(bytes: Uint8Array): void {
    const s = this.#decoder.decode(bytes, { stream: true });
    this.#raw += s;
    let out = "";
    for (const c of s) {
      if (this.#esc === 0) {
        if (c === ESC) this.#esc = 1;
        else if (c !== "\r") out += c;
      } else if (this.#esc === 1) {
        // ESC [ starts a CSI sequence; any other ESC x is a two-character sequence.
        this.#esc = c === "[" ? 2 : 0;
      } else if (c >= "@" && c <= "~") {
        this.#esc = 0; // the final byte of the CSI sequence
      }
    }
    if (out) {
      this.#text += out;
      this.#wake?.();
    }
  }

  /** Marks the end of the emulator's output: pending and later waits fail at once. */
  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  /**
   * Waits until `re` matches the text after the cursor, then moves the cursor past the match.
   * Rejects with {@link ConsoleWaitError} after `timeoutMs`, or at once if the output ended.
   */
  async waitFor(re: RegExp, timeoutMs: number, what = String(re)): Promise<RegExpExecArray> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const m = re.exec(this.#text.slice(this.#cursor));
      if (m) {
        m.index += this.#cursor;
        this.#cursor = m.index + m[0].length;
        return m;
      }
      if (this.#ended) throw new ConsoleWaitError(`the emulator exited before ${what}`);
      const left = deadline - performance.now();
      if (left <= 0) {
        throw new ConsoleWaitError(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.#wake = null;
          resolve();
        }, left);
        this.#wake = () => {
          clearTimeout(t);
          this.#wake = null;
          resolve();
        };
      });
    }
  }

  /** Types `text` into the console. */
  async type(text: string): Promise<void> {
    await this.#send(text);
  }

  /**
   * Runs one shell command line at the prompt and returns what it printed and its status. The
   * output is framed by `echo` markers whose typed form (`TSEMU-BEGIN-""N`) differs from what
   * they print, so the echoed command line never matches. Waits for the next prompt after.
   */
  async run(command: string, timeoutMs: number): Promise<CommandOutput> {
    const n = ++this.#seq;
    const begin = `TSEMU-BEGIN-${n}`;
    const end = `TSEMU-END-${n}-`;
    await this.type(`echo TSEMU-BEGIN-""${n}; ${command}; echo TSEMU-END-""${n}-$?\n`);
    const b = await this.waitFor(new RegExp(`(^|\\n)${begin}\\n`), timeoutMs, `${begin}`);
    const start = b.index + b[0].length;
    const e = await this.waitFor(new RegExp(`${end}(\\d+)\\n`), timeoutMs, `${end}`);
    const output = this.#text.slice(start, e.index);
    await this.waitFor(LINUX_PROMPT_RE, timeoutMs, "the shell prompt");
    return { output, status: Number(e[1]) };
  }
}

/** An emulator process whose console is driven by a {@link LinuxConsole}. */
export interface ConsoleProcess {
  /** The console (stdin/stdout of the process). */
  console: LinuxConsole;
  /** Resolves with the exit status once the process ended and its output was read. */
  status: Promise<Deno.CommandStatus>;
  /** Seconds since the process was spawned. */
  elapsed(): number;
  /** Kills the process (SIGKILL) if it is still running. */
  kill(): void;
}

/**
 * Spawns `cmd` (from {@link emulatorCommand}) with piped stdio and connects its stdin/stdout
 * to a new {@link LinuxConsole}. Output is also passed to `echo` (e.g. to show it).
 */
export function spawnConsole(
  cmd: [string, string[]],
  echo: (bytes: Uint8Array) => void = () => {},
): ConsoleProcess {
  const start = performance.now();
  const child = new Deno.Command(cmd[0], {
    args: cmd[1],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = child.stdin.getWriter();
  const enc = new TextEncoder();
  const con = new LinuxConsole(async (t) => {
    try {
      await writer.write(enc.encode(t));
    } catch {
      // the emulator has exited; the next wait reports it
    }
  });
  const pump = (async () => {
    for await (const chunk of child.stdout) {
      echo(chunk);
      con.feed(chunk);
    }
    con.end();
  })();
  const status = (async () => {
    await pump;
    const s = await child.status;
    try {
      await writer.close();
    } catch {
      // already closed by the exit
    }
    return s;
  })();
  return {
    console: con,
    status,
    elapsed: () => (performance.now() - start) / 1000,
    kill: () => {
      try {
        child.kill("SIGKILL");
      } catch {
        // already gone
      }
    },
  };
}

/** Timings and outcome of a `--check` boot. */
export interface CheckResult {
  /** Seconds from spawning the emulator to the marker line, or null if it never came. */
  markerSeconds: number | null;
  /** True if the commands typed into the shell printed what they should. */
  shellOk: boolean;
  /** Seconds from spawning to the emulator's exit, or null if it had to be killed. */
  exitSeconds: number | null;
  /** What went wrong, or null. */
  failure: string | null;
}

/** A step of the check: wait for `expect` in the output, then type `send` (if any). */
interface Step {
  expect: RegExp;
  what: string;
  send?: string;
}

const CHECK_STEPS: Step[] = [
  { expect: new RegExp(`(^|\\n)${LINUX_READY_MARKER}\\r?\\n`), what: "the marker" },
  { expect: /tsemu:\/root# /, what: "the shell prompt", send: "echo tsemu-check-$((6*7))\n" },
  { expect: /\ntsemu-check-42\r?\n/, what: "the echo output", send: "uname -m\n" },
  { expect: /\narmv7l\r?\n/, what: "the uname output", send: "poweroff -f\n" },
];

/**
 * Boots the guest with piped stdio, drives the shell and reports timings. The guest's output
 * is copied to `echo` (e.g. stdout) as it arrives.
 */
export async function checkBoot(
  cmd: [string, string[]],
  timeoutSeconds: number,
  echo: (bytes: Uint8Array) => void = () => {},
): Promise<CheckResult> {
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  const child = new Deno.Command(cmd[0], {
    args: cmd[1],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = child.stdin.getWriter();
  const result: CheckResult = {
    markerSeconds: null,
    shellOk: false,
    exitSeconds: null,
    failure: null,
  };
  let step = 0;
  let text = "";
  let searchFrom = 0;
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    result.failure = `timed out after ${timeoutSeconds} s waiting for ${
      CHECK_STEPS[step]?.what ?? "the emulator to exit"
    }`;
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }, timeoutSeconds * 1000);
  const dec = new TextDecoder();
  try {
    for await (const chunk of child.stdout) {
      echo(chunk);
      text += dec.decode(chunk, { stream: true });
      while (step < CHECK_STEPS.length) {
        const s = CHECK_STEPS[step];
        const m = s.expect.exec(text.slice(searchFrom));
        if (!m) break;
        searchFrom += m.index + m[0].length;
        if (step === 0) result.markerSeconds = elapsed();
        if (step === CHECK_STEPS.length - 1) result.shellOk = true;
        if (s.send) await writer.write(new TextEncoder().encode(s.send));
        step++;
      }
    }
  } finally {
    clearTimeout(timer);
  }
  await child.status;
  try {
    await writer.close();
  } catch {
    // the emulator closed its end first
  }
  if (!killed) result.exitSeconds = elapsed();
  if (!result.failure && step < CHECK_STEPS.length) {
    result.failure = `the emulator exited before printing ${CHECK_STEPS[step].what}`;
  }
  return result;
}

/** The usage text of the linux task. */
export const LINUX_USAGE =
  `usage: deno task linux [--qemu] [--check] [--timeout SEC] [--out DIR] [--force] [--] [ARGS...]
  Boots Debian's armmp kernel with a busybox initramfs on tsemu (on qemu-system-arm with
  --qemu), fetching them first if needed (see deno task fetch-linux). ARGS go to the emulator.
  --check boots without a terminal, runs two shell commands, powers off and prints timings.`;

interface LinuxArgs {
  qemu: boolean;
  check: boolean;
  timeout?: number;
  fetch: string[];
  extra: string[];
  help: boolean;
}

/** Splits the command line into this script's options, fetch options and emulator args. */
function parseLinuxArgs(args: string[]): LinuxArgs {
  const out: LinuxArgs = { qemu: false, check: false, fetch: [], extra: [], help: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      out.extra.push(...args.slice(i + 1));
      break;
    } else if (a === "--qemu") out.qemu = true;
    else if (a === "--check") out.check = true;
    else if (a === "--help") out.help = true;
    else if (a === "--force") out.fetch.push(a);
    else if (a === "--out" || a === "--kernel") out.fetch.push(a, args[++i] ?? "");
    else if (a === "--timeout") {
      const v = Number(args[++i]);
      if (!(v > 0)) throw new FetchError("--timeout needs a number of seconds");
      out.timeout = v;
    } else out.extra.push(a);
  }
  return out;
}

/** Runs the linux command line; returns the exit status. */
export async function linuxMain(args: string[]): Promise<number> {
  let a: LinuxArgs;
  let files: LinuxFiles;
  try {
    a = parseLinuxArgs(args);
    if (a.help) {
      console.log(LINUX_USAGE);
      return 0;
    }
    const f = parseFetchArgs(a.fetch);
    files = await fetchLinux({ dir: f.dir, force: f.force, kernelPackage: f.kernelPackage });
  } catch (e) {
    if (e instanceof FetchError) {
      console.error(`linux: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const cmd = emulatorCommand(files, a.qemu, a.extra);
  const name = a.qemu ? "qemu-system-arm" : "tsemu";
  if (!a.check) {
    try {
      const child = new Deno.Command(cmd[0], {
        args: cmd[1],
        stdin: "inherit",
        stdout: "inherit",
        stderr: "inherit",
      }).spawn();
      return (await child.status).code;
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        console.error(`linux: ${cmd[0]} not found`);
        return 1;
      }
      throw e;
    }
  }
  const timeout = a.timeout ?? (a.qemu ? QEMU_CHECK_TIMEOUT_S : TSEMU_CHECK_TIMEOUT_S);
  let r: CheckResult;
  try {
    r = await checkBoot(cmd, timeout, (b) => Deno.stdout.writeSync(b));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      console.error(`linux: ${cmd[0]} not found`);
      return 1;
    }
    throw e;
  }
  const fmt = (s: number | null) => (s === null ? "never" : `${s.toFixed(2)} s`);
  console.log(
    `\nlinux --check on ${name}: marker after ${fmt(r.markerSeconds)}, shell ${
      r.shellOk ? "ok" : "FAILED"
    }, exit after ${fmt(r.exitSeconds)}`,
  );
  if (r.failure) console.error(`linux: ${r.failure}`);
  return r.failure === null && r.shellOk ? 0 : 1;
}

if (import.meta.main) Deno.exit(await linuxMain(Deno.args));
