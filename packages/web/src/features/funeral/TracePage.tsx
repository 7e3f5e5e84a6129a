import { useState } from 'react';
import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Flex, Form, Input, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { TraceQuery, type Mourner, type MourningEvent } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { nowInZone, zonedInstant } from '../../components/shared/time';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { at, span, SymptomTags } from './funeralUi';
import { useTrace } from './useFuneral';

interface Values {
  phone?: string;
  window?: [Dayjs | null, Dayjs | null] | null;
}

const FIELDS: readonly FieldPath[] = [['phone'], ['window']];

type Hit = { mourner: Mourner; event: MourningEvent };

/** `/funeral/trace`: the events a phone registered at between two instants (R9.2's tracing). */
export function FuneralTracePage() {
  const t = useT();
  const { form, check, readyToSubmit } = useZodForm<Values>(FIELDS);
  const [query, setQuery] = useState<TraceQuery | undefined>(undefined);
  const trace = useTrace(query);

  const submit = () => {
    const v = form.getFieldsValue();
    const [from, to] = v.window ?? [null, null];
    const checked = check(TraceQuery, { phone: v.phone ?? '', from: from ? zonedInstant(from) : undefined, to: to ? zonedInstant(to) : undefined }, false);
    // The window's two ends are one field: a missing end is said there.
    if (!from || !to) form.setFields([{ name: 'window', errors: [t('validation.required')] }]);
    const data = readyToSubmit(checked);
    if (data) setQuery(data);
  };

  const columns: TableColumnsType<Hit> = [
    {
      title: t('funeral.field.deceased'), key: 'event', width: 140,
      render: (_: unknown, h) => <Link to={`/funeral/events/${encodeURIComponent(h.event.id)}`}>{h.event.deceasedName}</Link>,
    },
    { title: t('funeral.case.site'), key: 'site', width: 180, render: (_: unknown, h) => `${h.event.siteName} · ${h.event.hallName}` },
    { title: t('funeral.field.times'), key: 'times', width: 220, render: (_: unknown, h) => span(h.event.startsAt, h.event.endsAt) },
    { title: t('funeral.mourner.name'), key: 'name', width: 100, render: (_: unknown, h) => h.mourner.name },
    { title: t('funeral.mourner.phone'), key: 'phone', width: 130, render: (_: unknown, h) => <span className="fk-num">{h.mourner.phone ?? ''}</span> },
    { title: t('funeral.mourner.symptoms'), key: 'symptoms', width: 120, render: (_: unknown, h) => <SymptomTags symptoms={h.mourner.symptoms} /> },
    { title: t('funeral.register.at'), key: 'at', width: 140, render: (_: unknown, h) => at(h.mourner.registeredAt) },
  ];

  return (
    <>
      <PageHeader title={t('funeral.trace.title')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('funeral.trace.hint')} />
        <Form<Values> form={form} layout="inline" initialValues={{ window: [nowInZone().subtract(14, 'day').startOf('day'), nowInZone()] }} onFinish={submit}>
          <Flex gap={8} wrap align="flex-start">
            <Form.Item name="phone" label={t('funeral.mourner.phone')} required>
              <Input type="tel" inputMode="tel" maxLength={20} style={{ width: 180 }} data-testid="trace-phone" />
            </Form.Item>
            <Form.Item name="window" label={t('funeral.trace.window')} required>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={trace.isFetching} data-testid="trace-submit">{t('funeral.trace.submit')}</Button>
          </Flex>
        </Form>
      </Card>
      {query && (trace.isError ? <ErrorResult error={trace.error} onRetry={() => void trace.refetch()} /> : (
        <Card size="small" title={t('funeral.trace.hits', { count: trace.data?.length ?? 0 })} styles={{ body: { padding: 0 } }}>
          <Table<Hit>
            rowKey={(h) => h.mourner.id}
            size="small"
            loading={trace.isPending}
            columns={columns}
            dataSource={trace.data ?? []}
            pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description={t('funeral.trace.none')} /> }}
          />
        </Card>
      ))}
    </>
  );
}
