/**
 * Virtual time and timers (QEMU's QEMU_CLOCK_VIRTUAL and QEMUTimer). Time is in nanoseconds.
 * By default virtual time follows the host's monotonic clock from the start of emulation;
 * with `-icount shift=N` it is `instructions << N` and the run loop advances it.
 *
 * @module
 */

/** A one-shot timer on a clock. Re-arm it with `mod`. */
export class QEMUTimer {
  /** Deadline in ns, or -1 when not armed. */
  expire = -1;
  /** Clock the timer belongs to. */
  readonly clock: VirtualClock;
  readonly #cb: () => void;

  /** Creates a disarmed timer calling `cb` when it expires. */
  constructor(clock: VirtualClock, cb: () => void) {
    this.clock = clock;
    this.#cb = cb;
  }

  /** Arms the timer for `deadlineNs` (absolute virtual time). */
  mod(deadlineNs: number): void {
    this.clock.remove(this);
    this.expire = deadlineNs;
    this.clock.insert(this);
  }

  /** Disarms the timer. */
  del(): void {
    this.clock.remove(this);
    this.expire = -1;
  }

  /** Whether the timer is armed. */
  pending(): boolean {
    return this.expire >= 0;
  }

  /** Runs the callback (called by the clock). */
  fire(): void {
    this.expire = -1;
    this.#cb();
  }
}

/** The virtual clock with its list of armed timers, sorted by deadline. */
export class VirtualClock {
  /** Armed timers in deadline order. */
  readonly active: QEMUTimer[] = [];
  /** icount shift, or -1 when time follows the host. */
  icountShift = -1;
  /** Instructions executed, maintained by the run loop (used when icount is on). */
  icount = 0;
  /** Called when a newly armed timer becomes the earliest (the run loop shortens its slice). */
  onEarlierDeadline: (() => void) | null = null;
  /** Host time (ms from performance.now) at which virtual time 0 was. */
  #hostBase = performance.now();
  /** Extra ns added by time control (plugins, WFI skip under icount). */
  #offsetNs = 0;

  /** Current virtual time in ns. */
  now(): number {
    if (this.icountShift >= 0) return this.icount * 2 ** this.icountShift + this.#offsetNs;
    return Math.floor((performance.now() - this.#hostBase) * 1e6) + this.#offsetNs;
  }

  /** Moves virtual time forward by `ns` (icount idle skip, plugin time control). */
  advance(ns: number): void {
    if (ns > 0) this.#offsetNs += ns;
  }

  /** Earliest deadline, or -1 when no timer is armed. */
  nextDeadline(): number {
    return this.active.length ? this.active[0].expire : -1;
  }

  /** Fires every timer whose deadline has passed; returns how many fired. */
  run(): number {
    let n = 0;
    const now = this.now();
    while (this.active.length && this.active[0].expire <= now) {
      const t = this.active.shift()!;
      t.fire();
      n++;
    }
    return n;
  }

  /** @internal Inserts an armed timer in order. */
  insert(t: QEMUTimer): void {
    let i = this.active.length;
    while (i > 0 && this.active[i - 1].expire > t.expire) i--;
    this.active.splice(i, 0, t);
    if (i === 0) this.onEarlierDeadline?.();
  }

  /** @internal Removes a timer if armed. */
  remove(t: QEMUTimer): void {
    const i = this.active.indexOf(t);
    if (i >= 0) this.active.splice(i, 1);
  }
}
