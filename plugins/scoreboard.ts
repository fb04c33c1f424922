/**
 * Scoreboards: per-vCPU u64 slots that inline operations update from translated code
 * (QEMU's plugins scoreboard). One Float64Array holds every vCPU's entries back to back, so
 * generated code addresses a slot as `array[vcpu * entries + offset]`.
 *
 * @module
 */

import type { Scoreboard, ScoreboardU64 } from "./api.ts";

/** A scoreboard backed by one Float64Array. */
export class ScoreboardImpl implements Scoreboard {
  /** u64 slots per vCPU. */
  readonly entries: number;
  /** Storage: vCPU-major. Values are exact integers up to 2^53. */
  data: Float64Array;
  /** Cleared by `free`. */
  live = true;
  readonly #vcpus: number;

  /** Creates a scoreboard for `vcpus` vCPUs with `entries` slots each. */
  constructor(vcpus: number, entries: number) {
    if (!Number.isInteger(entries) || entries < 1) {
      throw new RangeError(`scoreboard: entries must be a positive integer, got ${entries}`);
    }
    this.entries = entries;
    this.#vcpus = vcpus;
    this.data = new Float64Array(vcpus * entries);
  }

  u64(offset = 0): ScoreboardU64 {
    if (!Number.isInteger(offset) || offset < 0 || offset >= this.entries) {
      throw new RangeError(`scoreboard: offset ${offset} out of range 0..${this.entries - 1}`);
    }
    return new ScoreboardU64Impl(this, offset);
  }

  find(vcpu: number): Float64Array {
    return this.data.subarray(vcpu * this.entries, (vcpu + 1) * this.entries);
  }

  free(): void {
    this.live = false;
  }

  /** Number of vCPUs covered. */
  get vcpus(): number {
    return this.#vcpus;
  }
}

/** One slot of a scoreboard across vCPUs. */
export class ScoreboardU64Impl implements ScoreboardU64 {
  readonly score: ScoreboardImpl;
  readonly offset: number;

  constructor(score: ScoreboardImpl, offset: number) {
    this.score = score;
    this.offset = offset;
  }

  /** Index of this slot for `vcpu` in the scoreboard's array. */
  index(vcpu: number): number {
    return vcpu * this.score.entries + this.offset;
  }

  get(vcpu: number): number {
    return this.score.data[this.index(vcpu)];
  }

  set(vcpu: number, value: number): void {
    this.score.data[this.index(vcpu)] = value;
  }

  add(vcpu: number, value: number): void {
    this.score.data[this.index(vcpu)] += value;
  }

  sum(): number {
    let s = 0;
    for (let v = 0; v < this.score.vcpus; v++) s += this.get(v);
    return s;
  }
}
