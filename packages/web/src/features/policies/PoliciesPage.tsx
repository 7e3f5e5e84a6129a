import { Button, Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { PolicySummary } from '@fangkong/domain';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { policyNote } from './policyFields';
import { usePolicies } from './usePolicies';

function PolicyCard({ policy }: { policy: PolicySummary }) {
  const t = useT();
  const navigate = useNavigate();
  const open = () => void navigate(`/policies/${policy.siteType}`);
  return (
    <Card
      hoverable
      title={t(`siteType.${policy.siteType}`)}
      onClick={open}
      // The whole card is the link; the button only shows that it is one.
      extra={<Button type="link">{t('policies.viewDetail')}</Button>}
      data-testid={`policy-card-${policy.siteType}`}
    >
      <Flex gap={24} wrap>
        <Statistic
          title={t('policies.currentVersion')}
          value={policy.current ? t('policies.versionN', { version: policy.current.version }) : t('policies.noCurrent')}
        />
        <Statistic title={t('policies.versionCount')} value={policy.versions} />
      </Flex>
      {policy.current && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('policies.effectiveFrom')}: {policy.current.effectiveFrom}
          {policy.current.note ? ` · ${policyNote(policy.current.note, t)}` : ''}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** One card per site type with the version in force today. */
export function PoliciesPage() {
  const t = useT();
  const policies = usePolicies();
  return (
    <>
      <PageHeader title={t('policies.title')} />
      <QueryState query={policies}>
        {(list) => list.length === 0 ? <Card><Empty description={t('policies.empty')} /></Card> : (
          <Row gutter={[16, 16]}>
            {list.map((p) => (
              <Col key={p.siteType} xs={24} md={12} xl={8}>
                <PolicyCard policy={p} />
              </Col>
            ))}
          </Row>
        )}
      </QueryState>
    </>
  );
}
