/**
 * The time the rules see. Real time in production; tests (and the demo's clock control, when it is
 * switched on) move it forward to make a deadline pass without waiting for it.
 */
export class Clock {
  private offset = 0;

  now(): Date {
    return new Date(Date.now() + this.offset);
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
