import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, Row, Select, Skeleton, Timeline, Typography } from 'antd';
import type { TimelineProps } from 'antd';
import { type Dayjs } from 'dayjs';
import { INCIDENT_ACTIONS, RecordAction, type Incident, type IncidentAction, type IncidentEvent } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { FormFailure } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { eventText } from './incidentRules';
import { time } from './incidentsUi';
import { useIncidentTimeline, useRecordAction } from './useIncidents';
import { afterToday } from '../../components/shared/time';

const EVENT_COLORS: Record<IncidentEvent['kind'], string> = {
  opened: 'blue', action: 'blue', step_done: 'green', step_late: 'red', outside_notified: 'green', attachment: 'blue', closed: 'gray',
};

interface ActionValues {
  action?: IncidentAction;
  note?: string;
  at?: Dayjs | null;
}

const ACTION_FIELDS: readonly FieldPath[] = [['action'], ['note'], ['at']];

/** Records what was done (isolated, sent to hospital, called 120…), now or at a time given. */
function RecordActionForm({ incidentId }: { incidentId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<ActionValues>(ACTION_FIELDS);
  const record = useRecordAction(incidentId);
  const validate = (onlyTouched: boolean) => {
    const v = form.getFieldsValue();
    return check(RecordAction, { action: v.action, note: blank(v.note), at: v.at ? v.at.format() : undefined }, onlyTouched);
  };
  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    record.mutate(data, {
      onSuccess: () => {
        void message.success(t('incidents.action.saved', { action: t(`incidentAction.${data.action}`) }));
        form.resetFields();
      },
      onError: fail,
    });
  };
  return (
    <Form<ActionValues> form={form} layout="vertical" onValuesChange={() => validate(true)} onFinish={submit} data-testid="action-form">
      <FormFailure failure={failure} data-testid="action-error" />
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="action" label={t('incidents.action.label')} required>
            <Select<IncidentAction>
              placeholder={t('incidents.action.choose')}
              options={INCIDENT_ACTIONS.map((a) => ({ value: a, label: t(`incidentAction.${a}`) }))}
              data-testid="action-select"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="at" label={t('incidents.action.at')} extra={t('incidents.action.atHint')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={(d) => afterToday(d)}
              style={{ width: '100%' }}
              data-testid="action-at"
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="note" label={t('incidents.field.note')}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="action-note" />
          </Form.Item>
        </Col>
      </Row>
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="action-submit">{t('incidents.action.record')}</Button>
      </Flex>
    </Form>
  );
}

/** What happened, oldest first: the opening, actions, steps done or late, outside parties told, documents attached, the closing. */
export function IncidentTimeline({ incident }: { incident: Incident }) {
  const t = useT();
  const canAct = useCan('incidents.act');
  const events = useIncidentTimeline(incident.id);

  const items = (list: IncidentEvent[]): NonNullable<TimelineProps['items']> => list.map((e) => {
    const { title, note } = eventText(e, t);
    return {
      key: e.id,
      color: EVENT_COLORS[e.kind],
      ...(e.kind === 'attachment' ? { icon: <PaperClipOutlined /> } : {}),
      content: (
        <div data-testid="timeline-event" data-kind={e.kind} data-action={e.action ?? undefined}>
          <Typography.Text strong type={e.kind === 'step_late' ? 'danger' : undefined}>{title}</Typography.Text>
          {note && <div style={{ whiteSpace: 'pre-wrap' }}>{note}</div>}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[time(e.at), e.byName ?? e.by ?? (e.kind === 'step_late' ? t('audit.system') : null)].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        </div>
      ),
    };
  });

  return (
    <Card title={t('incidents.timeline')} size="small" data-testid="incident-timeline">
      {events.isPending
        ? <Skeleton active />
        : events.isError && !events.data
          ? <ErrorResult error={events.error} onRetry={() => void events.refetch()} />
          : events.data.length === 0
            ? <Empty description={t('common.noData')} />
            : <Timeline items={items(events.data)} />}
      {incident.status === 'open' && canAct && (
        <>
          <Typography.Title level={5} style={{ marginTop: 8 }}>{t('incidents.action.title')}</Typography.Title>
          <RecordActionForm incidentId={incident.id} />
        </>
      )}
    </Card>
  );
}
