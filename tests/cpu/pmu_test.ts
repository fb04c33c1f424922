/**
 * Performance monitors: register values, the cycle and event counters counting virtual time
 * and instructions, PMCR.D/C/P/LC, filtering by privilege, SW_INCR, overflow flags, the
 * overflow timer and interrupt line, and User-mode access, driven through the CP15 helpers
 * translated code calls, on an icount clock (1 ns per instruction) the test moves.
 */
import assert from "node:assert/strict";
import { ArmCpu, CPSR_M, Mode } from "../../cpu/arm/cpu.ts";
import { H } from "../../cpu/arm/helpers.ts";
import { CP15_REGS, cpKey } from "../../cpu/arm/cp15.ts";
import { GuestException } from "../../cpu/arm/exception.ts";
import {
  attachPmu,
  PMCR_C,
  PMCR_D,
  PMCR_E,
  PMCR_LC,
  PMCR_P,
  PMCR_RESET,
  PMEVTYPER_P,
  PMEVTYPER_U,
  PmuEvent,
  pmuOf,
  pmuPostElChange,
  pmuPreElChange,
} from "../../cpu/arm/pmu.ts";
import "../../cpu/arm/a32.ts"; // registers pmu.ts the way the emulator does
import { GenericTimer } from "../../cpu/arm/gtimer.ts";
import { VirtualClock } from "../../util/qemu-timer.ts";
import { Log } from "../../util/log.ts";

const PMCR = cpKey(9, 0, 12, 0);
const PMCNTENSET = cpKey(9, 0, 12, 1);
const PMCNTENCLR = cpKey(9, 0, 12, 2);
const PMOVSR = cpKey(9, 0, 12, 3);
const PMSWINC = cpKey(9, 0, 12, 4);
const PMSELR = cpKey(9, 0, 12, 5);
const PMCCNTR = cpKey(9, 0, 13, 0);
const PMXEVTYPER = cpKey(9, 0, 13, 1);
const PMXEVCNTR = cpKey(9, 0, 13, 2);
const PMUSERENR = cpKey(9, 0, 14, 0);
const PMINTENSET = cpKey(9, 0, 14, 1);
const PMINTENCLR = cpKey(9, 0, 14, 2);
const PMOVSSET = cpKey(9, 0, 14, 3);
const PMCCFILTR = cpKey(14, 0, 15, 7);
const PMEVCNTR = (n: number) => cpKey(14, 0, 8, n);
const PMEVTYPER = (n: number) => cpKey(14, 0, 12, n);
const C = 0x80000000;

/** A CPU with a PMU on an icount clock (shift 0 unless `shift` says otherwise). */
function setup(shift = 0) {
  const clock = new VirtualClock();
  clock.icountShift = shift;
  const cpu = new ArmCpu(0, new Log());
  const pmu = attachPmu(cpu, { clock });
  const levels: boolean[] = [];
  pmu.irq.connect((l) => levels.push(l));
  /** Moves time (and the instruction count) to `n` and runs due timers. */
  const at = (n: number) => {
    clock.icount = n;
    clock.run();
  };
  const user = () => cpu.mode === Mode.USR;
  const mrc = (key: number) => H.cp15Read(cpu, key, user(), 0) >>> 0;
  const mcr = (key: number, v: number) => H.cp15Write(cpu, key, v, user(), 0);
  return { clock, cpu, pmu, levels, at, mrc, mcr };
}

function isUndef(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    if (e instanceof GuestException) return true;
    throw e;
  }
}

Deno.test("reset values: PMCR 0x410f3000 (N = 6), everything else 0; no PMCEID0/1 on v7", () => {
  const { mrc } = setup();
  assert.equal(PMCR_RESET, 0x410f3000);
  assert.equal(mrc(PMCR), 0x410f3000);
  for (const key of [PMCNTENSET, PMOVSR, PMSELR, PMCCNTR, PMUSERENR, PMINTENSET, PMCCFILTR]) {
    assert.equal(mrc(key), 0);
  }
  assert.equal(CP15_REGS.has(cpKey(9, 0, 12, 6)), false);
  assert.equal(CP15_REGS.has(cpKey(9, 0, 12, 7)), false);
});

Deno.test("cycle counter: one per ns with PMCR.E and PMCNTENSET.C, frozen otherwise", () => {
  const { at, mrc, mcr } = setup();
  at(1000);
  mcr(PMCNTENSET, C);
  at(2000);
  assert.equal(mrc(PMCCNTR), 0); // PMCR.E clear
  mcr(PMCR, PMCR_E);
  at(2500);
  assert.equal(mrc(PMCCNTR), 500);
  mcr(PMCNTENCLR, C);
  at(9000);
  assert.equal(mrc(PMCCNTR), 500);
  mcr(PMCNTENSET, C);
  mcr(PMCCNTR, 0x1234);
  at(9100);
  assert.equal(mrc(PMCCNTR), 0x1234 + 100);
  mcr(PMCR, PMCR_E | PMCR_C); // reset, keeps counting
  at(9107);
  assert.equal(mrc(PMCCNTR), 7);
  mcr(PMCR, PMCR_E | PMCR_P); // P resets only the event counters
  at(9110);
  assert.equal(mrc(PMCCNTR), 10);
  assert.equal(mrc(PMCR), 0x410f3001); // P and C are not stored
});

Deno.test("PMCR.D: the cycle counter counts once every 64 cycles (not with PMCR.LC)", () => {
  const { at, mrc, mcr } = setup();
  mcr(PMCNTENSET, C);
  mcr(PMCR, PMCR_E | PMCR_D);
  at(64 * 10 + 63);
  assert.equal(mrc(PMCCNTR), 10);
  mcr(PMCR, PMCR_E | PMCR_D | PMCR_LC);
  at(64 * 10 + 63 + 5);
  assert.equal(mrc(PMCCNTR), 15);
});

Deno.test("cycle counter overflow: timer at the wrap, PMOVSR.C, interrupt with PMINTENSET.C", () => {
  const { pmu, at, mrc, mcr, levels } = setup();
  at(100);
  mcr(PMCCNTR, 0xffffff00);
  mcr(PMCNTENSET, C);
  mcr(PMINTENSET, C);
  mcr(PMCR, PMCR_E);
  assert.equal(pmu.timerDeadline, 100 + 0x100);
  at(100 + 0xff);
  assert.equal(mrc(PMOVSR), 0); // PMOVSR reads are raw: nothing has run yet
  assert.equal(pmu.irq.level, false);
  at(100 + 0x100); // the timer brings the counter up to date
  assert.equal(mrc(PMOVSR), C);
  assert.equal(pmu.irq.level, true);
  assert.equal(mrc(PMCCNTR), 0);
  mcr(PMOVSR, C);
  assert.equal(pmu.irq.level, false);
  assert.deepEqual(levels.slice(-2), [true, false]);
});

Deno.test("with PMCR.LC the 32-bit wrap sets no overflow flag and arms no timer", () => {
  const { pmu, at, mrc, mcr } = setup();
  mcr(PMCCNTR, 0xfffffff0);
  mcr(PMCNTENSET, C);
  mcr(PMCR, PMCR_E | PMCR_LC);
  assert.equal(pmu.timerDeadline, -1);
  at(0x20);
  assert.equal(mrc(PMCCNTR), 0x10);
  assert.equal(mrc(PMOVSR), 0);
});

Deno.test("PMCCFILTR.P stops the cycle counter at PL1, .U at PL0 (with exception-level hooks)", () => {
  const { cpu, at, mrc, mcr } = setup();
  mcr(PMCNTENSET, C);
  mcr(PMCR, PMCR_E);
  mcr(PMCCFILTR, PMEVTYPER_P);
  at(1000);
  assert.equal(mrc(PMCCNTR), 0);
  mcr(PMCCFILTR, PMEVTYPER_U);
  at(1100);
  assert.equal(mrc(PMCCNTR), 100);
  // 500 ns in User mode are not counted when the mode changes go through the hooks.
  pmuPreElChange(cpu);
  cpu.writeCpsr(Mode.USR, CPSR_M);
  pmuPostElChange(cpu);
  at(1600);
  pmuPreElChange(cpu);
  cpu.writeCpsr(Mode.SVC, CPSR_M);
  pmuPostElChange(cpu);
  at(1700);
  assert.equal(mrc(PMCCNTR), 200);
});

Deno.test("PMSELR 31: PMXEVTYPER is PMCCFILTR with M; PMXEVCNTR and PMSELR >= 6 read 0", () => {
  const { mrc, mcr } = setup();
  mcr(PMSELR, 0xffffffff);
  assert.equal(mrc(PMSELR), 31);
  mcr(PMXEVTYPER, 0xffffffff);
  assert.equal(mrc(PMXEVTYPER), 0xfc000000);
  assert.equal(mrc(PMCCFILTR), 0xf8000000);
  mcr(PMCCFILTR, 0);
  assert.equal(mrc(PMXEVTYPER), 0x04000000); // M survives an AArch32 PMCCFILTR write
  assert.equal(mrc(PMXEVCNTR), 0);
  mcr(PMSELR, 6);
  mcr(PMXEVTYPER, 0x11);
  mcr(PMXEVCNTR, 5);
  assert.equal(mrc(PMXEVTYPER), 0);
  assert.equal(mrc(PMXEVCNTR), 0);
  mcr(PMSELR, 3);
  mcr(PMXEVTYPER, 0xffffffff);
  mcr(PMXEVCNTR, 0x12345678);
  assert.equal(mrc(PMEVTYPER(3)), 0xfe00ffff);
  assert.equal(mrc(PMEVCNTR(3)), 0x12345678);
});

Deno.test("CPU_CYCLES counts ns; its overflow timer fires one event early, as QEMU's", () => {
  const { pmu, at, mrc, mcr } = setup();
  mcr(PMEVTYPER(0), PmuEvent.CPU_CYCLES);
  mcr(PMEVCNTR(0), 0xffffff00);
  mcr(PMCNTENSET, 1);
  mcr(PMCR, PMCR_E);
  assert.equal(pmu.timerDeadline, 0xff);
  at(0xff);
  assert.equal(mrc(PMOVSR), 0); // at 0xffffffff: no wrap yet, and no timer armed after it
  assert.equal(pmu.timerDeadline, -1);
  at(0x105);
  assert.equal(mrc(PMOVSR), 0);
  assert.equal(mrc(PMEVCNTR(0)), 5); // the read notices the wrap
  assert.equal(mrc(PMOVSR), 1);
});

Deno.test("INST_RETIRED counts the instruction count under icount only", () => {
  const icount = setup(3);
  icount.mcr(PMEVTYPER(1), PmuEvent.INST_RETIRED);
  icount.mcr(PMCNTENSET, 2);
  icount.mcr(PMCR, PMCR_E);
  icount.at(250);
  assert.equal(icount.mrc(PMEVCNTR(1)), 250);
  icount.mcr(PMEVCNTR(1), 0xfffffff0);
  assert.equal(icount.pmu.timerDeadline, (250 + 0xf) * 8); // ns at 8 ns per instruction

  const clock = new VirtualClock(); // host time: INST_RETIRED is not an implemented event
  const cpu = new ArmCpu(0, new Log());
  attachPmu(cpu, { clock, icount: () => 1234 });
  const mcr = (key: number, v: number) => H.cp15Write(cpu, key, v, false, 0);
  mcr(PMEVTYPER(1), PmuEvent.INST_RETIRED);
  mcr(PMCNTENSET, 2);
  mcr(PMCR, PMCR_E);
  assert.equal(pmuOf(cpu).counterEnabled(1), false);
  assert.equal(H.cp15Read(cpu, PMEVCNTR(1), false, 0), 0);
});

Deno.test("SW_INCR: PMSWINC increments enabled SW_INCR counters at the privilege allowed", () => {
  const { cpu, mrc, mcr } = setup();
  mcr(PMEVTYPER(2), PmuEvent.SW_INCR);
  mcr(PMEVTYPER(3), PmuEvent.CPU_CYCLES);
  mcr(PMEVTYPER(4), PmuEvent.SW_INCR);
  mcr(PMCNTENSET, 0b01100);
  mcr(PMSWINC, 0b11100);
  assert.equal(mrc(PMEVCNTR(2)), 0); // PMCR.E clear
  mcr(PMCR, PMCR_E);
  mcr(PMSWINC, 0b11100);
  mcr(PMSWINC, 0b00100);
  assert.deepEqual([mrc(PMEVCNTR(2)), mrc(PMEVCNTR(3)), mrc(PMEVCNTR(4))], [2, 0, 0]);
  mcr(PMEVTYPER(2), PMEVTYPER_P | PmuEvent.SW_INCR);
  mcr(PMSWINC, 0b100);
  assert.equal(mrc(PMEVCNTR(2)), 2);
  mcr(PMUSERENR, 1);
  // To User mode as an exception return does it (the hooks rebase the counter), and back.
  pmuPreElChange(cpu);
  cpu.writeCpsr(Mode.USR, CPSR_M);
  pmuPostElChange(cpu);
  mcr(PMSWINC, 0b100);
  assert.equal(mrc(PMEVCNTR(2)), 3);
  pmuPreElChange(cpu);
  cpu.writeCpsr(Mode.SVC, CPSR_M);
  pmuPostElChange(cpu);
  assert.equal(mrc(PMEVCNTR(2)), 3);
  // A mode change without the hooks (CPS) leaves the PL1 delta: the counter restarts, as QEMU.
  cpu.writeCpsr(Mode.USR, CPSR_M);
  mcr(PMSWINC, 0b100);
  assert.equal(mrc(PMEVCNTR(2)), 1);
  cpu.writeCpsr(Mode.SVC, CPSR_M);
  mcr(PMEVTYPER(2), PmuEvent.SW_INCR);
  mcr(PMEVCNTR(2), 0xffffffff);
  mcr(PMSWINC, 0b100);
  assert.equal(mrc(PMEVCNTR(2)), 0);
  assert.equal(mrc(PMOVSR), 0b100);
  mcr(PMCR, PMCR_E | PMCR_P);
  assert.equal(mrc(PMEVCNTR(2)), 0);
});

Deno.test("overflow flags: PMOVSR clears, PMOVSSET sets, both masked to C and counters 0-5", () => {
  const { mrc, mcr } = setup();
  mcr(PMOVSSET, 0xffffffff);
  assert.equal(mrc(PMOVSR), 0x8000003f);
  assert.equal(mrc(PMOVSSET), 0x8000003f);
  mcr(PMOVSR, 0x80000001);
  assert.equal(mrc(PMOVSR), 0x3e);
  mcr(PMINTENSET, 0xffffffff);
  mcr(PMINTENCLR, 0xf);
  assert.equal(mrc(PMINTENSET), 0x80000030);
  mcr(PMCNTENSET, 0xffffffff);
  assert.equal(mrc(PMCNTENCLR), 0x8000003f);
});

Deno.test("the interrupt line follows PMCR.E only when QEMU re-evaluates it", () => {
  const { pmu, mcr } = setup();
  mcr(PMINTENSET, 4);
  mcr(PMOVSSET, 4);
  assert.equal(pmu.irq.level, false); // PMCR.E clear
  mcr(PMCR, PMCR_E);
  assert.equal(pmu.irq.level, false); // a PMCR write does not re-evaluate the line
  mcr(PMINTENSET, 0);
  assert.equal(pmu.irq.level, true);
  mcr(PMCR, 0);
  assert.equal(pmu.irq.level, true);
  mcr(PMINTENCLR, 0);
  assert.equal(pmu.irq.level, false);
});

Deno.test("User mode: UNDEFINED unless PMUSERENR.EN; PMINTEN* never; PMUSERENR read-only", () => {
  const { cpu, mrc, mcr } = setup();
  const all = [PMCR, PMCNTENSET, PMOVSR, PMSELR, PMCCNTR, PMXEVTYPER, PMXEVCNTR, PMCCFILTR];
  cpu.writeCpsr(Mode.USR, CPSR_M);
  for (const key of all) assert.ok(isUndef(() => mrc(key)), `read ${key.toString(16)}`);
  assert.ok(isUndef(() => mcr(PMSWINC, 0)));
  assert.equal(mrc(PMUSERENR), 0);
  assert.ok(isUndef(() => mcr(PMUSERENR, 1)));
  cpu.writeCpsr(Mode.SVC, CPSR_M);
  mcr(PMUSERENR, 0xffffffff);
  assert.equal(mrc(PMUSERENR), 1);
  cpu.writeCpsr(Mode.USR, CPSR_M);
  for (const key of all) assert.equal(isUndef(() => mrc(key)), false);
  assert.equal(isUndef(() => mcr(PMCCNTR, 0xabcd)), false);
  assert.equal(mrc(PMCCNTR), 0xabcd);
  assert.ok(isUndef(() => mrc(PMSWINC)));
  assert.ok(isUndef(() => mrc(PMINTENSET)));
  assert.ok(isUndef(() => mcr(PMINTENCLR, 0)));
});

Deno.test("a CPU reset clears the counters and their configuration", () => {
  const { cpu, at, mrc, mcr } = setup();
  mcr(PMCNTENSET, C | 1);
  mcr(PMEVTYPER(0), PmuEvent.CPU_CYCLES);
  mcr(PMCR, PMCR_E);
  at(500);
  cpu.reset();
  at(800);
  assert.deepEqual([mrc(PMCR), mrc(PMCNTENSET), mrc(PMCCNTR), mrc(PMEVCNTR(0))], [
    0x410f3000,
    0,
    0,
    0,
  ]);
  mcr(PMCNTENSET, C);
  mcr(PMCR, PMCR_E);
  at(850);
  assert.equal(mrc(PMCCNTR), 50);
});

Deno.test("without attachPmu a CPU's PMU counts on its generic timer's clock", () => {
  const clock = new VirtualClock();
  clock.icountShift = 0;
  const cpu = new ArmCpu(0, new Log());
  cpu.gtimer = new GenericTimer({ clock });
  const pmu = pmuOf(cpu);
  assert.equal(pmu.clock, clock);
  assert.equal(pmuOf(cpu), pmu);
  H.cp15Write(cpu, PMCNTENSET, C, false, 0);
  H.cp15Write(cpu, PMCR, PMCR_E, false, 0);
  clock.icount = 4000;
  assert.equal(H.cp15Read(cpu, PMCCNTR, false, 0) >>> 0, 4000);
});
