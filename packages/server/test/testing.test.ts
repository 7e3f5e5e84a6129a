import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, localMinute, type CreatePerson, type PersonKind } from '@fangkong/domain';
import { buildTree, createUser, newLabImport, newPerson, newRoom, newSession, newSite, newTest, startTestApp, type TestEnv, type Tree, type TreeNode } from './harness.js';
import { makeId } from './people-fixtures.js';

let env: TestEnv;
let tree: Tree;
let rescue: TreeNode;
const ids: Record<string, string> = {};

const DAY = 86_400_000;
const today = () => localDay(new Date(), 'Asia/Shanghai');
/** A local sample time an hour ago: in the past whatever the hour of the day (today at 07:00 is not, before 07:00). */
const anHourAgo = () => localMinute(new Date(Date.now() - 3_600_000), 'Asia/Shanghai');
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** Staff (unless `kind` says otherwise) who joined in 2024, registered by the admin; answers the id. */
const person = async (site: TreeNode, name: string, kind: PersonKind = 'staff', extra: Partial<CreatePerson> = {}) =>
  (await newPerson(env, site, { name, kind, joinedOn: '2024-01-01', ...extra })).id;

async function test(user: string, personId: string, sampledAt: string, result = 'negative', extra: object = {}) {
  return env.as(user).post('/api/tests', { personId, sampledAt, result, ...extra });
}

beforeAll(async () => {
  env = await startTestApp({ TIME_ZONE: 'Asia/Shanghai' });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await env.signIn('admin');
  rescue = await newSite(env, tree.town1, 'rescue_station', { name: '一号镇救助站' });
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'officer2', [['town_officer', tree.town2]]);
  await createUser(env.database, 'manager1', [['site_manager', tree.elder1]]);
  await createUser(env.database, 'staff1', [['site_staff', tree.elder1]]);
  await createUser(env.database, 'inspector1', [['inspector', tree.town1]]);
  await env.signIn('officer1', 'officer2', 'manager1', 'staff1', 'inspector1');
  // The lab files below name these four by their ID numbers.
  ids.never = await person(tree.elder1, '从未检测', 'staff', { post: '护理员', idNumber: makeId('350102', '19800101', 300) });
  ids.recent = await person(tree.elder1, '近期已检', 'staff', { idNumber: makeId('350102', '19800101', 301) });
  ids.soon = await person(tree.elder1, '即将到期', 'staff', { idNumber: makeId('350102', '19800101', 302) });
  ids.resident = await person(tree.elder1, '院民', 'resident', { idNumber: makeId('350102', '19800101', 303) });
  ids.away = await person(tree.elder1, '请假员工', 'staff', { status: 'on_leave' });
  ids.rescueStaff = await person(rescue, '救助站员工', 'staff', { phone: '13912345678' });
  ids.other = await person(tree.elder2, '他镇员工', 'staff');
  expect((await test('admin', ids.recent, daysAgo(10))).statusCode).toBe(201);
  expect((await test('admin', ids.soon, daysAgo(26))).statusCode).toBe(201);
  expect((await test('admin', ids.rescueStaff, daysAgo(3))).statusCode).toBe(201);
  expect((await test('admin', ids.other, daysAgo(40))).statusCode).toBe(201);
});
afterAll(async () => env.close());

type Entry = { personId: string; name: string; status: string; daysOverdue: number; dueOn: string | null; tested: boolean };

describe('who must be tested (R4.1)', () => {
  it('lists the overdue first, then the due; residents are not tested periodically; leave is not counted', async () => {
    const res = await env.as('officer1').get('/api/tests/due?status=all');
    expect(res.statusCode).toBe(200);
    const entries = res.json().entries as Entry[];
    const by = (id: string) => entries.find((e) => e.personId === id);
    expect(by(ids.never ?? '')).toMatchObject({ status: 'overdue', tested: false });
    expect(by(ids.never ?? '')?.daysOverdue).toBeGreaterThan(300);
    expect(by(ids.soon ?? '')).toMatchObject({ status: 'due', daysOverdue: 0, tested: true });
    expect(by(ids.recent ?? '')).toMatchObject({ status: 'covered', tested: true });
    expect(by(ids.resident ?? '')).toMatchObject({ status: 'not_required' });
    expect(by(ids.away ?? '')).toMatchObject({ status: 'on_leave' });
    expect(entries[0]?.personId).toBe(ids.never);
    // Another town's people are not in the list.
    expect(by(ids.other ?? '')).toBeUndefined();
  });

  it('by default lists only the due and overdue', async () => {
    const entries = (await env.as('officer1').get('/api/tests/due')).json().entries as Entry[];
    expect(new Set(entries.map((e) => e.status))).toEqual(new Set(['overdue', 'due']));
  });

  it('a site outside the caller\'s town is a 404, not an empty list', async () => {
    expect((await env.as('officer1').get(`/api/tests/due?siteId=${tree.elder2.id}`)).statusCode).toBe(404);
    expect((await env.as('officer1').get(`/api/tests/compliance?townId=${tree.town2.id}`)).statusCode).toBe(404);
  });

  it('exports the due list as a spreadsheet, audited', async () => {
    const res = await env.as('officer1').get('/api/tests/due/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets[0]?.getColumn(3).values.slice(2);
    expect(names).toContain('从未检测');
    expect(names).not.toContain('近期已检');
  });
});

describe('compliance (应检尽检, R4.4)', () => {
  it('counts required, tested, due and overdue per site and town; the rate is tested / required', async () => {
    const res = await env.as('officer1').get('/api/tests/compliance');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const elder = body.sites.find((s: { siteId: string }) => s.siteId === tree.elder1.id);
    // never (overdue), soon (due, tested), recent (covered, tested); resident and leave not required.
    expect(elder).toMatchObject({ required: 3, tested: 2, due: 1, overdue: 1 });
    expect(elder.rate).toBeCloseTo(2 / 3);
    expect(body.towns).toHaveLength(1);
    expect(body.towns[0]).toMatchObject({ townId: tree.town1.id, required: 4, tested: 3 });
    expect(body.sites.map((s: { siteId: string }) => s.siteId)).not.toContain(tree.elder2.id);
  });

  it('the city sees every town', async () => {
    const body = (await env.as('admin').get('/api/tests/compliance')).json();
    expect(body.towns.map((t: { townId: string }) => t.townId).sort()).toEqual([tree.town1.id, tree.town2.id].sort());
    expect(body.towns.find((t: { townId: string }) => t.townId === tree.town2.id)).toMatchObject({ required: 1, tested: 0, overdue: 1, rate: 0 });
  });
});

describe('test records', () => {
  it('refuses a sample in the future, a result before its sample and a result time without a result; writes nothing', async () => {
    const future = await test('staff1', ids.never ?? '', new Date(Date.now() + 3_600_000).toISOString());
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['body.sampledAt']);
    const early = await test('staff1', ids.never ?? '', ago(3_600_000), 'negative', { resultAt: ago(7_200_000) });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields[0]).toMatchObject({ path: 'body.resultAt', message: '结果时间不能早于采样时间' });
    const pending = await test('staff1', ids.never ?? '', ago(3_600_000), 'pending', { resultAt: ago(1000) });
    expect(pending.statusCode).toBe(400);
    expect(pending.json().error.fields[0].path).toBe('body.resultAt');
    const count = await env.database.pool.query('select count(*)::int as n from test_records where person_id = $1', [ids.never]);
    expect(count.rows[0].n).toBe(0);
  });

  it('someone of another town is a 404; the same sample twice is a 409', async () => {
    expect((await test('staff1', ids.other ?? '', ago(3_600_000))).statusCode).toBe(404);
    const at = ago(5_000_000);
    expect((await test('staff1', ids.resident ?? '', at, 'pending')).statusCode).toBe(201);
    expect((await test('staff1', ids.resident ?? '', at, 'pending')).statusCode).toBe(409);
  });

  it('a batch with bad rows is refused whole and names every bad row', async () => {
    const res = await env.as('staff1').post('/api/tests/batch', {
      tests: [
        { personId: ids.never, sampledAt: ago(1000), result: 'negative' },
        { personId: ids.other, sampledAt: ago(1000) },
        { personId: ids.never, sampledAt: new Date(Date.now() + DAY).toISOString() },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['body.tests.1.personId', 'body.tests.2.sampledAt']);
    const count = await env.database.pool.query('select count(*)::int as n from test_records where person_id = $1', [ids.never]);
    expect(count.rows[0].n).toBe(0);
  });

  it('a pending result gets its result later; the inspector may read but not write', async () => {
    const rec = await test('staff1', ids.never ?? '', ago(3 * 3_600_000), 'pending');
    expect(rec.statusCode).toBe(201);
    const id = rec.json().test.id as string;
    ids.firstTest = id;
    expect((await env.as('inspector1').post(`/api/tests/${id}/result`, { result: 'negative' })).statusCode).toBe(403);
    expect((await env.as('officer2').post(`/api/tests/${id}/result`, { result: 'negative' })).statusCode).toBe(404);
    const before = await env.as('staff1').post(`/api/tests/${id}/result`, { result: 'negative', resultAt: ago(4 * 3_600_000) });
    expect(before.statusCode).toBe(400);
    const ok = await env.as('staff1').post(`/api/tests/${id}/result`, { result: 'negative', lab: '市疾控' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().test).toMatchObject({ result: 'negative', lab: '市疾控' });
    const list = (await env.as('inspector1').get(`/api/tests?personId=${ids.never ?? ''}`)).json();
    expect(list.total).toBe(1);
    // Reading someone's tests is reading their health data: kept in the audit log.
    const audit = await env.database.pool.query(`select actor_name from audit_log where action = 'person.tests_read' and target_id = $1`, [ids.never]);
    expect(audit.rows.map((r) => r.actor_name)).toContain('inspector1');
  });

  it('a positive result opens the manager\'s alert and ends a running placement as confirmed', async () => {
    const room = await newRoom(env, tree.elder1, { name: '观察室', kind: 'observation', capacity: 2 });
    const placed = await env.as('manager1').post('/api/placements', { personId: ids.recent, roomId: room.id, reason: 'symptom' });
    expect(placed.statusCode).toBe(201);
    const res = await test('staff1', ids.recent ?? '', ago(60_000), 'positive');
    expect(res.statusCode).toBe(201);
    const alert = res.json().alert;
    expect(alert).toMatchObject({ source: 'test', temperature: null, band: null, testId: res.json().test.id, personId: ids.recent, status: 'open' });
    expect(alert.steps.map((s: { step: string }) => s.step)).toEqual(['isolate', 'refer_fever_clinic', 'report_superiors']);
    const seen = (await env.as('manager1').get('/api/alerts?status=open')).json().alerts.map((a: { id: string }) => a.id);
    expect(seen).toContain(alert.id);
    const placement = (await env.as('manager1').get(`/api/placements?personId=${ids.recent ?? ''}`)).json().placements[0];
    expect(placement).toMatchObject({ outcome: 'confirmed' });
    expect(placement.endedAt).not.toBeNull();
    // A fever afterwards joins the same alert and gives it a temperature.
    const fever = await env.as('staff1').post('/api/readings', { personId: ids.recent, temperature: 38.2 });
    expect(fever.json().alert).toMatchObject({ id: alert.id, temperature: 38.2, source: 'test' });
  });
});

describe('sampling sessions (R4.3)', () => {
  it('refuses a site of another town and a session in the past', async () => {
    const other = await env.as('officer1').post('/api/test-sessions', { townId: tree.town1.id, date: today(), collectionPoint: '卫生院', siteIds: [tree.elder1.id, tree.elder2.id] });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0].path).toBe('body.siteIds.1');
    const past = await env.as('officer1').post('/api/test-sessions', { townId: tree.town1.id, date: '2020-01-01', collectionPoint: '卫生院', siteIds: [tree.elder1.id] });
    expect(past.statusCode).toBe(400);
    expect((await env.as('staff1').post('/api/test-sessions', { townId: tree.town1.id, date: today(), collectionPoint: '卫生院', siteIds: [tree.elder1.id] })).statusCode).toBe(404);
    expect((await env.as('officer2').post('/api/test-sessions', { townId: tree.town1.id, date: today(), collectionPoint: '卫生院', siteIds: [tree.elder1.id] })).statusCode).toBe(404);
  });

  it('lists who is due, takes the samples and results, keeps absentees due, and reaches 100%', async () => {
    // A home of its own, so that who is due there is what this test made: one member of staff whose
    // last test is 26 days old, and one who joined today.
    const home = await newSite(env, tree.town1, 'elderly_care', { name: '采样敬老院' });
    const soon = await person(home, '即将到期', 'staff');
    expect((await test('admin', soon, daysAgo(26))).statusCode).toBe(201);
    const person2 = await person(home, '新员工', 'staff', { joinedOn: today() });
    const created = await env.as('officer1').post('/api/test-sessions', {
      townId: tree.town1.id, date: today(), startTime: '00:00', collectionPoint: '镇卫生院采样点', lab: '市疾控', siteIds: [home.id, rescue.id],
    });
    expect(created.statusCode).toBe(201);
    const { session, people } = created.json<{ session: { id: string; counts: { listed: number } }; people: { personId: string; status: string }[] }>();
    const listed = people.map((p) => p.personId).sort();
    expect(listed).toEqual([soon, person2].sort());
    expect(session.counts.listed).toBe(2);
    // The officer of the other town cannot see it.
    expect((await env.as('officer2').get(`/api/test-sessions/${session.id}`)).statusCode).toBe(404);
    expect((await env.as('officer2').get('/api/test-sessions')).json().sessions).toHaveLength(0);

    const notListed = await env.as('officer1').post(`/api/test-sessions/${session.id}/entries`, { entries: [{ personId: ids.rescueStaff, attended: true }] });
    expect(notListed.statusCode).toBe(400);
    expect(notListed.json().error.fields[0].path).toBe('body.entries.0.personId');

    // The new staff member stays away; the other gives a sample, its result to come.
    const sampled = await env.as('officer1').post(`/api/test-sessions/${session.id}/entries`, {
      entries: [{ personId: soon, attended: true, labRef: 'T-001' }, { personId: person2, attended: false }],
    });
    expect(sampled.statusCode).toBe(200);
    expect(sampled.json().session.counts).toMatchObject({ listed: 2, sampled: 1, absent: 1, pending: 1 });
    const due = (await env.as('officer1').get(`/api/tests/due?siteId=${home.id}`)).json().entries as Entry[];
    expect(due.map((e) => e.personId)).toContain(person2);
    expect(due.map((e) => e.personId)).not.toContain(soon);

    // The result arrives: the same record gets it, nothing doubles.
    const result = await env.as('officer1').post(`/api/test-sessions/${session.id}/entries`, { entries: [{ personId: soon, attended: true, result: 'negative' }] });
    expect(result.json().session.counts).toMatchObject({ sampled: 1, pending: 0, negative: 1 });
    const records = await env.database.pool.query('select count(*)::int as n from test_records where session_id = $1', [session.id]);
    expect(records.rows[0].n).toBe(1);
    const removed = await env.as('officer1').delete(`/api/test-sessions/${session.id}/people/${soon}`);
    expect(removed.statusCode).toBe(409);

    // The absentee comes to the next session; then the town's people who must be tested all are.
    const next = await env.as('officer1').post('/api/test-sessions', { townId: tree.town1.id, date: today(), collectionPoint: '镇卫生院采样点', siteIds: [home.id], selection: 'due' });
    const toTest = (next.json().people as { personId: string }[]).map((p) => p.personId);
    expect(toTest).toContain(person2);
    const done = await env.as('officer1').post(`/api/test-sessions/${next.json().session.id as string}/entries`, {
      entries: toTest.map((personId) => ({ personId, attended: true, result: 'negative' })),
    });
    expect(done.statusCode).toBe(200);
    const site = (await env.as('officer1').get('/api/tests/compliance')).json().sites.find((s: { siteId: string }) => s.siteId === home.id);
    expect(site).toMatchObject({ overdue: 0 });
    expect(site.rate).toBe(1);

    const sheet = await env.as('officer1').get(`/api/test-sessions/${session.id}/export`);
    expect(sheet.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const idCells = wb.worksheets[0]?.getColumn(5).values.slice(2) as string[];
    expect(idCells.every((c) => /^\d{6}\*{8}[\dX]{4}$/.test(c))).toBe(true);
  });
});

async function labFile(rows: (string | Date | null)[][], title = true): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('结果');
  if (title) ws.addRow(['示范市疾控中心核酸检测结果报告']);
  ws.addRow(['序号', '姓名', '证件号码', '联系电话', '采样时间', '检测结果', '报告时间', '检测机构', '条码号']);
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  ws.getColumn(5).numFmt = 'yyyy-mm-dd hh:mm';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An Excel wall-clock time: ExcelJS writes a Date's UTC fields as the cell's local time. */
function wall(isoLocal: string): Date {
  return new Date(`${isoLocal}:00Z`);
}

describe('lab result files', () => {
  let file: Buffer;
  const sampledLocal = () => {
    const d = new Date(Date.now() + 8 * 3_600_000 - 2 * 3_600_000);
    return d.toISOString().slice(0, 16).replace('T', ' ');
  };

  it('a lab\'s file is matched, committed once its rows are good, recognised when sent again, and a later file updates its results', async () => {
    // Matches by ID number, then by name and phone; lists unmatched and bad rows.
    {
      const idOfNever = (await env.database.pool.query('select id_last4 from people where id = $1', [ids.never])).rows[0].id_last4 as string;
      expect(idOfNever).toHaveLength(4);
      const neverId = makeId('350102', '19800101', 300);
      const at = sampledLocal();
      file = await labFile([
        ['从未检测', neverId, null, wall(at.replace(' ', 'T')), '阴性', null, '市疾控', 'B-1'],
        ['救助站员工', null, '139 1234 5678', at, '阴性（-）', null, '市疾控', 'B-2'],
        ['无此人', makeId('350102', '19700101', 999), null, at, '阴性', null, '市疾控', 'B-3'],
        ['即将到期', makeId('350102', '19800101', 302), null, at, '不知道', null, '市疾控', 'B-4'],
      ]);
      const res = await env.as('officer1').upload('/api/tests/imports?filename=lab.xlsx', file);
      expect(res.statusCode).toBe(201);
      const imp = res.json();
      expect(imp).toMatchObject({ status: 'preview', total: 4, matched: 3, unmatched: 1, invalid: 1, duplicateOf: null });
      const rows = imp.rows as { row: number; match: string; personId: string | null; idNumber: string | null; action: string; errors: { path: string }[] }[];
      expect(rows.map((r) => r.match)).toEqual(['id', 'name_phone', 'none', 'id']);
      expect(rows[0]?.personId).toBe(ids.never);
      expect(rows[0]?.idNumber).toMatch(/^350102\*{8}/);
      expect(rows[2]?.errors.map((e) => e.path)).toEqual(['row 5.person']);
      expect(rows[3]?.errors.map((e) => e.path)).toEqual(['row 6.result']);
      expect(rows.map((r) => r.action)).toEqual(['create', 'create', 'skip', 'skip']);
      // No ID number or phone in clear is kept with the preview.
      const stored = JSON.stringify((await env.database.pool.query('select rows from lab_imports where id = $1', [imp.id])).rows[0].rows);
      expect(stored).not.toContain(neverId);
      expect(stored).not.toContain('13912345678');
      ids.import1 = imp.id;
    }

    // Refuses the whole file while rows are bad, then imports the good ones with a person chosen by hand.
    {
      const refused = await env.as('officer1').post(`/api/tests/imports/${ids.import1 ?? ''}/commit`, {});
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['row 5.person', 'row 6.result']);
      expect((await env.database.pool.query(`select count(*)::int as n from test_records where source = 'import'`)).rows[0].n).toBe(0);
      // Another user cannot commit (or see) this upload.
      expect((await env.as('officer2').post(`/api/tests/imports/${ids.import1 ?? ''}/commit`, { onlyValid: true })).statusCode).toBe(404);
      const outside = await env.as('officer1').post(`/api/tests/imports/${ids.import1 ?? ''}/commit`, { matches: { 5: ids.other }, onlyValid: true });
      expect(outside.statusCode).toBe(400);
      expect(outside.json().error.fields[0].path).toBe('body.matches.5');
      const ok = await env.as('officer1').post(`/api/tests/imports/${ids.import1 ?? ''}/commit`, { matches: { 5: ids.resident }, onlyValid: true });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'committed', summary: { created: 3, updated: 0, unchanged: 0, skipped: 1 } });
      expect(ok.json().rows[2]).toMatchObject({ match: 'manual', personId: ids.resident });
    }

    // Recognises the same file again and does not import it twice.
    {
      const again = await env.as('officer1').upload('/api/tests/imports?filename=lab-copy.xlsx', file);
      expect(again.statusCode).toBe(201);
      expect(again.json().duplicateOf).toMatchObject({ id: ids.import1, by: 'officer1' });
      const commit = await env.as('officer1').post(`/api/tests/imports/${again.json().id as string}/commit`, { onlyValid: true });
      expect(commit.statusCode).toBe(409);
      expect((await env.database.pool.query(`select count(*)::int as n from test_records where source = 'import'`)).rows[0].n).toBe(3);
    }

    // A later file with the same samples updates their results instead of doubling them.
    {
      const rows = (await env.database.pool.query(`select sampled_at from test_records where source = 'import' and person_id = $1`, [ids.never])).rows;
      const local = new Date((rows[0].sampled_at as Date).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
      const later = await labFile([['从未检测', makeId('350102', '19800101', 300), null, local, '阳性', null, '市疾控', 'B-1']], false);
      const preview = await env.as('officer1').upload('/api/tests/imports?filename=lab2.csv.xlsx', later);
      expect(preview.json().rows[0]).toMatchObject({ match: 'id', action: 'update' });
      const commit = await env.as('officer1').post(`/api/tests/imports/${preview.json().id as string}/commit`, {});
      expect(commit.json().summary).toEqual({ created: 0, updated: 1, unchanged: 0, skipped: 0 });
      const all = (await env.database.pool.query(`select result from test_records where source = 'import' and person_id = $1`, [ids.never])).rows;
      expect(all).toEqual([{ result: 'positive' }]);
      // The positive reached the alerts.
      const alert = await env.database.pool.query(`select source from alerts where person_id = $1 and status = 'open'`, [ids.never]);
      expect(alert.rows[0]).toEqual({ source: 'test' });
    }
  });

  it('reads a CSV too, and refuses a file without the needed columns', async () => {
    const csv = Buffer.from(`姓名,身份证号,采样时间,检测结果\n院民,${makeId('350102', '19800101', 303)},${anHourAgo()},阴性\n`, 'utf8');
    const res = await env.as('staff1').upload('/api/tests/imports?filename=lab.csv', csv);
    expect(res.statusCode).toBe(201);
    expect(res.json().rows[0]).toMatchObject({ match: 'id', personId: ids.resident, result: 'negative' });
    const bad = await env.as('staff1').upload('/api/tests/imports?filename=x.csv', Buffer.from('甲,乙\n1,2\n'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('file');
  });
});

describe('intake before joining (R4.2)', () => {
  it('a new resident cannot join without a negative test; the manager may override with a reason (audited)', async () => {
    const created = await newPerson(env, tree.elder1, { name: '新入住老人', kind: 'resident', newIntake: true }, { by: env.as('staff1') });
    expect(created.intakeSince).toBe(today());
    const id = created.id;
    const due = (await env.as('staff1').get(`/api/tests/due?siteId=${tree.elder1.id}`)).json().entries as (Entry & { reason: string })[];
    expect(due.find((e) => e.personId === id)).toMatchObject({ status: 'due', reason: 'intake' });
    const refused = await env.as('staff1').post(`/api/people/${id}/join`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('阴性');
    expect((await env.as('staff1').post(`/api/people/${id}/join`, { overrideReason: '家属担保入住' })).statusCode).toBe(403);
    expect((await env.as('officer2').post(`/api/people/${id}/join`, { overrideReason: '家属担保入住' })).statusCode).toBe(404);
    const override = await env.as('manager1').post(`/api/people/${id}/join`, { overrideReason: '家属担保入住' });
    expect(override.statusCode).toBe(200);
    expect(override.json().person).toMatchObject({ intakeSince: null, joinedOn: today() });
    const audit = await env.database.pool.query(`select actor_name, detail from audit_log where action = 'person.join' and target_id = $1 and outcome = 'ok'`, [id]);
    expect(audit.rows[0]).toMatchObject({ actor_name: 'manager1', detail: { override: true, reason: '家属担保入住' } });
  });

  it('with a negative test after arrival, staff confirm the joining', async () => {
    const { id } = await newPerson(env, tree.elder1, { name: '新入住二', kind: 'resident', newIntake: true }, { by: env.as('staff1') });
    expect((await test('staff1', id, ago(60_000))).statusCode).toBe(201);
    const ok = await env.as('staff1').post(`/api/people/${id}/join`, {});
    expect(ok.statusCode).toBe(200);
    expect(ok.json().person.intakeSince).toBeNull();
    expect((await env.as('staff1').post(`/api/people/${id}/join`, {})).statusCode).toBe(409);
  });
});

describe('scope of every testing endpoint', () => {
  // Records of town 1 of these tests' own, whatever the tests above did with theirs.
  const own: Record<string, string> = {};
  beforeAll(async () => {
    const tested = await person(tree.elder1, '越权检测对象');
    own.test = (await newTest(env, tested)).id;
    own.session = (await newSession(env, tree.town1, [tree.elder1])).session.id;
    own.import = (await newLabImport(env, env.as('officer1'), [{ name: '越权检测对象', sampledAt: anHourAgo(), result: '阴性' }])).id;
  });

  it.each([
    ['due list', () => env.as('officer2').get(`/api/tests/due?siteId=${tree.elder1.id}`)],
    ['compliance', () => env.as('officer2').get(`/api/tests/compliance?townId=${tree.town1.id}`)],
    ['records of a person', () => env.as('officer2').get(`/api/tests?personId=${ids.never ?? ''}`)],
    ['records of a site', () => env.as('officer2').get(`/api/tests?siteId=${tree.elder1.id}`)],
    ['record', () => env.as('officer2').post('/api/tests', { personId: ids.never, sampledAt: ago(1000) })],
    ['sessions of a town', () => env.as('officer2').get(`/api/test-sessions?townId=${tree.town1.id}`)],
    ['join', () => env.as('officer2').post(`/api/people/${ids.never ?? ''}/join`, {})],
    ['import', () => env.as('officer2').get(`/api/tests/imports/${own.import ?? ''}`)],
    ['a session', () => env.as('officer2').get(`/api/test-sessions/${own.session ?? ''}`)],
    ['session entries', () => env.as('officer2').post(`/api/test-sessions/${own.session ?? ''}/entries`, { entries: [{ personId: ids.never, attended: false }] })],
    ['removing from a session', () => env.as('officer2').delete(`/api/test-sessions/${own.session ?? ''}/people/${ids.never ?? ''}`)],
    ['session sheet', () => env.as('officer2').get(`/api/test-sessions/${own.session ?? ''}/export`)],
    ['a result', () => env.as('officer2').post(`/api/tests/${own.test ?? ''}/result`, { result: 'negative' })],
    ['records export of a site', () => env.as('officer2').get(`/api/tests/export?siteId=${tree.elder1.id}`)],
  ])('another town\'s officer: %s → 404', async (_l, call) => {
    expect((await call()).statusCode).toBe(404);
  });

  it('lists and exports hold only the caller\'s town', async () => {
    const sheet = await env.as('officer2').get('/api/tests/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.getColumn(2).values.slice(2)).toEqual(['他镇员工']);
    const tests = (await env.as('officer2').get('/api/tests?limit=500')).json().tests as { personId: string }[];
    expect(tests.map((t) => t.personId)).toEqual([ids.other]);
    const due = (await env.as('officer2').get('/api/tests/due?status=all')).json().entries as Entry[];
    expect(due.map((e) => e.personId)).toEqual([ids.other]);
  });

  it('the batch names the row of someone outside the scope', async () => {
    const res = await env.as('officer2').post('/api/tests/batch', { tests: [{ personId: ids.other, sampledAt: ago(1000) }, { personId: ids.never, sampledAt: ago(1000) }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['body.tests.1.personId']);
  });

  it('without the testing permission nothing is listed', async () => {
    await createUser(env.database, 'volunteer1', [['volunteer', tree.town1]]);
    await env.signIn('volunteer1');
    expect((await env.as('volunteer1').get('/api/tests/due')).statusCode).toBe(403);
    expect((await env.as('volunteer1').get('/api/tests/compliance')).statusCode).toBe(403);
    expect((await env.as('volunteer1').get('/api/tests')).statusCode).toBe(403);
    expect((await env.as('volunteer1').get('/api/test-sessions')).statusCode).toBe(403);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('at the same moment (PostgreSQL)', () => {
  it('the same lab file committed by two people at once is imported once', async () => {
    const file = await labFile([['近期已检', makeId('350102', '19800101', 301), null, `${anHourAgo()}`, '阴性', null, '市疾控', 'C-1']]);
    const a = await env.as('officer1').upload('/api/tests/imports?filename=a.xlsx', file);
    const b = await env.as('admin').upload('/api/tests/imports?filename=b.xlsx', file);
    const [ra, rb] = await Promise.all([
      env.as('officer1').post(`/api/tests/imports/${a.json().id as string}/commit`, {}),
      env.as('admin').post(`/api/tests/imports/${b.json().id as string}/commit`, {}),
    ]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
    const n = await env.database.pool.query(`select count(*)::int as n from test_records where lab_ref = 'C-1'`);
    expect(n.rows[0].n).toBe(1);
  });

  it('the same sample recorded twice at once is stored once', async () => {
    const at = ago(90_000);
    const answers = await Promise.all([1, 2, 3, 4].map(() => test('staff1', ids.resident ?? '', at, 'pending')));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
  });
});

describe('a new policy version takes effect from its date', () => {
  it('a shorter interval makes people due from its first day, and leaves the already overdue as they were', async () => {
    const fresh = await person(tree.elder2, '十天前已检', 'staff');
    expect((await test('admin', fresh, daysAgo(10))).statusCode).toBe(201);
    const before = (await env.as('officer2').get('/api/tests/due?status=all')).json().entries as Entry[];
    expect(before.find((e) => e.personId === fresh)).toMatchObject({ status: 'covered' });
    const overdue = before.find((e) => e.personId === ids.other);
    expect(overdue?.status).toBe('overdue');

    const current = (await env.as('admin').get(`/api/sites/${tree.elder2.id}/policy`)).json().version.body;
    const created = await env.as('admin').post('/api/policies/elderly_care', {
      effectiveFrom: today(), body: { ...current, testing: { ...current.testing, staffIntervalDays: 7 } }, note: '疫情升级，员工每周检测',
    });
    expect(created.statusCode).toBe(201);
    const after = (await env.as('officer2').get('/api/tests/due?status=all')).json().entries as Entry[];
    expect(after.find((e) => e.personId === fresh)).toMatchObject({ status: 'due', dueOn: today(), daysOverdue: 0 });
    expect(after.find((e) => e.personId === ids.other)).toMatchObject({ status: 'overdue', dueOn: overdue?.dueOn, daysOverdue: overdue?.daysOverdue });
  });
});
