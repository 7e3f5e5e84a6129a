import { useState, type HTMLAttributes } from 'react';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import type { RiskArea, RiskAreaStatus, RiskLevel } from '@fangkong/domain';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { RiskTag } from '../../components/shared/RiskTag';
import { today } from '../../components/shared/time';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { riskApi, type RiskAreaFilter } from './api';
import { EndRiskAreaModal } from './EndRiskAreaModal';
import { RiskAreaFormModal } from './RiskAreaFormModal';
import { StatusTag, levelOptions, statusOptions } from './riskUi';
import { useRiskAreas } from './useRiskAreas';

/** A filter of the list: all when cleared. */
function FilterSelect<V extends string>({ label, value, onChange, options, testId }: {
  label: string;
  value: V | undefined;
  onChange: (v: V | undefined) => void;
  options: { value: V; label: string }[];
  testId: string;
}) {
  const t = useT();
  return (
    <Select<V>
      allowClear
      placeholder={`${label}: ${t('riskAreas.filter.all')}`}
      aria-label={label}
      value={value}
      onChange={onChange}
      options={options}
      style={{ minWidth: 160 }}
      data-testid={testId}
    />
  );
}

/** `/risk-areas`: the mid- and high-risk areas with their dates; the bureau adds, ends, imports them. */
export function RiskAreasPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const canManage = useCan('risk.manage');
  const [status, setStatus] = useState<RiskAreaStatus | undefined>();
  const [level, setLevel] = useState<RiskLevel | undefined>();
  const filter: RiskAreaFilter = { status, level };
  const areas = useRiskAreas(filter);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<RiskArea | null>(null);
  const [exporting, setExporting] = useState(false);

  const exportList = () => {
    setExporting(true);
    riskApi.exportAreas(filter, `${t('riskAreas.exportFileName')}-${today().replace(/-/g, '')}.xlsx`)
      .catch((e: unknown) => void message.error([t('riskAreas.downloadFailed'), errorText(e, t), serverDetail(e)].filter(Boolean).join(' · ')))
      .finally(() => setExporting(false));
  };

  const columns: TableColumnsType<RiskArea> = [
    { title: t('riskAreas.col.region'), dataIndex: 'regionName', width: 180, render: (_: unknown, a) => <Typography.Text strong>{a.regionName}</Typography.Text> },
    { title: t('riskAreas.col.level'), dataIndex: 'level', width: 100, render: (_: unknown, a) => <RiskTag level={a.level} /> },
    { title: t('riskAreas.col.from'), dataIndex: 'effectiveFrom', width: 120 },
    { title: t('riskAreas.col.to'), dataIndex: 'effectiveTo', width: 120, render: (_: unknown, a) => a.effectiveTo ?? <Typography.Text type="secondary">{t('riskAreas.openEnded')}</Typography.Text> },
    { title: t('riskAreas.col.status'), dataIndex: 'status', width: 100, render: (_: unknown, a) => <StatusTag status={a.status} t={t} /> },
    { title: t('riskAreas.col.note'), dataIndex: 'note', render: (_: unknown, a) => a.note ?? '' },
    ...(canManage ? [{
      title: '',
      key: 'actions',
      width: 90,
      render: (_: unknown, a: RiskArea) => a.status !== 'ended' && (
        <Button size="small" type="link" danger onClick={() => setEnding(a)} data-testid="risk-end">{t('riskAreas.end')}</Button>
      ),
    }] : []),
  ];

  const filtered = status !== undefined || level !== undefined;
  return (
    <>
      <PageHeader
        title={t('riskAreas.title')}
        extra={(
          <>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportList} data-testid="risk-export">{t('riskAreas.export')}</Button>
            {canManage && <Button icon={<UploadOutlined />} onClick={() => void navigate('/risk-areas/import')} data-testid="risk-import">{t('riskAreas.import')}</Button>}
            {canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="risk-add">{t('riskAreas.add')}</Button>}
          </>
        )}
      >
        <Flex gap={12} wrap style={{ marginTop: 12 }}>
          <FilterSelect<RiskAreaStatus> label={t('riskAreas.filter.status')} value={status} onChange={setStatus} options={statusOptions(t)} testId="risk-filter-status" />
          <FilterSelect<RiskLevel> label={t('riskAreas.filter.level')} value={level} onChange={setLevel} options={levelOptions(t)} testId="risk-filter-level" />
        </Flex>
      </PageHeader>
      <Card>
        <QueryState query={areas}>
          {(list) => (
            <Table<RiskArea>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list}
              pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 860 }}
              locale={{ emptyText: <Empty description={filtered ? t('riskAreas.emptyFiltered') : t('riskAreas.empty')} /> }}
              onRow={(a) => ({ 'data-testid': 'risk-row', 'data-region': a.regionName }) as HTMLAttributes<HTMLElement>}
            />
          )}
        </QueryState>
      </Card>
      {adding && <RiskAreaFormModal onClose={() => setAdding(false)} />}
      {ending && <EndRiskAreaModal area={ending} onClose={() => setEnding(null)} />}
    </>
  );
}
