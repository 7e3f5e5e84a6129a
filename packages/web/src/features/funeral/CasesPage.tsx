import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { App, Card, Col, DatePicker, Empty, Flex, Form, Input, Row, Segmented, Select, Table, Button } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { DEATH_CAUSES, OpenCovidCase, type CovidCase, type DeathCause } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { PageHeader } from '../../components/shared/PageHeader';
import { afterToday, nowInZone, zonedInstant } from '../../components/shared/time';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { at, CauseTag, FuneralSitePicker, NextStepText, useFuneralSite } from './funeralUi';
import { useCovidCases, useOpenCase } from './useFuneral';

interface Values {
  deceasedName?: string;
  deceasedIdNumber?: string;
  cause?: DeathCause;
  dateOfDeath?: Dayjs | null;
  hospital?: string;
  notifiedBy?: string;
  at?: Dayjs | null;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [['deceasedName'], ['deceasedIdNumber'], ['cause'], ['dateOfDeath'], ['hospital'], ['notifiedBy'], ['at'], ['note']];
const COVID_CAUSES = DEATH_CAUSES.filter((c) => c !== 'ordinary');

/** Rule 1: the bureau's notice of a COVID-19 deceased opens the case (and its incident). */
function OpenCaseModal({ siteId, onClose }: { siteId: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const open = useOpenCase();
  const validate = (onlyTouched: boolean) => {
    const v = form.getFieldsValue();
    return check(OpenCovidCase, {
      siteId,
      deceasedName: v.deceasedName ?? '',
      deceasedIdNumber: blank(v.deceasedIdNumber),
      cause: v.cause,
      dateOfDeath: v.dateOfDeath?.format('YYYY-MM-DD'),
      hospital: v.hospital ?? '',
      notifiedBy: v.notifiedBy ?? '',
      at: v.at ? zonedInstant(v.at) : undefined,
      note: blank(v.note),
    }, onlyTouched);
  };
  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    open.mutate(data, {
      onSuccess: ({ case: c }) => {
        void message.success(t('funeral.case.opened', { name: c.deceasedName }));
        onClose();
        void navigate(`/funeral/cases/${encodeURIComponent(c.id)}`);
      },
      onError: fail,
    });
  };
  return (
    <FormModal title={t('funeral.case.openTitle')} saving={open.isPending} onSubmit={submit} onClose={onClose} submitTestId="case-submit" width={680} data-testid="case-form">
      <FormFailure failure={failure} />
      <Form<Values> form={form} layout="vertical" initialValues={{ cause: 'covid_confirmed', at: nowInZone() }} onValuesChange={() => validate(true)} onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="deceasedName" label={t('funeral.field.deceased')} required><Input maxLength={50} data-testid="case-deceased" /></Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="deceasedIdNumber" label={t('funeral.field.idNumber')} extra={t('funeral.optional')}>
              <Input maxLength={18} autoComplete="off" spellCheck={false} data-testid="case-id-number" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="cause" label={t('funeral.field.cause')} required extra={t('funeral.case.suspectedHint')}>
              <Select<DeathCause> options={COVID_CAUSES.map((c) => ({ value: c, label: t(`funeral.cause.${c}`) }))} data-testid="case-cause" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="dateOfDeath" label={t('funeral.field.dateOfDeath')} required>
              <DatePicker style={{ width: '100%' }} disabledDate={afterToday} data-testid="case-date-of-death" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="hospital" label={t('funeral.case.hospital')} required><Input maxLength={100} data-testid="case-hospital" /></Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="notifiedBy" label={t('funeral.case.notifiedBy')} required extra={t('funeral.case.notifiedByHint')}>
              <Input maxLength={50} data-testid="case-notified-by" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="at" label={t('funeral.case.notifiedAt')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="note" label={t('funeral.note')}><Input.TextArea maxLength={300} autoSize={{ minRows: 1, maxRows: 3 }} /></Form.Item>
          </Col>
        </Row>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}

/** `/funeral/cases`: the COVID-19 deceased of a site (or of every site in scope), open ones first. */
export function FuneralCasesPage() {
  const t = useT();
  const site = useFuneralSite();
  const { params, update } = useUrlFilters();
  const canOpen = useCan('funeral.cases');
  const [opening, setOpening] = useState(false);
  const which = params.get('open') === 'false' ? 'false' : params.get('open') === 'all' ? 'all' : 'true';
  const cases = useCovidCases({ siteId: site.siteId, open: which === 'all' ? undefined : which });
  const columns: TableColumnsType<CovidCase> = [
    {
      title: t('funeral.field.deceased'), key: 'name', width: 130,
      render: (_: unknown, c) => <Link to={`/funeral/cases/${encodeURIComponent(c.id)}`} data-testid="case-link">{c.deceasedName}</Link>,
    },
    { title: t('funeral.field.cause'), dataIndex: 'cause', width: 110, render: (_: unknown, c) => <CauseTag cause={c.cause} /> },
    { title: t('funeral.case.site'), dataIndex: 'siteName', width: 150 },
    { title: t('funeral.case.hospital'), dataIndex: 'hospital', width: 150 },
    { title: t('funeral.case.openedAt'), dataIndex: 'openedAt', width: 140, render: (_: unknown, c) => at(c.openedAt) },
    { title: t('funeral.case.next'), key: 'next', width: 260, render: (_: unknown, c) => <NextStepText c={c} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('funeral.cases.title')}
        extra={site.siteId && canOpen && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="open-case">{t('funeral.case.openTitle')}</Button>}
      >
        <Flex gap={12} wrap align="center" style={{ marginTop: 12 }}>
          <FuneralSitePicker state={site} />
          <Segmented
            value={which}
            onChange={(v) => update({ open: v === 'true' ? undefined : v })}
            options={[{ value: 'true', label: t('funeral.cases.open') }, { value: 'false', label: t('funeral.cases.archived') }, { value: 'all', label: t('funeral.cases.all') }]}
          />
        </Flex>
      </PageHeader>
      {cases.isError ? <ErrorResult error={cases.error} onRetry={() => void cases.refetch()} /> : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<CovidCase>
            rowKey="id"
            columns={columns}
            dataSource={cases.data ?? []}
            loading={cases.isPending}
            pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
            rowClassName={(c) => (c.late ? 'fk-row-error' : '')}
            locale={{ emptyText: <Empty description={t(which === 'true' ? 'funeral.cases.noneOpen' : 'funeral.cases.none')} /> }}
          />
        </Card>
      )}
      {opening && site.siteId && <OpenCaseModal siteId={site.siteId} onClose={() => setOpening(false)} />}
    </>
  );
}
