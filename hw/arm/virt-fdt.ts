/**
 * The device tree of the `virt` board, for the devices tsemu models. Nodes, properties, their
 * order and phandle numbers are those qemu-system-arm 7.2 generates for
 * `-M virt -cpu cortex-a15` (hw/arm/virt.c builds the tree, hw/arm/boot.c adds /memory,
 * /psci and the /chosen boot properties), so a guest sees the same description on both.
 * Nodes for devices tsemu does not model are left out: see {@link QEMU_VIRT_OMITTED_NODES}
 * and docs/devicetree.md.
 *
 * @module
 */

import { Fdt, FdtNode, serializeFdt } from "../core/fdt.ts";

/** Base addresses and sizes of the modelled `virt` devices (QEMU's base_memmap). */
export const VirtMemmap = {
  /** GIC distributor (GICD). */
  gicDist: { base: 0x0800_0000, size: 0x1_0000 },
  /** GIC CPU interface (GICC). */
  gicCpu: { base: 0x0801_0000, size: 0x1_0000 },
  /** PL011 UART. */
  uart: { base: 0x0900_0000, size: 0x1000 },
  /** PL031 RTC. */
  rtc: { base: 0x0901_0000, size: 0x1000 },
  /** Start of RAM. */
  mem: { base: 0x4000_0000 },
} as const;

/** GIC SPI numbers of the modelled devices (QEMU's a15irqmap). */
export const VirtIrq = {
  /** PL011 UART. */
  uart: 1,
  /** PL031 RTC. */
  rtc: 2,
} as const;

/** Generic timer PPIs in the order QEMU lists them: secure EL1, non-secure EL1, virtual, EL2. */
export const VirtTimerPpi = { secEl1: 13, nsEl1: 14, virt: 11, nsEl2: 10 } as const;

/** First cell of a GIC interrupt specifier: shared peripheral interrupt. */
export const GIC_FDT_IRQ_TYPE_SPI = 0;
/** First cell of a GIC interrupt specifier: private peripheral interrupt. */
export const GIC_FDT_IRQ_TYPE_PPI = 1;
/** Third cell: active-high level sensitive. */
export const GIC_FDT_IRQ_FLAGS_LEVEL_HI = 4;
/** Bit position of the PPI target-CPU mask in the third cell. */
export const GIC_FDT_IRQ_PPI_CPU_SHIFT = 8;

/** Frequency of the fixed APB clock QEMU describes (`clk24mhz`). */
export const VIRT_APB_PCLK_HZ = 24_000_000;

/** PSCI 0.2 function ids (SMC32/HVC32 calling convention) QEMU lists in /psci. */
export const PsciFn = {
  cpuSuspend: 0x8400_0001,
  cpuOff: 0x8400_0002,
  cpuOn: 0x8400_0003,
  migrate: 0x8400_0005,
} as const;

/** The most CPUs a GICv2 `virt` board has. */
export const VIRT_MAX_CPUS_GICV2 = 8;

/**
 * Nodes of QEMU's `virt` tree that tsemu omits (devices not modelled). A trailing `*` matches
 * any unit address. Kept here so the docs and the comparison test name one list.
 */
export const QEMU_VIRT_OMITTED_NODES: readonly string[] = [
  "/platform-bus@c000000",
  "/fw-cfg@9020000",
  "/virtio_mmio@*",
  "/gpio-keys",
  "/pl061@9030000",
  "/pcie@10000000",
  "/pmu",
  "/flash@0",
  "/intc@8000000/v2m@8020000",
];

/** Properties of QEMU's tree that tsemu omits: random seeds that differ on every run. */
export const QEMU_VIRT_OMITTED_PROPS: readonly string[] = [
  "/chosen/rng-seed",
  "/chosen/kaslr-seed",
];

/** What the board tells the device tree builder. */
export interface VirtFdtConfig {
  /** Guest physical start of RAM (0x40000000 on `virt`). */
  ramBase: number;
  /** RAM size in bytes. */
  ramSize: number;
  /** CPU compatible string, e.g. "arm,cortex-a15". */
  cpuCompatible: string;
  /** Number of CPUs (1..8). */
  numCpus: number;
  /** Kernel command line (`-append`); empty or absent means no /chosen/bootargs. */
  bootargs?: string;
  /** Initrd placement, written as one-cell /chosen/linux,initrd-start and -end. */
  initrd?: { start: number; end: number };
  /** Accepted for the board's convenience; QEMU's `virt` tree does not describe NEON. */
  hasNeon?: boolean;
}

/** Phandle of the `apb-pclk` fixed clock (QEMU allocates it first). */
export const VIRT_PHANDLE_APB_PCLK = 0x8000;

/** Phandle of CPU `cpu` of `numCpus` (QEMU numbers them from the last CPU down). */
export function virtCpuPhandle(cpu: number, numCpus: number): number {
  return VIRT_PHANDLE_APB_PCLK + numCpus - cpu;
}

/** Phandle of the GIC, allocated after the CPUs'. */
export function virtGicPhandle(numCpus: number): number {
  return VIRT_PHANDLE_APB_PCLK + numCpus + 1;
}

/** Hex without prefix, as unit addresses are written. */
const unit = (n: number): string => n.toString(16);

/** Builds the `virt` device tree for `cfg` (the nodes tsemu models, in QEMU's order). */
export function buildVirtFdt(cfg: VirtFdtConfig): FdtNode {
  const n = cfg.numCpus;
  if (!Number.isInteger(n) || n < 1 || n > VIRT_MAX_CPUS_GICV2) {
    throw new RangeError(`virt: numCpus must be 1..${VIRT_MAX_CPUS_GICV2}, got ${n}`);
  }
  const clk = VIRT_PHANDLE_APB_PCLK;
  const gic = virtGicPhandle(n);
  const root = new FdtNode("");
  root.setU32("interrupt-parent", gic)
    .setString("model", "linux,dummy-virt")
    .setU32("#size-cells", 2)
    .setU32("#address-cells", 2)
    .setString("compatible", "linux,dummy-virt");

  root.addNode("psci")
    .setU32("migrate", PsciFn.migrate)
    .setU32("cpu_on", PsciFn.cpuOn)
    .setU32("cpu_off", PsciFn.cpuOff)
    .setU32("cpu_suspend", PsciFn.cpuSuspend)
    .setString("method", "hvc")
    .setStrings("compatible", ["arm,psci-1.0", "arm,psci-0.2", "arm,psci"]);

  root.addNode(`memory@${unit(cfg.ramBase)}`)
    .setU64("reg", cfg.ramBase, cfg.ramSize)
    .setString("device_type", "memory");

  const spi = (irq: number): number[] => [GIC_FDT_IRQ_TYPE_SPI, irq, GIC_FDT_IRQ_FLAGS_LEVEL_HI];
  const { rtc, uart, gicDist, gicCpu } = VirtMemmap;
  root.addNode(`pl031@${unit(rtc.base)}`)
    .setString("clock-names", "apb_pclk")
    .setU32("clocks", clk)
    .setU32("interrupts", ...spi(VirtIrq.rtc))
    .setU64("reg", rtc.base, rtc.size)
    .setStrings("compatible", ["arm,pl031", "arm,primecell"]);

  root.addNode(`pl011@${unit(uart.base)}`)
    .setStrings("clock-names", ["uartclk", "apb_pclk"])
    .setU32("clocks", clk, clk)
    .setU32("interrupts", ...spi(VirtIrq.uart))
    .setU64("reg", uart.base, uart.size)
    .setStrings("compatible", ["arm,pl011", "arm,primecell"]);

  root.addNode(`intc@${unit(gicDist.base)}`)
    .setPhandle(gic)
    .setU64("reg", gicDist.base, gicDist.size, gicCpu.base, gicCpu.size)
    .setString("compatible", "arm,cortex-a15-gic")
    .setEmpty("ranges")
    .setU32("#size-cells", 2)
    .setU32("#address-cells", 2)
    .setEmpty("interrupt-controller")
    .setU32("#interrupt-cells", 3);

  const cpus = root.addNode("cpus").setU32("#size-cells", 0).setU32("#address-cells", 1);
  const cluster = cpus.addNode("cpu-map").addNode("socket0").addNode("cluster0");
  for (let i = 0; i < n; i++) cluster.addNode(`core${i}`).setU32("cpu", virtCpuPhandle(i, n));
  for (let i = 0; i < n; i++) {
    const cpu = cpus.addNode(`cpu@${unit(i)}`).setPhandle(virtCpuPhandle(i, n)).setU32("reg", i);
    if (n > 1) cpu.setString("enable-method", "psci");
    cpu.setString("compatible", cfg.cpuCompatible).setString("device_type", "cpu");
  }

  const ppiFlags = (((1 << n) - 1) << GIC_FDT_IRQ_PPI_CPU_SHIFT) | GIC_FDT_IRQ_FLAGS_LEVEL_HI;
  const t = VirtTimerPpi;
  root.addNode("timer")
    .setU32(
      "interrupts",
      ...[t.secEl1, t.nsEl1, t.virt, t.nsEl2].flatMap((ppi) => [
        GIC_FDT_IRQ_TYPE_PPI,
        ppi,
        ppiFlags,
      ]),
    )
    .setEmpty("always-on")
    .setString("compatible", "arm,armv7-timer");

  root.addNode("apb-pclk")
    .setPhandle(clk)
    .setString("clock-output-names", "clk24mhz")
    .setU32("clock-frequency", VIRT_APB_PCLK_HZ)
    .setU32("#clock-cells", 0)
    .setString("compatible", "fixed-clock");

  const chosen = root.addNode("chosen");
  if (cfg.initrd) {
    chosen.setU32("linux,initrd-end", cfg.initrd.end).setU32(
      "linux,initrd-start",
      cfg.initrd.start,
    );
  }
  if (cfg.bootargs) chosen.setString("bootargs", cfg.bootargs);
  chosen.setString("stdout-path", `/pl011@${unit(uart.base)}`);
  return root;
}

/** Builds the `virt` device tree for `cfg` and serialises it to a DTB. */
export function buildVirtDtb(cfg: VirtFdtConfig): Uint8Array {
  return serializeFdt(new Fdt(buildVirtFdt(cfg)));
}
