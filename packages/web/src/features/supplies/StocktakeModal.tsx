import { useState } from 'react';
import { Alert, App, Empty, Input, InputNumber, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Stocktake, type SiteSupplies, type SupplyBatch } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { errorsByRow, RowMessages } from '../../components/shared/entrySheet';
import { fieldMessage, issueMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { blank } from '../../components/shared/zodForm';
import { BatchStateTag, DeltaText, num } from './suppliesUi';
import { useStocktake } from './useSupplies';

/** `body.counts.3.counted` → the row sent fourth. */
function countIndex(path: string): { index: number; field: string | undefined } | undefined {
  const m = /(?:^|\.)counts\.(\d+)(?:\.(\w+))?$/.exec(path);
  return m ? { index: Number(m[1]), field: m[2] } : undefined;
}

/** 盘点: every batch in stock counted; the differences are shown before anything is recorded (audited). */
export function StocktakeModal({ site, onClose }: { site: SiteSupplies; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const stocktake = useStocktake();
  const [counts, setCounts] = useState<Record<string, number | null>>(() => Object.fromEntries(site.batches.map((b) => [b.id, b.quantity])));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const itemOf = (b: SupplyBatch) => site.items.find((i) => i.itemId === b.itemId);

  const diffOf = (b: SupplyBatch): number | null => {
    const c = counts[b.id];
    return typeof c === 'number' ? c - b.quantity : null;
  };
  const differing = site.batches.filter((b) => (diffOf(b) ?? 0) !== 0);

  const setCount = (id: string, value: number | null) => {
    setCounts((prev) => ({ ...prev, [id]: value }));
    setErrors((prev) => {
      if (!(id in prev)) return prev;
      const next = { ...prev };
      delete next[id];
      return next;
    });
  };

  const submit = () => {
    const sent = site.batches.map((b) => b.id);
    const input = { siteId: site.siteId, counts: site.batches.map((b) => ({ batchId: b.id, counted: counts[b.id] ?? undefined })), note: blank(note) };
    const parsed = Stocktake.safeParse(input);
    if (!parsed.success) {
      const byRow: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const at = countIndex(issue.path.map(String).join('.'));
        const key = at ? sent[at.index] : undefined;
        if (key) (byRow[key] ??= []).push(issueMessage(issue, t));
      }
      setErrors(byRow);
      return;
    }
    setFailure(null);
    stocktake.mutate(parsed.data, {
      onSuccess: ({ entries }) => {
        void message.success(entries.length === 0 ? t('supplies.stocktakeNoDifference') : t('supplies.stocktakeRecorded', { count: entries.length }));
        onClose();
      },
      onError: (e) => {
        const byRow = errorsByRow(e, sent, countIndex, (m) => fieldMessage(m));
        setErrors(byRow);
        setFailure(Object.keys(byRow).length > 0 ? null : e);
      },
    });
  };

  const columns: TableColumnsType<SupplyBatch> = [
    { title: t('supplies.field.item'), key: 'item', width: 130, render: (_: unknown, b) => itemOf(b)?.itemName ?? '' },
    {
      title: t('supplies.field.batch'),
      key: 'batch',
      width: 170,
      render: (_: unknown, b) => (
        <span>
          {b.batch ?? t('supplies.batch.noNumber')}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.expiresOn ?? ''}</Typography.Text>{' '}
          <BatchStateTag batch={b} day={site.day} />
        </span>
      ),
    },
    { title: t('supplies.book'), dataIndex: 'quantity', width: 90, align: 'right', render: (_: unknown, b) => num(b.quantity) },
    {
      title: t('supplies.counted'),
      key: 'counted',
      width: 140,
      render: (_: unknown, b) => (
        <>
          <InputNumber<number>
            min={0}
            precision={0}
            inputMode="numeric"
            value={counts[b.id] ?? null}
            onChange={(v) => setCount(b.id, v)}
            status={errors[b.id] ? 'error' : undefined}
            suffix={itemOf(b)?.unit}
            aria-label={t('supplies.countedFor', { batch: b.batch ?? t('supplies.batch.noNumber') })}
            style={{ width: '100%' }}
            data-testid="stocktake-count"
          />
          <RowMessages messages={errors[b.id]} />
        </>
      ),
    },
    {
      title: t('supplies.difference'),
      key: 'diff',
      width: 100,
      align: 'right',
      render: (_: unknown, b) => {
        const d = diffOf(b);
        return d === null ? '' : <DeltaText delta={d} />;
      },
    },
  ];

  return (
    <FormModal
      title={t('supplies.stocktakeTitle', { site: site.siteName })}
      saving={stocktake.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitDisabled={site.batches.length === 0}
      submitText={differing.length > 0 ? t('supplies.stocktakeSubmit', { count: differing.length }) : t('supplies.stocktakeSubmitNone')}
      submitTestId="stocktake-submit"
      width={760}
      data-testid="stocktake-form"
    >
      <FormFailure failure={failure} data-testid="supplies-form-error" />
      {site.batches.length === 0
        ? <Empty description={t('supplies.noBatches')} />
        : (
          <>
            <Table<SupplyBatch>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={site.batches}
              pagination={false}
              scroll={{ x: 630, y: 420 }}
              rowClassName={(b) => ((diffOf(b) ?? 0) !== 0 ? 'fk-row-warning' : '')}
            />
            <Alert
              type={differing.length > 0 ? 'warning' : 'success'}
              showIcon
              style={{ marginTop: 12 }}
              title={differing.length > 0 ? t('supplies.stocktakeDiffers', { count: differing.length }) : t('supplies.stocktakeMatches')}
              data-testid="stocktake-summary"
            />
            <Input
              style={{ marginTop: 12 }}
              maxLength={200}
              placeholder={t('supplies.field.note')}
              aria-label={t('supplies.field.note')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </>
        )}
    </FormModal>
  );
}
