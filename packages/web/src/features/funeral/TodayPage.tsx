import { useState } from 'react';
import { AlertOutlined, CalendarOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Progress, Row, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { CovidCase, FuneralToday, Hall, MourningEvent } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { RiskTag } from '../../components/shared/RiskTag';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { DisinfectionModal } from './DisinfectionModal';
import { DisinfectionStateTag, EventStateTag, FuneralSitePicker, NextStepText, span, useFuneralSite } from './funeralUi';
import { useFuneralToday } from './useFuneral';
import './funeral.css';

type Dialog = { hall: Hall; kind: 'routine' | 'final'; eventId?: string | undefined };

/** Attendees against the cap, as a bar that turns red when full. */
export function AttendeeBar({ attendees, cap }: { attendees: number; cap: number }) {
  const t = useT();
  const percent = cap > 0 ? Math.min(100, Math.round((attendees / cap) * 100)) : 0;
  return (
    <Flex vertical gap={0} style={{ minWidth: 110 }} data-testid="attendees" data-value={attendees} data-cap={cap}>
      <span className="fk-num">{t('funeral.attendeesOfCap', { attendees, cap })}</span>
      <Progress percent={percent} size="small" showInfo={false} status={attendees >= cap ? 'exception' : 'normal'} />
    </Flex>
  );
}

function LimitsCard({ today }: { today: FuneralToday }) {
  const t = useT();
  const { limits } = today;
  return (
    <Card size="small" title={t('funeral.today.limits')} data-testid="funeral-limits">
      {!limits.eventsAllowed && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('funeral.today.noGatherings')} />}
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label={t('funeral.today.risk')}><RiskTag level={today.riskLevel} /></Descriptions.Item>
        <Descriptions.Item label={t('funeral.today.cap')}>{t('funeral.people', { count: limits.attendeeCap })}</Descriptions.Item>
        <Descriptions.Item label={t('funeral.today.maxDays')}>{t('funeral.days', { count: limits.maxDays })}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** An event's start and end, one a line (the end without its date when on the same day). */
function TwoLineSpan({ from, to }: { from: string; to: string }) {
  const [start, end] = span(from, to).split(' – ');
  return <span className="fk-num" style={{ whiteSpace: 'nowrap' }}>{start} –<br />{end}</span>;
}

function EventsCard({ events }: { events: readonly MourningEvent[] }) {
  const t = useT();
  // Sized by their content, the times on two lines: the card is about 560 px wide beside the halls at 1280 px.
  const columns: TableColumnsType<MourningEvent> = [
    { title: t('funeral.field.hall'), dataIndex: 'hallName' },
    {
      title: t('funeral.field.deceased'),
      key: 'deceased',
      render: (_: unknown, e) => <Link to={`/funeral/events/${encodeURIComponent(e.id)}`} data-testid="today-event-link">{e.deceasedName}</Link>,
    },
    { title: t('funeral.field.times'), key: 'times', render: (_: unknown, e) => <TwoLineSpan from={e.startsAt} to={e.endsAt} /> },
    { title: t('funeral.field.attendees'), key: 'attendees', render: (_: unknown, e) => <AttendeeBar attendees={e.attendees} cap={e.attendeeCap} /> },
    { title: t('funeral.field.state'), dataIndex: 'state', render: (_: unknown, e) => <EventStateTag state={e.state} /> },
  ];
  return (
    <Card size="small" title={t('funeral.today.events', { count: events.length })}>
      <Table<MourningEvent>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...events]}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('funeral.today.noEvents')} /> }}
        onRow={() => ({ 'data-testid': 'today-event' }) as React.HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}

function HallsCard({ halls, canWrite, onRecord, registerLink }: { halls: readonly Hall[]; canWrite: boolean; onRecord: (d: Dialog) => void; registerLink: string }) {
  const t = useT();
  const active = halls.filter((h) => h.active);
  return (
    <Card size="small" title={t('funeral.today.halls')} extra={<Link to={registerLink} data-testid="open-hall-days">{t('nav.funeralDisinfections')}</Link>}>
      {active.length === 0 ? <Empty description={t('funeral.halls.none')} /> : (
        <Flex vertical gap={8}>
          {active.map((h) => (
            <div key={h.id} className={`fk-hall-row fk-hall-${h.disinfectionState}`} data-testid="today-hall" data-hall-name={h.name}>
              <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text strong>{h.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.inUseToday ? t('funeral.halls.inUse') : t('funeral.halls.free')} · {t('funeral.halls.capacity', { count: h.capacity })}
                </Typography.Text>
              </Flex>
              <DisinfectionStateTag hall={h} />
              {canWrite && (
                <Button size="small" onClick={() => onRecord({ hall: h, kind: 'routine' })} data-testid="hall-record-disinfection">
                  {t('funeral.disinfection.record')}
                </Button>
              )}
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function AwaitingFinalCard({ halls, events, canWrite, onRecord }: {
  halls: readonly Hall[];
  events: readonly MourningEvent[];
  canWrite: boolean;
  onRecord: (d: Dialog) => void;
}) {
  const t = useT();
  const waiting = halls.filter((h) => h.awaitingFinalFor !== null);
  return (
    <Card size="small" title={t('funeral.today.awaitingFinal', { count: waiting.length })} data-testid="awaiting-final">
      {waiting.length === 0 ? <Typography.Text type="secondary">{t('funeral.today.noneAwaiting')}</Typography.Text> : (
        <Flex vertical gap={8}>
          {waiting.map((h) => {
            const e = events.find((x) => x.id === h.awaitingFinalFor);
            return (
              <Flex key={h.id} gap={8} align="center" wrap className="fk-hall-row fk-hall-missed" data-testid="awaiting-final-row">
                <Typography.Text strong style={{ flex: 1 }}>
                  {h.name}
                  {' · '}
                  <Link to={`/funeral/events/${encodeURIComponent(h.awaitingFinalFor ?? '')}`}>{e ? e.deceasedName : t('funeral.today.theEvent')}</Link>
                </Typography.Text>
                {canWrite && (
                  <Button size="small" type="primary" onClick={() => onRecord({ hall: h, kind: 'final', eventId: h.awaitingFinalFor ?? undefined })} data-testid="record-final">
                    {t('funeral.disinfection.recordFinal')}
                  </Button>
                )}
              </Flex>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}

export function OpenCasesCard({ cases }: { cases: readonly CovidCase[] }) {
  const t = useT();
  return (
    <Card size="small" title={t('funeral.today.openCases', { count: cases.length })} extra={<Link to="/funeral/cases">{t('nav.funeralCases')}</Link>}>
      {cases.length === 0 ? <Typography.Text type="secondary">{t('funeral.cases.noneOpen')}</Typography.Text> : (
        <Flex vertical gap={8}>
          {cases.map((c) => (
            <Flex key={c.id} gap={8} wrap align="baseline" className={c.late ? 'fk-hall-row fk-hall-missed' : 'fk-hall-row'} data-testid="open-case">
              <Link to={`/funeral/cases/${encodeURIComponent(c.id)}`} style={{ fontWeight: 600 }}>{c.deceasedName}</Link>
              <NextStepText c={c} />
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** `/funeral`: a funeral site's day — the limits in force, today's events, the halls' disinfection and the open COVID-19 cases. */
export function FuneralTodayPage() {
  const t = useT();
  const site = useFuneralSite();
  const today = useFuneralToday(site.siteId);
  const canWrite = useCan('funeral.write');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const q = site.siteId ? `?siteId=${encodeURIComponent(site.siteId)}` : '';
  const data = today.data && today.data.siteId === site.siteId ? today.data : undefined;

  return (
    <>
      <PageHeader
        title={t('funeral.today.title')}
        extra={(
          <>
            <Link to={`/funeral/calendar${q}`}><Button icon={<CalendarOutlined />} data-testid="open-calendar">{t('nav.funeralCalendar')}</Button></Link>
            <Link to={`/funeral/cases${q}`}><Button icon={<AlertOutlined />}>{t('nav.funeralCases')}</Button></Link>
            <Link to="/funeral/trace"><Button icon={<SearchOutlined />}>{t('nav.funeralTrace')}</Button></Link>
          </>
        )}
      >
        <Flex gap={12} wrap align="center" style={{ marginTop: 12 }}>
          <FuneralSitePicker state={site} />
          {data && <Typography.Text type="secondary">{t('funeral.today.day', { day: data.day })}</Typography.Text>}
        </Flex>
      </PageHeader>
      {site.siteId === undefined
        ? <Card><Empty description={site.sites.length === 0 && !site.loading ? t('funeral.noSites') : t('round.chooseSite')} /></Card>
        : today.isError && !data
          ? <ErrorResult error={today.error} onRetry={() => void today.refetch()} />
          : !data ? <Card loading /> : (
            <Row gutter={[16, 16]}>
              <Col xs={24}><LimitsCard today={data} /></Col>
              <Col xs={24} xl={14}><EventsCard events={data.events} /></Col>
              <Col xs={24} xl={10}>
                <Flex vertical gap={16}>
                  <HallsCard halls={data.halls} canWrite={canWrite} onRecord={setDialog} registerLink={`/funeral/disinfections${q}`} />
                  <AwaitingFinalCard halls={data.halls} events={data.events} canWrite={canWrite} onRecord={setDialog} />
                  <OpenCasesCard cases={data.openCases} />
                </Flex>
              </Col>
            </Row>
          )}
      {dialog && <DisinfectionModal hall={dialog.hall} kind={dialog.kind} eventId={dialog.eventId} onClose={() => setDialog(null)} />}
    </>
  );
}
