import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, createUser, startTestApp, type TestEnv, type Tree } from './harness.js';

let env: TestEnv;
let tree: Tree;
/** The app clock's today, and days around it. */
let today = '';
const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  env = await startTestApp();
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await createUser(env.database, 'bureau1', [['bureau_officer', tree.bureau]]);
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'manager2', [['site_manager', tree.elder2]]);
  // A bureau officer bound to one town only: manages the risk areas of that town.
  await createUser(env.database, 'bureau2', [['bureau_officer', tree.town2]]);
  await env.signIn('admin', 'bureau1', 'officer1', 'manager2', 'bureau2');
  today = env.app.services.clock.today();
});
afterAll(async () => env.close());

interface Area { id: string; regionName: string; level: string; effectiveFrom: string; effectiveTo: string | null; note: string | null; status: string; nodeId: string | null }

async function add(body: object, who = 'bureau1'): Promise<Area> {
  const res = await env.as(who).post('/api/org/risk-areas', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().area;
}

async function rows(table: string, where = 'true'): Promise<number> {
  return (await env.database.pool.query(`select count(*)::int as n from ${table} where ${where}`)).rows[0].n;
}

async function xlsx(lines: (string | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('风险地区');
  for (const l of lines) ws.addRow(l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(file: Buffer | string, name: string, mode: 'preview' | 'commit', onlyValid = false, who = 'bureau1') {
  return env.as(who).upload(`/api/org/risk-areas/import?mode=${mode}&onlyValid=${onlyValid}&filename=${encodeURIComponent(name)}`, file);
}

describe('adding and ending an area', () => {
  it('adds an area, answers where it stands, and ends it on a later day, audited', async () => {
    const area = await add({ nodeId: tree.town2.id, regionName: '二号镇北片', level: 'medium', effectiveFrom: day(-3), note: '聚集性疫情' });
    expect(area).toMatchObject({ status: 'current', effectiveTo: null });
    const ended = await env.as('bureau1').patch(`/api/org/risk-areas/${area.id}`, { effectiveTo: day(-1) });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().area).toMatchObject({ effectiveTo: day(-1), status: 'ended', level: 'medium', note: '聚集性疫情' });
    const logged = await env.database.pool.query(`select detail from audit_log where action = 'risk.update' and target_id = $1`, [area.id]);
    expect(logged.rows.map((r) => r.detail)).toEqual([{ fields: ['effectiveTo'], from: { effectiveTo: null }, to: { effectiveTo: day(-1) } }]);
  });

  it('refuses an end before the start on body.effectiveTo and writes nothing', async () => {
    const area = await add({ regionName: '外省某市', level: 'high', effectiveFrom: day(0) });
    const before = await rows('audit_log');
    const res = await env.as('bureau1').patch(`/api/org/risk-areas/${area.id}`, { effectiveTo: day(-1) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'body.effectiveTo', message: expect.stringContaining(day(0)) }]);
    expect(await rows('risk_areas', `id = '${area.id}' and effective_to is null`)).toBe(1);
    expect(await rows('audit_log')).toBe(before);
  });

  it('changes the level and note together, saying what each was', async () => {
    const area = await add({ nodeId: tree.elder2.id, regionName: '二号镇敬老院周边', level: 'low', effectiveFrom: day(0) });
    const res = await env.as('admin').patch(`/api/org/risk-areas/${area.id}`, { level: 'high', note: '升级' });
    expect(res.json().area).toMatchObject({ level: 'high', note: '升级' });
    const logged = await env.database.pool.query(`select detail from audit_log where action = 'risk.update' and target_id = $1`, [area.id]);
    expect(logged.rows[0].detail).toEqual({ fields: ['level', 'note'], from: { level: 'low', note: null }, to: { level: 'high', note: '升级' } });
  });

  it('an unknown area is a 404', async () => {
    const res = await env.as('bureau1').patch('/api/org/risk-areas/00000000-0000-4000-8000-000000000000', { effectiveTo: day(0) });
    expect(res.statusCode).toBe(404);
  });
});

describe('listing', () => {
  it('lists every area without `on`, current first, then upcoming, then ended; filters by status and level', async () => {
    await add({ regionName: '将来区', level: 'high', effectiveFrom: day(5) });
    await add({ regionName: '过去区', level: 'medium', effectiveFrom: day(-20), effectiveTo: day(-10) });
    await add({ regionName: '现在区', level: 'medium', effectiveFrom: day(-2) });
    const all = (await env.as('bureau1').get('/api/org/risk-areas')).json().areas as Area[];
    const statuses = all.map((a) => a.status);
    expect(statuses).toEqual([...statuses].sort((a, b) => ['current', 'upcoming', 'ended'].indexOf(a) - ['current', 'upcoming', 'ended'].indexOf(b)));
    expect(all.map((a) => a.regionName)).toEqual(expect.arrayContaining(['将来区', '过去区', '现在区']));
    const onToday = (await env.as('bureau1').get(`/api/org/risk-areas?on=${day(0)}`)).json().areas as Area[];
    expect(onToday.map((a) => a.regionName)).not.toContain('将来区');
    expect(onToday.every((a) => a.status === 'current')).toBe(true);
    const upcoming = (await env.as('bureau1').get('/api/org/risk-areas?status=upcoming')).json().areas as Area[];
    expect(upcoming.map((a) => a.regionName)).toEqual(['将来区']);
    const ended = (await env.as('bureau1').get('/api/org/risk-areas?status=ended&level=medium')).json().areas as Area[];
    expect(ended.map((a) => a.regionName)).toContain('过去区');
    expect(ended.every((a) => a.status === 'ended' && a.level === 'medium')).toBe(true);
  });

  it('exports the list as a workbook', async () => {
    const res = await env.as('bureau1').get('/api/org/risk-areas/export?status=upcoming');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = wb.worksheets[0]?.getRow(2).values as unknown[];
    expect(values.slice(1, 4)).toEqual(['将来区', '高风险', day(5)]);
  });
});

describe('scope', () => {
  it('a town officer lists the areas but cannot add or end one (403), and nothing is written', async () => {
    const area = await add({ nodeId: tree.town1.id, regionName: '一号镇全域', level: 'medium', effectiveFrom: day(0) });
    const officer = env.as('officer1');
    expect((await officer.get('/api/org/risk-areas')).json().areas.map((a: Area) => a.id)).toContain(area.id);
    const before = await rows('risk_areas');
    expect((await officer.post('/api/org/risk-areas', { nodeId: tree.town1.id, regionName: '一号镇', level: 'high', effectiveFrom: day(0) })).statusCode).toBe(403);
    expect((await officer.patch(`/api/org/risk-areas/${area.id}`, { effectiveTo: day(0) })).statusCode).toBe(403);
    expect((await upload(await xlsx([['地区', '风险等级', '起始日期'], ['一号镇', '高', day(0)]]), 'a.xlsx', 'commit', true, 'officer1')).statusCode).toBe(403);
    expect(await rows('risk_areas')).toBe(before);
    expect(await rows('risk_areas', `id = '${area.id}' and effective_to is null`)).toBe(1);
  });

  it("another town's area is not found by the other town's risk manager; a site of the town shows the level it inherits", async () => {
    const area = await add({ nodeId: tree.town1.id, regionName: '一号镇东片', level: 'high', effectiveFrom: day(-1) });
    expect((await env.as('manager2').patch(`/api/org/risk-areas/${area.id}`, { effectiveTo: day(0) })).statusCode).toBe(403);
    expect((await env.as('bureau2').patch(`/api/org/risk-areas/${area.id}`, { effectiveTo: day(0) })).statusCode).toBe(404);
    // An area elsewhere in the country is the bureau root's: seen by all, ended by the root only.
    const elsewhere = await add({ regionName: '外省丙市', level: 'medium', effectiveFrom: day(-1) });
    expect((await env.as('bureau2').patch(`/api/org/risk-areas/${elsewhere.id}`, { effectiveTo: day(0) })).statusCode).toBe(403);
    const own = await env.as('bureau2').post('/api/org/risk-areas', { nodeId: tree.elder2.id, regionName: '二号镇南片', level: 'low', effectiveFrom: day(0) });
    expect(own.statusCode).toBe(201);
    expect((await env.as('bureau2').patch(`/api/org/risk-areas/${own.json().area.id}`, { effectiveTo: day(0) })).statusCode).toBe(200);
    const detail = (await env.as('officer1').get(`/api/org/nodes/${tree.elder1.id}`)).json();
    expect(detail.riskLevel).toBe('high');
    expect(detail.riskAreas[0]).toMatchObject({ id: area.id, regionName: '一号镇东片', level: 'high', effectiveFrom: day(-1), nodeId: tree.town1.id });
    expect((detail.riskAreas as Area[]).every((a) => a.status === 'current')).toBe(true);
  });
});

describe('import', () => {
  const header = ['地区', '风险等级', '起始日期', '结束日期', '备注'];

  it('previews a real workbook with each row problem naming the row and column, in the caller\'s language; writes nothing', async () => {
    const file = await xlsx([
      header,
      ['二号镇', '中', day(0), null, '外溢风险'],
      ['某省某市', 'high', new Date(`${day(-1)}T00:00:00Z`), day(10), null],
      ['某县', '极高', day(0), null, null],
      ['某区', '低', day(3), day(1), null],
      [null, '高', 'someday', null, null],
    ]);
    const before = await rows('risk_areas');
    const res = await upload(file, '风险地区.xlsx', 'preview');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect({ total: p.total, valid: p.valid, invalid: p.invalid, existing: p.existing }).toEqual({ total: 5, valid: 2, invalid: 3, existing: 0 });
    const byRow = new Map((p.rows as { row: number; action: string; nodeId: string | null; nodeName: string | null; errors: { path: string; message: string }[] }[]).map((r) => [r.row, r]));
    expect(byRow.get(2)).toMatchObject({ action: 'create', nodeId: tree.town2.id, nodeName: '二号镇', errors: [] });
    expect(byRow.get(3)).toMatchObject({ action: 'create', nodeId: null, errors: [] });
    expect(byRow.get(4)?.errors).toEqual([{ path: 'row 4.level', message: '风险等级应为 高、中 或 低' }]);
    expect(byRow.get(5)?.errors).toEqual([{ path: 'row 5.effectiveTo', message: expect.stringContaining('生效日期') }]);
    expect(byRow.get(6)?.errors.map((e) => e.path)).toEqual(['row 6.regionName', 'row 6.effectiveFrom']);
    expect(await rows('risk_areas')).toBe(before);

    const english = await env.as('bureau1').request({
      method: 'POST', url: '/api/org/risk-areas/import?mode=preview&filename=a.xlsx', payload: file,
      headers: { 'content-type': 'application/octet-stream', 'accept-language': 'en' },
    });
    expect((english.json().rows as { row: number; errors: { message: string }[] }[]).find((r) => r.row === 4)?.errors[0]?.message).toBe('the level must be high, medium or low');
  });

  it('refuses a file with a bad row whole, then commits only the good rows, and a second import repeats nothing', async () => {
    const file = await xlsx([header, ['二号镇敬老院', '高风险', day(0), null, '导入'], ['外省乙市', 'medium', day(-5), null, null], ['坏行', '?', day(0), null, null]]);
    const before = await rows('risk_areas');
    const refused = await upload(file, 'b.xlsx', 'commit', false);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['row 4.level']);
    expect(await rows('risk_areas')).toBe(before);

    const done = await upload(file, 'b.xlsx', 'commit', true);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ imported: 2, existing: 0, skipped: 1 });
    expect(await rows('risk_areas')).toBe(before + 2);
    const audit = await env.database.pool.query(`select detail from audit_log where action = 'risk.import'`);
    expect(audit.rows.at(-1)?.detail).toMatchObject({ imported: 2, existing: 0, skipped: 1 });
    const site = (await env.as('admin').get(`/api/org/nodes/${tree.elder2.id}`)).json();
    expect(site.riskLevel).toBe('high');
    expect(site.riskAreas.map((a: Area) => a.regionName)).toContain('二号镇敬老院');

    // The same sheet as CSV: the areas in force already are said to be there, and not written again.
    const csv = `${header.join(',')}\n二号镇敬老院,高,${day(0)},,\n外省乙市,中,${day(-5)},,\n`;
    const again = await upload(csv, 'b.csv', 'preview');
    expect(again.json()).toMatchObject({ total: 2, valid: 2, existing: 2 });
    expect((again.json().rows as { action: string }[]).map((r) => r.action)).toEqual(['existing', 'existing']);
    const second = await upload(csv, 'b.csv', 'commit');
    expect(second.json()).toEqual({ imported: 0, existing: 2, skipped: 0 });
    expect(await rows('risk_areas')).toBe(before + 2);
  });

  it('refuses a sheet without the region and level columns, and offers a template', async () => {
    const res = await upload(await xlsx([['名称', '日期'], ['x', day(0)]]), 'c.xlsx', 'preview');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('file');
    const template = await env.as('bureau1').get('/api/org/risk-areas/import/template');
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]?.getRow(1).values as unknown[]).slice(1)).toEqual(header);
  });
});
