// Register-level tests of the GICv2 model. Expected values were recorded from
// qemu-system-arm 7.2 (`-M virt -cpu cortex-a15 -qtest stdio -S`, reads/writes at the same
// addresses); output line levels follow from QEMU's gic_update rules.
import assert from "node:assert/strict";
import { ArmGic } from "../../hw/intc/arm_gic.ts";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { AddressSpace } from "../../softmmu/address-space.ts";
import { Log } from "../../util/log.ts";

const D = 0x08000000;
const C = 0x08010000;

// Distributor offsets.
const CTLR = 0x000, TYPER = 0x004, IIDR = 0x008, IGROUPR = 0x080;
const ISENABLER = 0x100, ICENABLER = 0x180, ISPENDR = 0x200, ICPENDR = 0x280;
const ISACTIVER = 0x300, IPRIORITYR = 0x400, ITARGETSR = 0x800, ICFGR = 0xc00;
const SGIR = 0xf00, CPENDSGIR = 0xf10, SPENDSGIR = 0xf20;
// CPU interface offsets.
const GICC_CTLR = 0x00, PMR = 0x04, BPR = 0x08, IAR = 0x0c, EOIR = 0x10, RPR = 0x14;
const HPPIR = 0x18, ABPR = 0x1c, APR0 = 0xd0, NSAPR0 = 0xe0, GICC_IIDR = 0xfc, DIR = 0x1000;

function setup(opts: { numCpus?: number; numIrq?: number } = {}) {
  const log = new Log();
  const logged: string[] = [];
  log.setSink((t) => logged.push(t));
  log.enable("guest_errors");
  const gic = new ArmGic({ ...opts, log });
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  root.addSubregion(D, gic.distMmio);
  root.addSubregion(C, gic.cpuMmio);
  const as = new AddressSpace("memory", root, log);
  return {
    gic,
    as,
    logged,
    dr: (off: number, size = 4) => as.read(D + off, size),
    dw: (off: number, v: number, size = 4) => as.write(D + off, v, size),
    cr: (off: number, size = 4) => as.read(C + off, size),
    cw: (off: number, v: number, size = 4) => as.write(C + off, v, size),
    irq: (cpu = 0) => gic.cpuIrq[cpu].level,
    fiq: (cpu = 0) => gic.cpuFiq[cpu].level,
  };
}

/** Distributor and CPU interface on, priority mask fully open. */
function enabled(opts: { numCpus?: number } = {}) {
  const t = setup(opts);
  t.dw(CTLR, 1);
  for (let cpu = 0; cpu < (opts.numCpus ?? 1); cpu++) {
    t.gic.currentCpu = cpu;
    t.cw(GICC_CTLR, 1);
    t.cw(PMR, 0xff);
  }
  t.gic.currentCpu = 0;
  return t;
}

Deno.test("identification registers hold QEMU's GICv2 values", () => {
  const t = setup();
  assert.equal(t.dr(TYPER), 8); // 288 IDs: ITLinesNumber 8, one CPU, no security extensions
  assert.equal(t.dr(IIDR), 0x43b);
  const ids = [];
  for (let off = 0xfd0; off < 0x1000; off += 4) ids.push(t.dr(off));
  assert.deepEqual(ids, [4, 0, 0, 0, 0x90, 0xb4, 0x2b, 0, 0x0d, 0xf0, 0x05, 0xb1]);
  assert.equal(t.cr(GICC_IIDR), 0x0002043b);
  assert.equal(setup({ numCpus: 2, numIrq: 64 }).dr(TYPER), 0x21);
});

Deno.test("reset state: SGIs enabled and edge-triggered, CPU interface idle", () => {
  const t = setup();
  assert.equal(t.dr(CTLR), 0);
  assert.equal(t.dr(ISENABLER), 0xffff);
  assert.equal(t.dr(ICENABLER), 0xffff);
  assert.equal(t.dr(ICFGR), 0xaaaaaaaa);
  assert.equal(t.dr(ICFGR + 4), 0);
  assert.equal(t.dr(IPRIORITYR + 0x20), 0);
  assert.equal(t.cr(GICC_CTLR), 0);
  assert.equal(t.cr(PMR), 0);
  assert.equal(t.cr(BPR), 0);
  assert.equal(t.cr(ABPR), 1);
  assert.equal(t.cr(RPR), 0xff);
  assert.equal(t.cr(HPPIR), 1023);
  assert.equal(t.cr(IAR), 1023);
  assert.equal(t.irq(), false);
});

Deno.test("control registers keep only their implemented bits", () => {
  const t = setup();
  t.dw(CTLR, 0xffffffff);
  assert.equal(t.dr(CTLR), 3);
  t.cw(GICC_CTLR, 0xffffffff);
  assert.equal(t.cr(GICC_CTLR), 0x21f);
  t.cw(PMR, 0x103);
  assert.equal(t.cr(PMR), 3); // eight priority bits
  t.cw(BPR, 0);
  assert.equal(t.cr(BPR), 0);
  t.cw(ABPR, 0);
  assert.equal(t.cr(ABPR), 1); // minimum ABPR
});

Deno.test("the IRQ output needs both the distributor and the CPU interface enabled", () => {
  const t = setup();
  t.cw(PMR, 0xff);
  t.dw(ISENABLER + 4, 1 << 5); // INTID 37
  t.gic.spi(5).raise();
  assert.equal(t.irq(), false);
  assert.equal(t.cr(HPPIR), 1023);
  t.dw(CTLR, 1);
  assert.equal(t.irq(), false);
  t.cw(GICC_CTLR, 1);
  assert.equal(t.irq(), true);
  assert.equal(t.cr(HPPIR), 37);
  t.dw(CTLR, 0);
  assert.equal(t.irq(), false);
  t.dw(CTLR, 1);
  t.cw(GICC_CTLR, 0);
  assert.equal(t.irq(), false);
  assert.equal(t.cr(IAR), 1023);
});

Deno.test("set-enable and clear-enable; SGI enables cannot be cleared", () => {
  const t = enabled();
  t.dw(ISPENDR + 4, 1 << 8); // INTID 40 pending but disabled
  assert.equal(t.dr(ISPENDR + 4), 1 << 8);
  assert.equal(t.irq(), false);
  t.dw(ISENABLER + 4, 1 << 8);
  assert.equal(t.dr(ISENABLER + 4), 1 << 8);
  assert.equal(t.dr(ICENABLER + 4), 1 << 8);
  assert.equal(t.irq(), true);
  t.dw(ICENABLER + 4, 1 << 8);
  assert.equal(t.dr(ISENABLER + 4), 0);
  assert.equal(t.irq(), false);
  t.dw(ICENABLER, 0xffffffff);
  assert.equal(t.dr(ISENABLER), 0xffff);
});

Deno.test("priority mask: only priorities strictly below GICC_PMR are signalled", () => {
  const t = enabled();
  t.dw(IPRIORITYR + 40, 0x80, 1);
  t.dw(ISENABLER + 4, 1 << 8);
  t.dw(ISPENDR + 4, 1 << 8);
  t.cw(PMR, 0x80);
  assert.equal(t.irq(), false);
  assert.equal(t.cr(HPPIR), 1023);
  assert.equal(t.cr(IAR), 1023);
  t.cw(PMR, 0x81);
  assert.equal(t.irq(), true);
  assert.equal(t.cr(HPPIR), 40);
});

Deno.test("IPRIORITYR takes byte accesses", () => {
  const t = setup();
  t.dw(IPRIORITYR + 1, 0x5a, 1);
  assert.equal(t.dr(IPRIORITYR), 0x5a00);
  assert.equal(t.dr(IPRIORITYR + 1, 1), 0x5a);
  assert.equal(t.dr(IPRIORITYR + 2, 2), 0);
  t.dw(IPRIORITYR + 0x20, 0xa0b0c0d0);
  assert.equal(t.dr(IPRIORITYR + 0x22, 1), 0xb0);
  assert.equal(t.dr(IPRIORITYR + 0x22, 2), 0xa0b0);
});

Deno.test("a uniprocessor GIC has RAZ/WI targets and routes everything to CPU 0", () => {
  const t = enabled();
  t.dw(ITARGETSR + 40, 0x02, 1);
  assert.equal(t.dr(ITARGETSR + 40, 1), 0);
  assert.equal(t.dr(ITARGETSR), 0);
  t.dw(ISENABLER + 4, 1 << 8);
  t.gic.spi(8).raise();
  assert.equal(t.cr(IAR), 40);
  assert.deepEqual(t.logged, []);
});

Deno.test("with two CPUs, GICD_ITARGETSR routes an SPI to the CPU interfaces it names", () => {
  const t = enabled({ numCpus: 2 });
  assert.equal(t.dr(TYPER), 0x28);
  t.gic.currentCpu = 1;
  assert.equal(t.dr(ITARGETSR), 0x02020202); // private IDs read as the accessing CPU
  t.gic.currentCpu = 0;
  assert.equal(t.dr(ITARGETSR), 0x01010101);
  t.dw(ITARGETSR + 40, 0x02, 1);
  assert.equal(t.dr(ITARGETSR + 40, 1), 2);
  t.dw(ISENABLER + 4, 1 << 8);
  t.gic.spi(8).raise();
  assert.equal(t.irq(0), false);
  assert.equal(t.irq(1), true);
  assert.equal(t.cr(IAR), 1023); // CPU 0 sees nothing
  t.gic.currentCpu = 1;
  assert.equal(t.cr(IAR), 40);
  t.cw(EOIR, 40);
  assert.equal(t.irq(1), true); // level still high: pending again
});

Deno.test("a level-sensitive SPI stays pending while its line is asserted", () => {
  const t = enabled();
  t.gic.spi(5).raise(); // INTID 37, level-sensitive by default
  assert.equal(t.dr(ISPENDR + 4), 1 << 5);
  assert.equal(t.cr(HPPIR), 1023); // not enabled yet
  t.dw(ISENABLER + 4, 1 << 5);
  assert.equal(t.irq(), true);
  assert.equal(t.cr(IAR), 37);
  assert.equal(t.irq(), false); // active: not signalled again
  assert.equal(t.dr(ISACTIVER + 4), 1 << 5);
  assert.equal(t.dr(ISPENDR + 4), 1 << 5); // line still high
  assert.equal(t.cr(HPPIR), 1023);
  t.dw(ICPENDR + 4, 1 << 5);
  assert.equal(t.dr(ISPENDR + 4), 1 << 5); // clear-pending cannot clear a high level
  t.cw(EOIR, 37);
  assert.equal(t.dr(ISACTIVER + 4), 0);
  assert.equal(t.cr(HPPIR), 37);
  assert.equal(t.irq(), true);
  t.gic.spi(5).lower();
  assert.equal(t.dr(ISPENDR + 4), 0);
  assert.equal(t.cr(HPPIR), 1023);
  assert.equal(t.irq(), false);
});

Deno.test("an edge-triggered SPI latches pending on the rising edge only", () => {
  const t = enabled();
  t.dw(ICFGR + 8, 2 << 16); // INTID 40 edge-triggered
  assert.equal(t.dr(ICFGR + 8), 0x20000);
  t.dw(ISENABLER + 4, 1 << 8);
  t.gic.spi(8).raise();
  t.gic.spi(8).lower();
  assert.equal(t.dr(ISPENDR + 4), 1 << 8); // latched
  assert.equal(t.cr(IAR), 40);
  assert.equal(t.dr(ISPENDR + 4), 0);
  t.gic.spi(8).raise();
  t.gic.spi(8).raise(); // no new edge
  t.cw(EOIR, 40);
  assert.equal(t.cr(IAR), 40);
  t.cw(EOIR, 40);
  assert.equal(t.cr(IAR), 1023);
  assert.equal(t.irq(), false);
});

Deno.test("SGIs stay edge-triggered; PPI configuration is writable", () => {
  const t = setup();
  t.dw(ICFGR, 0);
  assert.equal(t.dr(ICFGR), 0xaaaaaaaa);
  t.dw(ICFGR + 4, 0xffffffff);
  assert.equal(t.dr(ICFGR + 4), 0xaaaaaaaa); // model bits read as zero
});

Deno.test("set and clear pending through GICD_ISPENDR / GICD_ICPENDR", () => {
  const t = enabled();
  t.dw(ISENABLER + 4, 0xffffffff);
  t.dw(ISPENDR + 4, (1 << 3) | (1 << 9));
  assert.equal(t.dr(ICPENDR + 4), (1 << 3) | (1 << 9));
  assert.equal(t.irq(), true);
  t.dw(ICPENDR + 4, 1 << 3);
  assert.equal(t.dr(ISPENDR + 4), 1 << 9);
  t.dw(ICPENDR + 4, 1 << 9);
  assert.equal(t.irq(), false);
  t.dw(ISPENDR, 0xffff); // SGIs cannot be made pending here
  assert.equal(t.dr(ISPENDR), 0);
});

Deno.test("GICC_IAR returns the highest-priority pending interrupt, lowest ID on ties", () => {
  const t = enabled();
  t.dw(ISENABLER + 4, 0xffffffff);
  t.dw(IPRIORITYR + 33, 0x40, 1);
  t.dw(IPRIORITYR + 34, 0x20, 1);
  t.dw(IPRIORITYR + 35, 0x20, 1);
  t.dw(ISPENDR + 4, 0b1110);
  assert.equal(t.cr(HPPIR), 34);
  assert.equal(t.cr(IAR), 34);
  assert.equal(t.dr(ISACTIVER + 4), 0b0100);
  assert.equal(t.cr(RPR), 0x20);
  assert.equal(t.cr(HPPIR), 35);
  assert.equal(t.cr(IAR), 1023); // same priority cannot preempt
  t.cw(EOIR, 34);
  assert.equal(t.dr(ISACTIVER + 4), 0);
  assert.equal(t.cr(RPR), 0xff);
  assert.equal(t.cr(IAR), 35);
  t.cw(EOIR, 35);
  assert.equal(t.cr(IAR), 33);
  t.cw(EOIR, 33);
  assert.equal(t.cr(IAR), 1023);
  assert.equal(t.cr(HPPIR), 1023);
});

Deno.test("EOI of spurious IDs or with nothing active is ignored", () => {
  const t = enabled();
  t.cw(EOIR, 1023);
  t.cw(EOIR, 5);
  assert.equal(t.cr(RPR), 0xff);
  assert.deepEqual(t.logged, []);
});

Deno.test("EOI drops the running priority whatever ID is written (QEMU 7.2)", () => {
  const t = enabled();
  t.dw(ISACTIVER + 4, 0x80000000); // INTID 63 active for all CPUs
  t.dw(SGIR, 0x02000001); // SGI 1 to this CPU
  assert.equal(t.cr(IAR), 1);
  assert.equal(t.cr(RPR), 0);
  t.cw(EOIR, 63);
  assert.equal(t.cr(RPR), 0xff);
  assert.equal(t.dr(ISACTIVER), 0b10); // SGI 1 still active
  assert.equal(t.dr(ISACTIVER + 4), 0x80000000); // only CPU 0's active bit was cleared
});

Deno.test("binary point: only a higher group priority preempts", () => {
  const t = enabled();
  t.dw(IPRIORITYR + 48, 0x0c100000); // INTID 50: 0x10, INTID 51: 0x0c
  t.dw(ISENABLER + 4, 3 << 18);
  t.cw(BPR, 2); // group priority bits [7:3]
  t.dw(ISPENDR + 4, 1 << 18);
  assert.equal(t.cr(IAR), 50);
  assert.equal(t.cr(RPR), 0x10);
  assert.equal(t.cr(APR0), 0x100);
  t.dw(ISPENDR + 4, 1 << 19);
  assert.equal(t.cr(HPPIR), 51);
  assert.equal(t.irq(), true); // 0x0c is in a higher group (0x08) than 0x10
  assert.equal(t.cr(IAR), 51);
  assert.equal(t.cr(RPR), 0x08);
  assert.equal(t.cr(APR0), 0x110);
  t.cw(EOIR, 51);
  assert.equal(t.cr(RPR), 0x10);
  t.cw(EOIR, 50);
  assert.equal(t.cr(RPR), 0xff);
  // With BPR 0 the running priority is the group priority: bit 0 masked.
  t.dw(IPRIORITYR + 48, 0x0c110000);
  t.dw(ISPENDR + 4, 1 << 18);
  assert.equal(t.cr(IAR), 50);
  assert.equal(t.cr(RPR), 0x10);
  assert.equal(t.cr(APR0), 0x100);
});

Deno.test("binary point decides whether priority 0x14 preempts an active 0x1c", () => {
  for (const [bpr, rpr, preempts] of [[2, 0x18, true], [3, 0x10, false]] as const) {
    const t = enabled();
    t.dw(IPRIORITYR + 48, 0x141c0000); // INTID 50: 0x1c, INTID 51: 0x14
    t.dw(ISENABLER + 4, 3 << 18);
    t.cw(BPR, bpr);
    t.dw(ISPENDR + 4, 1 << 18);
    assert.equal(t.cr(IAR), 50);
    assert.equal(t.cr(RPR), rpr);
    t.dw(ISPENDR + 4, 1 << 19);
    assert.equal(t.cr(HPPIR), 51);
    assert.equal(t.irq(), preempts);
    assert.equal(t.cr(IAR), preempts ? 51 : 1023);
  }
});

Deno.test("Group 1 uses GICC_ABPR - 1 as binary point unless CBPR is set", () => {
  const t = setup();
  t.dw(CTLR, 3);
  t.cw(GICC_CTLR, 7); // both groups, AckCtl
  t.cw(PMR, 0xff);
  t.dw(IGROUPR + 4, 1 << 18); // INTID 50 in Group 1, priority 0x1c
  t.dw(IPRIORITYR + 50, 0x1c, 1);
  t.dw(ISENABLER + 4, 1 << 18);
  t.cw(BPR, 0);
  t.cw(ABPR, 3);
  t.dw(ISPENDR + 4, 1 << 18);
  assert.equal(t.cr(IAR), 50);
  assert.equal(t.cr(RPR), 0x18);
  assert.equal(t.cr(NSAPR0), 0x1000); // preemption level 0x18 >> 1
  t.cw(EOIR, 50);
  t.cw(GICC_CTLR, 0x17); // CBPR: GICC_BPR for both groups
  t.dw(ISPENDR + 4, 1 << 18);
  assert.equal(t.cr(IAR), 50);
  assert.equal(t.cr(RPR), 0x1c);
  assert.equal(t.cr(NSAPR0), 0x4000);
});

Deno.test("SGIs through GICD_SGIR: target filters and the source CPU in GICC_IAR", () => {
  const t = enabled({ numCpus: 2 });
  t.gic.currentCpu = 1;
  t.dw(SGIR, (0 << 24) | (0x01 << 16) | 0x10 | 3); // list: CPU 0; INTID keeps 4 bits
  assert.equal(t.irq(0), true);
  assert.equal(t.irq(1), false);
  t.dw(SGIR, (1 << 24) | 5); // every CPU but this one (CPU 1)
  t.dw(SGIR, (2 << 24) | 7); // this CPU only
  assert.equal(t.irq(1), true);
  assert.equal(t.dr(SPENDSGIR + 4), 0x02000000); // SGI 7 on CPU 1, from CPU 1
  assert.equal(t.cr(IAR), 7 | (1 << 10));
  t.gic.currentCpu = 0;
  assert.equal(t.dr(ISPENDR), (1 << 3) | (1 << 5));
  assert.equal(t.dr(SPENDSGIR), 0x02000000); // SGI 3 on CPU 0 from CPU 1
  assert.equal(t.cr(IAR), 3 | (1 << 10));
  t.cw(EOIR, 3 | (1 << 10));
  assert.equal(t.cr(IAR), 5 | (1 << 10));
  t.cw(EOIR, 5);
  assert.equal(t.cr(IAR), 1023);
});

Deno.test("an SGI from two sources is acknowledged once per source", () => {
  const t = enabled({ numCpus: 2 });
  t.dw(SGIR, (2 << 24) | 4); // CPU 0 to itself
  t.gic.currentCpu = 1;
  t.dw(SGIR, (0x01 << 16) | 4); // CPU 1 to CPU 0
  t.gic.currentCpu = 0;
  assert.equal(t.dr(SPENDSGIR + 4, 1), 0x03);
  assert.equal(t.cr(IAR), 4);
  t.cw(EOIR, 4);
  assert.equal(t.cr(IAR), 4 | (1 << 10));
  t.cw(EOIR, 4);
  assert.equal(t.dr(ISPENDR), 0);
});

Deno.test("GICD_SPENDSGIR / GICD_CPENDSGIR set and clear SGI sources bytewise", () => {
  const t = enabled();
  t.dw(SPENDSGIR + 5, 0x01, 1);
  assert.equal(t.dr(SPENDSGIR + 4), 0x100);
  assert.equal(t.dr(ISPENDR), 0x20);
  assert.equal(t.irq(), true);
  t.dw(CPENDSGIR + 5, 0x01, 1);
  assert.equal(t.dr(SPENDSGIR + 4), 0);
  assert.equal(t.dr(ISPENDR), 0);
  assert.equal(t.irq(), false);
});

Deno.test("GICD_SGIR acts only on 32-bit writes and is write-only", () => {
  const t = enabled();
  t.dw(SGIR, 0x02000001, 1);
  assert.equal(t.dr(ISPENDR), 0);
  assert.equal(t.dr(SGIR, 1), 0);
  assert.deepEqual(t.logged, [
    "gic_dist_writeb: Bad offset f00\n",
    "gic_dist_readb: Bad offset f00\n",
  ]);
});

Deno.test("Group 1 interrupts: 1022 without AckCtl; Group 0 goes to FIQ with FIQEn", () => {
  const t = setup();
  t.dw(CTLR, 3);
  t.cw(GICC_CTLR, 3);
  t.cw(PMR, 0xff);
  t.dw(IGROUPR + 4, 1 << 8); // INTID 40 in Group 1
  assert.equal(t.dr(IGROUPR + 4), 1 << 8);
  t.dw(ISENABLER + 4, 1 << 8);
  t.dw(ISPENDR + 4, 1 << 8);
  assert.equal(t.irq(), true);
  assert.equal(t.cr(HPPIR), 1022);
  assert.equal(t.cr(IAR), 1022);
  t.cw(GICC_CTLR, 7); // AckCtl
  assert.equal(t.cr(IAR), 40);
  assert.equal(t.cr(NSAPR0), 1);
  assert.equal(t.cr(APR0), 0);
  t.cw(EOIR, 40);
  assert.equal(t.cr(NSAPR0), 0);
  // Group 0 with FIQEn is signalled on the FIQ output.
  t.cw(GICC_CTLR, 0xb);
  t.dw(ISPENDR, 1 << 0, 4); // ignored for SGIs
  t.dw(SGIR, 0x02000002);
  assert.equal(t.fiq(), true);
  assert.equal(t.irq(), false);
  // Group 0 disabled at the distributor: nothing is signalled, but HPPIR still shows it.
  t.dw(CTLR, 2);
  assert.equal(t.fiq(), false);
  assert.equal(t.cr(HPPIR), 2);
});

Deno.test("EOImode: GICC_EOIR drops priority, GICC_DIR deactivates", () => {
  const t = enabled();
  t.cw(GICC_CTLR, 0x201);
  t.dw(SGIR, 0x02000001);
  assert.equal(t.cr(IAR), 1);
  t.cw(EOIR, 1);
  assert.equal(t.cr(RPR), 0xff);
  assert.equal(t.dr(ISACTIVER), 2);
  t.cw(DIR, 1);
  assert.equal(t.dr(ISACTIVER), 0);
  // Without EOImode a GICC_DIR write is a guest error and is ignored.
  t.cw(GICC_CTLR, 1);
  t.dw(SGIR, 0x02000001);
  assert.equal(t.cr(IAR), 1);
  t.cw(DIR, 1);
  assert.equal(t.dr(ISACTIVER), 2);
  assert.deepEqual(t.logged, ["gic_deactivate_irq: GICC_DIR write when EOIMode clear\n"]);
  t.cw(EOIR, 1);
  assert.equal(t.dr(ISACTIVER), 0);
});

Deno.test("PPIs are banked per CPU and come from their own input lines", () => {
  const t = enabled({ numCpus: 2 });
  t.dw(ISENABLER, 1 << 27);
  t.gic.ppi(1, 27).raise();
  assert.equal(t.irq(0), false);
  assert.equal(t.dr(ISPENDR), 0);
  t.gic.currentCpu = 1;
  assert.equal(t.dr(ISENABLER), 0xffff); // CPU 1's PPI 27 is not enabled
  t.dw(ISENABLER, 1 << 27);
  assert.equal(t.irq(1), true);
  assert.equal(t.cr(IAR), 27);
  assert.throws(() => t.gic.ppi(0, 15), RangeError);
  assert.throws(() => t.gic.spi(256), RangeError);
});

Deno.test("reserved offsets are logged as QEMU does and read as zero", () => {
  const t = setup();
  assert.equal(t.dr(0x0c, 1), 0);
  assert.equal(t.cr(0x20), 0); // GICC_AIAR: not implemented by QEMU
  t.cw(0x24, 0); // GICC_AEOIR
  t.dw(TYPER, 0, 2);
  assert.equal(t.cr(0x0d, 1), 0);
  assert.equal(t.cr(DIR), 0);
  assert.deepEqual(t.logged, [
    "gic_dist_readb: Bad offset c\n",
    "gic_cpu_read: Bad offset 20\n",
    "gic_cpu_write: Bad offset 24\n",
    "gic_dist_writeb: Bad offset 4\n",
    "gic_dist_writeb: Bad offset 5\n",
    "gic_cpu_read: Bad offset d\n",
    "gic_cpu_read: Bad offset 1000\n",
  ]);
});

Deno.test("regions are named and name their registers", () => {
  const t = setup();
  assert.equal(t.gic.distMmio.name, "gic_dist");
  assert.equal(t.gic.distMmio.size, 0x1000);
  assert.equal(t.gic.cpuMmio.name, "gic_cpu");
  assert.equal(t.gic.cpuMmio.size, 0x2000);
  const d = t.gic.distMmio.registerName!;
  const c = t.gic.cpuMmio.registerName!;
  assert.equal(d(CTLR), "GICD_CTLR");
  assert.equal(d(ISENABLER + 4), "GICD_ISENABLER1");
  assert.equal(d(IPRIORITYR + 41), "GICD_IPRIORITYR10");
  assert.equal(d(ICFGR + 8), "GICD_ICFGR2");
  assert.equal(d(SGIR), "GICD_SGIR");
  assert.equal(d(SPENDSGIR + 4), "GICD_SPENDSGIR1");
  assert.equal(d(0xfe8), "GICD_PIDR2");
  assert.equal(d(0x0c), undefined);
  assert.equal(d(ISENABLER + 0x24), undefined); // past the 288 implemented IDs
  assert.equal(c(IAR), "GICC_IAR");
  assert.equal(c(EOIR), "GICC_EOIR");
  assert.equal(c(APR0 + 4), "GICC_APR1");
  assert.equal(c(DIR), "GICC_DIR");
  assert.equal(c(0x30), undefined);
});

Deno.test("reset() returns to the power-on state and lowers the outputs", () => {
  const t = enabled();
  t.dw(ISENABLER + 4, 1);
  t.dw(ISPENDR + 4, 1);
  t.dw(IPRIORITYR + 32, 0x40, 1);
  assert.equal(t.irq(), true);
  assert.equal(t.cr(IAR), 32);
  t.gic.reset();
  assert.equal(t.irq(), false);
  assert.equal(t.dr(CTLR), 0);
  assert.equal(t.dr(ISENABLER + 4), 0);
  assert.equal(t.dr(ISACTIVER + 4), 0);
  assert.equal(t.dr(IPRIORITYR + 32), 0);
  assert.equal(t.cr(RPR), 0xff);
  assert.equal(t.cr(APR0), 0);
  assert.equal(t.cr(PMR), 0);
});
