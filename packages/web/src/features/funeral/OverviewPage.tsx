import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { FuneralSiteDay } from '@fangkong/domain';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { SitesOverviewTable } from '../../components/shared/siteOverview';
import { useT } from '../../i18n/useT';
import { useFuneralOverview } from './useFuneral';

/** A count, red and bold when any. */
function Flagged({ value, testId }: { value: number; testId?: string }): ReactNode {
  return <Typography.Text type={value > 0 ? 'danger' : undefined} strong={value > 0} className="fk-num" data-testid={testId}>{value}</Typography.Text>;
}

/** The totals of every column. */
export function funeralTotals(sites: readonly FuneralSiteDay[]) {
  const sum = (k: 'events' | 'attendees' | 'hallsInUse' | 'missedDisinfections' | 'awaitingFinal' | 'openCases' | 'lateSteps') => sites.reduce((n, s) => n + s[k], 0);
  return {
    events: sum('events'), attendees: sum('attendees'), hallsInUse: sum('hallsInUse'), missedDisinfections: sum('missedDisinfections'),
    awaitingFinal: sum('awaitingFinal'), openCases: sum('openCases'), lateSteps: sum('lateSteps'),
  };
}

/** `/funeral/overview`: the funeral sites' day for the bureau and the towns, each row leading to the site's day. */
export function FuneralOverviewPage() {
  const t = useT();
  const overview = useFuneralOverview();
  const columns: TableColumnsType<FuneralSiteDay> = [
    {
      title: t('funeral.case.site'), dataIndex: 'siteName', width: 180, fixed: 'left',
      render: (_: unknown, s) => <Link to={`/funeral?siteId=${encodeURIComponent(s.siteId)}`}>{s.siteName}</Link>,
    },
    { title: t('funeral.overview.town'), dataIndex: 'townName', width: 120, render: (_: unknown, s) => s.townName ?? '' },
    { title: t('funeral.overview.events'), dataIndex: 'events', width: 90, align: 'right' },
    { title: t('funeral.overview.attendees'), dataIndex: 'attendees', width: 90, align: 'right' },
    { title: t('funeral.overview.hallsInUse'), dataIndex: 'hallsInUse', width: 100, align: 'right' },
    { title: t('funeral.overview.missed'), dataIndex: 'missedDisinfections', width: 120, align: 'right', render: (_: unknown, s) => <Flagged value={s.missedDisinfections} testId="overview-missed" /> },
    { title: t('funeral.overview.awaitingFinal'), dataIndex: 'awaitingFinal', width: 120, align: 'right', render: (_: unknown, s) => <Flagged value={s.awaitingFinal} /> },
    { title: t('funeral.overview.openCases'), dataIndex: 'openCases', width: 100, align: 'right' },
    { title: t('funeral.overview.lateSteps'), dataIndex: 'lateSteps', width: 100, align: 'right', render: (_: unknown, s) => <Flagged value={s.lateSteps} testId="overview-late" /> },
  ];
  return (
    <>
      <PageHeader title={t('funeral.overview.title')} />
      <QueryState query={overview}>
        {(o) => {
          const total = funeralTotals(o.sites);
          return (
            <Card
              size="small"
              title={<Flex gap={12} wrap><span>{t('funeral.today.day', { day: o.day })}</span><Typography.Text type="secondary">{t('funeral.overview.summary', { sites: o.sites.length, events: total.events, attendees: total.attendees })}</Typography.Text></Flex>}
            >
              <SitesOverviewTable
                columns={columns}
                sites={o.sites}
                size="small"
                scrollX={1000}
                behind={(s) => s.missedDisinfections > 0 || s.lateSteps > 0 || s.awaitingFinal > 0}
                rowTestId="funeral-overview-row"
              />
            </Card>
          );
        }}
      </QueryState>
    </>
  );
}
