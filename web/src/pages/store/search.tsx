import { useId } from 'react';
import { PageTitle } from '../../components/layout';
import { useT } from '../../i18n';
import { useRouter, useSearchParams } from '../../router';
import { type ProductFilter, ProductList } from './product-list';
import { SearchForm } from './search-form';

const SORTS = ['new', 'price_asc', 'price_desc'] as const;
type Sort = (typeof SORTS)[number];

/** 搜索: words in the title or description (GET /api/products?q=), with a sort. */
export default function SearchPage() {
  const t = useT();
  const sortId = useId();
  const params = useSearchParams();
  const { navigate } = useRouter();
  const q = params.get('q') ?? '';
  const sortParam = params.get('sort');
  const sort: Sort = SORTS.find((s) => s === sortParam) ?? 'new';
  const filter: ProductFilter = { ...(q === '' ? {} : { q }), sort };
  return (
    <>
      <PageTitle>{t('page.search')}</PageTitle>
      <SearchForm key={q} initial={q} />
      <div className="field inline">
        <label htmlFor={sortId}>{t('search.sort')}</label>
        <select
          id={sortId}
          value={sort}
          onChange={(event) =>
            navigate(`/search?q=${encodeURIComponent(q)}&sort=${event.target.value}`, { replace: true })
          }
        >
          <option value="new">{t('search.sortNew')}</option>
          <option value="price_asc">{t('search.sortPriceAsc')}</option>
          <option value="price_desc">{t('search.sortPriceDesc')}</option>
        </select>
      </div>
      <ProductList filter={filter} label={q === '' ? t('page.search') : t('search.resultsFor', { q })} />
    </>
  );
}
