import { useCallback, useEffect, useState } from 'react';
import { type ApiError, apiGet, query } from '../../api';
import { useAuth } from '../../auth';
import { Empty } from '../../components/states';
import { type MessageKey, useT } from '../../i18n';
import { Link, useRouter } from '../../router';
import type { WalletView } from '../../types';

/** The API's merchant wallet (GET /api/merchants/:id/wallet): the same shape as a member's. */
export type MerchantWallet = WalletView;

/** GET /api/merchants/:id/payouts/owed */
export interface Owed {
  readonly merchantId: string;
  readonly owedFen: string;
  readonly requestedFen: string;
  readonly availableFen: string;
}

/** The merchant's path prefix for the API: `/api/merchants/<id>`. */
export function merchantApi(merchantId: string): string {
  return `/api/merchants/${encodeURIComponent(merchantId)}`;
}

/** The signed-in staff member's merchant id; null for an account without one (an admin, a bad seed). */
export function useMerchantId(): string | null {
  const { member } = useAuth();
  return member?.merchantId ?? null;
}

/** Shown instead of a console page when the account is not tied to a merchant. */
export function NoMerchant() {
  const t = useT();
  return <Empty>{t('merchant.noMerchant')}</Empty>;
}

const SECTIONS: readonly { to: string; label: MessageKey }[] = [
  { to: '/merchant', label: 'merchant.nav.overview' },
  { to: '/merchant/products', label: 'merchant.nav.products' },
  { to: '/merchant/orders', label: 'merchant.nav.orders' },
  { to: '/merchant/wallet', label: 'merchant.nav.wallet' },
];

/** The console's section links, the current one marked for screen readers. */
export function MerchantNav() {
  const t = useT();
  const { path } = useRouter();
  return (
    <nav aria-label={t('merchant.nav.label')}>
      <ul className="chips">
        {SECTIONS.map((section) => (
          <li key={section.to}>
            <Link to={section.to} className="chip" aria-current={path === section.to ? 'page' : undefined}>
              {t(section.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface Paged<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
  readonly loading: boolean;
  readonly error: ApiError | undefined;
  loadMore(): void;
  reload(): void;
  /** Replaces one item in place (e.g. with the order a transition returned). */
  replace(match: (item: T) => boolean, next: T): void;
}

/**
 * A keyset-paged list (`{items, nextCursor}`): the first page of `path` with `params`, more on
 * request. A null path waits.
 */
export function usePaged<T>(path: string | null, params: Record<string, string | undefined> = {}): Paged<T> {
  const [items, setItems] = useState<readonly T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const paramsKey = JSON.stringify(params);

  const fetchPage = useCallback(
    async (cursor: string | null, signal?: AbortSignal) => {
      if (path === null) return;
      setLoading(true);
      setError(undefined);
      try {
        const extra = JSON.parse(paramsKey) as Record<string, string | undefined>;
        const page = await apiGet<{ items: T[]; nextCursor: string | null }>(
          `${path}${query({ ...extra, cursor })}`,
          signal,
        );
        setItems((previous) => (cursor === null ? page.items : [...previous, ...page.items]));
        setNextCursor(page.nextCursor);
      } catch (failure) {
        if (signal?.aborted !== true) setError(failure as ApiError);
      } finally {
        if (signal?.aborted !== true) setLoading(false);
      }
    },
    [path, paramsKey],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the reload trigger.
  useEffect(() => {
    const controller = new AbortController();
    void fetchPage(null, controller.signal);
    return () => controller.abort();
  }, [fetchPage, version]);

  return {
    items,
    nextCursor,
    loading,
    error,
    loadMore: () => {
      if (nextCursor !== null) void fetchPage(nextCursor);
    },
    reload: () => setVersion((v) => v + 1),
    replace: (match, next) => setItems((previous) => previous.map((item) => (match(item) ? next : item))),
  };
}

/** The "more" button under a paged list. */
export function MoreButton<T>({ list }: { list: Paged<T> }) {
  const t = useT();
  if (list.nextCursor === null) return null;
  return (
    <button type="button" className="button secondary wide" disabled={list.loading} onClick={list.loadMore}>
      {list.loading ? t('state.loading') : t('merchant.more')}
    </button>
  );
}
