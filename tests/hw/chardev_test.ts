import assert from "node:assert/strict";
import { join } from "node:path";
import { FileChardev } from "../../hw/char/file-chardev.ts";
import {
  type ByteSource,
  createChardev,
  ESCAPE_HELP,
  StdioChardev,
} from "../../hw/char/stdio-chardev.ts";
import { BufferChardev, type ChardevFrontend, NullChardev } from "../../hw/char/chardev.ts";
import { PL011, UARTDR, UARTRSR } from "../../hw/char/pl011.ts";
import { UsageError } from "../../util/log.ts";

const noQuit = { interactive: false, onQuit: () => {} };

/** A front-end that records what it receives, with a settable capacity. */
class Sink implements ChardevFrontend {
  got: number[] = [];
  room = 1000;
  canReceive(): number {
    return this.room;
  }
  receive(bytes: Uint8Array): void {
    this.got.push(...bytes);
    this.room -= bytes.length;
  }
}

/** An input stream fed by the test. */
class FakeInput implements ByteSource {
  #chunks: Uint8Array[] = [];
  #wait: (() => void) | null = null;
  #eof = false;
  push(s: string | null): void {
    if (s === null) this.#eof = true;
    else this.#chunks.push(new TextEncoder().encode(s));
    this.#wait?.();
  }
  async read(p: Uint8Array): Promise<number | null> {
    while (this.#chunks.length === 0 && !this.#eof) {
      await new Promise<void>((r) => this.#wait = r);
    }
    const c = this.#chunks.shift();
    if (c === undefined) return null;
    p.set(c);
    return c.length;
  }
}

function outputSink() {
  const out: number[] = [];
  return {
    out,
    text: () => new TextDecoder().decode(new Uint8Array(out)),
    sink: { writeSync: (p: Uint8Array) => (out.push(...p), p.length) },
  };
}

Deno.test("FileChardev writes guest bytes to a new file, truncating an old one", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "serial.log");
    Deno.writeTextFileSync(path, "old contents that must disappear");
    const chr = createChardev(`file:${path}`, noQuit);
    assert.ok(chr instanceof FileChardev);
    const uart = new PL011({ chardev: chr });
    const text = "hello, file\n";
    for (const c of text) uart.mmio.ops!.write(UARTDR, c.charCodeAt(0), 4);
    assert.equal(Deno.readTextFileSync(path), text, "written synchronously");
    chr.close();
    chr.write(new Uint8Array([0x41])); // ignored once closed
    assert.equal(Deno.readTextFileSync(path), text);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("FileChardev reports an unopenable path as a UsageError", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "no", "such", "dir", "f");
    assert.throws(
      () => new FileChardev(path),
      (e: unknown) =>
        e instanceof UsageError && e.message.startsWith(`-serial file:${path}: cannot open: `),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("createChardev: none, stdio and mon:stdio; unsupported specs are rejected", () => {
  assert.ok(createChardev("none", noQuit) instanceof NullChardev);
  assert.ok(createChardev("stdio", noQuit) instanceof StdioChardev);
  assert.ok(createChardev("mon:stdio", noQuit) instanceof StdioChardev);
  for (const spec of ["pty", "tcp:localhost:4444", "", "stdio2"]) {
    assert.throws(() => createChardev(spec, noQuit), {
      name: "UsageError",
      message: `-serial ${spec}: unsupported character device (use stdio, file:PATH or none)`,
    });
  }
});

Deno.test("StdioChardev writes whole buffers to its output", () => {
  const o = outputSink();
  let calls = 0;
  const chr = new StdioChardev({
    input: null,
    output: { writeSync: (p) => (calls++, o.sink.writeSync(p.subarray(0, 2))) },
  });
  chr.write(new TextEncoder().encode("abcde"));
  assert.equal(o.text(), "abcde");
  assert.equal(calls, 3);
});

Deno.test("StdioChardev: piped input reaches the front-end, escapes are not interpreted", async () => {
  const input = new FakeInput();
  const chr = new StdioChardev({ input, terminal: false, output: outputSink().sink });
  const fe = new Sink();
  fe.room = 2;
  chr.attach(fe);
  assert.equal(chr.inputPending(), false);
  const waiting = chr.waitInput();
  input.push("\x01xyz");
  await waiting;
  assert.deepEqual(fe.got, [0x01, 0x78], "only as much as the front-end can take");
  assert.equal(chr.inputPending(), true);
  await chr.waitInput(); // resolves at once while input is pending
  fe.room = 10;
  chr.poll();
  assert.deepEqual(fe.got, [0x01, 0x78, 0x79, 0x7a]);
  assert.equal(chr.inputPending(), false);
  input.push(null);
  chr.close();
});

Deno.test("StdioChardev: interactive escapes C-a h, C-a C-a, C-a x", () => {
  const o = outputSink();
  let quits = 0;
  const chr = new StdioChardev({
    interactive: true,
    terminal: true,
    input: null,
    output: o.sink,
    onQuit: () => quits++,
  });
  const fe = new Sink();
  chr.attach(fe);
  chr.hostInput(new Uint8Array([0x61, 0x01, 0x68, 0x62]));
  assert.deepEqual(fe.got, [0x61, 0x62]);
  assert.equal(o.text(), ESCAPE_HELP);
  assert.match(o.text(), /C-a h {4}print this help/);
  assert.match(o.text(), /C-a x {4}exit emulator/);
  assert.match(o.text(), /C-a C-a {2}sends C-a/);
  // An escape split across reads, then C-a C-a sends one C-a; unknown escapes are swallowed.
  chr.hostInput(new Uint8Array([0x01]));
  chr.hostInput(new Uint8Array([0x01, 0x01, 0x7a, 0x63]));
  assert.deepEqual(fe.got, [0x61, 0x62, 0x01, 0x63]);
  assert.equal(quits, 0);
  chr.hostInput(new Uint8Array([0x01, 0x78]));
  assert.equal(quits, 1);
  assert.ok(o.text().endsWith("QEMU: Terminated\n\r"));
});

Deno.test("StdioChardev: C-a b delivers a break to the PL011", () => {
  const chr = new StdioChardev({
    interactive: true,
    terminal: true,
    input: null,
    output: outputSink().sink,
  });
  const uart = new PL011({ chardev: chr });
  chr.hostInput(new Uint8Array([0x01, 0x62]));
  assert.equal(uart.mmio.ops!.read(UARTDR, 4), 0x400);
  assert.equal(uart.mmio.ops!.read(UARTRSR, 4), 0x4);
});

Deno.test("BufferChardev and PL011 together: input is delivered as the FIFO drains", () => {
  const chr = new BufferChardev();
  const uart = new PL011({ chardev: chr });
  chr.feed("ok");
  assert.equal(uart.mmio.ops!.read(UARTDR, 4), 0x6f);
  assert.equal(uart.mmio.ops!.read(UARTDR, 4), 0x6b);
});
