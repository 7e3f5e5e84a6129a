import { App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import type { z } from 'zod';
import { Issue, type SiteSupplies } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import { addFieldError, blank, type FieldPath, type ZodCheck } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { CoverPreview } from './formBits';
import { batchLabel, itemChoices, quantityText, SupplyItemSelect } from './suppliesUi';
import { useIssueSupplies } from './useSupplies';

interface Values {
  itemId?: string;
  quantity?: number | null;
  batchId?: string;
  issuedTo?: string;
  expiredOverrideReason?: string;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [['itemId'], ['quantity'], ['batchId'], ['issuedTo'], ['expiredOverrideReason'], ['note']];

/** 领用出库: stock taken at a site; from the first-expiring usable batches unless one is chosen. */
export function IssueModal({ site, itemId, onClose }: { site: SiteSupplies; itemId: string | undefined; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const issue = useIssueSupplies();
  const chosen = Form.useWatch('itemId', form);
  const quantity = Form.useWatch('quantity', form);
  const batchId = Form.useWatch('batchId', form);
  const item = site.items.find((i) => i.itemId === chosen);
  const batches = site.batches.filter((b) => b.itemId === chosen && b.quantity > 0);
  const batch = batches.find((b) => b.id === batchId);
  const expiredBatch = batch?.expired ?? false;

  const input = (v: Values): unknown => {
    const chosenBatch = site.batches.find((b) => b.id === v.batchId && b.itemId === v.itemId);
    return {
      siteId: site.siteId,
      itemId: v.itemId,
      quantity: v.quantity ?? undefined,
      batchId: chosenBatch?.id,
      issuedTo: blank(v.issuedTo),
      expiredOverrideReason: chosenBatch?.expired ? blank(v.expiredOverrideReason) : undefined,
      note: blank(v.note),
    };
  };

  const validate = (onlyTouched: boolean): ZodCheck<z.output<typeof Issue>> => {
    const v = form.getFieldsValue();
    const result = check(Issue, input(v), onlyTouched);
    const it = site.items.find((i) => i.itemId === v.itemId);
    const b = site.batches.find((x) => x.id === v.batchId && x.itemId === v.itemId);
    const available = b ? b.quantity : it?.usable;
    let ok = result.data !== undefined;
    if (it && available !== undefined && typeof v.quantity === 'number' && v.quantity > available) {
      addFieldError(form, 'quantity', t(b ? 'supplies.moreThanBatch' : 'supplies.moreThanStock', { stock: quantityText(available, it.unit) }), onlyTouched);
      ok = false;
    }
    if (b?.expired && !blank(v.expiredOverrideReason)) {
      addFieldError(form, 'expiredOverrideReason', t('supplies.expiredNeedsReason'), onlyTouched);
      ok = false;
    }
    return ok ? result : { ...result, data: undefined };
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    issue.mutate(data, {
      onSuccess: () => {
        void message.success(t('supplies.issued', { item: item?.itemName ?? '', quantity: quantityText(data.quantity, item?.unit ?? '') }));
        onClose();
      },
      onError: fail,
    });
  };

  const q = typeof quantity === 'number' && quantity > 0 ? quantity : 0;
  // Taken from the chosen batch: an expired one was not usable stock in the first place.
  const usableAfter = item ? (expiredBatch ? item.usable : item.usable - q) : 0;

  return (
    <FormModal
      title={t('supplies.issueTitle', { site: site.siteName })}
      saving={issue.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitTestId="issue-submit"
      data-testid="issue-form"
    >
      <FormFailure failure={failure} data-testid="supplies-form-error" />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ itemId }}
        onValuesChange={(changed: Values) => {
          if ('itemId' in changed) form.setFieldValue('batchId', undefined);
          validate(true);
        }}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item name="itemId" label={t('supplies.field.item')} required>
              <SupplyItemSelect items={itemChoices(site)} placeholder={t('supplies.chooseItem')} data-testid="issue-item" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="quantity" label={t('supplies.field.quantity')} required>
              <InputNumber<number> min={1} precision={0} inputMode="numeric" suffix={item?.unit} style={{ width: '100%' }} data-testid="issue-quantity" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="batchId" label={t('supplies.field.batch')} extra={t('supplies.fefoHint')}>
              <Select<string>
                allowClear
                placeholder={t('supplies.fefo')}
                disabled={!item}
                options={batches.map((b) => ({ value: b.id, label: batchLabel(b, item?.unit ?? '', t) }))}
                data-testid="issue-batch"
              />
            </Form.Item>
          </Col>
          {expiredBatch && (
            <Col xs={24}>
              <Form.Item name="expiredOverrideReason" label={t('supplies.field.expiredOverrideReason')} required>
                <Input maxLength={200} data-testid="issue-expired-reason" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="issuedTo" label={t('supplies.field.issuedTo')}>
              <Input maxLength={100} placeholder={t('supplies.issuedToPlaceholder')} data-testid="issue-to" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="note" label={t('supplies.field.note')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        {item && <CoverPreview item={item} site={site} usableAfter={usableAfter} />}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}
