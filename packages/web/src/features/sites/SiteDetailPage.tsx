import { ArrowLeftOutlined, MedicineBoxOutlined, TeamOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Empty, Flex, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { useOrgNode } from '../org/useOrg';
import { InheritedRisk } from '../risk/InheritedRisk';
import { PolicyBodyView } from '../policies/PolicyBodyView';
import { policyNote } from '../policies/policyFields';
import { VisitorLinkCard } from '../visits/VisitorLink';
import { useSitePolicy } from './useSitePolicy';

function SitePolicy({ siteId }: { siteId: string }) {
  const t = useT();
  const policy = useSitePolicy(siteId);
  if (policy.isError && isApiError(policy.error) && policy.error.code === 'not_found') {
    return <Empty description={t('sites.noPolicy')} />;
  }
  return (
    <QueryState query={policy}>
      {(version) => (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">
            {t('sites.policyVersion', { version: version.version, date: version.effectiveFrom })}
            {version.note ? ` · ${policyNote(version.note, t)}` : ''}
          </Typography.Text>
          <PolicyBodyView body={version.body} siteType={version.siteType} />
        </Flex>
      )}
    </QueryState>
  );
}

/** One site: where it is, its risk level, and the policy in force for it today. */
export function SiteDetailPage() {
  const t = useT();
  const { id } = useParams();
  const navigate = useNavigate();
  const detail = useOrgNode(id);
  const canReadPeople = useCan('people.read');
  const canReadVisits = useCan('visits.read');
  const canReadSupplies = useCan('supplies.read');

  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;

  return (
    <>
      <PageHeader
        title={detail.data?.node.name ?? t('sites.detailTitle')}
        extra={(
          <>
            {canReadPeople && id !== undefined && detail.data?.node.kind === 'site' && (
              <Button icon={<TeamOutlined />} onClick={() => void navigate(`/people?siteId=${encodeURIComponent(id)}`)} data-testid="site-people">
                {t('people.viewPeople')}
              </Button>
            )}
            {canReadSupplies && id !== undefined && detail.data?.node.kind === 'site' && (
              <Button icon={<MedicineBoxOutlined />} onClick={() => void navigate(`/supplies?siteId=${encodeURIComponent(id)}`)} data-testid="site-supplies">
                {t('supplies.viewStock')}
              </Button>
            )}
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/sites')}>{t('common.back')}</Button>
          </>
        )}
      />
      <Flex vertical gap={16}>
        <Card title={t('sites.detailTitle')} loading={detail.isPending}>
          {detail.data && (
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, sm: 1, md: 2 }}
              items={[
                {
                  key: 'path',
                  label: t('org.field.path'),
                  span: 'filled',
                  children: (
                    <Breadcrumb
                      items={[
                        ...detail.data.ancestors.map((a) => ({ key: a.id, title: <Link to={`/org?node=${a.id}`}>{a.name}</Link> })),
                        { key: detail.data.node.id, title: detail.data.node.name },
                      ]}
                    />
                  ),
                },
                { key: 'name', label: t('sites.col.name'), children: detail.data.node.name },
                {
                  key: 'type',
                  label: t('sites.col.type'),
                  children: detail.data.node.siteType ? t(`siteType.${detail.data.node.siteType}`) : t(`kind.${detail.data.node.kind}`),
                },
                { key: 'code', label: t('sites.col.code'), children: detail.data.node.code ?? t('common.none') },
                ...(detail.data.node.kind === 'site'
                  ? [{ key: 'capacity', label: t('org.field.capacity'), children: detail.data.node.capacity ?? t('common.none') }]
                  : []),
                { key: 'risk', label: t('riskAreas.inherited.label'), children: <InheritedRisk level={detail.data.riskLevel} areas={detail.data.riskAreas} /> },
                { key: 'address', label: t('sites.col.address'), span: 'filled', children: detail.data.node.address ?? t('common.none') },
                { key: 'children', label: t('org.field.children'), children: detail.data.children.length },
              ]}
            />
          )}
        </Card>
        {canReadVisits && id !== undefined && detail.data?.node.kind === 'site' && <VisitorLinkCard siteId={id} />}
        {id !== undefined && (
          <Card title={t('sites.policyInForce')}>
            <SitePolicy siteId={id} />
          </Card>
        )}
      </Flex>
    </>
  );
}
