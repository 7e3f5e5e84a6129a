import { describe, expect, it } from 'vitest';
import type { IncidentEvent, IncidentStepView } from '@fangkong/domain';
import type { Translate } from '../../i18n/context';
import { translate } from '../../i18n/dictionaries';
import { attachmentProblem, boardOrder, dueDistance, eventText, incidentNow, nextStep, sizeText, splitMinutes } from './incidentRules';

const T0 = Date.parse('2024-03-01T08:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function step(patch: Partial<IncidentStepView>): IncidentStepView {
  return {
    id: '00000000-0000-4000-8000-000000000001', to: 'town', outside: false, dueAt: at(30), doneAt: null, doneBy: null, doneByName: null, how: null,
    contact: null, note: null, state: 'pending', escalatedTo: null, ...patch,
  };
}

describe('incidentNow', () => {
  const base = { openedAt: at(0), status: 'open' as const, closedAt: null };

  it('is the browser clock when it agrees with the states', () => {
    expect(incidentNow({ ...base, steps: [step({ dueAt: at(30) })] }, T0 + 10 * 60_000)).toBe(T0 + 10 * 60_000);
  });

  it('is past a late step deadline even when the browser clock is behind the server', () => {
    const now = incidentNow({ ...base, steps: [step({ dueAt: at(30), state: 'late' })] }, T0 + 5 * 60_000);
    expect(now).toBeGreaterThan(T0 + 30 * 60_000);
    expect(dueDistance(step({ dueAt: at(30), state: 'late' }), now)).toEqual({ kind: 'late', minutes: 1 });
  });

  it('is not past a pending step deadline when the browser clock is ahead', () => {
    const now = incidentNow({ ...base, steps: [step({ dueAt: at(30) })] }, T0 + 50 * 60_000);
    expect(now).toBe(T0 + 30 * 60_000);
  });

  it('keeps the browser clock when the states contradict each other', () => {
    const steps = [step({ dueAt: at(60), state: 'late' }), step({ dueAt: at(30), state: 'pending' })];
    expect(incidentNow({ ...base, steps }, T0)).toBe(T0);
  });

  it('measures a closed incident at its closing', () => {
    expect(incidentNow({ ...base, status: 'closed', closedAt: at(90), steps: [] }, T0)).toBe(T0 + 90 * 60_000);
  });
});

describe('dueDistance', () => {
  it('counts the minutes left, rounded up', () => {
    expect(dueDistance(step({ dueAt: at(30) }), T0 + 30_000)).toEqual({ kind: 'left', minutes: 30 });
  });

  it('counts the minutes late', () => {
    expect(dueDistance(step({ dueAt: at(30), state: 'late' }), T0 + 42 * 60_000 + 5_000)).toEqual({ kind: 'late', minutes: 12 });
  });

  it('tells a step done in time from one done late', () => {
    expect(dueDistance(step({ doneAt: at(20), state: 'done' }), T0)).toEqual({ kind: 'done' });
    expect(dueDistance(step({ doneAt: at(45), state: 'done_late' }), T0)).toEqual({ kind: 'doneLate', minutes: 15 });
  });
});

describe('splitMinutes', () => {
  it('splits into days, hours and minutes', () => {
    expect(splitMinutes(35)).toEqual({ days: 0, hours: 0, minutes: 35 });
    expect(splitMinutes(125)).toEqual({ days: 0, hours: 2, minutes: 5 });
    expect(splitMinutes(1440 + 61)).toEqual({ days: 1, hours: 1, minutes: 1 });
  });
});

describe('boardOrder and nextStep', () => {
  const incident = (id: string, openedAt: string, steps: IncidentStepView[]) => ({ id, openedAt, steps });

  it('puts incidents with a late step first, then the nearest deadline, then those waiting for nothing', () => {
    const done = incident('done', at(0), [step({ doneAt: at(5), state: 'done' })]);
    const later = incident('later', at(0), [step({ dueAt: at(90) })]);
    const sooner = incident('sooner', at(0), [step({ dueAt: at(40) })]);
    const late = incident('late', at(0), [step({ dueAt: at(200), state: 'late' }), step({ dueAt: at(10) })]);
    expect(boardOrder([done, later, sooner, late]).map((i) => i.id)).toEqual(['late', 'sooner', 'later', 'done']);
    expect(nextStep(late)?.dueAt).toBe(at(200));
  });
});

describe('attachmentProblem', () => {
  it('accepts PDF, PNG and JPEG up to 10 MB', () => {
    expect(attachmentProblem({ type: 'application/pdf', size: 1000 })).toBeNull();
    expect(attachmentProblem({ type: 'image/jpeg', size: 10 * 1024 * 1024 })).toBeNull();
  });

  it('refuses other types, empty and larger files', () => {
    expect(attachmentProblem({ type: 'application/msword', size: 1000 })).toBe('type');
    expect(attachmentProblem({ type: '', size: 1000 })).toBe('type');
    expect(attachmentProblem({ type: 'image/png', size: 0 })).toBe('empty');
    expect(attachmentProblem({ type: 'image/png', size: 10 * 1024 * 1024 + 1 })).toBe('size');
  });

  it('reads sizes', () => {
    expect(sizeText(2.5 * 1024 * 1024)).toBe('2.5 MB');
    expect(sizeText(300)).toBe('1 KB');
  });
});

describe('eventText', () => {
  const en: Translate = (key, vars) => translate('en', key, vars);
  const zh: Translate = (key, vars) => translate('zh-CN', key, vars);
  const event = (patch: Partial<IncidentEvent>): IncidentEvent => ({
    id: '00000000-0000-4000-8000-000000000002', kind: 'opened', action: null, at: at(0), by: null, byName: null, note: null,
    receiver: null, escalatedTo: null, how: null, ...patch,
  });

  it('names the receiver of a step from the event and keeps the note as written', () => {
    expect(eventText(event({ kind: 'step_done', receiver: 'bureau', note: '已知悉' }), zh)).toEqual({ title: '市民政局已确认收到', note: '已知悉' });
    expect(eventText(event({ kind: 'step_done', receiver: 'town' }), en)).toEqual({ title: 'Town (subdistrict) social affairs office acknowledged', note: null });
  });

  it('says where a late step was raised to, and nothing at the top of the chain', () => {
    expect(eventText(event({ kind: 'step_late', receiver: 'town', escalatedTo: 'bureau' }), zh))
      .toEqual({ title: '向乡镇（街道）社会事务办上报超时', note: '已提请市民政局督办' });
    expect(eventText(event({ kind: 'step_late', receiver: 'prefecture_bureau', escalatedTo: null }), en))
      .toEqual({ title: 'Report to Prefecture civil affairs bureau late', note: null });
  });

  it('tells how an outside party was told before the contact and note', () => {
    expect(eventText(event({ kind: 'outside_notified', receiver: 'health_department', how: 'phone', note: '王科长 · 已口头报告' }), zh))
      .toEqual({ title: '已通报卫健部门', note: '电话 · 王科长 · 已口头报告' });
    expect(eventText(event({ kind: 'outside_notified', receiver: 'health_department', how: 'fax' }), en).note).toBe('Fax');
  });

  it('names the attached file in the title', () => {
    expect(eventText(event({ kind: 'attachment', note: '流调报告.pdf' }), zh)).toEqual({ title: '上传附件：流调报告.pdf', note: null });
    expect(eventText(event({ kind: 'attachment', note: 'report.pdf' }), en).title).toBe('Attached report.pdf');
  });

  it('titles an action by what was done', () => {
    expect(eventText(event({ kind: 'action', action: 'isolated', note: '单间' }), zh)).toEqual({ title: '已隔离', note: '单间' });
  });

  it('reads nothing out of a note: a step without a receiver gets the general title', () => {
    expect(eventText(event({ kind: 'step_done', note: 'town: ok' }), en)).toEqual({ title: 'Acknowledged', note: 'town: ok' });
    expect(eventText(event({ kind: 'outside_notified', note: 'health_department · phone' }), en))
      .toEqual({ title: 'Outside party notified', note: 'health_department · phone' });
  });
});
