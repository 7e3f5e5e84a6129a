import { useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Drawer, Flex, Form, Grid, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CreateTest, testTimeProblems, type SampleType, type TestResult } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { filterByLabel } from '../people/peopleUi';
import { PersonPicker } from './PersonPicker';
import { NoteField, PointAndLabFields, SampleTypeField } from './sampleFields';
import { ResultTag, resultOptions, SAMPLE_TIME_PICKER } from './testingUi';
import { useCreateTest, useTownsAndSites } from './useTesting';

interface Values {
  siteId?: string;
  personId?: string;
  sampledAt?: Dayjs | null;
  sampleType?: SampleType;
  collectionPoint?: string;
  lab?: string;
  labRef?: string;
  result?: TestResult;
  resultAt?: Dayjs | null;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [
  ['siteId'], ['personId'], ['sampledAt'], ['sampleType'], ['collectionPoint'], ['lab'], ['labRef'], ['result'], ['resultAt'], ['note'],
];

export interface TestFormPreset {
  siteId?: string | undefined;
  personId?: string | undefined;
  personName?: string | undefined;
}

const instant = (d: Dayjs | null | undefined) => (d ? d.second(0).millisecond(0).format() : undefined);

function toInput(v: Values): Record<string, unknown> {
  const result = v.result ?? 'pending';
  return {
    personId: v.personId,
    sampledAt: instant(v.sampledAt) ?? '',
    sampleType: v.sampleType,
    collectionPoint: blank(v.collectionPoint),
    lab: blank(v.lab),
    labRef: blank(v.labRef),
    result,
    // A pending sample has no result time; the field is kept so that it comes back with a result.
    resultAt: result === 'pending' ? undefined : instant(v.resultAt),
    note: blank(v.note),
  };
}

/** Records one sample (and its result when known), checked as it is typed. */
export function TestFormDrawer({ preset, onClose }: { preset?: TestFormPreset | undefined; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const { sites, query: nodesQuery } = useTownsAndSites();
  const { form, failure, setFailure, check, readyToSubmit, placeServerErrors } = useZodForm<Values>(FIELDS);
  const create = useCreateTest();
  const [personLabel, setPersonLabel] = useState(preset?.personName);
  const siteId = Form.useWatch('siteId', form);
  const result = Form.useWatch('result', form);
  const effectiveSite = siteId ?? (sites.length === 1 ? sites[0]?.id : undefined);

  const validate = (onlyTouched: boolean) => {
    const values = form.getFieldsValue();
    const input = toInput(values);
    const checked = check(CreateTest, input, onlyTouched);
    const problems = typeof input.sampledAt === 'string' && input.sampledAt
      ? testTimeProblems({ sampledAt: input.sampledAt, result: values.result, resultAt: input.resultAt as string | undefined }, new Date())
      : [];
    for (const p of problems) {
      if (onlyTouched && !form.isFieldTouched(p.path)) continue;
      const key = p.path === 'sampledAt' ? 'test.sample_future' : p.issue === 'future' ? 'test.result_future' : 'test.result_before_sample';
      form.setFields([{ name: p.path, errors: [fieldMessage(key)] }]);
    }
    return problems.length > 0 ? { ...checked, data: undefined } : checked;
  };

  const onValuesChange = (changed: Partial<Values>) => {
    if ('siteId' in changed) {
      form.setFieldsValue({ personId: undefined });
      setPersonLabel(undefined);
    }
    // The result time defaults to now once there is a result.
    if ('result' in changed && changed.result !== 'pending' && !form.getFieldValue('resultAt')) form.setFieldsValue({ resultAt: dayjs() });
    validate(true);
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    create.mutate(data, {
      onSuccess: ({ test, alert }) => {
        if (alert) void message.warning(t('testing.positiveAlert', { name: test.personName }));
        else void message.success(t('testing.recorded', { name: test.personName }));
        onClose();
      },
      onError: (e) => {
        const placed = placeServerErrors(e);
        // The same person and sampling time: the record exists already.
        if (isApiError(e) && e.code === 'conflict') form.setFields([{ name: 'sampledAt', errors: [serverDetail(e) ?? t('testing.duplicateSample')] }]);
        setFailure(placed ? null : e);
      },
    });
  };

  const half = { xs: 24, md: 12 };

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('testing.newRecord')}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      footer={(
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={submit} data-testid="test-save">{t('common.save')}</Button>
        </Flex>
      )}
    >
      {failure !== null && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(failure, t)} description={serverDetail(failure)} data-testid="test-form-error" />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          siteId: preset?.siteId,
          personId: preset?.personId,
          sampledAt: dayjs(),
          sampleType: 'throat_swab',
          result: 'pending',
        }}
        onValuesChange={onValuesChange}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="siteId" label={t('people.field.site')}>
              <Select
                showSearch={{ filterOption: filterByLabel }}
                placeholder={sites.length === 1 ? sites[0]?.name : t('people.selectSite')}
                loading={nodesQuery.isPending}
                options={sites.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="personId" label={t('testing.field.person')} required>
              <PersonPicker
                siteId={effectiveSite}
                status="present"
                knownLabel={personLabel}
                disabled={effectiveSite === undefined && sites.length > 1}
                data-testid="test-person"
                // Form.Item sets the value itself; the label is kept for when the search moves on.
                onChange={(_id, label) => setPersonLabel(label)}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="sampledAt" label={t('testing.field.sampledAt')} required>
              <DatePicker {...SAMPLE_TIME_PICKER} inputReadOnly={!screens.md} style={{ width: '100%' }} data-testid="test-sampled-at" />
            </Form.Item>
          </Col>
          <SampleTypeField />
          <PointAndLabFields />
          <Col {...half}>
            <Form.Item name="labRef" label={t('testing.field.labRef')}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="result" label={t('testing.field.result')}>
              <Select
                options={resultOptions(t)}
                labelRender={({ value }) => (value ? <ResultTag result={value as TestResult} /> : null)}
                data-testid="test-result"
              />
            </Form.Item>
          </Col>
          {result !== undefined && result !== 'pending' && (
            <Col {...half}>
              <Form.Item name="resultAt" label={t('testing.field.resultAt')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" inputReadOnly={!screens.md} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          {result === 'positive' && (
            <Col span={24}>
              <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('testing.positiveWarning')} />
            </Col>
          )}
          <NoteField />
        </Row>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Drawer>
  );
}
