import type { ReactNode } from 'react';
import { Empty, Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorResult } from './ErrorResult';

/** Where a server-paged table stands: the page shown, the total, and how to move. */
export interface Paging {
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}

/** The paging of a query for one page of a list (the previous page stays shown while the next loads). */
export function queryPaging(
  query: { data?: { total: number } | undefined; isFetching: boolean; isPending: boolean },
  page: number,
  pageSize: number,
  onPage: Paging['onPage'],
): Paging {
  return { total: query.data?.total ?? 0, page, pageSize, loading: query.isFetching || query.isPending, onPage };
}

interface Props<T> extends Paging {
  columns: TableColumnsType<T>;
  rows: T[];
  pageSizes: readonly number[];
  scrollX: number;
  totalText: (count: number) => ReactNode;
  emptyText: ReactNode;
  onRow?: TableProps<T>['onRow'];
  'data-testid': string;
}

/** A table of rows with an `id`, paged by the server: size changer, total and an empty state. */
export function ServerTable<T extends object>({
  columns, rows, total, page, pageSize, pageSizes, loading, onPage, scrollX, totalText, emptyText, onRow, 'data-testid': testId,
}: Props<T>) {
  return (
    <div data-testid={testId}>
      <Table<T>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={loading}
        scroll={{ x: scrollX }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: pageSizes.map(String),
          showTotal: (count) => totalText(count),
          onChange: onPage,
        }}
        locale={{ emptyText: <Empty description={emptyText} /> }}
        {...(onRow ? { onRow } : {})}
      />
    </div>
  );
}

interface QueryTableProps<T, D> extends Omit<Props<T>, keyof Paging | 'rows'> {
  /** One page of a list, with the list's total. */
  query: UseQueryResult<D>;
  rows: (data: D) => T[];
  page: number;
  pageSize: number;
  onPage: Paging['onPage'];
}

/**
 * A ServerTable over the query of one page: the page's rows, or the failure in the table's place
 * while there is nothing to show (a failed refetch keeps the rows shown).
 */
export function QueryTable<T extends object, D extends { total: number }>({ query, rows, page, pageSize, onPage, ...table }: QueryTableProps<T, D>) {
  if (query.isError && !query.data) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  return <ServerTable<T> {...table} {...queryPaging(query, page, pageSize, onPage)} rows={query.data ? rows(query.data) : []} />;
}
