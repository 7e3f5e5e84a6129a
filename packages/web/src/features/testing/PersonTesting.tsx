import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { Person, TestRecord } from '@fangkong/domain';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { TestFormDrawer } from './TestFormDrawer';
import { DueStatusTag, ResultTag, timeText } from './testingUi';
import { DUE_ALL, useDueList, useTestList } from './useTesting';

const SHOWN = 10;

function DueState({ person }: { person: Person }) {
  const t = useT();
  // The due list has no person filter: the site's list (shared with the batch page's cache) has them.
  const due = useDueList({ siteId: person.siteId, status: 'all' }, DUE_ALL, 0);
  return (
    <QueryState query={due} loading={<Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}>
      {(list) => {
        const e = list.entries.find((x) => x.personId === person.id);
        if (!e) return <Typography.Text type="secondary">{t('dueStatus.not_required')}</Typography.Text>;
        return (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 4 }}
            data-testid="person-due"
            items={[
              { key: 'status', label: t('testing.col.status'), children: <DueStatusTag status={e.status} daysOverdue={e.daysOverdue} reason={e.reason} /> },
              { key: 'dueOn', label: t('testing.col.dueOn'), children: e.dueOn ?? t('common.none') },
              { key: 'interval', label: t('testing.col.interval'), children: e.intervalDays ? t('testing.everyDays', { days: e.intervalDays }) : t('common.none') },
              {
                key: 'last',
                label: t('testing.col.lastSample'),
                children: e.lastSampledAt
                  ? <Flex gap={6} align="center">{timeText(e.lastSampledAt, true)}{e.lastResult && <ResultTag result={e.lastResult} />}</Flex>
                  : t('testing.neverTested'),
              },
            ]}
          />
        );
      }}
    </QueryState>
  );
}

/** A person's due state and latest test records, on their page. */
export function PersonTesting({ person }: { person: Person }) {
  const t = useT();
  const canWrite = useCan('testing.write');
  const records = useTestList({ personId: person.id }, SHOWN, 0);
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<TestRecord> = [
    { title: t('testing.field.sampledAt'), dataIndex: 'sampledAt', width: 140, render: (_: unknown, r) => timeText(r.sampledAt, true) },
    { title: t('testing.field.result'), dataIndex: 'result', width: 80, render: (_: unknown, r) => <ResultTag result={r.result} /> },
    { title: t('testing.field.resultAt'), dataIndex: 'resultAt', width: 140, render: (_: unknown, r) => timeText(r.resultAt, true) },
    { title: t('testing.field.sampleType'), dataIndex: 'sampleType', width: 90, render: (_: unknown, r) => t(`sampleType.${r.sampleType}`) },
    { title: t('testing.field.lab'), dataIndex: 'lab', width: 140, ellipsis: true, render: (_: unknown, r) => r.lab ?? '' },
    {
      title: t('testing.col.source'),
      dataIndex: 'source',
      width: 110,
      render: (_: unknown, r) => (r.sessionId ? <Link to={`/testing/sessions/${r.sessionId}`}>{t(`testSource.${r.source}`)}</Link> : t(`testSource.${r.source}`)),
    },
  ];
  const total = records.data?.total ?? 0;
  return (
    <Card
      title={t('testing.person.title')}
      data-testid="person-testing"
      extra={(
        <Flex gap={8}>
          {canWrite && person.status !== 'left' && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="person-add-test">{t('testing.newRecord')}</Button>
          )}
          {total > SHOWN && <Link to={`/testing/records?personId=${person.id}`} state={{ personName: person.name }}>{t('testing.person.all', { count: total })}</Link>}
        </Flex>
      )}
    >
      <Flex vertical gap={12}>
        <DueState person={person} />
        <QueryState query={records}>
          {(list) => (
            <Table<TestRecord>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={list.tests}
              pagination={false}
              scroll={{ x: 700 }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('testing.person.none')} /> }}
              data-testid="person-tests"
            />
          )}
        </QueryState>
      </Flex>
      {adding && (
        <TestFormDrawer preset={{ siteId: person.siteId, personId: person.id, personName: person.name }} onClose={() => setAdding(false)} />
      )}
    </Card>
  );
}
