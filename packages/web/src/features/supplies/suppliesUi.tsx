import type { CSSProperties, ReactNode } from 'react';
import { Select, Tag } from 'antd';
import {
  IsoDate, LEDGER_KINDS, type CoverStatus, type ItemCover, type LedgerKind, type SupplyBatch, type SupplyItem,
} from '@fangkong/domain';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { filterByLabel } from '../people/peopleUi';
import type { SupplySite } from './useSupplies';

/** Tag colours of the cover statuses: below the floor alerts, below the target warns. */
export const STATUS_TAG: Record<CoverStatus, string> = { below_floor: 'red', below_target: 'orange', ok: 'green', no_demand_basis: 'gold', not_required: 'default' };
/** The same as plain colours (charts, numbers, cell backgrounds). */
// A missing demand basis is a finding (§15): marked like a warning, never grey like "nothing to hold".
export const STATUS_COLOR: Record<CoverStatus, string> = { below_floor: '#cf1322', below_target: '#d46b08', ok: '#389e0d', no_demand_basis: '#ad8b00', not_required: '#8c8c8c' };
export const STATUS_BACKGROUND: Record<CoverStatus, string> = { below_floor: '#fff1f0', below_target: '#fff7e6', ok: '#f6ffed', no_demand_basis: '#feffe6', not_required: '#fafafa' };

/** A batch is marked as expiring soon this many days ahead (the overview's "expiring soon" is the server's). */
export const EXPIRING_SOON_DAYS = 30;

export function CoverStatusTag({ status, 'data-testid': testId }: { status: CoverStatus; 'data-testid'?: string }) {
  const t = useT();
  return <Tag color={STATUS_TAG[status]} style={{ marginInlineEnd: 0 }} data-testid={testId} data-status={status}>{t(`supplies.status.${status}`)}</Tag>;
}

const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

/** A quantity or a number of days as people read it (thousands grouped, at most one decimal). */
export function num(n: number): string {
  return numberFormat.format(n);
}

/** Days of cover, or a dash when nothing gives a demand. */
export function coverText(cover: number | null): string {
  return cover === null ? '—' : num(cover);
}

export function quantityText(n: number, unit: string): string {
  return `${num(n)} ${unit}`;
}

/** "= 40 packs" for an item that comes in packs; empty otherwise. */
export function packsText(quantity: number, packSize: number | null, t: Translate): string {
  if (packSize === null || packSize <= 1 || quantity <= 0) return '';
  const packs = quantity / packSize;
  return t('supplies.packs', { packs: Number.isInteger(packs) ? packs : num(packs) });
}

export function ledgerKindOf(v: string | null): LedgerKind | undefined {
  return LEDGER_KINDS.find((k) => k === v);
}

export function isoDay(v: string | null): string | undefined {
  return v !== null && IsoDate.safeParse(v).success ? v : undefined;
}

const KIND_COLORS: Record<LedgerKind, string> = {
  receipt: 'green', issue: 'blue', transfer_out: 'purple', transfer_in: 'cyan', adjustment: 'gold', stocktake: 'magenta',
};

export function LedgerKindTag({ kind }: { kind: LedgerKind }) {
  const t = useT();
  return <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>{t(`supplies.kind.${kind}`)}</Tag>;
}

/** A signed change of stock: green when it adds, red when it takes away. */
export function DeltaText({ delta, unit }: { delta: number; unit?: string }) {
  const color = delta > 0 ? '#389e0d' : delta < 0 ? '#cf1322' : undefined;
  return (
    <span style={{ color, fontWeight: 600, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-delta={delta}>
      {delta > 0 ? '+' : ''}{num(delta)}{unit ? ` ${unit}` : ''}
    </span>
  );
}

/** Where a batch stands on a day: expired, expiring soon, or nothing to say. */
export function batchState(batch: Pick<SupplyBatch, 'expiresOn' | 'expired'>, day: string): 'expired' | 'expiring' | undefined {
  if (batch.expired || (batch.expiresOn !== null && batch.expiresOn < day)) return 'expired';
  if (batch.expiresOn === null) return undefined;
  const limit = new Date(`${day}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + EXPIRING_SOON_DAYS);
  return batch.expiresOn <= limit.toISOString().slice(0, 10) ? 'expiring' : undefined;
}

export function BatchStateTag({ batch, day }: { batch: Pick<SupplyBatch, 'expiresOn' | 'expired'>; day: string }) {
  const t = useT();
  const state = batchState(batch, day);
  if (state === 'expired') return <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="batch-expired">{t('supplies.batch.expired')}</Tag>;
  if (state === 'expiring') return <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('supplies.batch.expiring')}</Tag>;
  return null;
}

/** A batch as one line: its number (or "no batch number"), expiry and quantity. */
export function batchLabel(batch: SupplyBatch, unit: string, t: Translate): string {
  const parts = [
    batch.batch ?? t('supplies.batch.noNumber'),
    batch.expiresOn ? t('supplies.batch.expiresOn', { date: batch.expiresOn }) : t('supplies.batch.noExpiry'),
    quantityText(batch.quantity, unit),
  ];
  return `${parts.join(' · ')}${batch.expired ? ` · ${t('supplies.batch.expired')}` : ''}`;
}

export function siteLabel(s: Pick<SupplySite, 'name' | 'townName'>): string {
  return s.townName ? `${s.name} · ${s.townName}` : s.name;
}

/** Choosing one site of those offered (the stock pages, the forms). */
export function SupplySiteSelect({ sites, value, onChange, loading, allowClear, placeholder, 'data-testid': testId, style }: {
  sites: readonly SupplySite[];
  /** Both given by Form.Item inside a form. */
  value?: string | undefined;
  onChange?: (siteId: string | undefined) => void;
  loading?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  'data-testid'?: string;
  style?: CSSProperties;
}) {
  const t = useT();
  return (
    <Select<string>
      showSearch={{ filterOption: filterByLabel }}
      allowClear={allowClear}
      placeholder={placeholder ?? t('round.selectSite')}
      aria-label={t('people.field.site')}
      loading={loading}
      value={value}
      onChange={(v) => onChange?.(v || undefined)}
      options={sites.map((s) => ({ value: s.id, label: siteLabel(s) }))}
      style={{ minWidth: 240, maxWidth: '100%', ...style }}
      data-testid={testId}
    />
  );
}

/** Choosing an item of the catalogue. */
export function SupplyItemSelect({ items, value, onChange, allowClear, placeholder, 'data-testid': testId, style }: {
  items: readonly Pick<SupplyItem, 'id' | 'name'>[];
  /** Both given by Form.Item inside a form. */
  value?: string | undefined;
  onChange?: (itemId: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: ReactNode;
  'data-testid'?: string;
  style?: CSSProperties;
}) {
  const t = useT();
  return (
    <Select<string>
      showSearch={{ filterOption: filterByLabel }}
      allowClear={allowClear}
      placeholder={placeholder ?? t('supplies.allItems')}
      aria-label={t('supplies.field.item')}
      value={value}
      onChange={(v) => onChange?.(v || undefined)}
      options={items.map((i) => ({ value: i.id, label: i.name }))}
      style={{ minWidth: 160, ...style }}
      data-testid={testId}
    />
  );
}

/** A site's items as the choices of an item select. */
export function itemChoices(site: { items: readonly ItemCover[] }): { id: string; name: string }[] {
  return site.items.map((i) => ({ id: i.itemId, name: i.itemName }));
}
