import { Alert, App, DatePicker, Form, Input, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { SetTestResult, testTimeProblems, type TestRecord, type TestResult } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { resultOptions, timeText } from './testingUi';
import { useSetTestResult } from './useTesting';
import { afterToday } from '../../components/shared/time';

interface Values {
  result?: Exclude<TestResult, 'pending'>;
  resultAt?: Dayjs | null;
  lab?: string;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [['result'], ['resultAt'], ['lab'], ['note']];
const RESULTS = ['negative', 'positive', 'invalid'] as const;

function toInput(v: Values): Record<string, unknown> {
  const lab = v.lab?.trim();
  const note = v.note?.trim();
  return { result: v.result, resultAt: v.resultAt ? v.resultAt.second(0).millisecond(0).format() : undefined, lab: lab || undefined, note: note || undefined };
}

/** Enters the lab's result for a sample that was waiting for it; a positive one opens an alert. */
export function SetResultModal({ record, onClose }: { record: TestRecord; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, setFailure, check, fail } = useZodForm<Values>(FIELDS);
  const save = useSetTestResult(record.id);
  const result = Form.useWatch('result', form);

  const validate = (onlyTouched: boolean) => {
    const values = form.getFieldsValue();
    const checked = check(SetTestResult, toInput(values), onlyTouched);
    const at = values.resultAt ? values.resultAt.format() : undefined;
    const problem = values.result ? testTimeProblems({ sampledAt: record.sampledAt, result: values.result, resultAt: at }, new Date())[0] : undefined;
    if (problem && (!onlyTouched || form.isFieldTouched('resultAt'))) {
      form.setFields([{ name: 'resultAt', errors: [fieldMessage(problem.issue === 'future' ? 'test.result_future' : 'test.result_before_sample')] }]);
    }
    return problem ? { ...checked, data: undefined } : checked;
  };

  const submit = () => {
    const { data } = validate(false);
    if (!data) return;
    setFailure(null);
    save.mutate(data, {
      onSuccess: ({ test, alert }) => {
        if (alert) void message.warning(t('testing.positiveAlert', { name: test.personName }));
        else void message.success(t('testing.resultSaved', { name: test.personName }));
        onClose();
      },
      onError: fail,
    });
  };

  return (
    <FormModal
      title={t('testing.setResultTitle', { name: record.personName })}
      saving={save.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitText={t('common.save')}
      submitDanger={result === 'positive'}
      submitTestId="result-submit"
    >
      <FormFailure failure={failure} />
      <Typography.Paragraph type="secondary">
        {t('testing.sampleSummary', { site: record.siteName, at: timeText(record.sampledAt, true), type: t(`sampleType.${record.sampleType}`) })}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ resultAt: dayjs(), lab: record.lab ?? '' }}
        onValuesChange={() => validate(true)}
        onFinish={submit}
      >
        <Form.Item name="result" label={t('testing.field.result')} required>
          <Radio.Group optionType="button" buttonStyle="solid" options={resultOptions(t, RESULTS)} data-testid="result-choice" />
        </Form.Item>
        {result === 'positive' && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('testing.positiveWarning')} description={<Link to="/alerts">{t('nav.alerts')}</Link>} />
        )}
        <Form.Item name="resultAt" label={t('testing.field.resultAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" inputReadOnly style={{ width: '100%' }} disabledDate={(d) => afterToday(d)} />
        </Form.Item>
        <Form.Item name="lab" label={t('testing.field.lab')}>
          <Input maxLength={100} placeholder={t('testing.labPlaceholder')} />
        </Form.Item>
        <Form.Item name="note" label={t('testing.field.note')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
