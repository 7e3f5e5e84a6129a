import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canAttach,
  coversDay,
  CreateOrgNode,
  CreateRiskArea,
  IsoDate,
  mapRiskHeaders,
  maxRisk,
  readRiskLevel,
  RISK_IMPORT_FIELDS,
  RISK_IMPORT_TEMPLATE_HEADERS,
  riskAreaStatus,
  type RiskAreaStatus,
  UpdateRiskArea,
  type NodeKind,
  NODE_KINDS,
  RISK_LEVELS,
  type RiskLevel,
  SITE_TYPES,
  type SiteType,
  UpdateOrgNode,
} from './org.js';

const PARENT_ID = '0b6f8a6e-2f0c-4c9a-9d55-3f5a1f2b7c11';
const NODE_ID = '5d1a7c1e-8b4f-4f7e-a0f3-6c2d9e8b4a22';

describe('canAttach', () => {
  it.each<{ parent: NodeKind; siteType: SiteType | null; child: NodeKind; ok: boolean }>([
    { parent: 'bureau', siteType: null, child: 'town', ok: true },
    { parent: 'town', siteType: null, child: 'site', ok: true },
    { parent: 'site', siteType: 'community', child: 'compound', ok: true },
    { parent: 'site', siteType: 'elderly_care', child: 'compound', ok: false },
    { parent: 'site', siteType: 'child_welfare', child: 'compound', ok: false },
    { parent: 'site', siteType: 'funeral', child: 'compound', ok: false },
    { parent: 'site', siteType: 'rescue_station', child: 'compound', ok: false },
    { parent: 'site', siteType: null, child: 'compound', ok: false },
    { parent: 'compound', siteType: null, child: 'building', ok: true },
    { parent: 'bureau', siteType: null, child: 'site', ok: false },
    { parent: 'bureau', siteType: null, child: 'bureau', ok: false },
    { parent: 'town', siteType: null, child: 'town', ok: false },
    { parent: 'town', siteType: null, child: 'compound', ok: false },
    { parent: 'site', siteType: 'community', child: 'site', ok: false },
    { parent: 'site', siteType: 'community', child: 'building', ok: false },
    { parent: 'compound', siteType: null, child: 'compound', ok: false },
  ])('$child under $parent ($siteType) → $ok', ({ parent, siteType, child, ok }) => {
    expect(canAttach({ kind: parent, siteType }, { kind: child })).toBe(ok);
  });

  it.each(NODE_KINDS)('nothing attaches under a building: %s refused', (child) => {
    expect(canAttach({ kind: 'building', siteType: null }, { kind: child })).toBe(false);
  });

  it.each(NODE_KINDS)('a bureau never attaches under a %s', (parent) => {
    for (const st of [null, ...SITE_TYPES]) expect(canAttach({ kind: parent, siteType: st }, { kind: 'bureau' })).toBe(false);
  });
});

describe('maxRisk', () => {
  it.each<{ levels: RiskLevel[]; expected: RiskLevel }>([
    { levels: [], expected: 'low' },
    { levels: ['low'], expected: 'low' },
    { levels: ['medium'], expected: 'medium' },
    { levels: ['high'], expected: 'high' },
    { levels: ['low', 'medium'], expected: 'medium' },
    { levels: ['medium', 'low'], expected: 'medium' },
    { levels: ['high', 'low', 'medium'], expected: 'high' },
    { levels: ['low', 'low', 'high'], expected: 'high' },
    { levels: ['medium', 'medium'], expected: 'medium' },
  ])('$levels → $expected', ({ levels, expected }) => {
    expect(maxRisk(levels)).toBe(expected);
  });

  it('is the highest element, independent of order', () => {
    const arbLevels = fc.array(fc.constantFrom(...RISK_LEVELS));
    fc.assert(
      fc.property(arbLevels, (levels) => {
        const r = maxRisk(levels);
        const rank = (l: RiskLevel): number => RISK_LEVELS.indexOf(l);
        for (const l of levels) expect(rank(r)).toBeGreaterThanOrEqual(rank(l));
        if (levels.length > 0) expect(levels).toContain(r);
        expect(maxRisk([...levels].reverse())).toBe(r);
        expect(maxRisk([...levels, 'low'])).toBe(r);
      }),
    );
  });
});

describe('coversDay', () => {
  it.each<{ from: string; to: string | null; day: string; covered: boolean }>([
    { from: '2024-03-01', to: '2024-03-10', day: '2024-02-29', covered: false },
    { from: '2024-03-01', to: '2024-03-10', day: '2024-03-01', covered: true },
    { from: '2024-03-01', to: '2024-03-10', day: '2024-03-05', covered: true },
    { from: '2024-03-01', to: '2024-03-10', day: '2024-03-10', covered: true },
    { from: '2024-03-01', to: '2024-03-10', day: '2024-03-11', covered: false },
    { from: '2024-03-01', to: '2024-03-01', day: '2024-03-01', covered: true },
    { from: '2024-03-01', to: null, day: '2024-02-29', covered: false },
    { from: '2024-03-01', to: null, day: '2024-03-01', covered: true },
    { from: '2024-03-01', to: null, day: '2099-12-31', covered: true },
    { from: '2024-12-31', to: '2025-01-01', day: '2025-01-01', covered: true },
  ])('[$from, $to] covers $day: $covered', ({ from, to, day, covered }) => {
    expect(coversDay({ effectiveFrom: from, effectiveTo: to }, day)).toBe(covered);
  });
});

describe('IsoDate', () => {
  it.each<{ s: string; ok: boolean }>([
    { s: '2024-02-29', ok: true },
    { s: '2024-12-31', ok: true },
    { s: '2000-02-29', ok: true },
    { s: '2023-02-29', ok: false },
    { s: '1900-02-29', ok: false },
    { s: '2024-04-31', ok: false },
    { s: '2024-13-01', ok: false },
    { s: '2024-00-10', ok: false },
    { s: '2024-01-00', ok: false },
    { s: '2024-1-01', ok: false },
    { s: '2024-01-1', ok: false },
    { s: '24-01-01', ok: false },
    { s: '2024/01/01', ok: false },
    { s: '2024-01-01T00:00:00Z', ok: false },
    { s: ' 2024-01-01', ok: false },
    { s: '', ok: false },
  ])('"$s" → $ok', ({ s, ok }) => {
    expect(IsoDate.safeParse(s).success).toBe(ok);
  });

  it('refuses non-strings', () => {
    expect(IsoDate.safeParse(20240101).success).toBe(false);
    expect(IsoDate.safeParse(new Date('2024-01-01')).success).toBe(false);
  });

  it('accepts every calendar day between 1970 and 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 47_846 }), (offset) => {
        const s = new Date(offset * 86_400_000).toISOString().slice(0, 10);
        expect(IsoDate.safeParse(s).success).toBe(true);
      }),
    );
  });
});

describe('CreateOrgNode', () => {
  const site = { parentId: PARENT_ID, kind: 'site', siteType: 'community', name: 'Xinghua Community' };

  it('accepts a site with a site type', () => {
    expect(CreateOrgNode.parse(site)).toEqual(site);
  });

  it.each(['town', 'compound', 'building'] as const)('accepts a %s without a site type', (kind) => {
    expect(CreateOrgNode.safeParse({ parentId: PARENT_ID, kind, name: 'N' }).success).toBe(true);
  });

  it('refuses a site without a site type, pointing at siteType', () => {
    const r = CreateOrgNode.safeParse({ parentId: PARENT_ID, kind: 'site', name: 'X' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path)).toContainEqual(['siteType']);
  });

  it.each(['town', 'compound', 'building'] as const)('refuses a %s with a site type', (kind) => {
    const r = CreateOrgNode.safeParse({ parentId: PARENT_ID, kind, siteType: 'community', name: 'X' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path)).toContainEqual(['siteType']);
  });

  it.each<{ name: string; input: Record<string, unknown> }>([
    { name: 'unknown key', input: { ...site, path: '/b/' } },
    { name: 'unknown site type', input: { ...site, siteType: 'hospital' } },
    { name: 'unknown kind', input: { ...site, kind: 'district', siteType: undefined } },
    { name: 'parentId not a uuid', input: { ...site, parentId: 'root' } },
    { name: 'missing parentId', input: { kind: 'town', name: 'T' } },
    { name: 'empty name', input: { ...site, name: '' } },
    { name: 'blank name', input: { ...site, name: '   ' } },
    { name: 'missing name', input: { parentId: PARENT_ID, kind: 'town' } },
    { name: 'name over 100 characters', input: { ...site, name: 'x'.repeat(101) } },
    { name: 'code with a space', input: { ...site, code: 'A 1' } },
    { name: 'code over 40 characters', input: { ...site, code: 'A'.repeat(41) } },
    { name: 'address over 200 characters', input: { ...site, address: 'a'.repeat(201) } },
  ])('refuses $name', ({ input }) => {
    expect(CreateOrgNode.safeParse(input).success).toBe(false);
  });

  it('trims name, code and address', () => {
    const r = CreateOrgNode.parse({ ...site, name: '  Xinghua  ', code: ' XH-01 ', address: ' 1 Main St ' });
    expect(r.name).toBe('Xinghua');
    expect(r.code).toBe('XH-01');
    expect(r.address).toBe('1 Main St');
  });

  it('counts the 100-character name limit after trimming', () => {
    expect(CreateOrgNode.safeParse({ ...site, name: ` ${'x'.repeat(100)} ` }).success).toBe(true);
  });

  it('UpdateOrgNode is strict and allows clearing code and address', () => {
    expect(UpdateOrgNode.parse({ code: null, address: null })).toEqual({ code: null, address: null });
    expect(UpdateOrgNode.safeParse({ kind: 'town' }).success).toBe(false);
    expect(UpdateOrgNode.safeParse({ name: ' ' }).success).toBe(false);
  });
});

describe('CreateRiskArea', () => {
  const area = { regionName: 'Yingze District', level: 'medium', effectiveFrom: '2024-03-01' };

  it.each<{ name: string; input: Record<string, unknown>; ok: boolean }>([
    { name: 'open-ended', input: area, ok: true },
    { name: 'explicit null end', input: { ...area, effectiveTo: null }, ok: true },
    { name: 'bound to a node', input: { ...area, nodeId: NODE_ID }, ok: true },
    { name: 'one-day range', input: { ...area, effectiveTo: '2024-03-01' }, ok: true },
    { name: 'end after start', input: { ...area, effectiveTo: '2024-03-15' }, ok: true },
    { name: 'end before start', input: { ...area, effectiveTo: '2024-02-29' }, ok: false },
    { name: 'end a year before start', input: { ...area, effectiveTo: '2023-03-01' }, ok: false },
    { name: 'invalid end date', input: { ...area, effectiveTo: '2024-02-30' }, ok: false },
    { name: 'unknown level', input: { ...area, level: 'critical' }, ok: false },
    { name: 'unknown key', input: { ...area, id: NODE_ID }, ok: false },
    { name: 'blank region name', input: { ...area, regionName: '  ' }, ok: false },
    { name: 'note over 500 characters', input: { ...area, note: 'n'.repeat(501) }, ok: false },
  ])('$name → $ok', ({ input, ok }) => {
    expect(CreateRiskArea.safeParse(input).success).toBe(ok);
  });

  it('reports a backwards range on effectiveTo', () => {
    const r = CreateRiskArea.safeParse({ ...area, effectiveTo: '2024-02-01' });
    expect(r.error?.issues.map((i) => i.path)).toEqual([['effectiveTo']]);
  });
});

describe('riskAreaStatus', () => {
  it.each<{ from: string; to: string | null; day: string; status: RiskAreaStatus }>([
    { from: '2026-12-01', to: null, day: '2026-11-30', status: 'upcoming' },
    { from: '2026-12-01', to: null, day: '2026-12-01', status: 'current' },
    { from: '2026-12-01', to: null, day: '2030-01-01', status: 'current' },
    { from: '2026-12-01', to: '2026-12-10', day: '2026-11-30', status: 'upcoming' },
    { from: '2026-12-01', to: '2026-12-10', day: '2026-12-05', status: 'current' },
    // The last day is still in force.
    { from: '2026-12-01', to: '2026-12-10', day: '2026-12-10', status: 'current' },
    { from: '2026-12-01', to: '2026-12-10', day: '2026-12-11', status: 'ended' },
    // Ended on the day it began: in force that one day.
    { from: '2026-12-01', to: '2026-12-01', day: '2026-12-01', status: 'current' },
    { from: '2026-12-01', to: '2026-12-01', day: '2026-12-02', status: 'ended' },
  ])('[$from, $to] on $day is $status', ({ from, to, day, status }) => {
    expect(riskAreaStatus({ effectiveFrom: from, effectiveTo: to }, day)).toBe(status);
  });

  it('is current exactly when the entry covers the day', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2026, 10, 1 + n)).toISOString().slice(0, 10));
    fc.assert(fc.property(day, day, fc.option(day, { nil: null }), (from, on, to) => {
      const entry = { effectiveFrom: from, effectiveTo: to };
      expect(riskAreaStatus(entry, on) === 'current').toBe(coversDay(entry, on));
    }));
  });
});

describe('UpdateRiskArea', () => {
  it('takes an end, a level, a note or nothing, and refuses anything else', () => {
    expect(UpdateRiskArea.safeParse({ effectiveTo: '2026-12-10' }).success).toBe(true);
    expect(UpdateRiskArea.safeParse({ effectiveTo: null, level: 'high', note: null }).success).toBe(true);
    expect(UpdateRiskArea.safeParse({}).success).toBe(true);
    expect(UpdateRiskArea.safeParse({ effectiveFrom: '2026-12-10' }).success).toBe(false);
    expect(UpdateRiskArea.safeParse({ effectiveTo: '2026-02-30' }).success).toBe(false);
    expect(UpdateRiskArea.safeParse({ level: 'extreme' }).success).toBe(false);
  });
});

describe('risk-area sheets', () => {
  it('map Chinese and English headers, each field once', () => {
    expect(mapRiskHeaders(['地区', '风险等级', '起始日期', '结束日期', '备注'])).toEqual([...RISK_IMPORT_FIELDS]);
    expect(mapRiskHeaders(['Region', 'Level', 'From', 'To', 'Note'])).toEqual([...RISK_IMPORT_FIELDS]);
    expect(mapRiskHeaders([' 地区* ', '序号', '地区', '风险等级'])).toEqual(['regionName', null, null, 'level']);
    expect(mapRiskHeaders(RISK_IMPORT_TEMPLATE_HEADERS)).toEqual([...RISK_IMPORT_FIELDS]);
  });

  it.each<[string, RiskLevel | undefined]>([
    ['高', 'high'], ['高风险', 'high'], [' High ', 'high'], ['中', 'medium'], ['中风险地区', 'medium'], ['medium', 'medium'],
    ['低', 'low'], ['LOW', 'low'], ['极高', undefined], ['', undefined],
  ])('reads the level %j as %s', (raw, level) => {
    expect(readRiskLevel(raw)).toBe(level);
  });
});
