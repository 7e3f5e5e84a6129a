import { useMemo } from 'react';
import { Card, DatePicker, Flex, Select, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { LEDGER_KINDS, type LedgerEntry, type LedgerKind } from '@fangkong/domain';
import type { LedgerFilter } from './api';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryTable } from '../../components/shared/ServerTable';
import { pageParams, useUrlParams } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { DeltaText, isoDay, ledgerKindOf, LedgerKindTag, SupplyItemSelect, SupplySiteSelect } from './suppliesUi';
import { useSupplyItems, useSupplyLedger, useSupplySites } from './useSupplies';
import { formatAt } from '../../components/shared/time';

const PAGE_SIZES = [50, 100, 200] as const;

/** `/supplies/ledger`: every receipt, issue, transfer, adjustment and count, newest first (the ledger is never edited). */
export function LedgerPage() {
  const t = useT();
  const { params, update, onPage } = useUrlParams(PAGE_SIZES[0]);
  const { sites, query: sitesQuery } = useSupplySites();
  const items = useSupplyItems(true);
  const siteId = params.get('siteId') || undefined;
  const itemId = params.get('itemId') || undefined;
  const kind = ledgerKindOf(params.get('kind'));
  const from = isoDay(params.get('from'));
  const to = isoDay(params.get('to'));
  const { page, pageSize } = pageParams(params, PAGE_SIZES);
  const filter = useMemo<LedgerFilter>(() => ({ siteId, itemId, kind, from, to }), [siteId, itemId, kind, from, to]);
  const ledger = useSupplyLedger(filter, pageSize, (page - 1) * pageSize);
  const range: [Dayjs, Dayjs] | null = from && to ? [dayjs(from), dayjs(to)] : null;

  const columns: TableColumnsType<LedgerEntry> = [
    {
      title: t('supplies.col.day'),
      dataIndex: 'day',
      width: 150,
      fixed: 'left',
      render: (_: unknown, e) => (
        <Tooltip title={formatAt(e.createdAt, 'YYYY-MM-DD HH:mm:ss')}>
          <span>{e.day}</span>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatAt(e.createdAt, 'HH:mm')}</Typography.Text>
        </Tooltip>
      ),
    },
    { title: t('people.field.site'), dataIndex: 'siteName', width: 160, ellipsis: true },
    { title: t('supplies.field.item'), dataIndex: 'itemName', width: 130 },
    { title: t('supplies.col.kind'), dataIndex: 'kind', width: 100, render: (_: unknown, e) => <LedgerKindTag kind={e.kind} /> },
    {
      title: t('supplies.col.delta'),
      dataIndex: 'delta',
      width: 120,
      align: 'right',
      render: (_: unknown, e) => <DeltaText delta={e.delta} unit={e.unit} />,
    },
    {
      title: t('supplies.field.batch'),
      dataIndex: 'batch',
      width: 170,
      render: (_: unknown, e) => (
        <span>
          {e.batch ?? <Typography.Text type="secondary">{t('supplies.batch.noNumber')}</Typography.Text>}
          {e.expiresOn && <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{t('supplies.batch.expiresOn', { date: e.expiresOn })}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('supplies.col.detail'),
      key: 'detail',
      width: 240,
      render: (_: unknown, e) => {
        const parts = [
          e.counterpartSiteName ? t(e.kind === 'transfer_in' ? 'supplies.fromSite' : 'supplies.toSite', { site: e.counterpartSiteName }) : undefined,
          e.issuedTo ? t('supplies.issuedToValue', { value: e.issuedTo }) : undefined,
          e.reason ? t('supplies.reasonValue', { value: e.reason }) : undefined,
          e.note ?? undefined,
        ].filter(Boolean);
        return <span style={{ whiteSpace: 'normal' }}>{parts.join(' · ')}</span>;
      },
    },
    { title: t('supplies.col.createdBy'), dataIndex: 'createdBy', width: 110, render: (_: unknown, e) => e.createdBy ?? '' },
  ];

  return (
    <>
      <PageHeader title={t('supplies.ledger.title')} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          {sites.length !== 1 && (
            <SupplySiteSelect
              sites={sites}
              loading={sitesQuery.isPending}
              allowClear
              placeholder={t('people.allSites')}
              value={siteId}
              onChange={(v) => update({ siteId: v })}
              data-testid="ledger-site"
            />
          )}
          <SupplyItemSelect items={items.data ?? []} allowClear value={itemId} onChange={(v) => update({ itemId: v })} data-testid="ledger-item" />
          <Select<LedgerKind>
            allowClear
            placeholder={t('supplies.col.kind')}
            aria-label={t('supplies.col.kind')}
            value={kind}
            onChange={(v) => update({ kind: v })}
            options={LEDGER_KINDS.map((k) => ({ value: k, label: t(`supplies.kind.${k}`) }))}
            style={{ minWidth: 120 }}
            data-testid="ledger-kind"
          />
          <DatePicker.RangePicker
            value={range}
            aria-label={t('supplies.col.day')}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            inputReadOnly
          />
        </Flex>
        <QueryTable
          query={ledger}
          rows={(d) => d.entries}
          page={page}
          pageSize={pageSize}
          onPage={onPage}
          columns={columns}
          pageSizes={PAGE_SIZES}
          scrollX={1200}
          totalText={(count) => t('visits.total', { count })}
          emptyText={t('supplies.ledger.empty')}
          data-testid="ledger-table"
        />
      </Card>
    </>
  );
}
