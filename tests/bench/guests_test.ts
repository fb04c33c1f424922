/**
 * The benchmark guests (bench/guests/): every image prints the checksum recorded in
 * bench/workloads.ts, on tsemu (the reduced images, in this process, counting instructions)
 * and on qemu-system-arm (every image, when installed), so the bench's output check and its
 * instruction counts rest on images both emulators agree on.
 */

import assert from "node:assert/strict";
import { countInsns, emulatorCmd, timedRun } from "../../bench/measure.ts";
import {
  bareMetalArgs,
  type GuestImage,
  guestPath,
  STARTUP_GUEST,
  WORKLOADS,
} from "../../bench/workloads.ts";
import { linuxCpu } from "../../bench/linux-boot.ts";
import { linuxBootArgs } from "../../scripts/linux.ts";
import { haveTool } from "../support/tools.ts";

const small: GuestImage[] = [
  STARTUP_GUEST,
  ...WORKLOADS.flatMap((w) => [w.quick, ...(w.trace ? [w.trace] : [])]),
];

Deno.test("bench guests: the reduced images print their checksum on tsemu", () => {
  for (const g of small) countInsns(guestPath(g), g.expect); // throws on a wrong output
});

Deno.test("bench guests: instruction counts follow the loops' shapes", () => {
  // sum: 4 instructions per iteration plus a fixed prologue/epilogue (print, PSCI).
  const trace = countInsns(
    guestPath({ file: "sum-trace.elf", expect: "6A4AE6E0\n" }),
    "6A4AE6E0\n",
  );
  const quick = countInsns(
    guestPath({ file: "sum-quick.elf", expect: "92BF4BE0\n" }),
    "92BF4BE0\n",
  );
  assert.equal(quick - trace, 4 * (25_000_000 - 1_000_000));
  assert.ok(trace > 4_000_000 && trace < 4_000_200);
  // The start-up probe writes the UART with its third instruction and stops soon after.
  assert.ok(countInsns(guestPath(STARTUP_GUEST), STARTUP_GUEST.expect) < 10);
});

Deno.test({
  name: "bench guests: every image prints the recorded checksum on qemu-system-arm",
  ignore: !haveTool("qemu-system-arm"),
  fn: async () => {
    const all = [...small, ...WORKLOADS.map((w) => w.full)];
    for (const g of all) {
      await timedRun(emulatorCmd("qemu", bareMetalArgs(guestPath(g))), g.expect, 60);
    }
  },
});

Deno.test("bench linux: both emulators boot the same command line, the A15 with NEON", () => {
  const a = linuxBootArgs({ vmlinuz: "/k", initrd: "/i" });
  assert.equal(linuxCpu(), "cortex-a15");
  assert.equal(a[a.indexOf("-cpu") + 1], linuxCpu());
  assert.deepEqual(a.slice(a.indexOf("-m"), a.indexOf("-m") + 2), ["-m", "256"]);
  assert.equal(a[a.indexOf("-append") + 1], "console=ttyAMA0 rdinit=/init");
});
