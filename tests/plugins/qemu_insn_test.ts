/**
 * System suite: builds the reference QEMU plugin (qemu/insn-count.c) with gcc, runs guests on
 * qemu-system-arm with it, and checks that the recording in expected/insn-counts.json is
 * current and that tsemu's insn plugin counts the same. Skipped without qemu-system-arm or
 * gcc (an error under TSEMU_REQUIRE_TOOLS=1).
 */
import assert from "node:assert/strict";
import { haveTool } from "../support/tools.ts";
import { runWithPlugins } from "./harness.ts";
import {
  buildQemuPlugin,
  EXPECTED_PATH,
  qemuCounts,
  qemuVersion,
} from "./qemu/record-insn-counts.ts";
import type { RecordedCounts } from "./qemu/record-insn-counts.ts";

const ignore = !(haveTool("qemu-system-arm") && haveTool("gcc"));
const LIVE = ["demo", "plug_discons", "plug_mem", "plug_regs", "irq_sgi"];

Deno.test({
  name: "qemu-system-arm with the reference plugin matches the recording and tsemu",
  ignore,
  async fn() {
    const recorded = JSON.parse(Deno.readTextFileSync(EXPECTED_PATH)) as RecordedCounts;
    assert.equal(await qemuVersion(), recorded.qemu);
    const dir = await Deno.makeTempDir({ prefix: "tsemu-qemu-plugin-" });
    try {
      const so = await buildQemuPlugin(dir);
      for (const guest of LIVE) {
        const live = await qemuCounts(so, guest);
        assert.deepEqual(
          live,
          recorded.guests[guest],
          `${guest}: re-record with record-insn-counts.ts`,
        );
        const r = await runWithPlugins(guest, [{ file: "insn.ts" }]);
        assert.match(r.out, new RegExp(`^total insns: ${live.insns}$`, "m"), guest);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
