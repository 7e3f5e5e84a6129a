import { DatePicker, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../i18n/useT';
import { filterByLabel } from '../people/peopleUi';
import type { TownRow } from './useTesting';

// The filters the testing lists and overviews share; each page keeps them in its URL.

/** The town to show; only offered to those who see more than one town. */
export function TownFilter({ towns, value, onChange, loading }: {
  towns: readonly TownRow[];
  value: string | undefined;
  onChange: (townId: string | undefined) => void;
  loading?: boolean;
}) {
  const t = useT();
  if (towns.length <= 1) return null;
  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: filterByLabel }}
      placeholder={t('testing.allTowns')}
      aria-label={t('testing.field.town')}
      loading={loading}
      value={value}
      onChange={onChange}
      options={towns.map((tw) => ({ value: tw.id, label: tw.name }))}
      style={{ minWidth: 160 }}
    />
  );
}

/** The site to show, of those offered. */
export function SiteFilter({ options, value, onChange, loading, 'data-testid': testId }: {
  options: { value: string; label: string }[];
  value: string | undefined;
  onChange: (siteId: string | undefined) => void;
  loading: boolean;
  'data-testid'?: string;
}) {
  const t = useT();
  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: filterByLabel }}
      placeholder={t('people.allSites')}
      aria-label={t('people.field.site')}
      loading={loading}
      value={value}
      onChange={onChange}
      options={options}
      style={{ minWidth: 220, maxWidth: '100%' }}
      data-testid={testId}
    />
  );
}

/** A range of days (YYYY-MM-DD); cleared, both ends are undefined. */
export function DayRangeFilter({ from, to, onChange }: {
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string | undefined, to: string | undefined) => void;
}) {
  const t = useT();
  const range: [Dayjs, Dayjs] | null = from && to ? [dayjs(from), dayjs(to)] : null;
  return (
    <DatePicker.RangePicker
      value={range}
      aria-label={t('testing.records.dates')}
      onChange={(r) => onChange(r?.[0]?.format('YYYY-MM-DD'), r?.[1]?.format('YYYY-MM-DD'))}
      inputReadOnly
    />
  );
}
