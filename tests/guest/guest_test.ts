/**
 * Runs every guest program in tests/guest/bin on tsemu and compares its UART output with the
 * output recorded from qemu-system-arm in tests/guest/expected.
 */
import assert from "node:assert/strict";
import { BufferChardev, Log, VirtMachine } from "../../mod.ts";

const dir = new URL("./", import.meta.url).pathname;
const names = [...Deno.readDirSync(dir + "expected")]
  .filter((e) => e.name.endsWith(".txt"))
  .map((e) => e.name.slice(0, -4))
  .sort();

/** Runs `name` and returns its UART output and the run result. */
export function runGuest(name: string, maxInsns = 2e9): { text: string; reason: string } {
  const uart = new BufferChardev();
  const path = `${dir}bin/${name}.elf`;
  const m = new VirtMachine({
    ramSize: 256 << 20,
    chardev: uart,
    log: new Log(),
    kernel: { path, bytes: Deno.readFileSync(path) },
    icountShift: 0,
    rtcSeconds: 0,
  });
  const r = m.runSync(maxInsns);
  return { text: uart.text(), reason: r.reason };
}

for (const name of names) {
  Deno.test(`guest ${name}: UART output matches qemu-system-arm`, () => {
    const expected = Deno.readTextFileSync(`${dir}expected/${name}.txt`).replaceAll("\r\n", "\n");
    const { text, reason } = runGuest(name);
    assert.equal(text.replaceAll("\r\n", "\n"), expected);
    assert.equal(reason, "poweroff");
  });
}
