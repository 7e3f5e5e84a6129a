import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import type { PersonStatus } from '@fangkong/domain';
import { useT } from '../../i18n/useT';
import { placeText } from '../people/peopleUi';
import { usePeopleList } from '../people/usePeople';

const SEARCH_LIMIT = 30;
const DEBOUNCE_MS = 300;

interface Props {
  value?: string | undefined;
  onChange?: (personId: string | undefined, label: string | undefined) => void;
  /** Only this site's people (else everyone in the user's scope). */
  siteId?: string | undefined;
  status?: PersonStatus | undefined;
  /** The label of a person chosen before (not necessarily among the first search results). */
  knownLabel?: string | undefined;
  /** What the server is first asked for (e.g. the name in a lab's file): the list opens with those. */
  initialQuery?: string | undefined;
  disabled?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
  'aria-label'?: string;
}

/**
 * Finds a person on the server (name, pinyin initials, last 4 of the ID number) as the user types:
 * a site can have more people than a list should hold.
 */
export function PersonPicker({ value, onChange, siteId, status, knownLabel, initialQuery = '', disabled, placeholder, style, ...rest }: Props) {
  const t = useT();
  const [q, setQ] = useState(initialQuery.trim());
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const people = usePeopleList({ siteId, status, q: q || undefined }, SEARCH_LIMIT, 0, !disabled);

  const options = useMemo(() => {
    const list = (people.data?.people ?? []).map((p) => ({
      value: p.id,
      label: [p.name, siteId ? placeText(p) : p.siteName, p.idNumber ? p.idNumber.slice(-4) : ''].filter(Boolean).join(' · '),
    }));
    if (value && knownLabel && !list.some((o) => o.value === value)) list.unshift({ value, label: knownLabel });
    return list;
  }, [people.data, siteId, value, knownLabel]);

  return (
    <Select<string>
      allowClear
      showSearch={{
        filterOption: false,
        onSearch: (v) => {
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => setQ(v.trim()), DEBOUNCE_MS);
        },
      }}
      value={value}
      onChange={(v) => onChange?.(v, options.find((o) => o.value === v)?.label)}
      loading={people.isFetching}
      options={options}
      disabled={disabled}
      placeholder={placeholder ?? t('testing.searchPerson')}
      notFoundContent={people.isFetching ? t('common.loading') : t('people.noMatch')}
      style={{ width: '100%', ...style }}
      {...rest}
    />
  );
}
