import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useT } from '../../i18n/useT';
import { usePersonSearch } from '../people/usePersonSearch';

interface Props {
  /** Both given by Form.Item inside a form. */
  value?: string[] | undefined;
  onChange?: (personIds: string[]) => void;
  /** The site whose registry is searched; nothing to choose before one is. */
  siteId: string | undefined;
  'data-testid'?: string;
}

/**
 * Several people of one site's registry, found on the server as the user types (see
 * usePersonSearch); the chosen ones keep their names while the results change.
 */
export function PeopleSelect({ value, onChange, siteId, 'data-testid': testId }: Props) {
  const t = useT();
  const [known, setKnown] = useState<ReadonlyMap<string, string>>(new Map());
  const search = usePersonSearch({ siteId, enabled: siteId !== undefined });

  const options = useMemo(() => {
    const found = search.options;
    const chosen = (value ?? []).flatMap((id) => {
      const label = known.get(id);
      return label && !found.some((o) => o.value === id) ? [{ value: id, label }] : [];
    });
    return [...chosen, ...found];
  }, [search.options, value, known]);

  return (
    <Select<string[]>
      {...search.selectProps}
      mode="multiple"
      allowClear
      value={value ?? []}
      onChange={(ids) => {
        const next = new Map(known);
        for (const o of options) if (ids.includes(o.value)) next.set(o.value, o.label);
        setKnown(next);
        onChange?.(ids);
      }}
      disabled={siteId === undefined}
      options={options}
      placeholder={siteId === undefined ? t('incidents.form.chooseSiteFirst') : t('testing.searchPerson')}
      aria-label={t('incidents.field.people')}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
