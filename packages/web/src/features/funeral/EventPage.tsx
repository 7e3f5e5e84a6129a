import { useState, type ReactNode } from 'react';
import { ArrowLeftOutlined, DownloadOutlined, PlusOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import type { Disinfection, Mourner, MourningEvent } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { PrintOnly } from '../../components/shared/PrintOnly';
import { QueryState } from '../../components/shared/QueryState';
import { errorLine } from '../../components/shared/errorText';
import { formatAt, nowInZone, today } from '../../components/shared/time';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { DisinfectionModal } from './DisinfectionModal';
import { at, CauseTag, disinfectionColumns, EventStateTag, span, SymptomTags } from './funeralUi';
import { funeralApi } from './api';
import { MournerModal } from './MournerModal';
import { RegisterLinkCard, usePrintSheet } from './RegisterLinkCard';
import { AttendeeBar } from './TodayPage';
import { useCancelEvent, useDisinfections, useEndEvent, useEvent, useMourners } from './useFuneral';
import './funeral.css';

function Details({ e }: { e: MourningEvent }) {
  const t = useT();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Card size="small" title={t('funeral.event.details')}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} data-testid="event-details">
        <Descriptions.Item label={t('funeral.field.hall')}>{e.hallName} · {e.siteName}</Descriptions.Item>
        <Descriptions.Item label={t('funeral.field.times')}>{span(e.startsAt, e.endsAt)}</Descriptions.Item>
        <Descriptions.Item label={t('funeral.field.cause')}><CauseTag cause={e.cause} /></Descriptions.Item>
        <Descriptions.Item label={t('funeral.field.dateOfDeath')}>{e.dateOfDeath}</Descriptions.Item>
        <Descriptions.Item label={t('funeral.field.idNumber')}><span className="fk-num">{e.deceasedIdNumber ?? dash}</span></Descriptions.Item>
        <Descriptions.Item label={t('funeral.field.cap')}>{t('funeral.people', { count: e.attendeeCap })}</Descriptions.Item>
        <Descriptions.Item label={t('funeral.field.familyContact')}>{e.familyContactName}</Descriptions.Item>
        <Descriptions.Item label={t('funeral.field.familyPhone')}><span className="fk-num">{e.familyPhone ?? dash}</span></Descriptions.Item>
        {e.endedAt && <Descriptions.Item label={t('funeral.event.endedAt')}>{at(e.endedAt)}</Descriptions.Item>}
        {e.cancelledAt && <Descriptions.Item label={t('funeral.event.cancelledAt')}>{at(e.cancelledAt)}</Descriptions.Item>}
        {e.state === 'ended' && (
          <Descriptions.Item label={t('funeral.event.finalDisinfection')}>
            {e.finalDisinfectedAt ? at(e.finalDisinfectedAt) : <Tag color="red" data-testid="final-missing">{t('funeral.event.finalAwaited')}</Tag>}
          </Descriptions.Item>
        )}
        {e.note && <Descriptions.Item label={t('funeral.note')}>{e.note}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

/** The register as paper: one row a mourner, for the family's book or an inspector. */
function RegisterSheet({ e, mourners, printedAt }: { e: MourningEvent; mourners: readonly Mourner[]; printedAt: string }) {
  const t = useT();
  return (
    <>
      <h2>{t('funeral.register.sheetTitle', { deceased: e.deceasedName })}</h2>
      <p>{e.siteName} · {e.hallName} · {span(e.startsAt, e.endsAt)} · {t('funeral.attendeesOfCap', { attendees: e.attendees, cap: e.attendeeCap })}</p>
      <table>
        <thead>
          <tr>
            <th>#</th><th>{t('funeral.mourner.name')}</th><th>{t('funeral.mourner.phone')}</th><th>{t('funeral.mourner.symptoms')}</th>
            <th>{t('funeral.mourner.temperature')}</th><th>{t('funeral.register.at')}</th><th>{t('funeral.register.source')}</th>
          </tr>
        </thead>
        <tbody>
          {mourners.map((m, i) => (
            <tr key={m.id}>
              <td>{i + 1}</td><td>{m.name}</td><td>{m.phone ?? ''}</td>
              <td>{m.symptoms.map((s) => t(`funeral.symptom.${s}`)).join('、') || t('funeral.symptom.none')}</td>
              <td>{m.temperature ?? ''}</td><td>{at(m.registeredAt)}</td><td>{t(`funeral.register.by.${m.source}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fk-print-foot">{t('funeral.register.printedAt', { at: printedAt })}</p>
    </>
  );
}

function RegisterCard({ e, canWrite, onPrint }: { e: MourningEvent; canWrite: boolean; onPrint: (sheet: ReactNode) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const register = useMourners(e.id);
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState(false);
  const open = e.state === 'upcoming' || e.state === 'ongoing';
  const columns: TableColumnsType<Mourner> = [
    { title: t('funeral.mourner.name'), dataIndex: 'name', width: 110 },
    { title: t('funeral.mourner.phone'), dataIndex: 'phone', width: 130, render: (_: unknown, m) => <span className="fk-num">{m.phone ?? ''}</span> },
    { title: t('funeral.mourner.symptoms'), key: 'symptoms', width: 120, render: (_: unknown, m) => <SymptomTags symptoms={m.symptoms} /> },
    { title: t('funeral.mourner.temperature'), dataIndex: 'temperature', width: 80, render: (_: unknown, m) => (m.temperature === null ? '' : `${m.temperature} ℃`) },
    { title: t('funeral.register.at'), dataIndex: 'registeredAt', width: 140, render: (_: unknown, m) => at(m.registeredAt) },
    {
      title: t('funeral.register.source'), key: 'source', width: 120,
      render: (_: unknown, m) => (m.source === 'qr' ? t('funeral.register.by.qr') : `${t('funeral.register.by.helper')}${m.registeredByName ? ` · ${m.registeredByName}` : ''}`),
    },
  ];
  const exportXlsx = () => {
    setExporting(true);
    funeralApi.exportMourners(e.id, `${t('funeral.register.fileName', { deceased: e.deceasedName })}.xlsx`)
      .catch((err: unknown) => void message.error(errorLine(err, t)))
      .finally(() => setExporting(false));
  };
  return (
    <Card
      size="small"
      title={t('funeral.register.title')}
      extra={(
        <Flex gap={8} wrap>
          {canWrite && open && <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="register-mourner">{t('funeral.mourner.open')}</Button>}
          <Button size="small" icon={<PrinterOutlined />} disabled={!register.data} onClick={() => register.data && onPrint(<PrintOnly><RegisterSheet e={e} mourners={register.data.mourners} printedAt={nowInZone().format('YYYY-MM-DD HH:mm')} /></PrintOnly>)} data-testid="print-register">
            {t('funeral.register.print')}
          </Button>
          <Button size="small" icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx} data-testid="export-register">{t('funeral.register.export')}</Button>
        </Flex>
      )}
    >
      <QueryState query={register}>
        {(r) => (
          <>
            <Flex gap={24} wrap align="center" style={{ marginBottom: 12 }}>
              <Statistic title={t('funeral.register.count')} value={r.attendees} suffix={`/ ${r.cap}`} styles={{ content: { color: r.attendees >= r.cap ? '#cf1322' : undefined } }} data-testid="register-count" />
              <div style={{ flex: '1 1 160px', maxWidth: 320 }}><AttendeeBar attendees={r.attendees} cap={r.cap} /></div>
              {e.refused > 0 && <Typography.Text type="danger" data-testid="register-refused">{t('funeral.register.refusedCount', { count: e.refused })}</Typography.Text>}
            </Flex>
            <Table<Mourner>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={r.mourners}
              pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 700 }}
              locale={{ emptyText: <Empty description={t('funeral.register.empty')} /> }}
              onRow={(m) => ({ 'data-testid': 'mourner-row', 'data-name': m.name }) as React.HTMLAttributes<HTMLElement>}
            />
          </>
        )}
      </QueryState>
      {adding && <MournerModal event={e} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function DisinfectionsCard({ e, canWrite }: { e: MourningEvent; canWrite: boolean }) {
  const t = useT();
  const [kind, setKind] = useState<'routine' | 'final' | null>(null);
  const last = e.endedAt ?? e.cancelledAt ?? e.endsAt;
  const list = useDisinfections({ siteId: e.siteId, from: formatAt(e.startsAt, 'YYYY-MM-DD'), to: [formatAt(last, 'YYYY-MM-DD'), today()].sort()[1] });
  // The hall's disinfections while the event held it, and the final one that closed it.
  const mine = (list.data ?? []).filter((d) => d.hallId === e.hallId && (d.eventId === e.id || (d.at >= e.startsAt && d.at <= last)));
  const columns = disinfectionColumns(t, { withHall: false });
  const needsFinal = e.state === 'ended' && !e.finalDisinfectedAt;
  return (
    <Card
      size="small"
      title={t('funeral.event.disinfections', { hall: e.hallName })}
      extra={canWrite && e.state !== 'cancelled' && (
        <Flex gap={8}>
          {e.state !== 'ended' && <Button size="small" onClick={() => setKind('routine')} data-testid="event-record-routine">{t('funeral.disinfection.record')}</Button>}
          {needsFinal && <Button size="small" type="primary" onClick={() => setKind('final')} data-testid="event-record-final">{t('funeral.disinfection.recordFinal')}</Button>}
        </Flex>
      )}
    >
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<Disinfection>
          rowKey="id"
          size="small"
          loading={list.isPending}
          columns={columns}
          dataSource={mine}
          pagination={false}
          scroll={{ x: 540 }}
          locale={{ emptyText: <Empty description={t('funeral.event.noDisinfections')} /> }}
          onRow={() => ({ 'data-testid': 'event-disinfection' }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
      {kind && (
        <DisinfectionModal hall={{ id: e.hallId, name: e.hallName, awaitingFinalFor: e.id }} kind={kind} eventId={kind === 'final' ? e.id : undefined} onClose={() => setKind(null)} />
      )}
    </Card>
  );
}

/** End or cancel, each confirmed first. */
function EventActions({ e }: { e: MourningEvent }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const end = useEndEvent();
  const cancel = useCancelEvent();
  const ask = (which: 'end' | 'cancel') => {
    const mutation = which === 'end' ? end : cancel;
    modal.confirm({
      title: t(`funeral.event.${which}Title`, { deceased: e.deceasedName }),
      content: t(`funeral.event.${which}Text`),
      okButtonProps: { danger: true },
      onOk: () => mutation.mutateAsync(e.id).then(
        () => void message.success(t(`funeral.event.${which}Done`)),
        (err: unknown) => void message.error(errorLine(err, t)),
      ),
    });
  };
  return (
    <>
      {e.state === 'ongoing' && <Button danger icon={<StopOutlined />} loading={end.isPending} onClick={() => ask('end')} data-testid="event-end">{t('funeral.event.end')}</Button>}
      {e.state === 'upcoming' && <Button danger loading={cancel.isPending} onClick={() => ask('cancel')} data-testid="event-cancel">{t('funeral.event.cancel')}</Button>}
    </>
  );
}

/** `/funeral/events/:id`: an event, its live register, its QR poster and the hall's disinfections. */
export function FuneralEventPage() {
  const t = useT();
  const { id } = useParams();
  const event = useEvent(id);
  const canWrite = useCan('funeral.write');
  const { sheet, print } = usePrintSheet();
  if (event.isError && !event.data) return <ErrorResult error={event.error} onRetry={() => void event.refetch()} />;
  const e = event.data;
  return (
    <>
      <PageHeader
        title={e ? <Flex gap={8} align="center" wrap><span data-testid="event-title">{t('funeral.event.title', { deceased: e.deceasedName })}</span><EventStateTag state={e.state} /></Flex> : t('common.loading')}
        extra={(
          <>
            {e && canWrite && <EventActions e={e} />}
            <Link to={e ? `/funeral?siteId=${encodeURIComponent(e.siteId)}` : '/funeral'}><Button icon={<ArrowLeftOutlined />}>{t('nav.funeralToday')}</Button></Link>
          </>
        )}
      />
      {!e ? <Card loading /> : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Flex vertical gap={16}>
              <Details e={e} />
              <RegisterCard e={e} canWrite={canWrite} onPrint={print} />
            </Flex>
          </Col>
          <Col xs={24} xl={9}>
            <Flex vertical gap={16}>
              <RegisterLinkCard event={e} canWrite={canWrite} onPrint={print} />
              <DisinfectionsCard e={e} canWrite={canWrite} />
            </Flex>
          </Col>
        </Row>
      )}
      {sheet}
    </>
  );
}
