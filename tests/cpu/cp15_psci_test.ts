/**
 * The CP15/CP14 register tables and the PSCI firmware calls, against values read from
 * qemu-system-arm 7.2 (see tests/guest/src/cp15id.S and a32misc.S).
 */
import assert from "node:assert/strict";
import { ArmCpu, Mode } from "../../cpu/arm/cpu.ts";
import {
  CP14_REGS,
  CP15_REGS,
  cpAccessOk,
  cpKey,
  cpKey64,
  type CpReg,
  describeCpAccess,
  describeCpAccess64,
} from "../../cpu/arm/cp15.ts";
import { Excp, GuestException } from "../../cpu/arm/exception.ts";
import { H } from "../../cpu/arm/helpers.ts";
import { psciCall, PsciRet } from "../../cpu/arm/psci.ts";
import { Log } from "../../util/log.ts";

function reg(crn: number, opc1: number, crm: number, opc2: number): CpReg {
  const r = CP15_REGS.get(cpKey(crn, opc1, crm, opc2));
  assert.ok(r, `c${crn} ${opc1} c${crm} ${opc2} is defined`);
  return r;
}

function writeRead(cpu: ArmCpu, r: CpReg, v: number): number {
  r.write!(cpu, v | 0);
  return r.read!(cpu) >>> 0;
}

Deno.test("identification registers read QEMU 7.2's cortex-a15 values", () => {
  const cpu = new ArmCpu(0, new Log());
  assert.equal(reg(0, 0, 0, 0).read!(cpu) >>> 0, 0x414fc0f0);
  assert.equal(reg(0, 0, 0, 6).read!(cpu) >>> 0, 0x414fc0f0); // REVIDR reads MIDR
  assert.equal(reg(0, 0, 0, 5).read!(cpu) >>> 0, 0x80000000);
  assert.equal(reg(0, 0, 1, 1).read!(cpu) >>> 0, 0x00010001);
  assert.equal(reg(0, 0, 1, 2).read!(cpu) >>> 0, 0x02010505);
  assert.equal(reg(0, 1, 0, 1).read!(cpu) >>> 0, 0x0a200023);
  assert.equal(reg(0, 0, 5, 3).read!(cpu), 0); // reserved ID space is RAZ
  assert.equal(CP15_REGS.get(cpKey(0, 0, 8, 0)), undefined);
  assert.equal(CP15_REGS.get(cpKey(1, 0, 1, 0)), undefined); // SCR: no Security Extensions
});

Deno.test("write masks: CPACR, VBAR, CSSELR, TTBCR with and without EAE, ACTLR", () => {
  const cpu = new ArmCpu(0, new Log());
  assert.equal(writeRead(cpu, reg(1, 0, 0, 2), -1), 0xc0f00000);
  assert.equal(writeRead(cpu, reg(12, 0, 0, 0), -1), 0xffffffe0);
  assert.equal(writeRead(cpu, reg(0, 2, 0, 0), -1), 0xf);
  assert.equal(reg(0, 1, 0, 0).read!(cpu), 0); // CCSIDR of CSSELR 15
  assert.equal(writeRead(cpu, reg(2, 0, 0, 2), 0x3f), 0x7);
  assert.equal(writeRead(cpu, reg(2, 0, 0, 2), -1), 0xffc73f87);
  assert.equal(writeRead(cpu, reg(1, 0, 0, 1), -1), 0);
});

Deno.test("every c3 encoding is DACR; c15 is RAZ/WI except CBAR", () => {
  const cpu = new ArmCpu(0, new Log());
  reg(3, 3, 5, 2).write!(cpu, 0x12345678);
  assert.equal(reg(3, 0, 0, 0).read!(cpu), 0x12345678);
  assert.equal(writeRead(cpu, reg(15, 0, 0, 0), -1), 0);
  assert.equal(reg(15, 4, 0, 0).read!(cpu), 0x08000000);
  assert.ok(!cpAccessOk(reg(15, 4, 0, 0), false, false));
});

Deno.test("64-bit TTBR0 shares its low word with the 32-bit view", () => {
  const cpu = new ArmCpu(0, new Log());
  const t64 = CP15_REGS.get(cpKey64(0, 2))!;
  t64.write64!(cpu, 0x11223344, 0x55667788);
  reg(2, 0, 0, 0).write!(cpu, 0xaaaaaaaa | 0);
  assert.deepEqual(t64.read64!(cpu).map((v) => v >>> 0), [0xaaaaaaaa, 0x55667788]);
});

Deno.test("access permissions: thread ID registers, barriers, PMU from PL0", () => {
  assert.ok(cpAccessOk(reg(13, 0, 0, 3), true, true));
  assert.ok(!cpAccessOk(reg(13, 0, 0, 3), true, false));
  assert.ok(cpAccessOk(reg(7, 0, 10, 5), true, false));
  assert.ok(!cpAccessOk(reg(7, 0, 10, 5), true, true));
  assert.ok(!cpAccessOk(reg(0, 0, 0, 0), true, true));
  const cpu = new ArmCpu(0, new Log());
  cpu.switchMode(Mode.USR);
  assert.throws(() => reg(9, 0, 13, 0).read!(cpu), GuestException);
  cpu.cp15.pmuserenr = 1;
  assert.equal(reg(9, 0, 13, 0).read!(cpu), 0);
});

Deno.test("PMU masks and the OS lock behave as in QEMU", () => {
  const cpu = new ArmCpu(0, new Log());
  assert.equal(writeRead(cpu, reg(9, 0, 12, 0), -1), 0x410f30f9);
  assert.equal(writeRead(cpu, reg(9, 0, 12, 1), -1), 0x8000003f);
  reg(9, 0, 12, 5).write!(cpu, 31);
  assert.equal(writeRead(cpu, reg(9, 0, 13, 1), -1), 0xfc000000);
  assert.equal(reg(14, 0, 15, 7).read!(cpu) >>> 0, 0xf8000000);
  const oslsr = CP14_REGS.get(cpKey(1, 0, 1, 4))!;
  const oslar = CP14_REGS.get(cpKey(1, 0, 0, 4))!;
  assert.equal(oslsr.read!(cpu), 0xa);
  oslar.write!(cpu, 0);
  assert.equal(oslsr.read!(cpu), 0x8);
  oslar.write!(cpu, 0xc5acce55 | 0);
  assert.equal(oslsr.read!(cpu), 0xa);
});

Deno.test("unknown registers: UNDEFINED and logged in QEMU's -d unimp format", () => {
  const log = new Log();
  let text = "";
  log.setSink((t) => (text += t));
  log.enable("unimp");
  const cpu = new ArmCpu(0, log);
  assert.throws(() => H.cpUnknown(cpu, true, 15, 0, 1, 1, 0, false), (e: unknown) => {
    return e instanceof GuestException && e.kind === Excp.UDEF;
  });
  assert.equal(
    text,
    "read access to unsupported AArch32 system register cp:15 opc1:0 crn:1 crm:1 opc2:0 " +
      "(non-secure)\n",
  );
  assert.equal(
    describeCpAccess64(false, 15, 5, 3),
    "write access to unsupported AArch32 64 bit system register cp:15 opc1: 5 crm:3 (non-secure)\n",
  );
  assert.match(describeCpAccess(false, 7, 0, 0, 0, 0), /^write access .* cp:7 /);
});

/** Runs PSCI function `fn` with arguments on a one-CPU machine; returns r0 as int32. */
function psci(fn: number, a1 = 0, a2 = 0, a3 = 0): number {
  const cpu = new ArmCpu(0, new Log());
  cpu.r[1] = a1;
  cpu.r[2] = a2;
  cpu.r[3] = a3;
  const handled = psciCall(cpu, fn, {
    numCpus: 1,
    systemOff: () => {
      throw new Error("off");
    },
    systemReset: () => {
      throw new Error("reset");
    },
  });
  assert.ok(handled);
  return cpu.r[0];
}

Deno.test("PSCI answers as QEMU 7.2: version 1.1, features, unknown and SMC64 ids", () => {
  assert.equal(psci(0x84000000), 0x00010001);
  assert.equal(psci(0x84000006), 2);
  assert.equal(psci(0x8400000a, 0x84000001), 0);
  assert.equal(psci(0x8400000a, 0x95c1ba60), 0);
  assert.equal(psci(0x8400000a, 0x84000005), PsciRet.NOT_SUPPORTED);
  assert.equal(psci(0x8400000a, 0xc4000003), PsciRet.NOT_SUPPORTED);
  assert.equal(psci(0x12345678), PsciRet.NOT_SUPPORTED);
  assert.equal(psci(0xc4000003, 1), PsciRet.NOT_SUPPORTED);
  assert.equal(psci(0x84000005), PsciRet.NOT_SUPPORTED);
});

Deno.test("PSCI CPU_ON/AFFINITY_INFO/CPU_SUSPEND parameters and SYSTEM_OFF", () => {
  assert.equal(psci(0x84000003, 0, 0x40100000), PsciRet.ALREADY_ON);
  assert.equal(psci(0x84000003, 1, 0x40100000), PsciRet.INVALID_PARAMS);
  assert.equal(psci(0x84000004, 0, 0), 0);
  assert.equal(psci(0x84000004, 0x80000000, 0), PsciRet.INVALID_PARAMS);
  assert.equal(psci(0x84000004, 5, 1), 0);
  assert.equal(psci(0x84000001, 0x20000), PsciRet.INVALID_PARAMS);
  assert.throws(() => psci(0x84000008), /off/);
});
