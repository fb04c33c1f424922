/**
 * howvec: the A32 classifier against encodings assembled by arm-none-eabi-as, and runs on
 * tests/guest/src/contrib_workload.S where every executed instruction lands in one class and
 * the hot loop's instructions have exact counts.
 */

import assert from "node:assert/strict";
import { A32_CLASSES, classifyA32 } from "../../contrib/plugins/howvec.ts";
import { installError, runWithPlugin } from "./harness.ts";
import type { PluginRun } from "./harness.ts";

/** [encoding, what arm-none-eabi-objdump says it is, class opt] */
const ENCODINGS: [number, string, string][] = [
  [0xe0810002, "add r0, r1, r2", "dp"],
  [0xe3b03001, "movs r3, #1", "dp"],
  [0xe1510312, "cmp r1, r2, lsl r3", "dp"],
  [0xe1a00001, "mov r0, r1", "dp"],
  [0xe3010234, "movw r0, #4660", "dp"],
  [0xe3410234, "movt r0, #4660", "dp"],
  [0xe16f0f11, "clz r0, r1", "dp"],
  [0xe0000291, "mul r0, r1, r2", "mul"],
  [0xe0a10392, "umlal r0, r1, r2, r3", "mul"],
  [0xe1003281, "smlabb r0, r1, r2, r3", "mul"],
  [0xe7003211, "smlad r0, r1, r2, r3", "mul"],
  [0xe710f211, "sdiv r0, r1, r2", "mul"],
  [0xe730f211, "udiv r0, r1, r2", "mul"],
  [0xe5910004, "ldr r0, [r1, #4]", "ldst"],
  [0xe6c10002, "strb r0, [r1], r2", "ldst"],
  [0xe1d100b0, "ldrh r0, [r1]", "ldst"],
  [0xe1c120d0, "ldrd r2, [r1]", "ldst"],
  [0xe1910f9f, "ldrex r0, [r1]", "ldst"],
  [0xe1020091, "swp r0, r1, [r2]", "ldst"],
  [0xe8900006, "ldm r0, {r1, r2}", "ldm"],
  [0xe92d4010, "push {r4, lr}", "ldm"],
  [0xeafffffe, "b .", "branch"],
  [0xebfffffe, "bl .", "branch"],
  [0xfafffffe, "blx .", "branch"],
  [0xe12fff1e, "bx lr", "branch"],
  [0xe12fff33, "blx r3", "branch"],
  [0xf5d0f000, "pld [r0]", "sys"],
  [0xe10f0000, "mrs r0, CPSR", "sys"],
  [0xe121f000, "msr CPSR_c, r0", "sys"],
  [0xf10c0080, "cpsid i", "sys"],
  [0xf57ff04f, "dsb sy", "sys"],
  [0xf57ff06f, "isb sy", "sys"],
  [0xe320f003, "wfi", "sys"],
  [0xe320f000, "nop", "sys"],
  [0xee010f10, "mcr 15, 0, r0, cr1, cr0, {0}", "sys"],
  [0xee100e10, "mrc 14, 0, r0, cr0, cr0, {0}", "sys"],
  [0xe160006e, "eret", "sys"],
  [0xf96d0513, "srsdb sp!, #19", "sys"],
  [0xf8bd0a00, "rfeia sp!", "sys"],
  [0xf1010200, "setend be", "sys"],
  [0xe1020051, "qadd r0, r1, r2", "media"],
  [0xe6110f12, "sadd16 r0, r1, r2", "media"],
  [0xe6ef0071, "uxtb r0, r1", "media"],
  [0xe6bf0f31, "rev r0, r1", "media"],
  [0xe7e20151, "ubfx r0, r1, #2, #3", "media"],
  [0xe6e80011, "usat r0, #8, r1", "media"],
  [0xe780f211, "usad8 r0, r1, r2", "media"],
  [0xee300a81, "vadd.f32 s0, s1, s2", "fp"],
  [0xed900b00, "vldr d0, [r0]", "fp"],
  [0xee100a10, "vmov r0, s0", "fp"],
  [0xeef10a10, "vmrs r0, fpscr", "fp"],
  [0xec410b10, "vmov d0, r0, r1", "fp"],
  [0xf2220844, "vadd.i32 q0, q1, q2", "fp"],
  [0xf420078f, "vld1.32 {d0}, [r0]", "fp"],
  [0xef000000, "svc 0x00000000", "excp"],
  [0xe1200071, "bkpt 0x0001", "excp"],
  [0xe1400070, "hvc 0", "excp"],
  [0xe1600070, "smc 0", "excp"],
  [0xe7f000f0, "udf #0", "excp"],
];

Deno.test("howvec: A32 encodings fall in the ARM ARM's classes", () => {
  for (const [word, text, opt] of ENCODINGS) {
    assert.equal(A32_CLASSES[classifyA32(word)].opt, opt, `${text} (0x${word.toString(16)})`);
  }
});

const CLASS_ROW = /^Class: (.{24})\t\((\d+) hits\)$/;
const INSN_ROW = /^Instr: (.{24,})\t\((\d+) hits\)\t\(op=0x([0-9a-f]{8})\/(.+)\)$/;

function classHits(run: PluginRun): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of run.out.split("\n")) {
    const r = CLASS_ROW.exec(l);
    if (r) m.set(r[1].trimEnd(), Number(r[2]));
  }
  return m;
}

function total(m: Map<string, number>): number {
  return [...m.values()].reduce((a, b) => a + b, 0);
}

for (const inline of ["off", "on"]) {
  Deno.test(`howvec inline=${inline}: every executed instruction is in one class`, async () => {
    const run = await runWithPlugin("contrib_workload", "howvec", { inline });
    assert.match(run.out, /^Instruction Classes:\n/);
    const hits = classHits(run);
    assert.equal(total(hits), run.machine.icount);
    assert.ok(hits.get("Data Processing")! >= 10_000, "the hot loop's add and subs");
    assert.ok(hits.get("Branch")! >= 5000, "the hot loop's bne");
    assert.equal(hits.get("Exception Generation"), 1, "the final hvc");
    assert.ok(!hits.has("VFP/NEON"), "classes without hits are not listed");
    assert.match(run.out, /^Class: Unclassified {12}\tcounted individually$/m);
  });
}

Deno.test("howvec: count=dp lists data-processing instructions individually", async () => {
  const run = await runWithPlugin("contrib_workload", "howvec", { count: "dp", verbose: "on" });
  assert.match(run.out, /^Class: Data Processing {9}\tcounted individually$/m);
  assert.match(run.out, /^Class: VFP\/NEON {16}\t\(0 hits\)$/m, "verbose lists empty classes");
  const rows = run.out.split("\n").filter((l) => l.startsWith("Instr: ")).map((l) => {
    const m = INSN_ROW.exec(l);
    assert.ok(m, l);
    return { text: m[1].trimEnd(), hits: Number(m[2]), op: parseInt(m[3], 16), cls: m[4] };
  });
  assert.deepEqual(rows.find((r) => r.op === 0xe0822001), {
    text: "add r2, r2, r1",
    hits: 5000,
    op: 0xe0822001,
    cls: "Data Processing",
  });
  assert.deepEqual(rows.find((r) => r.op === 0xe0200080)?.hits, 100, "leaf's eor");
  assert.ok(rows.every((r) => r.cls === "Data Processing"));
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].hits >= rows[i].hits, "sorted");
  assert.equal(rows.length, 50, "at most 50 instructions are listed");
  const listed = total(classHits(run)) + rows.reduce((s, r) => s + r.hits, 0);
  assert.ok(listed <= run.machine.icount && listed > run.machine.icount - 50);
});

Deno.test("howvec: count=!dp stops counting a class; unknown classes are refused", async () => {
  const all = classHits(await runWithPlugin("contrib_workload", "howvec"));
  const run = await runWithPlugin("contrib_workload", "howvec", { count: "!dp" });
  assert.match(run.out, /^Class: Data Processing {9}\tnot counted$/m);
  const hits = classHits(run);
  assert.equal(total(hits), total(all) - all.get("Data Processing")!);
  assert.doesNotMatch(run.out, /Individual Instructions/);
  assert.match((await installError("howvec", { count: "alu" }))!, /count=alu: no class 'alu'/);
});
