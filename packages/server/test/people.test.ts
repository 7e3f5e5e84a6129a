import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ID_NOT_REGISTRABLE } from '@fangkong/domain';
import { buildTree, createUser, keptLog, newPerson, newSite, newUser, startTestApp, type Client, type TestEnv, type Tree, type TreeNode } from './harness.js';
import { makeId, withWrongCheck } from './people-fixtures.js';

let env: TestEnv;
let tree: Tree;
const log = keptLog();
/** A home whose people the listing, search and export tests know by name, with its manager and a member of staff. */
let home: TreeNode;
let homeManager: Client;
let homeStaff: Client;

beforeAll(async () => {
  env = await startTestApp({}, undefined, log.logger);
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'officer2', [['town_officer', tree.town2]]);
  await createUser(env.database, 'manager1', [['site_manager', tree.elder1]]);
  await createUser(env.database, 'staff1', [['site_staff', tree.elder1]]);
  await env.signIn('admin', 'officer1', 'officer2', 'manager1', 'staff1');
  home = await newSite(env, tree.town1, 'elderly_care', { name: '检索敬老院' });
  homeManager = await newUser(env, 'site_manager', home, 'home-manager');
  homeStaff = await newUser(env, 'site_staff', home, 'home-staff');
  const people = [['陈一', 'resident'], ['陈二', 'resident'], ['林三', 'resident'], ['黄四', 'staff'], ['周五', 'staff'], ['李四', 'resident']] as const;
  for (const [i, [name, kind]] of people.entries()) {
    await newPerson(env, home, { name, kind, idNumber: makeId('350203', '19500101', 300 + i), phone: `1370000000${i}` }, { by: homeManager });
  }
});
afterAll(async () => env.close());

const ZHANG = makeId('350102', '19450301', 123);
const ZHANG_PHONE = '13812345678';

describe('adding a person', () => {
  let id = '';
  /** 张三丰, as the first test registers him (registered here if that test has not run). */
  const zhang = async () => {
    id ||= (await newPerson(env, tree.elder1, {
      name: '张三丰', kind: 'resident', idNumber: ZHANG, phone: ZHANG_PHONE, room: '101', bed: '2', emergencyContactName: '张小明', emergencyContactPhone: '13900001111',
    }, { by: env.as('staff1') })).id;
    return id;
  };

  it('stores ID and phone encrypted and answers them masked', async () => {
    const res = await env.as('staff1').post('/api/people', {
      siteId: tree.elder1.id, name: '张三丰', kind: 'resident', idNumber: ZHANG.toLowerCase(), phone: ZHANG_PHONE, room: '101', bed: '2',
      emergencyContactName: '张小明', emergencyContactPhone: '13900001111',
    });
    expect(res.statusCode).toBe(201);
    const p = res.json().person;
    id = p.id;
    expect(p.idNumber).toBe(`${ZHANG.slice(0, 6)}********${ZHANG.slice(-4)}`);
    expect(p.phone).toBe('138****5678');
    expect(p.emergencyContactPhone).toBe('139****1111');
    // Sex and birth date come from the number when not entered.
    expect(p.sex).toBe('male');
    expect(p.birthDate).toBe('1945-03-01');
    const row = (await env.database.pool.query('select * from people where id = $1', [id])).rows[0];
    const stored = JSON.stringify(row);
    for (const secret of [ZHANG, ZHANG.slice(6, 14), ZHANG_PHONE, '13900001111']) expect(stored).not.toContain(secret);
    expect(row.id_enc).toMatch(/^v1\./);
    expect(row.id_last4).toBe(ZHANG.slice(-4));
  });

  it('flags what disagrees with the number instead of overwriting it', async () => {
    const res = await env.as('staff1').post('/api/people', {
      siteId: tree.elder1.id, name: '李四', kind: 'resident', idNumber: makeId('350102', '19400101', 122), sex: 'male', birthDate: '1941-01-01',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().person.flags).toEqual({ sexMismatch: true, birthDateMismatch: true });
    expect(res.json().person.sex).toBe('male');
  });

  it.each([
    ['wrong check character', { idNumber: withWrongCheck(makeId('350102', '19500101', 11)) }, 'body.idNumber', '校验位'],
    ['impossible birth date', { idNumber: '350102195002301234' }, 'body.idNumber', '出生日期'],
    ['future birth date', { idNumber: makeId('350102', '20990101', 11) }, 'body.idNumber', '晚于今天'],
    ['malformed number', { idNumber: '35010219500101' }, 'body.idNumber', '18 位'],
    ['bad phone', { idNumber: makeId('350102', '19500101', 13), phone: '1234' }, 'body.phone', '手机号'],
    ['no ID and not unknown', {}, 'body.idNumber', '身份不明'],
    ['left before joined', { idNumber: makeId('350102', '19500101', 15), joinedOn: '2020-05-01', leftOn: '2020-04-01' }, 'body.leftOn', '不能早于'],
  ])('%s → 400 naming the field, nothing written', async (_l, extra, field, words) => {
    const before = (await env.database.pool.query('select count(*)::int as n from people')).rows[0].n;
    const res = await env.as('staff1').post('/api/people', { siteId: tree.elder1.id, name: '王五', kind: 'resident', ...extra });
    expect(res.statusCode).toBe(400);
    const f = (res.json().error.fields as { path: string; message: string }[]).find((x) => x.path === field);
    expect(f?.message).toContain(words);
    expect((await env.database.pool.query('select count(*)::int as n from people')).rows[0].n).toBe(before);
  });

  it('converts a 15-digit legacy number to 18 digits', async () => {
    const eighteen = makeId('350102', '19420202', 456);
    const fifteen = eighteen.slice(0, 6) + eighteen.slice(8, 17);
    const res = await env.as('staff1').post('/api/people', { siteId: tree.elder1.id, name: '赵六', kind: 'resident', idNumber: fifteen });
    expect(res.statusCode).toBe(201);
    expect(res.json().person.idNumber.slice(-4)).toBe(eighteen.slice(-4));
  });

  it('accepts an unknown identity and flags it', async () => {
    const res = await env.as('staff1').post('/api/people', { siteId: tree.elder1.id, name: '无名氏', kind: 'resident', idUnknown: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().person).toMatchObject({ idUnknown: true, idNumber: null });
  });

  it('refuses the same number active at another site, naming it when the caller may see it', async () => {
    const mine = await env.as('admin').post('/api/people', { siteId: tree.elder2.id, name: '张三丰', kind: 'resident', idNumber: ZHANG });
    expect(mine.statusCode).toBe(409);
    expect(mine.json().error.message).toContain('一号镇敬老院');
    const theirs = await env.as('officer2').post('/api/people', { siteId: tree.elder2.id, name: '张三丰', kind: 'resident', idNumber: ZHANG });
    expect(theirs.statusCode).toBe(409);
    expect(theirs.json().error.message).toBe(ID_NOT_REGISTRABLE['zh-CN']);
    expect(theirs.json().error.message).not.toContain('一号镇');
  });

  it('reads a person with their history, and audits the read', async () => {
    const id = await zhang();
    const res = await env.as('staff1').get(`/api/people/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().history).toHaveLength(1);
    expect(res.json().person.idNumber).toContain('********');
    const audit = await env.database.pool.query(`select actor_name from audit_log where action = 'person.read' and target_id = $1 and outcome = 'ok'`, [id]);
    expect(audit.rows.map((r) => r.actor_name)).toContain('staff1');
  });

  it('reveals to a manager (audited) and refuses staff (audited)', async () => {
    const id = await zhang();
    const ok = await env.as('manager1').post(`/api/people/${id}/reveal`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ idNumber: ZHANG, phone: ZHANG_PHONE, emergencyContactPhone: '13900001111' });
    const no = await env.as('staff1').post(`/api/people/${id}/reveal`);
    expect(no.statusCode).toBe(403);
    const rows = (await env.database.pool.query(`select actor_name, outcome from audit_log where action = 'person.reveal' and target_id = $1 order by id`, [id])).rows;
    expect(rows).toEqual([{ actor_name: 'manager1', outcome: 'ok' }, { actor_name: 'staff1', outcome: 'denied' }]);
  });

  it('never writes an ID number or phone to the log', () => {
    expect(log.text().length).toBeGreaterThan(0);
    for (const secret of [ZHANG, ZHANG.toLowerCase(), ZHANG_PHONE, '13900001111']) expect(log.text()).not.toContain(secret);
  });

  it('moves a person to another town: out of the old town\'s scope at once, kept in the history', async () => {
    const id = await zhang();
    const moved = await env.as('admin').patch(`/api/people/${id}`, { siteId: tree.elder2.id, moveReason: '家属要求转院' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().person.siteId).toBe(tree.elder2.id);
    expect((await env.as('officer1').get(`/api/people/${id}`)).statusCode).toBe(404);
    expect((await env.as('officer1').get('/api/people?q=张三丰')).json().total).toBe(0);
    const seen = await env.as('officer2').get(`/api/people/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().history.map((h: { toSiteName: string }) => h.toSiteName)).toEqual(['二号镇敬老院', '一号镇敬老院']);
    expect(seen.json().history[0].reason).toBe('家属要求转院');
  });

  it('registers only the kinds of people the type of site holds, naming the field (R2.1)', async () => {
    const before = (await env.database.pool.query('select count(*)::int as n from people')).rows[0].n as number;
    for (const kind of ['child', 'client', 'community_resident']) {
      const res = await env.as('manager1').post('/api/people', { siteId: tree.elder1.id, name: '错类', kind, idUnknown: true });
      expect(res.statusCode, kind).toBe(400);
      expect(res.json().error.fields[0].path).toBe('body.kind');
    }
    expect((await env.database.pool.query('select count(*)::int as n from people')).rows[0].n).toBe(before);
    const ok = await env.as('manager1').post('/api/people', { siteId: tree.elder1.id, name: '对类', kind: 'resident', idUnknown: true });
    expect(ok.statusCode).toBe(201);
    const pid = ok.json().person.id as string;
    // Nor can a change of kind, or a move to another type of site, make one.
    expect((await env.as('manager1').patch(`/api/people/${pid}`, { kind: 'client' })).json().error.fields[0].path).toBe('body.kind');
    expect((await env.as('admin').patch(`/api/people/${pid}`, { siteId: tree.comm1.id })).statusCode).toBe(400);
    expect((await env.as('admin').patch(`/api/people/${pid}`, { siteId: tree.comm1.id, kind: 'community_resident', gridNodeId: tree.building1.id })).statusCode).toBe(200);
  });

  it('a person who left frees their number for a new registration', async () => {
    const id2 = makeId('350203', '19380808', 202);
    const first = await env.as('staff1').post('/api/people', { siteId: tree.elder1.id, name: '钱七', kind: 'resident', idNumber: id2 });
    await env.as('staff1').patch(`/api/people/${first.json().person.id}`, { status: 'left' });
    const left = await env.as('staff1').get(`/api/people/${first.json().person.id}`);
    expect(left.json().person.leftOn).not.toBeNull();
    const again = await env.as('admin').post('/api/people', { siteId: tree.elder2.id, name: '钱七', kind: 'resident', idNumber: id2 });
    expect(again.statusCode).toBe(201);
  });
});

describe('listing and searching', () => {
  it.each([
    ['name', '陈', ['陈一', '陈二']],
    ['pinyin initials', 'ls', ['李四', '林三']],
    ['pinyin initials, one match', 'hs', ['黄四']],
    ['ID tail', makeId('350203', '19500101', 303).slice(-4), ['黄四']],
  ])('by %s', async (_l, q, expected) => {
    const res = await homeManager.get(`/api/people?siteId=${home.id}&q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    expect((res.json().people as { name: string }[]).map((p) => p.name).sort()).toEqual([...expected].sort());
  });

  it('filters by kind and pages with a total', async () => {
    const staff = await homeManager.get(`/api/people?siteId=${home.id}&kind=staff`);
    expect((staff.json().people as { name: string }[]).map((p) => p.name).sort()).toEqual(['周五', '黄四']);
    const page = await homeManager.get(`/api/people?siteId=${home.id}&limit=2&offset=0`);
    expect(page.json().people).toHaveLength(2);
    expect(page.json().total).toBeGreaterThan(2);
  });

  it('every list answer is masked', async () => {
    const res = await env.as('admin').get('/api/people?limit=500');
    for (const p of res.json().people as { idNumber: string | null; phone: string | null }[]) {
      if (p.idNumber) expect(p.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      if (p.phone) expect(p.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
  });
});

describe('export', () => {
  async function sheet(buf: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: string[][] = [];
    ws?.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number)))));
    return rows;
  }

  it('exports the filtered list masked, as .xlsx', async () => {
    const res = await homeStaff.get(`/api/people/export?siteId=${home.id}&kind=staff`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheet(res.rawPayload);
    expect(rows[0]?.[1]).toBe('姓名');
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(['周五', '黄四']);
    expect(rows.slice(1).every((r) => /\*{8}/.test(r[4] ?? ''))).toBe(true);
    const audit = await env.database.pool.query(`select detail from audit_log where action = 'person.export' order by id desc limit 1`);
    expect(audit.rows[0].detail.rows).toBe(2);
  });

  it('reveals in an export only for a revealing role that asks', async () => {
    const res = await homeManager.get(`/api/people/export?siteId=${home.id}&kind=staff&reveal=true`);
    const rows = await sheet(res.rawPayload);
    expect(rows.slice(1).map((r) => r[4]).sort()).toEqual([makeId('350203', '19500101', 303), makeId('350203', '19500101', 304)].sort());
    expect((await homeStaff.get(`/api/people/export?reveal=true`)).statusCode).toBe(403);
  });

  it('offers the import template', async () => {
    const res = await env.as('staff1').get('/api/people/import/template');
    const rows = await sheet(res.rawPayload);
    expect(rows[0]?.slice(0, 4)).toEqual(['姓名', '性别', '出生日期', '身份证号']);
  });
});

describe('concurrency', () => {
  it('of five simultaneous registrations of one number, exactly one succeeds', async () => {
    const id = makeId('350203', '19330303', 909);
    const results = await Promise.all([tree.elder1, tree.elder2, tree.elder1, tree.elder2, tree.elder1].map((site, i) =>
      env.as('admin').post('/api/people', { siteId: site.id, name: `并发${i}`, kind: 'resident', idNumber: id })));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    const active = await env.database.pool.query(`select count(*)::int as n from people where name like '并发%'`);
    expect(active.rows[0].n).toBe(1);
  });
});

describe('audit of lists', () => {
  it('each list page is audited without the search term', async () => {
    await env.as('staff1').get(`/api/people?siteId=${tree.elder1.id}&q=${encodeURIComponent('张三')}`);
    const row = (await env.database.pool.query(`select actor_name, detail from audit_log where action = 'person.list' order by id desc limit 1`)).rows[0];
    expect(row.actor_name).toBe('staff1');
    expect(row.detail.searched).toBe(true);
    expect(JSON.stringify(row.detail)).not.toContain('张三');
  });
});
