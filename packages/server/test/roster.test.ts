import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, createUser, startTestApp, type TestEnv, type Tree } from './harness.js';
import { makeId } from './people-fixtures.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

let env: TestEnv;
let tree: Tree;

beforeAll(async () => {
  env = await startTestApp({ IMPORT_MAX_MB: '1' });
  tree = await buildTree(env.database);
  await createUser(env.database, 'manager1', [['site_manager', tree.elder1]]);
  await env.signIn('manager1');
});
afterAll(async () => env.close());

function upload(file: Buffer | string, filename: string, mode: 'preview' | 'commit', onlyValid = false, siteId = tree.elder1.id) {
  return env.as('manager1').upload(`/api/people/import?siteId=${siteId}&mode=${mode}&onlyValid=${onlyValid}&filename=${encodeURIComponent(filename)}`, file);
}

async function count(): Promise<number> {
  return (await env.database.pool.query('select count(*)::int as n from people')).rows[0].n;
}

describe.each([
  ['roster-libreoffice.xlsx'],
  ['roster-handmade.xlsx'],
  ['roster-gbk.csv'],
  ['roster-utf8-bom.csv'],
])('preview of %s', (name) => {
  it('reads every row, maps the Chinese headers and flags the two bad rows', async () => {
    const before = await count();
    const res = await upload(fixture(name), name, 'preview');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect({ total: p.total, valid: p.valid, invalid: p.invalid }).toEqual({ total: 6, valid: 4, invalid: 2 });
    expect(p.columns.map((c: { field: string | null }) => c.field)).toEqual(['name', 'sex', 'birthDate', 'idNumber', 'phone', 'kind', 'post', 'room', 'joinedOn']);
    const byRow = new Map((p.rows as { row: number; values: Record<string, string | null>; errors: { path: string; message: string }[] }[]).map((r) => [r.row, r]));
    expect(byRow.get(2)?.values.name).toBe('林秀英');
    expect(byRow.get(2)?.values.joinedOn).toMatch(/2023-0?3-0?1/);
    expect(byRow.get(6)?.errors).toEqual([{ path: 'row 6.idNumber', message: expect.stringContaining('校验位') }]);
    expect(byRow.get(7)?.errors).toEqual([{ path: 'row 7.phone', message: expect.stringContaining('手机号') }]);
    // The preview, too, masks.
    expect(byRow.get(2)?.values.idNumber).toBe('350102********0029');
    expect(res.body).not.toContain('350102193805120029');
    expect(await count()).toBe(before);
  });
});

describe('commit', () => {
  it('all-or-nothing refuses a file with bad rows and writes nothing', async () => {
    const before = await count();
    const res = await upload(fixture('roster-gbk.csv'), 'roster-gbk.csv', 'commit', false);
    expect(res.statusCode).toBe(400);
    expect((res.json().error.fields as { path: string }[]).map((f) => f.path)).toEqual(['row 6.idNumber', 'row 7.phone']);
    expect(await count()).toBe(before);
  });

  it('imports the valid rows only when asked, in one go, audited', async () => {
    const res = await upload(fixture('roster-libreoffice.xlsx'), 'roster-libreoffice.xlsx', 'commit', true);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 4, skipped: 2 });
    const list = await env.as('manager1').get(`/api/people?siteId=${tree.elder1.id}`);
    const people = list.json().people as { name: string; kind: string; post: string | null; idNumber: string; joinedOn: string; flags: object }[];
    expect(people.map((p) => p.name).sort()).toEqual(['林秀英', '陈德明', '郑建国', '黄丽华'].sort());
    expect(people.find((p) => p.name === '黄丽华')).toMatchObject({ kind: 'staff', post: '护理员', joinedOn: '2020-06-01' });
    expect(people.every((p) => /\*{8}/.test(p.idNumber))).toBe(true);
    expect(people.every((p) => JSON.stringify(p.flags) === '{"sexMismatch":false,"birthDateMismatch":false}')).toBe(true);
    const audit = await env.database.pool.query(`select detail from audit_log where action = 'person.import'`);
    expect(audit.rows[0].detail).toMatchObject({ imported: 4, skipped: 2 });
  });

  it('a second import of the same people is refused row by row as already registered', async () => {
    // The first import, unless the test above has made it.
    if ((await count()) === 0) expect((await upload(fixture('roster-libreoffice.xlsx'), 'roster-libreoffice.xlsx', 'commit', true)).statusCode).toBe(200);
    const res = await upload(fixture('roster-handmade.xlsx'), 'roster-handmade.xlsx', 'preview');
    expect(res.json().valid).toBe(0);
    const row2 = (res.json().rows as { row: number; errors: { message: string }[] }[]).find((r) => r.row === 2);
    expect(row2?.errors[0]?.message).toContain('已在“一号镇敬老院”登记');
  });

  it('the same number twice in one file is flagged', async () => {
    const id = makeId('110101', '20000101', 1);
    const csv = `姓名,身份证号\n甲,${id}\n乙,${id.toLowerCase()}\n`;
    const res = await upload(Buffer.from(csv), 'dup.csv', 'preview');
    const rows = res.json().rows as { row: number; errors: { message: string }[] }[];
    expect(rows.find((r) => r.row === 3)?.errors[0]?.message).toContain('重复');
    expect(rows.find((r) => r.row === 2)?.errors).toEqual([]);
  });
});

describe('files that are not rosters', () => {
  it.each([
    ['broken.xlsx', '损坏'],
    ['empty.csv', '空'],
    ['headers-only.csv', '只有表头'],
  ])('%s → 400 with the reason, nothing written', async (name, words) => {
    const before = await count();
    const res = await upload(fixture(name), name, 'commit', true);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'file', message: expect.stringContaining(words) });
    expect(await count()).toBe(before);
  });

  it('a PNG named .csv has no name column → 400', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const res = await upload(png, 'photo.csv', 'preview');
    expect(res.statusCode).toBe(400);
  });

  it('an old .xls is refused with advice', async () => {
    const res = await upload(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls', 'preview');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toContain('.xlsx');
  });

  it('a file over the size limit → 413', async () => {
    const res = await upload(Buffer.alloc(1024 * 1024 + 10, 0x41), 'big.csv', 'preview');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('a site outside the caller\'s scope → 404', async () => {
    const res = await upload(fixture('roster-gbk.csv'), 'roster-gbk.csv', 'preview', false, tree.elder2.id);
    expect(res.statusCode).toBe(404);
  });
});
