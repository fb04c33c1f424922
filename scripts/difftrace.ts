/**
 * The difference tracer: runs the same image on qemu-system-arm and on tsemu, one guest
 * instruction per TB, and compares the register files (r0–r15 and the CPSR) before every
 * instruction. Reports the first difference with both register files and the instructions
 * leading to it (exit status 1), or `no divergence over N instructions` (exit status 0).
 *
 * ```sh
 * deno run -A scripts/difftrace.ts [-n N] [--icount] [--psr-mask HEX] [--context K] \
 *   [--qemu PATH] [--timeout S] [--] -kernel tests/guest/bin/dp.elf
 * ```
 *
 * QEMU runs with `-M virt -cpu cortex-a15` (unless `-cpu` is given) `-nographic
 * -no-reboot -singlestep -d exec,cpu,nochain -D /dev/stderr`; its log is parsed as a stream
 * from the pipe (the pipe throttles QEMU to the comparison's pace) and QEMU is killed after N
 * records. tsemu runs
 * in-process with single-stepping and a structured `-d exec` tracer. See docs/difftrace.md.
 *
 * @module
 */

import { buildMachine, ImageError, Log, parseArgs, UsageError } from "../mod.ts";
import type { RunResult, VirtMachine } from "../mod.ts";
import { setExecTracer } from "../accel/tcg/exec-log.ts";
import { REGISTER_NAMES } from "../plugins/registers.ts";
import { formatInsnLine, formatPsr, hex8 } from "../accel/tcg/exec-log.ts";
import { disassemble, initDisassembler } from "../cpu/arm/disas.ts";
import { PC_WORD, PSR_WORD, QemuTraceParser, RECORD_WORDS, RecordQueue } from "./qemu-trace.ts";

/** Options of the tracer itself (everything else goes to both emulators). */
export interface DiffOptions {
  /** Records (instructions) to compare. */
  count: number;
  /** Add `-icount shift=0` to both emulators (repeatable timer interrupts). */
  icount: boolean;
  /** CPSR bits compared. */
  psrMask: number;
  /** Instructions shown before the divergence. */
  context: number;
  /** QEMU binary. */
  qemu: string;
  /** Seconds without a new QEMU record before giving up. */
  timeout: number;
  /** Emulator arguments (QEMU spelling). */
  args: string[];
}

const USAGE = `usage: deno run -A scripts/difftrace.ts [-n N] [--icount] [--psr-mask HEX]
         [--context K] [--qemu PATH] [--timeout S] [--] QEMU-ARGS...
Runs QEMU-ARGS (e.g. -kernel tests/guest/bin/dp.elf) on qemu-system-arm and tsemu one
instruction at a time and reports the first instruction whose register state differs.
  -n N            instructions to compare (default 1000000)
  --icount        add -icount shift=0 to both (deterministic timers)
  --psr-mask HEX  CPSR bits to compare (default ffffffff)
  --context K     instructions shown before the divergence (default 6)
  --qemu PATH     qemu-system-arm binary (default qemu-system-arm)
  --timeout S     give up after S seconds without QEMU output (default 30)
`;

/** Parses the tracer's command line; throws an Error with a message on misuse. */
export function parseDiffArgs(argv: string[]): DiffOptions {
  const o: DiffOptions = {
    count: 1_000_000,
    icount: false,
    psrMask: 0xffffffff | 0,
    context: 6,
    qemu: "qemu-system-arm",
    timeout: 30,
    args: [],
  };
  const num = (flag: string, v: string | undefined, radix = 10): number => {
    const n = radix === 16 ? parseInt(v ?? "", 16) : Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) {
      throw new Error(`${flag}: expects a non-negative number`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      o.args.push(...argv.slice(i + 1));
      break;
    } else if (a === "-n") o.count = Math.floor(num(a, argv[++i]));
    else if (a === "--icount") o.icount = true;
    else if (a === "--psr-mask") o.psrMask = num(a, argv[++i]?.replace(/^0x/, ""), 16) | 0;
    else if (a === "--context") o.context = Math.floor(num(a, argv[++i]));
    else if (a === "--qemu") o.qemu = argv[++i] ?? o.qemu;
    else if (a === "--timeout") o.timeout = num(a, argv[++i]);
    else if (a === "-h" || a === "--help") throw new Error(USAGE);
    else o.args.push(a);
  }
  for (const a of o.args) {
    if (a === "-d" || a === "-D" || a === "-singlestep") {
      throw new Error(`${a}: set by difftrace itself; do not pass it`);
    }
  }
  return o;
}

/** The tsemu side: a machine whose TB entries fill a record queue. */
class TsemuSide {
  readonly machine: VirtMachine;
  readonly records = new RecordQueue();
  /** Set once the guest stopped (power off, reset, or halted with nothing to wake it). */
  done: RunResult | null = null;

  /** Why the guest stopped, for messages ("" while it runs). */
  get stopReason(): string {
    if (!this.done) return "";
    return this.done.reason === "budget" ? "halted with nothing to wake it" : this.done.reason;
  }

  constructor(args: string[]) {
    const cfg = parseArgs(args);
    cfg.singleStep = true;
    cfg.serial = "none";
    cfg.nographic = false;
    const log = new Log();
    log.enable("exec,nochain");
    const q = this.records;
    setExecTracer(log, { tbEntry: (cpu) => q.push(cpu.r, cpu.cpsr) });
    this.machine = buildMachine(cfg, log, () => {});
  }

  /** Runs up to `n` instructions; marks the side done when it can produce no more. */
  step(n: number): void {
    const before = this.records.length;
    const r = this.machine.runSync(n);
    if (r.reason !== "budget") this.done = r;
    else if (this.records.length === before) this.done = { reason: "budget", status: 0 };
  }

  /** Instruction bytes at virtual `va` (kernel view), or null when unreadable. */
  code(va: number, size: number): Uint8Array | null {
    try {
      const m = this.machine;
      const pa = m.tlb.fetchPhys(va, 0);
      const out = new Uint8Array(size);
      for (let i = 0; i < size; i++) out[i] = m.as.read(pa + i, 1);
      return out;
    } catch {
      return null;
    }
  }
}

/** The QEMU side: the child process and the streaming parse of its log. */
class QemuSide {
  readonly parser = new QemuTraceParser();
  readonly child: Deno.ChildProcess;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  done = false;

  constructor(o: DiffOptions, icountArgs: string[]) {
    const args = [
      "-M",
      "virt",
      ...(o.args.includes("-cpu") ? [] : ["-cpu", "cortex-a15"]),
      "-nographic",
      "-no-reboot",
      "-singlestep",
      "-d",
      "exec,cpu,nochain",
      "-D",
      "/dev/stderr",
      ...icountArgs,
      ...o.args,
    ];
    this.child = new Deno.Command(o.qemu, { args, stdin: "null", stdout: "null", stderr: "piped" })
      .spawn();
    this.#reader = this.child.stderr.getReader();
  }

  /** Reads more log; returns false when `ms` passed without data. */
  async fill(ms: number): Promise<boolean> {
    this.#pending ??= this.#reader.read();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((res) => timer = setTimeout(() => res(null), ms));
    const r = await Promise.race([this.#pending, timeout]);
    clearTimeout(timer);
    if (r === null) return false;
    this.#pending = null;
    if (r.done) {
      this.parser.finish();
      this.done = true;
    } else {
      this.parser.push(r.value);
    }
    return true;
  }

  /** Stops QEMU (if still running) and releases the pipe. */
  async stop(): Promise<void> {
    try {
      this.child.kill("SIGKILL");
    } catch {
      // already exited
    }
    await this.#reader.cancel().catch(() => {});
    await this.child.status;
  }
}

function psrText(psr: number): string {
  return formatPsr(psr).slice(4, -1);
}

/** Side-by-side register files; differing entries marked. */
function registerTable(q: Int32Array, t: Int32Array, psrMask: number): string {
  let s = "  reg   qemu       tsemu\n";
  for (let i = 0; i < 16; i++) {
    const mark = q[i] !== t[i] ? "  <<" : "";
    s += `  ${REGISTER_NAMES[i].padEnd(4)}  ${hex8(q[i])}   ${hex8(t[i])}${mark}\n`;
  }
  const mark = ((q[PSR_WORD] ^ t[PSR_WORD]) & psrMask) !== 0 ? "  <<" : "";
  return s + `  psr   ${psrText(q[PSR_WORD])}   ${psrText(t[PSR_WORD])}${mark}\n`;
}

function insnText(ts: TsemuSide, rec: Int32Array): string {
  const thumb = (rec[PSR_WORD] & (1 << 5)) !== 0;
  const pc = rec[PC_WORD] >>> 0;
  const bytes = ts.code(pc, thumb ? 2 : 4);
  if (!bytes) return `0x${hex8(pc)}:  (not readable)`;
  const [d] = disassemble(bytes, pc, thumb);
  return formatInsnLine(pc, bytes.subarray(0, d.size), thumb) +
    `  ${d.mnemonic.padEnd(8)} ${d.opStr}`;
}

/**
 * Whether QEMU's oldest queued record repeats `prev` exactly: with -icount QEMU abandons an
 * instruction that touches I/O, retranslates it and runs it again, logging it twice.
 */
function isRepeat(q: RecordQueue, prev: Int32Array): boolean {
  for (let w = 0; w < RECORD_WORDS; w++) if (q.word(0, w) !== prev[w]) return false;
  return true;
}

function recordsDiffer(a: RecordQueue, b: RecordQueue, i: number, psrMask: number): boolean {
  for (let w = 0; w < 16; w++) if (a.word(i, w) !== b.word(i, w)) return true;
  return ((a.word(i, PSR_WORD) ^ b.word(i, PSR_WORD)) & psrMask) !== 0;
}

/** Records gathered from QEMU before tsemu runs and the comparison happens. */
const BATCH = 8192;

/**
 * Runs the comparison, writing the verdict through `out` (one call per line or block);
 * returns the process exit status: 0 no divergence, 1 divergence, 2 QEMU could not run.
 */
export async function diffTrace(
  o: DiffOptions,
  out: (text: string) => void = console.log,
): Promise<number> {
  await initDisassembler();
  const icountArgs = o.icount ? ["-icount", "shift=0"] : [];
  const ts = new TsemuSide([...icountArgs, ...o.args]);
  let qs: QemuSide;
  try {
    qs = new QemuSide(o, icountArgs);
  } catch (e) {
    console.error(`difftrace: cannot run ${o.qemu}: ${(e as Error).message}`);
    return 2;
  }
  const qq = qs.parser.records;
  const tq = ts.records;
  const hist = new RecordQueue();
  let compared = 0;
  /** QEMU's previous record, and how many repeated QEMU records were skipped. */
  const prevQ = new Int32Array(RECORD_WORDS), scratch = new Int32Array(RECORD_WORDS);
  let hasPrev = false, replays = 0;
  let idleMs = 0, stalled = false;
  try {
    while (compared < o.count) {
      // Collect a batch from QEMU first: per-record round trips would dominate the run.
      if (!qs.done && qs.parser.finalCount < Math.min(BATCH, o.count - compared)) {
        if (await qs.fill(1000)) {
          idleMs = 0;
          continue;
        }
        idleMs += 1000;
        if (qs.parser.finalCount === 0) {
          if (idleMs < o.timeout * 1000) continue;
          console.error(`difftrace: no output from QEMU for ${o.timeout} s; stopping`);
          stalled = true;
          break;
        }
      }
      if (qs.parser.finalCount === 0) break;
      if (tq.length === 0) {
        if (ts.done) break;
        ts.step(Math.max(1, Math.min(qs.parser.finalCount, o.count - compared)));
        continue;
      }
      const n = Math.min(qs.parser.finalCount, tq.length, o.count - compared);
      for (let i = 0; i < n; i++) {
        if (recordsDiffer(qq, tq, 0, o.psrMask)) {
          if (hasPrev && isRepeat(qq, prevQ)) {
            // QEMU re-ran the instruction (icount I/O recompile): skip its second record.
            qq.shift();
            replays++;
            break;
          }
          out(report(ts, compared, qq.record(0), tq.record(0), hist, o));
          return 1;
        }
        qq.copyRecord(0, prevQ);
        hasPrev = true;
        tq.copyRecord(0, scratch);
        hist.pushRecord(scratch);
        if (hist.length > o.context) hist.shift();
        qq.shift();
        tq.shift();
        compared++;
      }
    }
    const qLeft = qs.parser.finalCount > 0, tLeft = tq.length > 0;
    if (compared < o.count && (qLeft || tLeft)) {
      const who = qLeft
        ? `tsemu stopped (${ts.stopReason}) while QEMU went on`
        : "QEMU's trace ended while tsemu went on";
      out(`divergence at instruction ${compared}: ${who}`);
      const rec = qLeft ? qq.record(0) : tq.record(0);
      out(
        `next ${qLeft ? "QEMU" : "tsemu"} record: pc=${hex8(rec[PC_WORD])} ` +
          psrText(rec[PSR_WORD]),
      );
      for (let i = 0; i < hist.length; i++) out("    " + insnText(ts, hist.record(i)));
      for (const m of qs.parser.messages) out(m);
      return 1;
    }
    const why = compared >= o.count
      ? ""
      : stalled
      ? " (QEMU stalled)"
      : ` (guest stopped: ${ts.stopReason || "QEMU ended"})`;
    out(`no divergence over ${compared} instructions${why}`);
    if (replays) out(`(${replays} repeated QEMU records skipped: instructions re-run for I/O)`);
    return 0;
  } finally {
    await qs.stop();
  }
}

function report(
  ts: TsemuSide,
  index: number,
  q: Int32Array,
  t: Int32Array,
  hist: RecordQueue,
  o: DiffOptions,
): string {
  const out: string[] = [];
  out.push(
    `divergence at instruction ${index} (register state before it differs; ` +
      `instructions counted from 0)`,
  );
  out.push(registerTable(q, t, o.psrMask).trimEnd());
  out.push("instructions leading to it (code read from tsemu's memory):");
  const first = index - hist.length;
  for (let i = 0; i < hist.length; i++) {
    const last = i === hist.length - 1;
    out.push(
      `${last ? ">" : " "} #${first + i}  ${insnText(ts, hist.record(i))}` +
        (last ? "   <- last one executed before the difference" : ""),
    );
  }
  out.push(`  #${index}  qemu:  ${insnText(ts, q)}`);
  if (q[PC_WORD] !== t[PC_WORD] || ((q[PSR_WORD] ^ t[PSR_WORD]) & (1 << 5))) {
    out.push(`  #${index}  tsemu: ${insnText(ts, t)}`);
  }
  return out.join("\n");
}

if (import.meta.main) {
  let opts: DiffOptions;
  try {
    opts = parseDiffArgs(Deno.args);
  } catch (e) {
    console.error(
      (e as Error).message.startsWith("usage")
        ? (e as Error).message
        : `difftrace: ${(e as Error).message}`,
    );
    Deno.exit(2);
  }
  try {
    const t0 = performance.now();
    const status = await diffTrace(opts);
    console.error(`difftrace: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    Deno.exit(status);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ImageError) {
      console.error(`difftrace: ${e.message}`);
      Deno.exit(2);
    }
    throw e;
  }
}
