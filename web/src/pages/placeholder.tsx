import { Empty } from '../components/states';
import { useT } from '../i18n';

/** Stands in for a page another part of issue 12 delivers (the route table names which). */
export default function PlaceholderPage() {
  const t = useT();
  return <Empty>{t('state.comingSoon')}</Empty>;
}
