import { App, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { CreateRiskArea, type RiskLevel } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { today } from '../../components/shared/time';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useOrgNodes } from '../org/useOrg';
import { levelOptions } from './riskUi';
import { useCreateRiskArea } from './useRiskAreas';

interface Values {
  nodeId?: string;
  regionName?: string;
  level?: RiskLevel;
  effectiveFrom?: Dayjs | null;
  effectiveTo?: Dayjs | null;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [['nodeId'], ['regionName'], ['level'], ['effectiveFrom'], ['effectiveTo'], ['note']];
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

function toInput(v: Values): Record<string, unknown> {
  return {
    nodeId: v.nodeId ?? undefined,
    regionName: v.regionName ?? '',
    level: v.level,
    effectiveFrom: day(v.effectiveFrom) ?? '',
    effectiveTo: day(v.effectiveTo),
    note: blank(v.note),
  };
}

/** Adds an area: a place of ours (its sites inherit the level) or a region elsewhere, checked as it is typed. */
export function RiskAreaFormModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const create = useCreateRiskArea();
  const nodes = useOrgNodes();
  const places = (nodes.data ?? []).filter((n) => n.kind !== 'building');

  const validate = (onlyTouched: boolean) => check(CreateRiskArea, toInput(form.getFieldsValue()), onlyTouched);

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    create.mutate(data, {
      onSuccess: ({ area }) => {
        void message.success(t('riskAreas.created', { region: area.regionName }));
        onClose();
      },
      onError: fail,
    });
  };

  return (
    <FormModal
      title={t('riskAreas.addTitle')}
      saving={create.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitText={t('common.save')}
      submitTestId="risk-submit"
      data-testid="risk-form"
      width={640}
    >
      <FormFailure failure={failure} data-testid="risk-form-error" />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ level: 'medium', effectiveFrom: dayjs(today()) }}
        onValuesChange={(changed: Values) => {
          // A place chosen names the region, unless one is typed already.
          if (changed.nodeId && !form.getFieldValue('regionName')) {
            form.setFieldValue('regionName', places.find((p) => p.id === changed.nodeId)?.name);
          }
          validate(true);
        }}
        onFinish={submit}
      >
        <Form.Item name="nodeId" label={t('riskAreas.col.node')} extra={t('riskAreas.nodeHint')}>
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={nodes.isPending}
            placeholder={t('riskAreas.elsewhere')}
            options={places.map((p) => ({ value: p.id, label: p.name }))}
            data-testid="risk-node"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={16}>
            <Form.Item name="regionName" label={t('riskAreas.col.region')} required>
              <Input maxLength={100} autoFocus data-testid="risk-region" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="level" label={t('riskAreas.col.level')} required>
              <Select<RiskLevel> options={levelOptions(t)} data-testid="risk-level" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="effectiveFrom" label={t('riskAreas.col.from')} required>
              <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="risk-from" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="effectiveTo" label={t('riskAreas.col.to')}>
              <DatePicker style={{ width: '100%' }} placeholder={t('riskAreas.openEnded')} data-testid="risk-to" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('riskAreas.col.note')}>
          <Input.TextArea maxLength={500} rows={2} data-testid="risk-note" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}
