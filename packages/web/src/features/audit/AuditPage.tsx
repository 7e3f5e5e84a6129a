import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { auditActionLabel, type AuditEntry, type AuditOutcome } from '@fangkong/domain';
import type { AuditFilter } from './api';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import type { MessageKey } from '../../i18n/catalogues';
import { useI18n, useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { useOrgNodes } from '../org/useOrg';
import { detailLines, type DetailWords } from './auditDetail';
import { AuditFilters } from './AuditFilters';
import { useAudit } from './useAudit';
import { formatAt } from '../../components/shared/time';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { ok: 'green', denied: 'orange', failed: 'red' };

/** An entry's details as labelled values, not as raw JSON. */
function Details({ detail, words }: { detail: Record<string, unknown>; words: DetailWords }) {
  return (
    <Flex vertical gap={2} data-testid="audit-detail">
      {detailLines(detail, words).map((l) => (
        <Typography.Text key={l.key} style={{ fontSize: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.label}</Typography.Text> {l.value}
        </Typography.Text>
      ))}
    </Flex>
  );
}

const DETAIL_KEYS: Readonly<Record<string, MessageKey>> = {
  added: 'audit.detail.added',
  removed: 'audit.detail.removed',
  reason: 'audit.detail.reason',
  fields: 'audit.detail.fields',
  from: 'audit.detail.from',
  to: 'audit.detail.to',
  roles: 'accounts.col.roles',
  username: 'accounts.field.username',
  personId: 'accounts.field.person',
};

const DETAIL_CODES: Readonly<Record<string, MessageKey>> = {
  person_left: 'audit.code.person_left',
  manual: 'audit.code.manual',
  wrong_password: 'audit.code.wrong_password',
  wrong_code: 'audit.code.wrong_code',
  missing_code: 'audit.code.missing_code',
  reused_code: 'audit.code.reused_code',
  used_recovery_code: 'audit.code.used_recovery_code',
  required_by_role: 'audit.code.required_by_role',
  displayName: 'accounts.field.displayName',
  phone: 'accounts.field.phone',
  email: 'accounts.field.email',
  locale: 'accounts.field.locale',
  roles: 'accounts.col.roles',
  personId: 'accounts.field.person',
  disabled: 'accountStatus.disabled',
};

/** The page's words for a detail: its keys, roles, the nodes the reader sees, and known codes. */
function useDetailWords(): DetailWords {
  const t = useT();
  const nodes = useOrgNodes(useCan('org.read'));
  return useMemo(() => {
    const names = new Map((nodes.data ?? []).map((n) => [n.id, n.name]));
    const known = (table: Readonly<Record<string, MessageKey>>, k: string) => {
      const key = Object.hasOwn(table, k) ? table[k] : undefined;
      return key ? t(key) : undefined;
    };
    return {
      key: (k) => known(DETAIL_KEYS, k),
      role: (r) => t(`role.${r}`),
      node: (id) => names.get(id),
      code: (v) => known(DETAIL_CODES, v),
    };
  }, [nodes.data, t]);
}

/** The audit trail, newest first, filterable, with "load more". */
export function AuditPage() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>({});
  const audit = useAudit(filter);
  const words = useDetailWords();
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
      // An account is named as people know it; other records by kind and id.
      render: (_: unknown, e) => (e.targetName
        ? <span title={e.targetId ?? undefined} data-testid="audit-target">{t('audit.target.account', { name: e.targetName })}</span>
        : [e.targetType, e.targetId].filter(Boolean).join(': ')),
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
      render: (_: unknown, e) => (e.detail ? <Details detail={e.detail} words={words} /> : ''),
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
