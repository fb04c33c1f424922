/**
 * Plugin life cycle: a plugin whose callback throws is reported once by name and unloaded
 * while the guest completes; loading errors give one line and status 1; `outs` output needs
 * `-d plugin`; reset and uninstall complete asynchronously and no stale callback fires.
 */
import assert from "node:assert/strict";
import { expectedUart, lf, PLUGIN_DIR, runCli, runWithPlugins } from "./harness.ts";
import { state as resetState } from "./reset.ts";

const DEMO = "tests/guest/bin/demo.elf";

for (const where of ["insn", "mem", "tb", "tb_trans", "init", "discon", "exit"]) {
  Deno.test(`a plugin throwing from its ${where} callback is reported once and unloaded`, async () => {
    const guest = where === "discon" ? "plug_discons" : "plug_mem";
    const after = { init: "1", exit: "1", discon: "1", tb_trans: "10" }[where] ?? "100";
    const r = await runWithPlugins(guest, [
      { file: "throws.ts", args: { where, after } },
      { file: "bb.ts", args: { inline: "on" } },
    ]);
    assert.deepEqual(r.machine.plugins.reports, [
      `tsemu: plugin throws: boom in ${where} callback ${after} (plugin unloaded)`,
    ]);
    // Emulation went on: the guest completed, and the other plugin saw every instruction
    // exactly once (the failing callback returns; nothing is executed twice).
    assert.equal(r.reason, "poweroff");
    assert.equal(lf(r.uart), expectedUart(guest));
    if (guest === "plug_mem") assert.match(r.out, new RegExp(`insns: ${r.machine.icount}$`, "m"));
    // An unloaded plugin's atexit callback does not run.
    assert.doesNotMatch(r.out, /throws: exit/);
  });
}

Deno.test("a TB handle used after its tb_trans callback is an error of the plugin", async () => {
  const r = await runWithPlugins("demo", [{ file: "throws.ts", args: { where: "stale-handle" } }]);
  assert.deepEqual(r.machine.plugins.reports, [
    "tsemu: plugin throws: TB/instruction handle used after its tb_trans callback " +
    "(plugin unloaded)",
  ]);
  assert.equal(lf(r.uart), expectedUart("demo"));
});

Deno.test("CLI: a failing plugin gives one stderr line; the guest still completes", async () => {
  const r = await runCli([
    ...["-nographic", "-kernel", DEMO],
    ...["-plugin", "tests/plugins/throws.ts,where=insn,after=5000"],
  ]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, "tsemu: plugin throws: boom in insn callback 5000 (plugin unloaded)\n");
  assert.equal(lf(r.stdout), expectedUart("demo"));
});

const LOAD_ERRORS: [string, string][] = [
  [
    "tests/plugins/missing.ts",
    "tsemu: -plugin tests/plugins/missing.ts: No such file or directory",
  ],
  [
    "tests/plugins/no_install.ts",
    "tsemu: -plugin tests/plugins/no_install.ts: the module does not export an install() function",
  ],
  [
    "tests/plugins/throws.ts,where=install",
    "tsemu: -plugin tests/plugins/throws.ts: install failed: refusing to install",
  ],
  [
    "tests/plugins/throws.ts,where=install-rc",
    "tsemu: -plugin tests/plugins/throws.ts: install failed with status -1 (bad arguments?)",
  ],
];

for (const [spec, line] of LOAD_ERRORS) {
  Deno.test(`CLI: -plugin ${spec} fails with one line and status 1`, async () => {
    const r = await runCli(["-nographic", "-kernel", DEMO, "-plugin", spec]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, line + "\n");
    assert.equal(r.stdout, ""); // the guest never started
  });
}

Deno.test("CLI: outs output needs -d plugin (to stderr, or to the -D file)", async () => {
  const plugin = ["-plugin", "tests/plugins/bb.ts"];
  const quiet = await runCli(["-nographic", "-kernel", DEMO, ...plugin]);
  assert.equal(quiet.code, 0);
  assert.equal(quiet.stderr, "");
  assert.doesNotMatch(quiet.stdout, /bb's/);

  const loud = await runCli(["-nographic", "-kernel", DEMO, ...plugin, "-d", "plugin"]);
  assert.match(loud.stderr, /^bb's: \d+, insns: 16006\n$/);

  const file = await Deno.makeTempFile({ suffix: ".log" });
  try {
    const toFile = await runCli([
      "-nographic",
      "-kernel",
      DEMO,
      ...plugin,
      "-d",
      "plugin",
      "-D",
      file,
    ]);
    assert.equal(toFile.stderr, "");
    assert.equal(Deno.readTextFileSync(file), loud.stderr);
  } finally {
    Deno.removeSync(file);
  }
});

Deno.test("library: without the plugin log item, outs text is dropped", async () => {
  const r = await runWithPlugins("demo", [{ file: "bb.ts" }], { logPlugin: false });
  assert.equal(r.out, "");
});

Deno.test("reset then uninstall: done callbacks fire in order, no stale callback", async () => {
  const r = await runWithPlugins("plug_mem", [{
    file: "reset.ts",
    args: { n: "1000", m: "2000" },
  }]);
  assert.equal(r.reason, "poweroff");
  assert.equal(lf(r.uart), expectedUart("plug_mem"));
  assert.deepEqual(r.machine.plugins.reports, []);
  const lines = r.out.split("\n").filter((l) => l);
  assert.equal(lines.length, 2, r.out);
  assert.equal(lines[0], "reset done");
  assert.match(lines[1], /^uninstall done: phase 1 \d+ insns, phase 2 \d+ insns, flushes 1$/);
  assert.equal(resetState.phase, 3);
  assert.equal(resetState.stale, 0);
  // Asynchronous: the rest of the running TB still counts, but no more than one TB's worth.
  assert.ok(resetState.phase1Insns >= 1000 && resetState.phase1Insns < 1000 + 128);
  assert.ok(resetState.phase2Insns >= 2000 && resetState.phase2Insns < 2000 + 128);
  // Counts printed at uninstall time are final: nothing ran after it.
  assert.ok(lines[1].includes(`phase 2 ${resetState.phase2Insns} insns`));
  // reset dropped the atexit callback too (as QEMU's reset unregisters every event).
  assert.equal(resetState.exitRan, false);
  assert.equal(r.machine.plugins.plugins[0].removed, true);
});

Deno.test("test plugins live in tests/plugins", () => {
  assert.ok(Deno.statSync(PLUGIN_DIR + "reset.ts").isFile);
});
