import { Card, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { IncidentNotice } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { useT } from '../../i18n/useT';
import { time } from './incidentsUi';
import { useIncidentNotices } from './useIncidents';

const STATUS_COLORS: Record<IncidentNotice['status'], string> = { pending: 'blue', delivered: 'green', read: 'default', dead: 'red' };

/** Who was told of the incident, when and how (R7.2): the bells rung, the e-mails and robot messages sent. */
export function IncidentNotices({ incidentId }: { incidentId: string }) {
  const t = useT();
  const notices = useIncidentNotices(incidentId);
  const columns: TableColumnsType<IncidentNotice> = [
    { title: t('incidents.notices.at'), dataIndex: 'at', width: 150, render: (v: string) => time(v) },
    { title: t('incidents.notices.what'), dataIndex: 'kind', width: 110, render: (v: IncidentNotice['kind']) => t(`notifications.event.${v}`) },
    { title: t('incidents.notices.channel'), dataIndex: 'channel', width: 150, render: (v: IncidentNotice['channel']) => t(`notifications.channel.${v}`) },
    { title: t('incidents.notices.to'), dataIndex: 'to' },
    {
      title: t('incidents.notices.status'), dataIndex: 'status', width: 100,
      render: (v: IncidentNotice['status']) => <Tag color={STATUS_COLORS[v]}>{t(`incidents.notices.status.${v}`)}</Tag>,
    },
  ];
  return (
    <Card size="small" title={t('incidents.notices.title')} data-testid="incident-notices">
      {notices.isError ? <ErrorResult error={notices.error} onRetry={() => void notices.refetch()} /> : (
        <Table<IncidentNotice>
          size="small" rowKey={(n) => `${n.at}|${n.channel}|${n.to}|${n.kind}`} columns={columns} dataSource={notices.data ?? []}
          loading={notices.isLoading} pagination={{ pageSize: 10, hideOnSinglePage: true }} locale={{ emptyText: t('incidents.notices.empty') }}
          scroll={{ x: 600 }}
        />
      )}
    </Card>
  );
}
