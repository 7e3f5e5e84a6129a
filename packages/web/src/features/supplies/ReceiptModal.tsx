import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { Receipt, type SiteSupplies, type SupplyItem } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { CoverPreview } from './formBits';
import { itemChoices, packsText, quantityText, SupplyItemSelect } from './suppliesUi';
import { useReceiveSupplies } from './useSupplies';

interface Values {
  itemId?: string;
  quantity?: number | null;
  batch?: string;
  expiresOn?: Dayjs | null;
  supplier?: string;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [['itemId'], ['quantity'], ['batch'], ['expiresOn'], ['supplier'], ['note']];

function toInput(siteId: string, v: Values): unknown {
  return {
    siteId,
    itemId: v.itemId,
    quantity: v.quantity ?? undefined,
    batch: blank(v.batch),
    expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : undefined,
    supplier: blank(v.supplier),
    note: blank(v.note),
  };
}

/** 入库: stock received at a site, as a new batch (number, expiry, supplier); checked as one types. */
export function ReceiptModal({ site, catalogue, itemId, onClose }: {
  site: SiteSupplies;
  catalogue: readonly SupplyItem[];
  itemId: string | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const receive = useReceiveSupplies();
  const chosen = Form.useWatch('itemId', form);
  const quantity = Form.useWatch('quantity', form);
  const expiresOn = Form.useWatch('expiresOn', form);
  const item = site.items.find((i) => i.itemId === chosen);
  const packSize = catalogue.find((i) => i.id === chosen)?.packSize ?? null;

  const validate = (onlyTouched: boolean) => check(Receipt, toInput(site.siteId, form.getFieldsValue()), onlyTouched);

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    receive.mutate(data, {
      onSuccess: ({ entry }) => {
        void message.success(t('supplies.received', { item: entry.itemName, quantity: quantityText(entry.quantity, entry.unit) }));
        onClose();
      },
      onError: fail,
    });
  };

  const q = typeof quantity === 'number' && quantity > 0 ? quantity : 0;
  const expiredAlready = expiresOn ? expiresOn.format('YYYY-MM-DD') < site.day : false;

  return (
    <FormModal
      title={t('supplies.receiptTitle', { site: site.siteName })}
      saving={receive.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitTestId="receipt-submit"
      data-testid="receipt-form"
    >
      <FormFailure failure={failure} data-testid="supplies-form-error" />
      <Form<Values> form={form} layout="vertical" initialValues={{ itemId }} onValuesChange={() => validate(true)} onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item name="itemId" label={t('supplies.field.item')} required>
              <SupplyItemSelect items={itemChoices(site)} placeholder={t('supplies.chooseItem')} data-testid="receipt-item" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="quantity" label={t('supplies.field.quantity')} required extra={packsText(q, packSize, t) || (packSize && packSize > 1 ? t('supplies.packSizeHint', { size: packSize, unit: item?.unit ?? '' }) : undefined)}>
              <InputNumber<number> min={1} precision={0} inputMode="numeric" suffix={item?.unit} style={{ width: '100%' }} data-testid="receipt-quantity" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="batch" label={t('supplies.field.batch')}>
              <Input maxLength={50} data-testid="receipt-batch" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="expiresOn" label={t('supplies.field.expiresOn')} extra={t('supplies.expiresOnHint')}>
              <DatePicker style={{ width: '100%' }} data-testid="receipt-expiry" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="supplier" label={t('supplies.field.supplier')}>
              <Input maxLength={100} data-testid="receipt-supplier" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="note" label={t('supplies.field.note')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        {expiredAlready && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('supplies.receiptExpired')} />}
        {item && <CoverPreview item={item} site={site} usableAfter={expiredAlready ? item.usable : item.usable + q} />}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}
