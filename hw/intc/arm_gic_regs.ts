/**
 * GICv2 register map: offsets and bit fields of the distributor (GICD_*) and CPU interface
 * (GICC_*), the identification values QEMU 7.2 reports for a revision 2 GIC without the
 * security extensions, and register names for reports.
 *
 * @module
 */

/** Interrupt IDs 0..15 are software generated (SGIs). */
export const GIC_NR_SGIS = 16;
/** Interrupt IDs 0..31 are private to each CPU (SGIs and PPIs). */
export const GIC_INTERNAL = 32;
/** Largest number of CPU interfaces the architecture allows. */
export const GIC_NCPU = 8;
/** Largest number of interrupt IDs QEMU accepts (IDs 1020..1023 are special). */
export const GIC_MAXIRQ = 1020;
/** A mask with a bit for every possible CPU interface. */
export const ALL_CPU_MASK = (1 << GIC_NCPU) - 1;
/** The special interrupt ID read from GICC_IAR when nothing can be acknowledged. */
export const GIC_SPURIOUS = 1023;
/** The special ID returned for a pending Group 1 interrupt when GICC_CTLR.AckCtl is 0. */
export const GIC_SPURIOUS_GROUP1 = 1022;
/** Running priority meaning "idle" (no active interrupt); reads as 0xff. */
export const GIC_IDLE_PRIORITY = 0x100;
/** Number of implemented priority bits (QEMU's default num-priority-bits). */
export const GIC_PRIORITY_BITS = 8;
/** Number of GICC_APR<n> registers QEMU keeps (128 preemption levels / 32). */
export const GIC_NR_APRS = 4;
/** Smallest GICC_BPR value (QEMU's GIC_MIN_BPR). */
export const GIC_MIN_BPR = 0;
/** Smallest GICC_ABPR value (QEMU's GIC_MIN_ABPR). */
export const GIC_MIN_ABPR = GIC_MIN_BPR + 1;

// ---- Distributor (GICD), 0x1000 bytes ----

/** Distributor Control Register. */
export const GICD_CTLR = 0x000;
/** Interrupt Controller Type Register. */
export const GICD_TYPER = 0x004;
/** Distributor Implementer Identification Register. */
export const GICD_IIDR = 0x008;
/** Interrupt Group Registers (one bit per interrupt). */
export const GICD_IGROUPR = 0x080;
/** Interrupt Set-Enable Registers. */
export const GICD_ISENABLER = 0x100;
/** Interrupt Clear-Enable Registers. */
export const GICD_ICENABLER = 0x180;
/** Interrupt Set-Pending Registers. */
export const GICD_ISPENDR = 0x200;
/** Interrupt Clear-Pending Registers. */
export const GICD_ICPENDR = 0x280;
/** Interrupt Set-Active Registers. */
export const GICD_ISACTIVER = 0x300;
/** Interrupt Clear-Active Registers. */
export const GICD_ICACTIVER = 0x380;
/** Interrupt Priority Registers (one byte per interrupt). */
export const GICD_IPRIORITYR = 0x400;
/** Interrupt Processor Targets Registers (one byte per interrupt). */
export const GICD_ITARGETSR = 0x800;
/** Interrupt Configuration Registers (two bits per interrupt). */
export const GICD_ICFGR = 0xc00;
/** Software Generated Interrupt Register (write-only, 32-bit writes only). */
export const GICD_SGIR = 0xf00;
/** SGI Clear-Pending Registers (one byte per SGI, a bit per source CPU). */
export const GICD_CPENDSGIR = 0xf10;
/** SGI Set-Pending Registers. */
export const GICD_SPENDSGIR = 0xf20;
/** First identification register (GICD_PIDR4). */
export const GICD_PIDR4 = 0xfd0;
/** GICD_PIDR0. */
export const GICD_PIDR0 = 0xfe0;
/** GICD_CIDR0. */
export const GICD_CIDR0 = 0xff0;

/** GICD_CTLR.EnableGrp0. */
export const GICD_CTLR_EN_GRP0 = 1 << 0;
/** GICD_CTLR.EnableGrp1. */
export const GICD_CTLR_EN_GRP1 = 1 << 1;

/** GICD_SGIR.TargetListFilter shift (2 bits). */
export const GICD_SGIR_FILTER_SHIFT = 24;
/** GICD_SGIR.CPUTargetList shift (8 bits). */
export const GICD_SGIR_TARGETS_SHIFT = 16;
/** GICD_SGIR.SGIINTID mask (QEMU keeps 4 bits). */
export const GICD_SGIR_INTID_MASK = 0xf;

/** Value of GICD_IIDR: ARM's JEP106 code (0x43b), revision and variant 0. */
export const GICD_IIDR_VALUE = 0x43b;

/**
 * Bytes of the identification registers GICD_PIDR4..PIDR7, PIDR0..PIDR3, CIDR0..CIDR3
 * (offsets 0xfd0..0xffc, one word each) for a GICv2, as QEMU reports them.
 */
export const GICD_ID_GICV2: readonly number[] = [
  0x04,
  0x00,
  0x00,
  0x00,
  0x90,
  0xb4,
  0x2b,
  0x00,
  0x0d,
  0xf0,
  0x05,
  0xb1,
];

// ---- CPU interface (GICC), 0x2000 bytes ----

/** CPU Interface Control Register. */
export const GICC_CTLR = 0x00;
/** Interrupt Priority Mask Register. */
export const GICC_PMR = 0x04;
/** Binary Point Register. */
export const GICC_BPR = 0x08;
/** Interrupt Acknowledge Register. */
export const GICC_IAR = 0x0c;
/** End of Interrupt Register. */
export const GICC_EOIR = 0x10;
/** Running Priority Register. */
export const GICC_RPR = 0x14;
/** Highest Priority Pending Interrupt Register. */
export const GICC_HPPIR = 0x18;
/** Aliased Binary Point Register. */
export const GICC_ABPR = 0x1c;
/** Aliased Interrupt Acknowledge Register (not implemented by QEMU: bad offset). */
export const GICC_AIAR = 0x20;
/** Aliased End of Interrupt Register (not implemented by QEMU: bad offset). */
export const GICC_AEOIR = 0x24;
/** Aliased Highest Priority Pending Interrupt Register (not implemented by QEMU). */
export const GICC_AHPPIR = 0x28;
/** Active Priorities Registers GICC_APR0..3. */
export const GICC_APR = 0xd0;
/** Non-secure Active Priorities Registers GICC_NSAPR0..3. */
export const GICC_NSAPR = 0xe0;
/** CPU Interface Identification Register. */
export const GICC_IIDR = 0xfc;
/** Deactivate Interrupt Register (write-only). */
export const GICC_DIR = 0x1000;

/** GICC_CTLR.EnableGrp0. */
export const GICC_CTLR_EN_GRP0 = 1 << 0;
/** GICC_CTLR.EnableGrp1. */
export const GICC_CTLR_EN_GRP1 = 1 << 1;
/** GICC_CTLR.AckCtl: Group 1 interrupts may be acknowledged through GICC_IAR. */
export const GICC_CTLR_ACK_CTL = 1 << 2;
/** GICC_CTLR.FIQEn: Group 0 interrupts are signalled as FIQ. */
export const GICC_CTLR_FIQ_EN = 1 << 3;
/** GICC_CTLR.CBPR: GICC_BPR controls both groups. */
export const GICC_CTLR_CBPR = 1 << 4;
/** GICC_CTLR.EOImode: GICC_EOIR drops priority only, GICC_DIR deactivates. */
export const GICC_CTLR_EOIMODE = 1 << 9;
/** Writable GICC_CTLR bits of a GICv2 without the security extensions. */
export const GICC_CTLR_V2_MASK = 0x21f;

/** GICC_IAR.CPUID shift: the source CPU of an SGI. */
export const GICC_IAR_CPUID_SHIFT = 10;
/** Mask of the interrupt ID written to GICC_EOIR / GICC_DIR. */
export const GICC_EOIR_ID_MASK = 0x3ff;

/** Value of GICC_IIDR: architecture version 2, ARM JEP106 code 0x43b. */
export const GICC_IIDR_VALUE = (2 << 16) | 0x43b;

const DIST_ARRAYS: readonly [number, number, string][] = [
  [GICD_IGROUPR, GICD_ISENABLER, "GICD_IGROUPR"],
  [GICD_ISENABLER, GICD_ICENABLER, "GICD_ISENABLER"],
  [GICD_ICENABLER, GICD_ISPENDR, "GICD_ICENABLER"],
  [GICD_ISPENDR, GICD_ICPENDR, "GICD_ISPENDR"],
  [GICD_ICPENDR, GICD_ISACTIVER, "GICD_ICPENDR"],
  [GICD_ISACTIVER, GICD_ICACTIVER, "GICD_ISACTIVER"],
  [GICD_ICACTIVER, GICD_IPRIORITYR, "GICD_ICACTIVER"],
  [GICD_IPRIORITYR, GICD_ITARGETSR, "GICD_IPRIORITYR"],
  [GICD_ITARGETSR, GICD_ICFGR, "GICD_ITARGETSR"],
  [GICD_ICFGR, GICD_SGIR, "GICD_ICFGR"],
  [GICD_CPENDSGIR, GICD_SPENDSGIR, "GICD_CPENDSGIR"],
  [GICD_SPENDSGIR, GICD_SPENDSGIR + 0x10, "GICD_SPENDSGIR"],
];

const ID_NAMES = [
  "GICD_PIDR4",
  "GICD_PIDR5",
  "GICD_PIDR6",
  "GICD_PIDR7",
  "GICD_PIDR0",
  "GICD_PIDR1",
  "GICD_PIDR2",
  "GICD_PIDR3",
  "GICD_CIDR0",
  "GICD_CIDR1",
  "GICD_CIDR2",
  "GICD_CIDR3",
];

/**
 * Name of the distributor register at byte `offset` (`GICD_ISENABLER1`, `GICD_IPRIORITYR10`),
 * or undefined for a reserved offset. The index of a banked array is its word index.
 * `numIrq` limits the per-interrupt arrays to the implemented interrupts.
 */
export function gicDistRegisterName(offset: number, numIrq: number): string | undefined {
  switch (offset & ~3) {
    case GICD_CTLR:
      return "GICD_CTLR";
    case GICD_TYPER:
      return "GICD_TYPER";
    case GICD_IIDR:
      return "GICD_IIDR";
    case GICD_SGIR:
      return "GICD_SGIR";
  }
  if (offset >= GICD_PIDR4 && offset < 0x1000) return ID_NAMES[(offset - GICD_PIDR4) >> 2];
  for (const [start, end, name] of DIST_ARRAYS) {
    if (offset < start || offset >= end) continue;
    const byte = offset - start;
    // Bits per interrupt decide how many interrupts one byte covers.
    const irq = start === GICD_IPRIORITYR || start === GICD_ITARGETSR
      ? byte
      : start === GICD_ICFGR
      ? byte * 4
      : start >= GICD_CPENDSGIR
      ? 0
      : byte * 8;
    if (irq >= numIrq) return undefined;
    return name + (byte >> 2);
  }
  return undefined;
}

const CPU_NAMES: Readonly<Record<number, string>> = {
  [GICC_CTLR]: "GICC_CTLR",
  [GICC_PMR]: "GICC_PMR",
  [GICC_BPR]: "GICC_BPR",
  [GICC_IAR]: "GICC_IAR",
  [GICC_EOIR]: "GICC_EOIR",
  [GICC_RPR]: "GICC_RPR",
  [GICC_HPPIR]: "GICC_HPPIR",
  [GICC_ABPR]: "GICC_ABPR",
  [GICC_AIAR]: "GICC_AIAR",
  [GICC_AEOIR]: "GICC_AEOIR",
  [GICC_AHPPIR]: "GICC_AHPPIR",
  [GICC_IIDR]: "GICC_IIDR",
  [GICC_DIR]: "GICC_DIR",
};

/** Name of the CPU interface register at byte `offset` (`GICC_IAR`, `GICC_APR0`). */
export function gicCpuRegisterName(offset: number): string | undefined {
  const word = offset & ~3;
  if (word >= GICC_APR && word < GICC_APR + 4 * GIC_NR_APRS) {
    return "GICC_APR" + ((word - GICC_APR) >> 2);
  }
  if (word >= GICC_NSAPR && word < GICC_NSAPR + 4 * GIC_NR_APRS) {
    return "GICC_NSAPR" + ((word - GICC_NSAPR) >> 2);
  }
  return CPU_NAMES[word];
}
