import { useMemo, useState, type HTMLAttributes } from 'react';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { createPortal } from 'react-dom';
import { Link } from 'react-router';
import type { OrderLine } from '@fangkong/domain';
import type { SupplyOrders } from '@fangkong/domain';
import { suppliesApi, type OrderFilter } from './api';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { PageHeader } from '../../components/shared/PageHeader';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import { QueryState } from '../../components/shared/QueryState';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { filterByLabel } from '../people/peopleUi';
import { coverText, packsText, quantityText, SupplySiteSelect } from './suppliesUi';
import { useSupplyOrders, useSupplySites, type SupplySite, type SupplyTown } from './useSupplies';
import './supplies.css';

/** One item's total over the sites of the list (the town's order). */
interface ItemTotal {
  itemId: string;
  itemName: string;
  unit: string;
  packSize: number | null;
  quantity: number;
  sites: number;
}

function totalsByItem(lines: readonly OrderLine[]): ItemTotal[] {
  const byItem = new Map<string, ItemTotal>();
  for (const l of lines) {
    const cur = byItem.get(l.itemId) ?? { itemId: l.itemId, itemName: l.itemName, unit: l.unit, packSize: l.packSize, quantity: 0, sites: 0 };
    cur.quantity += l.quantity;
    cur.sites += 1;
    byItem.set(l.itemId, cur);
  }
  return [...byItem.values()].sort((a, b) => a.itemName.localeCompare(b.itemName, 'zh-CN'));
}

function sortLines(lines: readonly OrderLine[]): OrderLine[] {
  return [...lines].sort((a, b) => a.siteName.localeCompare(b.siteName, 'zh-CN') || a.itemName.localeCompare(b.itemName, 'zh-CN'));
}

function demandText(l: OrderLine): string {
  return l.dailyDemand === null ? '—' : quantityText(Math.round(l.dailyDemand * 10) / 10, l.unit);
}

/** What the list covers, as a title line: a site, a town, or everything the user sees. */
function scopeText(filter: OrderFilter, sites: readonly SupplySite[], towns: readonly SupplyTown[], t: Translate): string {
  if (filter.siteId) return sites.find((s) => s.id === filter.siteId)?.name ?? '';
  if (filter.townId) return towns.find((w) => w.id === filter.townId)?.name ?? '';
  return t('supplies.orders.allScope');
}

/** The order list as printed: only this leaves the printer (see styles.css). */
function PrintOrders({ orders, scope }: { orders: SupplyOrders; scope: string }) {
  const t = useT();
  const lines = sortLines(orders.lines);
  const totals = totalsByItem(orders.lines);
  const several = new Set(lines.map((l) => l.siteId)).size > 1;
  return createPortal(
    <div className="fk-print-only fk-print-sheet">
      <h2>{t('supplies.orders.printTitle', { scope })}</h2>
      <p>{t('supplies.orders.printDay', { day: orders.day })}</p>
      <table>
        <thead>
          <tr>
            <th style={{ width: '5%' }}>{t('supplies.orders.no')}</th>
            {several && <th style={{ width: '20%' }}>{t('people.field.site')}</th>}
            <th>{t('supplies.field.item')}</th>
            <th>{t('supplies.usable')}</th>
            <th>{t('supplies.dailyDemand')}</th>
            <th>{t('supplies.daysOfCover')}</th>
            <th>{t('supplies.orders.quantity')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={`${l.siteId}:${l.itemId}`}>
              <td>{i + 1}</td>
              {several && <td>{l.siteName}</td>}
              <td>{l.itemName}</td>
              <td>{quantityText(l.usable, l.unit)}</td>
              <td>{demandText(l)}</td>
              <td>{coverText(l.daysOfCover)}</td>
              <td className="fk-order-qty">{quantityText(l.quantity, l.unit)} {packsText(l.quantity, l.packSize, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {several && totals.length > 0 && (
        <>
          <h3>{t('supplies.orders.totals')}</h3>
          <table>
            <tbody>
              {totals.map((x) => (
                <tr key={x.itemId}>
                  <td>{x.itemName}</td>
                  <td className="fk-order-qty">{quantityText(x.quantity, x.unit)} {packsText(x.quantity, x.packSize, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="fk-print-foot">{t('supplies.orders.printFoot')}</p>
    </div>,
    document.body,
  );
}

function OrderTables({ orders, several }: { orders: SupplyOrders; several: boolean }) {
  const t = useT();
  const lines = useMemo(() => sortLines(orders.lines), [orders.lines]);
  const totals = useMemo(() => totalsByItem(orders.lines), [orders.lines]);
  const columns: TableColumnsType<OrderLine> = [
    ...(several ? [{
      title: t('people.field.site'),
      dataIndex: 'siteName',
      width: 180,
      render: (_: unknown, l: OrderLine) => <Link to={`/supplies?siteId=${encodeURIComponent(l.siteId)}`}>{l.siteName}</Link>,
    }] : []),
    { title: t('supplies.field.item'), dataIndex: 'itemName', width: 130 },
    { title: t('supplies.usable'), dataIndex: 'usable', width: 110, align: 'right', render: (_: unknown, l) => quantityText(l.usable, l.unit) },
    { title: t('supplies.dailyDemand'), dataIndex: 'dailyDemand', width: 110, align: 'right', render: (_: unknown, l) => demandText(l) },
    { title: t('supplies.daysOfCover'), dataIndex: 'daysOfCover', width: 100, align: 'right', render: (_: unknown, l) => coverText(l.daysOfCover) },
    { title: t('supplies.target'), dataIndex: 'targetDays', width: 90, align: 'right', render: (_: unknown, l) => t('supplies.daysValue', { days: l.targetDays }) },
    {
      title: t('supplies.orders.quantity'),
      dataIndex: 'quantity',
      width: 160,
      align: 'right',
      render: (_: unknown, l) => (
        <span>
          <strong data-testid="order-quantity" data-value={l.quantity}>{quantityText(l.quantity, l.unit)}</strong>
          {packsText(l.quantity, l.packSize, t) && <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{packsText(l.quantity, l.packSize, t)}</Typography.Text>}
        </span>
      ),
    },
  ];
  const totalColumns: TableColumnsType<ItemTotal> = [
    { title: t('supplies.field.item'), dataIndex: 'itemName', width: 140 },
    { title: t('supplies.orders.siteCount'), dataIndex: 'sites', width: 100, align: 'right' },
    {
      title: t('supplies.orders.quantity'),
      dataIndex: 'quantity',
      width: 180,
      align: 'right',
      render: (_: unknown, x) => <strong>{quantityText(x.quantity, x.unit)} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{packsText(x.quantity, x.packSize, t)}</Typography.Text></strong>,
    },
  ];
  if (lines.length === 0) return <Card><Empty description={t('supplies.orders.empty')} data-testid="orders-empty" /></Card>;
  return (
    <Flex vertical gap={16}>
      <Card title={t('supplies.orders.lines', { count: lines.length, day: orders.day })} size="small">
        <Table<OrderLine>
          rowKey={(l) => `${l.siteId}:${l.itemId}`}
          size="small"
          columns={columns}
          dataSource={lines}
          pagination={false}
          scroll={{ x: several ? 900 : 720 }}
          onRow={(l) => ({ 'data-testid': 'order-line', 'data-site-name': l.siteName, 'data-item-name': l.itemName }) as HTMLAttributes<HTMLElement>}
          data-testid="orders-table"
        />
      </Card>
      {several && (
        <Card title={t('supplies.orders.totals')} size="small">
          <Table<ItemTotal> rowKey="itemId" size="small" columns={totalColumns} dataSource={totals} pagination={false} scroll={{ x: 420 }} />
        </Card>
      )}
    </Flex>
  );
}

/** `/supplies/orders`: what to order to bring each site back to its target, for a site or a town; to print or export. */
export function OrdersPage() {
  const t = useT();
  const { message } = App.useApp();
  const { params, update } = useUrlFilters();
  const { sites, towns, query: sitesQuery } = useSupplySites();
  const paramSite = params.get('siteId') || undefined;
  const paramTown = params.get('townId') || undefined;
  // One site: its list; one town: the town's; otherwise what the URL says (nothing: everything in scope).
  const filter: OrderFilter = paramSite
    ? { siteId: paramSite }
    : paramTown
      ? { townId: paramTown }
      : sites.length === 1 ? { siteId: sites[0]?.id } : towns.length === 1 ? { townId: towns[0]?.id } : {};
  const ready = !sitesQuery.isPending;
  const orders = useSupplyOrders(filter, ready);
  const [exporting, setExporting] = useState(false);
  const scope = scopeText(filter, sites, towns, t);
  const sitesOfTown = filter.townId ? sites.filter((s) => s.townId === filter.townId) : sites;

  const exportFile = () => {
    setExporting(true);
    suppliesApi.exportSupplyOrders(filter, `${t('supplies.orders.fileName')}-${orders.data?.day ?? ''}.xlsx`)
      .catch((e: unknown) => void message.error([t('people.downloadFailed'), errorText(e, t), serverDetail(e)].filter(Boolean).join(' · ')))
      .finally(() => setExporting(false));
  };

  return (
    <>
      <PageHeader
        title={t('supplies.orders.title')}
        extra={(
          <>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!orders.data || orders.data.lines.length === 0} data-testid="orders-print">
              {t('supplies.orders.print')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportFile} disabled={!ready} data-testid="orders-export">
              {t('visits.export')}
            </Button>
          </>
        )}
      >
        <Flex gap={12} wrap align="center" style={{ marginTop: 12 }}>
          {towns.length > 1 && (
            <Select<string>
              allowClear
              showSearch={{ filterOption: filterByLabel }}
              placeholder={t('testing.allTowns')}
              aria-label={t('testing.field.town')}
              value={paramSite ? undefined : filter.townId}
              onChange={(v) => update({ townId: v, siteId: undefined })}
              options={towns.map((w) => ({ value: w.id, label: w.name }))}
              style={{ minWidth: 160 }}
              data-testid="orders-town"
            />
          )}
          {sites.length > 1 && (
            <SupplySiteSelect
              sites={sitesOfTown}
              allowClear
              placeholder={filter.townId ? t('supplies.orders.wholeTown') : t('people.allSites')}
              loading={sitesQuery.isPending}
              value={filter.siteId}
              onChange={(v) => update({ siteId: v, townId: v ? undefined : filter.townId })}
              data-testid="orders-site"
            />
          )}
          <Typography.Text type="secondary">{t('supplies.orders.hint')}</Typography.Text>
        </Flex>
      </PageHeader>
      <QueryState query={orders}>
        {(data) => (
          <>
            <OrderTables orders={data} several={new Set(data.lines.map((l) => l.siteId)).size > 1 || !filter.siteId} />
            <PrintOrders orders={data} scope={scope} />
          </>
        )}
      </QueryState>
    </>
  );
}
