/**
 * Text of the execution logs in QEMU 7.2's layout: `-d in_asm` (each new TB, disassembled),
 * `-d exec` (a `Trace` line per executed TB), `-d cpu` (AArch32 register dump) and `-d int`
 * (exception entry). Also the structured hook behind `-d exec` that the difference tracer
 * (scripts/difftrace.ts) uses instead of text.
 *
 * Differences from QEMU that are inherent: the `Trace` line's host-code pointer is a TB
 * serial number and its first bracketed field (QEMU's cs_base) is the TB's physical pc;
 * symbols are never looked up (QEMU only knows ELF function symbols, which assembler guests
 * lack).
 *
 * @module
 */

import { type ArmCpu, Mode, modeName } from "../../cpu/arm/cpu.ts";
import { disassemble } from "../../cpu/arm/disas.ts";
import { Excp, type GuestException } from "../../cpu/arm/exception.ts";
import type { CodeReader } from "../../cpu/arm/translate-a32.ts";
import type { Log } from "../../util/log.ts";
import type { TranslationBlock } from "./tb.ts";

/** QEMU's TB cflags bits shown in the `Trace` line. */
export const CF_COUNT_MASK = 0x1ff;
/** Chaining disabled (`-d nochain`, `-singlestep`). */
export const CF_NO_GOTO_TB = 0x200;
/** Instruction counting (`-icount`). */
export const CF_USE_ICOUNT = 0x20000;
/** The cluster field QEMU's virt board leaves at its default. */
export const CF_CLUSTER_DEFAULT = 0xff000000 | 0;

/** Separator QEMU prints before each `-d in_asm` block. */
export const IN_ASM_RULE = "----------------";

/** Receives every TB entry while `-d exec` is on for a log that has a tracer. */
export interface ExecTracer {
  /** Called before `tb` runs, with the CPU state at its entry. */
  tbEntry(cpu: ArmCpu, tb: TranslationBlock): void;
}

const tracers = new WeakMap<Log, ExecTracer>();
const tbSerials = new WeakMap<TranslationBlock, number>();
let nextSerial = 1;

/**
 * Installs (or with null removes) a structured tracer for `log`: while `-d exec` is enabled
 * on it, TB entries go to the tracer instead of being formatted as text.
 */
export function setExecTracer(log: Log, tracer: ExecTracer | null): void {
  if (tracer) tracers.set(log, tracer);
  else tracers.delete(log);
}

/** Writes the `-d exec` (and, if enabled, `-d cpu`) record for entering `tb`. */
export function logExec(log: Log, cpu: ArmCpu, tb: TranslationBlock, cflags: number): void {
  const tracer = tracers.get(log);
  if (tracer) {
    tracer.tbEntry(cpu, tb);
    return;
  }
  let text = formatTrace(cpu.index, tb, cflags);
  if (log.on("cpu")) text += dumpCpu(cpu);
  log.write(text);
}

/** cflags value for the `Trace` line. */
export function traceCflags(singleStep: boolean, noChain: boolean, icount: boolean): number {
  return (CF_CLUSTER_DEFAULT | (singleStep ? 1 | CF_NO_GOTO_TB : 0) |
    (noChain ? CF_NO_GOTO_TB : 0) | (icount ? CF_USE_ICOUNT : 0)) >>> 0;
}

/** `Trace 0: 0x... [phys/pc/flags/cflags] ` line (QEMU's log_cpu_exec). */
export function formatTrace(cpuIndex: number, tb: TranslationBlock, cflags: number): string {
  let serial = tbSerials.get(tb);
  if (serial === undefined) tbSerials.set(tb, serial = nextSerial++);
  return `Trace ${cpuIndex}: 0x${serial.toString(16).padStart(12, "0")} ` +
    `[${hex8(tb.phys)}/${hex8(tb.pc)}/${hex8(tb.flags)}/${hex8(cflags)}] \n`;
}

/** Zero-padded 8-digit lower-case hex of a 32-bit value. */
export function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, "0");
}

function flagChar(psr: number, bit: number, c: string): string {
  return psr & (1 << bit) ? c : "-";
}

/** Register dump in QEMU 7.2's `-d cpu` layout for an AArch32 A-profile CPU without EL3. */
export function dumpCpu(cpu: ArmCpu): string {
  const r = cpu.r;
  let s = "";
  for (let i = 0; i < 16; i++) {
    s += `R${i < 10 ? "0" : ""}${i}=${hex8(r[i])}${(i & 3) === 3 ? "\n" : " "}`;
  }
  return s + formatPsr(cpu.cpsr);
}

/** The `PSR=... NZCV T mode32` line of the dump. */
export function formatPsr(psr: number): string {
  return `PSR=${hex8(psr)} ${flagChar(psr, 31, "N")}${flagChar(psr, 30, "Z")}` +
    `${flagChar(psr, 29, "C")}${flagChar(psr, 28, "V")} ${psr & (1 << 5) ? "T" : "A"} ` +
    `${modeName(psr & 0x1f)}${psr & 0x10 ? 32 : 26}\n`;
}

/**
 * The `-d in_asm` block for a TB of `size` bytes at virtual `pc`, reading its code through
 * `reader` (QEMU's tb_gen_code logging with capstone's layout: address, instruction units,
 * mnemonic padded to 8 columns, operands).
 */
export function formatInAsm(pc: number, size: number, thumb: boolean, reader: CodeReader): string {
  const bytes = new Uint8Array(size);
  const dv = new DataView(bytes.buffer);
  if (thumb) {
    for (let o = 0; o + 2 <= size; o += 2) dv.setUint16(o, reader.read16((pc + o) | 0), true);
  } else {
    for (let o = 0; o + 4 <= size; o += 4) dv.setInt32(o, reader.read32((pc + o) | 0), true);
  }
  let s = `${IN_ASM_RULE}\nIN: \n`;
  let off = 0;
  for (const insn of disassemble(bytes, pc >>> 0, thumb)) {
    s += formatInsnLine((pc + off) >>> 0, bytes.subarray(off, off + insn.size), thumb) +
      `  ${insn.mnemonic.padEnd(8)} ${insn.opStr}\n`;
    off += insn.size;
  }
  return s + "\n";
}

/**
 * Address and instruction units of one disassembly line: `0x40100000:  e10f4000` for A32,
 * halfwords (`0x00001000:  f8d0 1004`, or one halfword padded to the same width) for Thumb.
 */
export function formatInsnLine(addr: number, bytes: Uint8Array, thumb: boolean): string {
  let s = `0x${hex8(addr)}: `;
  if (!thumb && bytes.length === 4) {
    return s + " " + hex8(bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24));
  }
  for (let o = 0; o + 1 < bytes.length; o += 2) {
    s += " " + (bytes[o] | (bytes[o + 1] << 8)).toString(16).padStart(4, "0");
  }
  if (bytes.length < 4) s += " ".repeat(((4 - bytes.length) >> 1) * 5);
  return s;
}

// ---- -d int -------------------------------------------------------------------------------

/** QEMU's exception numbers (EXCP_*) and names for the kinds tsemu raises. */
const QEMU_EXCP: Partial<Record<Excp, [number, string]>> = {
  [Excp.UDEF]: [1, "Undefined Instruction"],
  [Excp.SWI]: [2, "SVC"],
  [Excp.PREFETCH_ABORT]: [3, "Prefetch Abort"],
  [Excp.DATA_ABORT]: [4, "Data Abort"],
  [Excp.IRQ]: [5, "IRQ"],
  [Excp.FIQ]: [6, "FIQ"],
  [Excp.BKPT]: [7, "Breakpoint"],
  [Excp.HVC]: [11, "Hypervisor Call"],
  [Excp.SMC]: [13, "Secure Monitor Call"],
};

/** Exception classes of the syndrome (ESR.EC, ARM ARM). */
const EC_UNCATEGORIZED = 0x00;
const EC_AA32_SVC = 0x11;
const EC_AA32_HVC = 0x12;
const EC_AA32_SMC = 0x13;
const EC_INSNABORT = 0x20;
const EC_DATAABORT = 0x24;
const EC_AA32_BKPT = 0x38;
const EC_SHIFT = 26;
/** ESR.IL: 32-bit instruction. */
const ESR_IL = 1 << 25;
/** ESR ISS bits for aborts: EA (external abort type), WnR, and the FSC QEMU reports for the
 * short-descriptor format. */
const ISS_EA = 1 << 9;
const ISS_WNR = 1 << 6;
const FSC_SHORT_DESCRIPTOR = 0x3f;
/** Short-descriptor FSR bits: ExT and WnR. */
const FSR_EXT = 1 << 12;
const FSR_WNR = 1 << 11;

/** Syndrome QEMU would have recorded last, per CPU (IRQ/FIQ entries print the stale one). */
const lastSyndrome = new WeakMap<ArmCpu, number>();

/** The syndrome (ESR value) QEMU builds for exception `e` taken from the CPU's current state. */
export function exceptionSyndrome(cpu: ArmCpu, e: GuestException): number {
  const il = cpu.thumb ? 0 : ESR_IL;
  const sameEl = (cpu.uncachedCpsr & 0x1f) === Mode.USR ? 0 : 1;
  switch (e.kind) {
    case Excp.SWI:
      return ((EC_AA32_SVC << EC_SHIFT) | il | (e.imm & 0xffff)) >>> 0;
    case Excp.HVC:
      return ((EC_AA32_HVC << EC_SHIFT) | il | (e.imm & 0xffff)) >>> 0;
    case Excp.SMC:
      return ((EC_AA32_SMC << EC_SHIFT) | il) >>> 0;
    case Excp.BKPT:
      return ((EC_AA32_BKPT << EC_SHIFT) | il | (e.imm & 0xffff)) >>> 0;
    case Excp.PREFETCH_ABORT:
      return (((EC_INSNABORT + sameEl) << EC_SHIFT) | ESR_IL | (e.fsr & FSR_EXT ? ISS_EA : 0) |
        FSC_SHORT_DESCRIPTOR) >>> 0;
    case Excp.DATA_ABORT:
      return (((EC_DATAABORT + sameEl) << EC_SHIFT) | ESR_IL | (e.fsr & FSR_EXT ? ISS_EA : 0) |
        (e.fsr & FSR_WNR ? ISS_WNR : 0) | FSC_SHORT_DESCRIPTOR) >>> 0;
    case Excp.IRQ:
    case Excp.FIQ:
      return lastSyndrome.get(cpu) ?? 0;
    default:
      return ((EC_UNCATEGORIZED << EC_SHIFT) | ESR_IL) >>> 0;
  }
}

/**
 * The `-d int` lines QEMU 7.2 prints when `cpu` (still in its pre-exception state) takes `e`.
 * Coprocessor-trap syndromes (EC 0x3-0x7) are reported as uncategorized: tsemu's
 * GuestException does not carry them.
 */
export function formatExceptionEntry(cpu: ArmCpu, e: GuestException): string {
  const [num, name] = QEMU_EXCP[e.kind] ?? [e.kind, "unknown"];
  const syn = exceptionSyndrome(cpu, e);
  lastSyndrome.set(cpu, syn);
  const fromEl = (cpu.uncachedCpsr & 0x1f) === Mode.USR ? 0 : 1;
  const toEl = e.kind === Excp.HVC ? 2 : 1;
  let s = `Taking exception ${num} [${name}] on CPU ${cpu.index}\n` +
    `...from EL${fromEl} to EL${toEl}\n` +
    `...with ESR 0x${(syn >>> EC_SHIFT).toString(16)}/0x${syn.toString(16)}\n`;
  if (e.kind === Excp.PREFETCH_ABORT || e.kind === Excp.BKPT) {
    s += `...with IFSR 0x${(e.fsr >>> 0).toString(16)} IFAR 0x${(e.far >>> 0).toString(16)}\n`;
  } else if (e.kind === Excp.DATA_ABORT) {
    s += `...with DFSR 0x${(e.fsr >>> 0).toString(16)} DFAR 0x${(e.far >>> 0).toString(16)}\n`;
  }
  return s;
}
