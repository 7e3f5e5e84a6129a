import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertByArrays } from '../src/db/arrays.js';
import { people } from '../src/db/schema.js';
import type { Database } from '../src/db/engine.js';
import { buildTree, freshDatabase, type Tree } from './harness.js';

/* The bulk insert by arrays must store what the query builder's insert would: values, defaults, nulls. */

let database: Database;
let drop: () => Promise<void>;
let tree: Tree;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  tree = await buildTree(database);
});
afterAll(async () => {
  await database.close();
  await drop();
});

describe('insertByArrays', () => {
  it('stores each row as given, a left-out column with a plain default takes it, an explicit null stays null, and the ids come back in order', async () => {
    const base = { siteId: tree.elder1.id, orgPath: tree.elder1.path, kind: 'resident' };
    const ids = await insertByArrays(database.db, people, [
      { ...base, name: '甲', nameInitials: 'j', status: 'on_leave', birthDate: '1940-02-29', room: '101' },
      { ...base, name: '乙', nameInitials: 'y', room: null },
      { ...base, name: '丙', nameInitials: 'b', idUnknown: true, joinedOn: '2024-01-01' },
    ]);
    expect(ids).toHaveLength(3);
    const rows = (await database.pool.query<{ id: string; name: string; status: string; birth_date: string | null; room: string | null; id_unknown: boolean; joined_on: string | null }>(
      'select id, name, status, birth_date, room, id_unknown, joined_on from people where id = any($1::uuid[])', [ids])).rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(ids.map((id) => byId.get(id)?.name)).toEqual(['甲', '乙', '丙']);
    expect(byId.get(ids[0] ?? '')).toMatchObject({ status: 'on_leave', birth_date: '1940-02-29', room: '101', id_unknown: false, joined_on: null });
    expect(byId.get(ids[1] ?? '')).toMatchObject({ status: 'present', birth_date: null, room: null, id_unknown: false });
    expect(byId.get(ids[2] ?? '')).toMatchObject({ status: 'present', id_unknown: true, joined_on: '2024-01-01' });
  });

  it('refuses rows that leave out a required column without a plain default, and writes nothing', async () => {
    const before = Number((await database.pool.query('select count(*) from people')).rows[0].count);
    await expect(insertByArrays(database.db, people, [
      { siteId: tree.elder1.id, orgPath: tree.elder1.path, kind: 'staff', name: '丁', nameInitials: 'd' },
      { siteId: tree.elder1.id, kind: 'staff', name: '戊', nameInitials: 'w' } as never,
    ])).rejects.toThrow(/org_path is required/);
    expect(Number((await database.pool.query('select count(*) from people')).rows[0].count)).toBe(before);
    expect(await insertByArrays(database.db, people, [])).toEqual([]);
  });
});
