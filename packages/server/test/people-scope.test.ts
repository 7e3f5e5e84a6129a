import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Keyring } from '../src/pii/keyring.js';
import { resealAll } from '../src/pii/rotate.js';
import { buildTree, createUser, newPerson, startTestApp, TEST_PII_KEY_ID, TEST_PII_MASTER, type Client, type TestEnv, type Tree, type TreeNode } from './harness.js';
import { makeId } from './people-fixtures.js';

/**
 * Scope over every people endpoint. The town officer of town 1 is the caller; people live at
 * their own town's community (own subtree), in its grid (child), at town 2 (sibling / other
 * town) and at the bureau level cannot exist, so "parent" is a site under the bureau's other town.
 */
let env: TestEnv;
let tree: Tree;
let officer: Client;
const person: Record<string, string> = {};

/** A person registered by the admin (each type of site registers its own kinds of people); answers the id. */
const add = async (site: TreeNode, name: string, seq: number, gridNodeId?: string) => (await newPerson(env, site, {
  name, kind: site.id === tree.comm1.id ? 'community_resident' : 'resident', idNumber: makeId('350102', '19600101', seq), ...(gridNodeId ? { gridNodeId } : {}),
})).id;

/** The names of everyone registered under the caller's compound, whichever test added them. */
const namesUnderCompound = async () => (await env.database.pool.query<{ name: string }>(
  'select name from people where org_path like $1', [`${tree.compound1.path}%`])).rows.map((r) => r.name).sort();

beforeAll(async () => {
  env = await startTestApp();
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await createUser(env.database, 'grid1', [['grid_worker', tree.compound1]]);
  await env.signIn('admin', 'grid1');
  officer = env.as('grid1');
  // The caller is the grid worker of compound 1: own = compound 1, child = building 1,
  // parent = the community, sibling = the other site of town 1, other town = town 2.
  person.own = await add(tree.comm1, '本小区', 1, tree.compound1.id);
  person.child = await add(tree.comm1, '本楼栋', 2, tree.building1.id);
  person.parent = await add(tree.comm1, '社区直属', 3);
  person.sibling = await add(tree.elder1, '同镇他院', 4);
  person.otherTown = await add(tree.elder2, '他镇', 5);
});
afterAll(async () => env.close());

const INSIDE = new Set(['own', 'child']);
const RELATIONS = ['own', 'child', 'parent', 'sibling', 'otherTown'];

describe('people endpoints by relation to a grid worker of one compound', () => {
  it('GET /api/people lists only the subtree', async () => {
    const res = await officer.get('/api/people?limit=500');
    const inside = await namesUnderCompound();
    expect(inside).toEqual(expect.arrayContaining(['本小区', '本楼栋']));
    expect((res.json().people as { name: string }[]).map((p) => p.name).sort()).toEqual(inside);
    expect(res.json().total).toBe(inside.length);
  });

  it.each(RELATIONS)('GET /api/people/:id — %s', async (rel) => {
    const res = await officer.get(`/api/people/${person[rel]}`);
    expect(res.statusCode).toBe(INSIDE.has(rel) ? 200 : 404);
  });

  it.each(RELATIONS)('PATCH /api/people/:id — %s', async (rel) => {
    const res = await officer.patch(`/api/people/${person[rel]}`, { notes: '走访' });
    expect(res.statusCode).toBe(INSIDE.has(rel) ? 200 : 404);
  });

  it.each(RELATIONS)('POST /api/people/:id/reveal — %s (a grid worker may not reveal: 403 inside, 404 outside)', async (rel) => {
    const res = await officer.post(`/api/people/${person[rel]}/reveal`);
    expect(res.statusCode).toBe(INSIDE.has(rel) ? 403 : 404);
  });

  it.each([
    ['compound', () => tree.compound1, 400],
    ['community (parent)', () => tree.comm1, 404],
    ['sibling site', () => tree.elder1, 404],
    ['other town', () => tree.elder2, 404],
  ] as const)('POST /api/people at the %s', async (_l, site, status) => {
    const res = await officer.post('/api/people', { siteId: site().id, name: '新人', kind: 'community_resident', idNumber: makeId('350102', '19700101', 77) });
    expect(res.statusCode).toBe(status);
  });

  it('POST /api/people into the own grid cell of the community works', async () => {
    const res = await officer.post('/api/people', {
      siteId: tree.comm1.id, gridNodeId: tree.building1.id, name: '新住户', kind: 'community_resident', idNumber: makeId('350102', '19700101', 79),
    });
    expect(res.statusCode).toBe(201);
  });

  it('GET /api/people/export carries only the subtree', async () => {
    const res = await officer.get('/api/people/export');
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0]?.eachRow((r, n) => {
      if (n > 1) names.push(r.getCell(2).text);
    });
    const inside = await namesUnderCompound();
    expect(inside).toEqual(expect.arrayContaining(['本小区', '本楼栋']));
    expect(names.sort()).toEqual(inside);
  });

  it('POST /api/people/import into a site outside → 404', async () => {
    const res = await officer.upload(`/api/people/import?siteId=${tree.elder2.id}&mode=preview`, Buffer.from('姓名\n甲\n'));
    expect(res.statusCode).toBe(404);
  });
});

describe('key rotation', () => {
  it('re-seals every value under a new key; look-ups keep working with the new key alone', async () => {
    const next = randomBytes(32);
    // A ring that opens both, seals with the new one.
    const both = new Keyring('next', new Map([['next', next], [TEST_PII_KEY_ID, TEST_PII_MASTER]]));
    const sealed = (await env.database.pool.query<{ n: number }>(
      'select count(*)::int as n from people where id_enc is not null or phone_enc is not null or emergency_phone_enc is not null')).rows[0]?.n;
    const { rows, resealed } = await resealAll(env.database.db, both, 2);
    // Every sealed record, over several pages of two (five were registered before the tests).
    expect(rows).toBe(sealed);
    expect(rows).toBeGreaterThanOrEqual(5);
    expect(resealed).toBe(rows);
    const onlyNew = new Keyring('next', new Map([['next', next]]));
    const stored = (await env.database.pool.query<{ id_enc: string; id_hash: string }>(`select id_enc, id_hash from people where name = '他镇'`)).rows[0];
    expect(onlyNew.open(stored?.id_enc ?? '')).toBe(makeId('350102', '19600101', 5));
    expect(stored?.id_hash).toBe(onlyNew.hash(makeId('350102', '19600101', 5)));
    // Nothing is left sealed with the old key.
    const left = await env.database.pool.query(`select count(*)::int as n from people where id_enc like $1`, [`v1.${TEST_PII_KEY_ID}.%`]);
    expect(left.rows[0].n).toBe(0);
  });
});
