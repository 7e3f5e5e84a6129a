import { createHash } from 'node:crypto';

/*
 * Seeded randomness for the synthetic city. Every part of the generation draws from its own
 * stream, named by what it generates ("people/0/12": the people of unit 0's site 12), so that a
 * change in one part (one more room per site) does not shift the names or ID numbers of another.
 */

/** A number in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast, and good enough for test data (not for anything secret). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the seed and the label: the seed of one named stream. */
function streamSeed(seed: number, label: string): number {
  let h = 0x811c9dc5;
  const s = `${seed}/${label}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function stream(seed: number, label: string): Rng {
  return mulberry32(streamSeed(seed, label));
}

/** An integer in [lo, hi]. */
export function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, list: readonly T[]): T {
  const v = list[Math.floor(rng() * list.length)];
  if (v === undefined) throw new Error('pick from an empty list');
  return v;
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** A picker by weight; the cumulative table is built once, since names are drawn by the hundred thousand. */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const values = entries.map(([v]) => v);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of entries) cumulative.push((total += w));
  return (rng) => {
    const x = rng() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    const v = values[lo];
    if (v === undefined) throw new Error('weighted pick from an empty table');
    return v;
  };
}

/**
 * A UUID (version 4 layout) named by the seed and a label. Ids are part of the content: the same
 * seed gives the same tree and the same people, and the SQL that derives temperatures from a
 * person's id then gives the same readings.
 */
export function syntheticUuid(seed: number, label: string): string {
  const h = createHash('sha256').update(`fangkong-synthetic/${seed}/${label}`).digest('hex');
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
