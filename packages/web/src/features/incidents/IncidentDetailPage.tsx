import { useState } from 'react';
import { ArrowLeftOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { Button, Col, Descriptions, Flex, Row, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import type { Incident } from '@fangkong/domain';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { useNow } from '../visits/visitsUi';
import { CloseIncidentModal } from './CloseIncidentModal';
import { IncidentAttachments } from './IncidentAttachments';
import { IncidentNotices } from './IncidentNotices';
import { incidentNow } from './incidentRules';
import { IncidentStatusTag, IncidentTypeTag, time } from './incidentsUi';
import { IncidentSteps } from './IncidentSteps';
import { IncidentTimeline } from './IncidentTimeline';
import { useIncident, useIncidentTimeline } from './useIncidents';

function IncidentHeader({ incident: i }: { incident: Incident }) {
  const t = useT();
  const canReadPeople = useCan('people.read');
  const canReadHealth = useCan('health.read');
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      data-testid="incident-header"
      items={[
        { key: 'type', label: t('incidents.field.type'), children: <IncidentTypeTag type={i.type} /> },
        { key: 'status', label: t('incidents.field.status'), children: <IncidentStatusTag status={i.status} /> },
        { key: 'site', label: t('people.field.site'), children: i.siteName },
        { key: 'town', label: t('testing.field.town'), children: i.townName ?? t('common.none') },
        { key: 'openedAt', label: t('incidents.field.openedAt'), children: time(i.openedAt) },
        { key: 'openedBy', label: t('incidents.field.openedBy'), children: i.openedByName ?? i.openedBy ?? t('common.none') },
        { key: 'summary', label: t('incidents.field.summary'), span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap' }} data-testid="incident-summary">{i.summary}</span> },
        {
          key: 'people',
          label: t('incidents.field.people'),
          span: 'filled',
          children: i.people.length === 0 ? t('common.none') : (
            <Space wrap size={[12, 4]} data-testid="incident-people">
              {i.people.map((p) => (canReadPeople ? <Link key={p.id} to={`/people/${p.id}`}>{p.name}</Link> : <span key={p.id}>{p.name}</span>))}
            </Space>
          ),
        },
        ...(i.alertId ? [{
          key: 'alert',
          label: t('incidents.field.alert'),
          span: 'filled' as const,
          children: canReadHealth
            ? <Link to={`/alerts/${i.alertId}`} data-testid="incident-alert-link">{t('incidents.viewAlert')}</Link>
            : t('incidents.fromAlert'),
        }] : []),
        ...(i.status === 'closed' ? [
          { key: 'closedAt', label: t('incidents.field.closedAt'), children: i.closedAt ? time(i.closedAt) : '' },
          { key: 'outcome', label: t('incidents.field.outcome'), children: <span style={{ whiteSpace: 'pre-wrap' }} data-testid="incident-outcome">{i.outcome ?? ''}</span> },
        ] : []),
      ]}
    />
  );
}

function IncidentDetail({ incident }: { incident: Incident }) {
  const t = useT();
  const navigate = useNavigate();
  const canAct = useCan('incidents.act');
  const browserNow = useNow(30_000);
  // The timeline's last event happened by the server's clock: the states were computed after it.
  const events = useIncidentTimeline(incident.id);
  const lastEvent = events.data?.reduce((last, e) => Math.max(last, Date.parse(e.at)), 0) ?? 0;
  const now = incidentNow(incident, Math.max(browserNow, lastEvent));
  const [closing, setClosing] = useState(false);
  return (
    <>
      <PageHeader
        title={(
          <Flex gap={8} align="center" wrap>
            <span>{t(`incidentType.${incident.type}`)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 'normal' }}>{incident.siteName}</Typography.Text>
          </Flex>
        )}
        extra={(
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/incidents')}>{t('common.back')}</Button>
            {incident.status === 'open' && canAct && (
              <Button danger icon={<CheckCircleOutlined />} onClick={() => setClosing(true)} data-testid="incident-close">{t('incidents.close')}</Button>
            )}
          </>
        )}
      />
      <Flex vertical gap={16}>
        <IncidentHeader incident={incident} />
        <IncidentSteps incident={incident} now={now} />
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <IncidentTimeline incident={incident} />
          </Col>
          <Col xs={24} lg={10}>
            <Flex vertical gap={16}>
              <IncidentAttachments incidentId={incident.id} />
              <IncidentNotices incidentId={incident.id} />
            </Flex>
          </Col>
        </Row>
      </Flex>
      {closing && <CloseIncidentModal incident={incident} onClose={() => setClosing(false)} />}
    </>
  );
}

/** `/incidents/:id`: one incident with its chain of reports, timeline, documents and closing; asked for again every 15 s. */
export function IncidentDetailPage() {
  const { id } = useParams();
  const incident = useIncident(id);
  return <QueryState query={incident}>{(i) => <IncidentDetail incident={i} />}</QueryState>;
}
