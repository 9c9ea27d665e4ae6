import type { ReactNode } from 'react';
import { type MessageKey, useI18n } from '../i18n';
import { Link } from '../router';

/** The five tabs of the bottom bar (首页 / 分类 / 购物车 / 钱包 / 我的); a route names the one it lights. */
export type NavTab = 'home' | 'categories' | 'cart' | 'wallet' | 'me';

// Icons as SVG paths (24x24), so they render the same without emoji fonts.
const TABS: readonly { tab: NavTab; to: string; label: MessageKey; icon: string }[] = [
  {
    tab: 'home',
    to: '/',
    label: 'nav.home',
    icon: 'M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
  },
  {
    tab: 'categories',
    to: '/categories',
    label: 'nav.categories',
    icon: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
  },
  {
    tab: 'cart',
    to: '/cart',
    label: 'nav.cart',
    icon: 'M3 4h2l2.4 11h11.2L21 7H6.3M9 20a1.5 1.5 0 1 0 0-.01M18 20a1.5 1.5 0 1 0 0-.01',
  },
  {
    tab: 'wallet',
    to: '/wallet',
    label: 'nav.wallet',
    icon: 'M3 7h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H3zM3 7l13-3v3M16 13h2',
  },
  {
    tab: 'me',
    to: '/me',
    label: 'nav.me',
    icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6',
  },
];

function TabIcon({ path }: { path: string }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path
        d={path}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** The language switch: a real button that says what it switches to, in that language. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const next = lang === 'zh' ? 'en' : 'zh';
  const visible = next === 'zh' ? '中文' : 'EN';
  return (
    <button
      type="button"
      className="lang-switch"
      onClick={() => setLang(next)}
      // The accessible name starts with the visible text, so voice control finds the button by it.
      aria-label={`${visible} · ${t('header.switchLanguage')}`}
    >
      {visible}
    </button>
  );
}

/** The page frame: header, the page, and the shoppers' bottom tabs (left out of the consoles). */
export function Layout({
  children,
  tab,
  console = false,
}: {
  children: ReactNode;
  tab?: NavTab | undefined;
  console?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('header.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          <img src="/icons/icon.svg" alt="" width="28" height="28" />
          <span>{t('app.name')}</span>
        </Link>
        <nav className="header-actions" aria-label={t('header.tools')}>
          <Link to="/search" className="icon-link" aria-label={t('nav.search')}>
            <TabIcon path="M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5L21 21" />
          </Link>
          <LanguageSwitch />
        </nav>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
      {console ? null : (
        <nav className="bottom-nav" aria-label={t('nav.main')}>
          <ul>
            {TABS.map((item) => (
              <li key={item.tab}>
                <Link to={item.to} aria-current={item.tab === tab ? 'page' : undefined}>
                  <TabIcon path={item.icon} />
                  <span>{t(item.label)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}

/** A page's heading; every page has exactly one h1. */
export function PageTitle({ children }: { children: ReactNode }) {
  return <h1 className="page-title">{children}</h1>;
}
