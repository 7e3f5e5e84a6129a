import { Alert, Card, Col, Empty, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { SITE_TYPES, type OrgNode, type SiteType } from '@fangkong/domain';
import { NodeKindIcon } from '../../components/shared/NodeKindIcon';
import { QueryState } from '../../components/shared/QueryState';
import { useCan, useCurrentUser } from '../auth/currentUser';
import { FEATURES } from '..';
import { useOrgNodes } from '../org/useOrg';
import { useT } from '../../i18n/useT';

/** The features' cards, by their order; each user sees those their permissions allow. */
export const HOME_CARDS = FEATURES.flatMap((f) => f.homeCards ?? []).sort((a, b) => a.order - b.order);

function countByType(nodes: readonly OrgNode[]): Record<SiteType, number> {
  const counts = Object.fromEntries(SITE_TYPES.map((s) => [s, 0])) as Record<SiteType, number>;
  for (const n of nodes) if (n.kind === 'site' && n.siteType) counts[n.siteType] += 1;
  return counts;
}

function SiteCounts({ nodes }: { nodes: readonly OrgNode[] }) {
  const t = useT();
  const counts = countByType(nodes);
  const total = SITE_TYPES.reduce((sum, s) => sum + counts[s], 0);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} sm={8} lg={4}>
        <Card size="small" style={{ height: '100%' }}><Link to="/sites"><Statistic title={t('home.totalSites')} value={total} /></Link></Card>
      </Col>
      {SITE_TYPES.map((s) => (
        <Col key={s} xs={12} sm={8} lg={4}>
          <Card size="small" style={{ height: '100%' }} data-testid={`site-count-${s}`}>
            <Link to={`/sites?type=${s}`}><Statistic title={t(`siteType.${s}`)} value={counts[s]} /></Link>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** A first page: who the user is, where they work, and what sites they can see. */
export function HomePage() {
  const t = useT();
  const me = useCurrentUser();
  const canReadOrg = useCan('org.read');
  const nodes = useOrgNodes(canReadOrg);

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>{t('home.welcome', { name: me.displayName })}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
      </div>

      {HOME_CARDS.filter((c) => me.permissions.includes(c.permission)).map(({ id, Card: FeatureCard }) => <FeatureCard key={id} />)}

      <Card title={t('home.roles')}>
        {me.roles.length === 0 ? <Empty description={t('home.noRoles')} /> : (
          <Row gutter={[16, 16]}>
            {me.roles.map((r) => (
              <Col key={`${r.role}:${r.nodeId}`} xs={24} sm={12} lg={8}>
                <Card size="small" type="inner">
                  <Flex vertical gap={8}>
                    <Tag color="blue" style={{ alignSelf: 'flex-start' }}>{t(`role.${r.role}`)}</Tag>
                    <Flex gap={8} align="center">
                      <NodeKindIcon kind={r.nodeKind} />
                      {canReadOrg ? <Link to={`/org?node=${r.nodeId}`}>{r.nodeName}</Link> : <span>{r.nodeName}</span>}
                    </Flex>
                    <Typography.Text type="secondary">{t(`kind.${r.nodeKind}`)}</Typography.Text>
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>

      <Card title={t('home.sitesByType')}>
        {canReadOrg
          ? <QueryState query={nodes}>{(list) => <SiteCounts nodes={list} />}</QueryState>
          : <Alert type="info" showIcon title={t('home.noOrgAccess')} />}
      </Card>
    </Flex>
  );
}
