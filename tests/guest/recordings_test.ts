/**
 * Keeps the committed guest images and recordings honest: every program has an image
 * and a recording ending in `DONE`, the images are what the sources assemble to, and
 * the recordings are what qemu-system-arm prints today. The last two need the
 * Debian tools and are skipped where they are missing.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { BIN_DIR, build, listPrograms } from "./build.ts";
import { EXPECTED_DIR, runOnQemu } from "./record.ts";

function hasCommand(cmd: string): boolean {
  try {
    new Deno.Command(cmd, { args: ["--version"], stdout: "null", stderr: "null" }).outputSync();
    return true;
  } catch {
    return false;
  }
}

const programs = listPrograms();

Deno.test("every guest program has a committed image and a recording ending in DONE", () => {
  assert.ok(programs.length >= 9, `expected the guest programs, found ${programs.join(", ")}`);
  for (const name of programs) {
    const elf = Deno.readFileSync(join(BIN_DIR, name + ".elf"));
    assert.deepEqual([...elf.subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46], `${name}.elf is not ELF`);
    const text = Deno.readTextFileSync(join(EXPECTED_DIR, name + ".txt"));
    assert.ok(text.endsWith("\nDONE\n"), `${name}.txt does not end with DONE`);
    assert.ok(!text.includes("UNEXPECTED"), `${name}.txt records an unexpected exception`);
  }
});

Deno.test({
  name: "committed guest images are what the sources assemble to",
  ignore: !hasCommand("arm-none-eabi-as"),
  async fn() {
    const out = await Deno.makeTempDir({ prefix: "tsemu-guest-check-" });
    try {
      await build([], out);
      for (const name of programs) {
        const fresh = Deno.readFileSync(join(out, name + ".elf"));
        const committed = Deno.readFileSync(join(BIN_DIR, name + ".elf"));
        assert.ok(
          fresh.length === committed.length && fresh.every((b, i) => b === committed[i]),
          `bin/${name}.elf is stale: run tests/guest/build.ts and record.ts`,
        );
      }
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});

Deno.test({
  name: "recordings match what qemu-system-arm prints",
  ignore: !hasCommand("qemu-system-arm"),
  async fn() {
    for (const name of programs) {
      const text = await runOnQemu(join(BIN_DIR, name + ".elf"));
      const expected = Deno.readTextFileSync(join(EXPECTED_DIR, name + ".txt"));
      assert.equal(text, expected, `expected/${name}.txt differs from a fresh QEMU run`);
    }
  },
});
