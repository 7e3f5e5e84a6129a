import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import {
  EndPlacement, localDay, PLACEMENT_OUTCOMES, releaseRefusal, type PlacementOutcome, type SiteType,
} from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { isoDay, useSiteMonitoring } from './healthUi';
import { measuredAtFor } from './roundEntries';
import { useEndPlacement, usePlacements } from './useHealth';
import { newRecordLink } from '../testing/testingParams';
import { formatAt, today as todayInZone } from '../../components/shared/time';

interface Values {
  outcome?: PlacementOutcome;
  endedOn?: Dayjs | null;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [['outcome'], ['note']];

export interface EndTarget {
  placementId: string;
  personId: string;
  personName: string;
  roomName: string;
  startAt: string;
  plannedEnd: string;
  siteId: string;
}

/**
 * Ends a placement: the outcome and the day. An early release needs a negative sample taken after
 * the start (R5.3): the server finds it among the test records, and so does this form, to say so first.
 */
export function EndPlacementModal({ target, siteType, onClose }: { target: EndTarget; siteType?: SiteType | null | undefined; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, setFailure, check, fail } = useZodForm<Values>(FIELDS);
  const [today] = useState(todayInZone);
  const end = useEndPlacement(target.placementId);
  const { policy } = useSiteMonitoring(target.siteId, siteType);
  const canWriteTests = useCan('testing.write');
  // The placement as the server has it now: `negativeTest` is the latest negative sample since the start.
  const placements = usePlacements({ siteId: target.siteId, active: true });
  const negativeTest = placements.data?.find((p) => p.id === target.placementId)?.negativeTest ?? null;
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
      ...(note ? { note } : {}),
    };
  };

  const validate = (onlyTouched: boolean) => {
    const values = form.getFieldsValue();
    const result = check(EndPlacement, toInput(values), onlyTouched);
    // Unknown until the placement has loaded: the server decides then.
    const refusal = values.outcome && placements.data
      ? releaseRefusal(
        { startAt: target.startAt, plannedEnd: target.plannedEnd },
        {
          outcome: values.outcome,
          day: values.endedOn ? values.endedOn.format('YYYY-MM-DD') : today,
          negativeSampledAt: negativeTest?.sampledAt ?? null,
        },
        needsTest,
      )
      : undefined;
    if (refusal && (!onlyTouched || form.isFieldTouched('outcome') || form.isFieldTouched('endedOn'))) {
      form.setFields([{ name: 'outcome', errors: [t(`isolation.release.${refusal}`)] }]);
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
    <FormModal
      title={t('isolation.endTitle', { name: target.personName })}
      saving={end.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitText={t('isolation.end')}
      submitTestId="end-submit"
    >
      <FormFailure failure={failure} data-testid="end-error" />
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
        <Form.Item label={t('isolation.negativeTest')} data-testid="end-negative-test">
          {negativeTest
            ? <Typography.Text type="success">{t('isolation.negativeTestAt', { at: formatAt(negativeTest.sampledAt, 'YYYY-MM-DD HH:mm') })}</Typography.Text>
            : <Typography.Text type={early ? 'danger' : 'secondary'}>{placements.isPending ? t('common.loading') : t('isolation.noNegativeTest')}</Typography.Text>}
        </Form.Item>
        {early && !negativeTest && !placements.isPending && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('isolation.earlyReleaseHint', { planned: target.plannedEnd })}
            data-testid="end-needs-test"
            description={(
              <Link to={newRecordLink(target.personId, target.siteId)} state={{ personName: target.personName }} onClick={onClose}>
                {canWriteTests ? t('isolation.addNegativeTest') : t('isolation.viewTests')}
              </Link>
            )}
          />
        )}
        <Form.Item name="note" label={t('isolation.note')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
