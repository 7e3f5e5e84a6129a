import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@fangkong/domain';
import { buildTree, createUser, login, startTestApp, type TestEnv, type Tree } from './harness.js';

/**
 * The demonstration clock moves every "today" (issue 16): the day of each area's rules comes
 * from the one clock, so moving it a day forward moves rounds, coverage, due dates and stock
 * cover together, and moving it back restores them.
 */
let env: TestEnv;
let tree: Tree;
let cookie = '';

beforeAll(async () => {
  env = await startTestApp();
  tree = await buildTree(env.database);
  await createUser(env.database, 'clock-admin', [['bureau_admin', tree.bureau]]);
  cookie = await login(env.app, 'clock-admin');
});
afterAll(async () => {
  env.app.services.clock.reset();
  await env.close();
});

function areaDays(): Record<string, string> {
  const s = env.app.services;
  return {
    clock: s.clock.today(),
    policy: s.policy.today(),
    people: s.people.today(),
    monitoring: s.monitoring.today(),
    isolation: s.isolation.today(),
    visits: s.visits.today(),
    testing: s.testing.today(),
    sessions: s.sessions.today(),
    supplies: s.supplies.today(),
    incidents: s.incidents.today(),
  };
}

async function roundDay(): Promise<string> {
  const res = await env.app.inject({ url: `/api/sites/${tree.elder1.id}/rounds/today`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json<{ day: string }>().day;
}

async function coverageDay(): Promise<string> {
  const res = await env.app.inject({ url: '/api/coverage', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json<{ day: string }>().day;
}

describe('the clock every area reads', () => {
  it('gives every area the same today, and moving it a day moves them all', async () => {
    const { clock } = env.app.services;
    // Noon in Shanghai (the test app's zone) the next day: no day boundary falls between two reads.
    clock.advance(Date.parse(`${addDays(clock.today(), 1)}T12:00:00+08:00`) - clock.now().getTime());
    const before = areaDays();
    const today = env.app.services.clock.today();
    expect(new Set(Object.values(before))).toEqual(new Set([today]));
    expect(await roundDay()).toBe(today);
    expect(await coverageDay()).toBe(today);

    clock.advance(24 * 3_600_000);
    const tomorrow = addDays(today, 1);
    expect(new Set(Object.values(areaDays()))).toEqual(new Set([tomorrow]));
    expect(await roundDay()).toBe(tomorrow);
    expect(await coverageDay()).toBe(tomorrow);
    // The app's pages take their day from the same clock.
    const me = await env.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.json<{ user: { clockOffsetMs: number } }>().user.clockOffsetMs).toBe(clock.offsetMs);

    clock.advance(-24 * 3_600_000);
    expect(await roundDay()).toBe(today);
  });
});
