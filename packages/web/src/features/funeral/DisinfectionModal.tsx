import { App, DatePicker, Form, Input, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { DISINFECTION_KINDS, RecordDisinfection, type DisinfectionKind, type Hall } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { nowInZone, zonedInstant } from '../../components/shared/time';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useRecordDisinfection } from './useFuneral';

interface Values {
  kind?: DisinfectionKind;
  agent?: string;
  place?: string;
  byName?: string;
  at?: Dayjs | null;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [['kind'], ['agent'], ['place'], ['byName'], ['at'], ['note']];

/** A hall's disinfection recorded: routine (the day's rounds) or final (after an event, before the next). */
export function DisinfectionModal({ hall, kind, eventId, onClose }: {
  hall: Pick<Hall, 'id' | 'name' | 'awaitingFinalFor'>;
  kind: DisinfectionKind;
  /** The event a final disinfection closes; the hall's last ended event when absent. */
  eventId?: string | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const record = useRecordDisinfection();
  const chosen = Form.useWatch('kind', form) ?? kind;

  const validate = (onlyTouched: boolean) => {
    const v = form.getFieldsValue();
    return check(RecordDisinfection, {
      hallId: hall.id,
      kind: v.kind,
      eventId: v.kind === 'final' ? eventId ?? hall.awaitingFinalFor ?? undefined : undefined,
      at: v.at ? zonedInstant(v.at) : undefined,
      agent: v.agent ?? '',
      place: v.place ?? '',
      byName: blank(v.byName),
      note: blank(v.note),
    }, onlyTouched);
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    record.mutate(data, {
      onSuccess: () => {
        void message.success(t('funeral.disinfection.recorded', { hall: hall.name }));
        onClose();
      },
      onError: fail,
    });
  };

  return (
    <FormModal
      title={t('funeral.disinfection.title', { hall: hall.name })}
      saving={record.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitTestId="disinfection-submit"
      data-testid="disinfection-form"
    >
      <FormFailure failure={failure} data-testid="disinfection-failure" />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind, at: nowInZone(), place: hall.name }}
        onValuesChange={() => validate(true)}
        onFinish={submit}
      >
        <Form.Item name="kind" label={t('funeral.disinfection.kind')} required>
          <Radio.Group
            optionType="button"
            options={DISINFECTION_KINDS.map((k) => ({ value: k, label: t(`funeral.disinfectionKind.${k}`) }))}
            data-testid="disinfection-kind"
          />
        </Form.Item>
        {chosen === 'final' && (
          <Typography.Paragraph type="secondary">{t('funeral.disinfection.finalHint')}</Typography.Paragraph>
        )}
        <Form.Item name="agent" label={t('funeral.disinfection.agent')} required extra={t('funeral.disinfection.agentHint')}>
          <Input maxLength={60} data-testid="disinfection-agent" />
        </Form.Item>
        <Form.Item name="place" label={t('funeral.disinfection.place')} required>
          <Input maxLength={100} data-testid="disinfection-place" />
        </Form.Item>
        <Form.Item name="byName" label={t('funeral.disinfection.by')} extra={t('funeral.disinfection.byHint')}>
          <Input maxLength={50} data-testid="disinfection-by" />
        </Form.Item>
        <Form.Item name="at" label={t('funeral.disinfection.at')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="disinfection-at" />
        </Form.Item>
        <Form.Item name="note" label={t('funeral.note')}>
          <Input.TextArea maxLength={300} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}
