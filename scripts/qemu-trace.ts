/**
 * Streaming parser for the per-TB register trace QEMU 7.2 writes with `-d exec,cpu`
 * (`Trace ...` line, four `R00=... R03=...` lines, `PSR=...` line per executed TB), and the
 * record queue the difference tracer compares. Works on raw bytes: no per-line strings, so
 * a few hundred megabytes of log parse in seconds.
 *
 * A `Stopped execution of TB chain before 0x... [pc]` line means the TB just logged did not
 * run (QEMU checked for an exit request at its start); the parser drops that record.
 * Lines of any other kind (`-d in_asm`, `-d int`, QEMU's own messages) are ignored; those
 * starting with `qemu-system-` are kept in `messages`.
 *
 * @module
 */

/** Words per record: r0–r15 then the CPSR. */
export const RECORD_WORDS = 17;
/** Index of the CPSR word in a record. */
export const PSR_WORD = 16;
/** Index of the pc (r15) word in a record. */
export const PC_WORD = 15;

/** A FIFO of fixed-size register records in one growable Int32Array. */
export class RecordQueue {
  #buf: Int32Array = new Int32Array(RECORD_WORDS * 1024);
  #head = 0;
  #tail = 0;

  /** Number of queued records. */
  get length(): number {
    return (this.#tail - this.#head) / RECORD_WORDS;
  }

  /** Appends a record: r0–r15 from `regs` and `psr`. */
  push(regs: ArrayLike<number>, psr: number): void {
    const b = this.#reserve();
    const t = this.#tail;
    for (let i = 0; i < 16; i++) b[t + i] = regs[i];
    b[t + PSR_WORD] = psr;
    this.#tail = t + RECORD_WORDS;
  }

  /** Appends the record held in `rec` (RECORD_WORDS words). */
  pushRecord(rec: ArrayLike<number>): void {
    const b = this.#reserve();
    const t = this.#tail;
    for (let i = 0; i < RECORD_WORDS; i++) b[t + i] = rec[i];
    this.#tail = t + RECORD_WORDS;
  }

  /** Removes the newest record. */
  popLast(): void {
    if (this.#tail > this.#head) this.#tail -= RECORD_WORDS;
  }

  /** Word `w` of the `i`-th queued record (0 = oldest). */
  word(i: number, w: number): number {
    return this.#buf[this.#head + i * RECORD_WORDS + w];
  }

  /** A copy of the `i`-th queued record. */
  record(i: number): Int32Array {
    const o = this.#head + i * RECORD_WORDS;
    return this.#buf.slice(o, o + RECORD_WORDS);
  }

  /** Copies the `i`-th queued record into `dst` (RECORD_WORDS words). */
  copyRecord(i: number, dst: Int32Array): void {
    const o = this.#head + i * RECORD_WORDS;
    dst.set(this.#buf.subarray(o, o + RECORD_WORDS));
  }

  /** Drops the oldest `n` records. */
  shift(n = 1): void {
    this.#head = Math.min(this.#tail, this.#head + n * RECORD_WORDS);
    if (this.#head === this.#tail) this.#head = this.#tail = 0;
  }

  #reserve(): Int32Array {
    if (this.#tail + RECORD_WORDS <= this.#buf.length) return this.#buf;
    const live = this.#tail - this.#head;
    if (this.#head > 0 && live * 2 <= this.#buf.length) {
      this.#buf.copyWithin(0, this.#head, this.#tail);
    } else {
      const nb = new Int32Array(this.#buf.length * 2);
      nb.set(this.#buf.subarray(this.#head, this.#tail));
      this.#buf = nb;
    }
    this.#head = 0;
    this.#tail = live;
    return this.#buf;
  }
}

const NL = 0x0a;
const HEX = new Int8Array(256).fill(-1);
for (let c = 0; c < 10; c++) HEX[0x30 + c] = c;
for (let c = 0; c < 6; c++) HEX[0x61 + c] = HEX[0x41 + c] = 10 + c;

function startsWith(b: Uint8Array, s: number, e: number, lit: Uint8Array): boolean {
  if (e - s < lit.length) return false;
  for (let i = 0; i < lit.length; i++) if (b[s + i] !== lit[i]) return false;
  return true;
}

/** Hex number at b[i..] up to the first non-hex byte or `e`; -1 when there is none. */
function hexAt(b: Uint8Array, i: number, e: number): number {
  let v = 0, n = 0;
  for (; i < e; i++, n++) {
    const d = HEX[b[i]];
    if (d < 0) break;
    v = ((v << 4) | d) >>> 0;
  }
  return n === 0 ? -1 : v;
}

const enc = new TextEncoder();
const LIT_TRACE = enc.encode("Trace ");
const LIT_PSR = enc.encode("PSR=");
const LIT_STOPPED = enc.encode("Stopped execution of TB chain before ");
const LIT_QEMU = enc.encode("qemu-system-");

/** Parses QEMU's `-d exec,cpu` log incrementally into a RecordQueue. */
export class QemuTraceParser {
  /** Complete records, oldest first. */
  readonly records: RecordQueue;
  /** QEMU's own messages seen in the stream (`qemu-system-arm: ...`). */
  readonly messages: string[] = [];
  /** Total records accepted so far (dropped ones excluded). */
  accepted = 0;
  #rest: Uint8Array = new Uint8Array(0);
  readonly #regs = new Int32Array(16);
  #seen = 0;
  #inRecord = false;
  /** Whether the newest queued record may still be retracted by a "Stopped" line. */
  #lastRetractable = false;

  /** Creates a parser that appends to `records` (a new queue by default). */
  constructor(records: RecordQueue = new RecordQueue()) {
    this.records = records;
  }

  /**
   * Records that are final: all queued ones except the newest while a later `Stopped
   * execution` line could still retract it (the next `Trace` line or `finish()` settles it).
   */
  get finalCount(): number {
    const n = this.records.length;
    return this.#lastRetractable && n > 0 ? n - 1 : n;
  }

  /** Feeds the next bytes of the log. */
  push(chunk: Uint8Array): void {
    let b = chunk;
    if (this.#rest.length) {
      b = new Uint8Array(this.#rest.length + chunk.length);
      b.set(this.#rest);
      b.set(chunk, this.#rest.length);
    }
    let s = 0;
    for (;;) {
      const e = b.indexOf(NL, s);
      if (e < 0) break;
      this.#line(b, s, e);
      s = e + 1;
    }
    this.#rest = b.slice(s);
  }

  /** Ends the stream (a last line without newline is parsed). */
  finish(): void {
    if (this.#rest.length) this.#line(this.#rest, 0, this.#rest.length);
    this.#rest = new Uint8Array(0);
    this.#lastRetractable = false;
  }

  #line(b: Uint8Array, s: number, e: number): void {
    const c = b[s];
    if (c === 0x52 /* R */ && e - s >= 12 && b[s + 3] === 0x3d /* = */) {
      if (!this.#inRecord) return;
      // "R00=xxxxxxxx R01=xxxxxxxx ..." : one register every 13 bytes.
      for (let o = s; o + 12 <= e; o += 13) {
        if (b[o] !== 0x52 || b[o + 3] !== 0x3d) break;
        const n = (b[o + 1] - 0x30) * 10 + (b[o + 2] - 0x30);
        const v = hexAt(b, o + 4, o + 12);
        if (n < 0 || n > 15 || v < 0) break;
        this.#regs[n] = v;
        this.#seen |= 1 << n;
      }
    } else if (c === 0x50 /* P */ && startsWith(b, s, e, LIT_PSR)) {
      if (!this.#inRecord) return;
      const psr = hexAt(b, s + 4, e);
      if (psr >= 0 && this.#seen === 0xffff) {
        this.records.push(this.#regs, psr);
        this.accepted++;
        this.#lastRetractable = true;
      }
      this.#inRecord = false;
    } else if (c === 0x54 /* T */ && startsWith(b, s, e, LIT_TRACE)) {
      this.#inRecord = true;
      this.#seen = 0;
      this.#lastRetractable = false;
    } else if (c === 0x53 /* S */ && startsWith(b, s, e, LIT_STOPPED)) {
      const open = b.indexOf(0x5b, /* [ */ s);
      const pc = open >= 0 && open < e ? hexAt(b, open + 1, e) : -1;
      const q = this.records;
      if (
        this.#lastRetractable && q.length > 0 && pc >= 0 &&
        (q.word(q.length - 1, PC_WORD) >>> 0) === pc
      ) {
        q.popLast();
        this.accepted--;
      }
      this.#lastRetractable = false;
    } else if (c === 0x71 /* q */ && startsWith(b, s, e, LIT_QEMU)) {
      this.messages.push(new TextDecoder().decode(b.subarray(s, e)));
    }
  }
}
