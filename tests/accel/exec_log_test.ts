/**
 * `-d in_asm/exec/cpu/int` text against lines recorded from qemu-system-arm 7.2.
 */
import assert from "node:assert/strict";
import {
  dumpCpu,
  formatExceptionEntry,
  formatInAsm,
  formatInsnLine,
  formatTrace,
  logExec,
  setExecTracer,
  traceCflags,
} from "../../accel/tcg/exec-log.ts";
import { TranslationBlock } from "../../accel/tcg/tb.ts";
import { ArmCpu } from "../../cpu/arm/cpu.ts";
import { disassemble, initDisassembler } from "../../cpu/arm/disas.ts";
import { Excp, GuestException } from "../../cpu/arm/exception.ts";
import { Log } from "../../util/log.ts";

/** A code reader over a little word array at `base`. */
function reader(base: number, words: number[]) {
  return {
    read32: (va: number) => words[((va >>> 0) - base) / 4] | 0,
    read16: (va: number) => {
      const w = words[((va >>> 0) - base) >>> 2];
      return ((va - base) & 2 ? w >>> 16 : w) & 0xffff;
    },
  };
}

function tb(pc: number, n: number): TranslationBlock {
  const pcs = Array.from({ length: n }, (_, i) => pc + 4 * i);
  return new TranslationBlock(pc, pc, 0x13, n, 4 * n, () => 0, [], pcs, "");
}

Deno.test("in_asm: a TB prints like QEMU 7.2 with capstone", async () => {
  await initDisassembler();
  const words = [0xe10f4000, 0xee115f10, 0xe59f0078, 0x34802004, 0x3afffffc];
  const text = formatInAsm(0x40100000, 20, false, reader(0x40100000, words));
  assert.equal(
    text,
    "----------------\nIN: \n" +
      "0x40100000:  e10f4000  mrs      r4, apsr\n" +
      "0x40100004:  ee115f10  mrc      p15, #0, r5, c1, c0, #0\n" +
      "0x40100008:  e59f0078  ldr      r0, [pc, #0x78]\n" +
      "0x4010000c:  34802004  strlo    r2, [r0], #4\n" +
      "0x40100010:  3afffffc  blo      #0x40100008\n\n",
  );
});

Deno.test("disas: undecodable words come back as data, Thumb units as halfwords", async () => {
  await initDisassembler();
  const bytes = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x1e, 0xff, 0x2f, 0xe1]);
  const d = disassemble(bytes, 0x1000, false);
  assert.deepEqual(d.map((x) => [x.mnemonic, x.opStr, x.size]), [
    [".word", "0xffffffff", 4],
    ["bx", "lr", 4],
  ]);
  const t = disassemble(new Uint8Array([0x70, 0x47]), 0x2000, true);
  assert.deepEqual(t.map((x) => [x.mnemonic, x.opStr, x.size]), [["bx", "lr", 2]]);
  assert.equal(
    formatInsnLine(0x2000, new Uint8Array([0x70, 0x47]), true),
    "0x00002000:  4770     ",
  );
  assert.equal(
    formatInsnLine(0x2000, new Uint8Array([0xd0, 0xf8, 0x04, 0x10]), true),
    "0x00002000:  f8d0 1004",
  );
});

Deno.test("cpu: the reset register dump matches QEMU's first trace record", () => {
  const cpu = new ArmCpu(0, new Log());
  cpu.r[15] = 0x40100000;
  assert.equal(
    dumpCpu(cpu),
    "R00=00000000 R01=00000000 R02=00000000 R03=00000000\n" +
      "R04=00000000 R05=00000000 R06=00000000 R07=00000000\n" +
      "R08=00000000 R09=00000000 R10=00000000 R11=00000000\n" +
      "R12=00000000 R13=00000000 R14=00000000 R15=40100000\n" +
      "PSR=400001d3 -Z-- A svc32\n",
  );
});

Deno.test("exec: Trace lines carry pc, flags and QEMU's cflags; a tracer replaces the text", () => {
  const t = tb(0x40100000, 1);
  const cflags = traceCflags(true, true, false);
  assert.equal(cflags, 0xff000201);
  assert.match(
    formatTrace(0, t, cflags),
    /^Trace 0: 0x[0-9a-f]{12} \[40100000\/40100000\/00000013\/ff000201\] \n$/,
  );
  const log = new Log();
  const out: string[] = [];
  log.setSink((s) => out.push(s));
  log.enable("exec,cpu");
  const cpu = new ArmCpu(0, log);
  logExec(log, cpu, t, cflags);
  assert.equal(out.length, 1);
  assert.match(out[0], /^Trace 0: .*\nR00=.*\nPSR=400001d3 -Z-- A svc32\n$/s);
  const seen: number[] = [];
  setExecTracer(log, { tbEntry: (_c, b) => seen.push(b.pc) });
  logExec(log, cpu, t, cflags);
  setExecTracer(log, null);
  assert.deepEqual(seen, [0x40100000]);
  assert.equal(out.length, 1);
});

Deno.test("int: exception entries print QEMU's lines and syndromes", () => {
  const cpu = new ArmCpu(0, new Log());
  assert.equal(
    formatExceptionEntry(cpu, new GuestException(Excp.SWI, 0, 0, 0x123456)),
    "Taking exception 2 [SVC] on CPU 0\n...from EL1 to EL1\n...with ESR 0x11/0x46003456\n",
  );
  assert.equal(
    formatExceptionEntry(cpu, new GuestException(Excp.UDEF)),
    "Taking exception 1 [Undefined Instruction] on CPU 0\n...from EL1 to EL1\n" +
      "...with ESR 0x0/0x2000000\n",
  );
  assert.equal(
    formatExceptionEntry(cpu, new GuestException(Excp.BKPT, 0x2, 0, 0x12)),
    "Taking exception 7 [Breakpoint] on CPU 0\n...from EL1 to EL1\n" +
      "...with ESR 0x38/0xe2000012\n...with IFSR 0x2 IFAR 0x0\n",
  );
  assert.equal(
    formatExceptionEntry(cpu, new GuestException(Excp.PREFETCH_ABORT, 0x8, 0xfffffffc)),
    "Taking exception 3 [Prefetch Abort] on CPU 0\n...from EL1 to EL1\n" +
      "...with ESR 0x21/0x8600003f\n...with IFSR 0x8 IFAR 0xfffffffc\n",
  );
  // An IRQ shows the syndrome left over from the previous exception, as QEMU does.
  assert.match(formatExceptionEntry(cpu, new GuestException(Excp.IRQ)), /ESR 0x21\/0x8600003f/);
  cpu.writeCpsr(0x10, 0x1f); // USR
  assert.equal(
    formatExceptionEntry(cpu, new GuestException(Excp.DATA_ABORT, 0x1 | (1 << 11), 0x1001)),
    "Taking exception 4 [Data Abort] on CPU 0\n...from EL0 to EL1\n" +
      "...with ESR 0x24/0x9200007f\n...with DFSR 0x801 DFAR 0x1001\n",
  );
});
