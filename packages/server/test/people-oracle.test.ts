import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_CHECKS_PAUSED, ID_NOT_REGISTRABLE } from '@fangkong/domain';
import { buildTree, createUser, startTestApp, type TestEnv, type Tree } from './harness.js';
import { makeId } from './people-fixtures.js';

/*
 * The one-registration rule is not an oracle over the city (§15 PIPL; issue 15 item 7). Forty
 * people live at town 1's elderly-care home; managers of town 2's home try their numbers. Each
 * test uses its own account, since the budget (here 3 an hour, 10 a day) is per account.
 */
let env: TestEnv;
let tree: Tree;
let adminId: string;
const ELSEWHERE = Array.from({ length: 40 }, (_, i) => makeId('350102', '19500101', i + 1));
const fresh = (seq: number) => makeId('350102', '19700101', seq);

beforeAll(async () => {
  env = await startTestApp({ ID_PROBE_PER_HOUR: '3', ID_PROBE_PER_DAY: '10' });
  tree = await buildTree(env.database);
  adminId = await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  for (const name of ['single', 'repeat', 'burst', 'patch', 'small', 'big', 'racer']) await createUser(env.database, name, [['site_manager', tree.elder2]]);
  await env.signIn('admin', 'officer1', 'single', 'repeat', 'burst', 'patch', 'small', 'big', 'racer');
  const csv = `姓名,身份证号\n${ELSEWHERE.map((id, i) => `老人${i + 1},${id}`).join('\n')}\n`;
  const res = await upload('admin', tree.elder1.id, csv, 'commit');
  if (res.statusCode !== 200) throw new Error(res.body);
});
afterAll(async () => env.close());

function create(who: string, siteId: string, idNumber: string) {
  // The kind a person of that site is: a community registers community residents.
  return env.as(who).post('/api/people', { siteId, name: '新人', kind: siteId === tree.comm1.id ? 'community_resident' : 'resident', idNumber });
}

function upload(who: string, siteId: string, csv: string, mode: 'preview' | 'commit') {
  return env.as(who).upload(`/api/people/import?siteId=${siteId}&mode=${mode}&onlyValid=true&filename=roster.csv`, Buffer.from(csv));
}

const rosterOf = (ids: string[]) => `姓名,身份证号\n${ids.map((id, i) => `甲${i},${id}`).join('\n')}\n`;

async function personIdOf(idNumber: string): Promise<string> {
  const i = ELSEWHERE.indexOf(idNumber);
  const r = await env.database.pool.query<{ id: string }>('select id from people where name = $1', [`老人${i + 1}`]);
  return r.rows[0]?.id ?? '';
}

async function conflictsOf(username: string) {
  return (await env.database.pool.query<{ target_id: string; outcome: string; node_path: string; detail: Record<string, unknown> }>(
    `select target_id, outcome, node_path, detail from audit_log where actor_name = $1 and action = 'person.id_conflict' order by id`, [username])).rows;
}

async function bureauBells(): Promise<{ kind: string; title: string; text: string }[]> {
  return (await env.database.pool.query('select kind, title, text from user_notifications where user_id = $1 and kind = $2', [adminId, 'id_probe_stopped'])).rows;
}

/** Nothing in an answer about the other town's record: not its site, town, person or number. */
function expectNothingOf(body: string, idNumber?: string) {
  for (const word of ['一号镇', tree.elder1.id, tree.town1.id, '老人']) expect(body).not.toContain(word);
  if (idNumber) expect(body).not.toContain(idNumber);
}

describe('a number registered inside the caller\'s jurisdiction', () => {
  it('is refused naming its site, and costs no budget', async () => {
    const res = await create('officer1', tree.comm1.id, ELSEWHERE[0] ?? '');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('一号镇敬老院');
    expect(await conflictsOf('officer1')).toEqual([]);
  });
});

describe('a number registered outside the caller\'s jurisdiction', () => {
  it('is refused with the neutral answer in both languages, and audited without the number', async () => {
    const id = ELSEWHERE[1] ?? '';
    const zh = await create('single', tree.elder2.id, id);
    expect(zh.statusCode).toBe(409);
    expect(zh.json().error).toMatchObject({ code: 'conflict', message: ID_NOT_REGISTRABLE['zh-CN'] });
    expectNothingOf(zh.body, id);
    const en = await env.as('single').post('/api/people', { siteId: tree.elder2.id, name: 'New', kind: 'resident', idNumber: id }, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe(ID_NOT_REGISTRABLE.en);
    const audit = await conflictsOf('single');
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ target_id: await personIdOf(id), outcome: 'denied', node_path: tree.elder2.path, detail: { via: 'create', answered: true } });
    const all = await env.database.pool.query(`select row_to_json(a)::text as entry from audit_log a where actor_name = 'single'`);
    for (const r of all.rows) expect(r.entry).not.toContain(id.slice(6, 14));
    expect(await env.database.pool.query(`select 1 from people where site_id = $1`, [tree.elder2.id]).then((r) => r.rowCount)).toBe(0);
  });

  it('asked again and again about one record counts it once: the account is not stopped', async () => {
    for (let i = 0; i < 5; i++) expect((await create('repeat', tree.elder2.id, ELSEWHERE[2] ?? '')).statusCode).toBe(409);
    expect((await create('repeat', tree.elder2.id, fresh(1))).statusCode).toBe(201);
  });

  it('a changed number on an existing record is checked the same way', async () => {
    const mine = await create('patch', tree.elder2.id, fresh(2));
    expect(mine.statusCode).toBe(201);
    const res = await env.as('patch').patch(`/api/people/${mine.json().person.id}`, { idNumber: ELSEWHERE[3] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(ID_NOT_REGISTRABLE['zh-CN']);
    expect(await conflictsOf('patch')).toMatchObject([{ detail: { via: 'update' } }]);
  });
});

describe('a burst from one account', () => {
  it('is stopped once the budget is spent, whatever the next number is, and the bureau is told once', async () => {
    const registered = async () => (await env.database.pool.query(`select 1 from people where site_id = $1`, [tree.elder2.id])).rowCount;
    const before = await registered();
    for (const id of ELSEWHERE.slice(4, 7)) expect((await create('burst', tree.elder2.id, id)).statusCode).toBe(409);
    const bells = await bureauBells();
    expect(bells).toHaveLength(1);
    expect(bells[0]?.text).toContain('burst');
    // A free number is refused too: the refusal says nothing about what is registered.
    for (const id of [fresh(3), ELSEWHERE[7] ?? '']) {
      const res = await create('burst', tree.elder2.id, id);
      expect(res.statusCode).toBe(429);
      expect(res.json().error).toMatchObject({ code: 'rate_limited', message: ID_CHECKS_PAUSED['zh-CN'], fields: [{ path: 'body.idNumber' }] });
    }
    expect(await registered()).toBe(before);
    const refused = await env.database.pool.query(`select count(*)::int as n from audit_log where actor_name = 'burst' and action = 'person.id_check' and outcome = 'denied'`);
    expect(refused.rows[0].n).toBe(2);
    expect(await bureauBells()).toHaveLength(1);
    // The bureau admin reads it in their bell.
    const list = await env.as('admin').get('/api/notifications');
    expect(JSON.stringify(list.json())).toContain('burst');
  });
});

describe('a roster preview', () => {
  it('within the budget marks the rows with the neutral reason only', async () => {
    const res = await upload('small', tree.elder2.id, rosterOf([ELSEWHERE[10] ?? '', fresh(10), ELSEWHERE[11] ?? '', fresh(11)]), 'preview');
    expect(res.statusCode).toBe(200);
    const p: { valid: number; rows: { row: number; errors: { path: string; message: string }[] }[] } = res.json();
    expect(p.valid).toBe(2);
    expect(p.rows.filter((r) => r.errors.length > 0).map((r) => r.errors)).toEqual([
      [{ path: 'row 2.idNumber', message: ID_NOT_REGISTRABLE['zh-CN'] }],
      [{ path: 'row 4.idNumber', message: ID_NOT_REGISTRABLE['zh-CN'] }],
    ]);
    expectNothingOf(res.body);
    expect(await conflictsOf('small')).toHaveLength(2);
  });

  it('of many numbers registered elsewhere tells nothing row by row: refused whole, audited, the bureau told', async () => {
    const before = (await bureauBells()).length;
    const ids = [...ELSEWHERE.slice(12, 32), fresh(20), fresh(21)];
    const res = await upload('big', tree.elder2.id, rosterOf(ids), 'preview');
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: 'rate_limited', fields: [{ path: 'file' }] });
    expect(res.body).not.toContain('row ');
    expectNothingOf(res.body);
    for (const id of ids) expect(res.body).not.toContain(id.slice(-4));
    const audit = await conflictsOf('big');
    expect(audit).toHaveLength(20);
    expect(audit.every((a) => a.detail.via === 'import' && a.detail.answered === false)).toBe(true);
    expect(await bureauBells()).toHaveLength(before + 1);
    // The account is now stopped: a clean file is not checked either.
    const clean = await upload('big', tree.elder2.id, rosterOf([fresh(22)]), 'preview');
    expect(clean.statusCode).toBe(429);
    const commit = await upload('big', tree.elder2.id, rosterOf([fresh(22)]), 'commit');
    expect(commit.statusCode).toBe(429);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('at the same moment (PostgreSQL)', () => {
  it('eight numbers from elsewhere sent at once answer no more than the budget: the rest are refused unanswered', async () => {
    const before = (await bureauBells()).length;
    const answers = await Promise.all(ELSEWHERE.slice(32, 40).map((id) => create('racer', tree.elder2.id, id)));
    const codes = answers.map((r) => r.statusCode).sort();
    // The budget is 3 an hour: three conflicts are answered, every other request is paused.
    expect(codes).toEqual([409, 409, 409, 429, 429, 429, 429, 429]);
    const answered = (await conflictsOf('racer')).filter((a) => a.detail.answered === true);
    expect(answered).toHaveLength(3);
    expect(await bureauBells()).toHaveLength(before + 1);
  });
});
