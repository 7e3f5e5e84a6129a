import { useState } from 'react';
import { DownloadOutlined, DownOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Empty, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { PERSON_KINDS, PERSON_STATUSES, type Person, type PersonKind, type PersonStatus } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { queryPaging, ServerTable, type Paging } from '../../components/shared/ServerTable';
import { useUrlParams } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { PersonFormDrawer } from './PersonFormDrawer';
import { TemplateButton, useDownloads } from './downloads';
import { filterByLabel, IdNumberCell, PersonStatusTag, placeText, siteOptions } from './peopleUi';
import { ALL_SITES, effectiveSiteId, PAGE_SIZES, peopleFilter, readPeopleParams } from './peopleParams';
import { usePeopleList, useVisibleSites } from './usePeople';

function PeopleTable({ people, ...paging }: { people: Person[] } & Paging) {
  const t = useT();
  const navigate = useNavigate();
  const columns: TableColumnsType<Person> = [
    {
      title: t('people.field.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 110,
      render: (_: unknown, p) => <Link to={`/people/${p.id}`} onClick={(e) => e.stopPropagation()}>{p.name}</Link>,
    },
    { title: t('people.field.sex'), dataIndex: 'sex', width: 70, render: (_: unknown, p) => (p.sex ? t(`sex.${p.sex}`) : '') },
    { title: t('people.field.kind'), dataIndex: 'kind', width: 120, render: (_: unknown, p) => t(`personKind.${p.kind}`) },
    { title: t('people.field.idNumber'), dataIndex: 'idNumber', width: 210, render: (_: unknown, p) => <IdNumberCell person={p} /> },
    {
      title: t('people.field.phone'),
      dataIndex: 'phone',
      width: 130,
      render: (_: unknown, p) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{p.phone ?? ''}</span>,
    },
    { title: t('people.postOrBed'), key: 'place', width: 130, render: (_: unknown, p) => placeText(p) },
    {
      title: t('people.field.status'),
      dataIndex: 'status',
      width: 130,
      render: (_: unknown, p) => (
        <Flex gap={4} wrap>
          <PersonStatusTag status={p.status} kind={p.kind} />
          {p.intakeSince && <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>{t('people.inIntake')}</Tag>}
        </Flex>
      ),
    },
    { title: t('people.field.joinedOn'), dataIndex: 'joinedOn', width: 120, render: (_: unknown, p) => p.joinedOn ?? '' },
    { title: t('people.field.site'), dataIndex: 'siteName', width: 180 },
  ];
  return (
    <ServerTable<Person>
      {...paging}
      columns={columns}
      rows={people}
      pageSizes={PAGE_SIZES}
      scrollX={1100}
      totalText={(count) => t('people.total', { count })}
      emptyText={t('people.noMatch')}
      onRow={(p) => ({ onClick: () => void navigate(`/people/${p.id}`), style: { cursor: 'pointer' } })}
      data-testid="people-table"
    />
  );
}

/** The people of the user's sites: filters kept in the URL, server-side paging, add, import and export. */
export function PeoplePage() {
  const t = useT();
  const navigate = useNavigate();
  const canWrite = useCan('people.write');
  const canReveal = useCan('people.reveal');
  const { params, update, onPage } = useUrlParams(PAGE_SIZES[0]);
  const p = readPeopleParams(params);
  const { sites, query: sitesQuery } = useVisibleSites();
  const siteId = effectiveSiteId(p.site, sites.map((s) => s.id));
  const filter = peopleFilter(p, siteId);
  // Without a site in the URL the default depends on the visible sites: wait for them, not to load twice.
  const list = usePeopleList(filter, p.pageSize, (p.page - 1) * p.pageSize, p.site !== undefined || !sitesQuery.isPending);
  const downloads = useDownloads(filter);
  const [adding, setAdding] = useState(false);

  const openImport = () => void navigate(siteId ? `/people/import?siteId=${encodeURIComponent(siteId)}` : '/people/import');
  const filtered = Boolean(p.q || p.kind || p.status);
  const empty = list.isSuccess && list.data.total === 0 && !filtered;

  const addButton = canWrite && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('people.add')}</Button>
  );
  const importButton = canWrite && <Button icon={<UploadOutlined />} onClick={openImport}>{t('people.import')}</Button>;
  const exportButton = canReveal
    ? (
      <Space.Compact>
        <Button icon={<DownloadOutlined />} loading={downloads.running === 'export'} onClick={() => downloads.start('export')}>
          {t('people.export')}
        </Button>
        <Dropdown
          trigger={['click']}
          menu={{ items: [{ key: 'reveal', label: t('people.exportRevealed') }], onClick: () => downloads.start('exportRevealed') }}
        >
          <Button icon={<DownOutlined />} loading={downloads.running === 'exportRevealed'} aria-label={t('people.exportRevealed')} />
        </Dropdown>
      </Space.Compact>
    )
    : (
      <Button icon={<DownloadOutlined />} loading={downloads.running === 'export'} onClick={() => downloads.start('export')}>
        {t('people.export')}
      </Button>
    );

  return (
    <>
      <PageHeader
        title={t('people.title')}
        extra={(
          <>
            {addButton}
            {importButton}
            {exportButton}
            <TemplateButton />
          </>
        )}
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<string>
            showSearch={{ filterOption: filterByLabel }}
            placeholder={t('people.field.site')}
            aria-label={t('people.field.site')}
            loading={sitesQuery.isPending}
            value={siteId ?? ALL_SITES}
            onChange={(v) => update({ siteId: v })}
            options={[{ value: ALL_SITES, label: t('people.allSites') }, ...siteOptions(sites)]}
            style={{ minWidth: 220, maxWidth: '100%' }}
          />
          <Input.Search
            key={p.q}
            allowClear
            placeholder={t('people.searchPlaceholder')}
            aria-label={t('people.searchPlaceholder')}
            defaultValue={p.q}
            maxLength={50}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 300, maxWidth: '100%' }}
          />
          <Select<PersonKind>
            allowClear
            placeholder={t('people.field.kind')}
            aria-label={t('people.field.kind')}
            value={p.kind}
            onChange={(v) => update({ kind: v })}
            options={PERSON_KINDS.map((k) => ({ value: k, label: t(`personKind.${k}`) }))}
            style={{ minWidth: 150 }}
          />
          <Select<PersonStatus>
            allowClear
            placeholder={t('people.field.status')}
            aria-label={t('people.field.status')}
            value={p.status}
            onChange={(v) => update({ status: v })}
            options={PERSON_STATUSES.map((s) => ({ value: s, label: t(`personStatus.${s}`) }))}
            style={{ minWidth: 130 }}
          />
          {list.isSuccess && (
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>{t('people.total', { count: list.data.total })}</Typography.Text>
          )}
        </Flex>
        {list.isError && !list.data
          ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
          : empty
            ? (
              <Empty description={t('people.empty')} data-testid="people-empty">
                {canWrite && <Flex gap={8} justify="center" wrap>{addButton}{importButton}</Flex>}
              </Empty>
            )
            : (
              <PeopleTable people={list.data?.people ?? []} {...queryPaging(list, p.page, p.pageSize, onPage)} />
            )}
      </Card>
      {adding && (
        <PersonFormDrawer
          target={{ mode: 'create', siteId }}
          sites={sites}
          onClose={() => setAdding(false)}
          onSaved={() => setAdding(false)}
        />
      )}
    </>
  );
}
