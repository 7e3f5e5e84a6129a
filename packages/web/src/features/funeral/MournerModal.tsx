import { useState } from 'react';
import { Alert, Checkbox, Form, Input, InputNumber } from 'antd';
import { HelperMournerRegistration, MOURNER_SYMPTOMS, type MournerSymptom, type MourningEvent } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useRegisterMourner } from './useFuneral';

interface Values {
  name?: string;
  phone?: string;
  symptoms?: MournerSymptom[];
  temperature?: number | null;
}

const FIELDS: readonly FieldPath[] = [['name'], ['phone'], ['symptoms'], ['temperature']];

type Outcome = { kind: 'admitted'; name: string; attendees: number; cap: number } | { kind: 'refused'; name: string; message: string };

/**
 * The family's helper registers a mourner at the door (no phone needed, a temperature taken). The
 * dialog stays open for the next one: each answer, admitted or refused with the plan's words, shows on top.
 */
export function MournerModal({ event, onClose }: { event: MourningEvent; onClose: () => void }) {
  const t = useT();
  const { form, failure, check, readyToSubmit, fail, setFailure } = useZodForm<Values>(FIELDS);
  const register = useRegisterMourner(event.id);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const validate = (onlyTouched: boolean) => {
    const v = form.getFieldsValue();
    return check(HelperMournerRegistration, {
      name: v.name ?? '',
      phone: blank(v.phone),
      symptoms: v.symptoms ?? [],
      temperature: v.temperature ?? undefined,
    }, onlyTouched);
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    setOutcome(null);
    register.mutate(data, {
      onSuccess: (a) => {
        setOutcome({ kind: 'admitted', name: a.mourner.name, attendees: a.attendees, cap: a.cap });
        form.resetFields();
      },
      onError: (e) => {
        // A refusal of the plan (symptoms, fever, full, over) is a conflict whose message quotes the plan.
        // Refused by the plan: the register full or the event over (409), or a symptom or a fever
        // (400 on those fields, which are true and not to be fixed).
        const screened = isApiError(e) && e.fields.length > 0 && e.fields.every((f) => /^body\.(symptoms|temperature)/.test(f.path));
        if (isApiError(e) && (e.status === 409 || screened)) {
          setFailure(null);
          setOutcome({ kind: 'refused', name: data.name, message: e.message });
          return;
        }
        fail(e);
      },
    });
  };

  return (
    <FormModal
      title={t('funeral.mourner.title', { deceased: event.deceasedName })}
      saving={register.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitText={t('funeral.mourner.submit')}
      submitTestId="mourner-submit"
      data-testid="mourner-form"
    >
      {outcome?.kind === 'admitted' && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('funeral.mourner.admitted', { name: outcome.name })}
          description={t('funeral.attendeesOfCap', { attendees: outcome.attendees, cap: outcome.cap })}
          data-testid="mourner-admitted"
        />
      )}
      {outcome?.kind === 'refused' && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('funeral.mourner.refused', { name: outcome.name })} description={outcome.message} data-testid="mourner-refused" />
      )}
      <FormFailure failure={failure} />
      <Form<Values> form={form} layout="vertical" initialValues={{ symptoms: [] }} onValuesChange={() => validate(true)} onFinish={submit}>
        <Form.Item name="name" label={t('funeral.mourner.name')} required>
          <Input maxLength={50} autoFocus data-testid="mourner-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('funeral.mourner.phone')} extra={t('funeral.mourner.phoneHint')}>
          <Input type="tel" inputMode="tel" maxLength={20} data-testid="mourner-phone" />
        </Form.Item>
        <Form.Item name="symptoms" label={t('funeral.mourner.symptoms')} extra={t('funeral.mourner.symptomsHint')}>
          <Checkbox.Group options={MOURNER_SYMPTOMS.map((s) => ({ value: s, label: t(`funeral.symptom.${s}`) }))} data-testid="mourner-symptoms" />
        </Form.Item>
        <Form.Item name="temperature" label={t('funeral.mourner.temperature')} extra={t('funeral.optional')}>
          <InputNumber<number> min={34} max={43} step={0.1} precision={1} suffix="℃" style={{ width: 160 }} data-testid="mourner-temperature" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}
