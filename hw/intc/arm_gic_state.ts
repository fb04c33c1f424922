/**
 * The state of a GICv2 and the operations on it that do not depend on how it was reached:
 * recomputing the highest-priority pending interrupt and the CPU outputs, input line
 * changes, acknowledge, priority drop and deactivation. The rules are those of QEMU 7.2's
 * `arm_gic` for a revision 2 GIC without the security or virtualization extensions.
 *
 * Per-interrupt state keeps one bit per CPU interface in a byte (as QEMU does), so the same
 * code serves private interrupts (banked: only the accessing CPU's bit) and shared ones.
 *
 * @module
 */

import { IrqLine } from "../core/irq.ts";
import {
  ALL_CPU_MASK,
  GIC_IDLE_PRIORITY,
  GIC_INTERNAL,
  GIC_MAXIRQ,
  GIC_MIN_ABPR,
  GIC_MIN_BPR,
  GIC_NCPU,
  GIC_NR_APRS,
  GIC_NR_SGIS,
  GIC_PRIORITY_BITS,
  GIC_SPURIOUS,
  GIC_SPURIOUS_GROUP1,
  GICC_CTLR_ACK_CTL,
  GICC_CTLR_CBPR,
  GICC_CTLR_EOIMODE,
  GICC_CTLR_FIQ_EN,
  GICC_IAR_CPUID_SHIFT,
  GICD_CTLR_EN_GRP0,
  GICD_CTLR_EN_GRP1,
} from "./arm_gic_regs.ts";

/** Lowest set bit index of a non-zero value (count trailing zeros). */
function ctz32(v: number): number {
  return 31 - Math.clz32(v & -v);
}

/** GICv2 distributor and CPU interface state, with the core state transitions. */
export class GicState {
  /** Number of CPU interfaces (1..8). */
  readonly numCpus: number;
  /** Number of interrupt IDs (multiple of 32, 32..992). */
  readonly numIrq: number;
  /** IRQ output of each CPU interface. */
  readonly cpuIrq: IrqLine[];
  /** FIQ output of each CPU interface. */
  readonly cpuFiq: IrqLine[];

  /** GICD_CTLR (EnableGrp0, EnableGrp1). */
  ctlr = 0;
  /** Per interrupt: CPU-interface mask of enabled. */
  readonly enabled: Uint8Array;
  /** Per interrupt: CPU-interface mask of latched pending state. */
  readonly pending: Uint8Array;
  /** Per interrupt: CPU-interface mask of active state. */
  readonly active: Uint8Array;
  /** Per interrupt: CPU-interface mask of asserted input lines. */
  readonly level: Uint8Array;
  /** Per interrupt: CPU-interface mask of Group 1 membership. */
  readonly group: Uint8Array;
  /** Per interrupt: 1 when edge-triggered, 0 when level-sensitive. */
  readonly edgeTrigger: Uint8Array;
  /** Per interrupt: GICD_ITARGETSR byte. */
  readonly target: Uint8Array;
  /** Priority of private interrupts, index `cpu * 32 + irq`. */
  readonly privPriority: Uint8Array;
  /** Priority of shared interrupts, index `irq - 32`. */
  readonly spiPriority: Uint8Array;
  /** Per SGI and target CPU, index `cpu * 16 + irq`: mask of source CPUs. */
  readonly sgiPending: Uint8Array;

  /** GICC_CTLR per CPU. */
  readonly cpuCtlr: Uint32Array;
  /** GICC_PMR per CPU. */
  readonly priorityMask: Uint16Array;
  /** Running priority per CPU (0x100 when idle). */
  readonly runningPriority: Uint16Array;
  /** Highest-priority pending interrupt per CPU as last computed by `update` (1023: none). */
  readonly currentPending: Uint16Array;
  /** GICC_BPR per CPU. */
  readonly bpr: Uint8Array;
  /** GICC_ABPR per CPU. */
  readonly abpr: Uint8Array;
  /** Active priority bits of Group 0, index `cpu * 4 + n` (GICC_APR<n>). */
  readonly apr: Uint32Array;
  /** Active priority bits of Group 1, index `cpu * 4 + n` (GICC_NSAPR<n>). */
  readonly nsapr: Uint32Array;

  /** Creates the state in its reset configuration. */
  constructor(numCpus: number, numIrq: number) {
    if (!Number.isInteger(numCpus) || numCpus < 1 || numCpus > GIC_NCPU) {
      throw new RangeError(`arm_gic: num-cpu ${numCpus} out of range 1..${GIC_NCPU}`);
    }
    if (!Number.isInteger(numIrq) || numIrq < 32 || numIrq % 32 !== 0 || numIrq > GIC_MAXIRQ) {
      throw new RangeError(`arm_gic: ${numIrq} interrupt lines unsupported`);
    }
    this.numCpus = numCpus;
    this.numIrq = numIrq;
    this.cpuIrq = Array.from({ length: numCpus }, () => new IrqLine());
    this.cpuFiq = Array.from({ length: numCpus }, () => new IrqLine());
    this.enabled = new Uint8Array(numIrq);
    this.pending = new Uint8Array(numIrq);
    this.active = new Uint8Array(numIrq);
    this.level = new Uint8Array(numIrq);
    this.group = new Uint8Array(numIrq);
    this.edgeTrigger = new Uint8Array(numIrq);
    this.target = new Uint8Array(numIrq);
    this.privPriority = new Uint8Array(GIC_INTERNAL * numCpus);
    this.spiPriority = new Uint8Array(numIrq - GIC_INTERNAL);
    this.sgiPending = new Uint8Array(GIC_NR_SGIS * numCpus);
    this.cpuCtlr = new Uint32Array(numCpus);
    this.priorityMask = new Uint16Array(numCpus);
    this.runningPriority = new Uint16Array(numCpus);
    this.currentPending = new Uint16Array(numCpus);
    this.bpr = new Uint8Array(numCpus);
    this.abpr = new Uint8Array(numCpus);
    this.apr = new Uint32Array(GIC_NR_APRS * numCpus);
    this.nsapr = new Uint32Array(GIC_NR_APRS * numCpus);
    this.reset();
  }

  /** Restores the reset state (QEMU's arm_gic_common_reset_hold) and lowers the outputs. */
  reset(): void {
    this.ctlr = 0;
    for (const a of [this.enabled, this.pending, this.active, this.level, this.group]) a.fill(0);
    this.edgeTrigger.fill(0);
    this.privPriority.fill(0);
    this.spiPriority.fill(0);
    this.sgiPending.fill(0);
    this.cpuCtlr.fill(0);
    this.priorityMask.fill(0);
    this.runningPriority.fill(GIC_IDLE_PRIORITY);
    this.currentPending.fill(GIC_SPURIOUS);
    this.bpr.fill(GIC_MIN_BPR);
    this.abpr.fill(GIC_MIN_ABPR);
    // QEMU leaves the APRs alone on reset; clearing them keeps the running priority
    // consistent with the idle state after a reboot.
    this.apr.fill(0);
    this.nsapr.fill(0);
    for (let irq = 0; irq < GIC_NR_SGIS; irq++) {
      this.enabled[irq] = ALL_CPU_MASK;
      this.edgeTrigger[irq] = 1;
    }
    // A uniprocessor GIC routes every interrupt to its only CPU.
    this.target.fill(this.numCpus === 1 ? 1 : 0);
    for (let cpu = 0; cpu < this.numCpus; cpu++) {
      this.cpuIrq[cpu].set(false);
      this.cpuFiq[cpu].set(false);
    }
  }

  /** Priority of `irq` as seen by `cpu`. */
  getPriority(irq: number, cpu: number): number {
    return irq < GIC_INTERNAL
      ? this.privPriority[cpu * GIC_INTERNAL + irq]
      : this.spiPriority[irq - GIC_INTERNAL];
  }

  /** Sets the priority of `irq` for `cpu`, dropping unimplemented low bits. */
  setPriority(irq: number, cpu: number, value: number): void {
    const v = value & fullPriorityMask();
    if (irq < GIC_INTERNAL) this.privPriority[cpu * GIC_INTERNAL + irq] = v;
    else this.spiPriority[irq - GIC_INTERNAL] = v;
  }

  /** True when `irq` is pending for a CPU in `cm`: latched, or a level-sensitive line high. */
  testPending(irq: number, cm: number): boolean {
    return (this.pending[irq] & cm) !== 0 ||
      (this.edgeTrigger[irq] === 0 && (this.level[irq] & cm) !== 0);
  }

  /** Group (0 or 1) of `irq` for `cpu`. */
  groupOf(irq: number, cpu: number): number {
    return (this.group[irq] >> cpu) & 1;
  }

  /**
   * Recomputes, for every CPU interface, the highest-priority pending interrupt and the
   * IRQ/FIQ output levels (QEMU's gic_update).
   */
  update(): void {
    for (let cpu = 0; cpu < this.numCpus; cpu++) {
      const cm = 1 << cpu;
      this.currentPending[cpu] = GIC_SPURIOUS;
      const both = GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1;
      if ((this.ctlr & both) === 0 || (this.cpuCtlr[cpu] & both) === 0) {
        this.cpuIrq[cpu].set(false);
        this.cpuFiq[cpu].set(false);
        continue;
      }
      let bestIrq = GIC_SPURIOUS;
      let bestPrio = GIC_IDLE_PRIORITY;
      for (let irq = 0; irq < this.numIrq; irq++) {
        if (
          (this.enabled[irq] & cm) !== 0 && this.testPending(irq, cm) &&
          (this.active[irq] & cm) === 0 &&
          (irq < GIC_INTERNAL || (this.target[irq] & cm) !== 0)
        ) {
          const prio = this.getPriority(irq, cpu);
          if (prio < bestPrio) {
            bestPrio = prio;
            bestIrq = irq;
          }
        }
      }
      let irqLevel = false;
      let fiqLevel = false;
      if (bestPrio < this.priorityMask[cpu]) {
        this.currentPending[cpu] = bestIrq;
        if (bestPrio < this.runningPriority[cpu]) {
          const grp = this.groupOf(bestIrq, cpu);
          const grpBit = 1 << grp; // same bit position in GICD_CTLR and GICC_CTLR
          if ((this.ctlr & grpBit) !== 0 && (this.cpuCtlr[cpu] & grpBit) !== 0) {
            if (grp === 0 && (this.cpuCtlr[cpu] & GICC_CTLR_FIQ_EN) !== 0) fiqLevel = true;
            else irqLevel = true;
          }
        }
      }
      this.cpuIrq[cpu].set(irqLevel);
      this.cpuFiq[cpu].set(fiqLevel);
    }
  }

  /**
   * An input line changed: `irq` is the interrupt ID, `cm` the CPU mask of the line (all CPUs
   * for an SPI, one for a PPI), `targets` the CPUs it becomes pending on (QEMU's gic_set_irq).
   */
  setIrq(irq: number, cm: number, targets: number, level: boolean): void {
    if (level === ((this.level[irq] & cm) !== 0)) return;
    if (level) {
      this.level[irq] |= cm;
      if (this.edgeTrigger[irq]) this.pending[irq] |= targets;
    } else {
      this.level[irq] &= ~cm;
    }
    this.update();
  }

  /** The ID GICC_HPPIR reports: 1022 for a Group 1 interrupt while AckCtl is clear. */
  currentPendingIrq(cpu: number): number {
    const irq = this.currentPending[cpu];
    if (
      irq < GIC_MAXIRQ && this.groupOf(irq, cpu) === 1 &&
      (this.cpuCtlr[cpu] & GICC_CTLR_ACK_CTL) === 0
    ) {
      return GIC_SPURIOUS_GROUP1;
    }
    return irq;
  }

  /** Group priority of `irq`: its priority with the sub-priority bits (per BPR) cleared. */
  groupPriority(irq: number, cpu: number): number {
    let bpr: number;
    if ((this.cpuCtlr[cpu] & GICC_CTLR_CBPR) === 0 && this.groupOf(irq, cpu) === 1) {
      bpr = this.abpr[cpu] - 1;
    } else {
      bpr = this.bpr[cpu];
    }
    return this.getPriority(irq, cpu) & ((~0 << ((bpr & 7) + 1)) & 0xff);
  }

  /** Reads GICC_IAR: acknowledges the highest-priority pending interrupt (QEMU's rules). */
  acknowledge(cpu: number): number {
    const irq = this.currentPendingIrq(cpu);
    if (irq >= GIC_MAXIRQ) return irq;
    if (this.getPriority(irq, cpu) >= this.runningPriority[cpu]) return GIC_SPURIOUS;

    // Activate: record the preemption level in the active priority bits.
    const prio = this.groupPriority(irq, cpu);
    const preemptionLevel = prio >> (GIC_MIN_BPR + 1);
    const idx = cpu * GIC_NR_APRS + (preemptionLevel >> 5);
    const aprs = this.groupOf(irq, cpu) ? this.nsapr : this.apr;
    aprs[idx] |= 1 << (preemptionLevel & 31);
    this.runningPriority[cpu] = prio;
    this.active[irq] |= 1 << cpu;

    let ret = irq;
    if (irq < GIC_NR_SGIS) {
      const i = cpu * GIC_NR_SGIS + irq;
      // A pending SGI normally has a source; one made pending with an empty GICD_SPENDSGIR
      // write has none (QEMU asserts there) and reports CPU 0.
      const sources = this.sgiPending[i];
      const src = sources === 0 ? 0 : ctz32(sources);
      this.sgiPending[i] = sources & ~(1 << src);
      if (this.sgiPending[i] === 0) this.pending[irq] &= ~(1 << cpu);
      ret = irq | ((src & 7) << GICC_IAR_CPUID_SHIFT);
    } else {
      this.pending[irq] &= ~(1 << cpu);
    }
    this.update();
    return ret;
  }

  /** Running priority recomputed from the active priority bits of both groups. */
  #prioFromApr(cpu: number): number {
    for (let n = 0; n < GIC_NR_APRS; n++) {
      const bits = this.apr[cpu * GIC_NR_APRS + n] | this.nsapr[cpu * GIC_NR_APRS + n];
      if (bits !== 0) return (n * 32 + ctz32(bits)) << (GIC_MIN_BPR + 1);
    }
    return GIC_IDLE_PRIORITY;
  }

  /** Recomputes the running priority after a GICC_APR/NSAPR write. */
  refreshRunningPriority(cpu: number): void {
    this.runningPriority[cpu] = this.#prioFromApr(cpu);
  }

  /** Drops the running priority: clears the lowest active priority bit of `group`. */
  #dropPriority(cpu: number, group: number): void {
    const aprs = group ? this.nsapr : this.apr;
    for (let n = 0; n < GIC_NR_APRS; n++) {
      const i = cpu * GIC_NR_APRS + n;
      if (aprs[i] === 0) continue;
      aprs[i] &= aprs[i] - 1;
      break;
    }
    this.runningPriority[cpu] = this.#prioFromApr(cpu);
  }

  /** Whether GICC_CTLR.EOImode splits priority drop (EOIR) from deactivation (DIR). */
  eoiSplit(cpu: number): boolean {
    return (this.cpuCtlr[cpu] & GICC_CTLR_EOIMODE) !== 0;
  }

  /**
   * Clears the active state of `irq` for `cpu` only. QEMU 7.2 banks this even for shared
   * interrupts, so an SPI made active for all CPUs through GICD_ISACTIVER stays active
   * (QEMU 9.1 clears every CPU's bit).
   */
  clearActive(irq: number, cpu: number): void {
    this.active[irq] &= ~(1 << cpu);
  }

  /**
   * Writes GICC_EOIR (QEMU's gic_complete_irq): ignored for IDs past the implemented range
   * or when nothing is active; otherwise drops the running priority (the highest active
   * priority, whatever ID was written) and, unless EOImode is set, deactivates `irq`.
   */
  complete(cpu: number, irq: number): void {
    if (irq >= this.numIrq) return;
    if (this.runningPriority[cpu] === GIC_IDLE_PRIORITY) return;
    this.#dropPriority(cpu, this.groupOf(irq, cpu));
    if (!this.eoiSplit(cpu)) this.clearActive(irq, cpu);
    this.update();
  }
}

/** Mask of the implemented priority bits. */
export function fullPriorityMask(): number {
  return (0xff << (8 - GIC_PRIORITY_BITS)) & 0xff;
}
