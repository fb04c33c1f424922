/**
 * Declarative instruction decoding in the spirit of QEMU's decodetree: each instruction is a
 * bit pattern written as a string, with fixed bits (`0`/`1`), don't-care bits (`-`) and named
 * fields (runs of the same letter, concatenated most-significant first when a letter appears
 * in several places). Patterns are tried in table order, so more specific ones come first.
 *
 * Example: `"cccc 0010 100s nnnn dddd iiii iiii iiii"` gives fields `c`, `s`, `n`, `d`, `i`.
 *
 * @module
 */

/** Field values extracted from one instruction word. */
export type Fields = Record<string, number>;

/** A compiled pattern. */
export interface Pattern<E> {
  /** Instruction name (for logs and coverage). */
  readonly name: string;
  /** Bits that must match. */
  readonly mask: number;
  /** Their required values. */
  readonly value: number;
  /** Field extractors: name -> list of [shift, width] from most to least significant. */
  readonly fields: ReadonlyArray<readonly [string, ReadonlyArray<readonly [number, number]>]>;
  /** What the table's user attached (an emitter). */
  readonly payload: E;
}

/** Compiles one pattern string of `width` bits (32 or 16). */
export function compilePattern<E>(
  name: string,
  pattern: string,
  payload: E,
  width = 32,
): Pattern<E> {
  const bits = pattern.replace(/\s+/g, "");
  if (bits.length !== width) {
    throw new Error(`pattern ${name}: ${bits.length} bits, expected ${width}`);
  }
  let mask = 0, value = 0;
  const fieldMap = new Map<string, Array<[number, number]>>();
  for (let i = 0; i < width; i++) {
    const ch = bits[i];
    const bit = width - 1 - i;
    if (ch === "0" || ch === "1") {
      mask |= 1 << bit;
      if (ch === "1") value |= 1 << bit;
    } else if (ch !== "-") {
      let runs = fieldMap.get(ch);
      if (!runs) fieldMap.set(ch, runs = []);
      const last = runs[runs.length - 1];
      if (last && last[0] === bit + 1) {
        last[0] = bit;
        last[1]++;
      } else {
        runs.push([bit, 1]);
      }
    }
  }
  return { name, mask: mask >>> 0, value: value >>> 0, fields: [...fieldMap], payload };
}

/** Extracts the fields of `p` from `insn`. */
export function extractFields<E>(p: Pattern<E>, insn: number): Fields {
  const f: Fields = {};
  for (const [name, runs] of p.fields) {
    let v = 0;
    for (const [shift, w] of runs) v = (v * (1 << w)) + ((insn >>> shift) & ((1 << w) - 1));
    f[name] = v;
  }
  return f;
}

/**
 * A decode table with buckets on a set of key bits so that a lookup tries only the patterns
 * compatible with those bits.
 */
export class DecodeTable<E> {
  readonly #patterns: Pattern<E>[] = [];
  #buckets: Pattern<E>[][] | null = null;
  readonly #keyBits: number[];
  readonly #width: number;

  /** `keyBits` are the bit positions used to bucket patterns (e.g. 27..20 and 7..4). */
  constructor(keyBits: number[], width = 32) {
    this.#keyBits = keyBits;
    this.#width = width;
  }

  /** Adds a pattern; earlier patterns take precedence. */
  add(name: string, pattern: string, payload: E): this {
    this.#patterns.push(compilePattern(name, pattern, payload, this.#width));
    this.#buckets = null;
    return this;
  }

  /** All patterns, in order. */
  get patterns(): readonly Pattern<E>[] {
    return this.#patterns;
  }

  #key(insn: number): number {
    const kb = this.#keyBits;
    let k = 0;
    for (let i = 0; i < kb.length; i++) k = (k << 1) | ((insn >>> kb[i]) & 1);
    return k;
  }

  #build(): Pattern<E>[][] {
    const kb = this.#keyBits;
    const n = 1 << kb.length;
    const buckets: Pattern<E>[][] = [];
    for (let k = 0; k < n; k++) {
      // Build a word with the key bits set as in k; check compatibility on those bits.
      let word = 0, keyMask = 0;
      for (let i = 0; i < kb.length; i++) {
        keyMask |= 1 << kb[i];
        if ((k >>> (kb.length - 1 - i)) & 1) word |= 1 << kb[i];
      }
      buckets.push(
        this.#patterns.filter((p) => (((word ^ p.value) & p.mask & keyMask) >>> 0) === 0),
      );
    }
    return buckets;
  }

  /** The first pattern matching `insn`, or undefined. */
  lookup(insn: number): Pattern<E> | undefined {
    const b = (this.#buckets ??= this.#build())[this.#key(insn)];
    for (let i = 0; i < b.length; i++) {
      const p = b[i];
      if (((insn & p.mask) >>> 0) === p.value) return p;
    }
    return undefined;
  }
}
