import { type ReactNode, Suspense, useEffect, useRef } from 'react';
import { useAuth } from './auth';
import { Layout } from './components/layout';
import { Empty, ErrorMessage, Loading } from './components/states';
import { useT } from './i18n';
import { Link, matchPath, useRouter } from './router';
import { findRoute, type RouteDef } from './routes';

/** The shell: finds the route for the current path, checks who may see it, and lazy-loads the page. */
export function App() {
  const t = useT();
  const { path } = useRouter();
  const found = findRoute(path, matchPath);
  const title = found === undefined ? t('page.notFound') : t(found.route.title);
  useEffect(() => {
    document.title = `${title} · Tokenmall`;
  }, [title]);
  useFocusOnNavigation(path);

  if (found === undefined) {
    return (
      <Layout>
        <Empty action={<Link to="/">{t('nav.home')}</Link>}>{t('page.notFound')}</Empty>
      </Layout>
    );
  }
  const Page = found.route.page;
  return (
    <Layout tab={found.route.tab} console={/^\/(admin|merchant)(\/|$)/.test(path)}>
      <Guard route={found.route}>
        <Suspense fallback={<Loading />}>
          <Page params={found.params} />
        </Suspense>
      </Guard>
    </Layout>
  );
}

/** After an in-app navigation, focus moves to the new page's content so screen readers start there. */
function useFocusOnNavigation(path: string): void {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new path.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);
}

/** Sends visitors to the login page (and back after it) and refuses other roles. */
function Guard({ route, children }: { route: RouteDef; children: ReactNode }) {
  const t = useT();
  const { member } = useAuth();
  const { path, search, navigate } = useRouter();
  const needsLogin = route.access !== undefined && member === null;
  useEffect(() => {
    if (needsLogin) navigate(`/login?next=${encodeURIComponent(path + search)}`, { replace: true });
  }, [needsLogin, navigate, path, search]);
  if (route.access === undefined) return children;
  if (member === undefined || member === null) return <Loading />;
  if (route.access !== 'member' && member.role !== route.access) {
    return <ErrorMessage error={new Error(t('error.forbidden'))} />;
  }
  return children;
}
