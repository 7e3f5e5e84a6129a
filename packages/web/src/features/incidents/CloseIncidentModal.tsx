import { Alert, App, Form, Input, Typography } from 'antd';
import { CloseIncident, type Incident } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import { useT } from '../../i18n/useT';
import { useCloseIncident } from './useIncidents';

const FIELDS = [['outcome']] as const;

/** Closes an incident with its outcome (required); steps not done by then stay as they are. */
export function CloseIncidentModal({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<{ outcome?: string }>(FIELDS);
  const close = useCloseIncident(incident.id);
  const open = incident.steps.filter((s) => !s.doneAt).length;
  const validate = (onlyTouched: boolean) => {
    const outcome: unknown = form.getFieldValue('outcome');
    return check(CloseIncident, { outcome: typeof outcome === 'string' ? outcome : '' }, onlyTouched);
  };
  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    close.mutate(data, {
      onSuccess: () => {
        void message.success(t('incidents.closed'));
        onClose();
      },
      onError: fail,
    });
  };
  return (
    <FormModal
      title={t('incidents.closeTitle')}
      saving={close.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitText={t('incidents.close')}
      submitDanger
      submitTestId="incident-close-submit"
    >
      <FormFailure failure={failure} data-testid="incident-close-error" />
      {open > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('incidents.closeOpenSteps', { count: open })} />}
      <Typography.Paragraph type="secondary">{t('incidents.closeHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onValuesChange={() => validate(true)} onFinish={submit}>
        <Form.Item name="outcome" label={t('incidents.field.outcome')} required>
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} autoFocus data-testid="incident-close-outcome" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
