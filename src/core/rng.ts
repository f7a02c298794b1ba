/**
 * The kit's one seedable random number generator. Every consumer gets its own stream derived by name
 * (`rng.child("dataset")`, `deriveSeed(seed, "eval", i)`), so adding a consumer never shifts another's
 * stream. Nothing in `src/` may use JavaScript's unseeded global generator (tests/hygiene.test.ts checks).
 *
 * @example
 * const rng = new Rng(42);
 * rng.int(4);                 // 0..3
 * const evalRng = rng.child("eval", 7);
 */

/** 32-bit FNV-1a over a string, mixed with a 32-bit seed. */
function hashString(seed: number, s: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** splitmix32 finaliser: turns any 32-bit value into a well-mixed one. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97) >>> 0;
  return (x ^ (x >>> 15)) >>> 0;
}

/**
 * Derive a child seed from a parent seed and a path of names/numbers, e.g.
 * `deriveSeed(0, "eval", 3)`. Pure and stable across versions: changing it changes every dataset.
 */
export function deriveSeed(seed: number, ...path: (string | number)[]): number {
  let h = mix32(seed >>> 0);
  for (const part of path) h = mix32(hashString(h, String(part)));
  return h;
}

/** The largest seed: seeds are integers in [0, 2³²), the generator's seed domain. */
export const SEED_MAX = 2 ** 32 - 1;

/**
 * Throws unless `seed` is an integer in [0, 2³²). Every user-facing seed (CLI flags, run configs,
 * evaluation, dataset generation, episode resets through the rollout code) is checked, because the
 * generator keeps only 32 bits: 0.5, −0, 2³² and 2⁵³ would otherwise all silently give seed 0's stream.
 *
 * @example
 * checkSeed(7, "--seed");        // ok
 * checkSeed(2 ** 32, "--seed");  // throws: --seed must be an integer from 0 to 4294967295, got 4294967296
 */
export function checkSeed(seed: unknown, what = "seed"): asserts seed is number {
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > SEED_MAX || Object.is(seed, -0)) {
    throw new Error(`${what} must be an integer from 0 to ${SEED_MAX}, got ${Object.is(seed, -0) ? "-0" : typeof seed === "number" ? seed : JSON.stringify(seed)}`);
  }
}

/** Serialisable generator state, for exact resume from checkpoints. */
export interface RngState {
  readonly s: readonly [number, number, number, number];
}

/** sfc32: a small, fast, well-tested 128-bit-state generator (PractRand-clean to 2^42+ bytes). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The seed this generator was created from (for metadata only). */
  readonly seed: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new Error(`Rng: seed must be a finite number, got ${seed}`);
    this.seed = seed >>> 0;
    this.a = mix32(this.seed);
    this.b = mix32(this.a ^ 0x85ebca6b);
    this.c = mix32(this.b ^ 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32(); // warm up
  }

  /** A uniformly random unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float uniformly distributed in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer uniformly distributed in [0, n). */
  int(n: number): number {
    if (!(n >= 1)) throw new Error(`Rng.int: n must be >= 1, got ${n}`);
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element of a non-empty array. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Rng.choice: empty array");
    return items[this.int(items.length)];
  }

  /** Index sampled proportionally to non-negative weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new Error(`Rng.weighted: weights must sum to > 0, got ${total}`);
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal sample (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** A new independent generator whose seed is derived from this one's seed and the given path. */
  child(...path: (string | number)[]): Rng {
    return new Rng(deriveSeed(this.seed, ...path));
  }

  getState(): RngState {
    return { s: [this.a, this.b, this.c, this.d] };
  }

  setState(state: RngState): void {
    [this.a, this.b, this.c, this.d] = state.s;
  }
}
