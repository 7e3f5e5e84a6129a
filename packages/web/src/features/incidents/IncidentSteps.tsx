import { useState, type HTMLAttributes } from 'react';
import { CheckOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Radio, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { NotifyOutside, speaksFor, type Incident, type IncidentStepView } from '@fangkong/domain';
import { errorLine, errorText, serverDetail } from '../../components/shared/errorText';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { useMe } from '../auth/useMe';
import { howText } from './incidentRules';
import { DueText, StepStateTag, time } from './incidentsUi';
import { useAckStep, useNotifyOutside } from './useIncidents';

const HOWS = NotifyOutside.shape.how.options;

interface NotifyValues {
  how?: NotifyOutside['how'];
  contact?: string;
  note?: string;
}

const NOTIFY_FIELDS: readonly FieldPath[] = [['how'], ['contact'], ['note']];

/** An outside party (health department, prefecture bureau) told: how, whom, what was said. */
function NotifyOutsideModal({ incident, step, onClose }: { incident: Incident; step: IncidentStepView; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<NotifyValues>(NOTIFY_FIELDS);
  const notify = useNotifyOutside(incident.id);
  const validate = (onlyTouched: boolean) => {
    const v = form.getFieldsValue();
    return check(NotifyOutside, { how: v.how, contact: blank(v.contact), note: blank(v.note) }, onlyTouched);
  };
  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    notify.mutate({ stepId: step.id, input: data }, {
      onSuccess: () => {
        void message.success(t('incidents.step.notifiedSaved', { receiver: t(`receiver.${step.to}`) }));
        onClose();
      },
      onError: fail,
    });
  };
  return (
    <FormModal
      title={t('incidents.step.notifyTitle', { receiver: t(`receiver.${step.to}`) })}
      saving={notify.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitText={t('incidents.step.notify')}
      submitTestId="notify-submit"
      data-testid="notify-form"
    >
      <FormFailure failure={failure} />
      <Form<NotifyValues> form={form} layout="vertical" initialValues={{ how: 'phone' }} onValuesChange={() => validate(true)} onFinish={submit}>
        <Form.Item name="how" label={t('incidents.step.how')} required>
          <Radio.Group options={HOWS.map((h) => ({ value: h, label: t(`notifyHow.${h}`) }))} data-testid="notify-how" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="contact" label={t('incidents.step.contact')} extra={t('incidents.step.contactHint')}>
              <Input maxLength={100} data-testid="notify-contact" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="note" label={t('incidents.field.note')}>
              <Input maxLength={300} data-testid="notify-note" />
            </Form.Item>
          </Col>
        </Row>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}

/** Who did a step and when; for an outside party also how and whom they told. */
function DoneText({ step }: { step: IncidentStepView }) {
  const t = useT();
  if (!step.doneAt) return null;
  const how = howText(step.how, t);
  return (
    <Flex vertical gap={0}>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{time(step.doneAt)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[step.doneByName ?? step.doneBy, how, step.contact].filter(Boolean).join(' · ')}
      </Typography.Text>
    </Flex>
  );
}

/**
 * The chain of reports up the levels: each receiver with its deadline and state. The receiving
 * level acknowledges its own step (the server says who may); outside parties are recorded as told.
 */
export function IncidentSteps({ incident, now }: { incident: Incident; now: number }) {
  const t = useT();
  const { message } = App.useApp();
  const me = useMe().data;
  // Offered only to the level that receives the step (the server checks the same rule).
  const canAck = (s: IncidentStepView) => !!me && speaksFor(me.roles, s.to, incident.townId);
  const canAct = useCan('incidents.act');
  const ack = useAckStep(incident.id);
  const [ackFailure, setAckFailure] = useState<unknown>(null);
  const [acking, setAcking] = useState<string | null>(null);
  const [notifying, setNotifying] = useState<IncidentStepView | null>(null);
  const open = incident.status === 'open';

  const acknowledge = (step: IncidentStepView) => {
    setAckFailure(null);
    setAcking(step.id);
    ack.mutate({ stepId: step.id }, {
      onSuccess: () => void message.success(t('incidents.step.acked', { receiver: t(`receiver.${step.to}`) })),
      onError: (e) => {
        setAckFailure(e);
        void message.error(errorLine(e, t));
      },
      onSettled: () => setAcking(null),
    });
  };

  const columns: TableColumnsType<IncidentStepView> = [
    {
      title: t('incidents.step.receiver'),
      dataIndex: 'to',
      width: 200,
      render: (_: unknown, s) => (
        <Flex gap={4} wrap align="center">
          <Typography.Text strong>{t(`receiver.${s.to}`)}</Typography.Text>
          {s.outside && <Tag style={{ marginInlineEnd: 0 }}>{t('incidents.step.outside')}</Tag>}
        </Flex>
      ),
    },
    { title: t('incidents.step.due'), dataIndex: 'dueAt', width: 190, render: (_: unknown, s) => <DueText step={s} now={now} /> },
    {
      title: t('incidents.step.state'),
      dataIndex: 'state',
      width: 150,
      render: (_: unknown, s) => (
        <Flex vertical gap={2} align="flex-start">
          <StepStateTag state={s.state} />
          {s.escalatedTo && (
            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="step-escalated">
              {t('incidents.step.escalatedTo', { receiver: t(`receiver.${s.escalatedTo}`) })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('incidents.step.doneAtBy'), dataIndex: 'doneAt', width: 170, render: (_: unknown, s) => <DoneText step={s} /> },
    { title: t('incidents.field.note'), dataIndex: 'note', width: 160, render: (_: unknown, s) => <span style={{ whiteSpace: 'normal' }}>{s.note ?? ''}</span> },
    {
      title: '',
      key: 'actions',
      width: 130,
      render: (_: unknown, s) => {
        if (!open || s.doneAt) return null;
        if (!s.outside && canAck(s)) {
          return (
            <Button size="small" type="primary" icon={<CheckOutlined />} loading={acking === s.id} onClick={() => acknowledge(s)} data-testid="step-ack">
              {t('incidents.step.ack')}
            </Button>
          );
        }
        if (s.outside && canAct) {
          return (
            <Button size="small" icon={<PhoneOutlined />} onClick={() => setNotifying(s)} data-testid="step-notify">
              {t('incidents.step.notify')}
            </Button>
          );
        }
        return null;
      },
    },
  ];

  return (
    <Card title={t('incidents.steps')} size="small" data-testid="incident-steps">
      {ackFailure !== null && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setAckFailure(null) }}
          style={{ marginBottom: 12 }}
          title={serverDetail(ackFailure) ?? errorText(ackFailure, t)}
          description={serverDetail(ackFailure) ? errorText(ackFailure, t) : undefined}
          data-testid="step-error"
        />
      )}
      <Table<IncidentStepView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={incident.steps}
        pagination={false}
        scroll={{ x: 1000 }}
        rowClassName={(s) => (s.state === 'late' ? 'fk-row-error' : '')}
        onRow={(s) => ({ 'data-testid': `step-${s.to}`, 'data-state': s.state, 'data-step-id': s.id }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t('incidents.step.none') }}
      />
      {notifying && <NotifyOutsideModal key={notifying.id} incident={incident} step={notifying} onClose={() => setNotifying(null)} />}
    </Card>
  );
}
