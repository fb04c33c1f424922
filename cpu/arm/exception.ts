/**
 * Guest exceptions: the kinds an ARMv7-A CPU takes, and the object thrown from helpers and
 * slow paths to abandon a TB and enter an exception at the faulting instruction.
 *
 * @module
 */

/** Exception kinds (QEMU's EXCP_* for AArch32). */
export const enum Excp {
  RESET = 0,
  UDEF = 1,
  SWI = 2,
  PREFETCH_ABORT = 3,
  DATA_ABORT = 4,
  IRQ = 5,
  FIQ = 6,
  BKPT = 7,
  HVC = 8,
  SMC = 9,
}

/** Names used by `-d int`. */
export const EXCP_NAMES: readonly string[] = [
  "Reset",
  "Undefined Instruction",
  "Supervisor Call",
  "Prefetch Abort",
  "Data Abort",
  "IRQ",
  "FIQ",
  "Breakpoint",
  "Hypervisor Call",
  "Secure Monitor Call",
];

/**
 * Thrown by translated code and helpers to raise a synchronous exception. The translated
 * code's handler writes back registers and sets the pc of the faulting instruction before the
 * run loop enters the exception.
 */
export class GuestException {
  /** Exception kind. */
  kind: Excp;
  /** Fault status (DFSR/IFSR value) for aborts. */
  fsr: number;
  /** Fault address (DFAR/IFAR) for aborts. */
  far: number;
  /** Syndrome-like extra: SVC/HVC immediate, for logs and plugins. */
  imm: number;

  /** Creates an exception record. */
  constructor(kind: Excp, fsr = 0, far = 0, imm = 0) {
    this.kind = kind;
    this.fsr = fsr;
    this.far = far;
    this.imm = imm;
  }
}

/**
 * Thrown when emulation must stop for a reason outside the architecture (power off, a request
 * from the user or a plugin). Not a guest exception.
 */
export class ExitRequest {
  /** Why emulation stops. */
  readonly reason: "poweroff" | "reset" | "quit" | "budget";
  /** Exit status to report. */
  readonly status: number;

  /** Creates an exit request. */
  constructor(reason: "poweroff" | "reset" | "quit" | "budget", status = 0) {
    this.reason = reason;
    this.status = status;
  }
}
