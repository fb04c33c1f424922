/**
 * A writer for cpio archives in the "newc" (SVR4, no CRC) format, the format Linux unpacks
 * as an initramfs. Each member is a 110-byte ASCII header (magic `070701` and thirteen
 * 8-digit hexadecimal fields), its NUL-terminated name padded so that header + name ends on a
 * 4-byte boundary, then its data padded to a 4-byte boundary. The archive ends with a member
 * named `TRAILER!!!`.
 *
 * ```ts
 * const w = new CpioWriter();
 * w.directory("bin");
 * w.file("bin/busybox", bytes, 0o755);
 * w.symlink("bin/sh", "busybox");
 * w.charDevice("dev/console", 5, 1, 0o600);
 * const gz = gzip(w.finish());
 * ```
 *
 * Names are stored without a leading `/` (as the kernel's own gen_init_cpio does); a missing
 * parent directory is added (mode 0755) before its first child. Timestamps and owners default
 * to 0, so the same input gives the same bytes.
 *
 * @module
 */

import { gzipSync } from "node:zlib";

/** The newc magic number (ASCII, first six bytes of every header). */
export const NEWC_MAGIC = "070701";
/** Size in bytes of a newc header, before the name. */
export const NEWC_HEADER_SIZE = 110;
/** Name of the member that ends an archive. */
export const TRAILER_NAME = "TRAILER!!!";

/** File type bits of `st_mode` (POSIX `S_IF*`). */
export const S_IFMT = 0o170000;
/** Directory. */
export const S_IFDIR = 0o040000;
/** Character device. */
export const S_IFCHR = 0o020000;
/** Block device. */
export const S_IFBLK = 0o060000;
/** Regular file. */
export const S_IFREG = 0o100000;
/** Symbolic link. */
export const S_IFLNK = 0o120000;

/** Owner, group and time stamp of a member (all default to 0). */
export interface CpioOwner {
  /** Numeric user id. */
  uid?: number;
  /** Numeric group id. */
  gid?: number;
  /** Modification time, seconds since the epoch. */
  mtime?: number;
}

/** One member's header fields as written (the numeric fields of the newc header). */
export interface CpioHeader {
  /** Inode number (unique per member, from 1; the trailer has 0). */
  ino: number;
  /** `st_mode`: type bits and permissions. */
  mode: number;
  /** User id. */
  uid: number;
  /** Group id. */
  gid: number;
  /** Link count: 2 for directories, 1 otherwise. */
  nlink: number;
  /** Modification time. */
  mtime: number;
  /** Data size in bytes (a symlink's data is its target). */
  filesize: number;
  /** Device holding the file: major. */
  devmajor: number;
  /** Device holding the file: minor. */
  devminor: number;
  /** For a device node: its major number. */
  rdevmajor: number;
  /** For a device node: its minor number. */
  rdevminor: number;
}

const PERM_MASK = 0o7777;

/** Pads `n` up to a multiple of 4. */
export function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Builds a newc cpio archive in memory. */
export class CpioWriter {
  #chunks: Uint8Array[] = [];
  #size = 0;
  #ino = 1;
  #names = new Set<string>();
  #dirs = new Set<string>([""]);
  #finished = false;
  #encoder = new TextEncoder();

  /** Adds a directory (permissions default to 0755). */
  directory(path: string, mode = 0o755, owner: CpioOwner = {}): this {
    const name = this.#prepare(path);
    this.#dirs.add(name);
    return this.#member(name, S_IFDIR | (mode & PERM_MASK), 2, new Uint8Array(0), 0, 0, owner);
  }

  /** Adds a regular file with `data` (permissions default to 0644). */
  file(path: string, data: Uint8Array, mode = 0o644, owner: CpioOwner = {}): this {
    const name = this.#prepare(path);
    return this.#member(name, S_IFREG | (mode & PERM_MASK), 1, data, 0, 0, owner);
  }

  /** Adds a symbolic link at `path` pointing to `target` (mode 0777, as Linux shows links). */
  symlink(path: string, target: string, owner: CpioOwner = {}): this {
    if (target.length === 0) throw new Error(`cpio: empty symlink target for ${path}`);
    const name = this.#prepare(path);
    const data = this.#encoder.encode(target);
    return this.#member(name, S_IFLNK | 0o777, 1, data, 0, 0, owner);
  }

  /** Adds a character device node `major`,`minor` (permissions default to 0600). */
  charDevice(
    path: string,
    major: number,
    minor: number,
    mode = 0o600,
    owner: CpioOwner = {},
  ): this {
    const name = this.#prepare(path);
    return this.#member(
      name,
      S_IFCHR | (mode & PERM_MASK),
      1,
      new Uint8Array(0),
      major,
      minor,
      owner,
    );
  }

  /** Adds a block device node `major`,`minor` (permissions default to 0600). */
  blockDevice(
    path: string,
    major: number,
    minor: number,
    mode = 0o600,
    owner: CpioOwner = {},
  ): this {
    const name = this.#prepare(path);
    return this.#member(
      name,
      S_IFBLK | (mode & PERM_MASK),
      1,
      new Uint8Array(0),
      major,
      minor,
      owner,
    );
  }

  /** Appends the trailer and returns the whole archive; the writer can't be used after. */
  finish(): Uint8Array {
    this.#checkOpen();
    this.#write(TRAILER_NAME, {
      ino: 0,
      mode: 0,
      uid: 0,
      gid: 0,
      nlink: 1,
      mtime: 0,
      filesize: 0,
      devmajor: 0,
      devminor: 0,
      rdevmajor: 0,
      rdevminor: 0,
    }, new Uint8Array(0));
    this.#finished = true;
    const out = new Uint8Array(this.#size);
    let at = 0;
    for (const c of this.#chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.#chunks = [];
    return out;
  }

  /** Normalises a path, rejects duplicates and adds missing parent directories. */
  #prepare(path: string): string {
    this.#checkOpen();
    const parts = path.split("/").filter((p) => p !== "" && p !== ".");
    if (parts.length === 0) throw new Error(`cpio: empty path "${path}"`);
    if (parts.includes("..")) throw new Error(`cpio: ".." in path "${path}"`);
    const name = parts.join("/");
    if (name === TRAILER_NAME) throw new Error(`cpio: reserved name "${name}"`);
    if (this.#names.has(name)) throw new Error(`cpio: duplicate member "${name}"`);
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/");
      if (this.#dirs.has(parent)) continue;
      if (this.#names.has(parent)) throw new Error(`cpio: "${parent}" is not a directory`);
      this.#dirs.add(parent);
      this.#names.add(parent);
      this.#member(parent, S_IFDIR | 0o755, 2, new Uint8Array(0), 0, 0, {});
    }
    this.#names.add(name);
    return name;
  }

  #member(
    name: string,
    mode: number,
    nlink: number,
    data: Uint8Array,
    rdevmajor: number,
    rdevminor: number,
    owner: CpioOwner,
  ): this {
    this.#write(name, {
      ino: this.#ino++,
      mode,
      uid: owner.uid ?? 0,
      gid: owner.gid ?? 0,
      nlink,
      mtime: owner.mtime ?? 0,
      filesize: data.length,
      devmajor: 0,
      devminor: 0,
      rdevmajor,
      rdevminor,
    }, data);
    return this;
  }

  #write(name: string, h: CpioHeader, data: Uint8Array): void {
    const nameBytes = this.#encoder.encode(name);
    const namesize = nameBytes.length + 1; // with the terminating NUL
    const fields = [
      h.ino,
      h.mode,
      h.uid,
      h.gid,
      h.nlink,
      h.mtime,
      h.filesize,
      h.devmajor,
      h.devminor,
      h.rdevmajor,
      h.rdevminor,
      namesize,
      0, // check: always 0 in newc (070701)
    ];
    let text = NEWC_MAGIC;
    for (const f of fields) text += hex8(f);
    const headLen = align4(NEWC_HEADER_SIZE + namesize);
    const head = new Uint8Array(headLen); // zero-filled: NUL terminator and padding
    head.set(this.#encoder.encode(text), 0);
    head.set(nameBytes, NEWC_HEADER_SIZE);
    this.#push(head);
    if (data.length > 0) {
      this.#push(data);
      const pad = align4(data.length) - data.length;
      if (pad > 0) this.#push(new Uint8Array(pad));
    }
  }

  #push(bytes: Uint8Array): void {
    this.#chunks.push(bytes);
    this.#size += bytes.length;
  }

  #checkOpen(): void {
    if (this.#finished) throw new Error("cpio: archive already finished");
  }
}

/** Formats an unsigned 32-bit field as eight upper-case hexadecimal digits. */
function hex8(v: number): string {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new Error(`cpio: header field out of range: ${v}`);
  }
  return v.toString(16).toUpperCase().padStart(8, "0");
}

/** Compresses `data` with gzip (maximum compression; no file name or time in the header). */
export function gzip(data: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(data, { level: 9 }));
}
