/**
 * PSCI (Power State Coordination Interface) calls answered by the emulator through the HVC
 * conduit, as QEMU 7.2's target/arm/psci.c does for `virt` (PSCI 1.1, no Trusted OS): every
 * HVC is a firmware call, unknown function ids and SMC64 ids from AArch32 return
 * NOT_SUPPORTED.
 *
 * @module
 */

import type { ArmCpu } from "./cpu.ts";

/** PSCI function identifiers (SMC32 unless noted; the 0.1 ids are QEMU's own). */
export const PsciFn = {
  VERSION: 0x84000000,
  CPU_SUSPEND: 0x84000001,
  CPU_SUSPEND64: 0xc4000001,
  CPU_OFF: 0x84000002,
  CPU_ON: 0x84000003,
  CPU_ON64: 0xc4000003,
  AFFINITY_INFO: 0x84000004,
  AFFINITY_INFO64: 0xc4000004,
  MIGRATE: 0x84000005,
  MIGRATE64: 0xc4000005,
  MIGRATE_INFO_TYPE: 0x84000006,
  SYSTEM_OFF: 0x84000008,
  SYSTEM_RESET: 0x84000009,
  FEATURES: 0x8400000a,
  V0_1_CPU_SUSPEND: 0x95c1ba5e,
  V0_1_CPU_OFF: 0x95c1ba5f,
  V0_1_CPU_ON: 0x95c1ba60,
  V0_1_MIGRATE: 0x95c1ba61,
} as const;

/** PSCI return codes. */
export const PsciRet = {
  SUCCESS: 0,
  NOT_SUPPORTED: -1,
  INVALID_PARAMS: -2,
  DENIED: -3,
  ALREADY_ON: -4,
} as const;

/** PSCI version reported: 1.1. */
export const PSCI_VERSION_1_1 = 0x00010001;
/** MIGRATE_INFO_TYPE answer: no Trusted OS that needs migration. */
export const PSCI_TOS_MIGRATION_NOT_REQUIRED = 2;
/** Function id bit selecting the SMC64 calling convention. */
export const PSCI_64BIT = 0x40000000;
/** CPU_SUSPEND power_state bits QEMU rejects (it supports no affinity levels). */
const SUSPEND_INVALID_BITS = 0xfffe0000 | 0;

/** Functions PSCI_FEATURES reports as implemented (SMC64 ones only to AArch64 callers). */
const FEATURES = new Set<number>([
  PsciFn.VERSION,
  PsciFn.MIGRATE_INFO_TYPE,
  PsciFn.AFFINITY_INFO,
  PsciFn.AFFINITY_INFO64,
  PsciFn.SYSTEM_RESET,
  PsciFn.SYSTEM_OFF,
  PsciFn.V0_1_CPU_ON,
  PsciFn.CPU_ON,
  PsciFn.CPU_ON64,
  PsciFn.V0_1_CPU_OFF,
  PsciFn.CPU_OFF,
  PsciFn.V0_1_CPU_SUSPEND,
  PsciFn.CPU_SUSPEND,
  PsciFn.CPU_SUSPEND64,
  PsciFn.FEATURES,
]);

/** What PSCI needs from the machine. */
export interface PsciMachine {
  /** Number of CPUs. */
  numCpus: number;
  /** SYSTEM_OFF: does not return. */
  systemOff(): never;
  /** SYSTEM_RESET: does not return. */
  systemReset(): never;
  /** Whether CPU `index` is powered on (default: only CPU 0 is, or every CPU when absent). */
  cpuIsOn?(index: number): boolean;
  /** CPU_ON of a powered-off CPU; returns a PSCI code (default: not supported). */
  cpuOn?(index: number, entry: number, contextId: number): number;
}

/** MPIDR affinity value of CPU `index` on virt with GICv2 (clusters of 8). */
export function cpuAffinity(index: number): number {
  return ((index >> 3) << 8) | (index & 7);
}

/** Index of the CPU whose affinity is `mpidr`, or -1 (QEMU's arm_get_cpu_by_id). */
function cpuByAffinity(cpu: ArmCpu, mpidr: number, m: PsciMachine): number {
  for (let i = 0; i < m.numCpus; i++) if (cpuAffinity(i) === mpidr) return i;
  cpu.log.log(
    "guest_errors",
    `[ARM]arm_get_cpu_by_id: Requesting unknown CPU ${mpidr >>> 0}\n`,
  );
  return -1;
}

/**
 * Handles the PSCI call `fn` (= r0) with arguments in r1–r3; writes the result to r0.
 * Always handled (returns true): the HVC conduit turns every HVC into a PSCI call.
 */
export function psciCall(cpu: ArmCpu, fn: number, m: PsciMachine): boolean {
  const r = cpu.r;
  fn >>>= 0;
  const a1 = r[1] >>> 0, a2 = r[2] >>> 0, a3 = r[3];
  let ret: number;
  if (fn & PSCI_64BIT) {
    r[0] = PsciRet.NOT_SUPPORTED; // SMC64 calling convention from AArch32
    return true;
  }
  switch (fn) {
    case PsciFn.VERSION:
      ret = PSCI_VERSION_1_1;
      break;
    case PsciFn.MIGRATE_INFO_TYPE:
      ret = PSCI_TOS_MIGRATION_NOT_REQUIRED;
      break;
    case PsciFn.FEATURES:
      ret = FEATURES.has(a1) && (a1 & PSCI_64BIT) === 0 ? 0 : PsciRet.NOT_SUPPORTED;
      break;
    case PsciFn.AFFINITY_INFO: {
      if (a2 !== 0) {
        ret = 0; // levels above 0 are always on
        break;
      }
      const t = cpuByAffinity(cpu, a1, m);
      ret = t < 0 ? PsciRet.INVALID_PARAMS : (m.cpuIsOn?.(t) ?? true) ? 0 : 1;
      break;
    }
    case PsciFn.SYSTEM_OFF:
      return m.systemOff();
    case PsciFn.SYSTEM_RESET:
      return m.systemReset();
    case PsciFn.V0_1_CPU_ON:
    case PsciFn.CPU_ON: {
      const t = cpuByAffinity(cpu, a1, m);
      if (t < 0) ret = PsciRet.INVALID_PARAMS;
      else if ((m.cpuIsOn?.(t) ?? true)) {
        cpu.log.log("guest_errors", `[ARM]arm_set_cpu_on: CPU ${t} is already on\n`);
        ret = PsciRet.ALREADY_ON;
      } else ret = m.cpuOn ? m.cpuOn(t, a2, a3) : PsciRet.NOT_SUPPORTED;
      break;
    }
    case PsciFn.V0_1_CPU_OFF:
    case PsciFn.CPU_OFF:
      // The CPU powers off; nothing returns to the caller.
      cpu.powered = false;
      cpu.halted = true;
      cpu.exitRequest = 1;
      return true;
    case PsciFn.V0_1_CPU_SUSPEND:
    case PsciFn.CPU_SUSPEND:
      if (a1 & SUSPEND_INVALID_BITS) {
        ret = PsciRet.INVALID_PARAMS;
        break;
      }
      // Powerdown is not supported: r0 = 0 and wait for an interrupt (QEMU's WFI).
      ret = PsciRet.SUCCESS;
      cpu.halted = true;
      cpu.exitRequest = 1;
      break;
    default:
      ret = PsciRet.NOT_SUPPORTED; // includes MIGRATE and ids that are not PSCI at all
  }
  r[0] = ret;
  return true;
}
