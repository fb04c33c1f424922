/**
 * The short-descriptor table walk (cpu/arm/mmu.ts), the software TLB's permission folding and
 * invalidation (accel/tcg/cputlb.ts), and the CP15 MMU operations (cpu/arm/cp15-mmu.ts).
 * Expected fault codes are the ones qemu-system-arm 7.2 reports (see tests/guest/src/mmu*.S).
 */
import assert from "node:assert/strict";
import { AddressSpace } from "../../softmmu/address-space.ts";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { Log } from "../../util/log.ts";
import { ArmCpu, SCTLR_A, SCTLR_AFE, SCTLR_M } from "../../cpu/arm/cpu.ts";
import { CpuTlb } from "../../accel/tcg/cputlb.ts";
import { Excp, GuestException } from "../../cpu/arm/exception.ts";
import {
  Access,
  armWalk,
  atsTranslate,
  MmuIdx,
  PAGE_EXEC,
  PAGE_READ,
  PAGE_WRITE,
  TranslateResult,
  TTBCR_PD1,
} from "../../cpu/arm/mmu.ts";
import { CP15_REGS, cpKey } from "../../cpu/arm/cp15.ts";
import "../../cpu/arm/cp15-mmu.ts";

const RAM_BASE = 0x40000000;
const L1 = 0x40004000; // 16 KiB aligned
const L2 = 0x40008000; // 1 KiB aligned
const L2_BAD = 0x50000000; // unassigned

/** Section descriptor: AP[2:0], domain, XN, nG, PXN. */
function section(pa: number, ap: number, dom = 0, xn = 0, ng = 0, pxn = 0): number {
  return (pa | 0x2 | 0xc | (xn << 4) | (dom << 5) | ((ap & 3) << 10) | ((ap >> 2) << 15) |
    (ng << 17) | pxn) >>> 0;
}

/** Small page descriptor: AP[2:0], XN, nG. */
function small(pa: number, ap: number, xn = 0, ng = 0): number {
  return (pa | 0x2 | 0xc | xn | ((ap & 3) << 4) | ((ap >> 2) << 9) | (ng << 11)) >>> 0;
}

/** A CPU with 1 MiB of RAM at RAM_BASE, an L1 table at L1 and the MMU on. */
function setup() {
  const sys = MemoryRegion.container("system", 0x1_0000_0000);
  const as = new AddressSpace("memory", sys, new Log());
  const ram = MemoryRegion.ram("ram", 1 << 20);
  sys.addSubregion(RAM_BASE, ram);
  const cpu = new ArmCpu(0, new Log());
  const tlb = new CpuTlb(cpu, as, ram);
  const w32 = (pa: number, v: number) => as.write(pa, v >>> 0, 4);
  const setL1 = (va: number, desc: number) => w32(L1 + ((va >>> 20) << 2), desc);
  const setL2 = (va: number, desc: number) => w32(L2 + (((va >>> 12) & 0xff) << 2), desc);
  cpu.cp15.ttbr0 = L1;
  cpu.cp15.dacr = 0x55555555; // every domain client
  cpu.cp15.sctlr |= SCTLR_M;
  setL1(RAM_BASE, section(RAM_BASE, 3)); // identity map of the RAM MiB
  return { as, ram, cpu, tlb, w32, setL1, setL2 };
}

/** Runs the walk and returns the FSR (0 on success) with the result. */
function walk(
  t: ReturnType<typeof setup>,
  va: number,
  access = Access.READ,
  idx = MmuIdx.KERNEL,
): { fsr: number; r: TranslateResult } {
  const r = new TranslateResult();
  const fsr = armWalk(t.cpu, t.as, va, access, idx, r);
  return { fsr, r };
}

function fault(fn: () => unknown): GuestException {
  try {
    fn();
  } catch (e) {
    if (e instanceof GuestException) return e;
    throw e;
  }
  assert.fail("no guest exception");
}

Deno.test("MMU off: flat mapping with every permission", () => {
  const t = setup();
  t.cpu.cp15.sctlr &= ~SCTLR_M;
  const { fsr, r } = walk(t, 0x12345678, Access.EXEC, MmuIdx.USER);
  assert.equal(fsr, 0);
  assert.equal(r.pa, 0x12345678);
  assert.equal(r.prot, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
});

Deno.test("sections, supersections, large and small pages give their physical addresses", () => {
  const t = setup();
  t.setL1(0x80000000, section(0x40100000, 3));
  for (let i = 0; i < 16; i++) {
    t.setL1(0x91000000 + (i << 20), section(0x49000000, 3) | (1 << 18));
  }
  t.setL1(0x80100000, L2 | 0x1);
  t.setL2(0x80105000, small(0x40077000, 3));
  for (let i = 0; i < 16; i++) {
    t.setL2(0x80110000 + (i << 12), (0x40030000 | 0x1 | (3 << 4)) >>> 0); // large page
  }
  const cases: [number, number, number][] = [
    [0x80012345, 0x40112345, 20],
    [0x91abcdef, 0x49abcdef, 24],
    [0x80105abc, 0x40077abc, 12],
    [0x8011f00c, 0x4003f00c, 16],
  ];
  for (const [va, pa, lg] of cases) {
    const { fsr, r } = walk(t, va);
    assert.equal(fsr, 0, `va ${va.toString(16)}`);
    assert.equal(r.pa, pa);
    assert.equal(r.lgPageSize, lg);
    assert.equal(r.global, true);
  }
});

Deno.test("TTBCR.N selects TTBR1 for high addresses; PD1 faults them", () => {
  const t = setup();
  const L1B = 0x40010000;
  t.w32(L1B + ((0xc0000000 >>> 20) << 2), section(0x40200000, 3));
  t.cpu.cp15.ttbr1 = L1B;
  t.cpu.cp15.ttbcr = 1;
  assert.equal(walk(t, 0xc0000010).r.pa, 0x40200010);
  assert.equal(walk(t, 0x40000010).r.pa, 0x40000010); // still TTBR0
  t.cpu.cp15.ttbcr = 1 | TTBCR_PD1;
  assert.equal(walk(t, 0xc0000010).fsr, 0x5);
});

Deno.test("fault codes carry the level and the domain as QEMU reports them", () => {
  const t = setup();
  t.cpu.cp15.dacr = 0x55555555 & ~(3 << 6) & ~(3 << 4); // domains 2 and 3: no access
  t.setL1(0x80000000, L2 | 0x1 | (1 << 5)); // page table, domain 1
  t.setL1(0x80100000, L2 | 0x1 | (3 << 5)); // same table, domain 3
  t.setL1(0x80200000, section(0x40000000, 3, 2)); // section, domain 2
  t.setL1(0x80300000, section(0x40000000, 5, 4)); // section AP=5, domain 4
  t.setL1(0x80400000, L2_BAD | 0x1 | (6 << 5)); // page table nowhere, domain 6
  t.setL2(0x80002000, small(0x40000000, 1));
  assert.equal(walk(t, 0xa0000000).fsr, 0x05); // section translation, domain 0
  assert.equal(walk(t, 0x80001000).fsr, 0x17); // page translation, domain 1
  assert.equal(walk(t, 0x80201000).fsr, 0x29); // section domain
  assert.equal(walk(t, 0x80101000).fsr, 0x3b); // page domain (before the L2 walk)
  assert.equal(walk(t, 0x80300000, Access.WRITE).fsr, 0x4d); // section permission
  assert.equal(walk(t, 0x80002000, Access.READ, MmuIdx.USER).fsr, 0x1f); // page permission
  assert.equal(walk(t, 0x80400000).fsr, 0x6e); // external abort on the L2 walk
  t.cpu.cp15.ttbr0 = L2_BAD;
  assert.equal(walk(t, 0x80000000).fsr, 0x0c); // external abort on the L1 walk
});

Deno.test("AP[2:0] permissions for kernel and user (SCTLR.AFE clear)", () => {
  const t = setup();
  t.setL1(0x80000000, L2 | 0x1);
  const R = PAGE_READ, W = PAGE_WRITE, X = PAGE_EXEC;
  const expected: [number, number, number][] = [
    // ap, kernel prot, user prot (0: permission fault on read)
    [0, 0, 0],
    [1, R | W | X, 0],
    [2, R | W | X, R | X],
    [3, R | W | X, R | W | X],
    [4, 0, 0],
    [5, R | X, 0],
    [6, R | X, R | X],
    [7, R | X, R | X],
  ];
  for (const [ap, kernel, user] of expected) {
    const va = 0x80000000 + (ap << 12);
    t.setL2(va, small(0x40000000, ap));
    for (const [idx, prot] of [[MmuIdx.KERNEL, kernel], [MmuIdx.USER, user]] as const) {
      const { fsr, r } = walk(t, va, Access.READ, idx);
      if (prot === 0) assert.equal(fsr, 0xf, `ap ${ap} idx ${idx}`);
      else assert.equal(r.prot, prot, `ap ${ap} idx ${idx}`);
    }
  }
});

Deno.test("XN, PXN, manager domains and the access flag", () => {
  const t = setup();
  t.setL1(0x80000000, section(0x40000000, 3, 0, 1)); // XN section
  t.setL1(0x80100000, section(0x40000000, 3, 0, 0, 0, 1)); // PXN section
  t.setL1(0x80200000, section(0x40000000, 2, 5)); // AP=2, domain 5
  assert.equal(walk(t, 0x80000000, Access.EXEC).fsr, 0xd);
  assert.equal(walk(t, 0x80000000).r.prot, PAGE_READ | PAGE_WRITE);
  assert.equal(walk(t, 0x80100000, Access.EXEC).fsr, 0xd);
  assert.equal(walk(t, 0x80100000, Access.EXEC, MmuIdx.USER).fsr, 0);
  t.cpu.cp15.dacr = 0x55555555 | 3; // domain 0 manager: XN ignored
  assert.equal(walk(t, 0x80000000, Access.EXEC).fsr, 0);
  t.cpu.cp15.sctlr |= SCTLR_AFE;
  assert.equal(walk(t, 0x80200000).fsr, 0x53); // AF clear: section access flag fault
  t.cpu.cp15.dacr = 0x55555555;
  assert.equal(walk(t, 0x80000000, Access.EXEC).fsr, 0xd); // XN before the access flag
});

Deno.test("nG mappings are reported as not global", () => {
  const t = setup();
  t.setL1(0x80000000, section(0x40000000, 3, 0, 0, 1));
  t.setL1(0x80100000, L2 | 0x1);
  t.setL2(0x80100000, small(0x40000000, 3, 0, 1));
  assert.equal(walk(t, 0x80000000).r.global, false);
  assert.equal(walk(t, 0x80100000).r.global, false);
});

Deno.test("ATS: PAR holds PA and NS, or F and the fault status", () => {
  const t = setup();
  t.setL1(0x80000000, L2 | 0x1 | (1 << 5));
  t.setL2(0x80002000, small(0x40055000, 1));
  for (let i = 0; i < 16; i++) {
    t.setL1(0x91000000 + (i << 20), section(0x49000000, 3) | (1 << 18));
  }
  const r = new TranslateResult();
  const ats = (va: number, access: Access, idx: MmuIdx) =>
    atsTranslate(t.cpu, t.as, va, access, idx, r);
  assert.equal(ats(0x80002abc, Access.WRITE, MmuIdx.KERNEL), 0x40055200);
  assert.equal(ats(0x80002abc, Access.READ, MmuIdx.USER), 0x1f);
  assert.equal(ats(0x80001000, Access.READ, MmuIdx.KERNEL), 0x0f);
  assert.equal(ats(0xa0000000, Access.READ, MmuIdx.KERNEL), 0x0b);
  assert.equal(ats(0x91abcdef, Access.READ, MmuIdx.KERNEL), 0x49000202);
  t.setL1(0x80400000, L2_BAD | 0x1 | (6 << 5));
  const e = fault(() => ats(0x80400010, Access.WRITE, MmuIdx.KERNEL));
  assert.equal(e.kind, Excp.DATA_ABORT);
  assert.equal(e.fsr, 0x6e); // no WnR
  assert.equal(e.far >>> 0, 0x80400010);
});

Deno.test("TLB: permissions are folded into which entries get filled", () => {
  const t = setup();
  t.setL1(0x80000000, L2 | 0x1);
  t.setL2(0x80000000, small(0x40020000, 2)); // user read-only
  t.tlb.ops[MmuIdx.USER].ld32(0x80000000);
  const p = 0x80000;
  assert.notEqual(t.tlb.read[MmuIdx.USER][p], 0);
  assert.equal(t.tlb.write[MmuIdx.USER][p], 0);
  assert.equal(t.tlb.read[MmuIdx.KERNEL][p], 0);
  const e = fault(() => t.tlb.ops[MmuIdx.USER].st32(0x80000004, 1));
  assert.equal(e.kind, Excp.DATA_ABORT);
  assert.equal(e.fsr, 0x80f);
  assert.equal(e.far >>> 0, 0x80000004);
  t.tlb.ops[MmuIdx.KERNEL].st32(0x80000004, 0x1234); // kernel may write
  assert.equal(t.as.read(0x40020004, 4), 0x1234);
  assert.notEqual(t.tlb.write[MmuIdx.KERNEL][p], 0);
});

Deno.test("TLB: instruction fetch from XN raises a prefetch abort", () => {
  const t = setup();
  t.setL1(0x80000000, section(0x40000000, 3, 2, 1));
  const e = fault(() => t.tlb.fetchPhys(0x80000100, MmuIdx.KERNEL));
  assert.equal(e.kind, Excp.PREFETCH_ABORT);
  assert.equal(e.fsr, 0x2d);
  assert.equal(e.far >>> 0, 0x80000100);
});

Deno.test("TLB: alignment faults come before translation faults", () => {
  const t = setup();
  t.cpu.cp15.sctlr |= SCTLR_A;
  const e = fault(() => t.tlb.ops[MmuIdx.KERNEL].st32(0xa0000001, 0));
  assert.equal(e.fsr, 0x801);
  assert.equal(e.far >>> 0, 0xa0000001);
});

Deno.test("TLB: an unaligned store whose second page faults reports that page", () => {
  const t = setup();
  t.setL1(0x80000000, L2 | 0x1);
  t.setL2(0x80000000, small(0x40020000, 3));
  const e = fault(() => t.tlb.ops[MmuIdx.KERNEL].st32(0x80000ffe, 0x11223344));
  assert.equal(e.fsr, 0x807);
  assert.equal(e.far >>> 0, 0x80001000);
  assert.equal(t.as.read(0x40020ffe, 2), 0); // nothing written
});

Deno.test("TLBIMVA inside a section drops every page the section filled", () => {
  const t = setup();
  t.w32(0x40012000, 0xaaaa);
  t.w32(0x40092000, 0xbbbb);
  t.setL1(0x80000000, section(0x40000000, 3));
  const ld = t.tlb.ops[MmuIdx.KERNEL].ld32;
  assert.equal(ld(0x80012000), 0xaaaa);
  // Replace the section by a page table that maps the page elsewhere.
  t.setL1(0x80000000, L2 | 0x1);
  t.setL2(0x80012000, small(0x40092000, 3));
  assert.equal(ld(0x80012000), 0xaaaa); // the TLB still holds the section's page
  CP15_REGS.get(cpKey(8, 0, 7, 1))!.write!(t.cpu, 0x80077000); // TLBIMVA elsewhere in the MiB
  assert.equal(ld(0x80012000), 0xbbbb);
});

Deno.test("CONTEXTIDR: an ASID change drops nG entries and keeps global ones", () => {
  const t = setup();
  t.setL1(0x80000000, section(0x40000000, 3, 0, 0, 1)); // nG
  t.setL1(0x80100000, section(0x40000000, 3)); // global
  const ld = t.tlb.ops[MmuIdx.KERNEL].ld32;
  ld(0x80000000);
  ld(0x80100000);
  let jumpCacheFlushes = 0;
  t.tlb.onFlush = () => jumpCacheFlushes++;
  const contextidr = CP15_REGS.get(cpKey(13, 0, 0, 1))!;
  contextidr.write!(t.cpu, 0x100); // PROCID only: nothing to drop
  assert.equal(jumpCacheFlushes, 0);
  assert.notEqual(t.tlb.read[0][0x80000], 0);
  contextidr.write!(t.cpu, 0x101);
  assert.equal(jumpCacheFlushes, 1);
  assert.equal(t.tlb.read[0][0x80000], 0);
  assert.notEqual(t.tlb.read[0][0x80100], 0);
  assert.equal(contextidr.read!(t.cpu), 0x101);
});

Deno.test("DACR, SCTLR and TLBIALL writes flush the TLB; ATS1CPR writes PAR", () => {
  const t = setup();
  const ld = t.tlb.ops[MmuIdx.KERNEL].ld32;
  for (const [key, value] of [[cpKey(3, 0, 0, 0), 0x55555555], [cpKey(8, 0, 7, 0), 0]]) {
    ld(RAM_BASE);
    assert.notEqual(t.tlb.read[0][RAM_BASE >>> 12], 0);
    CP15_REGS.get(key)!.write!(t.cpu, value);
    assert.equal(t.tlb.read[0][RAM_BASE >>> 12], 0);
  }
  ld(RAM_BASE);
  const sctlr = CP15_REGS.get(cpKey(1, 0, 0, 0))!;
  sctlr.write!(t.cpu, t.cpu.cp15.sctlr);
  assert.equal(t.tlb.read[0][RAM_BASE >>> 12], 0);
  CP15_REGS.get(cpKey(7, 0, 8, 0))!.write!(t.cpu, RAM_BASE + 0x1234);
  assert.equal(t.cpu.cp15.par >>> 0, 0x40001200);
  CP15_REGS.get(cpKey(7, 0, 8, 2))!.write!(t.cpu, 0xa0000000);
  assert.equal(t.cpu.cp15.par >>> 0, 0x0b);
});
