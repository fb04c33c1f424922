/**
 * Fetches the Linux guest that tsemu boots: Debian's stock ARMv7 kernel
 * (`linux-image-6.1.0-50-armmp`, armhf) and `busybox-static` (armhf), with apt-get, and builds
 * a busybox initramfs (`initrd.cpio.gz`) around it.
 *
 * Usage: `deno task fetch-linux [--out DIR] [--force] [--kernel PACKAGE]`
 *
 * Files go to a cache folder outside the repository: `--out DIR`, else `$TSEMU_LINUX_DIR`,
 * else `$XDG_CACHE_HOME/tsemu/linux`, else `~/.cache/tsemu/linux`. When valid files are
 * already there nothing is downloaded (unless `--force`); when only the initramfs layout
 * changed, the initramfs is rebuilt from the cached busybox. Downloading needs root (it adds
 * the armhf architecture to dpkg and runs `apt-get update`).
 *
 * @module
 */

import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CpioWriter, gzip } from "./cpio.ts";

/** The kernel package we boot; the newest `linux-image-*-armmp` is used if it is gone. */
export const DEFAULT_KERNEL_PACKAGE = "linux-image-6.1.0-50-armmp";
/** The package that ships a static ARM `/bin/busybox`. */
export const BUSYBOX_PACKAGE = "busybox-static";
/** The Debian architecture of the guest packages. */
export const GUEST_ARCH = "armhf";
/** The line `/init` prints once the initramfs is set up, just before the shell starts. */
export const LINUX_READY_MARKER = "TSEMU-LINUX-READY";
/** The shell prompt `/init` sets (`\w` is the working directory). */
export const LINUX_PROMPT = "tsemu:\\w# ";

/** Offset of the zImage magic word in an ARM zImage header. */
const ZIMAGE_MAGIC_OFFSET = 0x24;
/** The ARM zImage magic word (little-endian at {@link ZIMAGE_MAGIC_OFFSET}). */
const ZIMAGE_MAGIC = 0x016f2818;
/** ELF e_machine for 32-bit ARM. */
const EM_ARM = 40;
const MANIFEST = "manifest.json";
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** A fetch failure, reported as one line. */
export class FetchError extends Error {
  /** @param message what went wrong, one line */
  constructor(message: string) {
    super(message);
    this.name = "FetchError";
  }
}

/** The fetched guest: where its files are and which packages they came from. */
export interface LinuxFiles {
  /** The cache folder. */
  dir: string;
  /** The kernel zImage (`boot/vmlinuz-*` of the kernel package). */
  vmlinuz: string;
  /** The gzip-compressed newc initramfs. */
  initrd: string;
  /** The static ARM busybox the initramfs is built from. */
  busybox: string;
  /** Kernel package name, e.g. `linux-image-6.1.0-50-armmp`. */
  kernelPackage: string;
  /** Kernel package version, e.g. `6.1.176-1`. */
  kernelVersion: string;
  /** busybox-static package version. */
  busyboxVersion: string;
}

/** Options of {@link fetchLinux}. */
export interface FetchOptions {
  /** Cache folder (default {@link defaultLinuxDir}). */
  dir?: string;
  /** Download and rebuild even when valid files are cached. */
  force?: boolean;
  /** Kernel package to fetch (default {@link DEFAULT_KERNEL_PACKAGE}). */
  kernelPackage?: string;
  /** Progress messages (default: `console.error`). */
  log?: (line: string) => void;
}

interface Manifest {
  kernelPackage: string;
  kernelVersion: string;
  busyboxVersion: string;
  requestedKernel: string;
}

/** The cache folder: `$TSEMU_LINUX_DIR`, `$XDG_CACHE_HOME/tsemu/linux` or `~/.cache/tsemu/linux`. */
export function defaultLinuxDir(): string {
  const env = Deno.env.get("TSEMU_LINUX_DIR");
  if (env) return resolve(env);
  const xdg = Deno.env.get("XDG_CACHE_HOME");
  if (xdg) return join(resolve(xdg), "tsemu", "linux");
  const home = Deno.env.get("HOME");
  if (!home) throw new FetchError("neither HOME nor XDG_CACHE_HOME is set; use --out DIR");
  return join(home, ".cache", "tsemu", "linux");
}

/** The `/init` script of the initramfs. */
export function initScript(): string {
  return [
    "#!/bin/sh",
    "# tsemu initramfs init (busybox-static)",
    "export PATH=/sbin:/bin:/usr/sbin:/usr/bin HOME=/root",
    "/bin/busybox mount -t proc proc /proc",
    "/bin/busybox --install -s",
    "mount -t sysfs sysfs /sys",
    'mount -t devtmpfs devtmpfs /dev || echo "init: devtmpfs not mounted, using the static /dev"',
    "mkdir -p /dev/pts && mount -t devpts devpts /dev/pts",
    "hostname tsemu",
    "cd /root",
    `export PS1='${LINUX_PROMPT}'`,
    `echo ${LINUX_READY_MARKER}`,
    "exec setsid cttyhack sh",
    "",
  ].join("\n");
}

/** Builds the initramfs (newc cpio, gzip-compressed) around a static ARM busybox. */
export function buildInitramfs(busybox: Uint8Array): Uint8Array {
  const w = new CpioWriter();
  for (const d of ["bin", "sbin", "usr", "usr/bin", "usr/sbin", "etc", "proc", "sys", "dev"]) {
    w.directory(d);
  }
  w.directory("tmp", 0o1777).directory("root", 0o700);
  w.charDevice("dev/console", 5, 1, 0o600);
  w.charDevice("dev/ttyAMA0", 204, 64, 0o600);
  w.charDevice("dev/null", 1, 3, 0o666);
  w.charDevice("dev/zero", 1, 5, 0o666);
  w.charDevice("dev/tty", 5, 0, 0o666);
  w.file("bin/busybox", busybox, 0o755);
  w.symlink("bin/sh", "busybox");
  w.file("init", new TextEncoder().encode(initScript()), 0o755);
  return gzip(w.finish());
}

/** True if `bytes` is an ARM zImage (magic word at 0x24). */
export function isZImage(bytes: Uint8Array): boolean {
  if (bytes.length < ZIMAGE_MAGIC_OFFSET + 4) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(ZIMAGE_MAGIC_OFFSET, true) === ZIMAGE_MAGIC;
}

/** True if `bytes` is a 32-bit little-endian ARM ELF file. */
export function isArmElf(bytes: Uint8Array): boolean {
  return bytes.length >= 20 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c &&
    bytes[3] === 0x46 && bytes[4] === 1 && bytes[5] === 1 &&
    (bytes[18] | bytes[19] << 8) === EM_ARM;
}

function readOrNull(path: string): Uint8Array | null {
  try {
    return Deno.readFileSync(path);
  } catch {
    return null;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function readManifest(dir: string): Manifest | null {
  try {
    const m = JSON.parse(Deno.readTextFileSync(join(dir, MANIFEST)));
    if (
      typeof m.kernelPackage === "string" && typeof m.kernelVersion === "string" &&
      typeof m.busyboxVersion === "string" && typeof m.requestedKernel === "string"
    ) return m as Manifest;
  } catch {
    // missing or damaged: treated as not cached
  }
  return null;
}

function filesOf(dir: string, m: Manifest): LinuxFiles {
  return {
    dir,
    vmlinuz: join(dir, "vmlinuz"),
    initrd: join(dir, "initrd.cpio.gz"),
    busybox: join(dir, "busybox"),
    kernelPackage: m.kernelPackage,
    kernelVersion: m.kernelVersion,
    busyboxVersion: m.busyboxVersion,
  };
}

/** Writes a file through a temporary name and a rename, so a reader never sees half of it. */
function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${Deno.pid}`;
  if (typeof data === "string") Deno.writeTextFileSync(tmp, data);
  else Deno.writeFileSync(tmp, data);
  Deno.renameSync(tmp, path);
}

/**
 * The cached guest in `dir` if it is complete and valid (rebuilding a stale initramfs from
 * the cached busybox), else null.
 */
export function cachedLinux(
  dir: string,
  kernelPackage = DEFAULT_KERNEL_PACKAGE,
): LinuxFiles | null {
  const m = readManifest(dir);
  if (!m || m.requestedKernel !== kernelPackage) return null;
  const files = filesOf(dir, m);
  const kernel = readOrNull(files.vmlinuz);
  const busybox = readOrNull(files.busybox);
  if (!kernel || !isZImage(kernel) || !busybox || !isArmElf(busybox)) return null;
  // Rebuilding is cheap and deterministic: a changed builder or a damaged file is replaced.
  const initrd = readOrNull(files.initrd);
  const fresh = buildInitramfs(busybox);
  if (!initrd || !sameBytes(initrd, fresh)) writeAtomic(files.initrd, fresh);
  return files;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cmd: string, args: string[], cwd?: string): Promise<RunResult> {
  try {
    const out = await new Deno.Command(cmd, {
      args,
      cwd,
      env: { DEBIAN_FRONTEND: "noninteractive", LC_ALL: "C" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new FetchError(`${cmd} not found: fetching the guest needs a Debian-based host`);
    }
    throw e;
  }
}

/** The most useful line of a failed command's output (its first `E:` line, else its last line). */
function errorLine(r: RunResult): string {
  const lines = (r.stderr + "\n" + r.stdout).split("\n").map((l) => l.trim()).filter((l) => l);
  const e = lines.filter((l) => l.startsWith("E:") || l.includes("error"));
  return (e[0] ?? lines.at(-1) ?? `exit status ${r.code}`).slice(0, 300);
}

/** The candidate version of `pkg` for the guest architecture, or null if apt has none. */
async function candidate(pkg: string): Promise<string | null> {
  const r = await run("apt-cache", ["policy", `${pkg}:${GUEST_ARCH}`]);
  const m = /^\s*Candidate:\s*(\S+)/m.exec(r.stdout);
  return m && m[1] !== "(none)" ? m[1] : null;
}

/** Compares dotted/dashed numeric names ("6.1.0-50" vs "6.1.0-9") component by component. */
function compareAbi(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The versioned `linux-image-<abi>-armmp` packages named in `apt-cache search` output, newest
 * ABI first (flavours such as `-rt-armmp`, `-armmp-lpae` and `-dbg` are left out).
 */
export function armmpKernelsNewestFirst(searchOutput: string): string[] {
  return [...searchOutput.matchAll(/^linux-image-([0-9][0-9.]*-[0-9]+)-armmp\s/gm)]
    .sort((a, b) => compareAbi(b[1], a[1]))
    .map((m) => `linux-image-${m[1]}-armmp`);
}

/**
 * Picks the kernel package: the requested one if apt has it, else the one the meta package
 * `linux-image-armmp` depends on, else the newest versioned `linux-image-N-armmp`.
 */
async function chooseKernel(
  requested: string,
  log: (l: string) => void,
): Promise<[string, string]> {
  const v = await candidate(requested);
  if (v) return [requested, v];
  const meta = await run("apt-cache", ["depends", `linux-image-armmp:${GUEST_ARCH}`]);
  const dep = /^\s*Depends:\s*(linux-image-[0-9][^\s:]*-armmp)\b/m.exec(meta.stdout);
  if (dep) {
    const dv = await candidate(dep[1]);
    if (dv) {
      log(`${requested} is not available; using ${dep[1]} ${dv} (from linux-image-armmp)`);
      return [dep[1], dv];
    }
  }
  const search = await run("apt-cache", [
    "search",
    "--names-only",
    "^linux-image-[0-9.]+-[0-9]+-armmp$",
  ]);
  for (const name of armmpKernelsNewestFirst(search.stdout)) {
    const nv = await candidate(name);
    if (nv) {
      log(`${requested} is not available; using the newest armmp kernel ${name} ${nv}`);
      return [name, nv];
    }
  }
  throw new FetchError(
    `package not found: neither ${requested}:${GUEST_ARCH} nor any linux-image-*-armmp is ` +
      `known to apt (check /etc/apt/sources.list* for a Debian "main" archive)`,
  );
}

/** Finds the one file in `dir` whose name starts with `prefix`, or null. */
function findFile(dir: string, prefix: string): string | null {
  try {
    for (const e of Deno.readDirSync(dir)) {
      if (e.isFile && e.name.startsWith(prefix)) return join(dir, e.name);
    }
  } catch {
    // no such folder
  }
  return null;
}

/** Adds the armhf architecture to dpkg if needed and refreshes apt's lists. */
async function prepareApt(log: (l: string) => void): Promise<void> {
  const archs = await run("dpkg", ["--print-foreign-architectures"]);
  if (!archs.stdout.split(/\s+/).includes(GUEST_ARCH)) {
    log(`dpkg --add-architecture ${GUEST_ARCH}`);
    const r = await run("dpkg", ["--add-architecture", GUEST_ARCH]);
    if (r.code !== 0) throw new FetchError(`dpkg --add-architecture failed: ${errorLine(r)}`);
  }
  log("apt-get update");
  const r = await run("apt-get", ["update", "-q"]);
  // A partly failed update (one mirror out of sync) still leaves usable lists: go on, and
  // let the package lookup decide.
  if (r.code !== 0) {
    log(`warning: apt-get update failed (${errorLine(r)}); using the lists apt has`);
  }
}

/** Downloads one package into `dir` and returns the .deb's path. */
async function download(pkg: string, dir: string): Promise<string> {
  const r = await run("apt-get", [
    "download",
    "-q",
    "-o",
    "APT::Sandbox::User=root",
    `${pkg}:${GUEST_ARCH}`,
  ], dir);
  if (r.code !== 0) throw new FetchError(`apt-get download ${pkg} failed: ${errorLine(r)}`);
  const deb = findFile(dir, `${pkg}_`);
  if (!deb) throw new FetchError(`apt-get download ${pkg} produced no .deb file`);
  return deb;
}

async function extract(deb: string, into: string): Promise<string> {
  const r = await run("dpkg-deb", ["-x", deb, into]);
  if (r.code !== 0) throw new FetchError(`extracting ${deb} failed: ${errorLine(r)}`);
  const v = await run("dpkg-deb", ["-f", deb, "Version"]);
  if (v.code !== 0) throw new FetchError(`reading the version of ${deb} failed: ${errorLine(v)}`);
  return v.stdout.trim();
}

/**
 * Makes sure the guest is in the cache folder and returns its files: reuses valid cached
 * files, else downloads the packages with apt-get (root needed) and builds the initramfs.
 */
export async function fetchLinux(opts: FetchOptions = {}): Promise<LinuxFiles> {
  const log = opts.log ?? ((l: string) => console.error(`fetch-linux: ${l}`));
  const dir = resolve(opts.dir ?? defaultLinuxDir());
  const requested = opts.kernelPackage ?? DEFAULT_KERNEL_PACKAGE;
  const rel = relative(REPO_ROOT, dir);
  if (rel === "" || (!rel.startsWith("..") && !rel.startsWith("/"))) {
    throw new FetchError(`${dir} is inside the repository; fetched files must stay outside it`);
  }
  if (!opts.force) {
    const cached = cachedLinux(dir, requested);
    if (cached) return cached;
  }
  if (Deno.uid() !== 0) {
    throw new FetchError(
      `no valid guest in ${dir} and apt-get needs root: rerun as root (or --out a folder ` +
        `that already holds the files)`,
    );
  }
  await prepareApt(log);
  const [kernelPackage, kernelVersion] = await chooseKernel(requested, log);
  if (!await candidate(BUSYBOX_PACKAGE)) {
    throw new FetchError(`package not found: ${BUSYBOX_PACKAGE}:${GUEST_ARCH} is not known to apt`);
  }
  const tmp = Deno.makeTempDirSync({ prefix: "tsemu-linux-" });
  try {
    log(`apt-get download ${kernelPackage}:${GUEST_ARCH} ${BUSYBOX_PACKAGE}:${GUEST_ARCH}`);
    const kdeb = await download(kernelPackage, tmp);
    const bdeb = await download(BUSYBOX_PACKAGE, tmp);
    const root = join(tmp, "root");
    log("extracting");
    const kv = await extract(kdeb, root);
    const bv = await extract(bdeb, root);
    const vmlinuzPath = findFile(join(root, "boot"), "vmlinuz-");
    if (!vmlinuzPath) throw new FetchError(`${kernelPackage} has no boot/vmlinuz-* file`);
    const kernel = Deno.readFileSync(vmlinuzPath);
    if (!isZImage(kernel)) throw new FetchError(`${vmlinuzPath} is not an ARM zImage`);
    const bbPath = [join(root, "bin/busybox"), join(root, "usr/bin/busybox")]
      .find((p) => readOrNull(p) !== null);
    if (!bbPath) throw new FetchError(`${BUSYBOX_PACKAGE} has no bin/busybox file`);
    const busybox = Deno.readFileSync(bbPath);
    if (!isArmElf(busybox)) throw new FetchError(`${bbPath} is not a 32-bit ARM ELF program`);

    Deno.mkdirSync(dir, { recursive: true });
    const m: Manifest = {
      kernelPackage,
      kernelVersion: kv || kernelVersion,
      busyboxVersion: bv,
      requestedKernel: requested,
    };
    const files = filesOf(dir, m);
    writeAtomic(files.vmlinuz, kernel);
    writeAtomic(files.busybox, busybox);
    Deno.chmodSync(files.busybox, 0o755);
    const config = findFile(join(root, "boot"), "config-");
    if (config) writeAtomic(join(dir, "config"), Deno.readFileSync(config));
    writeAtomic(files.initrd, buildInitramfs(busybox));
    writeAtomic(join(dir, MANIFEST), JSON.stringify(m, null, 2) + "\n");
    return files;
  } finally {
    Deno.removeSync(tmp, { recursive: true });
  }
}

/** Parsed command line of the fetch-linux task. */
export interface FetchArgs {
  /** `--out DIR`. */
  dir?: string;
  /** `--force`. */
  force: boolean;
  /** `--kernel PACKAGE`. */
  kernelPackage?: string;
  /** `--help`. */
  help: boolean;
}

/** Parses `[--out DIR] [--force] [--kernel PACKAGE] [--help]`; throws FetchError otherwise. */
export function parseFetchArgs(args: string[]): FetchArgs {
  const out: FetchArgs = { force: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new FetchError(`${a} needs a value`);
      return v;
    };
    if (a === "--out") out.dir = value();
    else if (a.startsWith("--out=")) out.dir = a.slice(6);
    else if (a === "--kernel") out.kernelPackage = value();
    else if (a === "--force") out.force = true;
    else if (a === "--help" || a === "-h") out.help = true;
    else throw new FetchError(`unknown option ${a} (try --help)`);
  }
  return out;
}

/** The usage text of the fetch-linux task. */
export const FETCH_USAGE = `usage: deno task fetch-linux [--out DIR] [--force] [--kernel PACKAGE]
  Downloads ${DEFAULT_KERNEL_PACKAGE} and ${BUSYBOX_PACKAGE} (${GUEST_ARCH}) with apt-get (as
  root) and builds initrd.cpio.gz. Files go to --out DIR, $TSEMU_LINUX_DIR,
  $XDG_CACHE_HOME/tsemu/linux or ~/.cache/tsemu/linux.`;

/** Runs the fetch-linux command line; returns the exit status. */
export async function fetchMain(args: string[]): Promise<number> {
  try {
    const a = parseFetchArgs(args);
    if (a.help) {
      console.log(FETCH_USAGE);
      return 0;
    }
    const f = await fetchLinux({ dir: a.dir, force: a.force, kernelPackage: a.kernelPackage });
    console.log(`kernel:  ${f.vmlinuz} (${f.kernelPackage} ${f.kernelVersion})`);
    console.log(`initrd:  ${f.initrd} (${BUSYBOX_PACKAGE} ${f.busyboxVersion})`);
    console.log(`busybox: ${f.busybox}`);
    return 0;
  } catch (e) {
    if (e instanceof FetchError) {
      console.error(`fetch-linux: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (import.meta.main) Deno.exit(await fetchMain(Deno.args));
