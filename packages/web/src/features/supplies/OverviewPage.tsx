import { useMemo, type HTMLAttributes, type ReactNode } from 'react';
import { Card, Col, Empty, Flex, Row, Select, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { COVER_BUCKETS, lacksDemandBasis, SiteType, type SuppliesOverview } from '@fangkong/domain';
import type { SuppliesOverviewFilter } from './api';
import { EChart, type ChartOption } from '../../components/shared/EChart';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { SiteTypeSelect, siteTypeText } from '../../components/shared/siteType';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { filterByLabel } from '../people/peopleUi';
import { coverText, quantityText, STATUS_BACKGROUND, STATUS_COLOR, SupplyItemSelect } from './suppliesUi';
import { useSuppliesOverview, useSupplyItems, useSupplySites } from './useSupplies';
import './supplies.css';

type SiteRow = SuppliesOverview['sites'][number];
type BelowRow = SuppliesOverview['belowFloor'][number];

const siteLink = (siteId: string) => `/supplies?siteId=${encodeURIComponent(siteId)}`;

function distributionOption(overview: SuppliesOverview, t: Translate): ChartOption {
  const counts = COVER_BUCKETS.map((b) => overview.coverDistribution.find((d) => d.bucket === b)?.count ?? 0);
  return {
    grid: { left: 8, right: 16, top: 20, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: COVER_BUCKETS.map((b) => t(`supplies.status.${b}`)), axisLabel: { interval: 0, width: 72, overflow: 'break' } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{
      type: 'bar',
      name: t('supplies.overview.pairs'),
      barMaxWidth: 56,
      data: COVER_BUCKETS.map((b, i) => ({ value: counts[i] ?? 0, itemStyle: { color: STATUS_COLOR[b] } })),
      label: { show: true, position: 'top' },
    }],
  };
}

/** Every item's days of cover at every site, coloured by status: a row per site, a column per item. */
function CoverMatrix({ overview }: { overview: SuppliesOverview }) {
  const t = useT();
  const items = overview.items;
  const rows = useMemo(() => [...overview.sites].sort((a, b) => b.belowFloor - a.belowFloor || b.noDemandBasis - a.noDemandBasis
    || b.belowTarget - a.belowTarget || a.siteName.localeCompare(b.siteName, 'zh-CN')), [overview.sites]);

  const columns: TableColumnsType<SiteRow> = [
    {
      title: t('people.field.site'),
      dataIndex: 'siteName',
      width: 200,
      fixed: 'left',
      render: (_: unknown, s) => (
        <Flex vertical gap={2}>
          <Link to={siteLink(s.siteId)}>{s.siteName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[s.townName, siteTypeText(s.siteType, t)].filter(Boolean).join(' · ')}</Typography.Text>
          <Flex gap={4} wrap>
            {s.replenishmentDue && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('supplies.overview.replenishDue')}</Tag>}
            {s.noDemandBasis > 0 && <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="overview-no-basis">{t('supplies.overview.noBasisTag', { count: s.noDemandBasis })}</Tag>}
            {s.expiringSoon > 0 && <Tag color="gold" style={{ marginInlineEnd: 0 }}>{t('supplies.overview.expiring')}</Tag>}
          </Flex>
        </Flex>
      ),
    },
    ...items.map((item, column) => ({
      title: item.itemName,
      key: item.itemId,
      width: 110,
      align: 'right' as const,
      render: (_: unknown, s: SiteRow) => {
        const c = s.cells[column];
        if (!c) return '';
        return (
          <Tooltip
            title={[
              t(`supplies.status.${c.status}`),
              t('common.labelValue', { label: t('supplies.usable'), value: quantityText(c.usable, item.unit) }),
              t('common.labelValue', { label: t('supplies.floor'), value: t('supplies.daysValue', { days: s.floorDays }) }),
              t('common.labelValue', { label: t('supplies.suggestedOrder'), value: lacksDemandBasis(c) ? t('supplies.status.no_demand_basis') : quantityText(c.suggestedOrder, item.unit) }),
            ].join(' · ')}
          >
            <span
              className="fk-cover-cell"
              style={{ background: STATUS_BACKGROUND[c.status], color: STATUS_COLOR[c.status] }}
              data-testid="overview-cell"
              data-status={c.status}
              data-item-name={item.itemName}
            >
              {coverText(c.daysOfCover)}
            </span>
          </Tooltip>
        );
      },
    })),
  ];
  return (
    <Table<SiteRow>
      rowKey="siteId"
      size="small"
      columns={columns}
      dataSource={rows}
      scroll={{ x: 200 + items.length * 110 }}
      pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
      locale={{ emptyText: <Empty description={t('coverage.noSites')} /> }}
      onRow={(s) => ({ 'data-testid': 'overview-site-row', 'data-site-name': s.siteName }) as HTMLAttributes<HTMLElement>}
      data-testid="overview-matrix"
    />
  );
}

function BelowFloorTable({ rows }: { rows: BelowRow[] }) {
  const t = useT();
  const sorted = useMemo(() => [...rows].sort((a, b) => (a.daysOfCover ?? 0) / Math.max(1, a.floorDays) - (b.daysOfCover ?? 0) / Math.max(1, b.floorDays)
    || a.siteName.localeCompare(b.siteName, 'zh-CN')), [rows]);
  const columns: TableColumnsType<BelowRow> = [
    { title: t('people.field.site'), dataIndex: 'siteName', width: 180, render: (_: unknown, r) => <Link to={siteLink(r.siteId)}>{r.siteName}</Link> },
    { title: t('testing.field.town'), dataIndex: 'townName', width: 120, render: (_: unknown, r) => r.townName ?? '' },
    { title: t('supplies.field.item'), dataIndex: 'itemName', width: 130 },
    {
      title: t('supplies.daysOfCover'),
      dataIndex: 'daysOfCover',
      width: 110,
      align: 'right',
      // A required item with nothing in stock and no demand basis has no figure of days: say it is empty.
      render: (_: unknown, r) => (
        <strong style={{ color: STATUS_COLOR.below_floor }}>{r.daysOfCover === null ? t('supplies.noStock') : `${coverText(r.daysOfCover)} ${t('unit.days')}`}</strong>
      ),
    },
    { title: t('supplies.floor'), dataIndex: 'floorDays', width: 100, align: 'right', render: (_: unknown, r) => t('supplies.daysValue', { days: r.floorDays }) },
    {
      title: t('supplies.suggestedOrder'), dataIndex: 'suggestedOrder', width: 130, align: 'right',
      // Empty with nothing to size an order on: the order is unknown, not 0 (enter the peak, or the site's people or capacity).
      render: (_: unknown, r) => (r.daysOfCover === null
        ? <Typography.Text style={{ color: STATUS_COLOR.no_demand_basis }}>{t('supplies.status.no_demand_basis')}</Typography.Text>
        : quantityText(r.suggestedOrder, r.unit)),
    },
  ];
  return (
    <Table<BelowRow>
      rowKey={(r) => `${r.siteId}:${r.itemId}`}
      size="small"
      columns={columns}
      dataSource={sorted}
      scroll={{ x: 770 }}
      pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: true }}
      rowClassName={() => 'fk-row-error'}
      locale={{ emptyText: <Empty description={t('supplies.overview.noneBelowFloor')} data-testid="overview-none-below-floor" /> }}
      onRow={(r) => ({ 'data-testid': 'overview-below-floor-row', 'data-site-name': r.siteName, 'data-item-name': r.itemName }) as HTMLAttributes<HTMLElement>}
      data-testid="overview-below-floor"
    />
  );
}

function Overview({ overview }: { overview: SuppliesOverview }) {
  const t = useT();
  const option = useMemo(() => distributionOption(overview, t), [overview, t]);
  const belowTarget = overview.sites.reduce((sum, s) => sum + s.belowTarget, 0);
  const noBasis = overview.sites.reduce((sum, s) => sum + s.noDemandBasis, 0);
  const due = overview.sites.filter((s) => s.replenishmentDue).length;
  const sitesBelow = new Set(overview.belowFloor.map((r) => r.siteId)).size;
  const stat = (node: ReactNode) => <Col xs={12}><Card size="small" style={{ height: '100%' }}>{node}</Card></Col>;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Row gutter={[16, 16]} style={{ height: '100%' }}>
            {stat(<Statistic title={t('supplies.overview.sites')} value={overview.sites.length} />)}
            {stat(
              <Statistic
                title={t('supplies.overview.belowFloorPairs')}
                value={overview.belowFloor.length}
                suffix={sitesBelow > 0 ? <Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('supplies.overview.atSites', { count: sitesBelow })}</Typography.Text> : undefined}
                styles={{ content: overview.belowFloor.length > 0 ? { color: STATUS_COLOR.below_floor } : undefined }}
              />,
            )}
            {stat(<Statistic title={t('supplies.overview.belowTargetPairs')} value={belowTarget} styles={{ content: belowTarget > 0 ? { color: STATUS_COLOR.below_target } : undefined }} />)}
            {stat(<Statistic title={t('supplies.overview.noBasisPairs')} value={noBasis} styles={{ content: noBasis > 0 ? { color: STATUS_COLOR.no_demand_basis } : undefined }} />)}
            {stat(<Statistic title={t('supplies.overview.replenishDueSites')} value={due} />)}
          </Row>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('supplies.overview.distribution')} size="small" style={{ height: '100%' }}>
            <EChart option={option} height={200} aria-label={t('supplies.overview.distribution')} data-testid="overview-distribution" />
          </Card>
        </Col>
      </Row>
      <Card title={t('supplies.overview.belowFloorTitle')} size="small">
        <BelowFloorTable rows={overview.belowFloor} />
      </Card>
      <Card title={t('supplies.overview.matrix')} size="small">
        <CoverMatrix overview={overview} />
      </Card>
    </Flex>
  );
}

/** `/supplies/overview`: which sites hold less than their floor of which item, and every site's cover at a glance. */
export function SuppliesOverviewPage() {
  const t = useT();
  const { params, update } = useUrlFilters();
  const { towns, query: sitesQuery } = useSupplySites();
  const items = useSupplyItems();
  const type = SiteType.safeParse(params.get('type'));
  const filter: SuppliesOverviewFilter = {
    townId: params.get('townId') || undefined,
    siteType: type.success ? type.data : undefined,
    itemId: params.get('itemId') || undefined,
  };
  const overview = useSuppliesOverview(filter);

  return (
    <>
      <PageHeader title={t('supplies.overview.title')}>
        <Flex gap={12} wrap align="center" style={{ marginTop: 12 }}>
          {towns.length > 1 && (
            <Select<string>
              allowClear
              showSearch={{ filterOption: filterByLabel }}
              placeholder={t('testing.allTowns')}
              aria-label={t('testing.field.town')}
              loading={sitesQuery.isPending}
              value={filter.townId}
              onChange={(v) => update({ townId: v })}
              options={towns.map((w) => ({ value: w.id, label: w.name }))}
              style={{ minWidth: 160 }}
              data-testid="overview-town"
            />
          )}
          <SiteTypeSelect value={filter.siteType} onChange={(v) => update({ type: v })} minWidth={160} />
          <SupplyItemSelect items={items.data ?? []} allowClear value={filter.itemId} onChange={(v) => update({ itemId: v })} data-testid="overview-item" />
          {overview.data && <Typography.Text type="secondary">{t('supplies.asOf', { day: overview.data.day })}</Typography.Text>}
          {overview.isFetching && <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
        </Flex>
      </PageHeader>
      <QueryState query={overview}>{(data) => <Overview overview={data} />}</QueryState>
    </>
  );
}
