import { Fragment, useMemo, useState } from 'react';
import { ArrowLeftOutlined, LeftOutlined, PlusOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import type { Hall, MourningEvent } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { formatAt, today, zonedInstant } from '../../components/shared/time';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { BookEventModal } from './BookEventModal';
import { at, FuneralSitePicker, useFuneralSite } from './funeralUi';
import { HallsModal } from './HallsModal';
import { useEvents, useHalls } from './useFuneral';
import './funeral.css';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The Monday of the week a day lies in. */
function mondayOf(day: string): string {
  const d = dayjs(day);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

/** The days an event covers, by the site's calendar (an end at midnight does not reach the next day). */
function eventDays(e: MourningEvent): { first: string; last: string } {
  return { first: formatAt(e.startsAt, 'YYYY-MM-DD'), last: formatAt(new Date(new Date(e.endsAt).getTime() - 1), 'YYYY-MM-DD') };
}

function EventBar({ e, day }: { e: MourningEvent; day: string }) {
  const t = useT();
  const { first, last } = eventDays(e);
  // The times shown where the event starts and ends; the days between show the name only.
  const times = [day === first ? at(e.startsAt, true) : '', day === last ? at(e.endsAt, true) : ''];
  return (
    <Link
      to={`/funeral/events/${encodeURIComponent(e.id)}`}
      className={`fk-week-event fk-week-event-${e.state}`}
      title={`${e.deceasedName} · ${at(e.startsAt)} – ${at(e.endsAt)} · ${t(`funeral.eventState.${e.state}`)}`}
      data-testid="calendar-event"
      data-deceased={e.deceasedName}
    >
      <strong>{e.deceasedName}</strong>
      <span style={{ display: 'block' }} className="fk-num">
        {times[0] || '…'}–{times[1] || '…'} · {t('funeral.attendeesOfCap', { attendees: e.attendees, cap: e.attendeeCap })}
      </span>
    </Link>
  );
}

/** Rows the halls, columns the week's days, each event in every day it covers. */
function WeekGrid({ halls, events, days }: { halls: readonly Hall[]; events: readonly MourningEvent[]; days: readonly string[] }) {
  const t = useT();
  const now = today();
  return (
    <div className="fk-week" role="region" aria-label={t('nav.funeralCalendar')} tabIndex={0}>
      <div className="fk-week-grid" style={{ gridTemplateColumns: `140px repeat(${days.length}, minmax(100px, 1fr))` }} data-testid="calendar-grid">
        <div className="fk-week-head">{t('funeral.field.hall')}</div>
        {days.map((d, i) => (
          <div key={d} className={d === now ? 'fk-week-head fk-week-today' : 'fk-week-head'}>
            {t(`funeral.weekday.${WEEKDAYS[i] ?? 'mon'}`)}<br /><span className="fk-num">{d.slice(5)}</span>
          </div>
        ))}
        {halls.map((h) => (
          <Fragment key={h.id}>
            <div className={h.active ? 'fk-week-hall' : 'fk-week-hall fk-week-inactive'} data-testid="calendar-hall">
              <strong>{h.name}</strong>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.active ? t('funeral.halls.capacity', { count: h.capacity }) : t('funeral.halls.outOfUse')}
              </Typography.Text>
            </div>
            {days.map((d) => (
              <div key={d} className={d === now ? 'fk-week-cell fk-week-today' : 'fk-week-cell'}>
                {events.filter((e) => e.hallId === h.id && eventDays(e).first <= d && eventDays(e).last >= d).map((e) => <EventBar key={e.id} e={e} day={d} />)}
              </div>
            ))}
          </Fragment>
        ))}
      </div>
    </div>
  );
}

/** `/funeral/calendar`: a site's halls over a week, booking events and managing the halls. */
export function FuneralCalendarPage() {
  const t = useT();
  const site = useFuneralSite();
  const { params, update } = useUrlFilters();
  const canWrite = useCan('funeral.write');
  const canHalls = useCan('funeral.halls');
  const [booking, setBooking] = useState(false);
  const [managing, setManaging] = useState(false);
  const week = mondayOf(params.get('week') || today());
  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => dayjs(week).add(i, 'day').format('YYYY-MM-DD')), [week]);
  const halls = useHalls(site.siteId);
  const events = useEvents({
    siteId: site.siteId,
    from: zonedInstant(dayjs(week)),
    to: zonedInstant(dayjs(week).add(7, 'day')),
  }, site.siteId !== undefined);
  const go = (weeks: number) => update({ week: weeks === 0 ? undefined : dayjs(week).add(weeks * 7, 'day').format('YYYY-MM-DD') });
  const q = site.siteId ? `?siteId=${encodeURIComponent(site.siteId)}` : '';

  return (
    <>
      <PageHeader
        title={t('funeral.calendar.title')}
        extra={(
          <>
            {site.siteId && canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setBooking(true)} data-testid="book-event">{t('funeral.book.open')}</Button>
            )}
            {site.siteId && canHalls && <Button icon={<SettingOutlined />} onClick={() => setManaging(true)} data-testid="manage-halls">{t('funeral.halls.manage')}</Button>}
            <Link to={`/funeral${q}`}><Button icon={<ArrowLeftOutlined />}>{t('nav.funeralToday')}</Button></Link>
          </>
        )}
      >
        <Flex gap={12} wrap align="center" style={{ marginTop: 12 }}>
          <FuneralSitePicker state={site} />
          <Button icon={<LeftOutlined />} onClick={() => go(-1)} aria-label={t('funeral.calendar.previous')} data-testid="week-previous" />
          <Typography.Text strong className="fk-num" data-testid="calendar-week">{days[0]} – {days[6]}</Typography.Text>
          <Button icon={<RightOutlined />} onClick={() => go(1)} aria-label={t('funeral.calendar.next')} data-testid="week-next" />
          <Button onClick={() => go(0)} disabled={week === mondayOf(today())}>{t('funeral.calendar.thisWeek')}</Button>
        </Flex>
      </PageHeader>
      {site.siteId === undefined
        ? <Card><Empty description={site.sites.length === 0 && !site.loading ? t('funeral.noSites') : t('round.chooseSite')} /></Card>
        : halls.isError ? <ErrorResult error={halls.error} onRetry={() => void halls.refetch()} />
          : events.isError ? <ErrorResult error={events.error} onRetry={() => void events.refetch()} />
            : (
              <Card loading={halls.isPending || events.isPending} styles={{ body: { padding: 0 } }}>
                {halls.data?.length === 0
                  ? <Empty style={{ padding: 24 }} description={t(canHalls ? 'funeral.halls.noneAdd' : 'funeral.halls.none')} />
                  : <WeekGrid halls={halls.data ?? []} events={events.data?.events ?? []} days={days} />}
              </Card>
            )}
      {booking && site.siteId && <BookEventModal siteId={site.siteId} halls={(halls.data ?? []).filter((h) => h.active)} onClose={() => setBooking(false)} />}
      {managing && site.siteId && <HallsModal siteId={site.siteId} halls={halls.data ?? []} onClose={() => setManaging(false)} />}
    </>
  );
}
