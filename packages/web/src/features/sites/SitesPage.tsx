import { useMemo } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { SiteType } from '@fangkong/domain';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { SiteTypeSelect } from '../../components/shared/siteType';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { useOrgNodes } from '../org/useOrg';
import { downloadCsv, toCsv } from './csv';
import { filterSites, siteRows, type SiteRow } from './siteRows';
import { formatAt } from '../../components/shared/time';

function exportCsv(rows: readonly SiteRow[], t: Translate): void {
  const header = [t('sites.col.name'), t('sites.col.type'), t('sites.col.town'), t('sites.col.code'), t('sites.col.address')];
  const body = rows.map((r) => [r.name, r.siteType ? t(`siteType.${r.siteType}`) : '', r.town ?? '', r.code ?? '', r.address ?? '']);
  downloadCsv(`${t('sites.csvFileName')}-${formatAt(new Date(), 'YYYYMMDD')}.csv`, toCsv(header, body));
}

function SitesTable({ rows }: { rows: SiteRow[] }) {
  const t = useT();
  const navigate = useNavigate();
  const columns: TableColumnsType<SiteRow> = [
    {
      title: t('sites.col.name'),
      dataIndex: 'name',
      render: (_: unknown, r) => <Link to={`/sites/${r.id}`}>{r.name}</Link>,
      sorter: (a, b) => a.name.localeCompare(b.name),
    },
    { title: t('sites.col.type'), dataIndex: 'siteType', render: (_: unknown, r) => (r.siteType ? t(`siteType.${r.siteType}`) : '') },
    { title: t('sites.col.town'), dataIndex: 'town', render: (_: unknown, r) => r.town ?? '' },
    { title: t('sites.col.code'), dataIndex: 'code', render: (_: unknown, r) => r.code ?? '' },
    { title: t('sites.col.address'), dataIndex: 'address', render: (_: unknown, r) => r.address ?? '' },
  ];
  return (
    <Table<SiteRow>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      scroll={{ x: 800 }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t('sites.empty')} /> }}
      onRow={(r) => ({ onClick: () => void navigate(`/sites/${r.id}`), style: { cursor: 'pointer' } })}
      data-testid="sites-table"
    />
  );
}

/** All visible sites with type and text filters (kept in the URL) and a CSV export. */
export function SitesPage() {
  const t = useT();
  const nodes = useOrgNodes();
  const { params, update } = useUrlFilters();
  const typeParam = SiteType.safeParse(params.get('type'));
  const type = typeParam.success ? typeParam.data : undefined;
  const query = params.get('q') ?? '';
  const all = useMemo(() => siteRows(nodes.data ?? []), [nodes.data]);
  const rows = useMemo(() => filterSites(all, type, query), [all, type, query]);

  return (
    <>
      <PageHeader
        title={t('sites.title')}
        extra={(
          <Button icon={<DownloadOutlined />} disabled={rows.length === 0} onClick={() => exportCsv(rows, t)}>
            {t('sites.exportCsv')}
          </Button>
        )}
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SiteTypeSelect value={type} onChange={(v) => update({ type: v })} minWidth={180} />
          <Input.Search
            allowClear
            placeholder={t('sites.searchPlaceholder')}
            aria-label={t('sites.searchPlaceholder')}
            defaultValue={query}
            onChange={(e) => update({ q: e.target.value })}
            style={{ maxWidth: 320 }}
          />
          {nodes.isSuccess && <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>{t('sites.count', { count: rows.length })}</Typography.Text>}
        </Flex>
        <QueryState query={nodes}>{() => <SitesTable rows={rows} />}</QueryState>
      </Card>
    </>
  );
}
