/**
 * Builds the bare-metal guest test programs: every `tests/guest/src/*.S` except the
 * library is assembled with Debian's `arm-none-eabi-as`, linked with the library and
 * `guest.ld`, and written to `tests/guest/bin/NAME.elf`.
 *
 * Usage: `deno run -A tests/guest/build.ts [NAME...]` (default: all programs).
 *
 * @module
 */

import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Directory of this script (`tests/guest`). */
export const GUEST_DIR: string = dirname(fileURLToPath(import.meta.url));
/** Sources: programs, `lib.S`, `lib.inc` and `guest.ld`. */
export const SRC_DIR: string = join(GUEST_DIR, "src");
/** Built images, committed. */
export const BIN_DIR: string = join(GUEST_DIR, "bin");

/** Sources in `src/` that are not programs. */
const LIBRARY_SOURCES = new Set(["lib.S"]);

/** Assembler flags: ARMv7-A as implemented by a Cortex-A15 with VFPv4. */
export const AS_FLAGS: readonly string[] = [
  "-march=armv7-a",
  "-mcpu=cortex-a15",
  "-mfpu=vfpv4",
  "-mno-warn-deprecated",
];

/** Names (without `.S`) of all programs in `src/`, sorted. */
export function listPrograms(): string[] {
  const names: string[] = [];
  for (const entry of Deno.readDirSync(SRC_DIR)) {
    if (entry.isFile && entry.name.endsWith(".S") && !LIBRARY_SOURCES.has(entry.name)) {
      names.push(basename(entry.name, ".S"));
    }
  }
  return names.sort();
}

async function run(cmd: string, args: string[]): Promise<void> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(
        `${cmd} not found: install the ARM bare-metal toolchain ` +
          "(apt-get install binutils-arm-none-eabi)",
      );
    }
    throw e;
  }
  const text = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${text}`);
  }
  if (text.trim() !== "") console.error(text.trimEnd());
}

async function assemble(source: string, object: string): Promise<void> {
  await run("arm-none-eabi-as", [...AS_FLAGS, "-I", SRC_DIR, source, "-o", object]);
}

/**
 * Assembles and links the named programs (all when empty) into `outDir/NAME.elf`
 * (default `bin/`); returns the paths written.
 */
export async function build(
  names: readonly string[],
  outDir: string = BIN_DIR,
): Promise<string[]> {
  const all = listPrograms();
  const wanted = names.length > 0 ? [...names] : all;
  for (const name of wanted) {
    if (!all.includes(name)) {
      throw new Error(`no program ${name}: expected ${join(SRC_DIR, name + ".S")}`);
    }
  }
  const tmp = await Deno.makeTempDir({ prefix: "tsemu-guest-" });
  try {
    const libObjects: string[] = [];
    for (const lib of [...LIBRARY_SOURCES].sort()) {
      const object = join(tmp, basename(lib, ".S") + ".o");
      await assemble(join(SRC_DIR, lib), object);
      libObjects.push(object);
    }
    await Deno.mkdir(outDir, { recursive: true });
    const built: string[] = [];
    for (const name of wanted) {
      const object = join(tmp, name + ".o");
      await assemble(join(SRC_DIR, name + ".S"), object);
      const elf = join(outDir, name + ".elf");
      await run("arm-none-eabi-ld", [
        "-T",
        join(SRC_DIR, "guest.ld"),
        "--no-warn-rwx-segments",
        ...libObjects,
        object,
        "-o",
        elf,
      ]);
      built.push(elf);
    }
    return built;
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

if (import.meta.main) {
  try {
    for (const elf of await build(Deno.args)) console.log(`built ${elf}`);
  } catch (e) {
    console.error(`build.ts: ${e instanceof Error ? e.message : String(e)}`);
    Deno.exit(1);
  }
}
