import { useSearchParams } from 'react-router';

/**
 * A page's filters kept in the URL. `update` changes parameters (an empty value removes one); any
 * change but paging goes back to the first page. `onPage` writes a table's paging, leaving the
 * first page and the default size out of the URL.
 */
export function useUrlParams(defaultPageSize: number) {
  const [params, setParams] = useSearchParams();

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const onPage = (page: number, pageSize: number) =>
    update({ page: page > 1 ? String(page) : undefined, size: pageSize !== defaultPageSize ? String(pageSize) : undefined });

  return { params, update, onPage };
}
