import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_TIME_ZONE, isValidTimeZone, localDay, localMinute } from './time.js';

describe('localDay', () => {
  it('defaults to Asia/Shanghai', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Shanghai');
    expect(localDay(new Date('2024-03-01T16:00:00Z'))).toBe('2024-03-02');
  });

  it.each<{ at: string; zone: string; day: string }>([
    { at: '2024-03-01T15:59:59Z', zone: 'Asia/Shanghai', day: '2024-03-01' },
    { at: '2024-03-01T15:59:59.999Z', zone: 'Asia/Shanghai', day: '2024-03-01' },
    { at: '2024-03-01T16:00:00Z', zone: 'Asia/Shanghai', day: '2024-03-02' },
    { at: '2024-02-28T16:00:00Z', zone: 'Asia/Shanghai', day: '2024-02-29' },
    { at: '2024-12-31T16:00:00Z', zone: 'Asia/Shanghai', day: '2025-01-01' },
    { at: '2024-03-01T15:59:59Z', zone: 'UTC', day: '2024-03-01' },
    { at: '2024-03-01T16:00:00Z', zone: 'UTC', day: '2024-03-01' },
    { at: '2024-03-01T23:59:59Z', zone: 'UTC', day: '2024-03-01' },
    { at: '2024-03-02T00:00:00Z', zone: 'UTC', day: '2024-03-02' },
    { at: '2024-03-01T04:59:59Z', zone: 'America/New_York', day: '2024-02-29' },
    { at: '2024-03-01T05:00:00Z', zone: 'America/New_York', day: '2024-03-01' },
  ])('$at in $zone is $day', ({ at, zone, day }) => {
    expect(localDay(new Date(at), zone)).toBe(day);
  });

  it('the same instant is a different day in UTC and Shanghai', () => {
    const at = new Date('2024-03-01T20:00:00Z');
    expect(localDay(at, 'UTC')).toBe('2024-03-01');
    expect(localDay(at, 'Asia/Shanghai')).toBe('2024-03-02');
  });

  const arbInstant = fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });

  it('in UTC equals the date part of the ISO string', () => {
    fc.assert(fc.property(arbInstant, (d) => {
      expect(localDay(d, 'UTC')).toBe(d.toISOString().slice(0, 10));
    }));
  });

  it('in Shanghai (UTC+8, no daylight saving since 1991) equals UTC shifted by 8 hours', () => {
    fc.assert(fc.property(arbInstant, (d) => {
      expect(localDay(d)).toBe(new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10));
    }));
  });

  it('keeps its last answer only for the same minute and zone: repeated and interleaved calls agree with a fresh formatter', () => {
    const fresh = (d: Date, zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
    // Instants near one another (the same minute, the next, across midnight) in zones that alternate.
    const near = fc.tuple(arbInstant, fc.array(fc.integer({ min: -90_000, max: 90_000 }), { minLength: 1, maxLength: 8 }));
    fc.assert(fc.property(near, fc.array(fc.constantFrom('UTC', 'Asia/Shanghai', 'Asia/Kolkata', 'Asia/Kathmandu'), { minLength: 8, maxLength: 8 }), ([base, steps], zones) => {
      steps.forEach((ms, i) => {
        const at = new Date(base.getTime() + ms);
        const zone = zones[i] ?? 'UTC';
        expect(localDay(at, zone)).toBe(fresh(at, zone));
      });
    }));
    expect(localDay(new Date('2024-03-01T15:59:59.999Z'))).toBe('2024-03-01');
    expect(localDay(new Date('2024-03-01T16:00:00.000Z'))).toBe('2024-03-02');
    expect(localDay(new Date('2024-03-01T15:59:00.000Z'))).toBe('2024-03-01');
  });

  it('always returns YYYY-MM-DD, whatever the zone', () => {
    const zones = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/Berlin'];
    fc.assert(fc.property(arbInstant, fc.constantFrom(...zones), (d, zone) => {
      expect(localDay(d, zone)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }));
  });
});

describe('isValidTimeZone', () => {
  it.each<{ zone: string; valid: boolean }>([
    { zone: 'Asia/Shanghai', valid: true },
    { zone: 'UTC', valid: true },
    { zone: 'Europe/London', valid: true },
    { zone: 'America/New_York', valid: true },
    { zone: 'Mars/Olympus_Mons', valid: false },
    { zone: 'Asia/Beijing', valid: false },
    { zone: 'not a zone', valid: false },
  ])('$zone → $valid', ({ zone, valid }) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });

  it('a zone it accepts can be used by localDay', () => {
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(localDay(new Date('2024-03-01T15:00:00Z'), 'Asia/Tokyo')).toBe('2024-03-02');
  });
});

describe('localMinute', () => {
  it.each([
    ['2026-11-29T02:05:59Z', 'Asia/Shanghai', '2026-11-29 10:05'],
    ['2026-11-29T16:30:00Z', 'Asia/Shanghai', '2026-11-30 00:30'],
    ['2026-03-29T01:30:00Z', 'Europe/Berlin', '2026-03-29 03:30'],
  ])('%s in %s reads %s', (iso, zone, expected) => {
    expect(localMinute(new Date(iso), zone)).toBe(expected);
  });
});
