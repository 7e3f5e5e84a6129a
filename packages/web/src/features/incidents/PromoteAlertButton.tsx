import { useState } from 'react';
import { ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { CreateIncident, type Alert, type IncidentType } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { formatTemperature } from '../health/temperature';
import { IncidentTypeSelect } from './incidentsUi';
import { useCreateIncident } from './useIncidents';

type PromotableAlert = Pick<Alert, 'id' | 'siteId' | 'siteName' | 'personName' | 'status' | 'source' | 'temperature' | 'testId' | 'incidentId'>;

/** What the alert says, as an incident's first summary: "发热 38.9 ℃", "核酸阳性". */
export function alertSummary(alert: PromotableAlert, t: Translate): string {
  const parts = [
    alert.temperature !== null ? t('incidents.promote.fever', { temperature: formatTemperature(alert.temperature) }) : undefined,
    alert.source === 'test' || alert.testId !== null ? t('incidents.promote.positive') : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.join(t('incidents.promote.separator'));
}

interface Values {
  type?: IncidentType;
  summary?: string;
}

const FIELDS: readonly FieldPath[] = [['type'], ['summary']];

function PromoteModal({ alert, onClose }: { alert: PromotableAlert; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const create = useCreateIncident();
  const validate = (onlyTouched: boolean) => {
    const v = form.getFieldsValue();
    return check(CreateIncident, { siteId: alert.siteId, type: v.type, summary: v.summary ?? '', alertId: alert.id, personIds: [] }, onlyTouched);
  };
  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    create.mutate(data, {
      onSuccess: ({ incident }) => {
        void message.success(t('incidents.promote.done'));
        onClose();
        void navigate(`/incidents/${incident.id}`);
      },
      onError: fail,
    });
  };
  return (
    <FormModal
      title={t('incidents.promote.title', { name: alert.personName })}
      saving={create.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitText={t('incidents.promote.submit')}
      submitTestId="incident-submit"
    >
      <FormFailure failure={failure} data-testid="incident-form-error" />
      <Typography.Paragraph type="secondary">{t('incidents.promote.hint', { site: alert.siteName, name: alert.personName })}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ type: 'suspected_case', summary: alertSummary(alert, t) }}
        onValuesChange={() => validate(true)}
        onFinish={submit}
        data-testid="promote-form"
      >
        <Form.Item name="type" label={t('incidents.field.type')} required>
          <IncidentTypeSelect style={{ width: '100%' }} data-testid="incident-form-type" />
        </Form.Item>
        <Form.Item name="summary" label={t('incidents.field.summary')} required>
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 6 }} data-testid="incident-form-summary" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}

/**
 * On an open alert: make it an incident (R7.1), the alert's person included, to report up the
 * chain. Once it is one (the alert names its incident), a link to it instead; an alert is promoted
 * once (the server answers 409).
 */
export function PromoteAlertButton({ alert }: { alert: PromotableAlert }) {
  const t = useT();
  const canAct = useCan('incidents.act');
  const canRead = useCan('incidents.read');
  const [open, setOpen] = useState(false);

  if (alert.incidentId !== null) {
    return canRead ? (
      <Flex justify="flex-end">
        <Link to={`/incidents/${alert.incidentId}`} data-testid="alert-incident-link">{t('incidents.promote.view')}</Link>
      </Flex>
    ) : null;
  }
  if (!canAct || alert.status !== 'open') return null;
  return (
    <Flex justify="flex-end">
      <Button icon={<ThunderboltOutlined />} onClick={() => setOpen(true)} data-testid="alert-promote">{t('incidents.promote.button')}</Button>
      {open && <PromoteModal alert={alert} onClose={() => setOpen(false)} />}
    </Flex>
  );
}
