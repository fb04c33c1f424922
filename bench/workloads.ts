/**
 * The bare-metal benchmark workloads: guest images in bench/guests/ (built by
 * bench/guests/build.sh) and the UART output each must print on both emulators.
 *
 * @module
 */

import { fileURLToPath } from "node:url";

/** bench/guests/, with a trailing slash. */
export const GUEST_DIR: string = fileURLToPath(new URL("./guests/", import.meta.url));

/** One guest image and the exact UART output it prints (recorded on qemu-system-arm). */
export interface GuestImage {
  /** File name in {@link GUEST_DIR}. */
  file: string;
  /** Expected UART output (the checksum line). */
  expect: string;
}

/** What a workload's figures are compared with. */
export type WorkloadTarget =
  /** tsemu reaches at least half of QEMU's guest MIPS. */
  | "half-qemu-mips"
  /** No target: reported for information. */
  | null;

/** A bare-metal workload with its full, quick and (optionally) trace-sized images. */
export interface Workload {
  /** Short name (`--only`, table rows). */
  name: string;
  /** One line for the report. */
  description: string;
  /** The full-size image. */
  full: GuestImage;
  /** The reduced image for `--quick`. */
  quick: GuestImage;
  /** A few million instructions, for the per-instruction trace (execlog) plugin. */
  trace?: GuestImage;
  /** True if the trace runs with `--quick` too (it takes seconds: one workload only). */
  traceInQuick?: boolean;
  /** The target its figures are judged against. */
  target: WorkloadTarget;
  /** True if the plugin-overhead workloads run on it. */
  plugins: boolean;
}

/** The bare-metal workloads, in report order. */
export const WORKLOADS: readonly Workload[] = [
  {
    name: "sum-loop",
    description: "for (i = 0; i < N; i++) sum += i, 4 insns/iteration, MMU off",
    full: { file: "sum.elf", expect: "D98C1F00\n" },
    quick: { file: "sum-quick.elf", expect: "92BF4BE0\n" },
    trace: { file: "sum-trace.elf", expect: "6A4AE6E0\n" },
    traceInQuick: true,
    target: "half-qemu-mips",
    plugins: true,
  },
  {
    name: "mix-loop",
    description: "multiply-accumulate, table load/store and data-dependent branches, MMU off",
    full: { file: "mix.elf", expect: "286D3893\n" },
    quick: { file: "mix-quick.elf", expect: "94A19527\n" },
    target: "half-qemu-mips",
    plugins: false,
  },
  {
    name: "sum-mmu",
    description: "the sum loop plus a load per iteration through the MMU (4 KiB pages)",
    full: { file: "sum-mmu.elf", expect: "8A68C780\n" },
    quick: { file: "sum-mmu-quick.elf", expect: "2EF8C0C0\n" },
    target: "half-qemu-mips",
    plugins: false,
  },
  {
    name: "memcpy-mmu",
    description: "copy (ldm/stm) and checksum 16 MiB buffers, 16 passes, MMU on, 4 KiB pages",
    full: { file: "memcpy-mmu.elf", expect: "A2994FA0\n" },
    quick: { file: "memcpy-mmu-quick.elf", expect: "9DE584CE\n" },
    trace: { file: "memcpy-mmu-trace.elf", expect: "9473CDF0\n" },
    target: null,
    plugins: true,
  },
  {
    name: "device",
    description: "PL011, GIC and generic timer register loop (6 MMIO + 3 timer accesses/iteration)",
    full: { file: "device.elf", expect: "A5F3F460\n" },
    quick: { file: "device-quick.elf", expect: "87972D60\n" },
    target: null,
    plugins: false,
  },
];

/** The start-up probe: its third instruction prints `!`. */
export const STARTUP_GUEST: GuestImage = { file: "startup.elf", expect: "!\n" };

/** Absolute path of a guest image. */
export function guestPath(g: GuestImage): string {
  return GUEST_DIR + g.file;
}

/**
 * The emulator options (QEMU spelling, accepted by both) that run a bare-metal image: the
 * same command line for tsemu and qemu-system-arm.
 */
export function bareMetalArgs(kernel: string): string[] {
  return [
    "-M",
    "virt",
    "-cpu",
    "cortex-a15",
    "-m",
    "256",
    "-nographic",
    "-no-reboot",
    "-kernel",
    kernel,
  ];
}
