/**
 * The Linux workload: Debian's armmp kernel with the busybox initramfs (scripts/fetch-linux.ts)
 * booted to the `TSEMU-LINUX-READY` marker on tsemu and on qemu-system-arm, timed from spawning
 * the process to the marker line, then killed. tsemu's peak resident memory (`VmHWM`) is read
 * just before the kill. Guest instructions to the marker are counted by one more tsemu boot in
 * this process.
 *
 * @module
 */

import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cachedLinux, defaultLinuxDir, type LinuxFiles } from "../scripts/fetch-linux.ts";
import { LINUX_READY_MARKER } from "../scripts/fetch-linux.ts";
import { linuxBootArgs } from "../scripts/linux.ts";
import { BufferChardev, Log, parseArgs, VirtMachine } from "../mod.ts";
import { parseRamSize } from "../hw/arm/virt.ts";
import { type Emulator, emulatorCmd, peakRssKiB, RunError } from "./measure.ts";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Guest RAM of the boot, in MiB (`-m 256`). */
export const LINUX_RAM_MIB = 256;
/** Peak-memory target: guest RAM plus this many MiB. */
export const RSS_MARGIN_MIB = 150;
/** The Linux target: tsemu's wall time to the marker within this factor of QEMU's. */
export const LINUX_TARGET_RATIO = 3;

/** Seconds each emulator may take to reach the marker. */
const TIME_LIMIT_S: Record<Emulator, number> = { tsemu: 600, qemu: 120 };

const MARKER_RE = new RegExp(`(^|\\n)${LINUX_READY_MARKER}\\r?\\n`);

/** The cached guest, fetched with `deno task fetch-linux` (root, Debian's archive) if missing. */
export async function ensureLinux(): Promise<LinuxFiles> {
  const dir = defaultLinuxDir();
  const have = cachedLinux(dir);
  if (have) return have;
  console.log("bench: the Linux guest is not cached; running deno task fetch-linux");
  const st = await new Deno.Command(Deno.execPath(), {
    args: ["task", "fetch-linux"],
    cwd: REPO_ROOT,
    stdin: "null",
  }).spawn().status;
  const files = st.success ? cachedLinux(dir) : null;
  if (!files) throw new Error("deno task fetch-linux failed: no Linux guest in " + dir);
  return files;
}

/** The `-cpu` both emulators boot Linux with (from {@link linuxBootArgs}). */
export function linuxCpu(): string {
  const a = linuxBootArgs({ vmlinuz: "", initrd: "" });
  return a[a.indexOf("-cpu") + 1];
}

/** One boot to the marker. */
export interface MarkerRun {
  /** Seconds from spawning the process to the marker line. */
  seconds: number;
  /** Peak resident memory of the process at the marker, in KiB (null if unreadable). */
  peakRssKiB: number | null;
}

/** Boots `emu` to the marker, reads its peak RSS, kills it. */
export async function bootToMarker(files: LinuxFiles, emu: Emulator): Promise<MarkerRun> {
  const [cmd, args] = emulatorCmd(emu, linuxBootArgs(files));
  const t0 = performance.now();
  const child = new Deno.Command(cmd, {
    args,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const kill = () => {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(kill, TIME_LIMIT_S[emu] * 1000);
  const errText = new Response(child.stderr).text();
  const dec = new TextDecoder();
  let text = "";
  let found: MarkerRun | null = null;
  try {
    for await (const chunk of child.stdout) {
      if (found) continue;
      text += dec.decode(chunk, { stream: true });
      if (MARKER_RE.test(text.slice(-200))) {
        const seconds = (performance.now() - t0) / 1000;
        found = { seconds, peakRssKiB: peakRssKiB(child.pid) };
        kill();
      } else if (text.length > 1 << 20) {
        text = text.slice(-4096);
      }
    }
  } finally {
    clearTimeout(timer);
    kill();
  }
  await child.status;
  const stderr = await errText;
  try {
    await child.stdin.close();
  } catch {
    // closed by the exit
  }
  if (!found) {
    throw new RunError(
      `${emu} Linux boot: no ${LINUX_READY_MARKER} within ${TIME_LIMIT_S[emu]} s; last output: ` +
        `${JSON.stringify(text.slice(-300))}${stderr ? `; stderr: ${stderr.slice(0, 300)}` : ""}`,
    );
  }
  return found;
}

/**
 * Guest instructions tsemu executes to the marker, counted in this process (same options as
 * the timed boots, no -icount: busy-wait loops make the count vary a little from run to run).
 */
export async function linuxInsnsToMarker(files: LinuxFiles): Promise<number> {
  const cfg = parseArgs(linuxBootArgs(files));
  const chardev = new BufferChardev();
  let tail = "";
  let atMarker: number | null = null;
  let machine: VirtMachine | null = null;
  const dec = new TextDecoder();
  chardev.write = (b: Uint8Array) => {
    if (atMarker !== null) return;
    tail = (tail + dec.decode(b, { stream: true })).slice(-200);
    if (MARKER_RE.test(tail) && machine) {
      atMarker = machine.icount;
      machine.requestQuit();
    }
  };
  const m = new VirtMachine({
    ramSize: parseRamSize(cfg.mem),
    kernel: { path: files.vmlinuz, bytes: Deno.readFileSync(files.vmlinuz) },
    initrd: { path: files.initrd, bytes: Deno.readFileSync(files.initrd) },
    append: cfg.append,
    chardev,
    log: new Log(),
  });
  machine = m;
  const limit = setTimeout(() => m.requestQuit(), TIME_LIMIT_S.tsemu * 1000);
  try {
    await m.run();
  } finally {
    clearTimeout(limit);
  }
  if (atMarker === null) {
    throw new RunError("tsemu in process: the Linux boot never printed the marker");
  }
  return atMarker;
}
