import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AuditEntry, AuditOutcome } from '@fangkong/domain';
import type { AuditFilter } from '../../api/endpoints';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { useT } from '../../i18n/useT';
import { AuditFilters } from './AuditFilters';
import { useAudit } from './useAudit';
import { formatAt } from '../../components/shared/time';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { ok: 'green', denied: 'orange', failed: 'red' };

/** The audit trail, newest first, filterable, with "load more". */
export function AuditPage() {
  const t = useT();
  const [filter, setFilter] = useState<AuditFilter>({});
  const audit = useAudit(filter);
  const entries = useMemo(() => audit.data?.pages.flatMap((p) => p.entries) ?? [], [audit.data]);

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.col.at'),
      dataIndex: 'at',
      width: 170,
      render: (_: unknown, e) => <span title={e.at}>{formatAt(e.at, 'YYYY-MM-DD HH:mm:ss')}</span>,
    },
    { title: t('audit.col.actor'), dataIndex: 'actorName', render: (_: unknown, e) => e.actorName ?? e.actorId ?? t('audit.system') },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      render: (_: unknown, e) => <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{e.action}</Typography.Text>,
    },
    {
      title: t('audit.col.target'),
      dataIndex: 'targetId',
      render: (_: unknown, e) => [e.targetType, e.targetId].filter(Boolean).join(': '),
    },
    {
      title: t('audit.col.outcome'),
      dataIndex: 'outcome',
      render: (_: unknown, e) => <Tag color={OUTCOME_COLORS[e.outcome]}>{t(`outcome.${e.outcome}`)}</Tag>,
    },
    { title: t('audit.col.requestId'), dataIndex: 'requestId', render: (_: unknown, e) => e.requestId ?? '' },
    { title: t('audit.col.ip'), dataIndex: 'ip', render: (_: unknown, e) => e.ip ?? '' },
    {
      title: t('audit.col.detail'),
      dataIndex: 'detail',
      width: 320,
      render: (_: unknown, e) => (e.detail
        ? (
          <Typography.Paragraph className="fk-json" style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: 'collapsible' }}>
            {JSON.stringify(e.detail)}
          </Typography.Paragraph>
        )
        : ''),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card>
        <AuditFilters onApply={setFilter} />
        {audit.isError && entries.length === 0 ? <ErrorResult error={audit.error} onRetry={() => void audit.refetch()} /> : (
          <>
            <Table<AuditEntry>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={entries}
              loading={audit.isPending}
              pagination={false}
              scroll={{ x: 1200 }}
              locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
              data-testid="audit-table"
            />
            <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }} wrap>
              {entries.length > 0 && <Typography.Text type="secondary">{t('audit.shown', { count: entries.length })}</Typography.Text>}
              {audit.hasNextPage
                ? (
                  <Button loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
                    {t('audit.loadMore')}
                  </Button>
                )
                : entries.length > 0 && <Typography.Text type="secondary">{t('audit.noMore')}</Typography.Text>}
            </Flex>
            {audit.isFetchNextPageError && <ErrorResult error={audit.error} onRetry={() => void audit.fetchNextPage()} />}
          </>
        )}
      </Card>
    </>
  );
}
