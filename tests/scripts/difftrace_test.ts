/**
 * The difference tracer against qemu-system-arm (skipped when QEMU is not installed): a
 * clean run agrees, and a deliberately broken instruction is reported where it first shows.
 */
import assert from "node:assert/strict";
import { diffTrace, parseDiffArgs } from "../../scripts/difftrace.ts";
import { A32_TABLE, type Emitter } from "../../cpu/arm/translate-a32.ts";
import { registerA32Groups } from "../../cpu/arm/a32.ts";
import { haveTool } from "../support/tools.ts";

const hasQemu = haveTool("qemu-system-arm");
const dp = new URL("../guest/bin/dp.elf", import.meta.url).pathname;

Deno.test("difftrace: options before -- are the tracer's, the rest go to the emulators", () => {
  const o = parseDiffArgs(["-n", "500", "--icount", "--psr-mask", "0xf00001ff", "-kernel", "x"]);
  assert.equal(o.count, 500);
  assert.equal(o.icount, true);
  assert.equal(o.psrMask >>> 0, 0xf00001ff);
  assert.deepEqual(o.args, ["-kernel", "x"]);
  assert.deepEqual(parseDiffArgs(["--", "-n", "3"]).args, ["-n", "3"]);
  assert.throws(() => parseDiffArgs(["-d", "exec"]), /set by difftrace/);
  assert.throws(() => parseDiffArgs(["-n", "many"]), /non-negative number/);
});

Deno.test({
  name: "difftrace: dp.elf runs identically on QEMU and tsemu for 20000 instructions",
  ignore: !hasQemu,
  async fn() {
    const lines: string[] = [];
    const status = await diffTrace(parseDiffArgs(["-n", "20000", "-kernel", dp]), (t) => {
      lines.push(t);
    });
    assert.deepEqual(lines, ["no divergence over 20000 instructions"]);
    assert.equal(status, 0);
  },
});

Deno.test({
  name: "difftrace: an EOR computing ORR is reported at its first visible effect",
  ignore: !hasQemu,
  async fn() {
    registerA32Groups();
    const p = A32_TABLE.patterns.find((x) => x.name === "DP_reg");
    assert.ok(p, "DP_reg pattern");
    const mutable = p as { payload: Emitter };
    const original = mutable.payload;
    mutable.payload = (s, f) => {
      const r = original(s, f);
      if (f.o === 1) s.code = s.code.map((l) => l.replaceAll(" ^ ", " | "));
      return r;
    };
    try {
      const lines: string[] = [];
      const status = await diffTrace(parseDiffArgs(["-n", "200000", "-kernel", dp]), (t) => {
        lines.push(t);
      });
      const text = lines.join("\n");
      assert.equal(status, 1);
      assert.match(text, /^divergence at instruction \d+/);
      assert.match(text, /^ {2}\S+ +[0-9a-f]{8} +[0-9a-f]{8} {2}<<$/m);
      assert.match(text, /^> #\d+ +0x[0-9a-f]{8}: +[0-9a-f]{8} +eor .*last one executed/m);
    } finally {
      mutable.payload = original;
    }
  },
});
