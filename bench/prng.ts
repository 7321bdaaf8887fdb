/**
 * Deterministic pseudo-random numbers for the generator: the same seed gives the same data on every machine, so
 * results of different runs (and engines) are comparable.
 */

/** mulberry32: a small, fast 32-bit generator; plenty for synthetic data (not for anything secret). */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Index drawn by weight (weights need not sum to 1). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] ?? 0;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
  /** Normal via Box-Muller, for log-normal body sizes. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/**
 * A Zipf-like sampler over a fixed list: item i has weight 1/(i+1)^s, so a few sources, States and fields dominate,
 * as on the real site (the Secretariat and a few missions publish most releases).
 */
export class Zipf<T> {
  private readonly cumulative: number[] = [];
  constructor(
    readonly items: readonly T[],
    s = 1,
  ) {
    let sum = 0;
    for (let i = 0; i < items.length; i++) {
      sum += 1 / Math.pow(i + 1, s);
      this.cumulative.push(sum);
    }
  }
  sample(rng: Prng): T {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const x = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
  /** `k` distinct items (k ≤ items.length), bounded retries then fill in order. */
  distinct(rng: Prng, k: number): T[] {
    const out = new Set<T>();
    for (let tries = 0; out.size < k && tries < k * 20; tries++) out.add(this.sample(rng));
    for (const item of this.items) {
      if (out.size >= k) break;
      out.add(item);
    }
    return [...out];
  }
}

/** Deterministic shuffle (Fisher-Yates), so popularity order is not the alphabetical order of the reference data. */
export function shuffled<T>(items: readonly T[], rng: Prng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
