/**
 * Character back-ends for serial devices (`-serial stdio|file:PATH|none`), as QEMU's chardev.
 * A front-end (the PL011) writes bytes out and is handed bytes that arrive.
 *
 * @module
 */

/** A character back-end. */
export interface Chardev {
  /** Sends bytes from the guest. */
  write(bytes: Uint8Array): void;
  /**
   * Registers the front-end's receive hook. `canReceive` tells how many bytes it can take now;
   * the back-end calls `receive` with at most that many.
   */
  attach(frontend: ChardevFrontend): void;
  /** Pushes queued input to the front-end if it can take it (called by the run loop). */
  poll(): void;
  /** Releases host resources (raw mode, files). */
  close(): void;
}

/** What a serial device offers its back-end. */
export interface ChardevFrontend {
  /** How many bytes can be accepted now. */
  canReceive(): number;
  /** Delivers received bytes. */
  receive(bytes: Uint8Array): void;
}

/** A back-end that keeps output in memory and feeds input from a queue (tests, library use). */
export class BufferChardev implements Chardev {
  /** Everything the guest wrote. */
  readonly output: number[] = [];
  #input: number[] = [];
  #fe: ChardevFrontend | null = null;

  /** Everything written so far, decoded as UTF-8 (lossy). */
  text(): string {
    return new TextDecoder().decode(new Uint8Array(this.output));
  }

  /** Queues bytes or a string as input for the guest. */
  feed(data: Uint8Array | string): void {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    for (const b of bytes) this.#input.push(b);
    this.poll();
  }

  write(bytes: Uint8Array): void {
    for (const b of bytes) this.output.push(b);
  }

  attach(frontend: ChardevFrontend): void {
    this.#fe = frontend;
  }

  poll(): void {
    if (!this.#fe || this.#input.length === 0) return;
    const n = Math.min(this.#fe.canReceive(), this.#input.length);
    if (n > 0) this.#fe.receive(new Uint8Array(this.#input.splice(0, n)));
  }

  close(): void {}
}

/** A back-end that drops output and never has input (`-serial none`). */
export class NullChardev implements Chardev {
  write(_bytes: Uint8Array): void {}
  attach(_frontend: ChardevFrontend): void {}
  poll(): void {}
  close(): void {}
}
