/**
 * The error raised for an unusable image file (kernel, initrd, device tree blob): the user
 * gave us something we cannot load. `mod.ts` prints its message, one line, and exits.
 *
 * @module
 */

/** An image that cannot be loaded. The message is one line: `<file>: <reason>`. */
export class ImageError extends Error {
  /** The file (or the name standing for a generated image, such as `dtb`). */
  readonly file: string;
  /** What is wrong with it, without the file name. */
  readonly reason: string;

  /** Creates the error for `file`; `reason` must be a single line. */
  constructor(file: string, reason: string) {
    super(`${file}: ${reason.replace(/\s*\n\s*/g, " ")}`);
    this.name = "ImageError";
    this.file = file;
    this.reason = reason;
  }
}
