import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { useCurrentUser } from '../auth/currentUser';
import { funeralTotals } from './OverviewPage';
import { useFuneralOverview, useFuneralSites, useFuneralToday } from './useFuneral';

const RED = '#cf1322';

/** A count linked to a page, red when any and asked to be. */
function Figure({ title, value, to, alarm, testId }: { title: string; value: number; to: string; alarm?: boolean; testId?: string }) {
  return (
    <Col xs={12} md={6}>
      <Link to={to} style={{ color: 'inherit' }} data-testid={testId}>
        <Statistic title={title} value={value} styles={{ content: { color: alarm && value > 0 ? RED : undefined } }} />
      </Link>
    </Col>
  );
}

/** A funeral site's day: its events, mourners, disinfections and cases. */
function SiteDayCard({ siteId }: { siteId: string }) {
  const t = useT();
  const today = useFuneralToday(siteId);
  const to = `/funeral?siteId=${encodeURIComponent(siteId)}`;
  return (
    <Card title={t('home.funeralToday')} extra={<Link to={to}>{t('nav.funeralToday')}</Link>} data-testid="home-funeral">
      <QueryState query={today} loading={<Statistic title={t('funeral.overview.events')} value="-" loading />}>
        {(d) => {
          const attendees = d.events.reduce((n, e) => n + e.attendees, 0);
          const missed = d.halls.filter((h) => h.disinfectionState === 'missed').length;
          const due = d.halls.filter((h) => h.disinfectionState === 'due').length;
          const waiting = d.halls.filter((h) => h.awaitingFinalFor !== null).length;
          const late = d.openCases.filter((c) => c.late).length;
          return (
            <Row gutter={[16, 16]}>
              <Figure title={t('funeral.overview.events')} value={d.events.length} to={to} testId="home-funeral-events" />
              <Figure title={t('funeral.overview.attendees')} value={attendees} to={to} />
              <Figure title={t('funeral.home.disinfectionDue')} value={missed + due} to={to} alarm={missed > 0} testId="home-funeral-due" />
              <Figure title={t('funeral.overview.awaitingFinal')} value={waiting} to={to} alarm />
              <Figure title={t('funeral.overview.openCases')} value={d.openCases.length} to="/funeral/cases" />
              <Figure title={t('funeral.overview.lateSteps')} value={late} to="/funeral/cases" alarm />
            </Row>
          );
        }}
      </QueryState>
    </Card>
  );
}

/** The funeral sites' totals for the bureau and the towns. */
function OverviewCard() {
  const t = useT();
  const overview = useFuneralOverview();
  const to = '/funeral/overview';
  return (
    <Card title={t('home.funeralSites')} extra={<Link to={to}>{t('nav.funeralOverview')}</Link>} data-testid="home-funeral">
      <QueryState query={overview} loading={<Statistic title={t('funeral.overview.events')} value="-" loading />}>
        {(o) => {
          const s = funeralTotals(o.sites);
          return (
            <Row gutter={[16, 16]}>
              <Figure title={t('funeral.overview.events')} value={s.events} to={to} testId="home-funeral-events" />
              <Figure title={t('funeral.overview.attendees')} value={s.attendees} to={to} />
              <Figure title={t('funeral.overview.missed')} value={s.missedDisinfections} to={to} alarm />
              <Figure title={t('funeral.overview.awaitingFinal')} value={s.awaitingFinal} to={to} alarm />
              <Figure title={t('funeral.overview.openCases')} value={s.openCases} to={to} />
              <Figure title={t('funeral.overview.lateSteps')} value={s.lateSteps} to={to} alarm />
            </Row>
          );
        }}
      </QueryState>
    </Card>
  );
}

/**
 * The home card of funeral services: a funeral site's day for its staff, the sites' totals for the
 * bureau and the towns; nothing for those who see no funeral site (the permission is the role's, not the site type's).
 */
export function FuneralHomeCard() {
  const me = useCurrentUser();
  const { sites } = useFuneralSites();
  if (sites.length === 0) return null;
  const atSite = me.roles.every((r) => r.nodeKind === 'site');
  const only = sites.length === 1 ? sites[0] : undefined;
  return atSite && only ? <SiteDayCard siteId={only.id} /> : <OverviewCard />;
}
