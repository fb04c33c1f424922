/**
 * The benchmark's C plugins for qemu-system-arm (bench/qemu-plugins/) build with gcc and
 * measure what tsemu's counterparts measure: the same instruction count, the same memory
 * access counts, the same execlog trace, byte for byte. Skipped without gcc and QEMU.
 */

import assert from "node:assert/strict";
import { buildQemuPlugins, QEMU_PLUGIN_SOURCES } from "../../bench/host.ts";
import { countInsns, emulatorCmd, timedRun } from "../../bench/measure.ts";
import { PLUGIN_KINDS, pluginArgs } from "../../bench/plugin-overhead.ts";
import { bareMetalArgs, type GuestImage, guestPath, STARTUP_GUEST } from "../../bench/workloads.ts";
import { haveTool } from "../support/tools.ts";

const SUM_TRACE: GuestImage = { file: "sum-trace.elf", expect: "6A4AE6E0\n" };
const MEMCPY_TRACE: GuestImage = { file: "memcpy-mmu-trace.elf", expect: "9473CDF0\n" };
const DEVICE_QUICK: GuestImage = { file: "device-quick.elf", expect: "87972D60\n" };

/** Runs `emu` on `g` with a plugin whose log goes to a file; returns the log. */
async function pluginLog(
  emu: "tsemu" | "qemu",
  g: GuestImage,
  plugin: string,
  dir: string,
): Promise<string> {
  const log = `${dir}/${emu}.log`;
  await timedRun(
    emulatorCmd(emu, [...bareMetalArgs(guestPath(g)), ...pluginArgs(plugin, log)]),
    g.expect,
    120,
  );
  return Deno.readTextFileSync(log);
}

const tsemuPlugin = (id: string) => PLUGIN_KINDS.find((k) => k.id === id)!.tsemu;

Deno.test({
  name: "bench QEMU plugins: build with gcc and agree with tsemu's plugins",
  ignore: !haveTool("gcc") || !haveTool("qemu-system-arm"),
  fn: async (t) => {
    const dir = Deno.makeTempDirSync({ prefix: "tsemu-bench-test-" });
    try {
      const so = await buildQemuPlugins(dir);
      assert.deepEqual(Object.keys(so).sort(), [...QEMU_PLUGIN_SOURCES].sort());

      await t.step("inline counter and per-insn callback count tsemu's instructions", async () => {
        const n = countInsns(guestPath(SUM_TRACE), SUM_TRACE.expect);
        assert.equal(await pluginLog("qemu", SUM_TRACE, so.inline, dir), `insns: ${n}\n`);
        assert.equal(await pluginLog("qemu", SUM_TRACE, so["insn-cb"], dir), `insns: ${n}\n`);
        assert.equal(
          await pluginLog("tsemu", SUM_TRACE, tsemuPlugin("inline"), dir),
          `insns: ${n}\n`,
        );
      });

      await t.step("memory callback: the same loads and stores on both emulators", async () => {
        const q = await pluginLog("qemu", MEMCPY_TRACE, so["mem-cb"], dir);
        assert.match(q, /^loads: \d+ stores: \d+\n$/);
        assert.equal(await pluginLog("tsemu", MEMCPY_TRACE, tsemuPlugin("mem-cb"), dir), q);
      });

      await t.step("execlog.c writes tsemu's execlog trace byte for byte", async () => {
        const q = await pluginLog("qemu", STARTUP_GUEST, so.execlog, dir);
        assert.equal(
          q.split("\n")[2],
          '0, 0x40100008, 0xe5c01000, "strb r1, [r0]", store, 0x09000000, pl011',
        );
        assert.equal(await pluginLog("tsemu", STARTUP_GUEST, tsemuPlugin("execlog"), dir), q);
      });

      await t.step("hwprofile.c counts device accesses of the register loop", async () => {
        const q = await pluginLog("qemu", DEVICE_QUICK, so.hwprofile, dir);
        const lines = q.trim().split("\n");
        assert.equal(lines[0], "Device, Address, Reads, Writes");
        // 100000 iterations: UARTFR and UARTIMSC reads, UARTIMSC writes (+ 1 at the end and
        // 9 characters printed), GICC_PMR read and write, GICD_ISENABLER0 read.
        assert.deepEqual(lines.slice(1).sort(), [
          "gic_cpu, 0x8010004, 100000, 100000",
          "gic_dist, 0x8000100, 100000, 0",
          "pl011, 0x9000000, 200000, 100010",
        ]);
      });
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
