import { Alert, App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import type { z } from 'zod';
import { Transfer } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import { addFieldError, blank, type FieldPath, type ZodCheck } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { batchLabel, itemChoices, quantityText, siteLabel, SupplyItemSelect, SupplySiteSelect } from './suppliesUi';
import { transferTargets, useSiteSupplies, useTransferSupplies, type SupplySite } from './useSupplies';

interface Values {
  fromSiteId?: string;
  toSiteId?: string;
  itemId?: string;
  batchId?: string;
  quantity?: number | null;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [['fromSiteId'], ['toSiteId'], ['itemId'], ['batchId'], ['quantity'], ['note']];

export interface TransferPreset {
  fromSiteId: string;
  itemId?: string | undefined;
  batchId?: string | undefined;
}

/**
 * 调拨: stock of one batch moved between two sites of a town; it arrives as a batch with the same
 * number and expiry. Only sites where the user may write stock are offered on both ends.
 */
export function TransferModal({ sites, preset, onClose }: { sites: readonly SupplySite[]; preset: TransferPreset; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const transfer = useTransferSupplies();
  const fromSiteId = Form.useWatch('fromSiteId', form) ?? preset.fromSiteId;
  const itemId = Form.useWatch('itemId', form);
  const batchId = Form.useWatch('batchId', form);
  const source = useSiteSupplies(fromSiteId);
  const from = source.data?.siteId === fromSiteId ? source.data : undefined;
  const sources = sites.filter((s) => transferTargets(sites, s.id).length > 0);
  const targets = transferTargets(sites, fromSiteId);
  const item = from?.items.find((i) => i.itemId === itemId);
  const batches = from?.batches.filter((b) => b.itemId === itemId && b.quantity > 0) ?? [];
  const batch = batches.find((b) => b.id === batchId);

  const validate = (onlyTouched: boolean): ZodCheck<z.output<typeof Transfer>> => {
    const v = form.getFieldsValue();
    const result = check(Transfer, {
      fromSiteId: v.fromSiteId, toSiteId: v.toSiteId, itemId: v.itemId, batchId: v.batchId, quantity: v.quantity ?? undefined, note: blank(v.note),
    }, onlyTouched);
    const b = from?.batches.find((x) => x.id === v.batchId);
    if (b && item && typeof v.quantity === 'number' && v.quantity > b.quantity) {
      addFieldError(form, 'quantity', t('supplies.moreThanBatch', { stock: quantityText(b.quantity, item.unit) }), onlyTouched);
      return { ...result, data: undefined };
    }
    return result;
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    transfer.mutate(data, {
      onSuccess: () => {
        const to = sites.find((s) => s.id === data.toSiteId);
        void message.success(t('supplies.transferred', { quantity: quantityText(data.quantity, item?.unit ?? ''), site: to ? siteLabel(to) : '' }));
        onClose();
      },
      onError: fail,
    });
  };

  return (
    <FormModal
      title={t('supplies.transferTitle')}
      saving={transfer.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitTestId="transfer-submit"
      data-testid="transfer-form"
    >
      <FormFailure failure={failure} data-testid="supplies-form-error" />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ fromSiteId: preset.fromSiteId, itemId: preset.itemId, batchId: preset.batchId }}
        onValuesChange={(changed: Values) => {
          if ('fromSiteId' in changed) form.setFieldsValue({ toSiteId: undefined, batchId: undefined });
          if ('itemId' in changed) form.setFieldValue('batchId', undefined);
          validate(true);
        }}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="fromSiteId" label={t('supplies.field.fromSite')} required>
              <SupplySiteSelect sites={sources} style={{ width: '100%', minWidth: 0 }} data-testid="transfer-from" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="toSiteId" label={t('supplies.field.toSite')} required>
              <SupplySiteSelect sites={targets} style={{ width: '100%', minWidth: 0 }} data-testid="transfer-to" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="itemId" label={t('supplies.field.item')} required>
              <SupplyItemSelect items={from ? itemChoices(from) : []} placeholder={t('supplies.chooseItem')} data-testid="transfer-item" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="quantity" label={t('supplies.field.quantity')} required>
              <InputNumber<number> min={1} precision={0} inputMode="numeric" suffix={item?.unit} style={{ width: '100%' }} data-testid="transfer-quantity" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="batchId" label={t('supplies.field.batch')} required>
              <Select<string>
                placeholder={t('supplies.chooseBatch')}
                disabled={!item}
                loading={source.isFetching}
                options={batches.map((b) => ({ value: b.id, label: batchLabel(b, item?.unit ?? '', t) }))}
                data-testid="transfer-batch"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={t('supplies.field.note')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        {batch?.expired && <Alert type="warning" showIcon title={t('supplies.transferExpired')} />}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}
