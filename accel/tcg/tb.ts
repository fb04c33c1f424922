/**
 * Translation blocks and the TB cache (QEMU's TranslationBlock, tb_htable and the per-vCPU
 * jump cache). TBs are keyed by physical pc and CPU flags; a virtual-pc jump cache answers
 * most lookups; each physical page keeps its TBs so a write to it can invalidate them.
 *
 * @module
 */

import { PAGE_BITS } from "./cputlb.ts";

/** A TB's compiled function (see accel/tcg/codegen.ts for the contract). */
export type TbFunction = (cpu: unknown, limit: number) => number;

/** One translated block. */
export class TranslationBlock {
  /** Virtual pc of the first instruction. */
  readonly pc: number;
  /** Physical pc. */
  readonly phys: number;
  /** CPU flags the TB was translated for. */
  readonly flags: number;
  /** Number of guest instructions. */
  readonly nInsns: number;
  /** Size in bytes of guest code covered. */
  readonly size: number;
  /** The compiled function. */
  readonly fn: TbFunction;
  /** Targets of static exits 0 and 1. */
  readonly exitTargets: readonly number[];
  /** Chained successors per static exit. */
  readonly jmp: (TranslationBlock | null)[] = [null, null];
  /** Cleared when invalidated. */
  valid = true;
  /** Virtual pc of every instruction. */
  readonly pcs: readonly number[];
  /** Generated source, kept for debugging. */
  readonly source: string;

  /** Creates a TB record. */
  constructor(
    pc: number,
    phys: number,
    flags: number,
    nInsns: number,
    size: number,
    fn: TbFunction,
    exitTargets: readonly number[],
    pcs: readonly number[],
    source: string,
  ) {
    this.pc = pc;
    this.phys = phys;
    this.flags = flags;
    this.nInsns = nInsns;
    this.size = size;
    this.fn = fn;
    this.exitTargets = exitTargets;
    this.pcs = pcs;
    this.source = source;
  }
}

const JC_BITS = 12;
const JC_SIZE = 1 << JC_BITS;

/** Jump-cache slot of a virtual pc: halfword granular (Thumb), high bits folded in. */
function jcSlot(pc: number): number {
  return ((pc >>> 1) ^ (pc >>> (JC_BITS + 1))) & (JC_SIZE - 1);
}

/** The TB cache of one vCPU. */
export class TbCache {
  /** TBs by physical pc. */
  readonly #byPhys = new Map<number, TranslationBlock[]>();
  /** TBs by physical page number. */
  readonly #byPage = new Map<number, TranslationBlock[]>();
  /** Virtual-pc jump cache. */
  readonly #jc: (TranslationBlock | undefined)[] = new Array(JC_SIZE);
  /** Number of live TBs. */
  count = 0;
  /** Number of translations done. */
  translations = 0;

  /** Every live TB (statistics, debugging). */
  *all(): Generator<TranslationBlock> {
    for (const list of this.#byPhys.values()) yield* list;
  }

  /** Jump-cache lookup by virtual pc and flags. */
  lookupJc(pc: number, flags: number): TranslationBlock | undefined {
    const tb = this.#jc[jcSlot(pc)];
    return tb !== undefined && tb.pc === pc && tb.flags === flags && tb.valid ? tb : undefined;
  }

  /** Full lookup by physical pc, virtual pc and flags; refills the jump cache. */
  lookup(pc: number, phys: number, flags: number): TranslationBlock | undefined {
    const list = this.#byPhys.get(phys);
    if (!list) return undefined;
    for (const tb of list) {
      if (tb.pc === pc && tb.flags === flags) {
        this.#jc[jcSlot(pc)] = tb;
        return tb;
      }
    }
    return undefined;
  }

  /** Adds a new TB; returns the physical pages it covers (to protect them for SMC). */
  insert(tb: TranslationBlock): number[] {
    let list = this.#byPhys.get(tb.phys);
    if (!list) this.#byPhys.set(tb.phys, list = []);
    list.push(tb);
    const first = tb.phys >>> PAGE_BITS;
    const last = (tb.phys + Math.max(tb.size, 1) - 1) >>> PAGE_BITS;
    const pages: number[] = [];
    for (let p = first; p <= last; p++) {
      let pl = this.#byPage.get(p);
      if (!pl) this.#byPage.set(p, pl = []);
      pl.push(tb);
      pages.push(p);
    }
    this.#jc[jcSlot(tb.pc)] = tb;
    this.count++;
    this.translations++;
    return pages;
  }

  /**
   * Invalidates the TBs whose code overlaps physical bytes [pa, pa + len) (a write hit them).
   * Returns how many were removed.
   */
  invalidateRange(pa: number, len: number): number {
    const page = pa >>> PAGE_BITS;
    const pl = this.#byPage.get(page);
    if (!pl) return 0;
    let n = 0;
    for (let i = pl.length - 1; i >= 0; i--) {
      const tb = pl[i];
      if (tb.valid && pa < tb.phys + tb.size && pa + len > tb.phys) {
        this.#remove(tb);
        n++;
      }
    }
    return n;
  }

  /** Invalidates every TB on physical page `page`; returns how many were removed. */
  invalidatePage(page: number): number {
    const pl = this.#byPage.get(page);
    if (!pl) return 0;
    let n = 0;
    for (const tb of [...pl]) {
      if (tb.valid) {
        this.#remove(tb);
        n++;
      }
    }
    return n;
  }

  #remove(tb: TranslationBlock): void {
    tb.valid = false;
    this.count--;
    const list = this.#byPhys.get(tb.phys);
    if (list) {
      const i = list.indexOf(tb);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.#byPhys.delete(tb.phys);
    }
    const first = tb.phys >>> PAGE_BITS;
    const last = (tb.phys + Math.max(tb.size, 1) - 1) >>> PAGE_BITS;
    for (let p = first; p <= last; p++) {
      const pl = this.#byPage.get(p);
      if (!pl) continue;
      const i = pl.indexOf(tb);
      if (i >= 0) pl.splice(i, 1);
      if (pl.length === 0) this.#byPage.delete(p);
    }
  }

  /** Whether physical page `page` holds any TB. */
  hasPage(page: number): boolean {
    return this.#byPage.has(page);
  }

  /** Drops every TB (QEMU's tb_flush). */
  flush(): void {
    for (const list of this.#byPhys.values()) for (const tb of list) tb.valid = false;
    this.#byPhys.clear();
    this.#byPage.clear();
    this.#jc.fill(undefined);
    this.count = 0;
  }

  /** Clears the virtual-pc jump cache (after TLB changes). */
  flushJumpCache(): void {
    this.#jc.fill(undefined);
  }
}
