/**
 * FlatView: a memory tree rendered into sorted, non-overlapping sections, as QEMU's
 * `generate_memory_topology`. Higher-priority siblings hide lower ones; aliases resolve to
 * their target with an adjusted offset; containers contribute their children.
 *
 * @module
 */

import type { MemoryRegion } from "./memory-region.ts";

/** A contiguous piece of the address space backed by one terminal region. */
export interface Section {
  /** First address covered. */
  start: number;
  /** Length in bytes. */
  size: number;
  /** The terminal region (ram, rom or io), never an alias or container. */
  region: MemoryRegion;
  /** Offset into `region` that `start` maps to. */
  offsetWithinRegion: number;
  /** Address of the region's start as seen in this view (`start - offsetWithinRegion`). */
  regionBase: number;
}

/** Sorted sections with a binary-search lookup. */
export class FlatView {
  /** Sections sorted by `start`. */
  readonly sections: readonly Section[];
  readonly #starts: Float64Array;

  /** Renders `root` placed at address 0. */
  constructor(root: MemoryRegion) {
    const out: Section[] = [];
    render(root, 0, 0, 0x1_0000_0000, out);
    out.sort((a, b) => a.start - b.start);
    this.sections = out;
    this.#starts = Float64Array.from(out, (s) => s.start);
  }

  /** The section holding `addr`, or undefined if nothing maps it. */
  lookup(addr: number): Section | undefined {
    const starts = this.#starts;
    let lo = 0, hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= addr) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi < 0) return undefined;
    const s = this.sections[hi];
    return addr < s.start + s.size ? s : undefined;
  }
}

/** Free intervals of [lo, hi) not yet claimed in `out`, in address order. */
function gaps(out: Section[], lo: number, hi: number): Array<[number, number]> {
  const taken = out
    .filter((s) => s.start < hi && s.start + s.size > lo)
    .map((s) => [Math.max(s.start, lo), Math.min(s.start + s.size, hi)] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const free: Array<[number, number]> = [];
  let cur = lo;
  for (const [a, b] of taken) {
    if (a > cur) free.push([cur, a]);
    if (b > cur) cur = b;
  }
  if (cur < hi) free.push([cur, hi]);
  return free;
}

/**
 * Renders `mr` whose offset 0 appears at address `base`, clipped to [clipLo, clipHi).
 * Regions rendered earlier win, so containers render children in decreasing priority.
 */
function render(
  mr: MemoryRegion,
  base: number,
  clipLo: number,
  clipHi: number,
  out: Section[],
): void {
  if (!mr.enabled) return;
  const lo = Math.max(clipLo, base);
  const hi = Math.min(clipHi, base + mr.size);
  if (lo >= hi) return;
  switch (mr.kind) {
    case "alias": {
      const target = mr.aliasOf!;
      // Target offset aliasOffset appears at `base`.
      render(target, base - mr.aliasOffset, lo, hi, out);
      return;
    }
    case "container": {
      // Highest priority first; among equals, the later-added child wins.
      const kids = mr.subregions
        .map((s, i) => ({ s, i }))
        .sort((a, b) => b.s.priority - a.s.priority || b.i - a.i);
      for (const { s } of kids) render(s.region, base + s.offset, lo, hi, out);
      return;
    }
    default: {
      for (const [a, b] of gaps(out, lo, hi)) {
        out.push({
          start: a,
          size: b - a,
          region: mr,
          offsetWithinRegion: a - base,
          regionBase: base,
        });
      }
    }
  }
}
