import { memo, useState, type ReactNode } from 'react';
import {
  AuditOutlined, DownOutlined, ExportOutlined, FileTextOutlined, LineChartOutlined, MobileOutlined, PlusOutlined, RightOutlined, SwapOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { lacksDemandBasis, type ItemCover, type PolicyBody, type SiteSupplies, type SupplyBatch, type SupplyItem } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { useSitePolicy } from '../sites/useSitePolicy';
import { AdjustmentModal } from './AdjustmentModal';
import { HistoryChart } from './HistoryChart';
import { IssueModal } from './IssueModal';
import { PeakModal } from './PeakModal';
import { ReceiptModal } from './ReceiptModal';
import { StocktakeModal } from './StocktakeModal';
import {
  BatchStateTag, batchState, CoverStatusTag, coverText, packsText, quantityText, STATUS_COLOR, SupplySiteSelect,
} from './suppliesUi';
import { TransferModal, type TransferPreset } from './TransferModal';
import { transferTargets, useSiteSupplies, useSupplyItems, useSupplySites, type SupplySite } from './useSupplies';
import './supplies.css';

type Dialog =
  | { kind: 'receipt' | 'issue' | 'peak'; itemId?: string | undefined }
  | { kind: 'adjust'; batchId?: string | undefined }
  | { kind: 'stocktake' }
  | { kind: 'transfer'; preset: TransferPreset };

/** A figure of an item's row: a small label over its value. */
function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fk-supply-figure">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label}</Typography.Text>
      <div>{children}</div>
    </div>
  );
}

interface RowProps {
  item: ItemCover;
  site: SiteSupplies;
  packSize: number | null;
  expanded: boolean;
  canWrite: boolean;
  onToggle: (itemId: string) => void;
  onAction: (dialog: Dialog) => void;
}

/** One item of the site: days of cover (large), status, stock, floor and target, and the order to place. */
const ItemRow = memo(function ItemRow({ item, site, packSize, expanded, canWrite, onToggle, onAction }: RowProps) {
  const t = useT();
  const amount = (days: number) => (item.dailyDemand === null ? '' : t('supplies.about', { value: quantityText(Math.ceil(days * item.dailyDemand), item.unit) }));
  const batches = site.batches.filter((b) => b.itemId === item.itemId);
  return (
    <div className={`fk-supply-row fk-supply-${item.status}`} data-testid="supplies-item-row" data-item-name={item.itemName} data-item-id={item.itemId}>
      <div className="fk-supply-head">
        <div className="fk-supply-name" onClick={() => onToggle(item.itemId)}>
          <Flex gap={6} align="center" wrap>
            <Typography.Text strong style={{ fontSize: 16 }}>{item.itemName}</Typography.Text>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`supplies.category.${item.category}`)}</Tag>
            {item.required && <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="supplies-required">{t('supplies.required')}</Tag>}
          </Flex>
          <Typography.Text type={item.status === 'no_demand_basis' ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
            {item.dailyDemand === null || item.demandFrom === null
              ? t(item.status === 'not_required' ? 'supplies.notRequiredHint' : 'supplies.noDemand')
              : t('supplies.demandLine', { value: quantityText(Math.round(item.dailyDemand * 10) / 10, item.unit), from: t(`supplies.demandFrom.${item.demandFrom}`) })}
          </Typography.Text>
        </div>
        <div className="fk-supply-cover" onClick={() => onToggle(item.itemId)}>
          <div>
            <span className="fk-supply-cover-num" style={{ color: STATUS_COLOR[item.status] }} data-testid="supplies-cover" data-value={item.daysOfCover ?? ''}>
              {coverText(item.daysOfCover)}
            </span>
            <span className="fk-supply-cover-unit">{t('unit.days')}</span>
          </div>
          <CoverStatusTag status={item.status} data-testid="supplies-status" />
        </div>
        <div className="fk-supply-figures" onClick={() => onToggle(item.itemId)}>
          <Figure label={t('supplies.usable')}>
            <span className="fk-num">{quantityText(item.usable, item.unit)}</span>
            {item.stock !== item.usable && (
              <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }}>{t('supplies.expiredStock', { value: quantityText(item.stock - item.usable, item.unit) })}</Typography.Text>
            )}
          </Figure>
          <Figure label={t('supplies.floor')}>
            <span className="fk-num">{t('supplies.daysValue', { days: item.floorDays })}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{amount(item.floorDays)}</Typography.Text>
          </Figure>
          <Figure label={t('supplies.target')}>
            <span className="fk-num">{t('supplies.daysValue', { days: item.targetDays })}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{amount(item.targetDays)}</Typography.Text>
          </Figure>
          <Figure label={t('supplies.expiringSoon')}>
            <span className="fk-num" style={{ color: item.expiringSoon > 0 ? STATUS_COLOR.below_target : undefined }}>{quantityText(item.expiringSoon, item.unit)}</span>
          </Figure>
          <Figure label={t('supplies.suggestedOrder')}>
            <strong className="fk-num" style={{ color: lacksDemandBasis(item) ? STATUS_COLOR.no_demand_basis : item.suggestedOrder > 0 ? STATUS_COLOR.below_floor : undefined }} data-testid="supplies-order" data-value={item.suggestedOrder}>
              {lacksDemandBasis(item) ? t('supplies.status.no_demand_basis') : quantityText(item.suggestedOrder, item.unit)}
            </strong>
            {packsText(item.suggestedOrder, packSize, t) && <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{packsText(item.suggestedOrder, packSize, t)}</Typography.Text>}
          </Figure>
        </div>
        <Flex className="fk-supply-actions" gap={4} wrap align="center">
          {canWrite && <Button size="small" onClick={() => onAction({ kind: 'issue', itemId: item.itemId })} data-testid="supplies-row-issue">{t('supplies.issue')}</Button>}
          {canWrite && <Button size="small" onClick={() => onAction({ kind: 'receipt', itemId: item.itemId })} data-testid="supplies-row-receive">{t('supplies.receive')}</Button>}
          <Button
            size="small"
            type="text"
            icon={expanded ? <DownOutlined /> : <RightOutlined />}
            aria-expanded={expanded}
            aria-label={t('supplies.showDetail', { item: item.itemName })}
            onClick={() => onToggle(item.itemId)}
            data-testid="supplies-row-toggle"
          >
            <LineChartOutlined />
          </Button>
        </Flex>
      </div>
      {expanded && (
        <div className="fk-supply-detail">
          <HistoryChart siteId={site.siteId} itemId={item.itemId} itemName={item.itemName} unit={item.unit} floorDays={item.floorDays} targetDays={item.targetDays} />
          <Typography.Text strong style={{ display: 'block', margin: '12px 0 4px' }}>{t('supplies.batchesOf', { item: item.itemName })}</Typography.Text>
          {batches.length === 0
            ? <Typography.Text type="secondary">{t('supplies.noBatches')}</Typography.Text>
            : (
              <Flex gap={6} wrap>
                {batches.map((b) => (
                  <Tag key={b.id} color={batchState(b, site.day) === 'expired' ? 'red' : undefined} style={{ marginInlineEnd: 0 }}>
                    {b.batch ?? t('supplies.batch.noNumber')} · {b.expiresOn ?? t('supplies.batch.noExpiry')} · {quantityText(b.quantity, item.unit)}
                  </Tag>
                ))}
              </Flex>
            )}
          {canWrite && (
            <Button size="small" type="link" style={{ display: 'block', paddingInline: 0, marginTop: 8 }} onClick={() => onAction({ kind: 'peak', itemId: item.itemId })}>
              {t('supplies.enterPeak')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
});

function BatchTable({ site, canWrite, canTransfer, onAction }: {
  site: SiteSupplies;
  canWrite: boolean;
  canTransfer: boolean;
  onAction: (dialog: Dialog) => void;
}) {
  const t = useT();
  const itemOf = (b: SupplyBatch) => site.items.find((i) => i.itemId === b.itemId);
  const columns: TableColumnsType<SupplyBatch> = [
    { title: t('supplies.field.item'), key: 'item', width: 140, render: (_: unknown, b) => itemOf(b)?.itemName ?? '' },
    { title: t('supplies.field.batch'), dataIndex: 'batch', width: 140, render: (_: unknown, b) => b.batch ?? <Typography.Text type="secondary">{t('supplies.batch.noNumber')}</Typography.Text> },
    {
      title: t('supplies.field.expiresOn'),
      dataIndex: 'expiresOn',
      width: 170,
      render: (_: unknown, b) => (
        <Flex gap={6} align="center" wrap>
          <span>{b.expiresOn ?? t('supplies.batch.noExpiry')}</span>
          <BatchStateTag batch={b} day={site.day} />
        </Flex>
      ),
    },
    { title: t('supplies.field.quantity'), dataIndex: 'quantity', width: 110, align: 'right', render: (_: unknown, b) => quantityText(b.quantity, itemOf(b)?.unit ?? '') },
    ...(canWrite ? [{
      title: '',
      key: 'actions',
      width: 150,
      render: (_: unknown, b: SupplyBatch) => (
        <Flex gap={4}>
          <Button size="small" type="link" onClick={() => onAction({ kind: 'adjust', batchId: b.id })} data-testid="batch-adjust">{t('supplies.adjust')}</Button>
          {canTransfer && (
            <Button size="small" type="link" onClick={() => onAction({ kind: 'transfer', preset: { fromSiteId: site.siteId, itemId: b.itemId, batchId: b.id } })}>
              {t('supplies.transfer')}
            </Button>
          )}
        </Flex>
      ),
    }] : []),
  ];
  return (
    <Table<SupplyBatch>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={site.batches}
      pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 700 }}
      rowClassName={(b) => (batchState(b, site.day) === 'expired' ? 'fk-row-error' : '')}
      locale={{ emptyText: <Empty description={t('supplies.noBatches')} /> }}
      data-testid="supplies-batches"
    />
  );
}

/** Where a site stands: every active item with its cover, the batches, and the forms that move stock. */
function SiteStock({ site, siteRow, sites, catalogue, policy }: {
  site: SiteSupplies;
  siteRow: SupplySite | undefined;
  sites: readonly SupplySite[];
  catalogue: readonly SupplyItem[];
  policy: PolicyBody['supplies'] | undefined;
}) {
  const t = useT();
  const canWrite = siteRow?.writable ?? false;
  const canTransfer = canWrite && transferTargets(sites, site.siteId).length > 0;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const close = () => setDialog(null);
  const belowFloor = site.items.filter((i) => i.status === 'below_floor').length;
  const belowTarget = site.items.filter((i) => i.status === 'below_target').length;
  const noBasis = site.items.filter(lacksDemandBasis).length;
  const packOf = (itemId: string) => catalogue.find((c) => c.id === itemId)?.packSize ?? null;
  const q = `siteId=${encodeURIComponent(site.siteId)}`;

  return (
    <>
      {canWrite && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'receipt' })} data-testid="supplies-receive">{t('supplies.receive')}</Button>
          <Button icon={<ExportOutlined />} onClick={() => setDialog({ kind: 'issue' })} data-testid="supplies-issue">{t('supplies.issue')}</Button>
          <Button onClick={() => setDialog({ kind: 'stocktake' })} data-testid="supplies-stocktake">{t('supplies.stocktake')}</Button>
          <Button onClick={() => setDialog({ kind: 'adjust' })} disabled={site.batches.length === 0} data-testid="supplies-adjust">{t('supplies.adjust')}</Button>
          <Button onClick={() => setDialog({ kind: 'peak' })} data-testid="supplies-open-peak">{t('supplies.enterPeak')}</Button>
          {canTransfer && (
            <Button icon={<SwapOutlined />} onClick={() => setDialog({ kind: 'transfer', preset: { fromSiteId: site.siteId } })} data-testid="supplies-transfer">
              {t('supplies.transfer')}
            </Button>
          )}
          <Link to={`/supplies/issue?${q}`}><Button icon={<MobileOutlined />} data-testid="supplies-quick-issue">{t('supplies.quickIssue')}</Button></Link>
        </Flex>
      )}
      {site.replenishmentDue && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="supplies-replenish-banner"
          title={t('supplies.replenishDue', { days: site.replenishIntervalDays })}
          description={site.lastReceiptOn ? t('supplies.lastReceipt', { date: site.lastReceiptOn }) : t('supplies.noReceiptYet')}
        />
      )}
      {belowFloor > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('supplies.belowFloorCount', { count: belowFloor })} data-testid="supplies-below-floor-alert" />
      )}
      {noBasis > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('supplies.noDemandBasisCount', { count: noBasis })} data-testid="supplies-no-basis-alert" />
      )}
      <Flex gap={16} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('supplies.policyLine', { floor: site.floorDays, target: site.targetDays, interval: site.replenishIntervalDays })}</Typography.Text>
        <Typography.Text type="secondary" data-testid="supplies-heads">
          {policy?.fullLoad
            ? t('supplies.headsFullLoad', { count: site.heads })
            : t('supplies.heads', { count: site.heads })}
        </Typography.Text>
        {belowTarget > 0 && <Typography.Text style={{ color: STATUS_COLOR.below_target }}>{t('supplies.belowTargetCount', { count: belowTarget })}</Typography.Text>}
      </Flex>
      {site.items.length === 0
        ? <Card><Empty description={t('supplies.noItems')} /></Card>
        : (
          <div className="fk-supply-list">
            {site.items.map((item) => (
              <ItemRow
                key={item.itemId}
                item={item}
                site={site}
                packSize={packOf(item.itemId)}
                expanded={expanded === item.itemId}
                canWrite={canWrite}
                onToggle={(id) => setExpanded((cur) => (cur === id ? null : id))}
                onAction={setDialog}
              />
            ))}
          </div>
        )}
      <Card title={t('supplies.batches')} size="small" style={{ marginTop: 16 }}>
        <BatchTable site={site} canWrite={canWrite} canTransfer={canTransfer} onAction={setDialog} />
      </Card>

      {dialog?.kind === 'receipt' && <ReceiptModal site={site} catalogue={catalogue} itemId={dialog.itemId} onClose={close} />}
      {dialog?.kind === 'issue' && <IssueModal site={site} itemId={dialog.itemId} onClose={close} />}
      {dialog?.kind === 'peak' && (
        <PeakModal
          site={site}
          catalogue={catalogue}
          basisDays={policy?.demandBasisDays ?? 30}
          byRecentIssues={policy?.demandBasis === 'recent_issues'}
          itemId={dialog.itemId}
          onClose={close}
        />
      )}
      {dialog?.kind === 'adjust' && <AdjustmentModal site={site} batchId={dialog.batchId} onClose={close} />}
      {dialog?.kind === 'stocktake' && <StocktakeModal site={site} onClose={close} />}
      {dialog?.kind === 'transfer' && <TransferModal sites={sites} preset={dialog.preset} onClose={close} />}
    </>
  );
}

/** `/supplies`: the stock of one site (chosen when the user sees several), its cover and the forms that move it. */
export function SuppliesPage() {
  const t = useT();
  const { params, update } = useUrlFilters();
  const { sites, query: sitesQuery } = useSupplySites();
  const siteId = params.get('siteId') || (sites.length === 1 ? sites[0]?.id : undefined);
  const siteRow = sites.find((s) => s.id === siteId);
  const supplies = useSiteSupplies(siteId);
  const catalogue = useSupplyItems();
  const policy = useSitePolicy(siteId);
  const q = siteId ? `?siteId=${encodeURIComponent(siteId)}` : '';

  return (
    <>
      <PageHeader
        title={t('supplies.title')}
        extra={(
          <>
            <Link to={`/supplies/ledger${q}`}><Button icon={<AuditOutlined />}>{t('nav.suppliesLedger')}</Button></Link>
            <Link to={`/supplies/orders${q}`}><Button icon={<FileTextOutlined />}>{t('nav.suppliesOrders')}</Button></Link>
          </>
        )}
      >
        <Flex gap={12} wrap align="center" style={{ marginTop: 12 }}>
          {sites.length !== 1 && (
            <SupplySiteSelect sites={sites} loading={sitesQuery.isPending} value={siteId} onChange={(v) => update({ siteId: v })} data-testid="supplies-site" />
          )}
          {sites.length === 1 && <Typography.Text strong data-testid="supplies-site">{siteRow?.name}</Typography.Text>}
          {supplies.data && supplies.data.siteId === siteId && (
            <Typography.Text type="secondary">{t('supplies.asOf', { day: supplies.data.day })}</Typography.Text>
          )}
          {supplies.isFetching && <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
        </Flex>
      </PageHeader>
      {siteId === undefined
        ? <Card><Empty description={t('round.chooseSite')} /></Card>
        : supplies.isError && !supplies.data
          ? <ErrorResult error={supplies.error} onRetry={() => void supplies.refetch()} />
          : supplies.data && supplies.data.siteId === siteId
            ? (
              <SiteStock
                key={siteId}
                site={supplies.data}
                siteRow={siteRow}
                sites={sites}
                catalogue={catalogue.data ?? []}
                policy={policy.data?.body.supplies}
              />
            )
            : <Card loading />}
    </>
  );
}
