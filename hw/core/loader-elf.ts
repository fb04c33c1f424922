/**
 * ELF32 little-endian ARM executable loading, as QEMU's load_elf does it for `-kernel`:
 * PT_LOAD segments go to their physical address (`p_paddr`), bytes past `p_filesz` up to
 * `p_memsz` are zero, the entry point comes from `e_entry` (bit 0 set means Thumb).
 * FUNC symbols from `.symtab`, when present, are returned for traces and plugins.
 *
 * @module
 */

import { ImageError } from "./image-error.ts";

/** Offsets in `e_ident`. */
const EI_CLASS = 4;
const EI_DATA = 5;
const EI_VERSION = 6;
/** `e_ident[EI_CLASS]`: 32-bit objects. */
export const ELFCLASS32 = 1;
/** `e_ident[EI_DATA]`: two's complement little-endian. */
export const ELFDATA2LSB = 1;
/** `e_type`: executable file. */
export const ET_EXEC = 2;
/** `e_machine`: ARM (AArch32). */
export const EM_ARM = 40;
/** `p_type`: loadable segment. */
export const PT_LOAD = 1;
/** `sh_type`: symbol table. */
export const SHT_SYMTAB = 2;
/** Symbol type (low 4 bits of `st_info`): function. */
export const STT_FUNC = 2;

/** Sizes of the ELF32 structures. */
const EHDR_SIZE = 52;
const PHDR_SIZE = 32;
const SHDR_SIZE = 40;
const SYM_SIZE = 16;

/** Elf32_Ehdr field offsets. */
const Ehdr = {
  e_type: 16,
  e_machine: 18,
  e_version: 20,
  e_entry: 24,
  e_phoff: 28,
  e_shoff: 32,
  e_phentsize: 42,
  e_phnum: 44,
  e_shentsize: 46,
  e_shnum: 48,
} as const;

/** Elf32_Phdr field offsets. */
const Phdr = { p_type: 0, p_offset: 4, p_paddr: 12, p_filesz: 16, p_memsz: 20 } as const;
/** Elf32_Shdr field offsets. */
const Shdr = { sh_type: 4, sh_offset: 16, sh_size: 20, sh_link: 24, sh_entsize: 36 } as const;
/** Elf32_Sym field offsets. */
const Sym = { st_name: 0, st_value: 4, st_info: 12, st_shndx: 14 } as const;

/** One loadable segment. */
export interface ElfSegment {
  /** Physical load address (`p_paddr`). */
  paddr: number;
  /** The file bytes (`p_filesz` of them). */
  data: Uint8Array;
  /** Size in memory (`p_memsz` ≥ data length; the rest is zero). */
  memsz: number;
}

/** A parsed ELF executable. */
export interface ElfImage {
  /** Entry point (`e_entry`), bit 0 set for a Thumb entry. */
  entry: number;
  /** PT_LOAD segments with a non-zero memory size, in program header order. */
  segments: ElfSegment[];
  /** FUNC symbols from `.symtab`: address (Thumb bit cleared) to name; empty if stripped. */
  symbols: Map<number, string>;
}

/** True if `bytes` starts with the ELF magic `\x7fELF`. */
export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c &&
    bytes[3] === 0x46;
}

/**
 * Parses an ELF32 little-endian ARM executable. Throws {@link ImageError} naming `file` when the
 * header is not that (class, data encoding, version, type, machine), or when a program header,
 * segment, section header or symbol table lies outside the file.
 */
export function loadElf(bytes: Uint8Array, file: string): ElfImage {
  const fail = (reason: string): never => {
    throw new ImageError(file, reason);
  };
  if (!isElf(bytes)) fail("not an ELF file (bad magic)");
  if (bytes.length < EHDR_SIZE) fail(`truncated ELF header (${bytes.length} bytes)`);
  if (bytes[EI_CLASS] !== ELFCLASS32) fail(`ELF class ${bytes[EI_CLASS]} is not ELFCLASS32`);
  if (bytes[EI_DATA] !== ELFDATA2LSB) fail("ELF file is not little-endian");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number): number => dv.getUint16(o, true);
  const u32 = (o: number): number => dv.getUint32(o, true);
  if (bytes[EI_VERSION] !== 1 || u32(Ehdr.e_version) !== 1) fail("unsupported ELF version");
  const machine = u16(Ehdr.e_machine);
  if (machine !== EM_ARM) fail(`ELF machine ${machine} is not ARM (EM_ARM = ${EM_ARM})`);
  const type = u16(Ehdr.e_type);
  if (type !== ET_EXEC) fail(`ELF type ${type} is not an executable (ET_EXEC)`);

  const inFile = (off: number, size: number): boolean =>
    off <= bytes.length && size <= bytes.length - off;
  const hex = (n: number): string => "0x" + n.toString(16);

  const phoff = u32(Ehdr.e_phoff);
  const phnum = u16(Ehdr.e_phnum);
  const phentsize = u16(Ehdr.e_phentsize);
  if (phnum === 0) fail("ELF file has no program headers");
  if (phentsize !== PHDR_SIZE) fail(`bad ELF program header size ${phentsize}`);
  if (!inFile(phoff, phnum * PHDR_SIZE)) fail("ELF program headers lie outside the file");

  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * PHDR_SIZE;
    if (u32(ph + Phdr.p_type) !== PT_LOAD) continue;
    const offset = u32(ph + Phdr.p_offset);
    const filesz = u32(ph + Phdr.p_filesz);
    const memsz = u32(ph + Phdr.p_memsz);
    const paddr = u32(ph + Phdr.p_paddr);
    if (filesz > memsz) fail(`ELF segment ${i} has p_filesz > p_memsz`);
    if (!inFile(offset, filesz)) fail(`ELF segment ${i} data lies outside the file`);
    if (paddr + memsz > 0x1_0000_0000) fail(`ELF segment ${i} at ${hex(paddr)} wraps past 4 GiB`);
    if (memsz === 0) continue;
    segments.push({ paddr, data: bytes.slice(offset, offset + filesz), memsz });
  }
  if (segments.length === 0) fail("ELF file has no loadable segments");

  return { entry: u32(Ehdr.e_entry), segments, symbols: readSymbols(bytes, dv, fail) };
}

/** FUNC symbols of the first SHT_SYMTAB section, or an empty map without section headers. */
function readSymbols(
  bytes: Uint8Array,
  dv: DataView,
  fail: (reason: string) => never,
): Map<number, string> {
  const u16 = (o: number): number => dv.getUint16(o, true);
  const u32 = (o: number): number => dv.getUint32(o, true);
  const inFile = (off: number, size: number): boolean =>
    off <= bytes.length && size <= bytes.length - off;
  const symbols = new Map<number, string>();
  const shoff = u32(Ehdr.e_shoff);
  const shnum = u16(Ehdr.e_shnum);
  if (shoff === 0 || shnum === 0) return symbols;
  if (u16(Ehdr.e_shentsize) !== SHDR_SIZE) fail("bad ELF section header size");
  if (!inFile(shoff, shnum * SHDR_SIZE)) fail("ELF section headers lie outside the file");
  const shdr = (i: number): number => shoff + i * SHDR_SIZE;
  let symtab = -1;
  for (let i = 0; i < shnum; i++) {
    if (u32(shdr(i) + Shdr.sh_type) === SHT_SYMTAB) {
      symtab = i;
      break;
    }
  }
  if (symtab < 0) return symbols;
  const sh = shdr(symtab);
  const symOff = u32(sh + Shdr.sh_offset);
  const symSize = u32(sh + Shdr.sh_size);
  const entsize = u32(sh + Shdr.sh_entsize) || SYM_SIZE;
  const link = u32(sh + Shdr.sh_link);
  if (entsize !== SYM_SIZE || !inFile(symOff, symSize)) fail("bad ELF .symtab section");
  if (link >= shnum) fail("ELF .symtab links to a missing string table");
  const strOff = u32(shdr(link) + Shdr.sh_offset);
  const strSize = u32(shdr(link) + Shdr.sh_size);
  if (!inFile(strOff, strSize)) fail("ELF symbol string table lies outside the file");
  const decoder = new TextDecoder();
  for (let s = symOff; s + SYM_SIZE <= symOff + symSize; s += SYM_SIZE) {
    if ((bytes[s + Sym.st_info] & 0xf) !== STT_FUNC) continue;
    if (u16(s + Sym.st_shndx) === 0) continue; // undefined symbol
    const nameOff = u32(s + Sym.st_name);
    if (nameOff === 0 || nameOff >= strSize) continue;
    let end = strOff + nameOff;
    while (end < strOff + strSize && bytes[end] !== 0) end++;
    const name = decoder.decode(bytes.subarray(strOff + nameOff, end));
    const addr = (u32(s + Sym.st_value) & ~1) >>> 0;
    if (!symbols.has(addr)) symbols.set(addr, name);
  }
  return symbols;
}
