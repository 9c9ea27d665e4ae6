import { PageTitle } from '../../components/layout';
import { Loading } from '../../components/states';
import { useI18n } from '../../i18n';
import type { PageProps } from '../../routes';
import type { Category } from '../../types';
import { useApi } from '../../use-api';
import { CategoryChips } from './category-chips';
import { ProductList } from './product-list';

/** 分类: the categories, and the products of the one chosen (/categories/:id). */
export default function CategoriesPage({ params }: PageProps) {
  const { t, lang } = useI18n();
  const categories = useApi<{ items: Category[] }>('/api/categories');
  const id = params.id;
  const current = categories.data?.items.find((category) => category.id === id);
  const name = current === undefined ? t('categories.all') : lang === 'en' ? current.nameEn : current.name;
  return (
    <>
      <PageTitle>{t('page.categories')}</PageTitle>
      <CategoryChips current={id} />
      {categories.loading ? <Loading /> : null}
      <h2 className="section-title">{name}</h2>
      <ProductList filter={id === undefined ? {} : { categoryId: id }} label={name} />
    </>
  );
}
