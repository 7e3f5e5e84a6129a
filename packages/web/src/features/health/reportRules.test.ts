import { describe, expect, it } from 'vitest';
import type { Alert } from '@fangkong/domain';
import { lateReports } from './reportRules';

type Report = Alert['reports'][number];
const report = (to: Report['to'], state: Report['state'], dueAt: string): Report => ({
  to, state, dueAt, outside: to === 'health_department', doneAt: null, doneBy: null, doneByName: null, how: null, contact: null, note: null, escalatedTo: null, told: [],
});
const alert = (id: string, reports: Report[]) => ({ id, reports }) as unknown as Alert;

describe('the board\'s late fever reports', () => {
  it('lists only alerts with a level past its deadline, the oldest deadline first, with the late levels only', () => {
    const rows = lateReports([
      alert('in-time', [report('town', 'pending', '2026-12-04T10:00:00.000Z'), report('bureau', 'done', '2026-12-04T09:00:00.000Z')]),
      alert('bureau-late', [report('town', 'done_late', '2026-12-04T01:00:00.000Z'), report('bureau', 'late', '2026-12-04T03:00:00.000Z')]),
      alert('both-late', [report('town', 'late', '2026-12-04T02:00:00.000Z'), report('bureau', 'late', '2026-12-04T04:00:00.000Z')]),
    ]);
    expect(rows.map((r) => r.alert.id)).toEqual(['both-late', 'bureau-late']);
    expect(rows[0]?.late.map((r) => r.to)).toEqual(['town', 'bureau']);
    expect(rows[0]?.since).toBe('2026-12-04T02:00:00.000Z');
    expect(rows[1]?.late.map((r) => r.to)).toEqual(['bureau']);
  });

  it('a report made late is not late any more', () => {
    expect(lateReports([alert('a', [report('town', 'done_late', '2026-12-04T01:00:00.000Z')])])).toEqual([]);
  });
});
