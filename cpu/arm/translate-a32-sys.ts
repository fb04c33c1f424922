/**
 * A32 system instructions: MRS/MSR, CPS, exception generation (SVC, HVC, SMC, BKPT, UDF),
 * coprocessor transfers to CP15 (MRC/MCR/MRRC/MCRR), barriers and hints.
 *
 * @module
 */

import type { DisasContext } from "./disas-context.ts";
import { DisasJump } from "./disas-context.ts";
import { Excp } from "./exception.ts";
import { A32_TABLE, A32_UNCOND_TABLE } from "./translate-a32.ts";
import { CP15_REGS, cpKey } from "./cp15.ts";
import { immOperand } from "./translate-a32-dp.ts";

/** Ends the TB after the current instruction (state that TB flags depend on may change). */
function endTbAfter(s: DisasContext): void {
  s.isJmp = DisasJump.UPDATE;
}

/** Registers the group's patterns (before data processing: they share its encoding space). */
export function registerA32System(): void {
  const t = A32_TABLE;
  t.add("MRS", "cccc 0001 0r00 1111 dddd 0000 0000 0000", (s, f) => {
    if (f.d === 15) return false;
    if (f.r) {
      if (s.mode === 0x10 || s.mode === 0x1f) return false; // no SPSR: UNPREDICTABLE -> UNDEF
      s.setReg(f.d, "cpu.spsr");
    } else {
      s.sync();
      s.setReg(f.d, "H.readCpsr(cpu)");
    }
  });
  const msr = (s: DisasContext, f: { r: number; m: number }, value: string) => {
    if (f.m === 0) return false;
    s.sync();
    if (f.r) {
      if (s.mode === 0x10 || s.mode === 0x1f) return false;
      s.emit(`H.msrSpsr(cpu, ${value}, ${f.m});`);
      return;
    }
    s.emit(`H.msrCpsr(cpu, ${value}, ${f.m});`);
    s.reload();
    // Writes to the control or extension fields may change mode, masks or endianness.
    if (f.m & 3) endTbAfter(s);
  };
  t.add("MSR_r", "cccc 0001 0r10 mmmm 1111 0000 0000 nnnn", (s, f) => {
    if (f.n === 15) return false;
    return msr(s, { r: f.r, m: f.m }, s.reg(f.n));
  });
  // Hints live in the MSR-immediate space with mask 0.
  t.add("NOP", "cccc 0011 0010 0000 1111 0000 0000 0000", () => {});
  t.add("YIELD", "cccc 0011 0010 0000 1111 0000 0000 0001", () => {});
  t.add("WFE", "cccc 0011 0010 0000 1111 0000 0000 0010", (s) => {
    s.sync();
    s.emit(`H.wfe(cpu, ${s.nextPc});`);
    endTbAfter(s);
  });
  t.add("WFI", "cccc 0011 0010 0000 1111 0000 0000 0011", (s) => {
    s.sync();
    s.emit(`H.wfi(cpu, ${s.nextPc});`);
    endTbAfter(s);
  });
  t.add("SEV", "cccc 0011 0010 0000 1111 0000 0000 0100", () => {});
  t.add("DBG", "cccc 0011 0010 0000 1111 0000 1111 iiii", () => {});
  t.add("HINT_other", "cccc 0011 0010 0000 1111 0000 iiii iiii", () => {});
  t.add(
    "MSR_i",
    "cccc 0011 0r10 mmmm 1111 iiii iiii iiii",
    (s, f) => msr(s, { r: f.r, m: f.m }, immOperand(f.i).value),
  );

  t.add("SVC", "cccc 1111 iiii iiii iiii iiii iiii iiii", (s, f) => {
    s.sync();
    s.raise(Excp.SWI, 0, 0, f.i);
    s.isJmp = DisasJump.NORETURN;
  });
  t.add("BKPT", "1110 0001 0010 iiii iiii iiii 0111 jjjj", (s, f) => {
    // Debug exception via prefetch abort, IFSR = debug event (0x2).
    s.raise(Excp.BKPT, 0x2, 0, (f.i << 4) | f.j);
    s.isJmp = DisasJump.NORETURN;
  });
  t.add("HVC", "1110 0001 0100 iiii iiii iiii 0111 jjjj", (s, f) => {
    if (s.user) return false;
    s.sync();
    s.emit(`H.hvc(cpu, ${(f.i << 4) | f.j});`);
    s.reload();
    endTbAfter(s);
  });
  t.add("SMC", "cccc 0001 0110 0000 0000 0000 0111 iiii", () => false);
  t.add("UDF", "1110 0111 1111 iiii iiii iiii 1111 iiii", () => false);

  // Coprocessor transfers: CP15 only for now (CP10/11 come with VFP; CP14 debug is UNDEF).
  t.add("MCR", "cccc 1110 ooo0 nnnn tttt 1111 ppp1 mmmm", (s, f) => {
    const key = cpKey(f.n, f.o, f.m, f.p);
    const reg = CP15_REGS.get(key);
    if (f.t === 15) return false;
    s.sync();
    s.emit(`H.cp15Write(cpu, ${key}, ${s.reg(f.t)}, ${s.user}, ${s.pc});`);
    if (reg?.endsTb) endTbAfter(s);
  });
  t.add("MRC", "cccc 1110 ooo1 nnnn tttt 1111 ppp1 mmmm", (s, f) => {
    const key = cpKey(f.n, f.o, f.m, f.p);
    s.sync();
    s.emit(`const $v = H.cp15Read(cpu, ${key}, ${s.user}, ${s.pc});`);
    if (f.t === 15) {
      // APSR_nzcv form: flags from bits 31:28.
      s.useFlags();
      s.emit(
        "NF = $v & 0x80000000; ZF = ~$v & 0x40000000; CF = ($v >>> 29) & 1; VF = ($v << 3) & 0x80000000;",
      );
    } else {
      s.setReg(f.t, "$v");
    }
  });
  t.add("MCRR", "cccc 1100 0100 uuuu tttt 1111 oooo mmmm", (s, f) => {
    if (f.t === 15 || f.u === 15) return false;
    s.sync();
    s.emit(`H.cp15Write64(cpu, ${f.o}, ${f.m}, ${s.reg(f.t)}, ${s.reg(f.u)}, ${s.user});`);
    endTbAfter(s);
  });
  t.add("MRRC", "cccc 1100 0101 uuuu tttt 1111 oooo mmmm", (s, f) => {
    if (f.t === 15 || f.u === 15 || f.t === f.u) return false;
    s.sync();
    s.emit(`H.cp15Read64(cpu, ${f.o}, ${f.m}, ${f.t}, ${f.u}, ${s.user});`);
    s.reload();
  });

  const u = A32_UNCOND_TABLE;
  u.add("CPS", "1111 0001 0000 mmM0 0000 000a if0o oooo", (s, f) => {
    if (s.user) return; // CPS is a NOP in User mode
    const imod = f.m;
    if (imod === 1 || (imod === 0 && f.M === 0) || (f.M === 0 && f.o !== 0)) return false;
    let mask = 0, val = 0;
    if (imod & 2) {
      if (f.a) mask |= 1 << 8;
      if (f.i) mask |= 1 << 7;
      if (f.f) mask |= 1 << 6;
      if (imod === 2) val = 0;
      else val = mask;
    }
    if (f.M) {
      mask |= 0x1f;
      val |= f.o;
    }
    s.sync();
    s.emit(`cpu.writeCpsr(${val}, ${mask});`);
    s.reload();
    endTbAfter(s);
  });
  u.add("CLREX", "1111 0101 0111 1111 1111 0000 0001 1111", (s) => {
    s.emit("cpu.exclusiveAddr = -1;");
  });
  u.add("DSB", "1111 0101 0111 1111 1111 0000 0100 ----", () => {});
  u.add("DMB", "1111 0101 0111 1111 1111 0000 0101 ----", () => {});
  u.add("ISB", "1111 0101 0111 1111 1111 0000 0110 ----", (s) => endTbAfter(s));
  u.add("PLD_i", "1111 0101 -r01 ---- 1111 ---- ---- ----", () => {});
  u.add("PLD_r", "1111 0111 -r01 ---- 1111 ---- ---0 ----", () => {});
  u.add("PLI_i", "1111 0100 -101 ---- 1111 ---- ---- ----", () => {});
  u.add("PLI_r", "1111 0110 -101 ---- 1111 ---- ---0 ----", () => {});
}
