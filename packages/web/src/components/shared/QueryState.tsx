import type { ReactNode } from 'react';
import { Skeleton } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorResult } from './ErrorResult';

interface Props<T> {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  /** What to show while loading; a paragraph skeleton by default. */
  loading?: ReactNode;
}

/** Renders the loading, error or loaded state of one query. */
export function QueryState<T>({ query, children, loading }: Props<T>) {
  if (query.isPending) return <>{loading ?? <Skeleton active paragraph={{ rows: 6 }} />}</>;
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
