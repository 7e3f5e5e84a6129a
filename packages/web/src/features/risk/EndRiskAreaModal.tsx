import { App, DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { RiskArea } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { today } from '../../components/shared/time';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useUpdateRiskArea } from './useRiskAreas';

interface Values { effectiveTo?: Dayjs | null }

const FIELDS: readonly FieldPath[] = [['effectiveTo']];

/** Ends an area: its last day, today by the server's clock unless chosen otherwise; never before it began. */
export function EndRiskAreaModal({ area, onClose }: { area: RiskArea; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const update = useUpdateRiskArea();
  const first = today() < area.effectiveFrom ? area.effectiveFrom : today();

  /** The one rule the form can tell before asking: the end is not before the start. */
  const checked = () => {
    const picked = form.getFieldValue('effectiveTo') as Dayjs | null | undefined;
    const day = picked?.format('YYYY-MM-DD');
    const problem = !day ? t('validation.required') : day < area.effectiveFrom ? t('riskAreas.endBeforeStart', { from: area.effectiveFrom }) : null;
    form.setFields([{ name: 'effectiveTo', errors: problem ? [problem] : [] }]);
    return { data: problem || !day ? undefined : day, formErrors: [] };
  };

  const submit = () => {
    const effectiveTo = readyToSubmit(checked());
    if (!effectiveTo) return;
    update.mutate({ id: area.id, patch: { effectiveTo } }, {
      onSuccess: () => {
        void message.success(t('riskAreas.ended', { region: area.regionName }));
        onClose();
      },
      onError: fail,
    });
  };

  return (
    <FormModal
      title={t('riskAreas.endTitle', { region: area.regionName })}
      saving={update.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitText={t('riskAreas.end')}
      submitTestId="risk-end-submit"
      data-testid="risk-end-form"
    >
      <FormFailure failure={failure} data-testid="risk-end-error" />
      <Form<Values> form={form} layout="vertical" initialValues={{ effectiveTo: dayjs(first) }} onValuesChange={checked} onFinish={submit}>
        <Form.Item name="effectiveTo" label={t('riskAreas.endDate')} extra={t('riskAreas.endHint')} required>
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM-DD') < area.effectiveFrom}
            data-testid="risk-end-date"
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}
