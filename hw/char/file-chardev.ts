/**
 * `-serial file:PATH`: guest output is written to a file (created or truncated), there is no
 * input. As QEMU's `file` chardev.
 *
 * @module
 */

import type { Chardev, ChardevFrontend } from "./chardev.ts";
import { UsageError } from "../../util/log.ts";

/** A back-end writing every byte synchronously to a file. */
export class FileChardev implements Chardev {
  /** The path given on the command line. */
  readonly path: string;
  #file: Deno.FsFile | null;

  /** Opens (creates or truncates) `path`; throws `UsageError` if that fails. */
  constructor(path: string) {
    this.path = path;
    try {
      this.#file = Deno.openSync(path, { write: true, create: true, truncate: true });
    } catch (e) {
      throw new UsageError(`-serial file:${path}: cannot open: ${(e as Error).message}`);
    }
  }

  /** Writes all of `bytes` to the file (nothing once closed). */
  write(bytes: Uint8Array): void {
    const f = this.#file;
    if (f === null) return;
    let off = 0;
    while (off < bytes.length) off += f.writeSync(bytes.subarray(off));
  }

  /** No input: the front-end is never called. */
  attach(_frontend: ChardevFrontend): void {}

  /** No input to deliver. */
  poll(): void {}

  /** Closes the file. */
  close(): void {
    this.#file?.close();
    this.#file = null;
  }
}
