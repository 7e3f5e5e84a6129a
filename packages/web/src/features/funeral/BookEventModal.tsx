import { App, Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import {
  checkMourningEvent, CreateMourningEvent, DEATH_CAUSES, EVENT_REFUSAL_FIELD, eventRefusalText, type DeathCause, type Hall,
} from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { afterToday, nowInZone, zonedInstant } from '../../components/shared/time';
import { useZodForm } from '../../components/shared/useZodForm';
import { addFieldError, blank, type FieldPath, type ZodCheck } from '../../components/shared/zodForm';
import { useI18n, useT } from '../../i18n/useT';
import { useCreateEvent, useFuneralToday } from './useFuneral';

interface Values {
  hallId?: string;
  deceasedName?: string;
  deceasedIdNumber?: string;
  dateOfDeath?: Dayjs | null;
  cause?: DeathCause;
  familyContactName?: string;
  familyPhone?: string;
  startsAt?: Dayjs | null;
  endsAt?: Dayjs | null;
  attendeeCap?: number | null;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [
  ['hallId'], ['deceasedName'], ['deceasedIdNumber'], ['dateOfDeath'], ['cause'], ['familyContactName'], ['familyPhone'], ['startsAt'], ['endsAt'],
  ['attendeeCap'], ['note'],
];

const TIME = { showTime: { format: 'HH:mm' }, format: 'YYYY-MM-DD HH:mm', style: { width: '100%' } } as const;

/** "Book an event": checked as typed against the schema and the limits in force (the server checks the hall's other bookings). */
export function BookEventModal({ siteId, halls, onClose }: { siteId: string; halls: readonly Hall[]; onClose: () => void }) {
  const t = useT();
  const { locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const create = useCreateEvent();
  const today = useFuneralToday(siteId).data;
  const hallId = Form.useWatch('hallId', form);
  const hall = halls.find((h) => h.id === hallId);

  const validate = (onlyTouched: boolean): ZodCheck<CreateMourningEvent> => {
    const v = form.getFieldsValue();
    const result = check(CreateMourningEvent, {
      siteId,
      hallId: v.hallId,
      deceasedName: v.deceasedName ?? '',
      deceasedIdNumber: blank(v.deceasedIdNumber),
      dateOfDeath: v.dateOfDeath?.format('YYYY-MM-DD'),
      cause: v.cause,
      familyContactName: v.familyContactName ?? '',
      familyPhone: v.familyPhone ?? '',
      startsAt: v.startsAt ? zonedInstant(v.startsAt) : undefined,
      endsAt: v.endsAt ? zonedInstant(v.endsAt) : undefined,
      attendeeCap: v.attendeeCap ?? undefined,
      note: blank(v.note),
    }, onlyTouched);
    const h = halls.find((x) => x.id === v.hallId);
    if (!today || !h || !v.cause || !v.startsAt || !v.endsAt) return result;
    // The rules the server applies first, with the numbers in force: said on the field as soon as typed.
    const refusal = checkMourningEvent(
      { cause: v.cause, startsAt: v.startsAt.toDate(), endsAt: v.endsAt.toDate(), attendeeCap: v.attendeeCap ?? undefined },
      { now: nowInZone().toDate(), limits: today.limits, hallCapacity: h.capacity },
    );
    if (refusal === null) return result;
    addFieldError(form, EVENT_REFUSAL_FIELD[refusal], eventRefusalText(refusal, today.limits, today.riskLevel, h.capacity)[locale], onlyTouched);
    return { ...result, data: undefined };
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    create.mutate(data, {
      onSuccess: ({ event }) => {
        void message.success(t('funeral.book.done', { name: event.deceasedName }));
        onClose();
        void navigate(`/funeral/events/${encodeURIComponent(event.id)}`);
      },
      onError: fail,
    });
  };

  const cap = today ? Math.min(today.limits.attendeeCap, hall?.capacity ?? today.limits.attendeeCap) : undefined;

  return (
    <FormModal
      title={t('funeral.book.title')}
      saving={create.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitText={t('funeral.book.submit')}
      submitTestId="book-submit"
      width={720}
      data-testid="book-form"
    >
      {today && (
        <Typography.Paragraph type={today.limits.eventsAllowed ? 'secondary' : 'danger'} data-testid="book-limits">
          {today.limits.eventsAllowed
            ? t('funeral.book.limits', { days: today.limits.maxDays, cap: today.limits.attendeeCap, risk: t(`risk.${today.riskLevel}`) })
            : t('funeral.today.noGatherings')}
        </Typography.Paragraph>
      )}
      <FormFailure failure={failure} data-testid="book-failure" />
      <Form<Values> form={form} layout="vertical" initialValues={{ cause: 'ordinary', hallId: halls.length === 1 ? halls[0]?.id : undefined }} onValuesChange={() => validate(true)} onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="hallId" label={t('funeral.field.hall')} required>
              <Select<string>
                options={halls.map((h) => ({ value: h.id, label: `${h.name} · ${t('funeral.halls.capacity', { count: h.capacity })}` }))}
                placeholder={t('funeral.book.chooseHall')}
                data-testid="book-hall"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="cause" label={t('funeral.field.cause')} required>
              <Select<DeathCause> options={DEATH_CAUSES.map((c) => ({ value: c, label: t(`funeral.cause.${c}`) }))} data-testid="book-cause" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="deceasedName" label={t('funeral.field.deceased')} required>
              <Input maxLength={50} data-testid="book-deceased" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="deceasedIdNumber" label={t('funeral.field.idNumber')} extra={t('funeral.optional')}>
              <Input maxLength={18} autoComplete="off" spellCheck={false} data-testid="book-id-number" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="dateOfDeath" label={t('funeral.field.dateOfDeath')} required>
              <DatePicker style={{ width: '100%' }} disabledDate={afterToday} data-testid="book-date-of-death" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} />
          <Col xs={24} sm={12}>
            <Form.Item name="familyContactName" label={t('funeral.field.familyContact')} required>
              <Input maxLength={50} data-testid="book-family-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="familyPhone" label={t('funeral.field.familyPhone')} required>
              <Input type="tel" inputMode="tel" maxLength={20} data-testid="book-family-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="startsAt" label={t('funeral.field.startsAt')} required>
              <DatePicker {...TIME} data-testid="book-starts" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="endsAt" label={t('funeral.field.endsAt')} required>
              <DatePicker {...TIME} data-testid="book-ends" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="attendeeCap"
              label={t('funeral.field.cap')}
              extra={cap === undefined ? t('funeral.optional') : t('funeral.book.capHint', { cap })}
            >
              <InputNumber<number> min={1} precision={0} placeholder={cap === undefined ? undefined : String(cap)} style={{ width: '100%' }} data-testid="book-cap" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="note" label={t('funeral.note')}>
              <Input.TextArea maxLength={300} autoSize={{ minRows: 1, maxRows: 3 }} />
            </Form.Item>
          </Col>
        </Row>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}
