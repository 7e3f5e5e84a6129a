import { Card, Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { formatAt } from '../../components/shared/time';
import { useT } from '../../i18n/useT';
import { lateReports } from './reportRules';
import { useAlerts } from './useHealth';

/** Enough for a city's open alerts on one board; more would be a list page's work. */
const LIMIT = 200;

/**
 * The escalation board's card of fever reports not made in time: which site, whom, which level has
 * not been told and since when. Incidents have their own chains above; these are the alerts' own.
 */
export function LateFeverReports() {
  const t = useT();
  const alerts = useAlerts({ status: 'open', limit: LIMIT });
  const rows = lateReports(alerts.data ?? []);
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: t('alerts.col.site'), key: 'site', render: (_: unknown, r) => r.alert.siteName },
    { title: t('alerts.col.person'), key: 'person', render: (_: unknown, r) => <Link to={`/alerts/${r.alert.id}`}>{r.alert.personName}</Link> },
    {
      title: t('alertReport.board.levels'), key: 'levels',
      render: (_: unknown, r) => r.late.map((x) => <Tag key={x.to} color="red">{t(`alertReport.to.${x.to}`)}</Tag>),
    },
    { title: t('alertReport.board.since'), key: 'since', width: 150, render: (_: unknown, r) => formatAt(r.since, 'MM-DD HH:mm') },
  ];
  return (
    <Card size="small" title={t('alertReport.board.title')} data-testid="board-late-fever-reports"
      extra={rows.length > 0 ? <Typography.Text type="danger">{t('alertReport.board.count', { count: rows.length })}</Typography.Text> : undefined}>
      {alerts.isError && !alerts.data ? <ErrorResult error={alerts.error} onRetry={() => void alerts.refetch()} /> : rows.length === 0 && !alerts.isPending
        ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alertReport.board.none')} />
        : <Table rowKey={(r) => r.alert.id} size="small" loading={alerts.isPending} pagination={false} columns={columns} dataSource={rows} scroll={{ x: 520 }} />}
    </Card>
  );
}
