/**
 * registers plugin: register values read from R_REGS callbacks are exact before every
 * instruction of a TB (r0 0, 1, 2 after `mov r0,#0; add r0,r0,#1; add r0,r0,#1`; pc; flags),
 * writes are refused without RW_REGS, reads without R_REGS and at exit, and the pc is
 * read-only.
 */
import assert from "node:assert/strict";
import { expectedUart, lf, runWithPlugins, symbolAddress } from "./harness.ts";

/** Register lines `0xADDR: r0=... cpsr=...` as a map per execution, in order. */
function snapshots(out: string): { pc: number; regs: Record<string, number> }[] {
  return out.split("\n").filter((l) => /^0x[0-9a-f]+: r0=/.test(l)).map((l) => {
    const [addr, rest] = l.split(": ");
    const regs: Record<string, number> = {};
    for (const kv of rest.split(" ")) {
      const [k, v] = kv.split("=");
      regs[k] = parseInt(v, 16);
    }
    return { pc: parseInt(addr, 16), regs };
  });
}

Deno.test("registers: r0 reads 0, 1, 2 mid-TB before each instruction", async () => {
  const r = await runWithPlugins("plug_regs", [{ file: "registers.ts" }]);
  assert.equal(r.reason, "poweroff");
  assert.equal(lf(r.uart), expectedUart("plug_regs"));
  assert.deepEqual(r.machine.plugins.reports, []);
  const seq = symbolAddress(r.machine, "regs_seq");
  const snaps = snapshots(r.out);
  assert.deepEqual(snaps.map((s) => s.pc), [seq, seq + 4, seq + 8, seq + 12]);
  // Before `mov r0,#0` r0 is whatever it was; then 0, 1, 2.
  assert.deepEqual(snaps.slice(1).map((s) => s.regs.r0), [0, 1, 2]);
  for (const s of snaps) {
    assert.equal(s.regs.pc, s.pc); // the pc is the instruction's address
    assert.equal(s.regs.r1, 0x11);
    assert.equal(s.regs.cpsr & 0x1f, 0x13); // SVC mode
    assert.equal(Object.keys(s.regs).length, 17);
  }
});

Deno.test("registers: flags are exact between flag-setting instructions", async () => {
  const r = await runWithPlugins("plug_regs", [
    { file: "registers.ts", args: { symbol: "flags_seq", count: "4" } },
  ]);
  const seq = symbolAddress(r.machine, "flags_seq");
  const snaps = snapshots(r.out);
  assert.deepEqual(snaps.map((s) => s.pc), [seq, seq + 4, seq + 8, seq + 12]);
  const nzcv = snaps.map((s) => (s.regs.cpsr >>> 28).toString(2).padStart(4, "0"));
  // after MOVS #0: Z (C kept); after 0 - 1: N, no carry; after -1 + 1: Z and C.
  assert.deepEqual(nzcv.slice(1), ["0110", "1000", "0110"]);
  assert.deepEqual(snaps.map((s) => s.regs.r3).slice(1), [0, 0xffffffff, 0]);
});

Deno.test("registers: access rules (QEMU's cb-flag enforcement)", async () => {
  const r = await runWithPlugins("plug_regs", [{ file: "registers.ts" }]);
  const lines = r.out.split("\n");
  assert.ok(
    lines.includes(
      "registers: r0 r1 r2 r3 r4 r5 r6 r7 r8 r9 r10 r11 r12 sp lr pc cpsr (read-only: pc)",
    ),
    r.out,
  );
  assert.ok(lines.includes("vcpu init: read ok, write r0 ok, write pc refused"));
  assert.ok(lines.includes("R_REGS write: refused"));
  assert.ok(lines.includes("NO_REGS read: refused"));
  assert.ok(lines.includes("atexit read: refused"));
});

Deno.test("registers: a memory callback with R_REGS reads registers but may not write", async () => {
  const r = await runWithPlugins("plug_regs", [
    { file: "registers.ts", args: { count: "0", "mem-at": "patch_mem" } },
  ]);
  assert.deepEqual(r.machine.plugins.reports, []);
  const at = symbolAddress(r.machine, "patch_mem");
  const m = /^mem cb (0x[0-9a-f]+): r4=([0-9a-f]{8}) pc=([0-9a-f]{8}) write refused$/m.exec(r.out);
  assert.ok(m, r.out);
  // `ldr r5, [r4]`: the access is at r4; the pc is the instruction's address.
  assert.equal(parseInt(m[1], 16), parseInt(m[2], 16));
  assert.equal(parseInt(m[3], 16), at);
  assert.equal(lf(r.uart), expectedUart("plug_regs")); // the refused write changed nothing
});
