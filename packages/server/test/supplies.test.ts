import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '@fangkong/domain';
import { buildTree, createUser, newReceipt, newSite, newSupplyItem, startTestApp, type TestEnv, type Tree, type TreeNode } from './harness.js';

let env: TestEnv;
let tree: Tree;
let rescue: TreeNode;
const items: Record<string, string> = {};

const today = () => localDay(new Date(), 'Asia/Shanghai');
const inDays = (n: number) => {
  const d = new Date(`${today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

type Cover = { itemId: string; usable: number; stock: number; dailyDemand: number | null; demandFrom: string | null; daysOfCover: number | null; status: string; suggestedOrder: number; expiringSoon: number };
const cover = async (user: string, site: TreeNode, itemId: string) =>
  ((await env.as(user).get(`/api/sites/${site.id}/supplies`)).json().items as Cover[]).find((i) => i.itemId === itemId);

beforeAll(async () => {
  env = await startTestApp({ TIME_ZONE: 'Asia/Shanghai' });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await env.signIn('admin');
  rescue = await newSite(env, tree.town1, 'rescue_station', { name: '一号镇救助站', capacity: 40 });
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'officer2', [['town_officer', tree.town2]]);
  await createUser(env.database, 'manager1', [['site_manager', tree.elder1]]);
  await createUser(env.database, 'staff1', [['site_staff', tree.elder1]]);
  await createUser(env.database, 'inspector1', [['inspector', tree.town1]]);
  await env.signIn('officer1', 'officer2', 'manager1', 'staff1', 'inspector1');
  for (const i of (await env.as('admin').get('/api/supplies/items')).json().items as { id: string; name: string }[]) items[i.name] = i.id;
});
afterAll(async () => env.close());

describe('the catalogue (R6.1)', () => {
  it('holds the items the plans name, and only the bureau edits it', async () => {
    expect(Object.keys(items)).toEqual(expect.arrayContaining(['医用外科口罩', '医用防护服', '含氯消毒剂', '护目镜', '一次性工作帽', '鞋套', '医用手套']));
    const byOfficer = await env.as('officer1').post('/api/supplies/items', { name: '面屏', category: 'other', unit: '个' });
    expect(byOfficer.statusCode).toBe(403);
    const created = await env.as('admin').post('/api/supplies/items', { name: '面屏', category: 'other', unit: '个', packSize: 10 });
    expect(created.statusCode).toBe(201);
    expect((await env.as('admin').post('/api/supplies/items', { name: '面屏', category: 'other', unit: '个' })).statusCode).toBe(409);
    expect((await env.as('admin').patch(`/api/supplies/items/${created.json().item.id as string}`, { active: false })).json().item.active).toBe(false);
    expect(((await env.as('staff1').get('/api/supplies/items')).json().items as { name: string }[]).map((i) => i.name)).not.toContain('面屏');
  });
});

describe('days of cover with the numbers of R6.2', () => {
  it('elderly care: a peak of 3,000 masks in 30 days; 6,000 received is 60 days; issuing 2,000 falls below the 45-day floor', async () => {
    const mask = items['医用外科口罩'] ?? '';
    expect((await env.as('manager1').put('/api/supplies/peaks', { siteId: tree.elder1.id, itemId: mask, consumption: 3000 })).statusCode).toBe(200);
    const received = await env.as('staff1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: mask, quantity: 6000, batch: 'M-2026-01', expiresOn: inDays(365), supplier: '示范医药公司' });
    expect(received.statusCode).toBe(201);
    expect(await cover('staff1', tree.elder1, mask)).toMatchObject({ usable: 6000, dailyDemand: 100, demandFrom: 'peak', daysOfCover: 60, status: 'ok', suggestedOrder: 0 });
    const issued = await env.as('staff1').post('/api/supplies/issues', { siteId: tree.elder1.id, itemId: mask, quantity: 2000, issuedTo: '护理区' });
    expect(issued.statusCode).toBe(201);
    expect(issued.json().entries[0]).toMatchObject({ kind: 'issue', quantity: 2000, delta: -2000, issuedTo: '护理区' });
    // 4,000 ÷ 100 = 40 days < 45; the order back to 60 days is 2,000 (whole boxes of 50).
    expect(await cover('staff1', tree.elder1, mask)).toMatchObject({ usable: 4000, daysOfCover: 40, status: 'below_floor', suggestedOrder: 2000 });
    const overview = (await env.as('admin').get('/api/supplies/overview')).json();
    expect(overview.belowFloor).toEqual(expect.arrayContaining([expect.objectContaining({ siteId: tree.elder1.id, itemId: mask, daysOfCover: 40, floorDays: 45, suggestedOrder: 2000 })]));
    // The matrix: each site's cells follow the catalogue's columns one for one.
    const column = (overview.items as { itemId: string }[]).findIndex((i) => i.itemId === mask);
    const elder1 = (overview.sites as { siteId: string; floorDays: number; cells: unknown[] }[]).find((s) => s.siteId === tree.elder1.id);
    expect(elder1?.floorDays).toBe(45);
    expect(elder1?.cells).toHaveLength(overview.items.length);
    expect(elder1?.cells[column]).toEqual({ status: 'below_floor', daysOfCover: 40, usable: 4000, suggestedOrder: 2000 });
    const masksOnly = (await env.as('admin').get(`/api/supplies/overview?itemId=${mask}`)).json();
    expect(masksOnly.items.map((i: { itemId: string }) => i.itemId)).toEqual([mask]);
    expect(masksOnly.sites.every((s: { cells: unknown[] }) => s.cells.length === 1)).toBe(true);
    const orders = (await env.as('officer1').get(`/api/supplies/orders?townId=${tree.town1.id}`)).json().lines as { siteId: string; itemId: string; quantity: number }[];
    expect(orders).toEqual(expect.arrayContaining([expect.objectContaining({ siteId: tree.elder1.id, itemId: mask, quantity: 2000 })]));
  });

  it('the rescue station is sized at full load: capacity × per-head use, whatever today\'s occupancy', async () => {
    const mask = items['医用外科口罩'] ?? '';
    // 40 places × 2 masks a day = 80 a day; 30 days at the floor = 2,400.
    await env.as('admin').post('/api/supplies/receipts', { siteId: rescue.id, itemId: mask, quantity: 2000 });
    expect(await cover('officer1', rescue, mask)).toMatchObject({ dailyDemand: 80, demandFrom: 'per_head', daysOfCover: 25, status: 'below_floor', suggestedOrder: 400 });
  });

  it('expired stock is not cover and is not issued without a reason; stock expiring within 30 days is shown', async () => {
    const gloves = items['医用手套'] ?? '';
    await env.as('manager1').put('/api/supplies/peaks', { siteId: tree.elder1.id, itemId: gloves, consumption: 300 });
    await env.as('staff1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: gloves, quantity: 200, expiresOn: inDays(10), batch: 'G-soon' });
    const past = await env.as('staff1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: gloves, quantity: 100, expiresOn: inDays(-1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].path).toBe('body.expiresOn');
    // A batch that has since expired (its expiry moved back as if time had passed).
    const old = await env.as('staff1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: gloves, quantity: 100, expiresOn: inDays(1), batch: 'G-old' });
    await env.database.pool.query(`update supply_batches set expires_on = current_date - 3 where id = $1`, [old.json().batch.id]);
    expect(await cover('staff1', tree.elder1, gloves)).toMatchObject({ stock: 300, usable: 200, expiringSoon: 200, daysOfCover: 20 });
    const refused = await env.as('staff1').post('/api/supplies/issues', { siteId: tree.elder1.id, itemId: gloves, quantity: 10, batchId: old.json().batch.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].path).toBe('body.batchId');
    const tooMany = await env.as('staff1').post('/api/supplies/issues', { siteId: tree.elder1.id, itemId: gloves, quantity: 250 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields[0]).toMatchObject({ path: 'body.quantity', message: '可用库存仅剩 200' });
    const overridden = await env.as('staff1').post('/api/supplies/issues', { siteId: tree.elder1.id, itemId: gloves, quantity: 10, batchId: old.json().batch.id, expiredOverrideReason: '用于环境清洁，不接触人员' });
    expect(overridden.statusCode).toBe(201);
    expect(overridden.json().entries[0].reason).toBe('用于环境清洁，不接触人员');
  });
});

// Issue 15 item 2, §15, R6.2/R6.3: an empty store of a required item and a missing demand basis
// are findings shown to the site and its town, never "no data" and never a pass.
describe('empty stock and a missing demand basis', () => {
  type Row = { siteId: string; itemId: string; usable: number; daysOfCover: number | null };
  type Overview = { items: { itemId: string }[]; belowFloor: Row[]; sites: { siteId: string; belowFloor: number; noDemandBasis: number; cells: { status: string }[] }[]; coverDistribution: { bucket: string; count: number }[] };
  let site: TreeNode;
  let community: TreeNode;
  const overview = async (user = 'officer1') => (await env.as(user).get('/api/supplies/overview')).json<Overview>();

  beforeAll(async () => {
    site = await newSite(env, tree.town1, 'elderly_care', { name: '一号镇新敬老院', capacity: 20 });
    community = await newSite(env, tree.town1, 'community', { name: '一号镇新社区' });
  });

  it('a site holding nothing has every required item below the floor, sized per head on its capacity, with an order', async () => {
    const all = (await env.as('officer1').get(`/api/sites/${site.id}/supplies`)).json().items as (Cover & { required: boolean })[];
    const mask = all.find((i) => i.itemId === items['医用外科口罩']);
    // Nobody present yet: 20 places × 2 masks a day (the policy's rate) = 40 a day; 60 days = 2,400.
    expect(mask).toMatchObject({ required: true, usable: 0, dailyDemand: 40, demandFrom: 'per_head', daysOfCover: 0, status: 'below_floor', suggestedOrder: 2400 });
    for (const name of ['医用外科口罩', '医用防护服', '含氯消毒剂', '医用手套', '体温计']) {
      expect(all.find((i) => i.itemId === items[name])).toMatchObject({ required: true, status: 'below_floor' });
    }
    // Caps are not on the elderly-care list and nothing sizes their use: nothing to hold, not a pass.
    expect(all.find((i) => i.itemId === items['一次性工作帽'])).toMatchObject({ required: false, status: 'not_required', suggestedOrder: 0 });
    expect(all.some((i) => i.status === 'ok')).toBe(false);
  });

  it('the city\'s below-floor list carries each empty required item of the site', async () => {
    const o = await overview('admin');
    const mine = o.belowFloor.filter((r) => r.siteId === site.id);
    expect(mine.map((r) => r.itemId).sort()).toEqual(['医用外科口罩', '医用防护服', '含氯消毒剂', '医用手套', '体温计'].map((n) => items[n]).sort());
    expect(mine.every((r) => r.usable === 0)).toBe(true);
    expect(o.sites.find((s) => s.siteId === site.id)).toMatchObject({ belowFloor: 5 });
    expect(o.coverDistribution.find((b) => b.bucket === 'no_demand')).toBeUndefined();
  });

  it('stock without a demand basis is a finding counted for the site and its town', async () => {
    const caps = items['一次性工作帽'] ?? '';
    expect((await env.as('admin').post('/api/supplies/receipts', { siteId: site.id, itemId: caps, quantity: 100 })).statusCode).toBe(201);
    expect(await cover('officer1', site, caps)).toMatchObject({ usable: 100, dailyDemand: null, daysOfCover: null, status: 'no_demand_basis' });
    // A community without capacity and nobody present: its disinfectant has no basis, its masks none at all.
    const disinfectant = items['含氯消毒剂'] ?? '';
    expect((await env.as('admin').post('/api/supplies/receipts', { siteId: community.id, itemId: disinfectant, quantity: 5 })).statusCode).toBe(201);
    expect(await cover('officer1', community, disinfectant)).toMatchObject({ status: 'no_demand_basis' });
    expect(await cover('officer1', community, items['医用外科口罩'] ?? '')).toMatchObject({ usable: 0, daysOfCover: null, status: 'below_floor' });
    const o = await overview();
    expect(o.sites.find((s) => s.siteId === site.id)).toMatchObject({ noDemandBasis: 1 });
    // The community's disinfectant, and its empty masks and thermometers: below the floor for being
    // empty, with nothing to size an order on, so their order is unknown, not 0 — a finding all the same.
    expect(o.sites.find((s) => s.siteId === community.id)).toMatchObject({ noDemandBasis: 3 });
    expect(o.belowFloor.some((r) => r.siteId === community.id && r.itemId === items['医用外科口罩'] && r.daysOfCover === null)).toBe(true);
    const count = (bucket: string) => o.coverDistribution.find((b) => b.bucket === bucket)?.count ?? 0;
    const emptyWithoutBasis = o.belowFloor.filter((r) => r.daysOfCover === null).length;
    expect(count('no_demand_basis') + emptyWithoutBasis).toBe(o.sites.reduce((n, s) => n + s.noDemandBasis, 0));
  });

  it('the site and its town are told of the required items they hold none of', async () => {
    await env.app.services.supplies.raiseStockEvents([site.id]);
    const texts = ((await env.as('officer1').get('/api/notifications?limit=100')).json().notifications as { kind: string; text: string }[])
      .filter((n) => n.kind === 'supply_below_floor' && n.text.includes('体温计')).map((n) => n.text);
    expect(texts.length).toBeGreaterThan(0);
  });
});

describe('bad input writes nothing', () => {
  it.each([
    ['zero quantity', { quantity: 0 }, 'body.quantity'],
    ['negative quantity', { quantity: -5 }, 'body.quantity'],
    ['fractional quantity', { quantity: 1.5 }, 'body.quantity'],
    ['unknown item', { itemId: '00000000-0000-4000-8000-000000000000' }, 'body.itemId'],
  ])('a receipt with %s → 400 naming %s', async (_l, over, path) => {
    const before = (await env.database.pool.query('select count(*)::int as n from supply_ledger')).rows[0].n;
    const res = await env.as('staff1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: items['护目镜'], quantity: 5, ...over });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe(path);
    expect((await env.database.pool.query('select count(*)::int as n from supply_ledger')).rows[0].n).toBe(before);
  });

  it('an adjustment that would make a batch negative is refused; one with a reason is kept and audited', async () => {
    const r = await env.as('staff1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: items['护目镜'], quantity: 5 });
    const batchId = r.json().batch.id as string;
    expect((await env.as('staff1').post('/api/supplies/adjustments', { siteId: tree.elder1.id, batchId, quantity: -6, reason: '破损' })).statusCode).toBe(400);
    const ok = await env.as('staff1').post('/api/supplies/adjustments', { siteId: tree.elder1.id, batchId, quantity: -2, reason: '破损报废' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().entry).toMatchObject({ kind: 'adjustment', delta: -2, reason: '破损报废' });
    const audit = await env.database.pool.query(`select detail from audit_log where action = 'supply.adjustment' and target_id = $1`, [batchId]);
    expect(audit.rows[0].detail).toMatchObject({ quantity: -2, reason: '破损报废' });
  });

  it('a stocktake turns each difference into an entry and the count into the stock', async () => {
    const r = await env.as('staff1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: items['鞋套'], quantity: 100 });
    const batchId = r.json().batch.id as string;
    const res = await env.as('staff1').post('/api/supplies/stocktakes', { siteId: tree.elder1.id, counts: [{ batchId, counted: 93 }] });
    expect(res.statusCode).toBe(201);
    expect(res.json().entries).toHaveLength(1);
    expect(res.json().entries[0]).toMatchObject({ kind: 'stocktake', delta: -7 });
    expect((await cover('staff1', tree.elder1, items['鞋套'] ?? ''))?.stock).toBe(93);
    const same = await env.as('staff1').post('/api/supplies/stocktakes', { siteId: tree.elder1.id, counts: [{ batchId, counted: 93 }] });
    expect(same.json().entries).toHaveLength(0);
  });

  it('the ledger cannot be changed, only answered', async () => {
    await expect(env.database.pool.query(`update supply_ledger set quantity = 1`)).rejects.toThrow(/append-only/);
    await expect(env.database.pool.query(`delete from supply_ledger`)).rejects.toThrow(/append-only/);
  });
});

describe('transfers between the sites of a town', () => {
  it('the town moves stock between its sites; both sides see it; a site of another town is a 404', async () => {
    const suits = items['医用防护服'] ?? '';
    const r = await env.as('officer1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: suits, quantity: 50, batch: 'S-1', expiresOn: inDays(200) });
    const batchId = r.json().batch.id as string;
    const outside = await env.as('officer1').post('/api/supplies/transfers', { fromSiteId: tree.elder1.id, toSiteId: tree.elder2.id, itemId: suits, batchId, quantity: 10 });
    expect(outside.statusCode).toBe(404);
    // A site manager cannot push stock into another site of the town either.
    expect((await env.as('manager1').post('/api/supplies/transfers', { fromSiteId: tree.elder1.id, toSiteId: rescue.id, itemId: suits, batchId, quantity: 10 })).statusCode).toBe(404);
    const moved = await env.as('officer1').post('/api/supplies/transfers', { fromSiteId: tree.elder1.id, toSiteId: rescue.id, itemId: suits, batchId, quantity: 20 });
    expect(moved.statusCode).toBe(201);
    expect(moved.json().entries.map((e: { kind: string; delta: number }) => [e.kind, e.delta])).toEqual([['transfer_out', -20], ['transfer_in', 20]]);
    expect((await cover('officer1', tree.elder1, suits))?.stock).toBe(30);
    const there = await env.as('officer1').get(`/api/sites/${rescue.id}/supplies`);
    expect(there.json().batches).toEqual(expect.arrayContaining([expect.objectContaining({ itemId: suits, batch: 'S-1', quantity: 20 })]));
    const same = await env.as('officer1').post('/api/supplies/transfers', { fromSiteId: rescue.id, toSiteId: rescue.id, itemId: suits, batchId, quantity: 1 });
    expect(same.statusCode).toBe(400);
  });
});

describe('the stock is a replay of the ledger', () => {
  it('after any sequence of receipts, issues, adjustments and stocktakes, each batch holds the sum of its entries', async () => {
    const disinfectant = items['含氯消毒剂'] ?? '';
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ op: fc.constantFrom('receive', 'issue', 'adjust', 'count'), n: fc.integer({ min: 1, max: 40 }) }), { minLength: 5, maxLength: 25 }),
      async (ops) => {
        for (const { op, n } of ops) {
          const site = (await env.as('staff1').get(`/api/sites/${tree.elder1.id}/supplies`)).json();
          const batch = (site.batches as { id: string; itemId: string; quantity: number }[]).find((b) => b.itemId === disinfectant);
          if (op === 'receive' || !batch) await env.as('staff1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: disinfectant, quantity: n });
          else if (op === 'issue') await env.as('staff1').post('/api/supplies/issues', { siteId: tree.elder1.id, itemId: disinfectant, quantity: n });
          else if (op === 'adjust') await env.as('staff1').post('/api/supplies/adjustments', { siteId: tree.elder1.id, batchId: batch.id, quantity: n % 2 ? n : -n, reason: '核对更正' });
          else await env.as('staff1').post('/api/supplies/stocktakes', { siteId: tree.elder1.id, counts: [{ batchId: batch.id, counted: Math.max(0, batch.quantity - (n % 5)) }] });
        }
        const { rows } = await env.database.pool.query(`
          select b.id, b.quantity, coalesce(sum(case when l.kind in ('receipt','transfer_in') then l.quantity when l.kind in ('issue','transfer_out') then -l.quantity else l.quantity end), 0)::int as replay
          from supply_batches b left join supply_ledger l on l.batch_id = b.id group by b.id, b.quantity`);
        for (const r of rows) expect(r.quantity).toBe(r.replay);
        for (const r of rows) expect(r.quantity).toBeGreaterThanOrEqual(0);
      },
    ), { numRuns: 5 });
  });
});

describe('history, orders and replenishment', () => {
  it('the chart walks back from today\'s stock through the day\'s entries', async () => {
    // An item of its own, as the elderly-care numbers of R6.2 stock it: a peak of 3,000 in 30 days, 6,000 in, 2,000 out.
    const mask = (await newSupplyItem(env, { name: '图表口罩', category: 'other', unit: '只' })).id;
    expect((await env.as('manager1').put('/api/supplies/peaks', { siteId: tree.elder1.id, itemId: mask, consumption: 3000 })).statusCode).toBe(200);
    await newReceipt(env, tree.elder1, mask, 6000, {}, { by: env.as('staff1') });
    expect((await env.as('staff1').post('/api/supplies/issues', { siteId: tree.elder1.id, itemId: mask, quantity: 2000, issuedTo: '护理区' })).statusCode).toBe(201);
    const points = (await env.as('staff1').get(`/api/supplies/history?siteId=${tree.elder1.id}&itemId=${mask}&days=7`)).json().points as { day: string; stock: number; daysOfCover: number | null }[];
    expect(points).toHaveLength(7);
    expect(points.at(-1)).toMatchObject({ day: today(), stock: 4000, daysOfCover: 40 });
    expect(points[0]).toMatchObject({ stock: 0 });
  });

  it('a site with no receipt in the last 15 days is due for replenishment', async () => {
    const fresh = (await env.as('staff1').get(`/api/sites/${tree.elder1.id}/supplies`)).json();
    expect(fresh).toMatchObject({ replenishmentDue: false, lastReceiptOn: today(), floorDays: 45, targetDays: 60, replenishIntervalDays: 15 });
    const other = (await env.as('officer2').get(`/api/sites/${tree.elder2.id}/supplies`)).json();
    expect(other).toMatchObject({ replenishmentDue: true, lastReceiptOn: null });
  });

  it('exports the order list', async () => {
    const res = await env.as('officer1').get(`/api/supplies/orders/export?townId=${tree.town1.id}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.getColumn(2).values.slice(2)).toContain('医用外科口罩');
  });
});

describe('scope of every supplies endpoint', () => {
  it.each([
    ['site stock', () => env.as('officer2').get(`/api/sites/${tree.elder1.id}/supplies`)],
    ['receipt', () => env.as('officer2').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: items['护目镜'], quantity: 1 })],
    ['issue', () => env.as('officer2').post('/api/supplies/issues', { siteId: tree.elder1.id, itemId: items['护目镜'], quantity: 1 })],
    ['peak', () => env.as('officer2').put('/api/supplies/peaks', { siteId: tree.elder1.id, itemId: items['护目镜'], consumption: 1 })],
    ['stocktake', () => env.as('officer2').post('/api/supplies/stocktakes', { siteId: tree.elder1.id, counts: [{ batchId: '00000000-0000-4000-8000-000000000000', counted: 1 }] })],
    ['adjustment', () => env.as('officer2').post('/api/supplies/adjustments', { siteId: tree.elder1.id, batchId: '00000000-0000-4000-8000-000000000000', quantity: 1, reason: '核对' })],
    ['ledger of a site', () => env.as('officer2').get(`/api/supplies/ledger?siteId=${tree.elder1.id}`)],
    ['orders of a town', () => env.as('officer2').get(`/api/supplies/orders?townId=${tree.town1.id}`)],
    ['overview of a town', () => env.as('officer2').get(`/api/supplies/overview?townId=${tree.town1.id}`)],
    ['history', () => env.as('officer2').get(`/api/supplies/history?siteId=${tree.elder1.id}&itemId=${items['医用外科口罩'] ?? ''}`)],
  ])('another town\'s officer: %s → 404', async (_l, call) => {
    expect((await call()).statusCode).toBe(404);
  });

  it('the inspector reads but does not write', async () => {
    expect((await env.as('inspector1').get(`/api/sites/${tree.elder1.id}/supplies`)).statusCode).toBe(200);
    expect((await env.as('inspector1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: items['护目镜'], quantity: 1 })).statusCode).toBe(403);
  });

  it('lists hold only the caller\'s town', async () => {
    const entries = (await env.as('officer2').get('/api/supplies/ledger?limit=500')).json().entries as { siteId: string }[];
    expect(entries.every((e) => e.siteId === tree.elder2.id)).toBe(true);
    const overview = (await env.as('officer2').get('/api/supplies/overview')).json();
    expect(overview.sites.map((s: { siteId: string }) => s.siteId)).toEqual([tree.elder2.id]);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('at the same moment (PostgreSQL)', () => {
  it('two issues of the last units of a batch cannot both succeed', async () => {
    const caps = items['一次性工作帽'] ?? '';
    const r = await env.as('staff1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: caps, quantity: 10 });
    const batchId = r.json().batch.id as string;
    const answers = await Promise.all([1, 2, 3, 4].map(() => env.as('staff1').post('/api/supplies/issues', { siteId: tree.elder1.id, itemId: caps, quantity: 10, batchId })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 400, 400, 400]);
    const left = await env.database.pool.query('select quantity from supply_batches where id = $1', [batchId]);
    expect(left.rows[0].quantity).toBe(0);
  });

  it('issues without a batch, at once, never take more than there is', async () => {
    const caps = items['一次性工作帽'] ?? '';
    await env.as('staff1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: caps, quantity: 30 });
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => env.as('staff1').post('/api/supplies/issues', { siteId: tree.elder1.id, itemId: caps, quantity: 10 })));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(3);
    expect((await cover('staff1', tree.elder1, caps))?.stock).toBe(0);
  });
});
