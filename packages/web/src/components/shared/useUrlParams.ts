import { useSearchParams } from 'react-router';

/** A page's filters kept in the URL: `update` changes parameters (an empty value removes one). */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  return { params, update };
}

/**
 * A paged list's filters kept in the URL. `update` changes parameters (an empty value removes one); any
 * change but paging goes back to the first page. `onPage` writes a table's paging, leaving the
 * first page and the default size out of the URL.
 */
export function useUrlParams(defaultPageSize: number) {
  const { params, update: set } = useUrlFilters();

  const update = (changes: Record<string, string | undefined>) => set('page' in changes ? changes : { ...changes, page: undefined });

  const onPage = (page: number, pageSize: number) =>
    update({ page: page > 1 ? String(page) : undefined, size: pageSize !== defaultPageSize ? String(pageSize) : undefined });

  return { params, update, onPage };
}

/** The page and page size a paged list's URL asks for: page 1 and the first size unless it names a valid one. */
export function pageParams(params: URLSearchParams, sizes: readonly number[]): { page: number; pageSize: number } {
  const page = Math.floor(Number(params.get('page')));
  const size = Number(params.get('size'));
  return {
    page: Number.isFinite(page) && page >= 1 ? page : 1,
    pageSize: sizes.includes(size) ? size : sizes[0] ?? 20,
  };
}
