/**
 * execlog: one line per executed instruction, with its memory accesses and the registers it
 * changed (QEMU's contrib/plugins/execlog.c). Line format:
 *
 * ```
 * 0, 0x40100910, 0xe2800003, "add r0, r0, #3", r0 -> 0x00000003
 * 0, 0x40100818, 0xe4831004, "str r1, [r3], #4", store, 0x40800000, RAM
 * ```
 *
 * vCPU, pc, the first 32 bits of the instruction, its disassembly, then `load`/`store` with
 * the physical address and the device (`RAM` for memory, as QEMU says) for each access, then
 * `name -> 0x...` for each tracked register whose value changed. A line is printed when the
 * vCPU starts its next logged instruction, so accesses and changes can be attached to it;
 * the last line is printed at exit.
 *
 * Options (QEMU's): `ifilter=PREFIX` (log instructions whose disassembly starts with it),
 * `afilter=ADDR` (hex pc), both repeatable; `reg=GLOB` (repeatable; `*` and `?` wildcards,
 * matched against the register name, e.g. `reg=r0`, `reg=r*`, `reg=cpsr`), `rdisas=on` (look
 * for register changes only after instructions whose operands name a tracked register).
 *
 * @module
 */

import { CbFlags, MemRW } from "../../plugins/api.ts";
import type { MemInfo, PluginApi, PluginInfo } from "../../plugins/api.ts";
import { boolArg, splitArgs, unknownArg } from "./args.ts";

const PLUGIN = "execlog";

/** A tracked register of one vCPU. */
interface Register {
  handle: number;
  name: string;
  last: Uint8Array;
}

/** Per-vCPU state: the pending line and the tracked registers. */
interface Cpu {
  line: string | null;
  regs: Register[];
}

/** `*` and `?` glob as a regular expression (QEMU uses g_pattern_match_simple). */
function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Register bytes (little-endian) as hex, most significant first. */
function bytesHex(b: Uint8Array): string {
  let s = "";
  for (let i = b.length - 1; i >= 0; i--) s += b[i].toString(16).padStart(2, "0");
  return s;
}

/** Installs execlog. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): void {
  const ifilters: string[] = [];
  const afilters = new Set<number>();
  const regGlobs: RegExp[] = [];
  let rdisas = false;
  for (const a of splitArgs(PLUGIN, args)) {
    if (a.name === "ifilter") {
      ifilters.push(a.value);
    } else if (a.name === "afilter") {
      if (!/^(0x)?[0-9a-f]+$/i.test(a.value)) {
        throw new Error(`${PLUGIN}: afilter=${a.value}: expected a hexadecimal address`);
      }
      afilters.add(parseInt(a.value, 16));
    } else if (a.name === "reg") {
      regGlobs.push(globRegExp(a.value));
    } else if (a.name === "rdisas") {
      rdisas = boolArg(api, PLUGIN, a);
    } else {
      unknownArg(PLUGIN, a, ["ifilter", "afilter", "reg", "rdisas"]);
    }
  }
  const filtering = ifilters.length > 0 || afilters.size > 0;
  const cpus: Cpu[] = [];
  const cpu = (vcpu: number): Cpu => (cpus[vcpu] ??= { line: null, regs: [] });
  /** Lower-case names of the tracked registers (for `rdisas`). */
  const trackedNames = new Set<string>();

  api.onVcpuInit((vcpu) => {
    const c = cpu(vcpu);
    for (const d of api.getRegisters()) {
      const name = d.name.toLowerCase();
      if (!regGlobs.some((g) => g.test(d.name) || g.test(name))) continue;
      const bytes = api.readRegister(d.handle);
      if (!bytes) throw new Error(`${PLUGIN}: cannot read register ${d.name}`);
      c.regs.push({ handle: d.handle, name, last: bytes });
      trackedNames.add(name);
    }
  });

  const appendRegChanges = (c: Cpu) => {
    for (const r of c.regs) {
      const now = api.readRegister(r.handle);
      if (!now || sameBytes(now, r.last)) continue;
      c.line += `, ${r.name} -> 0x${bytesHex(now)}`;
      r.last = now;
    }
  };

  const onExec = (vcpu: number, text: string, checkRegs: boolean) => {
    const c = cpu(vcpu);
    if (c.line !== null) {
      if (checkRegs) appendRegChanges(c);
      api.outs(c.line + "\n");
    }
    c.line = `${vcpu}, ${text}`;
  };
  const execPlain = (vcpu: number, text: string) => onExec(vcpu, text, false);
  const execRegs = (vcpu: number, text: string) => onExec(vcpu, text, true);

  const onMem = (vcpu: number, mi: MemInfo, vaddr: number) => {
    const c = cpu(vcpu);
    c.line += mi.isStore ? ", store" : ", load";
    const h = mi.hwaddr();
    if (h) {
      c.line += `, 0x${h.physAddr.toString(16).padStart(8, "0")}, ${h.isIo ? h.deviceName : "RAM"}`;
    } else {
      c.line += `, 0x${vaddr.toString(16).padStart(8, "0")}`;
    }
  };

  /** Whether the operands of `disas` name a tracked register. */
  const mentionsTracked = (disas: string) => {
    const sp = disas.indexOf(" ");
    if (sp < 0) return false;
    const operands = disas.slice(sp + 1).toLowerCase().split(/[^a-z0-9]+/);
    return operands.some((w) => trackedNames.has(w));
  };

  api.onTbTrans((tb) => {
    // Register changes of the previous instruction are looked for at this one.
    let checkThis = true;
    for (let i = 0; i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      const disas = insn.disas();
      const checkNext = !rdisas || mentionsTracked(disas);
      const logged = !filtering || afilters.has(insn.vaddr) ||
        ifilters.some((p) => disas.startsWith(p));
      if (logged) {
        const b = insn.data();
        const opcode = (b[0] | b[1] << 8 | (b[2] ?? 0) << 16 | (b[3] ?? 0) << 24) >>> 0;
        const text = `0x${insn.vaddr.toString(16)}, 0x${opcode.toString(16)}, "${disas}"`;
        insn.registerMemCb(onMem, CbFlags.NO_REGS, MemRW.RW);
        if (regGlobs.length && (checkThis || filtering)) {
          insn.registerExecCb(execRegs, CbFlags.R_REGS, text);
        } else {
          insn.registerExecCb(execPlain, CbFlags.NO_REGS, text);
        }
      }
      checkThis = checkNext;
    }
  });

  api.onExit(() => {
    for (const c of cpus) if (c?.line) api.outs(c.line + "\n");
  });
}
