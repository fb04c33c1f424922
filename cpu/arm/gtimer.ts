/**
 * The ARMv7 Generic Timer as QEMU 7.2 models it for a cortex-a15 without EL2/EL3: one
 * system counter ticking at 62.5 MHz (one tick per 16 ns of QEMU_CLOCK_VIRTUAL), the
 * non-secure physical timer (output to PPI 14, INTID 30 on virt) and the virtual timer
 * (PPI 11, INTID 27), with their CP15 registers CNTFRQ, CNTKCTL, CNTPCT, CNTVCT,
 * CNTP_CTL/TVAL/CVAL and CNTV_CTL/TVAL/CVAL. CNTVOFF is 0 (no EL2).
 *
 * As in QEMU, CNTx_CTL.ISTATUS is a stored bit recomputed when the timer is written and when
 * its QEMUTimer fires at the compare deadline; the output level is
 * `ENABLE && ISTATUS && !IMASK`.
 *
 * @module
 */

import type { ArmCpu } from "./cpu.ts";
import { Mode } from "./cpu.ts";
import { CpAccess, cpKey, cpKey64, defineCp15 } from "./cp15.ts";
import { Excp, GuestException } from "./exception.ts";
import { IrqLine } from "../../hw/core/irq.ts";
import { QEMUTimer } from "../../util/qemu-timer.ts";
import type { VirtualClock } from "../../util/qemu-timer.ts";

/** CNTFRQ reset value: QEMU's default generic timer frequency (62.5 MHz). */
export const GT_CNTFRQ_HZ = 62_500_000;
/** Counter period in ns: 1e9 / CNTFRQ with integer division, as QEMU's gt_cntfrq_period_ns. */
export const GT_PERIOD_NS: number = Math.floor(1e9 / GT_CNTFRQ_HZ);

/** Timer indices (QEMU's GTIMER_PHYS / GTIMER_VIRT). */
export const enum GtTimer {
  /** Non-secure EL1 physical timer (CNTP_*). */
  PHYS = 0,
  /** Virtual timer (CNTV_*). */
  VIRT = 1,
}

/** CNTx_CTL.ENABLE. */
export const CNT_CTL_ENABLE = 1 << 0;
/** CNTx_CTL.IMASK. */
export const CNT_CTL_IMASK = 1 << 1;
/** CNTx_CTL.ISTATUS (read-only). */
export const CNT_CTL_ISTATUS = 1 << 2;

/** CNTKCTL.PL0PCTEN: PL0 may read CNTPCT (and CNTFRQ). */
export const CNTKCTL_PL0PCTEN = 1 << 0;
/** CNTKCTL.PL0VCTEN: PL0 may read CNTVCT (and CNTFRQ). */
export const CNTKCTL_PL0VCTEN = 1 << 1;
/** CNTKCTL.PL0VTEN: PL0 may access the virtual timer registers. */
export const CNTKCTL_PL0VTEN = 1 << 8;
/** CNTKCTL.PL0PTEN: PL0 may access the physical timer registers. */
export const CNTKCTL_PL0PTEN = 1 << 9;

/** Largest compare value whose deadline in ns is still an exact JS number. */
const MAX_EXACT_TICKS = BigInt(Math.floor(Number.MAX_SAFE_INTEGER / GT_PERIOD_NS));
const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);

/** Options of a GenericTimer. */
export interface GenericTimerOptions {
  /** The board's virtual clock (deadlines live on it). */
  clock: VirtualClock;
  /**
   * Current virtual time in ns as seen by the CPU; defaults to `clock.now()`. Under icount
   * the board passes a function that first brings the clock's instruction count up to date.
   */
  nowNs?: () => number;
}

/** The generic timer of one CPU: counter, physical and virtual timers, output lines. */
export class GenericTimer {
  /** CNTFRQ (reads as written; does not change the tick rate). */
  cntfrq = GT_CNTFRQ_HZ;
  /** CNTKCTL (PL0 access controls). */
  cntkctl = 0;
  /** CNTx_CTL per timer: ENABLE, IMASK and the stored ISTATUS. */
  readonly ctl: number[] = [0, 0];
  /** CNTx_CVAL per timer (uint64). */
  readonly cval: bigint[] = [0n, 0n];
  /** Output lines per timer (PHYS, VIRT); the board wires them to GIC PPIs. */
  readonly irq: readonly IrqLine[] = [new IrqLine(), new IrqLine()];
  /** The clock the deadlines are on. */
  readonly clock: VirtualClock;
  readonly #now: () => number;
  readonly #timers: readonly QEMUTimer[];

  /** Creates the timer block with both timers disabled. */
  constructor(opts: GenericTimerOptions) {
    this.clock = opts.clock;
    this.#now = opts.nowNs ?? (() => opts.clock.now());
    this.#timers = [
      new QEMUTimer(opts.clock, () => this.recalc(GtTimer.PHYS)),
      new QEMUTimer(opts.clock, () => this.recalc(GtTimer.VIRT)),
    ];
  }

  /** CPU reset: registers to their reset values, deadlines cancelled, outputs lowered. */
  reset(): void {
    this.cntfrq = GT_CNTFRQ_HZ;
    this.cntkctl = 0;
    for (let i = 0; i < 2; i++) {
      this.ctl[i] = 0;
      this.cval[i] = 0n;
      this.#timers[i].del();
      this.irq[i].set(false);
    }
  }

  /** The system counter value (CNTPCT; CNTVCT too, as CNTVOFF is 0): virtual ns / 16. */
  counter(): number {
    return Math.floor(this.#now() / GT_PERIOD_NS);
  }

  /** Deadline (virtual ns) at which timer `t` next changes state, or -1 when none is armed. */
  deadline(t: GtTimer): number {
    return this.#timers[t].expire;
  }

  /**
   * Recomputes ISTATUS and the output of timer `t` and re-arms its deadline (QEMU's
   * gt_recalc_timer). Called on register writes and when the deadline passes.
   */
  recalc(t: GtTimer): void {
    const ctl = this.ctl[t];
    const timer = this.#timers[t];
    if (!(ctl & CNT_CTL_ENABLE)) {
      this.ctl[t] = ctl & ~CNT_CTL_ISTATUS;
      this.irq[t].set(false);
      timer.del();
      return;
    }
    const cval = this.cval[t];
    const istatus = BigInt(this.counter()) >= cval;
    this.ctl[t] = istatus ? ctl | CNT_CTL_ISTATUS : ctl & ~CNT_CTL_ISTATUS;
    this.irq[t].set(istatus && !(ctl & CNT_CTL_IMASK));
    // Once asserted, the next change would be the counter wrapping (never, in practice);
    // QEMU arms the timer at INT64_MAX ns there and for compare values that far away.
    if (istatus || cval > MAX_EXACT_TICKS) timer.del();
    else timer.mod(Number(cval) * GT_PERIOD_NS);
  }

  /** CNTx_CTL write: ENABLE and IMASK; ISTATUS is kept (QEMU's gt_ctl_write). */
  writeCtl(t: GtTimer, value: number): void {
    const old = this.ctl[t];
    this.ctl[t] = (old & ~(CNT_CTL_ENABLE | CNT_CTL_IMASK)) |
      (value & (CNT_CTL_ENABLE | CNT_CTL_IMASK));
    if ((old ^ value) & CNT_CTL_ENABLE) {
      this.recalc(t);
    } else if ((old ^ value) & CNT_CTL_IMASK) {
      // Only the mask changed: the line follows the stored ISTATUS.
      this.irq[t].set((old & CNT_CTL_ISTATUS) !== 0 && !(value & CNT_CTL_IMASK));
    }
  }

  /** CNTx_TVAL read: the low 32 bits of CVAL - counter (uint32). */
  readTval(t: GtTimer): number {
    const cvalLo = Number(this.cval[t] & 0xffffffffn);
    return (cvalLo - this.counter()) >>> 0;
  }

  /** CNTx_TVAL write: CVAL = counter + the sign-extended 32-bit value. */
  writeTval(t: GtTimer, value: number): void {
    this.cval[t] = U64(BigInt(this.counter()) + BigInt(value | 0));
    this.recalc(t);
  }

  /** CNTx_CVAL write (64-bit). */
  writeCval(t: GtTimer, value: bigint): void {
    this.cval[t] = U64(value);
    this.recalc(t);
  }
}

// ---- CP15 registers ----

function gtOf(cpu: ArmCpu): GenericTimer {
  const gt = cpu.gtimer;
  if (gt === null) throw new GuestException(Excp.UDEF); // no timer attached (bare CPU)
  return gt;
}

/** Raises UNDEFINED unless User mode is allowed by one of the CNTKCTL bits in `bits`. */
function checkPl0(cpu: ArmCpu, gt: GenericTimer, bits: number): void {
  if (cpu.mode === Mode.USR && (gt.cntkctl & bits) === 0) throw new GuestException(Excp.UDEF);
}

/**
 * Marks an access to a timer register, which QEMU treats as I/O: under icount the TB ends
 * after it. Here the run loop is asked to stop after the current TB (or loop pass), so a
 * polling loop sees time advance from one read to the next.
 */
function ioAccess(cpu: ArmCpu, gt: GenericTimer): GenericTimer {
  if (gt.clock.icountShift >= 0) cpu.exitRequest = 1;
  return gt;
}

/** [lo, hi] words of a counter value (a non-negative integer below 2^53). */
function splitCount(v: number): [number, number] {
  return [v | 0, Math.floor(v / 0x1_0000_0000) | 0];
}

/** [lo, hi] words of a uint64. */
function split64(v: bigint): [number, number] {
  return [Number(v & 0xffffffffn) | 0, Number((v >> 32n) & 0xffffffffn) | 0];
}

const join64 = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);

defineCp15(cpKey(14, 0, 0, 0), {
  name: "CNTFRQ",
  access: CpAccess.PL0_R_PL1_RW,
  read: (cpu) => {
    const gt = gtOf(cpu);
    checkPl0(cpu, gt, CNTKCTL_PL0PCTEN | CNTKCTL_PL0VCTEN);
    return gt.cntfrq;
  },
  write: (cpu, v) => void (gtOf(cpu).cntfrq = v >>> 0),
});

defineCp15(cpKey(14, 0, 1, 0), {
  name: "CNTKCTL",
  access: CpAccess.PL1_RW,
  read: (cpu) => gtOf(cpu).cntkctl,
  write: (cpu, v) => void (gtOf(cpu).cntkctl = v >>> 0),
});

defineCp15(cpKey64(0, 14), {
  name: "CNTPCT",
  access: CpAccess.PL0_R,
  read64: (cpu) => {
    const gt = gtOf(cpu);
    checkPl0(cpu, gt, CNTKCTL_PL0PCTEN);
    return splitCount(ioAccess(cpu, gt).counter());
  },
});

defineCp15(cpKey64(1, 14), {
  name: "CNTVCT",
  access: CpAccess.PL0_R,
  read64: (cpu) => {
    const gt = gtOf(cpu);
    checkPl0(cpu, gt, CNTKCTL_PL0VCTEN);
    return splitCount(ioAccess(cpu, gt).counter());
  },
});

/** Registers of one timer: CTL and TVAL (c14, c2/c3) and CVAL (MCRR/MRRC opc1 2/3). */
function defineTimerRegs(t: GtTimer, prefix: string, crm: number, pl0Bit: number): void {
  const checked = (cpu: ArmCpu): GenericTimer => {
    const gt = gtOf(cpu);
    checkPl0(cpu, gt, pl0Bit);
    return ioAccess(cpu, gt);
  };
  defineCp15(cpKey(14, 0, crm, 1), {
    name: `${prefix}_CTL`,
    access: CpAccess.PL0_RW,
    read: (cpu) => checked(cpu).ctl[t],
    write: (cpu, v) => checked(cpu).writeCtl(t, v),
    endsTb: true,
  });
  defineCp15(cpKey(14, 0, crm, 0), {
    name: `${prefix}_TVAL`,
    access: CpAccess.PL0_RW,
    read: (cpu) => checked(cpu).readTval(t),
    write: (cpu, v) => checked(cpu).writeTval(t, v),
    endsTb: true,
  });
  defineCp15(cpKey64(crm === 2 ? 2 : 3, 14), {
    name: `${prefix}_CVAL`,
    access: CpAccess.PL0_RW,
    read64: (cpu) => split64(checked(cpu).cval[t]),
    write64: (cpu, lo, hi) => checked(cpu).writeCval(t, join64(lo, hi)),
  });
}

defineTimerRegs(GtTimer.PHYS, "CNTP", 2, CNTKCTL_PL0PTEN);
defineTimerRegs(GtTimer.VIRT, "CNTV", 3, CNTKCTL_PL0VTEN);
