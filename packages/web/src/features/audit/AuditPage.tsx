import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { auditActionLabel, type AuditEntry, type AuditOutcome } from '@fangkong/domain';
import type { AuditFilter } from './api';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { useI18n } from '../../i18n/useT';
import { AuditFilters } from './AuditFilters';
import { useAudit } from './useAudit';
import { formatAt } from '../../components/shared/time';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { ok: 'green', denied: 'orange', failed: 'red' };

/** A detail's value in words: lists joined, nested records as key: value, nothing as a dash. */
function detailValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map(detailValue).join(', ');
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}: ${detailValue(x)}`).join('; ');
  return '—';
}

/** An entry's details as labelled values, not as raw JSON. */
function Details({ detail }: { detail: Record<string, unknown> }) {
  return (
    <Flex vertical gap={2} data-testid="audit-detail">
      {Object.entries(detail).map(([k, v]) => (
        <Typography.Text key={k} style={{ fontSize: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{k}</Typography.Text> {detailValue(v)}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** The audit trail, newest first, filterable, with "load more". */
export function AuditPage() {
  const { t, locale } = useI18n();
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
    {
      title: t('audit.col.actor'),
      dataIndex: 'actorName',
      // The person's name, with the account underneath (the account is what the filter searches).
      render: (_: unknown, e) => (e.actorName === null && e.actorId === null ? t('audit.system') : (
        <Flex vertical>
          <span>{e.actorDisplayName ?? e.actorName ?? e.actorId}</span>
          {e.actorDisplayName && e.actorName && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.actorName}</Typography.Text>}
        </Flex>
      )),
    },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      render: (_: unknown, e) => <span title={e.action} data-testid="audit-action">{auditActionLabel(e.action, locale)}</span>,
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
      render: (_: unknown, e) => (e.detail ? <Details detail={e.detail} /> : ''),
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
