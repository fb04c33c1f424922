/**
 * The device tree of the `virt` board, built as qemu-system-arm 7.2 builds it for
 * `-M virt -cpu cortex-a15`: the same libfdt editing calls in the same order (hw/arm/virt.c's
 * create_fdt and per-device helpers, the platform bus node added at machine-done time, then
 * hw/arm/boot.c's arm_load_dtb adding /memory, the /chosen boot properties and /psci), applied
 * with {@link FdtRw} to a 1 MiB buffer. The result is the blob QEMU copies into guest RAM, byte
 * for byte, random seeds aside (docs/devicetree.md).
 *
 * @module
 */

import { FDT_BOARD_SIZE } from "../core/fdt.ts";
import type { FdtNode } from "../core/fdt.ts";
import { parseFdt } from "../core/fdt-reader.ts";
import { FdtRw } from "../core/fdt-rw.ts";

/** Base addresses and sizes of the `virt` devices (QEMU's base_memmap and extended_memmap). */
export const VirtMemmap = {
  /** Two CFI flash banks, 64 MiB each. */
  flash: { base: 0, size: 0x0800_0000 },
  /** GIC distributor (GICD). */
  gicDist: { base: 0x0800_0000, size: 0x1_0000 },
  /** GIC CPU interface (GICC). */
  gicCpu: { base: 0x0801_0000, size: 0x1_0000 },
  /** GICv2m MSI frame. */
  gicV2m: { base: 0x0802_0000, size: 0x1000 },
  /** PL011 UART. */
  uart: { base: 0x0900_0000, size: 0x1000 },
  /** PL031 RTC. */
  rtc: { base: 0x0901_0000, size: 0x1000 },
  /** fw_cfg MMIO interface (data, selector, DMA address). */
  fwCfg: { base: 0x0902_0000, size: 0x18 },
  /** PL061 GPIO. */
  gpio: { base: 0x0903_0000, size: 0x1000 },
  /** First virtio-mmio transport; the others follow every `size` bytes. */
  mmio: { base: 0x0a00_0000, size: 0x200 },
  /** Platform bus for dynamic sysbus devices (none here). */
  platformBus: { base: 0x0c00_0000, size: 0x0200_0000 },
  /** PCIe 32-bit MMIO window. */
  pcieMmio: { base: 0x1000_0000, size: 0x2eff_0000 },
  /** PCIe I/O port window. */
  pciePio: { base: 0x3eff_0000, size: 0x1_0000 },
  /** PCIe ECAM in low memory (not used while highmem ECAM is on). */
  pcieEcam: { base: 0x3f00_0000, size: 0x0100_0000 },
  /** Start of RAM. */
  mem: { base: 0x4000_0000 },
  /** PCIe ECAM above 4 GiB (256 buses), as QEMU places it for a 256 GiB-limit RAM map. */
  highPcieEcam: { base: 0x40_1000_0000, size: 0x1000_0000 },
  /** PCIe 64-bit MMIO window. */
  highPcieMmio: { base: 0x80_0000_0000, size: 0x80_0000_0000 },
} as const;

/** GIC SPI numbers of the `virt` devices (QEMU's a15irqmap). */
export const VirtIrq = {
  /** PL011 UART. */
  uart: 1,
  /** PL031 RTC. */
  rtc: 2,
  /** PCIe INTA..INTD: this and the next three. */
  pcie: 3,
  /** PL061 GPIO. */
  gpio: 7,
  /** virtio-mmio transport 0; transport i uses this + i. */
  mmio: 16,
  /** First of the GICv2m MSI SPIs. */
  gicV2m: 48,
  /** First of the platform bus SPIs. */
  platformBus: 112,
} as const;

/** Number of virtio-mmio transports (NUM_VIRTIO_TRANSPORTS). */
export const VIRT_NUM_VIRTIO_TRANSPORTS = 32;
/** SPIs the GICv2m frame hands out (NUM_GICV2M_SPIS). */
export const VIRT_NUM_GICV2M_SPIS = 64;
/** SPIs reserved for the platform bus (PLATFORM_BUS_NUM_IRQS). */
export const VIRT_PLATFORM_BUS_NUM_IRQS = 64;

/** Generic timer PPIs in the order QEMU lists them: secure EL1, non-secure EL1, virtual, EL2. */
export const VirtTimerPpi = { secEl1: 13, nsEl1: 14, virt: 11, nsEl2: 10 } as const;
/** PPI of the PMU overflow interrupt (VIRTUAL_PMU_IRQ). */
export const VIRT_PMU_PPI = 7;

/** First cell of a GIC interrupt specifier: shared peripheral interrupt. */
export const GIC_FDT_IRQ_TYPE_SPI = 0;
/** First cell of a GIC interrupt specifier: private peripheral interrupt. */
export const GIC_FDT_IRQ_TYPE_PPI = 1;
/** Third cell: rising edge. */
export const GIC_FDT_IRQ_FLAGS_EDGE_LO_HI = 1;
/** Third cell: active-high level sensitive. */
export const GIC_FDT_IRQ_FLAGS_LEVEL_HI = 4;
/** Bit position of the PPI target-CPU mask in the third cell. */
export const GIC_FDT_IRQ_PPI_CPU_SHIFT = 8;

/** PCI `ranges` space codes (first cell of a child address). */
const FDT_PCI_RANGE_IOPORT = 0x0100_0000;
const FDT_PCI_RANGE_MMIO = 0x0200_0000;
const FDT_PCI_RANGE_MMIO_64BIT = 0x0300_0000;
/** ECAM space per bus (PCIE_MMCFG_SIZE_MIN). */
const PCIE_MMCFG_SIZE_MIN = 0x10_0000;
/** Linux input code of the power button (KEY_POWER). */
const KEY_POWER = 116;
/** PL061 line the gpio-keys power button is wired to. */
export const VIRT_GPIO_POWEROFF_LINE = 3;

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

/** Bytes of host randomness QEMU puts in the tree: an 8-byte kaslr-seed and a 32-byte rng-seed. */
export const VIRT_DTB_SEED_BYTES = { kaslr: 8, rng: 32 } as const;

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
  /**
   * Host randomness for /chosen/kaslr-seed and /chosen/rng-seed (QEMU's `dtb-randomness`,
   * on by default there); absent: the tree has no seeds (`-M virt,dtb-randomness=off`).
   * Called once with 40: the first 8 bytes are the kaslr seed as a little-endian u64.
   */
  random?: (n: number) => Uint8Array;
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

/** Path of the UART node, which /chosen/stdout-path names. */
const UART_PATH = `/pl011@${unit(VirtMemmap.uart.base)}`;

/** `<SPI irq flags>`. */
const spi = (irq: number, flags = GIC_FDT_IRQ_FLAGS_LEVEL_HI): number[] => [
  GIC_FDT_IRQ_TYPE_SPI,
  irq,
  flags,
];

/** create_fdt: the root properties, /chosen (with the seeds) and the APB clock. */
function createFdt(f: FdtRw, cfg: VirtFdtConfig): number {
  f.setString("/", "compatible", "linux,dummy-virt")
    .setCells("/", "#address-cells", 2)
    .setCells("/", "#size-cells", 2)
    .setString("/", "model", "linux,dummy-virt")
    .addSubnode("/chosen");
  if (cfg.random) {
    const { kaslr, rng } = VIRT_DTB_SEED_BYTES;
    const seed = cfg.random(kaslr + rng);
    const k = new DataView(seed.buffer, seed.byteOffset, kaslr).getBigUint64(0, true);
    f.setU64("/chosen", "kaslr-seed", k).setProp("/chosen", "rng-seed", seed.slice(kaslr));
  }
  const clk = f.allocPhandle();
  f.addSubnode("/apb-pclk")
    .setString("/apb-pclk", "compatible", "fixed-clock")
    .setCells("/apb-pclk", "#clock-cells", 0)
    .setCells("/apb-pclk", "clock-frequency", VIRT_APB_PCLK_HZ)
    .setString("/apb-pclk", "clock-output-names", "clk24mhz")
    .setCells("/apb-pclk", "phandle", clk);
  return clk;
}

/** fdt_add_timer_nodes and fdt_add_cpu_nodes. */
function addCpus(f: FdtRw, cfg: VirtFdtConfig): void {
  const n = cfg.numCpus;
  const ppiFlags = (((1 << n) - 1) << GIC_FDT_IRQ_PPI_CPU_SHIFT) | GIC_FDT_IRQ_FLAGS_LEVEL_HI;
  const t = VirtTimerPpi;
  f.addSubnode("/timer")
    .setString("/timer", "compatible", "arm,armv7-timer")
    .setEmpty("/timer", "always-on")
    .setCells(
      "/timer",
      "interrupts",
      ...[t.secEl1, t.nsEl1, t.virt, t.nsEl2].flatMap((p) => [GIC_FDT_IRQ_TYPE_PPI, p, ppiFlags]),
    );

  f.addSubnode("/cpus").setCells("/cpus", "#address-cells", 1).setCells("/cpus", "#size-cells", 0);
  for (let cpu = n - 1; cpu >= 0; cpu--) {
    const path = `/cpus/cpu@${cpu}`;
    f.addSubnode(path)
      .setString(path, "device_type", "cpu")
      .setString(path, "compatible", cfg.cpuCompatible);
    if (n > 1) f.setString(path, "enable-method", "psci");
    f.setCells(path, "reg", cpu).setCells(path, "phandle", f.allocPhandle());
  }
  f.addSubnode("/cpus/cpu-map");
  for (let cpu = n - 1; cpu >= 0; cpu--) {
    const map = `/cpus/cpu-map/socket0/cluster0/core${cpu}`;
    f.addPath(map).setPhandleRef(map, "cpu", `/cpus/cpu@${cpu}`);
  }
}

/** virt_flash_fdt: both banks in one node (no secure world). */
function addFlash(f: FdtRw): void {
  const { base, size } = VirtMemmap.flash;
  const bank = size / 2;
  const path = `/flash@${unit(base)}`;
  f.addSubnode(path)
    .setString(path, "compatible", "cfi-flash")
    .setSizedCells(path, "reg", [2, base], [2, bank], [2, base + bank], [2, bank])
    .setCells(path, "bank-width", 4);
}

/** fdt_add_gic_node and create_v2m's node; returns the GIC and MSI controller phandles. */
function addGic(f: FdtRw): { gic: number; msi: number } {
  const gic = f.allocPhandle();
  f.setCells("/", "interrupt-parent", gic);
  const { gicDist, gicCpu, gicV2m } = VirtMemmap;
  const path = `/intc@${unit(gicDist.base)}`;
  f.addSubnode(path)
    .setCells(path, "#interrupt-cells", 3)
    .setEmpty(path, "interrupt-controller")
    .setCells(path, "#address-cells", 2)
    .setCells(path, "#size-cells", 2)
    .setEmpty(path, "ranges")
    .setString(path, "compatible", "arm,cortex-a15-gic")
    .setSizedCells(
      path,
      "reg",
      [2, gicDist.base],
      [2, gicDist.size],
      [2, gicCpu.base],
      [2, gicCpu.size],
    )
    .setCells(path, "phandle", gic);
  const v2m = `/intc/v2m@${unit(gicV2m.base)}`;
  const msi = f.allocPhandle();
  f.addSubnode(v2m)
    .setString(v2m, "compatible", "arm,gic-v2m-frame")
    .setEmpty(v2m, "msi-controller")
    .setSizedCells(v2m, "reg", [2, gicV2m.base], [2, gicV2m.size])
    .setCells(v2m, "phandle", msi);
  return { gic, msi };
}

/** create_uart and create_rtc. */
function addUartRtc(f: FdtRw, clk: number): void {
  const { uart, rtc } = VirtMemmap;
  f.addSubnode(UART_PATH)
    .setStrings(UART_PATH, "compatible", ["arm,pl011", "arm,primecell"])
    .setSizedCells(UART_PATH, "reg", [2, uart.base], [2, uart.size])
    .setCells(UART_PATH, "interrupts", ...spi(VirtIrq.uart))
    .setCells(UART_PATH, "clocks", clk, clk)
    .setStrings(UART_PATH, "clock-names", ["uartclk", "apb_pclk"])
    .setString("/chosen", "stdout-path", UART_PATH);
  const path = `/pl031@${unit(rtc.base)}`;
  f.addSubnode(path)
    .setStrings(path, "compatible", ["arm,pl031", "arm,primecell"])
    .setSizedCells(path, "reg", [2, rtc.base], [2, rtc.size])
    .setCells(path, "interrupts", ...spi(VirtIrq.rtc))
    .setCells(path, "clocks", clk)
    .setString(path, "clock-names", "apb_pclk");
}

/** create_pcie's node: the generic ECAM host bridge with its windows and INTx map. */
function addPcie(f: FdtRw, gic: number, msi: number): void {
  const { pcieMmio, pciePio, highPcieEcam: ecam, highPcieMmio: high } = VirtMemmap;
  const path = `/pcie@${unit(pcieMmio.base)}`;
  f.addSubnode(path)
    .setString(path, "compatible", "pci-host-ecam-generic")
    .setString(path, "device_type", "pci")
    .setCells(path, "#address-cells", 3)
    .setCells(path, "#size-cells", 2)
    .setCells(path, "linux,pci-domain", 0)
    .setCells(path, "bus-range", 0, ecam.size / PCIE_MMCFG_SIZE_MIN - 1)
    .setEmpty(path, "dma-coherent")
    .setCells(path, "msi-map", 0, msi, 0, 0x10000)
    .setSizedCells(path, "reg", [2, ecam.base], [2, ecam.size])
    .setSizedCells(
      path,
      "ranges",
      ...([
        [1, FDT_PCI_RANGE_IOPORT],
        [2, 0],
        [2, pciePio.base],
        [2, pciePio.size],
        [1, FDT_PCI_RANGE_MMIO],
        [2, pcieMmio.base],
        [2, pcieMmio.base],
        [2, pcieMmio.size],
        [1, FDT_PCI_RANGE_MMIO_64BIT],
        [2, high.base],
        [2, high.base],
        [2, high.size],
      ] as [1 | 2, number][]),
    )
    .setCells(path, "#interrupt-cells", 1);
  // Slots 0-3, pins INTA-INTD: swizzled onto SPIs 3-6.
  const map: number[] = [];
  for (let slot = 0; slot < 4; slot++) {
    for (let pin = 0; pin < 4; pin++) {
      const irq = VirtIrq.pcie + (pin + slot) % 4;
      map.push(slot << 11, 0, 0, pin + 1, gic, 0, 0, ...spi(irq));
    }
  }
  f.setCells(path, "interrupt-map", ...map)
    .setCells(path, "interrupt-map-mask", 3 << 11, 0, 0, 7);
}

/** create_gpio_devices: the PL061 and the gpio-keys power button on its line 3. */
function addGpio(f: FdtRw, clk: number): void {
  const { gpio } = VirtMemmap;
  const ph = f.allocPhandle();
  const path = `/pl061@${unit(gpio.base)}`;
  f.addSubnode(path)
    .setSizedCells(path, "reg", [2, gpio.base], [2, gpio.size])
    .setStrings(path, "compatible", ["arm,pl061", "arm,primecell"])
    .setCells(path, "#gpio-cells", 2)
    .setEmpty(path, "gpio-controller")
    .setCells(path, "interrupts", ...spi(VirtIrq.gpio))
    .setCells(path, "clocks", clk)
    .setString(path, "clock-names", "apb_pclk")
    .setCells(path, "phandle", ph);
  f.addSubnode("/gpio-keys")
    .setString("/gpio-keys", "compatible", "gpio-keys")
    .addSubnode("/gpio-keys/poweroff")
    .setString("/gpio-keys/poweroff", "label", "GPIO Key Poweroff")
    .setCells("/gpio-keys/poweroff", "linux,code", KEY_POWER)
    .setCells("/gpio-keys/poweroff", "gpios", ph, VIRT_GPIO_POWEROFF_LINE, 0);
}

/** create_virtio_devices' nodes, added from the last transport down. */
function addVirtio(f: FdtRw): void {
  const { mmio } = VirtMemmap;
  for (let i = VIRT_NUM_VIRTIO_TRANSPORTS - 1; i >= 0; i--) {
    const base = mmio.base + i * mmio.size;
    const path = `/virtio_mmio@${unit(base)}`;
    f.addSubnode(path)
      .setString(path, "compatible", "virtio,mmio")
      .setSizedCells(path, "reg", [2, base], [2, mmio.size])
      .setCells(path, "interrupts", ...spi(VirtIrq.mmio + i, GIC_FDT_IRQ_FLAGS_EDGE_LO_HI))
      .setEmpty(path, "dma-coherent");
  }
}

/** create_fw_cfg's node. */
function addFwCfg(f: FdtRw): void {
  const { fwCfg } = VirtMemmap;
  const path = `/fw-cfg@${unit(fwCfg.base)}`;
  f.addSubnode(path)
    .setString(path, "compatible", "qemu,fw-cfg-mmio")
    .setSizedCells(path, "reg", [2, fwCfg.base], [2, fwCfg.size])
    .setEmpty(path, "dma-coherent");
}

/** platform_bus_add_all_fdt_nodes (at machine-done time), with no dynamic devices. */
function addPlatformBus(f: FdtRw): void {
  const { base, size } = VirtMemmap.platformBus;
  const path = `/platform-bus@${unit(base)}`;
  f.addSubnode(path)
    .setStrings(path, "compatible", ["qemu,platform", "simple-bus"])
    .setCells(path, "#size-cells", 1)
    .setCells(path, "#address-cells", 1)
    .setCells(path, "ranges", 0, Math.floor(base / 2 ** 32), base >>> 0, size)
    .setPhandleRef(path, "interrupt-parent", "/intc");
}

/**
 * What hw/arm/boot.c's arm_load_dtb adds to a board tree or a `-dtb` file before copying it into
 * RAM: the memory node (any /memory or /memory@... node is NOPed first), bootargs, the initrd
 * range and the PSCI node (replacing any existing one).
 */
export function armLoadDtbEdits(
  f: FdtRw,
  boot: {
    ramBase: number;
    ramSize: number;
    bootargs?: string;
    initrd?: { start: number; end: number };
  },
): void {
  const isMemory = (name: string) => name === "memory" || name.startsWith("memory@");
  for (let name; (name = f.childNames("/").find(isMemory)) !== undefined;) f.nopNode(`/${name}`);
  const mem = `/memory@${unit(boot.ramBase)}`;
  f.addSubnode(mem)
    .setString(mem, "device_type", "memory")
    .setSizedCells(mem, "reg", [2, boot.ramBase], [2, boot.ramSize]);
  if (f.pathOffset("/chosen") < 0) f.addSubnode("/chosen");
  if (boot.bootargs) f.setString("/chosen", "bootargs", boot.bootargs);
  if (boot.initrd) {
    f.setCells("/chosen", "linux,initrd-start", boot.initrd.start)
      .setCells("/chosen", "linux,initrd-end", boot.initrd.end);
  }
  if (f.pathOffset("/psci") >= 0) f.nopNode("/psci");
  f.addSubnode("/psci")
    .setStrings("/psci", "compatible", ["arm,psci-1.0", "arm,psci-0.2", "arm,psci"])
    .setString("/psci", "method", "hvc")
    .setCells("/psci", "cpu_suspend", PsciFn.cpuSuspend)
    .setCells("/psci", "cpu_off", PsciFn.cpuOff)
    .setCells("/psci", "cpu_on", PsciFn.cpuOn)
    .setCells("/psci", "migrate", PsciFn.migrate);
}

/**
 * Builds the `virt` device tree for `cfg` as QEMU 7.2 leaves it in memory: the 1 MiB blob
 * (header `totalsize` 0x100000, libfdt layout, the tail free) that the guest receives.
 */
export function buildVirtDtb(cfg: VirtFdtConfig): Uint8Array {
  const n = cfg.numCpus;
  if (!Number.isInteger(n) || n < 1 || n > VIRT_MAX_CPUS_GICV2) {
    throw new RangeError(`virt: numCpus must be 1..${VIRT_MAX_CPUS_GICV2}, got ${n}`);
  }
  const f = FdtRw.create(FDT_BOARD_SIZE);
  // machvirt_init's order.
  const clk = createFdt(f, cfg);
  addCpus(f, cfg);
  addFlash(f);
  const { gic, msi } = addGic(f);
  f.addSubnode("/pmu"); // empty for an ARMv7 CPU: QEMU describes only the ARMv8 PMU
  addUartRtc(f, clk);
  addPcie(f, gic, msi);
  addGpio(f, clk);
  addVirtio(f);
  addFwCfg(f);
  // virt_machine_done.
  addPlatformBus(f);
  armLoadDtbEdits(f, {
    ramBase: cfg.ramBase,
    ramSize: cfg.ramSize,
    bootargs: cfg.bootargs,
    initrd: cfg.initrd,
  });
  return f.blob;
}

/** The `virt` device tree for `cfg` as a tree (parsed back from {@link buildVirtDtb}). */
export function buildVirtFdt(cfg: VirtFdtConfig): FdtNode {
  return parseFdt(buildVirtDtb(cfg), "virt.dtb").root;
}
