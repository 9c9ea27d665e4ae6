import { useEffect, useState } from 'react';
import { apiGet } from '../../api';
import { useAction, useApi } from '../../use-api';

export interface PageOf<T> {
  readonly items: readonly T[];
  /** The cursor of the next (older) page, null at the end. */
  readonly next: string | null;
}

/**
 * A list read a page at a time: the first page through useApi (loading, error, retry), then "load
 * more" appends the page after `next` (`?<cursorParam>=next`).
 */
export function usePaged<P, T>(path: string, cursorParam: string, pick: (page: P) => PageOf<T>) {
  const first = useApi<P>(path);
  const more = useAction();
  const [extra, setExtra] = useState<PageOf<T> | null>(null);
  // A new first page (reload) starts the list again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: first.data is the trigger.
  useEffect(() => setExtra(null), [first.data]);
  const firstPage = first.data === undefined ? undefined : pick(first.data);
  const items: readonly T[] = firstPage === undefined ? [] : [...firstPage.items, ...(extra?.items ?? [])];
  const next = extra !== null ? extra.next : (firstPage?.next ?? null);
  const loadMore = async () => {
    if (next === null) return;
    const separator = path.includes('?') ? '&' : '?';
    const page = await more.run(() =>
      apiGet<P>(`${path}${separator}${cursorParam}=${encodeURIComponent(next)}`),
    );
    if (page === undefined) return;
    const picked = pick(page);
    setExtra((previous) => ({ items: [...(previous?.items ?? []), ...picked.items], next: picked.next }));
  };
  return { first, items, next, loadMore, moreBusy: more.busy, moreError: more.error };
}
