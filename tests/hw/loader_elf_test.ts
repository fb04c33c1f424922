import assert from "node:assert/strict";
import { EM_ARM, isElf, loadElf } from "../../hw/core/loader-elf.ts";
import { ImageError } from "../../hw/core/image-error.ts";

const FIXTURES = new URL("../fixtures/boot/", import.meta.url);
/** elf-hi.elf: built by tests/fixtures/boot/build.sh from elf-regs.S, linked at 0x40100000. */
const elfHi = Deno.readFileSync(new URL("elf-hi.elf", FIXTURES));

function patch(bytes: Uint8Array, off: number, v: number, size: 1 | 2 | 4): Uint8Array {
  const b = bytes.slice();
  const dv = new DataView(b.buffer);
  if (size === 1) dv.setUint8(off, v);
  else if (size === 2) dv.setUint16(off, v, true);
  else dv.setUint32(off, v, true);
  return b;
}

function expectImageError(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ImageError, `expected ImageError, got ${e}`);
    assert.match(e.message, re);
    return true;
  });
}

/** Offsets used to corrupt the fixture (Elf32_Ehdr / first Elf32_Phdr at e_phoff = 52). */
const E_TYPE = 16, E_MACHINE = 18, E_SHOFF = 32, E_PHNUM = 44, PH0 = 52;

Deno.test("loadElf: entry, segments and FUNC symbols of an arm-none-eabi executable", () => {
  assert.ok(isElf(elfHi));
  const img = loadElf(elfHi, "elf-hi.elf");
  assert.equal(img.entry, 0x40100001, "Thumb entry keeps bit 0");
  assert.deepEqual(
    img.segments.map((s) => [s.paddr, s.data.length, s.memsz]),
    [[0x40100000, 0x34, 0x34], [0x40101000, 4, 0x200]],
  );
  assert.deepEqual(Array.from(img.segments[1].data), [0x78, 0x56, 0x34, 0x12]);
  // First instruction of _start: `mov r9, r0` in Thumb-2 = 0x4681.
  assert.equal(img.segments[0].data[0] | img.segments[0].data[1] << 8, 0x4681);
  assert.deepEqual(
    [...img.symbols].sort((a, b) => a[0] - b[0]),
    [[0x40100000, "_start"], [0x40100024, "arm_helper"]],
  );
});

Deno.test("loadElf: a stripped executable has no symbols", () => {
  const img = loadElf(patch(elfHi, E_SHOFF, 0, 4), "s.elf");
  assert.equal(img.symbols.size, 0);
  assert.equal(img.segments.length, 2);
});

Deno.test("loadElf: malformed or foreign files raise ImageError naming the file", () => {
  const f = "k.elf";
  expectImageError(() => loadElf(new Uint8Array([1, 2, 3, 4, 5]), f), /^k\.elf: not an ELF/);
  expectImageError(() => loadElf(elfHi.slice(0, 40), f), /^k\.elf: truncated ELF header/);
  expectImageError(() => loadElf(patch(elfHi, 4, 2, 1), f), /ELF class 2 is not ELFCLASS32/);
  expectImageError(() => loadElf(patch(elfHi, 5, 2, 1), f), /not little-endian/);
  expectImageError(() => loadElf(patch(elfHi, E_MACHINE, 3, 2), f), /machine 3 is not ARM/);
  expectImageError(() => loadElf(patch(elfHi, E_TYPE, 3, 2), f), /not an executable/);
  expectImageError(() => loadElf(elfHi.slice(0, 60), f), /program headers lie outside/);
  expectImageError(() => loadElf(patch(elfHi, E_PHNUM, 0, 2), f), /no program headers/);
  expectImageError(() => loadElf(patch(elfHi, PH0 + 4, 0x100000, 4), f), /segment 0 data lies/);
  expectImageError(() => loadElf(patch(elfHi, PH0 + 20, 1, 4), f), /p_filesz > p_memsz/);
  expectImageError(() => loadElf(patch(elfHi, E_SHOFF, 0x7ffffff0, 4), f), /section headers/);
  // A truncated file: the program header is present, the segment data is not.
  expectImageError(() => loadElf(elfHi.slice(0, 0x1010), f), /segment 0 data lies outside/);
  assert.equal(EM_ARM, 40);
});
