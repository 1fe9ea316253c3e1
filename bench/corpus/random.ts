/** A seeded random source, so a corpus is the same for the same seed and size (mulberry32: fast, good enough for data). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** In [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)];
  }

  /** An index drawn with the given (non-negative, not all zero) weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    let draw = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      draw -= weights[i];
      if (draw < 0) return i;
    }
    return weights.length - 1;
  }

  /** A version-4-shaped UUID from this source, so ids are reproducible too. */
  uuid(): string {
    const hex = (Math.floor(this.next() * 2 ** 32).toString(16).padStart(8, '0') + Math.floor(this.next() * 2 ** 32).toString(16).padStart(8, '0') +
      Math.floor(this.next() * 2 ** 32).toString(16).padStart(8, '0') + Math.floor(this.next() * 2 ** 32).toString(16).padStart(8, '0'));
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16], 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** Zipf-like weights: a few services have most incidents, as in real fleets. */
export function zipfWeights(count: number, exponent = 0.8): number[] {
  return Array.from({ length: count }, (_, rank) => 1 / Math.pow(rank + 1, exponent));
}
