/**
 * Linux end to end: boots Debian's stock armmp kernel with the busybox initramfs on tsemu
 * (QEMU's command line plus `-icount shift=0`), runs the shell scenario of
 * `scripts/record-linux.ts` and compares every output with what qemu-system-arm printed for the
 * same commands (`tests/linux/expected/`, recorded with `deno run -A scripts/record-linux.ts`).
 *
 * Runs, one after the other so that the timings do not disturb each other:
 * 1. qemu-system-arm (if installed): wall time to the marker, `poweroff -f`, exit status 0.
 * 2. tsemu as a program (`mod.ts`): the scenario, `reboot -f` (the machine resets and boots
 *    again: the marker appears a second time), `poweroff -f`, exit status 0.
 * 3. tsemu in this process (the `VirtMachine` API, options parsed from the same command line
 *    plus `-no-reboot`, fixed device-tree seeds): instruction count to the marker, then
 *    `reboot -f` ends the run with status 0; its kernel log must equal a second in-process
 *    boot's with the same seeds, timestamps included, up to the point where the kernel reads
 *    the host's date from the RTC (icount makes the boot repeatable; the random seeds QEMU
 *    and run 2 put in the device tree would not).
 *
 * Where the output legitimately varies it compares the stable parts; where tsemu knowingly
 * differs from QEMU the difference is listed below with its reason and asserted exactly,
 * so that it is noticed when it goes away (none at present).
 *
 * Skipped when the guest is not in the cache (`deno task fetch-linux`) unless
 * TSEMU_REQUIRE_TOOLS=1 (the system suite), where it is fetched (as root).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import {
  cachedLinux,
  defaultLinuxDir,
  fetchLinux,
  type LinuxFiles,
} from "../../scripts/fetch-linux.ts";
import {
  ConsoleWaitError,
  emulatorCommand,
  LINUX_PROMPT_RE,
  linuxBootArgs,
  LinuxConsole,
  spawnConsole,
} from "../../scripts/linux.ts";
import {
  EXPECTED_DIR,
  KERNEL_LOG_FILE,
  LINUX_SCENARIO,
  MARKER_LINE_RE,
  META_FILE,
  portableArgs,
  type RecordingMeta,
  runScenario,
  type ScenarioResult,
} from "../../scripts/record-linux.ts";
import { BufferChardev, Log, parseArgs, VirtMachine } from "../../mod.ts";
import { parseRamSize } from "../../hw/arm/virt.ts";
import { haveTool } from "../support/tools.ts";

/** The options tsemu adds to QEMU's command line: time from the instruction count. */
const ICOUNT_ARGS = ["-icount", "shift=0"];
/** Time limits (ms): a boot on tsemu takes 25–45 s on the development machine. */
const BOOT_MS = 150_000;
const COMMAND_MS = 60_000;
const QEMU_BOOT_MS = 60_000;

/**
 * Kernel log lines (normalised by {@link normaliseLogLine}) that differ from QEMU's, as
 * [QEMU's line, tsemu's line or null when tsemu prints nothing instead]. None since the board
 * has every device of QEMU's `virt` and hands the guest QEMU's device tree byte for byte.
 */
const KERNEL_LOG_DIFFERENCES: [string, string | null][] = [];

/**
 * Driver lines that must appear in both logs, identical: the interrupt controller set-up, the
 * generic timer, the PL011 console and the PL031 RTC. (The GIC driver prints nothing of its own;
 * its interrupts are checked in /proc/interrupts.)
 */
const REQUIRED_PROBES: RegExp[] = [
  /^NR_IRQS: /,
  /^arch_timer: cp15 timer\(s\) running at /,
  /^clocksource: Switched to clocksource arch_sys_counter$/,
  /^Serial: AMBA PL011 UART driver$/,
  /^9000000\.pl011: ttyAMA0 at MMIO 0x9000000 \(irq = \d+, base_baud = 0\) is a PL011/,
  /^printk: console \[ttyAMA0\] enabled$/,
  /^uart-pl011 9000000\.pl011: /,
  /^rtc-pl031 9010000\.pl031: registered as rtc0$/,
  /^rtc-pl031 9010000\.pl031: setting system clock to /,
];

/** Signs of a guest problem anywhere on the console. */
const PROBLEMS =
  /Oops|[Uu]nhandled|undefined instruction|Internal error|Kernel panic|BUG:|WARNING:/;

/**
 * /proc/interrupts rows (normalised by {@link normaliseInterrupts}) that differ from QEMU's,
 * as [QEMU's row, tsemu's row or null]. None.
 */
const INTERRUPT_DIFFERENCES: [string, string | null][] = [];

/**
 * The device tree's random seeds for the in-process runs: fixed, so that two runs execute the
 * same instructions (the kernel seeds its CRNG from /chosen/rng-seed, and random hash seeds
 * steer loops).
 */
const fixedRandom = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i * 37);

/** Boots in process with the fixed seeds until the RTC sets the clock; returns the console. */
function bootUntilWallClock(f: LinuxFiles): string {
  const cfg = parseArgs([...linuxBootArgs(f), ...ICOUNT_ARGS]);
  const chardev = new BufferChardev();
  const m = new VirtMachine({
    ramSize: parseRamSize(cfg.mem),
    kernel: { path: f.vmlinuz, bytes: Deno.readFileSync(f.vmlinuz) },
    initrd: { path: f.initrd, bytes: Deno.readFileSync(f.initrd) },
    append: cfg.append,
    chardev,
    log: new Log(),
    icountShift: cfg.icountShift,
    random: fixedRandom,
  });
  while (!/setting system clock to [^\n]*\n/.test(chardev.text())) {
    const r = m.runSync(10_000_000);
    assert.equal(r.reason, "budget", "the guest runs until the RTC is read");
    assert.ok(m.icount < 10_000_000_000, "the RTC sets the clock within 10^10 instructions");
  }
  m.finish();
  return chardev.text().replaceAll("\r\n", "\n");
}

/** Masks the RTC's wall-clock time, the one thing in the log that -icount does not fix. */
function maskWallClock(line: string): string {
  return line.replace(/setting system clock to \S+ UTC \(\d+\)/, "setting system clock to <time>");
}

/** The log's lines up to the RTC's "setting system clock" line (wall time masked). */
function untilWallClock(log: string): string[] {
  const lines = log.split("\n");
  const i = lines.findIndex((l) => /setting system clock to/.test(l));
  assert.ok(i >= 0, "the log has the RTC's setting system clock line");
  return lines.slice(0, i + 1).map(maskWallClock);
}

/** Strips the printk timestamp and masks the values that follow the host's or QEMU's clock. */
function normaliseLogLine(line: string): string {
  return maskWallClock(line.replace(/^\[\s*\d+\.\d+\] /, ""))
    .replace(/audit\(\d+\.\d+:(\d+)\)/, "audit(<time>:$1)");
}

/** The normalised lines of a kernel log, sorted (initcalls run asynchronously reorder a few). */
function logLines(log: string): string[] {
  return log.split("\n").filter((l) => l !== "").map(normaliseLogLine).sort();
}

/**
 * /proc/interrupts without its counters: `N: CONTROLLER HWIRQ TRIGGER NAME` for device
 * interrupts, `IPIn: NAME` for IPIs, `Err: COUNT` (spurious interrupts, compared: must be 0).
 */
function normaliseInterrupts(text: string): string[] {
  const rows: string[] = [];
  for (const line of text.split("\n")) {
    let m: RegExpExecArray | null;
    if (line.trim() === "") continue;
    if ((m = /^\s*(\d+):\s+\d+\s+(\S+)\s+(\d+)\s+(\w+)\s+(.*?)\s*$/.exec(line))) {
      rows.push(`${m[1]}: ${m[2]} ${m[3]} ${m[4]} ${m[5]}`);
    } else if ((m = /^\s*(IPI\d+):\s+\d+\s+(.*?)\s*$/.exec(line))) {
      rows.push(`${m[1]}: ${m[2]}`);
    } else if ((m = /^\s*Err:\s+(\d+)\s*$/.exec(line))) {
      rows.push(`Err: ${m[1]}`);
    } else rows.push(line.trim()); // the CPU0 header, and anything unexpected verbatim
  }
  return rows;
}

/** Applies [QEMU's, tsemu's] substitutions to QEMU's lines; each must be found. */
function applyDifferences(qemu: string[], diffs: [string, string | null][]): string[] {
  const out = [...qemu];
  for (const [from, to] of diffs) {
    const i = out.indexOf(from);
    assert.notEqual(
      i,
      -1,
      `documented difference not in QEMU's output (re-recorded? update the list): ${from}`,
    );
    if (to === null) out.splice(i, 1);
    else out[i] = to;
  }
  return out;
}

/** Lines of `a` not in `b` (as multisets). */
function minus(a: string[], b: string[]): string[] {
  const left = [...b];
  return a.filter((l) => {
    const i = left.indexOf(l);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/** The Features words of a cpuinfo text. */
function features(cpuinfo: string): string[] {
  const m = /^Features\s*:(.*)$/m.exec(cpuinfo);
  assert.ok(m, "cpuinfo has a Features line");
  return m[1].trim().split(/\s+/);
}

const readExpected = (name: string) => Deno.readTextFileSync(join(EXPECTED_DIR, name));

/** Asserts the kernel log of one boot: no problems, same driver lines and text as QEMU. */
function checkKernelLog(log: string, qemuLog: string, what: string): void {
  assert.ok(log.includes("Booting Linux on physical CPU 0x0"), `${what}: a complete boot log`);
  const bad = log.split("\n").filter((l) => PROBLEMS.test(l));
  assert.deepEqual(bad, [], `${what}: kernel problems`);
  const ts = logLines(log), q = logLines(qemuLog);
  for (const re of REQUIRED_PROBES) {
    const inQemu = q.filter((l) => re.test(l));
    assert.ok(inQemu.length > 0, `QEMU's log has a line matching ${re}`);
    assert.deepEqual(ts.filter((l) => re.test(l)), inQemu, `${what}: driver lines ${re}`);
  }
  const expected = applyDifferences(q, KERNEL_LOG_DIFFERENCES);
  assert.deepEqual(
    { missing: minus(expected, ts), extra: minus(ts, expected) },
    { missing: [], extra: [] },
    `${what}: kernel log lines differ from QEMU's (beyond the documented differences)`,
  );
}

/** Asserts every scenario output against QEMU's recording. */
async function checkScenario(t: Deno.TestContext, r: ScenarioResult): Promise<void> {
  for (const c of LINUX_SCENARIO) {
    await t.step(`${c.name}: \`${c.command.slice(0, 40)}\` matches QEMU`, () => {
      const got = r.outputs[c.name];
      assert.ok(got, `${c.name} ran`);
      assert.equal(got.status, 0, `${c.name} exit status`);
      const want = readExpected(`${c.name}.txt`);
      if (c.name === "cpuinfo") {
        // Identical, Features (neon, vfpv4, idiva...) included: BogoMIPS is derived from the
        // fixed 62.5 MHz counter frequency, not measured, so it is deterministic.
        assert.deepEqual(got.output.split("\n"), want.split("\n"));
        assert.ok(features(got.output).includes("neon"), "the kernel sees Advanced SIMD");
      } else if (c.name === "interrupts") {
        // Counts depend on timing; numbers, controllers, hwirqs, triggers, names and the
        // error count do not.
        const want2 = applyDifferences(normaliseInterrupts(want), INTERRUPT_DIFFERENCES);
        assert.deepEqual(normaliseInterrupts(got.output), want2);
      } else {
        assert.equal(got.output, want);
      }
    });
  }
}

/** The guest files, or null to skip: fetched in the system suite, else only if cached. */
async function guestFiles(): Promise<LinuxFiles | null> {
  if (Deno.env.get("TSEMU_REQUIRE_TOOLS") === "1") return await fetchLinux();
  try {
    return cachedLinux(defaultLinuxDir());
  } catch {
    return null;
  }
}

const files = await guestFiles();

/** Timings gathered for the report line. */
interface Figures {
  qemuMarker?: number;
  tsemuMarker?: number;
  inProcessMarker?: number;
  icountAtMarker?: number;
  icountTotal?: number;
}

/** Runs qemu-system-arm to the marker and powers it off; returns seconds to the marker. */
async function qemuTiming(f: LinuxFiles): Promise<number> {
  const p = spawnConsole(emulatorCommand(f, true));
  try {
    await p.console.waitFor(MARKER_LINE_RE, QEMU_BOOT_MS, "QEMU's marker");
    const s = p.elapsed();
    await p.console.waitFor(LINUX_PROMPT_RE, COMMAND_MS, "QEMU's prompt");
    await p.console.type("poweroff -f\n");
    assert.equal((await p.status).code, 0, "qemu-system-arm exit status");
    return s;
  } finally {
    p.kill();
    await p.status;
  }
}

Deno.test({
  name: "linux e2e: armmp kernel + busybox on tsemu behaves as on qemu-system-arm",
  ignore: files === null,
  async fn(t) {
    const f = files!;
    const fig: Figures = {};
    const meta = JSON.parse(readExpected(META_FILE)) as RecordingMeta;
    const qemuLog = readExpected(KERNEL_LOG_FILE);

    await t.step("the recordings are of this guest and command line", () => {
      assert.deepEqual(
        [meta.kernelPackage, meta.kernelVersion, meta.busyboxVersion],
        [f.kernelPackage, f.kernelVersion, f.busyboxVersion],
        "re-record with: deno run -A scripts/record-linux.ts",
      );
      assert.deepEqual(meta.args, portableArgs(f));
      assert.deepEqual(logLines(qemuLog).filter((l) => PROBLEMS.test(l)), []);
    });

    if (haveTool("qemu-system-arm")) {
      await t.step("qemu-system-arm boots to the marker (timing)", async () => {
        fig.qemuMarker = await qemuTiming(f);
      });
    }

    // Run 2: tsemu as a program, the scenario, reboot, poweroff.
    const p = spawnConsole(emulatorCommand(f, false, ICOUNT_ARGS));
    let scenario: ScenarioResult | null = null;
    let secondBoot = "";
    try {
      scenario = await runScenario(
        p.console,
        { markerMs: BOOT_MS, commandMs: COMMAND_MS },
        () => fig.tsemuMarker = p.elapsed(),
      );
      await p.console.type("reboot -f\n");
      const from = p.console.cursor;
      const m2 = await p.console.waitFor(MARKER_LINE_RE, BOOT_MS, "the marker after reboot");
      const text = p.console.text.slice(from, m2.index);
      secondBoot = text.slice(Math.max(0, text.indexOf("[    0.000000] Booting Linux")));
      await p.console.waitFor(LINUX_PROMPT_RE, COMMAND_MS, "the prompt after reboot");
      const again = await p.console.run("echo $((6*7))", COMMAND_MS);
      assert.equal(again.output, "42\n");
      await p.console.type("poweroff -f\n");
    } catch (e) {
      p.kill();
      await p.status;
      console.error(`console so far:\n${p.console.text.slice(-3000)}`);
      throw e;
    }
    const status = await p.status;
    const whole = p.console.text;

    await t.step("tsemu boots to the marker and the kernel log matches QEMU's", () => {
      checkKernelLog(scenario!.kernelLog, qemuLog, "first boot");
    });
    await checkScenario(t, scenario!);
    await t.step("reboot -f resets the machine: it boots again to the marker", () => {
      checkKernelLog(secondBoot, qemuLog, "boot after reboot -f");
      assert.ok(whole.includes("reboot: Restarting system"));
    });
    await t.step("poweroff -f ends tsemu with exit status 0", () => {
      assert.ok(whole.includes("reboot: Power down"));
      assert.equal(status.code, 0);
    });
    await t.step("no kernel problem anywhere on the console", () => {
      assert.deepEqual(whole.split("\n").filter((l) => PROBLEMS.test(l)), []);
    });

    // Run 3: in process, with -no-reboot, for the instruction count and repeatability.
    await t.step("with -no-reboot, reboot -f ends the run with status 0", async () => {
      const secondRun = bootUntilWallClock(f);
      const cfg = parseArgs([...linuxBootArgs(f), ...ICOUNT_ARGS, "-no-reboot"]);
      const chardev = new BufferChardev();
      const con = new LinuxConsole((s) => chardev.feed(s));
      const log = new Log();
      let machine: VirtMachine | null = null;
      chardev.write = (b) => {
        con.feed(b);
        // The count when the marker line is complete, not when the test gets to look.
        if (fig.icountAtMarker === undefined && MARKER_LINE_RE.test(con.text.slice(-40))) {
          fig.icountAtMarker = machine?.icount;
        }
      };
      const start = performance.now();
      const m = new VirtMachine({
        ramSize: parseRamSize(cfg.mem),
        kernel: { path: f.vmlinuz, bytes: Deno.readFileSync(f.vmlinuz) },
        initrd: { path: f.initrd, bytes: Deno.readFileSync(f.initrd) },
        append: cfg.append,
        chardev,
        log,
        icountShift: cfg.icountShift,
        noReboot: cfg.noReboot,
        random: fixedRandom,
      });
      machine = m;
      const run = m.run();
      try {
        const mk = await con.waitFor(MARKER_LINE_RE, BOOT_MS, "the marker (in process)");
        fig.inProcessMarker = (performance.now() - start) / 1000;
        // icount: the same instructions, so the same kernel log, timestamps included, up to
        // the moment the kernel sets its clock from the PL031, which reads the host's time.
        // After that the date steers some code paths and the instruction count to the marker
        // moves by up to a few hundred thousand (with a fixed RTC, `rtcSeconds`, it does not).
        const here = untilWallClock(con.text.slice(0, mk.index));
        assert.ok(here.length > 100, "the RTC sets the clock late in the boot");
        assert.deepEqual(
          here,
          untilWallClock(secondRun),
          "the kernel log under -icount shift=0 is the same on every run until the RTC is read",
        );
        await con.waitFor(LINUX_PROMPT_RE, COMMAND_MS, "the prompt (in process)");
        await con.type("reboot -f\n");
      } catch (e) {
        m.requestQuit();
        await run;
        throw e;
      }
      const r = await run;
      fig.icountTotal = m.icount;
      assert.deepEqual(r, { reason: "reset", status: 0 });
      assert.ok(con.text.includes("reboot: Restarting system"));
    });

    const s = (x?: number) => (x === undefined ? "-" : `${x.toFixed(2)} s`);
    console.log(
      `linux e2e: wall time to the marker: qemu-system-arm ${s(fig.qemuMarker)}, tsemu ${
        s(fig.tsemuMarker)
      } (program), ${s(fig.inProcessMarker)} (in process); tsemu guest instructions: ` +
        `${fig.icountAtMarker ?? "-"} to the marker, ${fig.icountTotal ?? "-"} with the reboot`,
    );
  },
});

Deno.test("LinuxConsole strips ANSI sequences and frames a command's output", async () => {
  const enc = new TextEncoder();
  let con: LinuxConsole | null = null;
  const typed: string[] = [];
  // A fake ash: echoes the line with a redraw sequence, runs it, prints a prompt and ESC[6n,
  // in chunks that split escape sequences and CR LF pairs.
  const shell = (line: string) => {
    typed.push(line);
    const n = /TSEMU-BEGIN-""(\d+)/.exec(line)![1];
    const reply = `${line.replace("\n", "")}\x1b[K\r\n` +
      `TSEMU-BEGIN-${n}\r\nhello\x1b[1;31m red\x1b[0m\r\nno newline` +
      `TSEMU-END-${n}-3\r\ntsemu:/root# \x1b[6n`;
    const bytes = enc.encode(reply);
    queueMicrotask(() => {
      for (let i = 0; i < bytes.length; i += 5) con!.feed(bytes.subarray(i, i + 5));
    });
  };
  con = new LinuxConsole(shell);
  con.feed(enc.encode("boot\r\nTSEMU-LINUX-READY\r\ntsemu:/root# \x1b["));
  con.feed(enc.encode("6n"));
  await con.waitFor(MARKER_LINE_RE, 1000);
  await con.waitFor(LINUX_PROMPT_RE, 1000);
  assert.equal(con.text, "boot\nTSEMU-LINUX-READY\ntsemu:/root# ");
  const r = await con.run("false", 1000);
  assert.deepEqual(r, { output: "hello red\nno newline", status: 3 });
  assert.equal(typed[0], 'echo TSEMU-BEGIN-""1; false; echo TSEMU-END-""1-$?\n');
  // A wait for text that never comes fails after its time limit, and at once after the end.
  await assert.rejects(con.waitFor(/never/, 50, "never"), ConsoleWaitError);
  con.end();
  await assert.rejects(con.waitFor(/never/, 60_000), /exited before/);
});
