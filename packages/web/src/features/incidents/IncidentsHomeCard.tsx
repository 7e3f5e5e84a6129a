import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { useIncidentOverview } from './useIncidents';

/** The open incidents and late reports of the user's jurisdiction, for the home page; both lead to the board. */
export function IncidentsHomeCard() {
  const t = useT();
  const overview = useIncidentOverview();
  return (
    <Card title={t('home.incidents')} extra={<Link to="/incidents/board">{t('nav.incidentsBoard')}</Link>} data-testid="home-incidents">
      <QueryState query={overview} loading={<Statistic title={t('incidents.board.open')} value="-" loading />}>
        {(o) => {
          const open = o.open.reduce((sum, x) => sum + x.count, 0);
          return (
            <Row gutter={[16, 16]}>
              <Col xs={12} md={8}>
                <Link to="/incidents/board" style={{ color: 'inherit' }} data-testid="home-incidents-open">
                  <Statistic title={t('incidents.board.open')} value={open} styles={{ content: { color: open > 0 ? '#d46b08' : undefined } }} />
                </Link>
              </Col>
              <Col xs={12} md={8}>
                <Link to="/incidents/board?late=true" style={{ color: 'inherit' }} data-testid="home-incidents-late">
                  <Statistic title={t('incidents.board.lateSteps')} value={o.lateSteps} styles={{ content: { color: o.lateSteps > 0 ? '#cf1322' : undefined } }} />
                </Link>
              </Col>
            </Row>
          );
        }}
      </QueryState>
    </Card>
  );
}
