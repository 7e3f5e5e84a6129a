import type { Alert } from '@fangkong/domain';

/** The open fever alerts whose report to a level is past its deadline (R2.4), oldest deadline first. */
export function lateReports(alerts: readonly Alert[]): { alert: Alert; late: Alert['reports']; since: string }[] {
  return alerts
    .map((alert) => ({ alert, late: alert.reports.filter((r) => r.state === 'late') }))
    .filter((x) => x.late.length > 0)
    .map((x) => ({ ...x, since: x.late.map((r) => r.dueAt).sort()[0] ?? '' }))
    .sort((a, b) => a.since.localeCompare(b.since));
}
