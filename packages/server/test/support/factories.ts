import {
  localDay,
  type Alert, type CreateIncident, type CreatePerson, type CreatePlacement, type CreateRoom, type CreateSession, type CreateSupplyItem,
  type CreateTest, type GuardRegistration, type Incident, type IncidentAttachment, type LabImport, type LedgerEntry, type NotificationRule,
  type NotificationRuleInput, type Person, type Placement, type Reading, type ReadingInput, type Receipt, type Role, type Room, type Session,
  type SessionPerson, type SiteType, type SupplyBatch, type SupplyItem, type TestRecord, type Visit,
} from '@fangkong/domain';
import { outbox, userNotifications } from '../../src/db/schema.js';
import { makeId } from '../people-fixtures.js';
import type { TestEnv } from './app.js';
import type { Client, InjectResponse } from './client.js';
import type { TreeNode } from './tree.js';
import { createUser } from './users.js';

/*
 * One of each record the tests keep building, made through the API as a user would (so that the
 * record is what the routes make, with its audit entries and notifications). Each factory acts as
 * the user named 'admin' (a bureau admin the test file creates) unless given `by`; each answers
 * the record as the API answers it.
 */

interface By { by?: Client }

let seq = 0;
const next = () => ++seq;
/** Digits as Chinese numerals, so that generated names read as names and are unique per process. */
const han = (n: number) => [...String(n)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('');

async function made<T>(res: InjectResponse, what: string, status = 201): Promise<T> {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res.json<T>();
}

const actor = (env: TestEnv, o: By | undefined) => o?.by ?? env.as('admin');

/** A signed-in user holding `role` at `node`: a client with the user's id. */
export async function newUser(env: TestEnv, role: Role, node: TreeNode, username = `${role}-${next()}`): Promise<Client & { id: string }> {
  const id = await createUser(env.database, username, [[role, node]]);
  return { ...env.as(username), id };
}

/** A site of `type` in a town (a tree node as buildTree gives them). */
export async function newSite(env: TestEnv, town: TreeNode, type: SiteType = 'elderly_care', o: By & { name?: string; capacity?: number } = {}): Promise<TreeNode> {
  const name = o.name ?? `${town.name}${han(next())}号机构`;
  const res = await actor(env, o).post('/api/org/nodes', { parentId: town.id, kind: 'site', siteType: type, name, ...(o.capacity === undefined ? {} : { capacity: o.capacity }) });
  const { node } = await made<{ node: TreeNode }>(res, `site ${name}`);
  return { id: node.id, path: node.path, depth: node.depth, name };
}

/** A unique valid ID number (birth dates in 1930, which no test picks by hand). */
export function freshIdNumber(): string {
  const n = next();
  return makeId('350102', `193001${String(1 + (Math.floor(n / 999) % 28)).padStart(2, '0')}`, 1 + (n % 999));
}

/**
 * A person at a site (or a grid cell of a community, with `gridNodeId`). Staff by default: the
 * one kind every type of site registers. A unique ID number unless `idNumber` or `idUnknown` is given.
 */
export async function newPerson(env: TestEnv, site: Pick<TreeNode, 'id'>, overrides: Partial<CreatePerson> = {}, o: By = {}): Promise<Person> {
  const id = overrides.idNumber !== undefined || overrides.idUnknown ? {} : { idNumber: freshIdNumber() };
  const body = { siteId: site.id, name: `人员${han(next())}`, kind: 'staff', ...id, ...overrides };
  return (await made<{ person: Person }>(await actor(env, o).post('/api/people', body), `person ${body.name}`)).person;
}

/** A reading of a person; a temperature of 37.3 ℃ or more opens an alert. Answers `{ reading, alert }`. */
export async function newReading(env: TestEnv, personId: string, temperature: number, overrides: Partial<ReadingInput> = {}, o: By = {}): Promise<{ reading: Reading; alert: Alert | null }> {
  return made(await actor(env, o).post('/api/readings', { personId, temperature, ...overrides }), 'reading');
}

/** A fever alert, opened by a reading of 38.9 ℃. */
export async function newAlert(env: TestEnv, personId: string, o: By & { temperature?: number } = {}): Promise<Alert> {
  const { alert } = await newReading(env, personId, o.temperature ?? 38.9, {}, o);
  if (!alert) throw new Error('the reading opened no alert');
  return alert;
}

/** An observation (or isolation) room at a site. */
export async function newRoom(env: TestEnv, site: Pick<TreeNode, 'id'>, overrides: Partial<CreateRoom> = {}, o: By = {}): Promise<Room> {
  const body = { siteId: site.id, name: `观察室${han(next())}`, kind: 'observation', capacity: 2, ...overrides };
  return (await made<{ room: Room }>(await actor(env, o).post('/api/rooms', body), 'room')).room;
}

/** A person placed in a room. */
export async function newPlacement(env: TestEnv, personId: string, roomId: string, overrides: Partial<CreatePlacement> = {}, o: By = {}): Promise<Placement> {
  return (await made<{ placement: Placement }>(await actor(env, o).post('/api/placements', { personId, roomId, reason: 'suspected_case', ...overrides }), 'placement')).placement;
}

/** A test record of a person, sampled an hour ago and pending unless `result` is given. */
export async function newTest(env: TestEnv, personId: string, overrides: Partial<CreateTest> = {}, o: By = {}): Promise<TestRecord> {
  const body = { personId, sampledAt: new Date(Date.now() - 3_600_000).toISOString(), ...overrides };
  return (await made<{ test: TestRecord }>(await actor(env, o).post('/api/tests', body), 'test')).test;
}

/** A sampling session of a town for its sites, on the deployment's tomorrow unless `date` is given. */
export async function newSession(env: TestEnv, town: TreeNode, sites: TreeNode[], overrides: Partial<CreateSession> = {}, o: By = {}): Promise<{ session: Session; people: SessionPerson[] }> {
  const body = {
    townId: town.id, date: localDay(new Date(Date.now() + 86_400_000), env.config.timeZone), collectionPoint: `${town.name}卫生院`,
    siteIds: sites.map((s) => s.id), ...overrides,
  };
  return made(await actor(env, o).post('/api/test-sessions', body), 'session');
}

/** A lab's result file previewed by `by` (an import belongs to whoever uploaded it). */
export async function newLabImport(env: TestEnv, by: Client, rows: { name: string; idNumber?: string; sampledAt: string; result: string }[]): Promise<LabImport> {
  const csv = `姓名,身份证号,采样时间,检测结果\n${rows.map((r) => [r.name, r.idNumber ?? '', r.sampledAt, r.result].join(',')).join('\n')}\n`;
  return made(await by.upload('/api/tests/imports?filename=lab.csv', Buffer.from(csv), 'text/csv'), 'lab import');
}

/** An item of the supplies catalogue (the bureau's). */
export async function newSupplyItem(env: TestEnv, overrides: Partial<CreateSupplyItem> = {}, o: By = {}): Promise<SupplyItem> {
  const body = { name: `物资${han(next())}`, category: 'other', unit: '个', ...overrides };
  return (await made<{ item: SupplyItem }>(await actor(env, o).post('/api/supplies/items', body), 'supply item')).item;
}

/** Stock received at a site: `{ entry, batch }`. */
export async function newReceipt(
  env: TestEnv, site: Pick<TreeNode, 'id'>, itemId: string, quantity: number, overrides: Partial<Receipt> = {}, o: By = {},
): Promise<{ entry: LedgerEntry; batch: SupplyBatch }> {
  return made(await actor(env, o).post('/api/supplies/receipts', { siteId: site.id, itemId, quantity, ...overrides }), 'receipt');
}

/** A visitor registered at a site's gate by its guard. */
export async function newVisit(env: TestEnv, site: Pick<TreeNode, 'id'>, overrides: Partial<GuardRegistration> = {}, o: By = {}): Promise<Visit> {
  const body = { siteId: site.id, name: `访客${han(next())}`, phone: '13800138000', visiting: '家属', healthCode: 'green', riskAreaTravel: false, ...overrides };
  return (await made<{ visit: Visit }>(await actor(env, o).post('/api/visits', body), 'visit')).visit;
}

/** An incident at a site (a suspected case unless `type` is given), with its escalation steps. */
export async function newIncident(env: TestEnv, site: TreeNode, overrides: Partial<CreateIncident> = {}, o: By = {}): Promise<Incident> {
  const body = { siteId: site.id, type: 'suspected_case', summary: `${site.name}疑似病例${han(next())}`, ...overrides };
  return (await made<{ incident: Incident }>(await actor(env, o).post('/api/incidents', body), 'incident')).incident;
}

/** A document of an incident (a small PNG). */
export async function newAttachment(env: TestEnv, incidentId: string, o: By & { name?: string } = {}): Promise<IncidentAttachment> {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
  const res = await actor(env, o).upload(`/api/incidents/${incidentId}/attachments`, png, 'image/png', o.name ?? `现场照片${han(next())}.png`);
  return (await made<{ attachment: IncidentAttachment }>(res, 'attachment')).attachment;
}

/** A notification rule of a node (in-app to its town officers unless overridden). */
export async function newRule(env: TestEnv, node: TreeNode, overrides: Partial<NotificationRuleInput> = {}, o: By = {}): Promise<NotificationRule> {
  const body = { nodeId: node.id, event: 'fever_alert', channel: 'in_app', role: 'town_officer', ...overrides };
  return (await made<{ rule: NotificationRule }>(await actor(env, o).post('/api/notification-rules', body), 'rule')).rule;
}

/** A message in a user's bell (written as the notifier writes it). */
export async function newNotification(env: TestEnv, userId: string, title = `通知${han(next())}`): Promise<string> {
  const [row] = await env.database.db.insert(userNotifications).values({
    userId, kind: 'test', title, text: title, titleEn: 'Notification', textEn: 'Notification', url: null, dedupeKey: `factory:${next()}`,
  }).returning({ id: userNotifications.id });
  if (!row) throw new Error('notification not written');
  return row.id;
}

/** A dead letter of the outbox in a jurisdiction (its sending gave up). */
export async function newDeadLetter(env: TestEnv, orgPath: string, target = 'https://hooks.example.org/fangkong'): Promise<string> {
  const [row] = await env.database.db.insert(outbox).values({
    channel: 'webhook', target, payload: { title: `死信${han(next())}`, kind: 'test' }, idempotencyKey: `factory:${next()}`,
    status: 'dead', attempts: 6, lastError: 'HTTP 500', orgPath,
  }).returning({ id: outbox.id });
  if (!row) throw new Error('dead letter not written');
  return row.id;
}
