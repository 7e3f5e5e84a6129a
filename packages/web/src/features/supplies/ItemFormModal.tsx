import { App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { CreateSupplyItem, SUPPLY_CATEGORIES, UpdateSupplyItem, type SupplyCategory, type SupplyItem } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useCreateSupplyItem, useUpdateSupplyItem } from './useSupplies';

interface Values {
  name?: string;
  category?: SupplyCategory;
  unit?: string;
  packSize?: number | null;
  perHeadDaily?: number | null;
}

const FIELDS: readonly FieldPath[] = [['name'], ['category'], ['unit'], ['packSize'], ['perHeadDaily']];

function toInput(v: Values): Record<string, unknown> {
  return {
    name: v.name ?? '',
    category: v.category,
    unit: v.unit ?? '',
    packSize: v.packSize ?? null,
    perHeadDaily: v.perHeadDaily ?? null,
  };
}

/** Adds an item to the catalogue or changes one (the bureau); a name already used answers 409. */
export function ItemFormModal({ item, onClose }: { item: SupplyItem | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, setFailure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const create = useCreateSupplyItem();
  const update = useUpdateSupplyItem();

  const initial: Values = item
    ? { name: item.name, category: item.category, unit: item.unit, packSize: item.packSize, perHeadDaily: item.perHeadDaily }
    : { category: 'mask' };

  const validate = (onlyTouched: boolean) => check(item ? UpdateSupplyItem : CreateSupplyItem, toInput(form.getFieldsValue()), onlyTouched);

  const onError = (e: unknown) => {
    if (isApiError(e) && e.status === 409 && e.fields.length === 0) {
      form.setFields([{ name: 'name', errors: [t('supplies.items.duplicate')] }]);
      setFailure(null);
      return;
    }
    fail(e);
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    const onSuccess = ({ item: saved }: { item: SupplyItem }) => {
      void message.success(t('supplies.items.saved', { name: saved.name }));
      onClose();
    };
    if (item) update.mutate({ id: item.id, patch: data }, { onSuccess, onError });
    else create.mutate(data as CreateSupplyItem, { onSuccess, onError });
  };

  return (
    <FormModal
      title={item ? t('supplies.items.editTitle', { name: item.name }) : t('supplies.items.addTitle')}
      saving={create.isPending || update.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitText={t('common.save')}
      submitTestId="item-submit"
      data-testid="item-form"
    >
      <FormFailure failure={failure} data-testid="supplies-form-error" />
      <Form<Values> form={form} layout="vertical" initialValues={initial} onValuesChange={() => validate(true)} onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label={t('supplies.items.name')} required>
              <Input maxLength={50} autoFocus data-testid="item-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="category" label={t('supplies.items.category')} required>
              <Select<SupplyCategory> options={SUPPLY_CATEGORIES.map((c) => ({ value: c, label: t(`supplies.category.${c}`) }))} data-testid="item-category" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="unit" label={t('supplies.items.unit')} required>
              <Input maxLength={10} placeholder={t('supplies.items.unitPlaceholder')} data-testid="item-unit" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="packSize" label={t('supplies.items.packSize')} extra={t('supplies.items.packSizeHint')}>
              <InputNumber<number> min={1} precision={0} style={{ width: '100%' }} data-testid="item-pack" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="perHeadDaily" label={t('supplies.items.perHeadDaily')} extra={t('supplies.items.perHeadDailyHint')}>
              <InputNumber<number> min={0} step={0.5} style={{ width: '100%' }} data-testid="item-per-head" />
            </Form.Item>
          </Col>
        </Row>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}
