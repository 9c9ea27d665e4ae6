import type { ReactNode } from 'react';
import type { ApiError } from '../../api';
import { ErrorMessage, Loading } from '../../components/states';

/** A column head: its text, and whether it holds numbers (right-aligned). */
export type Column = string | { readonly label: string; readonly num: true };

/** The admin console's table: scrolls sideways on a phone; the caption is for screen readers. */
export function AdminTable({
  caption,
  columns,
  children,
}: {
  caption?: string;
  columns: readonly Column[];
  children: ReactNode;
}) {
  return (
    <div className="admin-table-wrap">
      <table className="admin-table">
        {caption === undefined ? null : <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.label} scope="col" className="num">
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A paged list's error (with retry), first load and `empty` when it has nothing. */
export function PagedStates({
  list,
  empty,
}: {
  list: { items: readonly unknown[]; loading: boolean; error: ApiError | undefined; reload(): void };
  empty: ReactNode;
}) {
  return (
    <>
      {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? empty : null}
    </>
  );
}

/** The same for a fetched page of items (`useApi` of `{items}`). */
export function ItemsStates({
  resource,
  empty,
}: {
  resource: {
    data: { items: readonly unknown[] } | undefined;
    loading: boolean;
    error: ApiError | undefined;
    reload(): void;
  };
  empty: ReactNode;
}) {
  return (
    <>
      {resource.error ? <ErrorMessage error={resource.error} onRetry={resource.reload} /> : null}
      {resource.loading && resource.data === undefined ? <Loading /> : null}
      {resource.data && resource.data.items.length === 0 ? empty : null}
    </>
  );
}
