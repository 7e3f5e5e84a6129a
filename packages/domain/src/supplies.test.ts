import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES } from './policy.js';
import {
  COVER_STATUSES, coverStatus, dailyDemand, lacksDemandBasis, daysOfCover, demandHeads, expiringStock, replenishmentDue, stockDelta, suggestedOrder, supplyNeed,
  usableOn, usableStock, type CoverStatus, type LedgerKind,
} from './supplies.js';

describe('R6.2 with real numbers: demand, cover, status and the order to the target', () => {
  // Elderly care: the previous peak used 3,000 masks in 30 days → 100 a day; hold 60 days, never under 45.
  it.each<{ name: string; siteType: keyof typeof DEFAULT_POLICIES; demand: Parameters<typeof dailyDemand>[0]; usable: number; pack: number | null; perDay: number; cover: number; status: string; order: number }>([
    { name: 'elderly care, 4,000 masks left: below the 45-day floor', siteType: 'elderly_care', usable: 4000, pack: null,
      demand: { basis: 'peak', basisDays: 30, peakConsumption: 3000, recentIssues: 0, perHeadDaily: null, heads: 0 }, perDay: 100, cover: 40, status: 'below_floor', order: 2000 },
    { name: 'elderly care, masks in boxes of 300: the order is whole boxes', siteType: 'elderly_care', usable: 4000, pack: 300,
      demand: { basis: 'peak', basisDays: 30, peakConsumption: 3000, recentIssues: 0, perHeadDaily: null, heads: 0 }, perDay: 100, cover: 40, status: 'below_floor', order: 2100 },
    { name: 'elderly care, exactly 45 days: at the floor, below the target', siteType: 'elderly_care', usable: 4500, pack: null,
      demand: { basis: 'peak', basisDays: 30, peakConsumption: 3000, recentIssues: 0, perHeadDaily: null, heads: 0 }, perDay: 100, cover: 45, status: 'below_target', order: 1500 },
    { name: 'child welfare, 6,000 of 100 a day: at the 60-day target', siteType: 'child_welfare', usable: 6000, pack: null,
      demand: { basis: 'peak', basisDays: 30, peakConsumption: 3000, recentIssues: 0, perHeadDaily: null, heads: 0 }, perDay: 100, cover: 60, status: 'ok', order: 0 },
    { name: 'funeral, 45 days of suits (2 a day): ok at 45', siteType: 'funeral', usable: 90, pack: null,
      demand: { basis: 'peak', basisDays: 30, peakConsumption: 60, recentIssues: 0, perHeadDaily: null, heads: 0 }, perDay: 2, cover: 45, status: 'ok', order: 0 },
    { name: 'rescue station at full load: 40 beds × 2 masks, 2,000 left → 25 days', siteType: 'rescue_station', usable: 2000, pack: null,
      demand: { basis: 'peak', basisDays: 30, peakConsumption: null, recentIssues: 0, perHeadDaily: 2, heads: 40 }, perDay: 80, cover: 25, status: 'below_floor', order: 400 },
  ])('$name', ({ siteType, demand, usable, pack, perDay, cover, status, order }) => {
    const supplies = DEFAULT_POLICIES[siteType].supplies;
    const d = dailyDemand(demand);
    expect(d?.perDay).toBe(perDay);
    expect(daysOfCover(usable, d?.perDay ?? null)).toBe(cover);
    expect(coverStatus(daysOfCover(usable, d?.perDay ?? null), supplies, { usable, required: true })).toBe(status);
    expect(suggestedOrder(usable, d?.perDay ?? null, supplies.targetDays, pack)).toBe(order);
  });

  it('the floors and targets of the notice per site type', () => {
    expect(DEFAULT_POLICIES.elderly_care.supplies).toMatchObject({ targetDays: 60, floorDays: 45, replenishIntervalDays: 15, demandBasisDays: 30 });
    expect(DEFAULT_POLICIES.child_welfare.supplies).toMatchObject({ targetDays: 60, floorDays: 45, replenishIntervalDays: 15 });
    expect(DEFAULT_POLICIES.funeral.supplies).toMatchObject({ targetDays: 45, floorDays: 45 });
    expect(DEFAULT_POLICIES.rescue_station.supplies).toMatchObject({ targetDays: 30, floorDays: 30 });
  });
});

// §15 and R6.2: an empty store of a required item, and a missing demand basis, are findings, never a pass.
describe('coverStatus: empty stock and a missing demand basis', () => {
  const policy = DEFAULT_POLICIES.elderly_care.supplies;
  it.each<{ name: string; cover: number | null; usable: number; required: boolean; status: CoverStatus }>([
    { name: 'required, none held, no demand basis: below the floor', cover: null, usable: 0, required: true, status: 'below_floor' },
    { name: 'required, none held, with a demand: below the floor', cover: 0, usable: 0, required: true, status: 'below_floor' },
    { name: 'required, held, no demand basis: a finding', cover: null, usable: 50, required: true, status: 'no_demand_basis' },
    { name: 'not required, held, no demand basis: a finding', cover: null, usable: 50, required: false, status: 'no_demand_basis' },
    { name: 'not required, none held, no demand basis: nothing to hold', cover: null, usable: 0, required: false, status: 'not_required' },
    { name: 'not required, none held, but a demand: below the floor', cover: 0, usable: 0, required: false, status: 'below_floor' },
    { name: 'required with 60 days: ok', cover: 60, usable: 600, required: true, status: 'ok' },
  ])('$name', ({ cover, usable, required, status }) => {
    expect(coverStatus(cover, policy, { usable, required })).toBe(status);
  });

  it('no pass without a demand basis: whatever is held or required never reads ok', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000 }), fc.boolean(), (usable, required) => {
      const status = coverStatus(null, policy, { usable, required });
      expect(status).not.toBe('ok');
      expect(COVER_STATUSES).toContain(status);
      if (required || usable > 0) expect(['below_floor', 'no_demand_basis']).toContain(status);
    }));
  });

  it('a required item with nothing usable is below the floor whatever its cover', () => {
    fc.assert(fc.property(fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: null }), (cover) => {
      expect(coverStatus(cover, policy, { usable: 0, required: true })).toBe('below_floor');
    }));
  });

  it('the policy lists what each site type must hold; its per-head rate comes before the catalogue\'s', () => {
    for (const type of ['elderly_care', 'child_welfare', 'funeral', 'rescue_station', 'community'] as const) {
      const categories = DEFAULT_POLICIES[type].supplies.required.map((r) => r.category);
      expect(categories).toEqual(expect.arrayContaining(['mask', 'disinfectant', 'thermometer']));
    }
    expect(DEFAULT_POLICIES.funeral.supplies.required.map((r) => r.category)).toContain('goggles');
    expect(supplyNeed(policy, { category: 'mask', perHeadDaily: 3 })).toEqual({ required: true, perHeadDaily: 2 });
    expect(supplyNeed(policy, { category: 'cap', perHeadDaily: 0.5 })).toEqual({ required: false, perHeadDaily: 0.5 });
    expect(supplyNeed({ required: [{ category: 'mask', perHeadDaily: null }] }, { category: 'mask', perHeadDaily: 3 })).toEqual({ required: true, perHeadDaily: 3 });
  });

  it.each([
    { status: 'below_floor', daysOfCover: null, lacks: true },
    { status: 'below_floor', daysOfCover: 0, lacks: false },
    { status: 'no_demand_basis', daysOfCover: null, lacks: true },
    { status: 'ok', daysOfCover: 70, lacks: false },
    { status: 'not_required', daysOfCover: null, lacks: false },
  ] as const)('an item $status with cover $daysOfCover lacks a demand basis: $lacks', ({ status, daysOfCover, lacks }) => {
    expect(lacksDemandBasis({ status, daysOfCover })).toBe(lacks);
  });

  it.each([
    { present: 12, capacity: 40, fullLoad: false, heads: 12 },
    { present: 12, capacity: 40, fullLoad: true, heads: 40 },
    { present: 0, capacity: 40, fullLoad: false, heads: 40 },
    { present: 0, capacity: null, fullLoad: true, heads: 0 },
    { present: 7, capacity: null, fullLoad: true, heads: 7 },
  ])('per-head demand counts $heads of $present present (capacity $capacity, full load $fullLoad)', ({ present, capacity, fullLoad, heads }) => {
    expect(demandHeads(present, capacity, fullLoad)).toBe(heads);
  });
});

describe('dailyDemand: where the demand comes from', () => {
  const base = { basis: 'peak' as const, basisDays: 30, peakConsumption: null, recentIssues: 0, perHeadDaily: null, heads: 0 };
  it.each([
    { name: 'the peak when entered', over: { peakConsumption: 900, recentIssues: 300 }, out: { perDay: 30, from: 'peak' } },
    { name: 'per head for a new site', over: { perHeadDaily: 1.5, heads: 20 }, out: { perDay: 30, from: 'per_head' } },
    { name: 'the peak wins over per head', over: { peakConsumption: 600, perHeadDaily: 1.5, heads: 20 }, out: { perDay: 20, from: 'peak' } },
    { name: 'recent issues when nothing else is known', over: { recentIssues: 150 }, out: { perDay: 5, from: 'recent_issues' } },
    { name: 'recent issues first when the policy chooses them', over: { basis: 'recent_issues' as const, peakConsumption: 900, recentIssues: 150 }, out: { perDay: 5, from: 'recent_issues' } },
    { name: 'the policy chooses recent issues, none yet: the peak', over: { basis: 'recent_issues' as const, peakConsumption: 900 }, out: { perDay: 30, from: 'peak' } },
    { name: 'nothing known', over: {}, out: null },
    { name: 'a rate but nobody there', over: { perHeadDaily: 2, heads: 0 }, out: null },
  ])('$name', ({ over, out }) => {
    expect(dailyDemand({ ...base, ...over })).toEqual(out);
  });
});

describe('expiry (R6.3): expired stock is not cover', () => {
  const batches = [
    { quantity: 100, expiresOn: '2026-12-01' },
    { quantity: 50, expiresOn: '2026-11-28' },
    { quantity: 30, expiresOn: null },
    { quantity: 20, expiresOn: '2027-06-01' },
  ];
  it.each([
    { day: '2026-11-27', usable: 200, expiring: 150 },
    { day: '2026-11-28', usable: 200, expiring: 150 },
    { day: '2026-11-29', usable: 150, expiring: 100 },
    { day: '2026-12-02', usable: 50, expiring: 0 },
  ])('on $day: $usable usable, $expiring expiring within 30 days', ({ day, usable, expiring }) => {
    expect(usableStock(batches, day)).toBe(usable);
    expect(expiringStock(batches, day, 30)).toBe(expiring);
  });

  it('a batch is usable through its expiry day', () => {
    expect(usableOn({ expiresOn: '2026-11-29' }, '2026-11-29')).toBe(true);
    expect(usableOn({ expiresOn: '2026-11-29' }, '2026-11-30')).toBe(false);
    expect(usableOn({ expiresOn: null }, '2099-01-01')).toBe(true);
  });
});

describe('the ledger', () => {
  it.each<{ kind: LedgerKind; quantity: number; delta: number }>([
    { kind: 'receipt', quantity: 10, delta: 10 },
    { kind: 'transfer_in', quantity: 10, delta: 10 },
    { kind: 'issue', quantity: 10, delta: -10 },
    { kind: 'transfer_out', quantity: 10, delta: -10 },
    { kind: 'adjustment', quantity: -3, delta: -3 },
    { kind: 'adjustment', quantity: 3, delta: 3 },
    { kind: 'stocktake', quantity: -7, delta: -7 },
  ])('$kind of $quantity changes the stock by $delta', ({ kind, quantity, delta }) => {
    expect(stockDelta({ kind, quantity })).toBe(delta);
  });

  it('the stock is the replay of the ledger, in any order', () => {
    const entry = fc.record({ kind: fc.constantFrom<LedgerKind>('receipt', 'issue', 'transfer_in', 'transfer_out', 'adjustment', 'stocktake'), quantity: fc.integer({ min: -500, max: 500 }).filter((q) => q !== 0) })
      .map((e) => (e.kind === 'adjustment' || e.kind === 'stocktake' ? e : { ...e, quantity: Math.abs(e.quantity) }));
    fc.assert(fc.property(fc.array(entry, { maxLength: 60 }), (entries) => {
      const forward = entries.reduce((s, e) => s + stockDelta(e), 0);
      const backward = [...entries].reverse().reduce((s, e) => s + stockDelta(e), 0);
      const received = entries.filter((e) => e.kind === 'receipt' || e.kind === 'transfer_in').reduce((s, e) => s + e.quantity, 0);
      const taken = entries.filter((e) => e.kind === 'issue' || e.kind === 'transfer_out').reduce((s, e) => s + e.quantity, 0);
      const corrected = entries.filter((e) => e.kind === 'adjustment' || e.kind === 'stocktake').reduce((s, e) => s + e.quantity, 0);
      expect(forward).toBe(backward);
      expect(forward).toBe(received - taken + corrected);
    }));
  });
});

describe('properties of cover and orders', () => {
  const demand = fc.double({ min: 0.1, max: 5000, noNaN: true });
  it('ordering the suggested quantity reaches the target, and one pack less would not', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), demand, fc.integer({ min: 1, max: 120 }), fc.option(fc.integer({ min: 2, max: 500 }), { nil: null }),
      (usable, perDay, target, pack) => {
        const order = suggestedOrder(usable, perDay, target, pack);
        expect(order).toBeGreaterThanOrEqual(0);
        expect(usable + order).toBeGreaterThanOrEqual(target * perDay - 1e-6);
        if (order > 0) expect(usable + order - (pack ?? 1)).toBeLessThan(target * perDay);
        if (pack !== null) expect(order % pack).toBe(0);
      }));
  });

  it('more stock never means less cover or a worse status', () => {
    const policy = DEFAULT_POLICIES.elderly_care.supplies;
    const rank: Record<CoverStatus, number> = { below_floor: 0, below_target: 1, ok: 2, no_demand_basis: -1, not_required: -1 };
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), demand, fc.boolean(), (a, extra, perDay, required) => {
      const c1 = daysOfCover(a, perDay) ?? 0;
      const c2 = daysOfCover(a + extra, perDay) ?? 0;
      expect(c2).toBeGreaterThanOrEqual(c1);
      expect(rank[coverStatus(c2, policy, { usable: a + extra, required })]).toBeGreaterThanOrEqual(rank[coverStatus(c1, policy, { usable: a, required })]);
    }));
  });

  it('no demand: no cover figure, no order', () => {
    expect(daysOfCover(100, null)).toBeNull();
    expect(daysOfCover(100, 0)).toBeNull();
    expect(coverStatus(null, DEFAULT_POLICIES.elderly_care.supplies, { usable: 0, required: false })).toBe('not_required');
    expect(suggestedOrder(0, null, 60, null)).toBe(0);
  });
});

describe('replenishment every half month', () => {
  it.each([
    { last: null, day: '2026-11-29', due: true },
    { last: '2026-11-14', day: '2026-11-28', due: false },
    { last: '2026-11-14', day: '2026-11-29', due: true },
    { last: '2026-11-01', day: '2026-11-29', due: true },
  ])('last $last, on $day → $due', ({ last, day, due }) => {
    expect(replenishmentDue(last, 15, day)).toBe(due);
  });
});
