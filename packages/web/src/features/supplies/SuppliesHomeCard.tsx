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
          const noBasis = o.sites.reduce((sum, s) => sum + s.noDemandBasis, 0);
          const due = o.sites.filter((s) => s.replenishmentDue).length;
          // One site: its stock page says more than the overview.
          const to = o.sites.length === 1 && o.sites[0] ? `/supplies?siteId=${encodeURIComponent(o.sites[0].siteId)}` : '/supplies/overview';
          // A count in its status colour when there is any, linked to the stock or the overview.
          const figure = (title: string, value: number, color: string | undefined, testId?: string) => (
            <Col xs={12} md={8}>
              <Link to={to} style={{ color: 'inherit' }} data-testid={testId}>
                <Statistic title={title} value={value} styles={{ content: { color: value > 0 ? color : undefined } }} />
              </Link>
            </Col>
          );
          return (
            <Row gutter={[16, 16]}>
              {figure(t('home.suppliesBelowFloor'), o.belowFloor.length, STATUS_COLOR.below_floor, 'home-supplies-below-floor')}
              {figure(t('home.suppliesBelowTarget'), belowTarget, STATUS_COLOR.below_target)}
              {figure(t('supplies.overview.noBasisPairs'), noBasis, STATUS_COLOR.no_demand_basis, 'home-supplies-no-basis')}
              {figure(t('home.suppliesReplenishDue'), due, undefined)}
            </Row>
          );
        }}
      </QueryState>
    </Card>
  );
}
