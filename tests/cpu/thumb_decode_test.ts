/**
 * Thumb decoding and block translation (cpu/arm/translate-thumb.ts and the T16/T32 tables):
 * ThumbExpandImm and ITAdvance, which pattern claims overlapping encodings (as QEMU 7.2's
 * t32.decode orders them), and how TBs are cut at page boundaries and carry the IT state.
 */
import assert from "node:assert/strict";
import { DisasContext } from "../../cpu/arm/disas-context.ts";
import { Excp, GuestException } from "../../cpu/arm/exception.ts";
import { registerThumbGroups, translateThumb } from "../../cpu/arm/translate-thumb.ts";
import { isT32Prefix, itAdvance, T16_TABLE, T32_TABLE } from "../../cpu/arm/translate-t32-table.ts";
import { thumbExpandImm } from "../../cpu/arm/translate-t32-dp.ts";
import type { CodeReader } from "../../cpu/arm/translate-a32.ts";

registerThumbGroups();

Deno.test("ThumbExpandImm: replicated bytes keep C, rotated constants set it from bit 31", () => {
  const cases: [number, number, string | null][] = [
    [0x0ab, 0xab, null],
    [0x1ab, 0x00ab00ab, null],
    [0x2ab, 0xab00ab00 | 0, null],
    [0x3ab, 0xabababab | 0, null],
    [0x47f, 0xff000000 | 0, "1"], // f101 407f: add.w r0, r1, #0xff000000
    [0xf7f, 0x3fc, "0"], // 0xff rotated right by 30
    [0x400, 0x80000000 | 0, "1"],
  ];
  for (const [imm12, value, carry] of cases) {
    const o = thumbExpandImm(imm12);
    assert.equal(Number(o.value), value, `imm12 ${imm12.toString(16)}`);
    assert.equal(o.carry, carry, `imm12 ${imm12.toString(16)} carry`);
  }
});

Deno.test("ITAdvance walks an ITTE EQ block and ends it", () => {
  // itte eq: firstcond 0000, mask 0110 -> IT = 0x06 after the IT instruction.
  const states = [0x06];
  while (states[states.length - 1] !== 0) states.push(itAdvance(states[states.length - 1]));
  assert.deepEqual(states, [0x06, 0x0c, 0x18, 0]);
  assert.equal(itAdvance(0), 0);
  assert.equal(itAdvance(0x18), 0, "the last instruction of a block clears the state");
});

Deno.test("32-bit Thumb instructions are told apart by their first halfword", () => {
  assert.equal(isT32Prefix(0xe7ff), false, "B (T2)");
  assert.equal(isT32Prefix(0xe800), true);
  assert.equal(isT32Prefix(0xf000), true);
  assert.equal(isT32Prefix(0xffff), true);
  assert.equal(isT32Prefix(0x4770), false);
});

Deno.test("overlapping T32 encodings go to the pattern QEMU's decoder picks", () => {
  const cases: [number, string][] = [
    [0xea100f01, "TST_r"], // tst.w r0, r1 (ANDS with Rd = pc)
    [0xea100001, "ALU_r"], // ands.w r0, r0, r1
    [0xea4f0001, "MOV_r"], // mov.w r0, r1 (ORR with Rn = pc)
    [0xf0610000 | 0xff, "ALU_i"], // orn r0, r1, #0xff
    [0xf20f0000, "ADR_add"], // adr.w (ADDW with Rn = pc)
    [0xf3af8000, "NOP"],
    [0xf890f008, "LDRB_pos_hint"], // pld [r0, #8]
    [0xf85f1004, "LDR_lit"], // ldr.w r1, [pc, #-4]
    [0xf8d00004, "LDR_pos"],
    [0xf3210003, "SSAT16"],
    [0xf32100c3, "SSAT"],
    [0xf7ffbffe, "B"],
    [0xf43faffe, "B_cond"],
    [0xf7fffffe, "BL"],
    [0xf7ffeffe, "BLX_i"],
    [0xf3de8f04, "SUBS_pc_lr"],
    [0xf3de8f00, "ERET"],
    [0xe8d0f001, "TBB"],
    [0xe8510f01, "LDREX"],
    [0xe8d1027f, "LDREX8"],
    [0xe8bd0006, "LDM_ia"],
    [0xfbc20103, "SMLAL"],
    [0xfa81f042, "PARALLEL"],
    [0xfa41f092, "EXTEND"],
    [0xfa91f0a1, "REV"],
    [0xf7e08000, "HVC"],
  ];
  for (const [insn, name] of cases) {
    assert.equal(T32_TABLE.lookup(insn >>> 0)?.name, name, insn.toString(16));
  }
  // Unallocated data-processing opcode 0101, a store with bits 11:8 = 1000, and an Advanced
  // SIMD encoding that is rejected (here: no NEON) are UNDEFINED, never the A32 SVC space.
  for (const insn of [0xeaa00000, 0xf8401800, 0xef221844]) {
    const code = translate(0x1000, [insn >>> 16, insn & 0xffff])[0].code.join("\n");
    assert.match(code, new RegExp(`GuestException\\(${Excp.UDEF},`), insn.toString(16));
  }
  assert.equal(T16_TABLE.lookup(0xbf00)?.name, "NOP");
  assert.equal(T16_TABLE.lookup(0xbf08)?.name, "IT");
  assert.equal(T16_TABLE.lookup(0xde03)?.name, "UDF");
  assert.equal(T16_TABLE.lookup(0xdf05)?.name, "SVC");
  assert.equal(T16_TABLE.lookup(0xd0fe)?.name, "B_cond");
  assert.equal(T16_TABLE.lookup(0xba80), undefined, "HLT is UNDEFINED on v7");
});

/** A reader over halfwords at `base`; addresses in `faults` (and beyond) take a prefetch abort. */
function reader(base: number, halfwords: number[], faultFrom = Infinity): CodeReader {
  return {
    read16(va: number): number {
      if (va >= faultFrom) throw new GuestException(Excp.PREFETCH_ABORT, 0x7, va);
      const i = (va - base) >> 1;
      return halfwords[i] ?? 0xbf00; // NOPs after the code
    },
    read32(): number {
      throw new Error("Thumb code is read by halfwords");
    },
  };
}

function translate(pc: number, halfwords: number[], condexec = 0, faultFrom = Infinity) {
  const s = new DisasContext(pc, true, 0x13, 0);
  s.condexec = condexec;
  return translateThumb(s, reader(pc, halfwords, faultFrom));
}

Deno.test("a TB stops at the page end and before a 32-bit instruction crossing it", () => {
  let insns = translate(0x1ffc, [0xbf00, 0xbf00]);
  assert.deepEqual(insns.map((x) => [x.pc, x.size]), [[0x1ffc, 2], [0x1ffe, 2], [0x2000, 0]]);
  assert.ok(insns[2].pseudo);
  // nop, then movw at 0x1ffe: its second halfword is on the next page.
  insns = translate(0x1ffc, [0xbf00, 0xf241, 0x2034]);
  assert.deepEqual(insns.map((x) => x.pc), [0x1ffc, 0x1ffe]);
  assert.ok(insns[1].pseudo);
  // The same instruction at the start of a TB is translated, alone.
  insns = translate(0x1ffe, [0xf241, 0x2034]);
  assert.deepEqual(insns.map((x) => [x.pc, x.size, x.word >>> 0]), [
    [0x1ffe, 4, 0xf2412034],
    [0x2002, 0, 0],
  ]);
});

Deno.test("a fault on the second halfword of the TB's first instruction is a prefetch abort", () => {
  assert.throws(
    () => translate(0x1ffe, [0xf241, 0x2034], 0, 0x2000),
    (e) => e instanceof GuestException && e.kind === Excp.PREFETCH_ABORT && e.far === 0x2000,
  );
  // Later in a TB the fetch fault only ends the TB.
  const insns = translate(0x1ffa, [0xbf00, 0xbf00, 0xf241, 0x2034], 0, 0x2000);
  assert.deepEqual(insns.map((x) => x.pc), [0x1ffa, 0x1ffc, 0x1ffe]);
});

Deno.test("instructions in an IT block get its conditions and carry the IT state", () => {
  // itte ne; movne r0, #1; movne r1, #2; moveq r2, #3; nop
  const insns = translate(0x1000, [0xbf1a, 0x2001, 0x2102, 0x2203, 0xbf00]);
  assert.deepEqual(insns.slice(0, 5).map((x) => x.cond), [
    "",
    "ZF !== 0",
    "ZF !== 0",
    "ZF === 0",
    "",
  ]);
  assert.deepEqual(insns.slice(0, 5).map((x) => x.itNext), [0x1a, 0x14, 0x08, 0, undefined]);
  assert.deepEqual(insns.slice(0, 5).map((x) => x.itFault), [0, 0x1a, 0x14, 0x08, 0]);
  // A TB may start inside an IT block (its state is part of the TB flags).
  const mid = translate(0x1000, [0x2102, 0x2203, 0xbf00], 0x14);
  assert.deepEqual(mid.slice(0, 3).map((x) => x.cond), ["ZF !== 0", "ZF === 0", ""]);
});

Deno.test("SVC in an IT block faults with the state after it; BKPT is unconditional", () => {
  // itt eq; svceq #5; nopeq
  let insns = translate(0x1000, [0xbf04, 0xdf05, 0xbf00]);
  assert.equal(insns[1].itFault, 0x08);
  assert.equal(insns[1].cond, "ZF === 0");
  // it eq; bkpt #1
  insns = translate(0x1000, [0xbf08, 0xbe01]);
  assert.equal(insns[1].cond, "");
  assert.equal(insns[1].itFault, 0x08);
});

Deno.test("16-bit data processing sets the flags only outside an IT block", () => {
  // adds r0, r1, r2 outside, then the same encoding as the body of `it eq`.
  const outside = translate(0x1000, [0x1888]);
  assert.ok(outside[0].code.some((l) => l.includes("NF = ZF")));
  const inside = translate(0x1000, [0xbf08, 0x1888]);
  assert.ok(!inside[1].code.some((l) => l.includes("NF") || l.includes("CF =")));
});

Deno.test("coprocessor encodings are decoded by the A32 tables (MRC p15 in Thumb)", () => {
  // mrc p15, 0, r0, c0, c0, 0 (MIDR)
  const insns = translate(0x1000, [0xee10, 0x0f10]);
  assert.ok(insns[0].code.some((l) => l.includes("H.cpr[")), insns[0].code.join("\n"));
});
