import assert from "node:assert/strict";
import {
  PC_WORD,
  PSR_WORD,
  QemuTraceParser,
  RECORD_WORDS,
  RecordQueue,
} from "../../scripts/qemu-trace.ts";

const sample = Deno.readFileSync(
  new URL("../fixtures/qemu-trace/sample.log", import.meta.url),
);

function pcs(p: QemuTraceParser): string[] {
  const out: string[] = [];
  for (let i = 0; i < p.records.length; i++) {
    out.push((p.records.word(i, PC_WORD) >>> 0).toString(16));
  }
  return out;
}

Deno.test("qemu trace: records from Trace/R../PSR lines, in_asm and int lines ignored", () => {
  const p = new QemuTraceParser();
  p.push(sample);
  p.finish();
  assert.deepEqual(pcs(p), [
    "40100000",
    "40100004",
    "40100be4",
    "40100be8",
    "40100764",
    "401004e4",
  ]);
  assert.equal(p.accepted, 6);
  // Second record: r4 holds the CPSR read by `mrs r4, apsr`; PSR shows QEMU's reset Z flag.
  assert.equal(p.records.word(1, 4) >>> 0, 0x400001d3);
  assert.equal(p.records.word(1, PSR_WORD) >>> 0, 0x400001d3);
  // After the udf: undefined-instruction mode, banked lr = udf address + 4.
  assert.equal(p.records.word(4, 14) >>> 0, 0x40100bec);
  assert.equal(p.records.word(4, PSR_WORD) >>> 0, 0x800001db);
  assert.equal(p.records.word(5, 10) >>> 0, 0xd5860e2c);
  assert.deepEqual(p.messages, [
    "qemu-system-arm: terminating on signal 15 from pid 22323 (timeout)",
  ]);
});

Deno.test("qemu trace: a 'Stopped execution' line retracts the TB it names", () => {
  const text = new TextDecoder().decode(sample);
  const cut = text.indexOf("Stopped execution");
  const p = new QemuTraceParser();
  p.push(new TextEncoder().encode(text.slice(0, cut)));
  // 401004e8 is queued but not final until the stream says whether it ran.
  assert.equal(p.records.length, 7);
  assert.equal(p.finalCount, 6);
  p.push(new TextEncoder().encode(text.slice(cut)));
  p.finish();
  assert.equal(p.records.length, 6);
  assert.equal(p.finalCount, 6);
});

Deno.test("qemu trace: chunk boundaries anywhere give the same records", () => {
  const whole = new QemuTraceParser();
  whole.push(sample);
  whole.finish();
  for (const size of [1, 3, 7, 64, 1000]) {
    const p = new QemuTraceParser();
    for (let o = 0; o < sample.length; o += size) p.push(sample.subarray(o, o + size));
    p.finish();
    assert.equal(p.records.length, whole.records.length, `chunk ${size}`);
    for (let i = 0; i < p.records.length; i++) {
      assert.deepEqual(p.records.record(i), whole.records.record(i), `chunk ${size} rec ${i}`);
    }
  }
});

Deno.test("qemu trace: a record cut off before its PSR line is not emitted", () => {
  const text = new TextDecoder().decode(sample);
  const p = new QemuTraceParser();
  p.push(new TextEncoder().encode(text.slice(0, text.indexOf("PSR=", text.indexOf("PSR=") + 1))));
  p.finish();
  assert.deepEqual(pcs(p), ["40100000"]);
});

Deno.test("record queue: FIFO order survives growth and compaction", () => {
  const q = new RecordQueue();
  const regs = new Int32Array(16);
  let next = 0, expect = 0;
  for (let round = 0; round < 50; round++) {
    for (let i = 0; i < 300; i++) {
      regs[15] = next;
      q.push(regs, next++ ^ 0x55);
    }
    for (let i = 0; i < 250; i++) {
      assert.equal(q.word(0, PC_WORD), expect);
      assert.equal(q.word(0, PSR_WORD), expect++ ^ 0x55);
      q.shift();
    }
  }
  assert.equal(q.length, next - expect);
  const rec = q.record(0);
  assert.equal(rec.length, RECORD_WORDS);
  q.popLast();
  assert.equal(q.length, next - expect - 1);
});
