import { Card, Col, Progress, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { coveragePercent, percentColor } from './CoveragePage';
import { useCoverage, useOpenAlerts } from './useHealth';

/** Today's round coverage and the open alerts of the user's sites, for the home page. */
export function HealthHomeCard() {
  const t = useT();
  const coverage = useCoverage({ date: 'today' });
  const alerts = useOpenAlerts();
  const openCount = alerts.data?.length;
  return (
    <Card title={t('home.healthToday')} data-testid="home-health">
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <QueryState query={coverage} loading={<Progress type="dashboard" percent={0} status="active" />}>
            {(c) => {
              const percent = coveragePercent(c.totals);
              return (
                <Link to="/coverage" style={{ display: 'flex', gap: 16, alignItems: 'center', color: 'inherit' }} data-testid="home-coverage">
                  <Progress
                    type="dashboard"
                    size={96}
                    percent={percent ?? 0}
                    strokeColor={percentColor(percent)}
                    // Nobody expected: a dash, never a green 100 % (requirements §15).
                    format={() => <span data-testid="home-coverage-rate">{percent === null ? '—' : `${percent}%`}</span>}
                    status={percent !== null && percent >= 100 ? 'success' : 'normal'}
                  />
                  {percent === null
                    ? <Statistic title={t('home.checkedToday')} value={t('home.nothingToCheck')} styles={{ content: { color: 'rgba(0,0,0,0.45)', fontSize: 16 } }} />
                    : <Statistic title={t('home.checkedToday')} value={c.totals.checked} suffix={`/ ${c.totals.expected}`} />}
                </Link>
              );
            }}
          </QueryState>
        </Col>
        <Col xs={24} md={12}>
          <Link to="/alerts" style={{ color: 'inherit' }} data-testid="home-open-alerts">
            <Statistic
              title={t('home.openAlerts')}
              value={openCount ?? '-'}
              loading={alerts.isPending}
              styles={{ content: { color: openCount ? '#cf1322' : undefined } }}
            />
          </Link>
        </Col>
      </Row>
    </Card>
  );
}
