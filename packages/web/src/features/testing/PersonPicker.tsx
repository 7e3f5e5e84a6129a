import { useMemo, type CSSProperties } from 'react';
import { Select } from 'antd';
import type { PersonStatus } from '@fangkong/domain';
import { useT } from '../../i18n/useT';
import { usePersonSearch } from '../people/usePersonSearch';

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

/** One person, found on the server as the user types (see usePersonSearch). */
export function PersonPicker({ value, onChange, siteId, status, knownLabel, initialQuery = '', disabled, placeholder, style, ...rest }: Props) {
  const t = useT();
  const search = usePersonSearch({ siteId, status, initialQuery, enabled: !disabled });

  const options = useMemo(() => {
    const found = search.options;
    return value && knownLabel && !found.some((o) => o.value === value) ? [{ value, label: knownLabel }, ...found] : found;
  }, [search.options, value, knownLabel]);

  return (
    <Select<string>
      {...search.selectProps}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v, options.find((o) => o.value === v)?.label)}
      options={options}
      disabled={disabled}
      placeholder={placeholder ?? t('testing.searchPerson')}
      style={{ width: '100%', ...style }}
      {...rest}
    />
  );
}
