import { PageTitle } from '../../components/layout';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { CategoryChips } from './category-chips';
import { ProductList } from './product-list';
import { SearchForm } from './search-form';

/** 首页: search, categories and the newest products. */
export default function HomePage() {
  const t = useT();
  return (
    <>
      <PageTitle>{t('home.title')}</PageTitle>
      <p className="lead">
        {t('home.lead')} <Link to="/transparency">{t('home.seeFigures')}</Link>
      </p>
      <SearchForm />
      <CategoryChips current={null} />
      <h2 className="section-title">{t('home.newest')}</h2>
      <ProductList filter={{ sort: 'new' }} label={t('home.newest')} />
    </>
  );
}
