import { useCallback, useEffect, useState } from 'react';
import { type ApiError, apiGet, query } from '../../api';
import { ProductGrid } from '../../components/product-card';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { useT } from '../../i18n';
import type { Product, ProductPage } from '../../types';

export interface ProductFilter {
  readonly q?: string;
  readonly categoryId?: string;
  readonly sort?: 'new' | 'price_asc' | 'price_desc';
}

const PAGE_SIZE = 20;

/**
 * Products matching a filter (GET /api/products), a page at a time with a "more" button (keyset
 * paging: the API's nextCursor).
 */
export function ProductList({ filter, label }: { filter: ProductFilter; label: string }) {
  const t = useT();
  const [items, setItems] = useState<readonly Product[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const { q, categoryId, sort } = filter;

  const load = useCallback(
    async (after: string | null, signal?: AbortSignal) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await apiGet<ProductPage>(
          `/api/products${query({ q, categoryId, sort, limit: PAGE_SIZE, cursor: after })}`,
          signal,
        );
        setItems((previous) => (after === null ? page.items : [...previous, ...page.items]));
        setTotal(page.total);
        setCursor(page.nextCursor);
      } catch (failure) {
        if (signal?.aborted !== true) setError(failure as ApiError);
      } finally {
        if (signal?.aborted !== true) setLoading(false);
      }
    },
    [q, categoryId, sort],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the retry trigger.
  useEffect(() => {
    const controller = new AbortController();
    void load(null, controller.signal);
    return () => controller.abort();
  }, [load, version]);

  if (error !== undefined && items.length === 0) {
    return <ErrorMessage error={error} onRetry={() => setVersion((v) => v + 1)} />;
  }
  if (loading && items.length === 0) return <Loading />;
  if (items.length === 0) return <Empty>{t('products.none')}</Empty>;
  return (
    <section aria-label={label}>
      <p className="muted" aria-live="polite">
        {t('products.count', { count: total })}
      </p>
      <ProductGrid products={items} label={label} />
      {error !== undefined ? <ErrorMessage error={error} /> : null}
      {cursor !== null ? (
        <button
          type="button"
          className="button secondary wide"
          disabled={loading}
          onClick={() => load(cursor)}
        >
          {loading ? t('state.loading') : t('products.more')}
        </button>
      ) : null}
    </section>
  );
}
