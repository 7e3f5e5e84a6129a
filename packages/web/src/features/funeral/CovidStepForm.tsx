import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { checkCovidStep, covidStepRefusalText, RecordCovidStep, type CovidCase, type CovidCaseStep, type CovidStepFacts } from '@fangkong/domain';
import { FormFailure } from '../../components/shared/FormModal';
import { nowInZone, zonedInstant } from '../../components/shared/time';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useI18n, useT } from '../../i18n/useT';
import { useFuneralToday, useRecordStep } from './useFuneral';

type Fact = Exclude<keyof CovidStepFacts, 'ashesTo'>;

/** The yes/no facts each step asks (the chain's rule says which are required). */
const STEP_FACTS: Partial<Record<CovidCaseStep, readonly Fact[]>> = {
  handover: ['sanitaryTreatment', 'deathCertificate', 'cremateAtOnceOnForm', 'familyRefused'],
  collected: ['dedicatedStaffAndVehicle', 'protectiveSuit', 'goggles'],
  cremated: ['protectiveSuit', 'goggles'],
};

interface Values {
  facts?: CovidStepFacts;
  at?: Dayjs | null;
  byName?: string;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [['at'], ['byName'], ['note'], ['facts', 'ashesTo']];

/** The form of a case's next step: exactly the facts it asks, and what the rule says when they fall short. */
export function CovidStepForm({ c, step }: { c: CovidCase; step: CovidCaseStep }) {
  const t = useT();
  const { locale } = useI18n();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const record = useRecordStep(c.id);
  const risk = useFuneralToday(c.siteId).data?.riskLevel;
  const facts = Form.useWatch('facts', form) ?? {};
  const familyRefused = facts.familyRefused === true;
  const stepFacts = [...(STEP_FACTS[step] ?? []), ...(step === 'handover' && familyRefused ? ['hospitalSigned' as const] : [])];
  const equipmentNeeded = (step === 'collected' || step === 'cremated') && (risk === 'medium' || risk === 'high');
  // What the server would answer, said before sending (the same rule); the server has the last word.
  const done = c.steps.map((s) => s.step);
  const ruleRefusal = risk ? checkCovidStep(done, step, facts, risk) : null;
  const ruleText = ruleRefusal ? covidStepRefusalText(ruleRefusal, t(`funeral.step.${c.nextStep ?? step}`))[locale] : null;

  const validate = (onlyTouched: boolean) => {
    const v = form.getFieldsValue();
    return check(RecordCovidStep, { step, facts: v.facts ?? {}, at: v.at ? zonedInstant(v.at) : undefined, byName: blank(v.byName), note: blank(v.note) }, onlyTouched);
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    record.mutate(data, {
      onSuccess: () => void message.success(t('funeral.case.stepRecorded', { step: t(`funeral.step.${step}`) })),
      // A refusal of the chain's rules names no field: its words go on top of the form.
      onError: fail,
    });
  };

  return (
    <Card size="small" title={t('funeral.case.recordStep', { step: t(`funeral.step.${step}`) })} data-testid="step-form" data-step={step}>
      <Typography.Paragraph type="secondary">{t(`funeral.stepHint.${step}`)}</Typography.Paragraph>
      {equipmentNeeded && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('funeral.facts.equipmentRequired')} data-testid="equipment-required" />}
      <FormFailure failure={failure} data-testid="step-failure" />
      <Form<Values> form={form} layout="vertical" initialValues={{ at: nowInZone(), facts: {} }} onValuesChange={() => validate(true)} onFinish={submit}>
        {stepFacts.length > 0 && (
          <Flex vertical gap={4} style={{ marginBottom: 16 }}>
            {stepFacts.map((f) => (
              <Form.Item key={f} name={['facts', f]} valuePropName="checked" noStyle>
                <Checkbox data-testid={`fact-${f}`}>{t(`funeral.facts.${f}`)}</Checkbox>
              </Form.Item>
            ))}
          </Flex>
        )}
        {step === 'ashes_released' && (
          <Form.Item name={['facts', 'ashesTo']} label={t('funeral.facts.ashesTo')} required>
            <Radio.Group
              options={(['family', 'unclaimed'] as const).map((a) => ({ value: a, label: t(`funeral.facts.ashesTo.${a}`) }))}
              data-testid="fact-ashesTo"
            />
          </Form.Item>
        )}
        <Flex gap={16} wrap>
          <Form.Item name="at" label={t('funeral.case.stepAt')} style={{ flex: '1 1 200px' }}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="byName" label={t('funeral.case.stepBy')} extra={t('funeral.disinfection.byHint')} style={{ flex: '1 1 200px' }}>
            <Input maxLength={50} data-testid="step-by" />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label={t('funeral.note')}>
          <Input.TextArea maxLength={300} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        {ruleText && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('funeral.case.ruleWarning')} description={ruleText} data-testid="step-rule" />}
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="step-submit">{t('funeral.case.recordStepSubmit')}</Button>
      </Form>
    </Card>
  );
}
