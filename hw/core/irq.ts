/**
 * Interrupt lines: a device raises or lowers a level; the line forwards it to whatever the
 * board wired it to (a GIC input, a CPU's IRQ/FIQ pin). As QEMU's qemu_irq.
 *
 * @module
 */

/** Receives level changes of a line. */
export type IrqHandler = (level: boolean) => void;

/** One interrupt line. Unconnected lines ignore their level. */
export class IrqLine {
  /** Current level. */
  level = false;
  #handler: IrqHandler | null;

  /** Creates a line that calls `handler` on every `set`. */
  constructor(handler: IrqHandler | null = null) {
    this.#handler = handler;
  }

  /** Connects the line to `handler` (board wiring); the current level is delivered. */
  connect(handler: IrqHandler): void {
    this.#handler = handler;
    handler(this.level);
  }

  /** Sets the level; the handler is called every time, as QEMU does. */
  set(level: boolean): void {
    this.level = level;
    this.#handler?.(level);
  }

  /** Raises the line. */
  raise(): void {
    this.set(true);
  }

  /** Lowers the line. */
  lower(): void {
    this.set(false);
  }
}
