import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type Coverage,
  coverageRate,
  coverageStatus,
  sumCoverage,
  sumSiteCoverage,
} from './monitoring.js';

/*
 * The coverage of daily health monitoring (requirements §2, §15): how many of those expected were
 * checked at a site and in sum, against the pure rules of monitoring.ts.
 */

const PERSON = '123e4567-e89b-42d3-a456-426614174000';

// Coverage

describe('sumCoverage', () => {
  const zero: Coverage = { expected: 0, checked: 0, complete: 0, missing: 0, abnormal: 0 };
  const add = (a: Coverage, b: Coverage): Coverage => ({
    expected: a.expected + b.expected,
    checked: a.checked + b.checked,
    complete: a.complete + b.complete,
    missing: a.missing + b.missing,
    abnormal: a.abnormal + b.abnormal,
  });
  const arbCoverage: fc.Arbitrary<Coverage> = fc.record({
    expected: fc.nat(10_000),
    checked: fc.nat(10_000),
    complete: fc.nat(10_000),
    missing: fc.nat(10_000),
    abnormal: fc.nat(10_000),
  });

  it.each<{ name: string; rows: Coverage[]; sum: Coverage }>([
    { name: 'no rows', rows: [], sum: zero },
    { name: 'one row', rows: [{ expected: 10, checked: 8, complete: 7, missing: 2, abnormal: 1 }], sum: { expected: 10, checked: 8, complete: 7, missing: 2, abnormal: 1 } },
    {
      name: 'two rows',
      rows: [
        { expected: 10, checked: 8, complete: 7, missing: 2, abnormal: 1 },
        { expected: 5, checked: 5, complete: 5, missing: 0, abnormal: 0 },
      ],
      sum: { expected: 15, checked: 13, complete: 12, missing: 2, abnormal: 1 },
    },
  ])('$name', ({ rows, sum }) => {
    expect(sumCoverage(rows)).toEqual(sum);
  });

  it('is additive: sum(a ++ b) = sum(a) + sum(b)', () => {
    fc.assert(
      fc.property(fc.array(arbCoverage), fc.array(arbCoverage), (a, b) => {
        expect(sumCoverage([...a, ...b])).toEqual(add(sumCoverage(a), sumCoverage(b)));
      }),
    );
  });

  it('has no extra keys, does not depend on order and does not change its input', () => {
    fc.assert(
      fc.property(fc.array(arbCoverage), (rows) => {
        const before = JSON.stringify(rows);
        const s = sumCoverage(rows);
        expect(Object.keys(s).sort()).toEqual(['abnormal', 'checked', 'complete', 'expected', 'missing']);
        expect(sumCoverage([...rows].reverse())).toEqual(s);
        expect(JSON.stringify(rows)).toBe(before);
      }),
    );
  });

  it('sums only the coverage fields of wider rows (sites, towns)', () => {
    const site = { expected: 3, checked: 2, complete: 2, missing: 1, abnormal: 0, siteId: PERSON, openAlerts: 4 };
    expect(sumCoverage([site, site])).toEqual({ expected: 6, checked: 4, complete: 4, missing: 2, abnormal: 0 });
  });
});

// Requirements §15: 0 of 0 is "nothing to check", never 100 %, and is counted apart.
describe('coverageStatus, coverageRate and sumSiteCoverage', () => {
  it.each<{ expected: number; checked: number; complete: number; status: string; rate: number | null }>([
    { expected: 0, checked: 0, complete: 0, status: 'nothing_to_check', rate: null },
    { expected: 4, checked: 4, complete: 4, status: 'complete', rate: 1 },
    { expected: 4, checked: 4, complete: 3, status: 'incomplete', rate: 1 },
    { expected: 4, checked: 1, complete: 0, status: 'incomplete', rate: 0.25 },
    { expected: 4, checked: 0, complete: 0, status: 'incomplete', rate: 0 },
  ])('$checked/$expected checked, $complete complete: $status', ({ status, rate, ...c }) => {
    expect(coverageStatus(c)).toBe(status);
    expect(coverageRate(c)).toBe(rate);
  });

  it('counts sites with nothing to check apart from those done, and never gives a rate of nobody', () => {
    const row = (expected: number, complete: number) => {
      const c = { expected, checked: complete, complete, missing: expected - complete, abnormal: 0 };
      return { ...c, status: coverageStatus(c) };
    };
    expect(sumSiteCoverage([row(3, 3), row(0, 0), row(2, 1), row(0, 0)])).toMatchObject({ sites: 4, sitesComplete: 1, sitesNothingToCheck: 2, rate: 0.8 });
    expect(sumSiteCoverage([row(0, 0), row(0, 0)])).toMatchObject({ sites: 2, sitesComplete: 0, sitesNothingToCheck: 2, rate: null });
    expect(sumSiteCoverage([])).toMatchObject({ sites: 0, sitesComplete: 0, sitesNothingToCheck: 0, rate: null });
  });
});
