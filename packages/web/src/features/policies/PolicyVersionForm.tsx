import { useState } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CreatePolicyVersion, DEMAND_BASES, HEALTH_CODES, RECEIVERS, SUPPLY_CATEGORIES, SYMPTOMS,
  type ChainStep, type PolicyBody, type PolicyVersion, type Receiver, type SiteType, type SupplyCategory,
} from '@fangkong/domain';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { POLICY_GROUPS, policyGroupsFor, type PolicyField } from './policyFields';
import { useCreatePolicyVersion } from './usePolicies';
import { today } from '../../components/shared/time';

interface Values {
  effectiveFrom: Dayjs | null;
  note?: string;
  body: PolicyBody;
}

const FIELDS: readonly FieldPath[] = [
  ['effectiveFrom'],
  ['note'],
  ...POLICY_GROUPS.flatMap((g) => g.fields.map((f) => ['body', ...f.path])),
];

function toInput(v: Values): unknown {
  const note = v.note?.trim();
  return { effectiveFrom: v.effectiveFrom ? v.effectiveFrom.format('YYYY-MM-DD') : '', body: v.body, note: note ? note : undefined };
}

/** The control for one field; a plain element, so that Form.Item can pass it value and onChange. */
function fieldInput(field: PolicyField, t: Translate) {
  const suffix = field.unit ? t(field.unit) : undefined;
  switch (field.type) {
    case 'int':
      return <InputNumber precision={0} step={1} suffix={suffix} style={{ width: '100%' }} />;
    case 'optionalInt':
      return <InputNumber precision={0} step={1} suffix={suffix} placeholder={t('policies.onIndication')} style={{ width: '100%' }} />;
    case 'celsius':
      return <InputNumber precision={1} step={0.1} suffix={suffix} style={{ width: '100%' }} />;
    case 'bool':
      return <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />;
    case 'symptoms':
      return <Select mode="multiple" allowClear options={SYMPTOMS.map((s) => ({ value: s, label: t(`symptom.${s}`) }))} />;
    case 'healthCodes':
      return <Select mode="multiple" allowClear options={HEALTH_CODES.map((c) => ({ value: c, label: t(`healthCode.${c}`) }))} />;
    case 'demandBasis':
      return <Select options={DEMAND_BASES.map((b) => ({ value: b, label: t(`policy.demandBasis.${b}`) }))} />;
    case 'chain':
      return <ChainInput />;
    case 'requiredSupplies':
      return <RequiredSuppliesInput />;
  }
}

type RequiredSupply = PolicyBody['supplies']['required'][number];

/**
 * What every site of the type must hold: a category each, with a daily use per person for sites
 * without a peak on record (empty: the catalogue's rate). A category not yet listed is offered.
 */
function RequiredSuppliesInput({ value, onChange }: { value?: RequiredSupply[]; onChange?: (v: RequiredSupply[]) => void }) {
  const t = useT();
  const list = value ?? [];
  const set = (i: number, patch: Partial<RequiredSupply>) => onChange?.(list.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const unused = SUPPLY_CATEGORIES.filter((c) => !list.some((r) => r.category === c));
  return (
    <Flex vertical gap={4}>
      {list.map((r, i) => (
        <Space.Compact key={r.category} style={{ width: '100%' }}>
          <Select<SupplyCategory> value={r.category} style={{ width: '55%' }} onChange={(category) => set(i, { category })}
            options={[r.category, ...unused].map((c) => ({ value: c, label: t(`supplies.category.${c}`) }))} aria-label={t('policy.required.category')} />
          <InputNumber<number> value={r.perHeadDaily} min={0} max={1000} step={0.01} placeholder={t('policy.required.catalogueRate')}
            suffix={t('policy.required.perHeadDaily')} style={{ width: '45%' }}
            onChange={(n) => set(i, { perHeadDaily: n ?? null })} aria-label={t('policy.required.perHeadDaily')} />
          <Button icon={<DeleteOutlined />} onClick={() => onChange?.(list.filter((_, k) => k !== i))} aria-label={t('policy.required.remove')} />
        </Space.Compact>
      ))}
      {unused.length > 0 && (
        <Button size="small" icon={<PlusOutlined />} style={{ alignSelf: 'flex-start' }}
          onClick={() => onChange?.([...list, { category: unused[0] ?? 'other', perHeadDaily: null }])}>
          {t('policy.required.add')}
        </Button>
      )}
    </Flex>
  );
}

/** The steps of one incident type's chain: each receiver and its deadline in minutes, in order. */
function ChainInput({ value, onChange }: { value?: ChainStep[]; onChange?: (v: ChainStep[]) => void }) {
  const t = useT();
  const steps = value ?? [];
  const set = (i: number, patch: Partial<ChainStep>) => onChange?.(steps.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  return (
    <Flex vertical gap={4}>
      {steps.map((s, i) => (
        <Space.Compact key={i} style={{ width: '100%' }}>
          <Select<Receiver> value={s.to} style={{ width: '60%' }} onChange={(to) => set(i, { to })}
            options={RECEIVERS.map((r) => ({ value: r, label: t(`receiver.${r}`) }))} aria-label={t('policy.chain.receiver')} />
          <InputNumber<number> value={s.withinMinutes} min={1} precision={0} suffix={t('unit.minutes')} style={{ width: '40%' }}
            onChange={(m) => set(i, { withinMinutes: m ?? 0 })} aria-label={t('policy.chain.within')} />
          <Button icon={<DeleteOutlined />} onClick={() => onChange?.(steps.filter((_, k) => k !== i))} aria-label={t('policy.chain.remove')} />
        </Space.Compact>
      ))}
      <Button size="small" icon={<PlusOutlined />} style={{ alignSelf: 'flex-start' }} onClick={() => onChange?.([...steps, { to: 'town', withinMinutes: 60 }])}>
        {t('policy.chain.add')}
      </Button>
    </Flex>
  );
}

interface Props {
  siteType: SiteType;
  base: PolicyVersion | undefined;
  defaults: PolicyBody;
  onDone: (created: PolicyVersion) => void;
  onCancel: () => void;
}

/** A new policy version, prefilled with the current body and checked by the domain schema as one types. */
export function PolicyVersionForm({ siteType, base, defaults, onDone, onCancel }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const create = useCreatePolicyVersion(siteType);
  // Computed once: the form owns the values from here on.
  const [initialValues] = useState<Values>(
    () => ({ effectiveFrom: dayjs(today()), note: '', body: structuredClone(base?.body ?? defaults) }),
  );

  const validate = (onlyTouched: boolean) => {
    const result = check(CreatePolicyVersion, toInput(form.getFieldsValue(true) as Values), onlyTouched);
    setFormErrors(result.formErrors);
    return result;
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    create.mutate(data, {
      onSuccess: ({ version }) => {
        void message.success(t('policies.created', { version: version.version }));
        onDone(version);
      },
      onError: (e) => {
        const placed = fail(e);
        if (placed) void message.error(errorText(e, t));
      },
    });
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initialValues} onValuesChange={() => validate(true)} onFinish={submit}>
      {failure !== null && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(failure, t)} description={serverDetail(failure)} />
      )}
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="effectiveFrom" label={t('policies.effectiveFrom')} required>
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="note" label={t('policies.note')}>
            <Input maxLength={500} placeholder={t('policies.notePlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Flex vertical gap={16}>
        {policyGroupsFor(siteType).map((g) => (
          <Card key={g.key} size="small" title={t(g.title)}>
            <Row gutter={16}>
              {g.fields.map((f) => (
                <Col key={f.path.join('.')} xs={24} sm={f.type === 'symptoms' || f.type === 'healthCodes' ? 24 : 12}>
                  <Form.Item
                    name={['body', ...f.path]}
                    label={t(f.label)}
                    valuePropName={f.type === 'bool' ? 'checked' : 'value'}
                    extra={f.type === 'optionalInt' ? t('policies.nullMeansOnIndication') : f.type === 'demandBasis' ? t('policy.demandBasisHint') : undefined}
                  >
                    {fieldInput(f, t)}
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
        ))}
      </Flex>
      {formErrors.length > 0 && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={formErrors.join(' ')} data-testid="policy-form-errors" />
      )}
      <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending}>{t('common.submit')}</Button>
      </Flex>
    </Form>
  );
}
