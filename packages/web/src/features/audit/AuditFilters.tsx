import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { AUDIT_OUTCOMES, type AuditOutcome } from '@fangkong/domain';
import type { AuditFilter } from './api';
import { useT } from '../../i18n/useT';

interface Values {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

function toFilter(v: Values): AuditFilter {
  const f: AuditFilter = {};
  const actor = v.actor?.trim();
  const action = v.action?.trim();
  if (actor) f.actor = actor;
  if (action) f.action = action;
  if (v.outcome) f.outcome = v.outcome;
  const [from, to] = v.dates ?? [null, null];
  if (from) f.from = from.format('YYYY-MM-DD');
  if (to) f.to = to.format('YYYY-MM-DD');
  return f;
}

/** Actor, action, outcome and date filters; applied on submit. */
export function AuditFilters({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  return (
    <Form<Values>
      form={form}
      layout="inline"
      onFinish={(v) => onApply(toFilter(v))}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="actor">
        <Input allowClear maxLength={64} placeholder={t('audit.filter.actor')} aria-label={t('audit.filter.actor')} />
      </Form.Item>
      <Form.Item name="action">
        <Input allowClear maxLength={64} placeholder={t('audit.filter.action')} aria-label={t('audit.filter.action')} />
      </Form.Item>
      <Form.Item name="outcome">
        <Select<AuditOutcome>
          allowClear
          placeholder={t('audit.filter.outcome')}
          aria-label={t('audit.filter.outcome')}
          style={{ minWidth: 120 }}
          options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
        />
      </Form.Item>
      <Form.Item name="dates">
        <DatePicker.RangePicker allowEmpty={[true, true]} aria-label={t('audit.filter.dates')} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('common.search')}</Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onApply({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
