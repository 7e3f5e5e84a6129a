import { readFileSync } from 'node:fs';

/** One measured figure of a run; `ratio` figures compare Fangkong to a raw baseline of the same run. */
export interface Figure {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  /** The target, and whether this run met it (null: no target). */
  target?: { op: '>=' | '<'; value: number };
  note?: string;
}

export function met(f: Figure): boolean | null {
  if (!f.target || f.value === null) return null;
  return f.target.op === '>=' ? f.value >= f.target.value : f.value < f.target.value;
}

export async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

export function round(n: number, digits = 0): number {
  const m = 10 ** digits;
  return Math.round(n * m) / m;
}

/** p-th percentile of samples (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** Calls `f` n times in a row (after one warm-up call); p50 and p95 in ms. */
export async function latencies(n: number, f: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await timed(f))[1]);
  return { p50: round(percentile(times, 50), 1), p95: round(percentile(times, 95), 1) };
}

/**
 * The process's resident memory, sampled while work runs: the peak of the samples, and the
 * kernel's high-water mark (VmHWM) for the whole process life where Linux gives it.
 */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;

  start(): this {
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage().rss);
    }, 25);
    return this;
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
    return round(this.peak / 1024 / 1024);
  }
}

export function highWaterMb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m?.[1] ? round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}
