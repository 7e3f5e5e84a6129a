import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { STATUS_COLOR } from './suppliesUi';
import { useSuppliesOverview } from './useSupplies';

/** How many items are below their floor (and below target) at the user's sites, for the home page. */
export function SuppliesHomeCard() {
  const t = useT();
  const overview = useSuppliesOverview({});
  return (
    <Card title={t('home.suppliesToday')} data-testid="home-supplies">
      <QueryState query={overview} loading={<Statistic title={t('home.suppliesBelowFloor')} value="-" loading />}>
        {(o) => {
          const belowTarget = o.sites.reduce((sum, s) => sum + s.belowTarget, 0);
          const due = o.sites.filter((s) => s.replenishmentDue).length;
          // One site: its stock page says more than the overview.
          const to = o.sites.length === 1 && o.sites[0] ? `/supplies?siteId=${encodeURIComponent(o.sites[0].siteId)}` : '/supplies/overview';
          return (
            <Row gutter={[16, 16]}>
              <Col xs={12} md={8}>
                <Link to={to} style={{ color: 'inherit' }} data-testid="home-supplies-below-floor">
                  <Statistic
                    title={t('home.suppliesBelowFloor')}
                    value={o.belowFloor.length}
                    styles={{ content: { color: o.belowFloor.length > 0 ? STATUS_COLOR.below_floor : undefined } }}
                  />
                </Link>
              </Col>
              <Col xs={12} md={8}>
                <Link to={to} style={{ color: 'inherit' }}>
                  <Statistic
                    title={t('home.suppliesBelowTarget')}
                    value={belowTarget}
                    styles={{ content: { color: belowTarget > 0 ? STATUS_COLOR.below_target : undefined } }}
                  />
                </Link>
              </Col>
              <Col xs={12} md={8}>
                <Link to={to} style={{ color: 'inherit' }}>
                  <Statistic title={t('home.suppliesReplenishDue')} value={due} />
                </Link>
              </Col>
            </Row>
          );
        }}
      </QueryState>
    </Card>
  );
}
