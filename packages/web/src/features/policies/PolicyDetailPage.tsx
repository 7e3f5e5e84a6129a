import { useMemo, useState } from 'react';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Empty, Flex, Grid, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { DEFAULT_POLICIES, policyInForce, SiteType, type PolicyVersion } from '@fangkong/domain';
import { NotFound } from '../../components/shared/NotFound';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { PolicyBodyView } from './PolicyBodyView';
import { policyNote } from './policyFields';
import { PolicyVersionForm } from './PolicyVersionForm';
import { usePolicyVersions } from './usePolicies';
import { formatAt, today as todayInZone } from '../../components/shared/time';

function VersionStatus({ version, current, today }: { version: PolicyVersion; current: PolicyVersion | undefined; today: string }) {
  const t = useT();
  if (current && version.id === current.id) return <Tag color="green">{t('policies.inForce')}</Tag>;
  if (version.effectiveFrom > today) return <Tag color="blue">{t('policies.scheduled')}</Tag>;
  return <Tag>{t('policies.superseded')}</Tag>;
}

function Versions({ siteType, versions }: { siteType: SiteType; versions: PolicyVersion[] }) {
  const t = useT();
  const canEdit = useCan('policy.edit');
  const screens = Grid.useBreakpoint();
  const [today] = useState(todayInZone);
  const current = useMemo(() => policyInForce(versions, today), [versions, today]);
  const [shownId, setShownId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const shown = versions.find((v) => v.id === shownId) ?? current ?? versions[0];

  const columns: TableColumnsType<PolicyVersion> = [
    { title: t('policies.col.version'), dataIndex: 'version', render: (_: unknown, v) => t('policies.versionN', { version: v.version }) },
    { title: t('policies.col.effectiveFrom'), dataIndex: 'effectiveFrom' },
    { title: '', key: 'status', render: (_: unknown, v) => <VersionStatus version={v} current={current} today={today} /> },
    { title: t('policies.col.note'), dataIndex: 'note', render: (_: unknown, v) => policyNote(v.note, t) },
    { title: t('policies.col.createdBy'), dataIndex: 'createdBy', render: (_: unknown, v) => v.createdBy ?? '' },
    { title: t('policies.col.createdAt'), dataIndex: 'createdAt', render: (_: unknown, v) => formatAt(v.createdAt, 'YYYY-MM-DD HH:mm') },
  ];

  return (
    <Flex vertical gap={16}>
      {canEdit && (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(true)}>{t('policies.newVersion')}</Button>
        </Flex>
      )}
      <Card title={t('policies.versions')}>
        <Table<PolicyVersion>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={versions}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: <Empty description={t('policies.empty')} /> }}
          rowSelection={{ type: 'radio', selectedRowKeys: shown ? [shown.id] : [], onChange: (keys) => setShownId(String(keys[0])) }}
          onRow={(v) => ({ onClick: () => setShownId(v.id), style: { cursor: 'pointer' } })}
        />
      </Card>
      {shown ? (
        <Card
          title={t('policies.versionN', { version: shown.version })}
          extra={<VersionStatus version={shown} current={current} today={today} />}
        >
          <Typography.Paragraph type="secondary">
            {t('policies.showing', { version: shown.version })} · {t('policies.effectiveFrom')}: {shown.effectiveFrom}
          </Typography.Paragraph>
          <PolicyBodyView body={shown.body} siteType={siteType} />
        </Card>
      ) : <Card><Empty description={t('policies.noCurrent')} /></Card>}
      <Drawer
        open={editing}
        onClose={() => setEditing(false)}
        title={t('policies.newVersionTitle', { siteType: t(`siteType.${siteType}`) })}
        size={screens.md ? 'large' : '100%'}
        destroyOnHidden
      >
        <PolicyVersionForm
          siteType={siteType}
          base={current ?? versions[0]}
          defaults={DEFAULT_POLICIES[siteType]}
          onCancel={() => setEditing(false)}
          onDone={(created) => {
            setEditing(false);
            setShownId(created.id);
          }}
        />
      </Drawer>
    </Flex>
  );
}

/** The versions of one site type's policy and the content of the one in force. */
export function PolicyDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const parsed = SiteType.safeParse(useParams().siteType);
  const siteType = parsed.success ? parsed.data : undefined;
  const versions = usePolicyVersions(siteType);
  if (!siteType) return <NotFound />;
  return (
    <>
      <PageHeader
        title={`${t('policies.title')} · ${t(`siteType.${siteType}`)}`}
        extra={<Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/policies')}>{t('common.back')}</Button>}
      />
      <QueryState query={versions}>{(list) => <Versions siteType={siteType} versions={list} />}</QueryState>
    </>
  );
}
