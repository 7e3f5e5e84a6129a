import { App, Col, DatePicker, Form, Grid, Input, Row, Select, Skeleton, Typography } from 'antd';
import { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { CreateIncident, type IncidentType } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { filterByLabel } from '../people/peopleUi';
import { IncidentTypeSelect } from './incidentsUi';
import { PeopleSelect } from './PeopleSelect';
import { useCreateIncident, useIncidentSites } from './useIncidents';
import { afterToday } from '../../components/shared/time';

interface Values {
  siteId?: string;
  type?: IncidentType;
  summary?: string;
  personIds?: string[];
  openedAt?: Dayjs | null;
}

const FIELDS: readonly FieldPath[] = [['siteId'], ['type'], ['summary'], ['personIds'], ['openedAt']];

function toInput(v: Values): Record<string, unknown> {
  return {
    siteId: v.siteId,
    type: v.type,
    summary: v.summary ?? '',
    personIds: v.personIds ?? [],
    openedAt: v.openedAt ? v.openedAt.format() : undefined,
  };
}

/**
 * Reports an incident at a site (R7.1): what happened, to whom, and when if not now; its steps
 * and deadlines come from the site's policy. Opens the new incident's page when created.
 */
export function IncidentFormModal({ siteId, onClose }: { siteId?: string | undefined; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const { sites, query: nodesQuery } = useIncidentSites();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const create = useCreateIncident();
  const actable = sites.filter((s) => s.actable);
  const chosenSite = Form.useWatch('siteId', form);

  const initialValues: Values = {
    siteId: actable.some((s) => s.id === siteId) ? siteId : actable.length === 1 ? actable[0]?.id : undefined,
    personIds: [],
  };

  const validate = (onlyTouched: boolean) => check(CreateIncident, toInput(form.getFieldsValue()), onlyTouched);

  const onValuesChange = (changed: Partial<Values>) => {
    // People of another site cannot be in the incident.
    if ('siteId' in changed) form.setFieldsValue({ personIds: [] });
    validate(true);
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    create.mutate(data, {
      onSuccess: ({ incident }) => {
        void message.success(t('incidents.created'));
        void navigate(`/incidents/${incident.id}`);
      },
      onError: fail,
    });
  };

  return (
    <FormModal
      title={t('incidents.new')}
      saving={create.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitText={t('incidents.form.submit')}
      submitTestId="incident-submit"
      width={screens.md ? 640 : '100%'}
    >
      <FormFailure failure={failure} data-testid="incident-form-error" />
      <Typography.Paragraph type="secondary">{t('incidents.form.hint')}</Typography.Paragraph>
      {/* The site's default needs the sites: the form starts once they are known. */}
      {nodesQuery.isPending ? <Skeleton active /> : (
        <Form<Values> form={form} layout="vertical" initialValues={initialValues} onValuesChange={onValuesChange} onFinish={submit} data-testid="incident-form">
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item name="siteId" label={t('people.field.site')} required>
                <Select<string>
                  showSearch={{ filterOption: filterByLabel }}
                  placeholder={t('round.selectSite')}
                  options={actable.map((s) => ({ value: s.id, label: s.townName ? `${s.name} · ${s.townName}` : s.name }))}
                  data-testid="incident-form-site"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="type" label={t('incidents.field.type')} required>
                <IncidentTypeSelect placeholder={t('incidents.form.chooseType')} style={{ width: '100%' }} data-testid="incident-form-type" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="summary" label={t('incidents.field.summary')} required>
                <Input.TextArea
                  maxLength={500}
                  showCount
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  placeholder={t('incidents.form.summaryPlaceholder')}
                  data-testid="incident-form-summary"
                />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="personIds" label={t('incidents.field.people')} extra={t('incidents.form.peopleHint')}>
                <PeopleSelect siteId={chosenSite} data-testid="incident-form-people" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="openedAt" label={t('incidents.field.happenedAt')} extra={t('incidents.form.openedAtHint')}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  disabledDate={(d) => afterToday(d)}
                  inputReadOnly={!screens.md}
                  style={{ width: '100%' }}
                  data-testid="incident-form-opened-at"
                />
              </Form.Item>
            </Col>
          </Row>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      )}
    </FormModal>
  );
}
