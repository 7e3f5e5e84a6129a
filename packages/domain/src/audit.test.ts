import { describe, expect, it } from 'vitest';
import { AuditQuery } from './audit.js';

describe('AuditQuery', () => {
  it('defaults limit to 100', () => {
    expect(AuditQuery.parse({})).toEqual({ limit: 100 });
  });

  it.each<{ limit: unknown; expected: number }>([
    { limit: '50', expected: 50 },
    { limit: 50, expected: 50 },
    { limit: '1', expected: 1 },
    { limit: '500', expected: 500 },
    { limit: 500, expected: 500 },
  ])('coerces limit $limit to $expected', ({ limit, expected }) => {
    expect(AuditQuery.parse({ limit }).limit).toBe(expected);
  });

  it.each<{ limit: unknown }>([
    { limit: 0 },
    { limit: '0' },
    { limit: 501 },
    { limit: '501' },
    { limit: -1 },
    { limit: 1.5 },
    { limit: 'ten' },
    { limit: '' },
  ])('refuses limit $limit', ({ limit }) => {
    expect(AuditQuery.safeParse({ limit }).success).toBe(false);
  });

  it('accepts the full set of filters', () => {
    const q = { actor: 'alice', action: 'org.create', outcome: 'denied', from: '2024-03-01', to: '2024-03-31', before: '12345', limit: '20' };
    expect(AuditQuery.parse(q)).toEqual({ ...q, limit: 20 });
  });

  it.each<{ name: string; input: Record<string, unknown> }>([
    { name: 'unknown key', input: { page: 2 } },
    { name: 'unknown outcome', input: { outcome: 'maybe' } },
    { name: 'from not a calendar date', input: { from: '2024-02-30' } },
    { name: 'to in the wrong format', input: { to: '2024/03/01' } },
    { name: 'before not an id', input: { before: 'abc' } },
    { name: 'before negative', input: { before: '-1' } },
    { name: 'actor over 64 characters', input: { actor: 'a'.repeat(65) } },
  ])('refuses $name', ({ input }) => {
    expect(AuditQuery.safeParse(input).success).toBe(false);
  });
});
