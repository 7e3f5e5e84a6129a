import { useMemo, useState } from 'react';
import { DownloadOutlined, PlusOutlined, TableOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link, useLocation, useNavigate } from 'react-router';
import { TEST_RESULTS, type TestRecord, type TestResult } from '@fangkong/domain';
import { testingApi, type TestFilter } from './api';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { queryPaging, ServerTable, type Paging } from '../../components/shared/ServerTable';
import { useUrlParams } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { DownloadButton } from './DownloadButton';
import { SetResultModal } from './SetResultModal';
import { TestFormDrawer, type TestFormPreset } from './TestFormDrawer';
import { DayRangeFilter, SiteFilter, TownFilter } from './testingFilters';
import { readRecordParams } from './testingParams';
import { ResultTag, resultOptions, timeText } from './testingUi';
import { useTestList, useTownsAndSites } from './useTesting';
import { formatAt } from '../../components/shared/time';

const PAGE_SIZES = [20, 50, 100] as const;

/** The name a link to this page may carry in the router state (never in the URL). */
function stateName(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('personName' in state)) return undefined;
  return typeof state.personName === 'string' ? state.personName : undefined;
}

function RecordsTable({ tests, canWrite, onSetResult, ...paging }: {
  tests: TestRecord[];
  canWrite: boolean;
  onSetResult: (r: TestRecord) => void;
} & Paging) {
  const t = useT();
  const now = dayjs();
  const columns: TableColumnsType<TestRecord> = [
    { title: t('testing.field.sampledAt'), dataIndex: 'sampledAt', width: 140, fixed: 'left', render: (_: unknown, r) => timeText(r.sampledAt, true) },
    {
      title: t('people.field.name'),
      dataIndex: 'personName',
      width: 100,
      render: (_: unknown, r) => <Link to={`/people/${r.personId}`}>{r.personName}</Link>,
    },
    { title: t('people.field.site'), dataIndex: 'siteName', width: 160, ellipsis: true },
    { title: t('people.field.kind'), dataIndex: 'kind', width: 100, render: (_: unknown, r) => t(`personKind.${r.kind}`) },
    {
      title: t('testing.field.result'),
      dataIndex: 'result',
      width: 170,
      render: (_: unknown, r) => (
        <Flex gap={6} align="center" wrap>
          <ResultTag result={r.result} />
          {r.result === 'pending' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('testing.waitingHours', { hours: Math.max(0, now.diff(dayjs(r.sampledAt), 'hour')) })}
            </Typography.Text>
          )}
          {r.result === 'pending' && canWrite && (
            <Button size="small" type="link" onClick={() => onSetResult(r)} data-testid="record-set-result">{t('testing.setResult')}</Button>
          )}
        </Flex>
      ),
    },
    { title: t('testing.field.resultAt'), dataIndex: 'resultAt', width: 130, render: (_: unknown, r) => timeText(r.resultAt, true) },
    { title: t('testing.field.sampleType'), dataIndex: 'sampleType', width: 100, render: (_: unknown, r) => t(`sampleType.${r.sampleType}`) },
    { title: t('testing.field.collectionPoint'), dataIndex: 'collectionPoint', width: 140, ellipsis: true, render: (_: unknown, r) => r.collectionPoint ?? '' },
    { title: t('testing.field.lab'), dataIndex: 'lab', width: 140, ellipsis: true, render: (_: unknown, r) => r.lab ?? '' },
    { title: t('testing.field.labRef'), dataIndex: 'labRef', width: 110, render: (_: unknown, r) => <span style={{ fontFamily: 'monospace' }}>{r.labRef ?? ''}</span> },
    {
      title: t('testing.col.source'),
      dataIndex: 'source',
      width: 120,
      render: (_: unknown, r) => (r.sessionId
        ? <Link to={`/testing/sessions/${r.sessionId}`}>{t(`testSource.${r.source}`)}</Link>
        : t(`testSource.${r.source}`)),
    },
    { title: t('testing.col.recordedBy'), dataIndex: 'recordedBy', width: 100, render: (_: unknown, r) => r.recordedBy ?? '' },
  ];
  return (
    <ServerTable<TestRecord>
      {...paging}
      columns={columns}
      rows={tests}
      pageSizes={PAGE_SIZES}
      scrollX={1550}
      totalText={(count) => t('visits.total', { count })}
      emptyText={t('testing.records.empty')}
      data-testid="records-table"
    />
  );
}

/** Every test record in scope: filters in the URL, results for pending samples, a new record, export. */
export function RecordsPage() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const canWrite = useCan('testing.write');
  const { params, update, onPage } = useUrlParams(PAGE_SIZES[0]);
  const p = readRecordParams(params, PAGE_SIZES);
  const { towns, sites, query: nodesQuery } = useTownsAndSites();
  const filter = useMemo<TestFilter>(() => ({
    siteId: p.siteId, townId: p.townId, personId: p.personId, sessionId: p.sessionId, result: p.result,
    stalePending: p.stalePending || undefined, from: p.from, to: p.to,
  }), [p.siteId, p.townId, p.personId, p.sessionId, p.result, p.stalePending, p.from, p.to]);
  const list = useTestList(filter, p.pageSize, (p.page - 1) * p.pageSize);
  const [settingResult, setSettingResult] = useState<TestRecord | null>(null);
  // `new=1` in the URL (a link to add a person's negative test) opens the form once.
  const [adding, setAdding] = useState<TestFormPreset | null>(() => (p.openNew && canWrite
    ? { siteId: p.siteId, personId: p.personId, personName: stateName(location.state) }
    : null));

  const personName = stateName(location.state) ?? list.data?.tests.find((r) => r.personId === p.personId)?.personName;

  const closeForm = () => {
    setAdding(null);
    if (p.openNew) update({ new: undefined });
  };

  return (
    <>
      <PageHeader
        title={t('testing.records.title')}
        extra={(
          <>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding({ siteId: p.siteId })} data-testid="record-new">
                {t('testing.newRecord')}
              </Button>
            )}
            {canWrite && <Button icon={<TableOutlined />} onClick={() => void navigate(p.siteId ? `/testing/batch?siteId=${p.siteId}` : '/testing/batch')}>{t('nav.testingBatch')}</Button>}
            {canWrite && <Button icon={<UploadOutlined />} onClick={() => void navigate('/testing/import')}>{t('nav.testingImport')}</Button>}
            <DownloadButton
              icon={<DownloadOutlined />}
              job={() => testingApi.exportTests(filter, `${t('testing.records.fileName')}-${formatAt(new Date(), 'YYYYMMDD')}.xlsx`)}
              data-testid="records-export"
            >
              {t('visits.export')}
            </DownloadButton>
          </>
        )}
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <TownFilter towns={towns} value={p.townId} onChange={(v) => update({ townId: v, siteId: undefined })} />
          <SiteFilter
            loading={nodesQuery.isPending}
            value={p.siteId}
            onChange={(v) => update({ siteId: v })}
            options={sites.filter((s) => !p.townId || s.townId === p.townId).map((s) => ({ value: s.id, label: s.name }))}
          />
          <Select<TestResult>
            allowClear
            placeholder={t('testing.field.result')}
            aria-label={t('testing.field.result')}
            value={p.result}
            onChange={(v) => update({ result: v })}
            options={resultOptions(t, TEST_RESULTS)}
            style={{ minWidth: 110 }}
          />
          <DayRangeFilter from={p.from} to={p.to} onChange={(from, to) => update({ from, to })} />
          <Flex gap={6} align="center">
            <Switch id="stale-pending" checked={p.stalePending} onChange={(v) => update({ stalePending: v ? 'true' : undefined })} data-testid="records-stale" />
            <label htmlFor="stale-pending">{t('testing.records.stalePending')}</label>
          </Flex>
          {p.personId && (
            <Tag closable onClose={() => update({ personId: undefined, new: undefined })} color="blue" style={{ marginInlineEnd: 0 }}>
              {t('testing.records.onlyPerson', { name: personName ?? t('testing.field.person') })}
            </Tag>
          )}
          {p.sessionId && (
            <Tag closable onClose={() => update({ sessionId: undefined })} color="blue" style={{ marginInlineEnd: 0 }}>
              <Link to={`/testing/sessions/${p.sessionId}`}>{t('testing.records.onlySession')}</Link>
            </Tag>
          )}
        </Flex>
        {list.isError && !list.data
          ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
          : (
            <RecordsTable
              tests={list.data?.tests ?? []}
              canWrite={canWrite}
              onSetResult={setSettingResult}
              {...queryPaging(list, p.page, p.pageSize, onPage)}
            />
          )}
      </Card>
      {settingResult && <SetResultModal key={settingResult.id} record={settingResult} onClose={() => setSettingResult(null)} />}
      {adding && <TestFormDrawer preset={adding} onClose={closeForm} />}
    </>
  );
}
