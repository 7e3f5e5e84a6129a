/**
 * The time the rules see. Real time in production; tests (and the demo's clock control, when it is
 * switched on) move it forward to make a deadline pass without waiting for it.
 */
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock forward (or back) by `ms` from where it stands. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
