/**
 * patch plugin: a register written from an RW_REGS callback, memory written with
 * writeMemoryVaddr and writeMemoryHwaddr, and a pc moved with setPc from an RW_REGS_PC
 * callback are all observed by the guest; setPc from an RW_REGS callback is refused.
 */
import assert from "node:assert/strict";
import { expectedUart, hex, lf, runWithPlugins, symbolAddress } from "./harness.ts";

Deno.test("patch: the guest prints the register and memory the plugin changed", async () => {
  const r = await runWithPlugins("plug_regs", [{ file: "patch.ts" }]);
  assert.equal(r.reason, "poweroff");
  assert.deepEqual(r.machine.plugins.reports, []);
  // What QEMU prints without the plugin, with the plugin's changes.
  const want = expectedUart("plug_regs")
    .replace("r2: 00000011", "r2: 0000CAFE")
    .replace("patch_vaddr: 00001111", "patch_vaddr: 5A5A0001")
    .replace("patch_hwaddr: 00002222", "patch_hwaddr: 5A5A0002")
    .replace("r7: 00000077", "r7: 00000055");
  assert.notEqual(want, expectedUart("plug_regs"));
  assert.equal(lf(r.uart), want);
  const skip = symbolAddress(r.machine, "skip_me");
  const lines = r.out.split("\n");
  assert.ok(lines.includes("patched r1 = 0xcafe: ok"), r.out);
  assert.ok(lines.includes("Success!"), r.out);
  assert.ok(lines.includes(`setPc: ${hex(skip)} -> ${hex(skip + 4)}`), r.out);
  const at = /^patching: @(0x[0-9a-f]+) \(pa (0x[0-9a-f]+)\)$/m.exec(r.out);
  assert.ok(at, r.out);
  assert.equal(parseInt(at[2], 16), parseInt(at[1], 16) + 4); // MMU off
});

Deno.test("patch: other values and registers", async () => {
  const r = await runWithPlugins("plug_regs", [{
    file: "patch.ts",
    args: { value: "0x12345678", "vaddr-value": "0xfeedface", "hwaddr-value": "7" },
  }]);
  assert.match(r.uart, /r2: 12345678/);
  assert.match(r.uart, /patch_vaddr: FEEDFACE/);
  assert.match(r.uart, /patch_hwaddr: 00000007/);
});

Deno.test("patch: setPc from an RW_REGS callback fails; the plugin is unloaded", async () => {
  const r = await runWithPlugins("plug_regs", [{ file: "patch.ts", args: { "bad-setpc": "on" } }]);
  assert.deepEqual(r.machine.plugins.reports, [
    "tsemu: plugin patch: setPc: only allowed in callbacks registered with RW_REGS_PC " +
    "(plugin unloaded)",
  ]);
  // Unloaded before any of its other callbacks ran: the guest runs unchanged.
  assert.equal(r.reason, "poweroff");
  assert.equal(lf(r.uart), expectedUart("plug_regs"));
});
