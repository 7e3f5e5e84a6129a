import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, createUser, newIncident, newPerson, startTestApp, type TestEnv, type Tree } from './harness.js';

let env: TestEnv;
let tree: Tree;
const ids: Record<string, string> = {};

type Step = { id: string; to: string; state: string; dueAt: string; doneBy: string | null; escalatedTo: string | null };

beforeAll(async () => {
  env = await startTestApp({ TIME_ZONE: 'Asia/Shanghai' });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await createUser(env.database, 'bureau1', [['bureau_officer', tree.bureau]]);
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'officer2', [['town_officer', tree.town2]]);
  await createUser(env.database, 'manager1', [['site_manager', tree.elder1]]);
  await createUser(env.database, 'staff1', [['site_staff', tree.elder1]]);
  await env.signIn('admin', 'bureau1', 'officer1', 'officer2', 'manager1', 'staff1');
  // People's names, shown where their accounts acted (the usernames stay for filters and tests).
  await env.database.pool.query(`update users set display_name = '一号镇社会事务办' where username = 'officer1'`);
  await env.database.pool.query(`update users set display_name = '值班护理员' where username = 'staff1'`);
  ids.person = (await newPerson(env, tree.elder1, { name: '发热老人', kind: 'resident' })).id;
  const reading = await env.as('staff1').post('/api/readings', { personId: ids.person, temperature: 38.9 });
  ids.alert = reading.json().alert.id;
});
afterAll(async () => env.close());

describe('a suspected case climbs the chain (R7.1, R7.3)', () => {
  it('a suspected case climbs the chain, one step after the other, from the alert to its closing', async () => {
    // The manager promotes the fever alert to a suspected case with its steps and deadlines.
    {
      const res = await env.as('manager1').post('/api/incidents', { siteId: tree.elder1.id, type: 'suspected_case', summary: '38.9 ℃ 伴咳嗽', alertId: ids.alert });
      expect(res.statusCode).toBe(201);
      const incident = res.json().incident;
      ids.incident = incident.id;
      expect(incident.people.map((p: { id: string }) => p.id)).toEqual([ids.person]);
      const steps = incident.steps as Step[];
      expect(steps.map((s) => [s.to, s.state])).toEqual([['town', 'pending'], ['bureau', 'pending'], ['health_department', 'pending']]);
      const opened = Date.parse(incident.openedAt);
      expect(Date.parse(steps[0]?.dueAt ?? '') - opened).toBe(60 * 60_000);
      expect(Date.parse(steps[1]?.dueAt ?? '') - opened).toBe(120 * 60_000);
      expect((await env.as('manager1').post('/api/incidents', { siteId: tree.elder1.id, type: 'suspected_case', summary: '再次', alertId: ids.alert })).statusCode).toBe(409);
    }

    // Only the receiving level acknowledges a step.
    {
      const steps = (await env.as('officer1').get(`/api/incidents/${ids.incident ?? ''}`)).json().incident.steps as Step[];
      const town = steps.find((s) => s.to === 'town');
      const bureau = steps.find((s) => s.to === 'bureau');
      const health = steps.find((s) => s.to === 'health_department');
      ids.bureauStep = bureau?.id ?? '';
      ids.healthStep = health?.id ?? '';
      // The site cannot acknowledge for the town; the bureau cannot either; another town does not see it.
      expect((await env.as('manager1').post(`/api/incidents/${ids.incident ?? ''}/steps/${town?.id ?? ''}/ack`)).statusCode).toBe(403);
      expect((await env.as('bureau1').post(`/api/incidents/${ids.incident ?? ''}/steps/${town?.id ?? ''}/ack`)).statusCode).toBe(403);
      expect((await env.as('officer2').post(`/api/incidents/${ids.incident ?? ''}/steps/${town?.id ?? ''}/ack`)).statusCode).toBe(404);
      expect((await env.as('officer1').post(`/api/incidents/${ids.incident ?? ''}/steps/${bureau?.id ?? ''}/ack`)).statusCode).toBe(403);
      // An outside party is recorded as told, not acknowledged.
      expect((await env.as('officer1').post(`/api/incidents/${ids.incident ?? ''}/steps/${health?.id ?? ''}/ack`)).statusCode).toBe(400);
      const ok = await env.as('officer1').post(`/api/incidents/${ids.incident ?? ''}/steps/${town?.id ?? ''}/ack`, { note: '已收到，派员赶往' });
      expect(ok.statusCode).toBe(200);
      expect((ok.json().incident.steps as Step[]).find((s) => s.to === 'town')).toMatchObject({ state: 'done', doneBy: 'officer1', doneByName: '一号镇社会事务办' });
      expect((await env.as('officer1').post(`/api/incidents/${ids.incident ?? ''}/steps/${town?.id ?? ''}/ack`)).statusCode).toBe(409);
    }

    // The health department is recorded as notified by whom and how.
    {
      const res = await env.as('manager1').post(`/api/incidents/${ids.incident ?? ''}/steps/${ids.healthStep ?? ''}/notified`, { how: 'phone', contact: '区疾控中心 值班室' });
      expect(res.statusCode).toBe(200);
      expect((res.json().incident.steps as Step[]).find((s) => s.to === 'health_department')).toMatchObject({ state: 'done', doneBy: 'manager1' });
      expect((await env.as('manager1').post(`/api/incidents/${ids.incident ?? ''}/steps/${ids.bureauStep ?? ''}/notified`, { how: 'phone' })).statusCode).toBe(400);
    }

    // A step past its deadline turns late when the clock passes it, and is flagged to the level above once.
    {
      expect(await env.app.services.incidents.flagLateSteps()).toEqual([]);
      env.app.services.clock.advance(121 * 60_000);
      try {
        const incident = (await env.as('officer1').get(`/api/incidents/${ids.incident ?? ''}`)).json().incident;
        expect((incident.steps as Step[]).find((s) => s.to === 'bureau')?.state).toBe('late');
        expect(incident.lateSteps).toBe(1);
        const flagged = await env.app.services.incidents.flagLateSteps();
        expect(flagged).toEqual([expect.objectContaining({ incidentId: ids.incident, receiver: 'bureau', escalatedTo: 'prefecture_bureau' })]);
        expect(await env.app.services.incidents.flagLateSteps()).toEqual([]);
        const after = (await env.as('officer1').get(`/api/incidents/${ids.incident ?? ''}`)).json().incident;
        expect((after.steps as Step[]).find((s) => s.to === 'bureau')?.escalatedTo).toBe('prefecture_bureau');
        const timeline = (await env.as('officer1').get(`/api/incidents/${ids.incident ?? ''}/timeline`)).json().events as { kind: string }[];
        expect(timeline.map((e) => e.kind)).toEqual(['opened', 'step_done', 'outside_notified', 'step_late']);
        // Who each step event was about is a field of its own, not words in the note.
        expect(timeline.slice(1)).toMatchObject([
          { receiver: 'town', note: '已收到，派员赶往', escalatedTo: null },
          { receiver: 'health_department', how: 'phone', note: '区疾控中心 值班室' },
          { receiver: 'bureau', escalatedTo: 'prefecture_bureau', note: null },
        ]);
        // The alert knows the incident it became.
        expect((await env.as('manager1').get(`/api/alerts/${ids.alert ?? ''}`)).json().alert.incidentId).toBe(ids.incident);
        const late = (await env.as('admin').get('/api/incidents?late=true')).json();
        expect(late.incidents.map((i: { id: string }) => i.id)).toEqual([ids.incident]);
        expect((await env.as('admin').get('/api/incidents/overview')).json()).toMatchObject({ lateSteps: 1, open: [{ type: 'suspected_case', townId: tree.town1.id, count: 1 }] });
        // Acknowledged late, it stays counted as late.
        const acked = await env.as('bureau1').post(`/api/incidents/${ids.incident ?? ''}/steps/${ids.bureauStep ?? ''}/ack`);
        expect((acked.json().incident.steps as Step[]).find((s) => s.to === 'bureau')?.state).toBe('done_late');
      } finally {
        env.app.services.clock.reset();
      }
    }

    // Actions go on the timeline; closing ends it.
    {
      expect((await env.as('staff1').post(`/api/incidents/${ids.incident ?? ''}/actions`, { action: 'called_120', note: '120 已接走' })).statusCode).toBe(201);
      const events = (await env.as('officer1').get(`/api/incidents/${ids.incident ?? ''}/timeline`)).json().events as { action: string | null; by: string | null; byName: string | null }[];
      expect(events.find((e) => e.action === 'called_120')).toMatchObject({ by: 'staff1', byName: '值班护理员' });
      expect((await env.as('staff1').post(`/api/incidents/${ids.incident ?? ''}/actions`, { action: 'flooded' })).statusCode).toBe(400);
      const closed = await env.as('manager1').post(`/api/incidents/${ids.incident ?? ''}/close`, { outcome: '排除新冠肺炎，已返院' });
      expect(closed.json().incident).toMatchObject({ status: 'closed', outcome: '排除新冠肺炎，已返院' });
      expect((await env.as('manager1').post(`/api/incidents/${ids.incident ?? ''}/close`, { outcome: '再次' })).statusCode).toBe(409);
      expect((await env.as('staff1').post(`/api/incidents/${ids.incident ?? ''}/actions`, { action: 'disinfected' })).statusCode).toBe(409);
    }
  });
});

describe('bad input and scope', () => {
  // An incident of town 1 of these tests' own, whatever the story above did with its own.
  const own = { incident: '', healthStep: '' };
  beforeAll(async () => {
    const incident = await newIncident(env, tree.elder1, { summary: '越权测试' });
    own.incident = incident.id;
    own.healthStep = incident.steps.find((st) => st.to === 'health_department')?.id ?? '';
  });

  it('an alert of another site, a person outside the scope, a future time: 400 naming the field', async () => {
    const other = await env.as('manager1').post('/api/incidents', { siteId: tree.elder1.id, type: 'other', summary: '测试', openedAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0].path).toBe('body.openedAt');
    const p2 = await newPerson(env, tree.elder2, { name: '他镇老人', kind: 'resident' });
    const outside = await env.as('manager1').post('/api/incidents', { siteId: tree.elder1.id, type: 'close_contact', summary: '密接', personIds: [p2.id] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0].path).toBe('body.personIds.0');
  });

  it.each([
    ['create at another town\'s site', () => env.as('officer2').post('/api/incidents', { siteId: tree.elder1.id, type: 'other', summary: '测试' })],
    ['read', () => env.as('officer2').get(`/api/incidents/${own.incident}`)],
    ['timeline', () => env.as('officer2').get(`/api/incidents/${own.incident}/timeline`)],
    ['action', () => env.as('officer2').post(`/api/incidents/${own.incident}/actions`, { action: 'other' })],
    ['notify', () => env.as('officer2').post(`/api/incidents/${own.incident}/steps/${own.healthStep}/notified`, { how: 'phone' })],
    ['close', () => env.as('officer2').post(`/api/incidents/${own.incident}/close`, { outcome: '测试结案' })],
    ['list by town', () => env.as('officer2').get(`/api/incidents?townId=${tree.town1.id}`)],
  ])('another town\'s officer: %s → 404', async (_l, call) => {
    expect((await call()).statusCode).toBe(404);
  });

  it('lists and the overview hold only the caller\'s town', async () => {
    expect((await env.as('officer2').get('/api/incidents')).json().total).toBe(0);
    expect((await env.as('officer2').get('/api/incidents/overview')).json()).toMatchObject({ open: [], lateSteps: 0 });
  });
});
