import './admin.css';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { type ApiError, apiGet, query } from '../../api';
import { PageTitle } from '../../components/layout';
import { useI18n } from '../../i18n';
import { Link, useRouter } from '../../router';
import type { Page } from '../../types';

/** The admin console's sections, in the order of its menu. */
const SECTIONS = [
  { to: '/admin', label: 'admin.nav.dashboard' },
  { to: '/admin/members', label: 'admin.nav.members' },
  { to: '/admin/orders', label: 'admin.nav.orders' },
  { to: '/admin/withdrawals', label: 'admin.nav.withdrawals' },
  { to: '/admin/payouts', label: 'admin.nav.payouts' },
  { to: '/admin/coupons', label: 'admin.nav.coupons' },
  { to: '/admin/economy', label: 'admin.nav.economy' },
  { to: '/admin/what-if', label: 'admin.nav.whatIf' },
] as const;

/** Every admin page: its one h1, the console's menu, then the page. */
export function AdminPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  const { path } = useRouter();
  return (
    <div className="admin-console">
      <nav className="admin-nav" aria-label={t('admin.nav.label')}>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <Link to={section.to} aria-current={path === section.to ? 'page' : undefined}>
                {t(section.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-body">
        <PageTitle>{title}</PageTitle>
        {children}
      </div>
    </div>
  );
}

/** A figure with its label, for the headline numbers. */
export function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="admin-stat">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export interface PagedList<T> {
  readonly items: readonly T[];
  readonly loading: boolean;
  readonly error: ApiError | undefined;
  readonly hasMore: boolean;
  more(): void;
  reload(): void;
  /** Replaces one item in place (by id), e.g. with what an action returned. */
  replace(item: T): void;
}

/** A cursor-paged admin list (`{items, nextCursor}`), reloaded when `path` or `params` change. */
export function usePaged<T extends { id: string }>(
  path: string,
  params: Record<string, string | undefined>,
): PagedList<T> {
  const [items, setItems] = useState<readonly T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const search = JSON.stringify(params);

  const load = useCallback(
    async (after: string | null, signal?: AbortSignal) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await apiGet<Page<T>>(
          `${path}${query({ ...JSON.parse(search), cursor: after ?? undefined })}`,
          signal,
        );
        setItems((previous) => (after === null ? page.items : [...previous, ...page.items]));
        setCursor(page.nextCursor);
      } catch (failure) {
        if (signal?.aborted !== true) setError(failure as ApiError);
      } finally {
        if (signal?.aborted !== true) setLoading(false);
      }
    },
    [path, search],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the reload trigger.
  useEffect(() => {
    const controller = new AbortController();
    void load(null, controller.signal);
    return () => controller.abort();
  }, [load, version]);

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    more: () => {
      if (cursor !== null) void load(cursor);
    },
    reload: () => setVersion((v) => v + 1),
    replace: (item: T) => setItems((previous) => previous.map((old) => (old.id === item.id ? item : old))),
  };
}

/** Status chips that filter a list; `undefined` is "all". */
export function StatusFilter<S extends string>({
  statuses,
  value,
  onChange,
  label,
  all,
}: {
  statuses: readonly S[];
  value: S | undefined;
  onChange(status: NoInfer<S> | undefined): void;
  label(status: NoInfer<S>): string;
  all: string;
}) {
  const { t } = useI18n();
  const options: readonly (S | undefined)[] = [undefined, ...statuses];
  return (
    <fieldset className="chips admin-filter">
      <legend className="visually-hidden">{t('admin.filter.status')}</legend>
      {options.map((status) => (
        <button
          key={status ?? 'all'}
          type="button"
          className="chip"
          aria-pressed={status === value}
          onClick={() => onChange(status)}
        >
          {status === undefined ? all : label(status)}
        </button>
      ))}
    </fieldset>
  );
}

/** "Load more" under a paged list. */
export function MoreButton({ list }: { list: { hasMore: boolean; loading: boolean; more(): void } }) {
  const { t } = useI18n();
  if (!list.hasMore) return null;
  return (
    <button type="button" className="button secondary wide" disabled={list.loading} onClick={list.more}>
      {list.loading ? t('state.loading') : t('admin.more')}
    </button>
  );
}

/** A date as YYYY-MM-DD in the browser's time zone, `daysAgo` days before today. */
export function localDate(daysAgo = 0, now = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Fen as a yuan number, for chart axes only (amounts shown as text use format.ts). */
export const yuan = (fen: string): number => Number(fen) / 100;

/** µpt as a points number, for chart axes only. */
export const points = (micro: string): number => Number(micro) / 1_000_000;

/** A short time label for a chart axis. */
export function shortTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Basis points as a percentage: "1500" -> "15%". */
export function percentOfBp(bp: string | number): string {
  const value = Number(bp);
  return Number.isFinite(value)
    ? `${(value / 100).toLocaleString('en', { maximumFractionDigits: 2 })}%`
    : String(bp);
}
