import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  EndPlacement, localDay, PLACEMENT_OUTCOMES, releaseRefusal, type PlacementOutcome, type SiteType,
} from '@fangkong/domain';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { isoDay, useSiteMonitoring } from './healthUi';
import { measuredAtFor } from './roundEntries';
import { useEndPlacement } from './useHealth';

interface Values {
  outcome?: PlacementOutcome;
  endedOn?: Dayjs | null;
  negativeTestOn?: Dayjs | null;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [['outcome'], ['negativeTestOn'], ['note']];

export interface EndTarget {
  placementId: string;
  personName: string;
  roomName: string;
  startAt: string;
  plannedEnd: string;
  siteId: string;
}

/** Ends a placement: the outcome, the day, and (for an early release) the negative test that allows it. */
export function EndPlacementModal({ target, siteType, onClose }: { target: EndTarget; siteType?: SiteType | null | undefined; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, setFailure, check, fail } = useZodForm<Values>(FIELDS);
  const [today] = useState(() => localDay(new Date()));
  const end = useEndPlacement(target.placementId);
  const { policy } = useSiteMonitoring(target.siteId, siteType);
  const needsTest = policy?.isolation.earlyReleaseNeedsNegativeTest ?? true;
  const startDay = localDay(new Date(target.startAt));
  const outcome = Form.useWatch('outcome', form);
  const endedOn = Form.useWatch('endedOn', form);
  const endDay = endedOn ? isoDay(endedOn.toDate()) : today;
  const early = outcome === 'released' && needsTest && endDay < target.plannedEnd;

  const toInput = (v: Values): Record<string, unknown> => {
    const day = v.endedOn ? v.endedOn.format('YYYY-MM-DD') : today;
    const endedAt = measuredAtFor(day, today);
    const note = v.note?.trim();
    return {
      outcome: v.outcome,
      ...(endedAt ? { endedAt } : {}),
      ...(v.negativeTestOn ? { negativeTestOn: v.negativeTestOn.format('YYYY-MM-DD') } : {}),
      ...(note ? { note } : {}),
    };
  };

  const validate = (onlyTouched: boolean) => {
    const values = form.getFieldsValue();
    const result = check(EndPlacement, toInput(values), onlyTouched);
    const refusal = values.outcome
      ? releaseRefusal(
        { startDay, plannedEnd: target.plannedEnd },
        {
          outcome: values.outcome,
          day: values.endedOn ? values.endedOn.format('YYYY-MM-DD') : today,
          negativeTestOn: values.negativeTestOn ? values.negativeTestOn.format('YYYY-MM-DD') : undefined,
        },
        needsTest,
      )
      : undefined;
    if (refusal && (!onlyTouched || form.isFieldTouched('negativeTestOn') || form.isFieldTouched('outcome'))) {
      form.setFields([{ name: 'negativeTestOn', errors: [t(`isolation.release.${refusal}`)] }]);
    }
    return refusal ? { ...result, data: undefined } : result;
  };

  const submit = () => {
    const { data } = validate(false);
    if (!data) return;
    setFailure(null);
    end.mutate(data, {
      onSuccess: () => {
        void message.success(t('isolation.ended', { name: target.personName }));
        onClose();
      },
      onError: fail,
    });
  };

  return (
    <Modal
      open
      title={t('isolation.endTitle', { name: target.personName })}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={end.isPending} onClick={submit} data-testid="end-submit">{t('isolation.end')}</Button>,
      ]}
      destroyOnHidden
    >
      {failure !== null && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(failure, t)} description={serverDetail(failure)} data-testid="end-error" />}
      <Typography.Paragraph type="secondary">
        {t('isolation.endSummary', { room: target.roomName, start: startDay, planned: target.plannedEnd })}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" initialValues={{ endedOn: dayjs(today) }} onValuesChange={() => validate(true)} onFinish={submit}>
        <Form.Item name="outcome" label={t('isolation.outcome')} required>
          <Select options={PLACEMENT_OUTCOMES.map((o) => ({ value: o, label: t(`placementOutcome.${o}`) }))} data-testid="end-outcome" />
        </Form.Item>
        <Form.Item name="endedOn" label={t('isolation.endedOn')} required>
          <DatePicker
            allowClear={false}
            inputReadOnly
            style={{ width: '100%' }}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today || d.format('YYYY-MM-DD') < startDay}
          />
        </Form.Item>
        <Form.Item
          name="negativeTestOn"
          label={t('isolation.negativeTestOn')}
          required={early}
          extra={early ? t('isolation.earlyReleaseHint', { planned: target.plannedEnd }) : undefined}
        >
          <DatePicker inputReadOnly style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} data-testid="end-negative-test" />
        </Form.Item>
        <Form.Item name="note" label={t('isolation.note')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
