/**
 * ARM Generic Interrupt Controller v2 (distributor + CPU interface), as QEMU 7.2's `arm_gic`
 * is configured by `-M virt -cpu cortex-a15`: revision 2, no security extensions, no
 * virtualization extensions, 8 priority bits, 288 interrupt IDs by default.
 *
 * The distributor takes 8-, 16- and 32-bit accesses everywhere (QEMU splits them into byte
 * accesses); GICD_SGIR acts only on a 32-bit write. The CPU interface takes any size and
 * decodes the byte offset as given, as QEMU does. Guest mistakes are logged under
 * `guest_errors` with QEMU's messages.
 *
 * @module
 */

import { IrqLine } from "../core/irq.ts";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { qemuLog } from "../../util/log.ts";
import type { Log } from "../../util/log.ts";
import { GicState } from "./arm_gic_state.ts";
import { fullPriorityMask } from "./arm_gic_state.ts";
import {
  ALL_CPU_MASK,
  GIC_INTERNAL,
  GIC_MAXIRQ,
  GIC_MIN_ABPR,
  GIC_MIN_BPR,
  GIC_NCPU,
  GIC_NR_APRS,
  GIC_NR_SGIS,
  GICC_ABPR,
  GICC_APR,
  GICC_BPR,
  GICC_CTLR,
  GICC_CTLR_V2_MASK,
  GICC_DIR,
  GICC_EOIR,
  GICC_EOIR_ID_MASK,
  GICC_HPPIR,
  GICC_IAR,
  GICC_IIDR,
  GICC_IIDR_VALUE,
  GICC_NSAPR,
  GICC_PMR,
  GICC_RPR,
  gicCpuRegisterName,
  GICD_CPENDSGIR,
  GICD_CTLR,
  GICD_CTLR_EN_GRP0,
  GICD_CTLR_EN_GRP1,
  GICD_ICACTIVER,
  GICD_ICENABLER,
  GICD_ICFGR,
  GICD_ICPENDR,
  GICD_ID_GICV2,
  GICD_IGROUPR,
  GICD_IIDR,
  GICD_IIDR_VALUE,
  GICD_IPRIORITYR,
  GICD_ISACTIVER,
  GICD_ISENABLER,
  GICD_ISPENDR,
  GICD_ITARGETSR,
  GICD_PIDR4,
  GICD_SGIR,
  GICD_SGIR_FILTER_SHIFT,
  GICD_SGIR_INTID_MASK,
  GICD_SGIR_TARGETS_SHIFT,
  GICD_SPENDSGIR,
  GICD_TYPER,
  gicDistRegisterName,
} from "./arm_gic_regs.ts";

/** Size of the distributor region. */
export const GIC_DIST_SIZE = 0x1000;
/** Size of the GICv2 CPU interface region. */
export const GIC_CPU_SIZE = 0x2000;

const hex = (n: number) => (n >>> 0).toString(16);
const sizeMask = (size: number) => (size === 4 ? 0xffffffff : (1 << (8 * size)) - 1);

/** A GICv2 with its two MMIO regions, input lines and CPU outputs. */
export class ArmGic {
  /** Distributor registers: IO region "gic_dist", 0x1000 bytes. */
  readonly distMmio: MemoryRegion;
  /** CPU interface of the accessing CPU: IO region "gic_cpu", 0x2000 bytes. */
  readonly cpuMmio: MemoryRegion;
  /** IRQ output of each CPU interface (the board connects them to the CPUs). */
  readonly cpuIrq: IrqLine[];
  /** FIQ output of each CPU interface. */
  readonly cpuFiq: IrqLine[];
  /**
   * Index of the CPU making the current MMIO access (QEMU's `current_cpu`); an SMP run loop
   * sets it before running a vCPU. Ignored with a single CPU.
   */
  currentCpu = 0;

  readonly #s: GicState;
  readonly #log: Log;
  readonly #spis: IrqLine[];
  readonly #ppis: IrqLine[][];

  /** Creates a GIC with `numCpus` CPU interfaces (default 1) and `numIrq` IDs (default 288). */
  constructor(opts: { numCpus?: number; numIrq?: number; log?: Log } = {}) {
    const s = new GicState(opts.numCpus ?? 1, opts.numIrq ?? 288);
    this.#s = s;
    this.#log = opts.log ?? qemuLog;
    this.cpuIrq = s.cpuIrq;
    this.cpuFiq = s.cpuFiq;
    this.#spis = [];
    for (let n = 0; n < s.numIrq - GIC_INTERNAL; n++) {
      const irq = GIC_INTERNAL + n;
      this.#spis.push(new IrqLine((level) => s.setIrq(irq, ALL_CPU_MASK, s.target[irq], level)));
    }
    this.#ppis = [];
    for (let cpu = 0; cpu < s.numCpus; cpu++) {
      const lines: IrqLine[] = [];
      for (let irq = GIC_NR_SGIS; irq < GIC_INTERNAL; irq++) {
        lines.push(new IrqLine((level) => s.setIrq(irq, 1 << cpu, 1 << cpu, level)));
      }
      this.#ppis.push(lines);
    }
    this.distMmio = MemoryRegion.io("gic_dist", GIC_DIST_SIZE, {
      read: (off, size) => this.#distRead(off, size),
      write: (off, value, size) => this.#distWrite(off, value, size),
    });
    this.distMmio.registerName = (off) => gicDistRegisterName(off, s.numIrq);
    this.cpuMmio = MemoryRegion.io("gic_cpu", GIC_CPU_SIZE, {
      read: (off, size) => this.#cpuRead(this.#cpu(), off) & sizeMask(size),
      write: (off, value, size) => this.#cpuWrite(this.#cpu(), off, value & sizeMask(size)),
    });
    this.cpuMmio.registerName = gicCpuRegisterName;
  }

  /** Input line of shared peripheral interrupt `n` (INTID 32+n). */
  spi(n: number): IrqLine {
    const line = this.#spis[n];
    if (line === undefined) throw new RangeError(`arm_gic: no SPI ${n}`);
    return line;
  }

  /** Input line of private peripheral interrupt `intid` (16..31) of CPU `cpu`. */
  ppi(cpu: number, intid: number): IrqLine {
    const line = this.#ppis[cpu]?.[intid - GIC_NR_SGIS];
    if (line === undefined) throw new RangeError(`arm_gic: no PPI ${intid} on CPU ${cpu}`);
    return line;
  }

  /** Resets the GIC to its power-on state; input line levels are forgotten, outputs lowered. */
  reset(): void {
    this.#s.reset();
  }

  #cpu(): number {
    return this.#s.numCpus > 1 ? this.currentCpu : 0;
  }

  #badOffset(fn: string, offset: number): void {
    this.#log.log("guest_errors", `${fn}: Bad offset ${hex(offset)}\n`);
  }

  // ---- Distributor ----

  #distRead(offset: number, size: number): number {
    let v = 0;
    for (let i = 0; i < size; i++) v |= this.#distReadByte(offset + i) << (8 * i);
    return v >>> 0;
  }

  #distWrite(offset: number, value: number, size: number): void {
    if (size === 4 && offset === GICD_SGIR) {
      this.#writeSgir(value);
      return;
    }
    for (let i = 0; i < size; i++) this.#distWriteByte(offset + i, (value >>> (8 * i)) & 0xff);
  }

  /** Reads one byte of the distributor (QEMU's gic_dist_readb). */
  #distReadByte(offset: number): number {
    const s = this.#s;
    const cpu = this.#cpu();
    const cm = 1 << cpu;
    if (offset < GICD_ISENABLER) {
      if (offset === GICD_CTLR) return s.ctlr;
      if (offset === GICD_TYPER) return ((s.numIrq >> 5) - 1) | ((s.numCpus - 1) << 5);
      if (offset === GICD_TYPER + 1) return 0; // SecurityExtn = 0
      if (offset >= GICD_IIDR && offset < GICD_IIDR + 4) {
        return (GICD_IIDR_VALUE >>> (8 * (offset - GICD_IIDR))) & 0xff;
      }
      if (offset < GICD_IIDR + 4) return 0;
      if (offset >= GICD_IGROUPR) {
        const irq = (offset - GICD_IGROUPR) * 8;
        if (irq >= s.numIrq) return this.#distBadRead(offset);
        return this.#bits8(irq, (i) => (s.group[i] & cm) !== 0);
      }
      return this.#distBadRead(offset);
    }
    if (offset < GICD_ISPENDR) {
      const irq = (offset - (offset < GICD_ICENABLER ? GICD_ISENABLER : GICD_ICENABLER)) * 8;
      if (irq >= s.numIrq) return this.#distBadRead(offset);
      return this.#bits8(irq, (i) => (s.enabled[i] & cm) !== 0);
    }
    if (offset < GICD_ISACTIVER) {
      const irq = (offset - (offset < GICD_ICPENDR ? GICD_ISPENDR : GICD_ICPENDR)) * 8;
      if (irq >= s.numIrq) return this.#distBadRead(offset);
      const mask = irq < GIC_INTERNAL ? cm : ALL_CPU_MASK;
      return this.#bits8(irq, (i) => s.testPending(i, mask));
    }
    if (offset < GICD_IPRIORITYR) {
      const irq = (offset - (offset < GICD_ICACTIVER ? GICD_ISACTIVER : GICD_ICACTIVER)) * 8;
      if (irq >= s.numIrq) return this.#distBadRead(offset);
      const mask = irq < GIC_INTERNAL ? cm : ALL_CPU_MASK;
      return this.#bits8(irq, (i) => (s.active[i] & mask) !== 0);
    }
    if (offset < GICD_ITARGETSR) {
      const irq = offset - GICD_IPRIORITYR;
      if (irq >= s.numIrq) return this.#distBadRead(offset);
      return s.getPriority(irq, cpu) & fullPriorityMask();
    }
    if (offset < GICD_ICFGR) {
      // Uniprocessor GICs make the targets RAZ/WI.
      if (s.numCpus === 1) return 0;
      const irq = offset - GICD_ITARGETSR;
      if (irq >= s.numIrq) return this.#distBadRead(offset);
      return irq < GIC_INTERNAL ? cm : s.target[irq];
    }
    if (offset < GICD_SGIR) {
      const irq = (offset - GICD_ICFGR) * 4;
      if (irq >= s.numIrq) return this.#distBadRead(offset);
      let v = 0;
      for (let i = 0; i < 4; i++) {
        // Bit 0 of each field (1-N model) is always 0 on a GICv2.
        if (s.edgeTrigger[irq + i]) v |= 2 << (i * 2);
      }
      return v;
    }
    if (offset < GICD_CPENDSGIR) return this.#distBadRead(offset);
    if (offset < GICD_SPENDSGIR + GIC_NR_SGIS) {
      const irq = (offset - GICD_CPENDSGIR) & (GIC_NR_SGIS - 1);
      return s.sgiPending[cpu * GIC_NR_SGIS + irq];
    }
    if (offset < GICD_PIDR4) return this.#distBadRead(offset);
    if (offset & 3) return 0;
    return GICD_ID_GICV2[(offset - GICD_PIDR4) >> 2];
  }

  #distBadRead(offset: number): number {
    this.#badOffset("gic_dist_readb", offset);
    return 0;
  }

  /** Eight bits, bit i set when `test(irq + i)`. */
  #bits8(irq: number, test: (irq: number) => boolean): number {
    let v = 0;
    for (let i = 0; i < 8; i++) if (test(irq + i)) v |= 1 << i;
    return v;
  }

  /** Writes one byte of the distributor (QEMU's gic_dist_writeb). */
  #distWriteByte(offset: number, value: number): void {
    const s = this.#s;
    const cpu = this.#cpu();
    const cm = 1 << cpu;
    if (offset < GICD_ISENABLER) {
      if (offset === GICD_CTLR) {
        s.ctlr = value & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1);
      } else if (offset < GICD_TYPER) {
        // Upper bytes of GICD_CTLR: ignored.
      } else if (offset >= GICD_IGROUPR) {
        const irq = (offset - GICD_IGROUPR) * 8;
        if (irq >= s.numIrq) return this.#badOffset("gic_dist_writeb", offset);
        const bank = irq < GIC_INTERNAL ? cm : ALL_CPU_MASK;
        for (let i = 0; i < 8; i++) {
          if (value & (1 << i)) s.group[irq + i] |= bank;
          else s.group[irq + i] &= ~bank;
        }
      } else {
        return this.#badOffset("gic_dist_writeb", offset);
      }
    } else if (offset < GICD_ICENABLER) {
      const irq = (offset - GICD_ISENABLER) * 8;
      if (irq >= s.numIrq) return this.#badOffset("gic_dist_writeb", offset);
      if (irq < GIC_NR_SGIS) value = 0xff; // SGIs are always enabled
      const bank = irq < GIC_INTERNAL ? cm : ALL_CPU_MASK;
      for (let i = 0; i < 8; i++) if (value & (1 << i)) s.enabled[irq + i] |= bank;
    } else if (offset < GICD_ISPENDR) {
      const irq = (offset - GICD_ICENABLER) * 8;
      if (irq >= s.numIrq) return this.#badOffset("gic_dist_writeb", offset);
      if (irq < GIC_NR_SGIS) value = 0;
      const bank = irq < GIC_INTERNAL ? cm : ALL_CPU_MASK;
      for (let i = 0; i < 8; i++) if (value & (1 << i)) s.enabled[irq + i] &= ~bank;
    } else if (offset < GICD_ICPENDR) {
      const irq = (offset - GICD_ISPENDR) * 8;
      if (irq >= s.numIrq) return this.#badOffset("gic_dist_writeb", offset);
      if (irq < GIC_NR_SGIS) value = 0; // SGIs: use GICD_SPENDSGIR
      // QEMU 7.2 uses the target byte for PPIs too: 1 on a uniprocessor GIC, but 0 after
      // reset on an SMP one (QEMU 9.1 uses the accessing CPU instead).
      for (let i = 0; i < 8; i++) if (value & (1 << i)) s.pending[irq + i] |= s.target[irq + i];
    } else if (offset < GICD_ISACTIVER) {
      const irq = (offset - GICD_ICPENDR) * 8;
      if (irq >= s.numIrq) return this.#badOffset("gic_dist_writeb", offset);
      if (irq < GIC_NR_SGIS) value = 0;
      // As QEMU: clears the pending state for every CPU, even for private interrupts.
      for (let i = 0; i < 8; i++) if (value & (1 << i)) s.pending[irq + i] = 0;
    } else if (offset < GICD_IPRIORITYR) {
      const set = offset < GICD_ICACTIVER;
      const irq = (offset - (set ? GICD_ISACTIVER : GICD_ICACTIVER)) * 8;
      if (irq >= s.numIrq) return this.#badOffset("gic_dist_writeb", offset);
      const bank = irq < GIC_INTERNAL ? cm : ALL_CPU_MASK;
      for (let i = 0; i < 8; i++) {
        if (!(value & (1 << i))) continue;
        if (set) s.active[irq + i] |= bank;
        else s.active[irq + i] &= ~bank;
      }
    } else if (offset < GICD_ITARGETSR) {
      const irq = offset - GICD_IPRIORITYR;
      if (irq >= s.numIrq) return this.#badOffset("gic_dist_writeb", offset);
      s.setPriority(irq, cpu, value);
    } else if (offset < GICD_ICFGR) {
      if (s.numCpus !== 1) {
        const irq = offset - GICD_ITARGETSR;
        if (irq >= s.numIrq) return this.#badOffset("gic_dist_writeb", offset);
        // As QEMU 7.2, the pending state stays with the old targets (QEMU 9.1 moves it).
        s.target[irq] = irq < GIC_INTERNAL ? ALL_CPU_MASK : value & ALL_CPU_MASK;
      }
    } else if (offset < GICD_SGIR) {
      const irq = (offset - GICD_ICFGR) * 4;
      if (irq >= s.numIrq) return this.#badOffset("gic_dist_writeb", offset);
      if (irq < GIC_NR_SGIS) value |= 0xaa; // SGIs are always edge-triggered
      for (let i = 0; i < 4; i++) s.edgeTrigger[irq + i] = (value >> (i * 2 + 1)) & 1;
    } else if (offset < GICD_CPENDSGIR) {
      // GICD_SGIR only acts on 32-bit writes.
      return this.#badOffset("gic_dist_writeb", offset);
    } else if (offset < GICD_SPENDSGIR) {
      const i = cpu * GIC_NR_SGIS + (offset - GICD_CPENDSGIR);
      s.sgiPending[i] &= ~value;
      if (s.sgiPending[i] === 0) s.pending[offset - GICD_CPENDSGIR] &= ~cm;
    } else if (offset < GICD_SPENDSGIR + GIC_NR_SGIS) {
      const irq = offset - GICD_SPENDSGIR;
      s.pending[irq] |= cm;
      s.sgiPending[cpu * GIC_NR_SGIS + irq] |= value;
    } else {
      return this.#badOffset("gic_dist_writeb", offset);
    }
    s.update();
  }

  /** A 32-bit write to GICD_SGIR: makes an SGI pending on the selected CPUs. */
  #writeSgir(value: number): void {
    const s = this.#s;
    const cpu = this.#cpu();
    const irq = value & GICD_SGIR_INTID_MASK;
    let mask: number;
    switch ((value >>> GICD_SGIR_FILTER_SHIFT) & 3) {
      case 0: // the CPUs in the target list
        mask = (value >>> GICD_SGIR_TARGETS_SHIFT) & ALL_CPU_MASK;
        break;
      case 1: // every CPU but this one
        mask = ALL_CPU_MASK ^ (1 << cpu);
        break;
      case 2: // this CPU only
        mask = 1 << cpu;
        break;
      default: // reserved: QEMU targets every CPU
        mask = ALL_CPU_MASK;
    }
    s.pending[irq] |= mask;
    for (let t = 0; t < Math.min(GIC_NCPU, s.numCpus); t++) {
      if (mask & (1 << t)) s.sgiPending[t * GIC_NR_SGIS + irq] |= 1 << cpu;
    }
    s.update();
  }

  // ---- CPU interface ----

  /** Reads a CPU interface register (QEMU's gic_cpu_read); the caller truncates to size. */
  #cpuRead(cpu: number, offset: number): number {
    const s = this.#s;
    switch (offset) {
      case GICC_CTLR:
        return s.cpuCtlr[cpu];
      case GICC_PMR:
        return s.priorityMask[cpu];
      case GICC_BPR:
        return s.bpr[cpu];
      case GICC_IAR:
        return s.acknowledge(cpu);
      case GICC_RPR:
        return s.runningPriority[cpu] > 0xff ? 0xff : s.runningPriority[cpu];
      case GICC_HPPIR:
        return s.currentPendingIrq(cpu);
      case GICC_ABPR:
        return s.abpr[cpu];
      case GICC_IIDR:
        return GICC_IIDR_VALUE;
    }
    if (offset >= GICC_APR && offset < GICC_APR + 4 * GIC_NR_APRS && (offset & 3) === 0) {
      return s.apr[cpu * GIC_NR_APRS + ((offset - GICC_APR) >> 2)];
    }
    if (offset >= GICC_NSAPR && offset < GICC_NSAPR + 4 * GIC_NR_APRS && (offset & 3) === 0) {
      return s.nsapr[cpu * GIC_NR_APRS + ((offset - GICC_NSAPR) >> 2)];
    }
    this.#badOffset("gic_cpu_read", offset);
    return 0;
  }

  /** Writes a CPU interface register (QEMU's gic_cpu_write). */
  #cpuWrite(cpu: number, offset: number, value: number): void {
    const s = this.#s;
    switch (offset) {
      case GICC_CTLR:
        s.cpuCtlr[cpu] = value & GICC_CTLR_V2_MASK;
        break;
      case GICC_PMR:
        s.priorityMask[cpu] = value & fullPriorityMask();
        break;
      case GICC_BPR:
        s.bpr[cpu] = Math.max(value & 7, GIC_MIN_BPR);
        break;
      case GICC_EOIR:
        s.complete(cpu, value & GICC_EOIR_ID_MASK);
        return;
      case GICC_ABPR:
        s.abpr[cpu] = Math.max(value & 7, GIC_MIN_ABPR);
        break;
      case GICC_DIR:
        this.#deactivate(cpu, value & GICC_EOIR_ID_MASK);
        break;
      default:
        if (offset >= GICC_APR && offset < GICC_APR + 4 * GIC_NR_APRS && (offset & 3) === 0) {
          s.apr[cpu * GIC_NR_APRS + ((offset - GICC_APR) >> 2)] = value;
          s.refreshRunningPriority(cpu);
        } else if (
          offset >= GICC_NSAPR && offset < GICC_NSAPR + 4 * GIC_NR_APRS && (offset & 3) === 0
        ) {
          s.nsapr[cpu * GIC_NR_APRS + ((offset - GICC_NSAPR) >> 2)] = value;
          s.refreshRunningPriority(cpu);
        } else {
          this.#badOffset("gic_cpu_write", offset);
          return;
        }
    }
    s.update();
  }

  /** GICC_DIR: deactivates `irq`; only meaningful with GICC_CTLR.EOImode set. */
  #deactivate(cpu: number, irq: number): void {
    const s = this.#s;
    if (irq >= GIC_MAXIRQ || irq >= s.numIrq) return;
    if (!s.eoiSplit(cpu)) {
      this.#log.log("guest_errors", "gic_deactivate_irq: GICC_DIR write when EOIMode clear\n");
      return;
    }
    s.clearActive(irq, cpu);
  }
}
