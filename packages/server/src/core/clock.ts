import { localDay } from '@fangkong/domain';

/**
 * The time the rules see. Real time in production; tests (and the demo's clock control, when it is
 * switched on) move it forward to make a deadline pass without waiting for it. Every "now" and
 * "today" of a rule comes from here, so that moving the clock moves rounds, due dates and
 * deadlines together. Real time stays with what is not a rule: security timings (sessions,
 * lock-outs, rate limits), caches, and the stamps of when a row was written.
 */
export class Clock {
  private offset = 0;

  constructor(
    /** The deployment's zone: "today" is the local day there (Asia/Shanghai by default). */
    readonly timeZone: string,
  ) {}

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  /** The local day of `now()` (YYYY-MM-DD). */
  today(): string {
    return localDay(this.now(), this.timeZone);
  }

  /** How far the clock has been moved from real time. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Moves the clock forward (or back) by `ms` from where it stands. */
  advance(ms: number): void {
    this.offset += ms;
  }

  reset(): void {
    this.offset = 0;
  }
}
