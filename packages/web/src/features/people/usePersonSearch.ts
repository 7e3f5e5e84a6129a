import { useEffect, useMemo, useRef, useState } from 'react';
import type { PersonKind, PersonStatus } from '@fangkong/domain';
import { useT } from '../../i18n/useT';
import { placeText } from './peopleUi';
import { usePeopleList } from './usePeople';

const SEARCH_LIMIT = 30;
const DEBOUNCE_MS = 300;

export interface PersonOption {
  value: string;
  label: string;
}

/**
 * People found on the server (name, pinyin initials, last 4 of the ID number) as the user types
 * into a Select: a site can have more people than a list should hold. Spread `selectProps` on the
 * Select; `options` are the first results, labelled with the room and bed within one site and
 * with the site across several.
 */
export function usePersonSearch({ siteId, status, kind, initialQuery = '', enabled }: {
  /** Only this site's people (else everyone in the user's scope). */
  siteId?: string | undefined;
  status?: PersonStatus | undefined;
  /** Only this kind of person (e.g. the staff an account is linked to). */
  kind?: PersonKind | undefined;
  /** What the server is first asked for (e.g. the name in a lab's file). */
  initialQuery?: string;
  enabled: boolean;
}) {
  const t = useT();
  const [q, setQ] = useState(initialQuery.trim());
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const people = usePeopleList({ siteId, status, kind, q: q || undefined }, SEARCH_LIMIT, 0, enabled);

  const options = useMemo<PersonOption[]>(() => (people.data?.people ?? []).map((p) => ({
    value: p.id,
    label: [p.name, siteId ? placeText(p) : p.siteName, p.idNumber ? p.idNumber.slice(-4) : ''].filter(Boolean).join(' · '),
  })), [people.data, siteId]);

  const selectProps = {
    showSearch: {
      filterOption: false,
      onSearch: (v: string) => {
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => setQ(v.trim()), DEBOUNCE_MS);
      },
    },
    loading: people.isFetching,
    notFoundContent: people.isFetching ? t('common.loading') : t('people.noMatch'),
  };

  return { options, selectProps };
}
