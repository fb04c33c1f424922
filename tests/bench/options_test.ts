/** `deno task bench` command-line parsing (bench/options.ts). */

import assert from "node:assert/strict";
import {
  BenchUsageError,
  checkOnlyNames,
  DEFAULT_RUNS,
  parseBenchArgs,
  QUICK_RUNS,
  selected,
} from "../../bench/options.ts";

Deno.test("bench options: defaults run everything, several times", () => {
  const o = parseBenchArgs([]);
  assert.deepEqual(o, {
    quick: false,
    runs: DEFAULT_RUNS,
    only: null,
    linux: true,
    plugins: true,
    out: null,
    help: false,
  });
  assert.ok(DEFAULT_RUNS >= 3);
  assert.equal(selected(o, "sum-loop"), true);
  assert.equal(selected(o, "linux"), true);
});

Deno.test("bench options: --quick means one run unless --runs says otherwise", () => {
  assert.equal(parseBenchArgs(["--quick"]).runs, QUICK_RUNS);
  assert.equal(QUICK_RUNS, 1);
  assert.equal(parseBenchArgs(["--quick", "--runs", "3"]).runs, 3);
  assert.equal(parseBenchArgs(["--runs", "5", "--quick"]).runs, 5);
  assert.equal(parseBenchArgs(["--runs=7"]).runs, 7);
  assert.equal(parseBenchArgs(["--quick"]).quick, true);
});

Deno.test("bench options: --only is repeatable and comma-separated; --no-* switch sections off", () => {
  const o = parseBenchArgs(["--only", "sum-loop,linux", "--only=device", "--no-plugins"]);
  assert.deepEqual(o.only, ["sum-loop", "linux", "device"]);
  assert.equal(o.plugins, false);
  assert.equal(o.linux, true);
  assert.equal(selected(o, "device"), true);
  assert.equal(selected(o, "mix-loop"), false);
  assert.equal(parseBenchArgs(["--no-linux"]).linux, false);
  assert.equal(parseBenchArgs(["--out", "/tmp/x"]).out, "/tmp/x");
  assert.equal(parseBenchArgs(["-h"]).help, true);
});

Deno.test("bench options: mistakes are usage errors", () => {
  for (
    const argv of [
      ["--runs", "0"],
      ["--runs", "1.5"],
      ["--runs", "x"],
      ["--runs"],
      ["--only"],
      ["--only", "--quick"],
      ["--frobnicate"],
      ["--quick=yes"],
      ["sum-loop"],
    ]
  ) {
    assert.throws(() => parseBenchArgs(argv), BenchUsageError, argv.join(" "));
  }
});

Deno.test("bench options: --only names are checked against workloads and sections", () => {
  const names = ["sum-loop", "device"];
  checkOnlyNames(parseBenchArgs(["--only", "device,startup,linux,plugins"]), names);
  assert.throws(
    () => checkOnlyNames(parseBenchArgs(["--only", "sum"]), names),
    /--only sum: no such workload \(known: sum-loop, device, startup, linux, plugins\)/,
  );
});
