import { Alert, App, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { z } from 'zod';
import { Adjustment, type SiteSupplies } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import { addFieldError, type FieldPath, type ZodCheck } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { batchLabel, DeltaText, quantityText } from './suppliesUi';
import { useAdjustSupplies } from './useSupplies';

interface Values {
  batchId?: string;
  quantity?: number | null;
  reason?: string;
}

const FIELDS: readonly FieldPath[] = [['batchId'], ['quantity'], ['reason']];

/** 调整: a signed correction of one batch with its reason (the ledger is never edited; audited). */
export function AdjustmentModal({ site, batchId, onClose }: { site: SiteSupplies; batchId: string | undefined; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const adjust = useAdjustSupplies();
  const chosen = Form.useWatch('batchId', form);
  const quantity = Form.useWatch('quantity', form);
  const unitOf = (itemId: string) => site.items.find((i) => i.itemId === itemId)?.unit ?? '';
  const nameOf = (itemId: string) => site.items.find((i) => i.itemId === itemId)?.itemName ?? '';
  const batch = site.batches.find((b) => b.id === chosen);

  const validate = (onlyTouched: boolean): ZodCheck<z.output<typeof Adjustment>> => {
    const v = form.getFieldsValue();
    const result = check(Adjustment, { siteId: site.siteId, batchId: v.batchId, quantity: v.quantity ?? undefined, reason: v.reason ?? '' }, onlyTouched);
    const b = site.batches.find((x) => x.id === v.batchId);
    if (b && typeof v.quantity === 'number' && b.quantity + v.quantity < 0) {
      addFieldError(form, 'quantity', t('supplies.wouldBeNegative', { stock: quantityText(b.quantity, unitOf(b.itemId)) }), onlyTouched);
      return { ...result, data: undefined };
    }
    return result;
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    adjust.mutate(data, {
      onSuccess: () => {
        void message.success(t('supplies.adjusted'));
        onClose();
      },
      onError: fail,
    });
  };

  const q = typeof quantity === 'number' ? quantity : 0;

  return (
    <FormModal
      title={t('supplies.adjustTitle', { site: site.siteName })}
      saving={adjust.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitTestId="adjust-submit"
      data-testid="adjust-form"
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('supplies.adjustHint')} />
      <FormFailure failure={failure} data-testid="supplies-form-error" />
      <Form<Values> form={form} layout="vertical" initialValues={{ batchId }} onValuesChange={() => validate(true)} onFinish={submit}>
        <Form.Item name="batchId" label={t('supplies.field.batch')} required>
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('supplies.chooseBatch')}
            options={site.batches.map((b) => ({ value: b.id, label: `${nameOf(b.itemId)} · ${batchLabel(b, unitOf(b.itemId), t)}` }))}
            data-testid="adjust-batch"
          />
        </Form.Item>
        <Form.Item name="quantity" label={t('supplies.field.adjustQuantity')} required extra={t('supplies.adjustQuantityHint')}>
          <InputNumber<number> precision={0} suffix={batch ? unitOf(batch.itemId) : undefined} style={{ width: '100%' }} data-testid="adjust-quantity" />
        </Form.Item>
        <Form.Item name="reason" label={t('supplies.field.reason')} required>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="adjust-reason" />
        </Form.Item>
        {batch && q !== 0 && (
          <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="adjust-preview">
            {t('supplies.batchAfter', {
              before: quantityText(batch.quantity, unitOf(batch.itemId)),
              after: quantityText(batch.quantity + q, unitOf(batch.itemId)),
            })}{' '}
            (<DeltaText delta={q} />)
          </Typography.Paragraph>
        )}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}
