import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CreateIncident, INCIDENT_TYPES, RECEIVERS, defaultChains, escalationPlan, isOutside, levelAbove, mean, minutesTaken, speaksFor, stepState,
  type ChainStep, type Receiver,
} from './incidents.js';
import { DEFAULT_POLICIES, PolicyBody, normalizePolicyBody } from './policy.js';

const at = (iso: string) => new Date(iso);

describe('the escalation chain of a suspected case (R7.1)', () => {
  const chain = DEFAULT_POLICIES.elderly_care.escalation.chains.suspected_case;

  it('reports to the town office within an hour, to the city bureau and the health department within two', () => {
    expect(chain).toEqual([
      { to: 'town', withinMinutes: 60 },
      { to: 'bureau', withinMinutes: 120 },
      { to: 'health_department', withinMinutes: 120 },
    ]);
  });

  it('gives each step its deadline from the opening, whatever the time zone of the clock that reads it', () => {
    // Opened at 23:30 in Shanghai (15:30 UTC): the town is due at 00:30 the next local day.
    const plan = escalationPlan(at('2026-11-29T23:30:00+08:00'), chain);
    expect(plan.map((p) => [p.to, p.dueAt.toISOString()])).toEqual([
      ['town', '2026-11-29T16:30:00.000Z'],
      ['bureau', '2026-11-29T17:30:00.000Z'],
      ['health_department', '2026-11-29T17:30:00.000Z'],
    ]);
    expect(plan[0]?.dueAt.getTime()).toBe(at('2026-11-30T00:30:00+08:00').getTime());
  });

  it('funeral services also report to the funeral affairs centre and the prefecture bureau (R7.4)', () => {
    const receivers = DEFAULT_POLICIES.funeral.escalation.chains.suspected_case.map((s) => s.to);
    expect(receivers).toEqual(expect.arrayContaining(['town', 'bureau', 'health_department', 'funeral_affairs_centre', 'prefecture_bureau']));
    expect(DEFAULT_POLICIES.elderly_care.escalation.chains.suspected_case.map((s) => s.to)).not.toContain('funeral_affairs_centre');
  });

  it('every incident type has a chain, and every site type\'s default is a valid policy', () => {
    for (const body of Object.values(DEFAULT_POLICIES)) {
      expect(PolicyBody.safeParse(body).success).toBe(true);
      for (const type of INCIDENT_TYPES) expect(body.escalation.chains[type].length).toBeGreaterThan(0);
    }
  });

  it('an old policy version without chains gets the defaults of its site type', () => {
    const old = JSON.parse(JSON.stringify(DEFAULT_POLICIES.funeral)) as { escalation: Record<string, unknown> };
    delete old.escalation.chains;
    expect(normalizePolicyBody(old, 'funeral').escalation.chains).toEqual(DEFAULT_POLICIES.funeral.escalation.chains);
  });
});

describe('late steps (R7.3), with a controllable clock', () => {
  const step = { dueAt: at('2026-11-29T10:00:00Z'), doneAt: null };
  it.each([
    { now: '2026-11-29T09:59:59Z', doneAt: null, state: 'pending' },
    { now: '2026-11-29T10:00:00Z', doneAt: null, state: 'pending' },
    { now: '2026-11-29T10:00:01Z', doneAt: null, state: 'late' },
    { now: '2026-11-30T10:00:00Z', doneAt: '2026-11-29T09:30:00Z', state: 'done' },
    { now: '2026-11-30T10:00:00Z', doneAt: '2026-11-29T10:00:00Z', state: 'done' },
    { now: '2026-11-30T10:00:00Z', doneAt: '2026-11-29T10:05:00Z', state: 'done_late' },
  ])('due 10:00, now $now, done $doneAt → $state', ({ now, doneAt, state }) => {
    expect(stepState({ ...step, doneAt: doneAt ? at(doneAt) : null }, at(now))).toBe(state);
  });

  it('a pending step only ever turns late as time passes, never back', () => {
    fc.assert(fc.property(fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (offset, later) => {
      const now = new Date(step.dueAt.getTime() + offset * 1000);
      const after = new Date(now.getTime() + later * 1000);
      if (stepState(step, now) === 'late') expect(stepState(step, after)).toBe('late');
    }));
  });
});

describe('levels', () => {
  it.each<{ to: Receiver; above: Receiver | null; outside: boolean }>([
    { to: 'town', above: 'bureau', outside: false },
    { to: 'funeral_affairs_centre', above: 'bureau', outside: false },
    { to: 'health_department', above: 'bureau', outside: true },
    { to: 'bureau', above: 'prefecture_bureau', outside: false },
    { to: 'prefecture_bureau', above: null, outside: true },
  ])('a late step to $to goes to $above', ({ to, above, outside }) => {
    expect(levelAbove(to)).toBe(above);
    expect(isOutside(to)).toBe(outside);
  });

  it('climbing from any receiver reaches the top in a few steps', () => {
    for (const r of RECEIVERS) {
      let level: Receiver | null = r;
      let hops = 0;
      while (level !== null && hops < 10) {
        level = levelAbove(level);
        hops++;
      }
      expect(level).toBeNull();
      expect(hops).toBeLessThanOrEqual(3);
    }
  });
});

describe('plans and means', () => {
  it('the plan is ordered by deadline and each deadline is the opening plus its minutes', () => {
    const stepArb = fc.record({ to: fc.constantFrom(...RECEIVERS), withinMinutes: fc.integer({ min: 1, max: 7 * 24 * 60 }) });
    fc.assert(fc.property(fc.date({ min: at('2020-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z'), noInvalidDate: true }), fc.array(stepArb, { maxLength: 8 }), (opened, chain: ChainStep[]) => {
      const plan = escalationPlan(opened, chain);
      expect(plan).toHaveLength(chain.length);
      for (let i = 1; i < plan.length; i++) expect((plan[i]?.dueAt.getTime() ?? 0) >= (plan[i - 1]?.dueAt.getTime() ?? 0)).toBe(true);
      for (const p of plan) expect(chain.some((c) => c.to === p.to && opened.getTime() + c.withinMinutes * 60_000 === p.dueAt.getTime())).toBe(true);
    }));
  });

  it('minutes to a step and their mean', () => {
    expect(minutesTaken(at('2026-11-29T10:00:00Z'), at('2026-11-29T10:45:29Z'))).toBe(45);
    expect(minutesTaken(at('2026-11-29T10:00:00Z'), null)).toBeNull();
    expect(mean([30, 45, null, 60])).toBe(45);
    expect(mean([10, 15])).toBe(12.5);
    expect(mean([null])).toBeNull();
  });

  it('the custom chain of a bureau replaces the default', () => {
    const chains = defaultChains({ reportToTownMinutes: 30, reportToBureauMinutes: 90 });
    expect(chains.suspected_case[0]).toEqual({ to: 'town', withinMinutes: 30 });
    expect(chains.other).toEqual([{ to: 'town', withinMinutes: 180 }]);
  });

  it('an incident needs a summary and at most 200 people', () => {
    const base = { siteId: '0b6a6f3e-6a38-4c3f-9d52-2b2d3a9b7c11', type: 'suspected_case', summary: '发热伴咳嗽' };
    expect(CreateIncident.safeParse(base).success).toBe(true);
    expect(CreateIncident.safeParse({ ...base, summary: ' ' }).success).toBe(false);
    expect(CreateIncident.safeParse({ ...base, type: 'flood' }).success).toBe(false);
  });
});

describe('who acknowledges a step', () => {
  const town = { role: 'town_officer', nodeId: 't1', nodePath: '/b/t1/' };
  const otherTown = { role: 'town_officer', nodeId: 't2', nodePath: '/b/t2/' };
  const bureauOfficer = { role: 'bureau_officer', nodeId: 'b', nodePath: '/b/' };
  const admin = { role: 'bureau_admin', nodeId: 'b', nodePath: '/b/' };
  const manager = { role: 'site_manager', nodeId: 's1', nodePath: '/b/t1/s1/' };
  const bureauOfficerAtTown = { role: 'bureau_officer', nodeId: 't1', nodePath: '/b/t1/' };
  it.each([
    ['town officer of the town', [town], 'town', true],
    ['town officer of another town', [otherTown], 'town', false],
    ['the bureau for the town', [bureauOfficer], 'town', false],
    ['the site manager for the town', [manager], 'town', false],
    ['bureau officer', [bureauOfficer], 'bureau', true],
    ['bureau admin for the funeral affairs centre', [admin], 'funeral_affairs_centre', true],
    ['a bureau role bound below the root', [bureauOfficerAtTown], 'bureau', false],
    ['the town for the bureau', [town], 'bureau', false],
    ['anyone for the health department', [admin, town], 'health_department', false],
    ['anyone for the prefecture bureau', [admin], 'prefecture_bureau', false],
  ] as const)('%s → %s: %s', (_name, grants, receiver, allowed) => {
    expect(speaksFor(grants, receiver, 't1')).toBe(allowed);
  });
  it('no town: nobody speaks for it', () => {
    expect(speaksFor([town], 'town', null)).toBe(false);
  });
});
