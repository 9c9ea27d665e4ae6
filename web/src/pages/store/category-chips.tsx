import { useI18n } from '../../i18n';
import { Link } from '../../router';
import type { Category } from '../../types';
import { useApi } from '../../use-api';

/**
 * The categories as links; the current one is marked for screen readers. `current`: a category id,
 * undefined for "all" (the categories page), null when none is current (the home page).
 */
export function CategoryChips({ current }: { current: string | undefined | null }) {
  const { t, lang } = useI18n();
  const categories = useApi<{ items: Category[] }>('/api/categories');
  const list = categories.data?.items ?? [];
  if (list.length === 0) return null;
  return (
    <nav aria-label={t('page.categories')}>
      <ul className="chips">
        <li>
          <Link to="/categories" aria-current={current === undefined ? 'page' : undefined} className="chip">
            {t('categories.all')}
          </Link>
        </li>
        {list.map((category) => (
          <li key={category.id}>
            <Link
              to={`/categories/${encodeURIComponent(category.id)}`}
              aria-current={current === category.id ? 'page' : undefined}
              className="chip"
            >
              {lang === 'en' ? category.nameEn : category.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
