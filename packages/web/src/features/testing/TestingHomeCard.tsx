import { Card, Col, Progress, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { rateColor, ratePercent, rateText } from './testingUi';
import { useCompliance } from './useTesting';

/** Today's 应检尽检 rate and who is due or overdue in the user's scope, for the home page. */
export function TestingHomeCard() {
  const t = useT();
  const compliance = useCompliance({});
  return (
    <Card title={t('home.testingToday')} data-testid="home-testing">
      <QueryState query={compliance} loading={<Progress type="dashboard" percent={0} status="active" />}>
        {(c) => {
          const percent = ratePercent(c.total.rate);
          return (
            <Row gutter={[16, 16]} align="middle">
              <Col xs={24} md={12}>
                <Link to="/testing/compliance" style={{ display: 'flex', gap: 16, alignItems: 'center', color: 'inherit' }} data-testid="home-testing-rate">
                  <Progress
                    type="dashboard"
                    size={96}
                    percent={percent ?? 0}
                    strokeColor={rateColor(c.total.rate)}
                    format={() => rateText(c.total.rate)}
                    status={percent !== null && percent >= 100 ? 'success' : 'normal'}
                  />
                  <Statistic title={t('home.testedOfRequired')} value={c.total.tested} suffix={`/ ${c.total.required}`} />
                </Link>
              </Col>
              <Col xs={12} md={6}>
                <Link to="/testing?status=due" style={{ color: 'inherit' }} data-testid="home-testing-due">
                  <Statistic title={t('dueStatus.due')} value={c.total.due} styles={{ content: { color: c.total.due ? '#d48806' : undefined } }} />
                </Link>
              </Col>
              <Col xs={12} md={6}>
                <Link to="/testing?status=overdue" style={{ color: 'inherit' }} data-testid="home-testing-overdue">
                  <Statistic title={t('dueStatus.overdue')} value={c.total.overdue} styles={{ content: { color: c.total.overdue ? '#cf1322' : undefined } }} />
                </Link>
              </Col>
            </Row>
          );
        }}
      </QueryState>
    </Card>
  );
}
