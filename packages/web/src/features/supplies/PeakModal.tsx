import { Alert, App, Form, Input, InputNumber, Typography } from 'antd';
import { PeakInput, suggestedOrder, type SiteSupplies, type SupplyItem } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { CoverPreview } from './formBits';
import { itemChoices, num, quantityText, SupplyItemSelect } from './suppliesUi';
import { useSetPeak } from './useSupplies';

interface Values {
  itemId?: string;
  consumption?: number | null;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [['itemId'], ['consumption'], ['note']];

/**
 * 高峰期用量: what the site used of an item over the basis period of the previous peak; its daily
 * demand is that ÷ the basis days. The preview works cover and order out with the domain's rules.
 */
export function PeakModal({ site, catalogue, basisDays, byRecentIssues, itemId, onClose }: {
  site: SiteSupplies;
  catalogue: readonly SupplyItem[];
  /** The policy's demand basis period (30 days unless it says otherwise). */
  basisDays: number;
  /** The policy counts demand from recent issues: a peak only counts when there were none. */
  byRecentIssues: boolean;
  itemId: string | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const setPeak = useSetPeak();
  const chosen = Form.useWatch('itemId', form);
  const consumption = Form.useWatch('consumption', form);
  const item = site.items.find((i) => i.itemId === chosen);
  const packSize = catalogue.find((i) => i.id === chosen)?.packSize ?? null;

  const validate = (onlyTouched: boolean) => {
    const v = form.getFieldsValue();
    return check(PeakInput, { siteId: site.siteId, itemId: v.itemId, consumption: v.consumption ?? undefined, note: blank(v.note) }, onlyTouched);
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    setPeak.mutate(data, {
      onSuccess: () => {
        void message.success(t('supplies.peakSaved', { item: item?.itemName ?? '' }));
        onClose();
      },
      onError: fail,
    });
  };

  const perDay = typeof consumption === 'number' && consumption > 0 ? consumption / basisDays : null;
  const order = item && perDay !== null ? suggestedOrder(item.usable, perDay, site.targetDays, packSize) : null;

  return (
    <FormModal
      title={t('supplies.peakTitle', { site: site.siteName })}
      saving={setPeak.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitTestId="peak-submit"
      data-testid="peak-form"
    >
      <Typography.Paragraph type="secondary">{t('supplies.peakHint', { days: basisDays })}</Typography.Paragraph>
      {byRecentIssues && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('supplies.peakRecentIssues')} />}
      <FormFailure failure={failure} data-testid="supplies-form-error" />
      <Form<Values> form={form} layout="vertical" initialValues={{ itemId }} onValuesChange={() => validate(true)} onFinish={submit}>
        <Form.Item name="itemId" label={t('supplies.field.item')} required>
          <SupplyItemSelect items={itemChoices(site)} placeholder={t('supplies.chooseItem')} data-testid="peak-item" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="consumption"
          label={t('supplies.field.peakConsumption', { days: basisDays })}
          required
          extra={perDay !== null && item ? t('supplies.perDayIs', { value: quantityText(Math.round(perDay * 10) / 10, item.unit) }) : undefined}
        >
          <InputNumber<number> min={0} precision={0} inputMode="numeric" suffix={item?.unit} style={{ width: '100%' }} data-testid="peak-consumption" />
        </Form.Item>
        <Form.Item name="note" label={t('supplies.field.note')}>
          <Input maxLength={200} />
        </Form.Item>
        {item && perDay !== null && (
          <CoverPreview
            item={item}
            site={site}
            usableAfter={item.usable}
            demandPerDay={perDay}
            extra={order !== null && (
              <Typography.Text style={{ display: 'block', marginTop: 4 }}>
                {t('common.labelValue', { label: t('supplies.suggestedOrder'), value: '' })}<strong>{quantityText(order, item.unit)}</strong>
                {order > 0 && <Typography.Text type="secondary"> {t('supplies.toTarget', { days: num(site.targetDays) })}</Typography.Text>}
              </Typography.Text>
            )}
          />
        )}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}
