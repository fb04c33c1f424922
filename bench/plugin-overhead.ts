/**
 * Plugin overhead: the same bare-metal guests run with and without an instrumentation plugin,
 * on tsemu (TypeScript plugins) and on qemu-system-arm (the C plugins of bench/qemu-plugins/,
 * built in the same run), each as a ratio to the same emulator's uninstrumented run.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import type { QemuPluginName } from "./host.ts";
import { type Emulator, emulatorCmd, timedRun } from "./measure.ts";
import { median } from "./stats.ts";
import { bareMetalArgs, type GuestImage, guestPath } from "./workloads.ts";

const path = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

/** The instrumentation measured. */
export type PluginId = "inline" | "insn-cb" | "mem-cb" | "execlog" | "hwprofile";

/** One kind of instrumentation, with its tsemu and QEMU implementations. */
export interface PluginKind {
  /** Short name. */
  id: PluginId;
  /** Label in the report. */
  label: string;
  /** tsemu plugin module. */
  tsemu: string;
  /** QEMU plugin built from bench/qemu-plugins/, or null when there is none. */
  qemu: QemuPluginName | null;
  /** Writes a per-instruction trace (`-d plugin -D FILE`); runs on the trace-sized image. */
  trace: boolean;
  /** Largest tsemu ratio (instrumented / uninstrumented) the issue aims for, or null. */
  target: number | null;
}

/** The plugin-overhead workloads (a)–(e). */
export const PLUGIN_KINDS: readonly PluginKind[] = [
  {
    id: "inline",
    label: "(a) inline insn counter",
    tsemu: path("./plugins/inline.ts"),
    qemu: "inline",
    trace: false,
    target: 1.3,
  },
  {
    id: "insn-cb",
    label: "(b) per-insn callback",
    tsemu: path("./plugins/insn-cb.ts"),
    qemu: "insn-cb",
    trace: false,
    target: 3,
  },
  {
    id: "mem-cb",
    label: "(c) callback on every memory access",
    tsemu: path("./plugins/mem-cb.ts"),
    qemu: "mem-cb",
    trace: false,
    target: 4,
  },
  {
    id: "execlog",
    label: "(d) execlog trace to a file",
    tsemu: path("../contrib/plugins/execlog.ts"),
    qemu: "execlog",
    trace: true,
    target: 10,
  },
  {
    id: "hwprofile",
    label: "(e) hwprofile",
    tsemu: path("../contrib/plugins/hwprofile.ts"),
    qemu: "hwprofile",
    trace: false,
    target: null,
  },
];

/** The plugins measured on one guest image. */
export interface PluginCase {
  /** Workload name. */
  workload: string;
  /** The image (full, quick or trace-sized). */
  image: GuestImage;
  /** Guest instructions the image executes. */
  insns: number;
  /** The plugins run on it. */
  kinds: readonly PluginKind[];
}

/** The figures of one plugin on one workload. */
export interface PluginRow {
  /** Workload name. */
  workload: string;
  /** Guest image file. */
  image: string;
  /** Guest instructions of the image. */
  insns: number;
  /** Plugin id. */
  plugin: PluginId;
  /** Plugin label. */
  label: string;
  /** Median wall seconds on tsemu with the plugin, and all samples. */
  tsemuSeconds: number;
  tsemuSamples: number[];
  /** Median wall seconds on tsemu without it. */
  tsemuBaseSeconds: number;
  /** tsemuSeconds / tsemuBaseSeconds. */
  tsemuRatio: number;
  /** The same on QEMU (null: no QEMU plugin). */
  qemuSeconds: number | null;
  qemuSamples: number[];
  qemuBaseSeconds: number;
  qemuRatio: number | null;
  /** Target ratio for tsemu, or null. */
  target: number | null;
  /** Trace file sizes in bytes (execlog), per emulator. */
  traceBytes?: { tsemu: number; qemu: number | null };
}

/** Emulator arguments that load a plugin (and send its log to `logFile`, if given). */
export function pluginArgs(pluginPath: string, logFile: string | null): string[] {
  return ["-plugin", pluginPath, ...(logFile ? ["-d", "plugin", "-D", logFile] : [])];
}

/**
 * Runs every case: for each run, each configuration (no plugin, then each plugin) on QEMU then
 * on tsemu, alternately. Trace files go to `tmpDir` and are deleted after each run.
 */
export async function runPluginCases(
  cases: readonly PluginCase[],
  runs: number,
  qemuPlugins: Record<QemuPluginName, string>,
  tmpDir: string,
  progress: (line: string) => void,
): Promise<PluginRow[]> {
  const rows: PluginRow[] = [];
  for (const c of cases) {
    const kernel = guestPath(c.image);
    type Samples = Record<Emulator, number[]>;
    const base: Samples = { tsemu: [], qemu: [] };
    const withPlugin = new Map<PluginId, Samples>();
    const traceBytes = new Map<PluginId, { tsemu: number; qemu: number | null }>();
    for (const k of c.kinds) withPlugin.set(k.id, { tsemu: [], qemu: [] });
    const once = async (emu: Emulator, k: PluginKind | null): Promise<number> => {
      const log = k?.trace ? `${tmpDir}/${k.id}-${emu}.log` : null;
      const plugin = k === null ? [] : pluginArgs(
        emu === "tsemu" ? k.tsemu : qemuPlugins[k.qemu!],
        log,
      );
      try {
        const r = await timedRun(
          emulatorCmd(emu, [...bareMetalArgs(kernel), ...plugin]),
          c.image.expect,
        );
        if (log && k) {
          const t = traceBytes.get(k.id) ?? { tsemu: 0, qemu: null };
          t[emu] = Deno.statSync(log).size;
          traceBytes.set(k.id, t);
        }
        return r.seconds;
      } finally {
        if (log) Deno.removeSync(log, { recursive: true });
      }
    };
    for (let r = 0; r < runs; r++) {
      base.qemu.push(await once("qemu", null));
      base.tsemu.push(await once("tsemu", null));
      for (const k of c.kinds) {
        const s = withPlugin.get(k.id)!;
        if (k.qemu) s.qemu.push(await once("qemu", k));
        s.tsemu.push(await once("tsemu", k));
      }
    }
    const tb = median(base.tsemu), qb = median(base.qemu);
    for (const k of c.kinds) {
      const s = withPlugin.get(k.id)!;
      const t = median(s.tsemu);
      const q = k.qemu ? median(s.qemu) : null;
      const row: PluginRow = {
        workload: c.workload,
        image: c.image.file,
        insns: c.insns,
        plugin: k.id,
        label: k.label,
        tsemuSeconds: t,
        tsemuSamples: s.tsemu,
        tsemuBaseSeconds: tb,
        tsemuRatio: t / tb,
        qemuSeconds: q,
        qemuSamples: s.qemu,
        qemuBaseSeconds: qb,
        qemuRatio: q === null ? null : q / qb,
        target: k.target,
      };
      const bytes = traceBytes.get(k.id);
      if (bytes) row.traceBytes = bytes;
      rows.push(row);
      progress(
        `${k.label} on ${c.workload} (${c.image.file}): tsemu ${t.toFixed(3)} s = ` +
          `${row.tsemuRatio.toFixed(2)}x, qemu ${
            q === null ? "-" : `${q.toFixed(3)} s = ${row.qemuRatio!.toFixed(2)}x`
          }`,
      );
    }
  }
  return rows;
}
