import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setServerTime, today } from './time';

/** The pages' "today" is the server's: its zone, and its demonstration clock where it has moved. */
describe('today on every page', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // 2026-12-04 17:30 UTC: 01:30 on the 5th in Shanghai, still the 4th in UTC.
    vi.setSystemTime(new Date('2026-12-04T17:30:00Z'));
  });
  afterEach(() => {
    setServerTime('Asia/Shanghai', 0);
    vi.useRealTimers();
  });

  it.each([
    ['Asia/Shanghai', 0, '2026-12-05'],
    ['UTC', 0, '2026-12-04'],
    ['Asia/Shanghai', 24 * 3_600_000, '2026-12-06'],
    ['Asia/Shanghai', -1 * 3_600_000, '2026-12-05'],
    ['Asia/Shanghai', -2 * 3_600_000, '2026-12-04'],
    ['Asia/Shanghai', -10 * 3_600_000, '2026-12-04'],
  ])('in %s with the server clock %i ms ahead is %s', (zone, offset, day) => {
    setServerTime(zone, offset);
    expect(today()).toBe(day);
  });
});
