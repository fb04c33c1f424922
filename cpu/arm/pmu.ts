/**
 * The ARMv7 Performance Monitors extension as QEMU 7.2 models it for a cortex-a15 on `virt`
 * (PMUv2, ID_DFR0.PerfMon = 2; no EL2/EL3, Non-secure): PMCR (IMP 0x41, IDCODE 0x0f, N = 6
 * event counters), the cycle counter PMCCNTR with PMCCFILTR, six event counters reached through
 * PMSELR/PMXEVTYPER/PMXEVCNTR or PMEVTYPERn/PMEVCNTRn, PMCNTENSET/CLR, PMOVSR/PMOVSSET, PMSWINC,
 * PMINTENSET/CLR, PMUSERENR, and the overflow interrupt (an output line the board wires to the
 * GIC: PPI 7, INTID 23, on `virt`). PMCEID0/1 are ARMv8 registers and are UNDEFINED here.
 *
 * What counts, as in QEMU: the cycle counter and event CPU_CYCLES (0x11) count virtual time at
 * 1 GHz (one per ns; PMCCNTR one per 64 ns with PMCR.D); INST_RETIRED (0x08) counts retired
 * instructions and exists only under `-icount`; SW_INCR (0x00) counts PMSWINC writes. Any
 * other event number does not count. Filtering by privilege uses the P (PL1) and U (PL0) bits.
 *
 * The model follows QEMU's lazy scheme: each counter keeps a delta from its underlying count,
 * and every operation that can change how a counter counts brackets the change with
 * `opStart`/`opFinish`, which fold the counts in, detect overflows (bit 31 going from 1 to 0),
 * and arm a timer for the next possible overflow. PMOVSR reads are raw, so an overflow shows
 * once some counter operation or that timer has run. The interrupt line is re-evaluated only
 * where QEMU does it (overflow, PMOVSR/PMOVSSET/PMINTENSET/PMINTENCLR writes) — not on a
 * PMCR write — and is `PMCR.E && (PMINTEN & PMOVSR) != 0`.
 *
 * Architectural register values live in `cpu.cp15` (so a CPU reset clears them); the deltas,
 * the time source, the overflow timer and the interrupt line live in an `ArmPmu` per CPU. The
 * board attaches one with `attachPmu` (time source and interrupt wiring); a CPU without one gets
 * a PMU on its generic timer's clock with an unconnected interrupt line. Exception entry and
 * return must call `pmuPreElChange`/`pmuPostElChange` around the change (QEMU's el-change
 * hooks): a counter filtered at one privilege keeps its value across the change only then.
 *
 * Simplification: the cycle counter is kept as 32 bits. With PMCR.LC set QEMU keeps 64 and
 * flags an overflow at bit 63, which needs centuries of counting; here LC set means no
 * overflow.
 *
 * @module
 */

import type { ArmCpu } from "./cpu.ts";
import { Mode } from "./cpu.ts";
import { CpAccess, cpKey, type CpReg, defineCp15 } from "./cp15.ts";
import { PMU_NUM_COUNTERS } from "./cp15-state.ts";
import { Excp, GuestException } from "./exception.ts";
import { IrqLine } from "../../hw/core/irq.ts";
import { QEMUTimer, VirtualClock } from "../../util/qemu-timer.ts";

/** PMCR.E: enable all counters. */
export const PMCR_E = 1 << 0;
/** PMCR.P: write 1 to reset the event counters. */
export const PMCR_P = 1 << 1;
/** PMCR.C: write 1 to reset the cycle counter. */
export const PMCR_C = 1 << 2;
/** PMCR.D: the cycle counter counts once every 64 cycles. */
export const PMCR_D = 1 << 3;
/** PMCR.X: export events (stored, no effect). */
export const PMCR_X = 1 << 4;
/** PMCR.DP: disable the cycle counter where counting is prohibited (never, here). */
export const PMCR_DP = 1 << 5;
/** PMCR.LC: 64-bit cycle counter overflow. */
export const PMCR_LC = 1 << 6;
/** PMCR.LP: 64-bit event counters (stored, no effect without PMUv3p5). */
export const PMCR_LP = 1 << 7;
/** PMCR.N position. */
export const PMCR_N_SHIFT = 11;
/** PMCR as QEMU's cortex-a15 resets it: IMP 0x41, IDCODE 0x0f, N = 6. */
export const PMCR_RESET: number = (0x410f0000 | (PMU_NUM_COUNTERS << PMCR_N_SHIFT)) >>> 0;
/** PMCR bits a write stores (QEMU's PMCR_WRITABLE_MASK). */
const PMCR_WRITABLE = PMCR_E | PMCR_D | PMCR_X | PMCR_DP | PMCR_LC | PMCR_LP;

/** Counter number of the cycle counter (PMSELR value, bit in the enable/flag registers). */
export const PMU_CYCLE_COUNTER = 31;
/** Bits of PMCNTEN*, PMOVS*, PMINTEN*: C (bit 31) and one per event counter. */
export const PMU_COUNTER_MASK: number = (0x80000000 | ((1 << PMU_NUM_COUNTERS) - 1)) >>> 0;

/** PMXEVTYPER/PMCCFILTR.P: do not count at PL1. */
export const PMEVTYPER_P = 1 << 31;
/** PMXEVTYPER/PMCCFILTR.U: do not count at PL0. */
export const PMEVTYPER_U = 1 << 30;
/** PMXEVTYPER.evtCount. */
export const PMEVTYPER_EVTCOUNT = 0xffff;
/** PMXEVTYPER bits kept on a write: P U NSK NSU NSH M MT and evtCount. */
const PMEVTYPER_MASK = 0xfe00ffff | 0;
/** PMCCFILTR bits visible from AArch32: P U NSK NSU NSH. */
const PMCCFILTR_MASK = 0xf8000000 | 0;
/** PMCCFILTR.M, writable only through PMXEVTYPER with PMSELR = 31. */
const PMCCFILTR_M = 1 << 26;
/** PMUSERENR bits of ARMv7: EN. */
export const PMUSERENR_EN = 1;

/** Event numbers QEMU implements. */
export const enum PmuEvent {
  /** Counts PMSWINC writes. */
  SW_INCR = 0x00,
  /** Instructions retired: only with precise instruction counting (`-icount`). */
  INST_RETIRED = 0x08,
  /** Processor cycles: virtual time at 1 GHz. */
  CPU_CYCLES = 0x11,
}

/** The PMU's clock rate (QEMU's ARM_CPU_FREQ): cycles per second of virtual time. */
export const PMU_CYCLES_PER_SECOND = 1_000_000_000;
const CYCLES_PER_NS = PMU_CYCLES_PER_SECOND / 1_000_000_000;
/** PMCR.D divider. */
const CLOCK_DIVIDER = 64;
const BIT31 = 0x80000000 | 0;

/** Where a PMU gets time and instruction counts. */
export interface PmuOptions {
  /** The board's virtual clock (the overflow timer lives on it). */
  clock: VirtualClock;
  /** Current virtual time in ns as the CPU sees it; defaults to `clock.now()`. */
  nowNs?: () => number;
  /** Instructions retired so far (used under icount); defaults to `clock.icount`. */
  icount?: () => number;
}

/** The performance monitors of one CPU: counting state, overflow timer, interrupt line. */
export class ArmPmu {
  /** Overflow interrupt output (level); the board wires it to the CPU's PMU PPI. */
  readonly irq: IrqLine = new IrqLine();
  /** The clock counters and the overflow timer run on. */
  readonly clock: VirtualClock;
  readonly #cpu: ArmCpu;
  readonly #now: () => number;
  readonly #icount: () => number;
  readonly #timer: QEMUTimer;
  /** Cycle counter delta: the underlying count at the last opStart, else count - value. */
  #ccntDelta = 0;
  /** The same per event counter. */
  readonly #evDelta: Float64Array = new Float64Array(PMU_NUM_COUNTERS);

  /** Creates the PMU of `cpu` counting on `opts.clock`. */
  constructor(cpu: ArmCpu, opts: PmuOptions) {
    this.#cpu = cpu;
    this.clock = opts.clock;
    this.#now = opts.nowNs ?? (() => opts.clock.now());
    this.#icount = opts.icount ?? (() => opts.clock.icount);
    this.#timer = new QEMUTimer(opts.clock, () => {
      this.opStart();
      this.opFinish();
    });
  }

  /** Deadline (virtual ns) of the overflow timer, or -1 when it is not armed. */
  get timerDeadline(): number {
    return this.#timer.expire;
  }

  // ---- underlying counts ----

  /** Cycles so far: virtual ns at 1 GHz. */
  cycles(): number {
    return Math.floor(this.#now() * CYCLES_PER_NS);
  }

  /** Whether `event` counts on this machine (INST_RETIRED only under icount). */
  eventSupported(event: number): boolean {
    return event === PmuEvent.SW_INCR || event === PmuEvent.CPU_CYCLES ||
      (event === PmuEvent.INST_RETIRED && this.clock.icountShift >= 0);
  }

  /** The underlying count of a supported event (SW_INCR has none: 0). */
  #eventCount(event: number): number {
    if (event === PmuEvent.CPU_CYCLES) return this.cycles();
    if (event === PmuEvent.INST_RETIRED) return this.#icount();
    return 0;
  }

  /** Least ns until `n` more events can have happened; <= 0 when no timer is needed. */
  #nsForEvents(event: number, n: number): number {
    if (event === PmuEvent.CPU_CYCLES) return n / CYCLES_PER_NS;
    if (event === PmuEvent.INST_RETIRED) return n * 2 ** this.clock.icountShift;
    return -1;
  }

  /** Arms the overflow timer for `deadline` unless it is already due earlier. */
  #anticipate(deadline: number): void {
    const t = this.#timer;
    if (!t.pending() || deadline < t.expire) t.mod(deadline);
  }

  // ---- state of a counter ----

  /** Whether counter `n` (31: the cycle counter) counts now, at the current privilege. */
  counterEnabled(n: number): boolean {
    const cp = this.#cpu.cp15;
    if (!(cp.pmcr & PMCR_E) || !(cp.pmcnten & (1 << n))) return false;
    const filter = n === PMU_CYCLE_COUNTER ? cp.pmccfiltr : cp.pmevtyper[n];
    if (n !== PMU_CYCLE_COUNTER && !this.eventSupported(filter & PMEVTYPER_EVTCOUNT)) return false;
    const filtered = this.#cpu.mode === Mode.USR ? filter & PMEVTYPER_U : filter & PMEVTYPER_P;
    return filtered === 0;
  }

  /** Recomputes the interrupt output: PMCR.E and an enabled overflow flag. */
  updateIrq(): void {
    const cp = this.#cpu.cp15;
    this.irq.set((cp.pmcr & PMCR_E) !== 0 && (cp.pminten & cp.pmovsr) !== 0);
  }

  #overflow(bit: number): void {
    this.#cpu.cp15.pmovsr |= bit;
    this.updateIrq();
  }

  #clockDivided(): boolean {
    return (this.#cpu.cp15.pmcr & (PMCR_D | PMCR_LC)) === PMCR_D;
  }

  /** Brings PMCCNTR up to date (QEMU's pmccntr_op_start). */
  ccntOpStart(): void {
    const cp = this.#cpu.cp15;
    const cycles = this.cycles();
    if (this.counterEnabled(PMU_CYCLE_COUNTER)) {
      const eff = this.#clockDivided() ? Math.floor(cycles / CLOCK_DIVIDER) : cycles;
      const value = (eff - this.#ccntDelta) >>> 0;
      if (!(cp.pmcr & PMCR_LC) && (cp.pmccntr & ~value & BIT31) !== 0) this.#overflow(BIT31);
      cp.pmccntr = value;
    }
    this.#ccntDelta = cycles;
  }

  /** Turns PMCCNTR back into a delta and arms the overflow timer (pmccntr_op_finish). */
  ccntOpFinish(): void {
    if (!this.counterEnabled(PMU_CYCLE_COUNTER)) return;
    const cp = this.#cpu.cp15;
    if (!(cp.pmcr & PMCR_LC)) {
      const remaining = -cp.pmccntr >>> 0;
      const ns = remaining / CYCLES_PER_NS;
      if (ns > 0) this.#anticipate(this.#now() + ns);
    }
    let prev = this.#ccntDelta;
    if (this.#clockDivided()) prev = Math.floor(prev / CLOCK_DIVIDER);
    this.#ccntDelta = prev - (cp.pmccntr >>> 0);
  }

  /** Brings event counter `n` up to date (pmevcntr_op_start). */
  evOpStart(n: number): void {
    const cp = this.#cpu.cp15;
    const event = cp.pmevtyper[n] & PMEVTYPER_EVTCOUNT;
    const count = this.eventSupported(event) ? this.#eventCount(event) : 0;
    if (this.counterEnabled(n)) {
      const value = (count - this.#evDelta[n]) >>> 0;
      if ((cp.pmevcntr[n] & ~value & BIT31) !== 0) this.#overflow(1 << n);
      cp.pmevcntr[n] = value;
    }
    this.#evDelta[n] = count;
  }

  /** Turns event counter `n` back into a delta and arms the overflow timer. */
  evOpFinish(n: number): void {
    if (!this.counterEnabled(n)) return;
    const cp = this.#cpu.cp15;
    const value = cp.pmevcntr[n] >>> 0;
    // As QEMU: the distance to 0xffffffff, one event short of the wrap.
    const ns = this.#nsForEvents(cp.pmevtyper[n] & PMEVTYPER_EVTCOUNT, ~value >>> 0);
    if (ns > 0) this.#anticipate(this.#now() + ns);
    this.#evDelta[n] -= value;
  }

  /** opStart of every counter (QEMU's pmu_op_start; also before an exception level change). */
  opStart(): void {
    this.ccntOpStart();
    for (let n = 0; n < PMU_NUM_COUNTERS; n++) this.evOpStart(n);
  }

  /** opFinish of every counter (pmu_op_finish; also after an exception level change). */
  opFinish(): void {
    this.ccntOpFinish();
    for (let n = 0; n < PMU_NUM_COUNTERS; n++) this.evOpFinish(n);
  }

  // ---- register operations ----

  /** PMCR read. */
  readPmcr(): number {
    return (PMCR_RESET | this.#cpu.cp15.pmcr) >>> 0;
  }

  /** PMCR write: C and P reset counters, the writable bits are stored. */
  writePmcr(v: number): void {
    const cp = this.#cpu.cp15;
    this.opStart();
    if (v & PMCR_C) cp.pmccntr = 0;
    if (v & PMCR_P) cp.pmevcntr.fill(0);
    cp.pmcr = v & PMCR_WRITABLE;
    this.opFinish();
  }

  /** PMCNTENSET (`set`) or PMCNTENCLR write. */
  writeCntEn(v: number, set: boolean): void {
    const cp = this.#cpu.cp15;
    this.opStart();
    v &= PMU_COUNTER_MASK;
    cp.pmcnten = set ? cp.pmcnten | v : cp.pmcnten & ~v;
    this.opFinish();
  }

  /** PMOVSSET (`set`) or PMOVSR (write one to clear) write. */
  writeOvs(v: number, set: boolean): void {
    const cp = this.#cpu.cp15;
    v &= PMU_COUNTER_MASK;
    cp.pmovsr = set ? cp.pmovsr | v : cp.pmovsr & ~v;
    this.updateIrq();
  }

  /** PMINTENSET (`set`) or PMINTENCLR write. */
  writeIntEn(v: number, set: boolean): void {
    const cp = this.#cpu.cp15;
    v &= PMU_COUNTER_MASK;
    cp.pminten = set ? cp.pminten | v : cp.pminten & ~v;
    this.updateIrq();
  }

  /** PMSWINC write: increments the enabled SW_INCR counters selected by `v`. */
  swinc(v: number): void {
    const cp = this.#cpu.cp15;
    for (let n = 0; n < PMU_NUM_COUNTERS; n++) {
      if (!(v & (1 << n)) || !this.counterEnabled(n)) continue;
      if ((cp.pmevtyper[n] & PMEVTYPER_EVTCOUNT) !== PmuEvent.SW_INCR) continue;
      this.evOpStart(n);
      const old = cp.pmevcntr[n];
      const value = (old + 1) | 0;
      if ((old & ~value & BIT31) !== 0) this.#overflow(1 << n);
      cp.pmevcntr[n] = value;
      this.evOpFinish(n);
    }
  }

  /** PMCCNTR read (uint32). */
  readCcnt(): number {
    this.ccntOpStart();
    const v = this.#cpu.cp15.pmccntr >>> 0;
    this.ccntOpFinish();
    return v;
  }

  /** PMCCNTR write (the low 32 bits of QEMU's 64-bit counter). */
  writeCcnt(v: number): void {
    this.readCcnt(); // QEMU reads the counter first (pmccntr_write32), which may flag overflow
    this.ccntOpStart();
    this.#cpu.cp15.pmccntr = v >>> 0;
    this.ccntOpFinish();
  }

  /** PMCCFILTR write; `withM` for the PMXEVTYPER view (PMSELR = 31), which also sets M. */
  writeCcfiltr(v: number, withM: boolean): void {
    const cp = this.#cpu.cp15;
    this.ccntOpStart();
    cp.pmccfiltr = withM
      ? v & (PMCCFILTR_MASK | PMCCFILTR_M)
      : (cp.pmccfiltr & PMCCFILTR_M) | (v & PMCCFILTR_MASK);
    this.ccntOpFinish();
  }

  /** PMCCFILTR read (AArch32 view, without M). */
  readCcfiltr(): number {
    return this.#cpu.cp15.pmccfiltr & PMCCFILTR_MASK;
  }

  /** PMEVTYPERn read; n = 31 is PMCCFILTR with M, other missing counters read as zero. */
  readEvtyper(n: number): number {
    const cp = this.#cpu.cp15;
    if (n === PMU_CYCLE_COUNTER) return cp.pmccfiltr;
    return n < PMU_NUM_COUNTERS ? cp.pmevtyper[n] : 0;
  }

  /** PMEVTYPERn write; n = 31 is PMCCFILTR, other missing counters ignore it. */
  writeEvtyper(n: number, v: number): void {
    if (n === PMU_CYCLE_COUNTER) return this.writeCcfiltr(v, true);
    if (n >= PMU_NUM_COUNTERS) return;
    const cp = this.#cpu.cp15;
    this.evOpStart(n);
    const event = v & PMEVTYPER_EVTCOUNT;
    if ((cp.pmevtyper[n] & PMEVTYPER_EVTCOUNT) !== event) {
      // The new event's count is the baseline opFinish turns into a delta.
      this.#evDelta[n] = this.eventSupported(event) ? this.#eventCount(event) : 0;
    }
    cp.pmevtyper[n] = v & PMEVTYPER_MASK;
    this.evOpFinish(n);
  }

  /** PMEVCNTRn read (uint32); missing counters read as zero. */
  readEvcntr(n: number): number {
    if (n >= PMU_NUM_COUNTERS) return 0;
    this.evOpStart(n);
    const v = this.#cpu.cp15.pmevcntr[n] >>> 0;
    this.evOpFinish(n);
    return v;
  }

  /** PMEVCNTRn write; missing counters ignore it. */
  writeEvcntr(n: number, v: number): void {
    if (n >= PMU_NUM_COUNTERS) return;
    this.evOpStart(n);
    this.#cpu.cp15.pmevcntr[n] = v;
    this.evOpFinish(n);
  }
}

const PMUS = new WeakMap<ArmCpu, ArmPmu>();

/** Gives `cpu` a PMU on the board's clock; returns it so the board can wire `irq`. */
export function attachPmu(cpu: ArmCpu, opts: PmuOptions): ArmPmu {
  const pmu = new ArmPmu(cpu, opts);
  PMUS.set(cpu, pmu);
  return pmu;
}

/**
 * The PMU of `cpu`. One the board did not attach is created on first use: on the generic
 * timer's clock (reading the timer's counter first brings the clock's instruction count up to
 * date under icount, as the board's timer time source does), else on a private clock.
 */
export function pmuOf(cpu: ArmCpu): ArmPmu {
  let pmu = PMUS.get(cpu);
  if (pmu === undefined) {
    const gt = cpu.gtimer;
    if (gt !== null) {
      pmu = new ArmPmu(cpu, {
        clock: gt.clock,
        nowNs: () => (gt.counter(), gt.clock.now()),
        icount: () => (gt.counter(), gt.clock.icount),
      });
    } else {
      pmu = new ArmPmu(cpu, { clock: new VirtualClock() });
    }
    PMUS.set(cpu, pmu);
  }
  return pmu;
}

/**
 * To be called before the CPU changes privilege (exception entry and return; QEMU's
 * pmu_pre_el_change hook): counters filtered by P/U stop or start counting at the change.
 */
export function pmuPreElChange(cpu: ArmCpu): void {
  // With PMCR.E clear no counter counts and the next operation re-bases every delta.
  if (cpu.cp15.pmcr & PMCR_E) PMUS.get(cpu)?.opStart();
}

/** To be called after the privilege change (QEMU's pmu_post_el_change hook). */
export function pmuPostElChange(cpu: ArmCpu): void {
  if (cpu.cp15.pmcr & PMCR_E) PMUS.get(cpu)?.opFinish();
}

// ---- CP15 registers ----

/** PL0 access to the PMU registers needs PMUSERENR.EN (QEMU's pmreg_access on ARMv7). */
function pmuAccess(cpu: ArmCpu): ArmPmu {
  if (cpu.mode === Mode.USR && (cpu.cp15.pmuserenr & PMUSERENR_EN) === 0) {
    throw new GuestException(Excp.UDEF);
  }
  return pmuOf(cpu);
}

/** A register PL0 may use when PMUSERENR.EN is set; absent functions make that access UNDEF. */
function pmreg(
  name: string,
  read: ((pmu: ArmPmu, cpu: ArmCpu) => number) | null,
  write: ((pmu: ArmPmu, v: number, cpu: ArmCpu) => void) | null,
): CpReg {
  return {
    name,
    access: read ? (write ? CpAccess.PL0_RW : CpAccess.PL0_R) : CpAccess.PL0_W,
    read: read ? (cpu) => read(pmuAccess(cpu), cpu) | 0 : undefined,
    write: write ? (cpu, v) => write(pmuAccess(cpu), v, cpu) : undefined,
  };
}

const regs = (cpu: ArmCpu) => cpu.cp15;
defineCp15(cpKey(9, 0, 12, 0), pmreg("PMCR", (p) => p.readPmcr(), (p, v) => p.writePmcr(v)));
defineCp15(
  cpKey(9, 0, 12, 1),
  pmreg("PMCNTENSET", (_p, c) => regs(c).pmcnten, (p, v) => p.writeCntEn(v, true)),
);
defineCp15(
  cpKey(9, 0, 12, 2),
  pmreg("PMCNTENCLR", (_p, c) => regs(c).pmcnten, (p, v) => p.writeCntEn(v, false)),
);
defineCp15(
  cpKey(9, 0, 12, 3),
  pmreg("PMOVSR", (_p, c) => regs(c).pmovsr, (p, v) => p.writeOvs(v, false)),
);
defineCp15(cpKey(9, 0, 12, 4), pmreg("PMSWINC", null, (p, v) => p.swinc(v)));
defineCp15(
  cpKey(9, 0, 12, 5),
  pmreg("PMSELR", (_p, c) => regs(c).pmselr, (_p, v, c) => void (regs(c).pmselr = v & 0x1f)),
);
defineCp15(cpKey(9, 0, 13, 0), pmreg("PMCCNTR", (p) => p.readCcnt(), (p, v) => p.writeCcnt(v)));
defineCp15(
  cpKey(9, 0, 13, 1),
  pmreg(
    "PMXEVTYPER",
    (p, c) => p.readEvtyper(regs(c).pmselr),
    (p, v, c) => p.writeEvtyper(regs(c).pmselr, v),
  ),
);
defineCp15(
  cpKey(9, 0, 13, 2),
  pmreg(
    "PMXEVCNTR",
    (p, c) => p.readEvcntr(regs(c).pmselr),
    (p, v, c) => p.writeEvcntr(regs(c).pmselr, v),
  ),
);
// PMUSERENR: PL0 may read it whatever EN says, only PL1 writes it.
defineCp15(cpKey(9, 0, 14, 0), {
  name: "PMUSERENR",
  access: CpAccess.PL0_R_PL1_RW,
  read: (cpu) => cpu.cp15.pmuserenr,
  write: (cpu, v) => void (cpu.cp15.pmuserenr = v & PMUSERENR_EN),
});
// PMINTENSET/CLR: PL1 only.
for (const [opc2, name, set] of [[1, "PMINTENSET", true], [2, "PMINTENCLR", false]] as const) {
  defineCp15(cpKey(9, 0, 14, opc2), {
    name,
    access: CpAccess.PL1_RW,
    read: (cpu) => cpu.cp15.pminten,
    write: (cpu, v) => pmuOf(cpu).writeIntEn(v, set),
  });
}
defineCp15(
  cpKey(9, 0, 14, 3),
  pmreg("PMOVSSET", (_p, c) => regs(c).pmovsr, (p, v) => p.writeOvs(v, true)),
);
for (let n = 0; n < PMU_NUM_COUNTERS; n++) {
  defineCp15(
    cpKey(14, 0, 8 | (n >> 3), n & 7),
    pmreg(`PMEVCNTR${n}`, (p) => p.readEvcntr(n), (p, v) => p.writeEvcntr(n, v)),
  );
  defineCp15(
    cpKey(14, 0, 12 | (n >> 3), n & 7),
    pmreg(`PMEVTYPER${n}`, (p) => p.readEvtyper(n), (p, v) => p.writeEvtyper(n, v)),
  );
}
defineCp15(
  cpKey(14, 0, 15, 7),
  pmreg("PMCCFILTR", (p) => p.readCcfiltr(), (p, v) => p.writeCcfiltr(v, false)),
);
