/**
 * The `virt` board (QEMU's hw/arm/virt.c for a 32-bit CPU): RAM at 0x40000000, the GICv2 with
 * its GICv2m MSI frame, PL011, PL031, PL061, fw_cfg, 32 virtio-mmio transports, the generic
 * PCIe host's windows and two CFI flash banks at QEMU's addresses and interrupt numbers, PSCI
 * through HVC, the device tree QEMU generates, the loaders and the run loop that drives the
 * vCPU and time.
 *
 * @module
 */

import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { AddressSpace } from "../../softmmu/address-space.ts";
import { ArmCpu, CPSR_T } from "../../cpu/arm/cpu.ts";
import { ExitRequest } from "../../cpu/arm/exception.ts";
import { H } from "../../cpu/arm/helpers.ts";
import { psciCall } from "../../cpu/arm/psci.ts";
import { CpuTlb } from "../../accel/tcg/cputlb.ts";
import { CpuExec } from "../../accel/tcg/cpu-exec.ts";
import { VirtualClock } from "../../util/qemu-timer.ts";
import type { Log } from "../../util/log.ts";
import { UsageError } from "../../util/log.ts";
import type { Chardev } from "../char/chardev.ts";
import { PL011 } from "../char/pl011.ts";
import { PL031 } from "../rtc/pl031.ts";
import { ArmGic } from "../intc/arm_gic.ts";
import { GIC_NR_SGIS } from "../intc/arm_gic_regs.ts";
import {
  buildVirtDtb,
  VIRT_NUM_GICV2M_SPIS,
  VIRT_NUM_VIRTIO_TRANSPORTS,
  VIRT_PMU_PPI,
  VirtIrq,
  VirtMemmap,
  VirtTimerPpi,
} from "./virt-fdt.ts";
import { fdtRandomizeSeeds } from "../core/fdt-rw.ts";
import { PL061 } from "../gpio/pl061.ts";
import { VirtioMmio } from "../virtio/virtio-mmio.ts";
import { ArmGicV2m } from "../intc/arm_gicv2m.ts";
import { PFlashCfi01, VIRT_FLASH_CONFIG } from "../block/pflash_cfi01.ts";
import { PciHostGpex } from "../pci-host/gpex.ts";
import type { FwCfg } from "../nvram/fw_cfg.ts";
import { FwCfgMmio } from "../nvram/fw_cfg.ts";
import { createVirtFwCfg } from "./virt-fw-cfg.ts";
import { GenericTimer, GtTimer } from "../../cpu/arm/gtimer.ts";
import { attachPmu } from "../../cpu/arm/pmu.ts";
import { planBoot } from "./boot.ts";
import { PluginManager } from "../../plugins/manager.ts";
import type { PluginHost } from "../../plugins/manager.ts";
import { Access, MmuIdx } from "../../cpu/arm/mmu.ts";
import { Mode } from "../../cpu/arm/cpu.ts";
import { parseFdt } from "../core/fdt-reader.ts";
import { fdtFileLoadSize, padFdt } from "../core/fdt.ts";
import type { BootPlan } from "./boot.ts";

/** Machines `-M` accepts, with their descriptions (for `-M help`). */
export const MACHINES: Readonly<Record<string, string>> = {
  virt: "QEMU 7.2 ARM Virtual Machine (alias of virt-7.2)",
  "virt-7.2": "QEMU 7.2 ARM Virtual Machine",
};

/** CPU models `-cpu` accepts. */
export const CPU_MODELS: readonly string[] = ["cortex-a15"];

/** A file given on the command line. */
export interface InputFile {
  /** Path as given. */
  path: string;
  /** Its bytes. */
  bytes: Uint8Array;
}

/** Board configuration. */
export interface VirtOptions {
  /** RAM size in bytes. */
  ramSize: number;
  /** `-kernel`. */
  kernel?: InputFile;
  /** `-initrd`. */
  initrd?: InputFile;
  /** `-append`. */
  append?: string;
  /** `-dtb`: use this device tree instead of the generated one. */
  dtb?: InputFile;
  /** The serial back-end. */
  chardev: Chardev;
  /** Log. */
  log: Log;
  /** icount shift, or -1 for host-time. */
  icountShift?: number;
  /** `-no-reboot`: a guest reset ends emulation. */
  noReboot?: boolean;
  /** `-singlestep`: one guest instruction per TB. */
  singleStep?: boolean;
  /** Fixed RTC time in seconds since the epoch (tests); host time by default. */
  rtcSeconds?: number;
  /** The CPU implements Advanced SIMD (default; `-cpu cortex-a15,neon=off` clears it). */
  neon?: boolean;
  /**
   * Random seeds in the device tree (/chosen/kaslr-seed and rng-seed; the rng seed is drawn
   * again on every reset), as QEMU's `-M virt,dtb-randomness=on|off`. Default on.
   */
  dtbRandomness?: boolean;
  /** Source of those random bytes (default: the host's `crypto.getRandomValues`). */
  random?: (n: number) => Uint8Array;
  /** `-nographic` was given (what fw_cfg tells firmware). */
  nographic?: boolean;
}

/** `n` random bytes from the host. */
function hostRandom(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** Outcome of `run`. */
export interface RunResult {
  /** Why it stopped. */
  reason: "poweroff" | "reset" | "quit" | "budget";
  /** Process exit status to use. */
  status: number;
}

/** The `virt` machine with one cortex-a15. */
export class VirtMachine {
  readonly opts: VirtOptions;
  readonly sysmem: MemoryRegion;
  readonly as: AddressSpace;
  readonly ram: MemoryRegion;
  /** The two CFI flash banks (`virt.flash0` at 0, `virt.flash1` at 0x04000000). */
  readonly flash: readonly [PFlashCfi01, PFlashCfi01];
  readonly clock: VirtualClock;
  readonly gic: ArmGic;
  /** The GICv2m MSI frame. */
  readonly gicV2m: ArmGicV2m;
  readonly uart: PL011;
  readonly rtc: PL031;
  /** The fw_cfg device. */
  readonly fwCfg: FwCfg;
  /** The PL061 GPIO (line 3: the gpio-keys power button). */
  readonly gpio: PL061;
  /** The 32 virtio-mmio transports (no backends). */
  readonly virtio: readonly VirtioMmio[];
  /** The generic PCIe host bridge. */
  readonly pcie: PciHostGpex;
  readonly cpu: ArmCpu;
  /** The CPU's generic timer. */
  readonly gtimer: GenericTimer;
  readonly tlb: CpuTlb;
  readonly exec: CpuExec;
  /** The device tree given to the guest. */
  dtb: Uint8Array;
  /** How the images were placed. */
  boot: BootPlan | null = null;
  /** Loaded plugins (see plugins/loader.ts). */
  readonly plugins: PluginManager;
  /** The generated tree as first built, per initrd placement (QEMU's ROM blob of the tree). */
  #dtbImage: { key: string; blob: Uint8Array } | null = null;
  #started = false;
  #finished = false;
  #quit = false;

  /** Builds the board and loads the images. Throws UsageError/ImageError on bad input. */
  constructor(opts: VirtOptions) {
    this.opts = opts;
    const log = opts.log;
    if (opts.dtb) parseFdt(opts.dtb.bytes, opts.dtb.path); // rejects a malformed -dtb early
    this.clock = new VirtualClock();
    if (opts.icountShift !== undefined && opts.icountShift >= 0) {
      this.clock.icountShift = opts.icountShift;
    }
    this.sysmem = MemoryRegion.container("system", 0x1_0000_0000);
    this.as = new AddressSpace("memory", this.sysmem, log);
    this.ram = MemoryRegion.ram("mach-virt.ram", opts.ramSize);
    this.sysmem.addSubregion(VirtMemmap.mem.base, this.ram);
    const bank = VirtMemmap.flash.size / 2;
    this.flash = [0, 1].map((i) =>
      new PFlashCfi01({ ...VIRT_FLASH_CONFIG, name: `virt.flash${i}`, log })
    ) as [PFlashCfi01, PFlashCfi01];
    this.flash.forEach((f, i) =>
      this.sysmem.addSubregion(VirtMemmap.flash.base + i * bank, f.mmio)
    );

    this.gic = new ArmGic({ numCpus: 1, numIrq: 288, log });
    this.sysmem.addSubregion(VirtMemmap.gicDist.base, this.gic.distMmio);
    this.sysmem.addSubregion(VirtMemmap.gicCpu.base, this.gic.cpuMmio);
    this.gicV2m = new ArmGicV2m({ baseSpi: VirtIrq.gicV2m, numSpi: VIRT_NUM_GICV2M_SPIS, log });
    this.sysmem.addSubregion(VirtMemmap.gicV2m.base, this.gicV2m.mmio);
    this.gicV2m.spi.forEach((l, i) => l.connect((v) => this.gic.spi(VirtIrq.gicV2m + i).set(v)));
    this.uart = new PL011({ chardev: opts.chardev, log });
    this.sysmem.addSubregion(VirtMemmap.uart.base, this.uart.mmio);
    this.uart.irq.connect((l) => this.gic.spi(VirtIrq.uart).set(l));
    this.rtc = new PL031({
      clock: this.clock,
      log,
      hostSeconds: opts.rtcSeconds !== undefined ? () => opts.rtcSeconds! : undefined,
    });
    this.sysmem.addSubregion(VirtMemmap.rtc.base, this.rtc.mmio);
    this.rtc.irq.connect((l) => this.gic.spi(VirtIrq.rtc).set(l));

    this.pcie = new PciHostGpex();
    const { pcieMmio, pciePio } = VirtMemmap;
    this.sysmem.addSubregion(
      pcieMmio.base,
      this.pcie.mmioAlias("pcie-mmio", pcieMmio.base, pcieMmio.size),
    );
    this.sysmem.addSubregion(pciePio.base, this.pcie.ioWindow);
    // The ECAM window is above 4 GiB (0x4010000000), outside this 32-bit address space.
    this.pcie.irq.forEach((l, i) => l.connect((v) => this.gic.spi(VirtIrq.pcie + i).set(v)));

    this.gpio = new PL061({ log, pullups: 0, pulldowns: 0xff });
    this.sysmem.addSubregion(VirtMemmap.gpio.base, this.gpio.mmio);
    this.gpio.irq.connect((l) => this.gic.spi(VirtIrq.gpio).set(l));

    this.virtio = Array.from({ length: VIRT_NUM_VIRTIO_TRANSPORTS }, (_, i) => {
      const t = new VirtioMmio();
      this.sysmem.addSubregion(VirtMemmap.mmio.base + i * VirtMemmap.mmio.size, t.mmio);
      t.irq.connect((l) => this.gic.spi(VirtIrq.mmio + i).set(l));
      return t;
    });

    this.fwCfg = createVirtFwCfg({
      numCpus: 1,
      ramSize: opts.ramSize,
      nographic: opts.nographic ?? false,
      dma: {
        read: (addr, len) => {
          if (addr + BigInt(len) > 0x1_0000_0000n) return null;
          const bytes = this.as.readBytes(Number(addr), len);
          return this.as.txResult === 0 ? bytes : null;
        },
        write: (addr, data) => {
          if (addr + BigInt(data.length) > 0x1_0000_0000n) return false;
          this.as.writeBytes(Number(addr), data);
          return this.as.txResult === 0;
        },
      },
    });
    const fw = VirtMemmap.fwCfg.base;
    this.sysmem.addSubregion(fw + FwCfgMmio.data, this.fwCfg.data);
    this.sysmem.addSubregion(fw + FwCfgMmio.ctl, this.fwCfg.ctl);
    this.sysmem.addSubregion(fw + FwCfgMmio.dma, this.fwCfg.dma);

    this.cpu = new ArmCpu(0, log, opts.neon ?? true);
    this.gic.cpuIrq[0].connect((l) => this.cpu.setIrq(l));
    this.gic.cpuFiq[0].connect((l) => this.cpu.setFiq(l));
    // Generic timer: the counter reads the instruction count of the running vCPU under icount.
    this.gtimer = new GenericTimer({
      clock: this.clock,
      nowNs: () => {
        this.clock.icount = this.exec.icount + this.cpu.syncIcount;
        return this.clock.now();
      },
    });
    this.cpu.gtimer = this.gtimer;
    const ppi = (n: number) => this.gic.ppi(0, GIC_NR_SGIS + n);
    this.gtimer.irq[GtTimer.PHYS].connect((l) => ppi(VirtTimerPpi.nsEl1).set(l));
    this.gtimer.irq[GtTimer.VIRT].connect((l) => ppi(VirtTimerPpi.virt).set(l));
    // The PMU's overflow interrupt goes to PPI 7 (QEMU's "pmu-interrupt" wiring), although
    // QEMU's device tree describes no PMU interrupt for an ARMv7 CPU.
    const pmu = attachPmu(this.cpu, {
      clock: this.clock,
      nowNs: () => {
        this.clock.icount = this.exec.icount + this.cpu.syncIcount;
        return this.clock.now();
      },
      icount: () => this.exec.icount + this.cpu.syncIcount,
    });
    pmu.irq.connect((l) => ppi(VIRT_PMU_PPI).set(l));
    this.tlb = new CpuTlb(this.cpu, this.as, this.ram);
    this.exec = new CpuExec(this.cpu, this.tlb, this.clock, log);
    this.exec.singleStep = opts.singleStep === true;
    this.clock.onEarlierDeadline = () => this.exec.kick();
    this.plugins = new PluginManager(log);
    this.plugins.host = this.#pluginHost();
    this.exec.plugins = this.plugins;
    this.as.onRamWrite = (_mr, off, len) => {
      // Any write into RAM that holds translated code (slow-path stores, loaders, plugins)
      // invalidates the TBs it overlaps.
      const pa = VirtMemmap.mem.base + off;
      const cp = this.tlb.codePages;
      const first = pa >>> 12, last = (pa + len - 1) >>> 12;
      if (cp[first]) this.exec.invalidateCode(pa, Math.min(len, ((first + 1) << 12) - pa));
      if (last !== first && cp[last]) this.exec.invalidateCode(last << 12, pa + len - (last << 12));
    };
    H.board = {
      psciCall: (cpu, fn) =>
        psciCall(cpu, fn, {
          numCpus: 1,
          systemOff: () => {
            throw new ExitRequest("poweroff", 0);
          },
          systemReset: () => {
            throw new ExitRequest("reset", 0);
          },
        }),
    };
    this.dtb = this.#buildDtb();
    this.reset();
  }

  /**
   * The tree the guest gets: a `-dtb` file as given, else the generated one, built once as QEMU
   * builds it at machine creation; with `dtb-randomness` each call draws a new rng-seed into a
   * copy (QEMU re-randomizes its ROM copy of the tree on every reset).
   */
  #buildDtb(initrd?: { start: number; end: number }): Uint8Array {
    if (this.opts.dtb) return this.opts.dtb.bytes;
    const randomness = this.opts.dtbRandomness ?? true;
    const random = this.opts.random ?? hostRandom;
    const key = initrd ? `${initrd.start}-${initrd.end}` : "";
    if (this.#dtbImage?.key !== key) {
      this.#dtbImage = {
        key,
        blob: buildVirtDtb({
          ramBase: VirtMemmap.mem.base,
          ramSize: this.opts.ramSize,
          cpuCompatible: "arm,cortex-a15",
          numCpus: 1,
          bootargs: this.opts.append,
          initrd,
          random: randomness ? random : undefined,
        }),
      };
    }
    const blob = this.#dtbImage.blob.slice();
    if (randomness) fdtRandomizeSeeds(blob, random);
    return blob;
  }

  #resetDone = false;

  /** System reset: devices, CPU, and the images loaded again. */
  reset(): void {
    // A fresh ArrayBuffer is already zero: clearing it would only make all of guest RAM
    // resident (and cost start-up time); later resets (guest reboot) clear it.
    if (this.#resetDone) this.ram.ram!.fill(0);
    this.#resetDone = true;
    this.exec.flushTbs();
    this.tlb.flushAll();
    this.gic.reset();
    this.uart.reset();
    this.rtc.reset();
    this.gpio.reset();
    for (const f of this.flash) f.reset();
    this.fwCfg.reset();
    this.pcie.reset();
    this.cpu.reset();
    const k = this.opts.kernel;
    if (!k) return;
    this.boot = planBoot({
      ramBase: VirtMemmap.mem.base,
      ramSize: this.opts.ramSize,
      kernel: k.bytes,
      kernelPath: k.path,
      initrd: this.opts.initrd?.bytes,
      initrdPath: this.opts.initrd?.path,
      // The generated blob is already QEMU's 1 MiB in-memory blob; a -dtb file gets QEMU's
      // free space after it.
      dtb: (info) => {
        this.dtb = this.#buildDtb(info.initrd);
        return this.opts.dtb ? padFdt(this.dtb, fdtFileLoadSize(this.dtb.length)) : this.dtb;
      },
      dtbPath: this.opts.dtb?.path,
    });
    for (const l of this.boot.loads) this.as.writeBytes(l.addr, l.data, { rom: true });
    // The CPU starts at the plan's start (QEMU's boot stub for Linux) with r0-r2 = 0.
    this.cpu.r[15] = this.boot.start;
    if (this.boot.thumb) this.cpu.writeCpsr(CPSR_T, CPSR_T);
  }

  /** What plugins may do to the machine. */
  #pluginHost(): PluginHost {
    // deno-lint-ignore no-this-alias
    const m = this;
    return {
      numVcpus: 1,
      cpu: m.cpu,
      translateVaddr(va: number, isStore: boolean): number | null {
        const idx = m.cpu.mode === Mode.USR ? MmuIdx.USER : MmuIdx.KERNEL;
        const off = m.tlb.ramHit(va, isStore, idx);
        if (off >= 0) return (VirtMemmap.mem.base + off) >>> 0;
        try {
          return m.tlb.translate(va >>> 0, isStore ? Access.WRITE : Access.READ, idx) >>> 0;
        } catch {
          return null;
        }
      },
      readPhys(addr: number, len: number) {
        const bytes = m.as.readBytes(addr, len);
        return { ok: m.as.txResult === 0, bytes };
      },
      writePhys(addr: number, bytes: Uint8Array) {
        m.as.writeBytes(addr, bytes);
        return m.as.txResult === 0;
      },
      describePhys(pa: number) {
        // Main RAM is the common case (memory callbacks on every access): no FlatView walk.
        const inRam = (pa >>> 0) - VirtMemmap.mem.base;
        if (inRam >= 0 && inRam < m.opts.ramSize) {
          return { isIo: false, name: m.ram.name, offset: inRam, register: null };
        }
        const r = m.as.resolve(pa);
        if (!r) return null;
        return {
          isIo: r.region.kind === "io",
          name: r.region.name,
          offset: r.offset,
          register: r.region.registerName?.(r.offset) ?? null,
        };
      },
      symbol: (addr: number) => m.boot?.symbols?.get(addr >>> 0) ?? null,
      flushTbs: () => m.exec.flushTbs(),
      setTimeNs: (ns: number) => m.clock.advance(ns - m.clock.now()),
    };
  }

  /** Starts the vCPU for plugins (vcpu_init); called by the run methods. */
  #start(): void {
    if (this.#started) return;
    this.#started = true;
    this.plugins.vcpuInit(0);
  }

  /** Ends emulation for plugins: vcpu_exit and atexit callbacks, once. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.plugins.vcpuExit(0);
    this.plugins.atexit();
  }

  /** Asks the run loop to stop (Ctrl-A x). */
  requestQuit(): void {
    this.#quit = true;
    this.cpu.exitRequest = 1;
  }

  /** Guest instructions executed so far. */
  get icount(): number {
    return this.exec.icount;
  }

  /** Instructions to run before the next timer is due (icount) or the next host check. */
  #slice(): number {
    const SLICE = 1 << 20;
    if (this.clock.icountShift < 0) return SLICE;
    this.clock.icount = this.exec.icount;
    const d = this.clock.nextDeadline();
    if (d < 0) return SLICE;
    const left = Math.ceil((d - this.clock.now()) / 2 ** this.clock.icountShift);
    return Math.max(1, Math.min(SLICE, left));
  }

  /**
   * Runs synchronously for at most `maxInsns` instructions (tests, benchmarks). WFI with no
   * timer armed ends the run as "budget".
   */
  runSync(maxInsns = Infinity): RunResult {
    const end = this.exec.icount + maxInsns;
    this.#start();
    for (;;) {
      if (this.#quit) return { reason: "quit", status: 0 };
      const budget = Math.min(this.#slice(), end - this.exec.icount);
      if (budget <= 0) return { reason: "budget", status: 0 };
      const r = this.exec.execute(budget);
      const done = this.#after(r);
      if (done) return done;
      if (r === "halted") {
        const d = this.clock.nextDeadline();
        if (d < 0 && !this.cpu.irqLine) return { reason: "budget", status: 0 };
        if (d >= 0) this.clock.advance(Math.max(0, d - this.clock.now()));
      }
    }
  }

  /** Runs until the guest powers off or the user quits; WFI sleeps the host. */
  async run(): Promise<RunResult> {
    let lastYield = performance.now();
    this.#start();
    for (;;) {
      if (this.#quit) {
        this.finish();
        return { reason: "quit", status: 0 };
      }
      const r = this.exec.execute(this.#slice());
      const done = this.#after(r);
      if (done) {
        this.finish();
        return done;
      }
      if (r === "halted") {
        await this.#idle();
        lastYield = performance.now();
      } else if (performance.now() - lastYield > 50) {
        await new Promise((res) => setTimeout(res, 0));
        lastYield = performance.now();
      }
    }
  }

  /** Common work after a slice: timers, input, and the exit/reset decision. */
  #after(r: ReturnType<CpuExec["execute"]>): RunResult | null {
    this.clock.icount = this.exec.icount;
    this.clock.run();
    this.opts.chardev.poll();
    if (r instanceof ExitRequest) {
      if (r.reason === "reset") {
        if (this.opts.noReboot) return { reason: "reset", status: 0 };
        this.reset();
        return null;
      }
      return { reason: r.reason, status: r.status };
    }
    return null;
  }

  /** Waits (host time) until the next timer deadline or input while the vCPU sleeps. */
  async #idle(): Promise<void> {
    const d = this.clock.nextDeadline();
    if (this.clock.icountShift >= 0) {
      // icount: skip virtual time to the deadline instead of sleeping.
      if (d >= 0) this.clock.advance(Math.max(0, d - this.clock.now()));
      else await new Promise((res) => setTimeout(res, 10));
      return;
    }
    const ms = d < 0 ? 50 : Math.max(0, (d - this.clock.now()) / 1e6);
    await new Promise((res) => setTimeout(res, Math.min(ms, 50)));
  }
}

/** Parses a `-m` size (`256`, `256M`, `1G`, `512k`) in MiB by default; throws UsageError. */
export function parseRamSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmMgGtT]?)[bB]?$/.exec(text.trim());
  if (!m) throw new UsageError(`-m ${text}: invalid RAM size`);
  const mult: Record<string, number> = {
    "": 2 ** 20,
    k: 2 ** 10,
    m: 2 ** 20,
    g: 2 ** 30,
    t: 2 ** 40,
  };
  const bytes = Math.floor(Number(m[1]) * mult[m[2].toLowerCase()]);
  if (bytes < 2 ** 20) throw new UsageError(`-m ${text}: RAM size too small (at least 1M)`);
  if (bytes > 2 ** 31) {
    throw new UsageError(`-m ${text}: RAM size too large (at most 2G without LPAE)`);
  }
  if (bytes % 4096 !== 0) throw new UsageError(`-m ${text}: RAM size must be a multiple of 4K`);
  return bytes;
}
