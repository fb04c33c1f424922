/**
 * PSCI (Power State Coordination Interface) calls answered by the emulator through the HVC
 * conduit, as QEMU's target/arm/psci.c does for `virt` (PSCI 1.1, no Trusted OS).
 *
 * @module
 */

import type { ArmCpu } from "./cpu.ts";

/** PSCI function identifiers (SMC32 unless noted). */
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

const KNOWN = new Set<number>(Object.values(PsciFn));
const FEATURES_OK = new Set<number>([
  PsciFn.VERSION,
  PsciFn.MIGRATE_INFO_TYPE,
  PsciFn.AFFINITY_INFO,
  PsciFn.SYSTEM_RESET,
  PsciFn.SYSTEM_OFF,
  PsciFn.CPU_ON,
  PsciFn.CPU_OFF,
  PsciFn.CPU_SUSPEND,
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
}

/**
 * Handles the PSCI call in `cpu.r[0]` with arguments in r1–r3; writes the result to r0.
 * Returns false if `fn` is not a PSCI function (the HVC is then UNDEFINED).
 */
export function psciCall(cpu: ArmCpu, fn: number, m: PsciMachine): boolean {
  if (!KNOWN.has(fn)) return false;
  const r = cpu.r;
  let ret: number;
  if (fn & 0x40000000) {
    ret = PsciRet.NOT_SUPPORTED; // SMC64 calls from AArch32
  } else {
    switch (fn) {
      case PsciFn.VERSION:
        ret = PSCI_VERSION_1_1;
        break;
      case PsciFn.MIGRATE_INFO_TYPE:
        ret = PSCI_TOS_MIGRATION_NOT_REQUIRED;
        break;
      case PsciFn.FEATURES:
        ret = FEATURES_OK.has(r[1] >>> 0) ? 0 : PsciRet.NOT_SUPPORTED;
        break;
      case PsciFn.SYSTEM_OFF:
        return m.systemOff();
      case PsciFn.SYSTEM_RESET:
        return m.systemReset();
      case PsciFn.CPU_OFF:
        cpu.powered = false;
        cpu.halted = true;
        cpu.exitRequest = 1;
        ret = PsciRet.SUCCESS;
        break;
      case PsciFn.CPU_ON: {
        const target = r[1] & 0xff;
        ret = target < m.numCpus ? PsciRet.ALREADY_ON : PsciRet.INVALID_PARAMS;
        break;
      }
      case PsciFn.AFFINITY_INFO: {
        const target = r[1] & 0xff;
        ret = r[2] !== 0 || target >= m.numCpus ? PsciRet.INVALID_PARAMS : 0;
        break;
      }
      case PsciFn.CPU_SUSPEND:
        // Treated as a standby: wait for an interrupt.
        cpu.halted = true;
        cpu.exitRequest = 1;
        ret = PsciRet.SUCCESS;
        break;
      default:
        ret = PsciRet.NOT_SUPPORTED;
    }
  }
  r[0] = ret;
  return true;
}
