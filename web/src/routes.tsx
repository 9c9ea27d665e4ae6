import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { NavTab } from './components/layout';
import type { MessageKey } from './i18n';
import type { Role } from './types';

/**
 * The route table: one entry per page. Each page is its own module, loaded on first visit
 * (React.lazy), so the consoles never weigh on the storefront's first load.
 *
 * To add a page: write `pages/<area>/<name>.tsx` with a default export taking PageProps, add its
 * title key to i18n/zh.ts and i18n/en.ts, and add an entry below (more specific paths first is not
 * needed: paths match segment by segment, the first match wins).
 */
export interface PageProps {
  /** The `:name` segments of the path, decoded. */
  readonly params: Readonly<Record<string, string>>;
}

export interface RouteDef {
  readonly path: string;
  readonly page: LazyExoticComponent<ComponentType<PageProps>>;
  /** The document title (and what the page is called). */
  readonly title: MessageKey;
  /** The bottom bar tab it belongs to; none for pages outside the five tabs (consoles). */
  readonly tab?: NavTab;
  /** Who may open it: anyone signed in ('member') or one role. Visitors are sent to /login. */
  readonly access?: 'member' | Role;
}

const page = (load: () => Promise<{ default: ComponentType<PageProps> }>) => lazy(load);

export const routes: readonly RouteDef[] = [
  // Storefront (pages/store)
  { path: '/', page: page(() => import('./pages/store/home')), title: 'page.home', tab: 'home' },
  {
    path: '/categories',
    page: page(() => import('./pages/store/categories')),
    title: 'page.categories',
    tab: 'categories',
  },
  {
    path: '/categories/:id',
    page: page(() => import('./pages/store/categories')),
    title: 'page.categories',
    tab: 'categories',
  },
  { path: '/search', page: page(() => import('./pages/store/search')), title: 'page.search', tab: 'home' },
  {
    path: '/products/:id',
    page: page(() => import('./pages/store/product')),
    title: 'page.product',
    tab: 'home',
  },
  {
    path: '/cart',
    page: page(() => import('./pages/store/cart')),
    title: 'page.cart',
    tab: 'cart',
    access: 'consumer',
  },
  {
    path: '/checkout',
    page: page(() => import('./pages/store/checkout')),
    title: 'page.checkout',
    tab: 'cart',
    access: 'consumer',
  },
  {
    path: '/orders',
    page: page(() => import('./pages/store/orders')),
    title: 'page.orders',
    tab: 'me',
    access: 'member',
  },
  {
    path: '/orders/:id',
    page: page(() => import('./pages/store/order-detail')),
    title: 'page.order',
    tab: 'me',
    access: 'member',
  },
  { path: '/login', page: page(() => import('./pages/store/login')), title: 'page.login', tab: 'me' },
  {
    path: '/register',
    page: page(() => import('./pages/store/register')),
    title: 'page.register',
    tab: 'me',
  },
  {
    path: '/me',
    page: page(() => import('./pages/store/me')),
    title: 'page.me',
    tab: 'me',
    access: 'member',
  },

  // Admin console (pages/admin)
  {
    path: '/admin',
    page: page(() => import('./pages/admin/dashboard')),
    title: 'page.admin',
    access: 'admin',
  },
  {
    path: '/admin/members',
    page: page(() => import('./pages/admin/members')),
    title: 'page.adminMembers',
    access: 'admin',
  },
  {
    path: '/admin/orders',
    page: page(() => import('./pages/admin/orders')),
    title: 'page.adminOrders',
    access: 'admin',
  },
  {
    path: '/admin/withdrawals',
    page: page(() => import('./pages/admin/withdrawals')),
    title: 'page.adminWithdrawals',
    access: 'admin',
  },
  {
    path: '/admin/payouts',
    page: page(() => import('./pages/admin/payouts')),
    title: 'page.adminPayouts',
    access: 'admin',
  },
  {
    path: '/admin/coupons',
    page: page(() => import('./pages/admin/coupons')),
    title: 'page.adminCoupons',
    access: 'admin',
  },
  {
    path: '/admin/economy',
    page: page(() => import('./pages/admin/economy')),
    title: 'page.adminEconomy',
    access: 'admin',
  },
  {
    path: '/admin/what-if',
    page: page(() => import('./pages/admin/what-if')),
    title: 'page.adminWhatIf',
    access: 'admin',
  },

  // Wallet, referral, leaderboard, consoles and transparency: other pages replace these placeholders
  // and add their own entries here.
  {
    path: '/merchant',
    page: page(() => import('./pages/merchant/overview')),
    title: 'page.merchant',
    access: 'merchant',
  },
  {
    path: '/merchant/products',
    page: page(() => import('./pages/merchant/products')),
    title: 'page.merchantProducts',
    access: 'merchant',
  },
  {
    path: '/merchant/orders',
    page: page(() => import('./pages/merchant/orders')),
    title: 'page.merchantOrders',
    access: 'merchant',
  },
  {
    path: '/merchant/wallet',
    page: page(() => import('./pages/merchant/wallet')),
    title: 'page.merchantWallet',
    access: 'merchant',
  },
  {
    path: '/transparency',
    page: page(() => import('./pages/transparency/transparency')),
    title: 'page.transparency',
  },
  {
    path: '/wallet',
    page: page(() => import('./pages/wallet/wallet')),
    title: 'page.wallet',
    tab: 'wallet',
    access: 'consumer',
  },
  {
    path: '/referral',
    page: page(() => import('./pages/referral/referral')),
    title: 'page.referral',
    tab: 'me',
    access: 'consumer',
  },
  {
    path: '/leaderboard',
    page: page(() => import('./pages/leaderboard/leaderboard')),
    title: 'page.leaderboard',
    tab: 'wallet',
  },
];

/** The route a path opens, with its parameters; undefined for an unknown path (the not-found page). */
export function findRoute(
  path: string,
  match: (pattern: string, path: string) => Record<string, string> | null,
): { route: RouteDef; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const params = match(route.path, path);
    if (params !== null) return { route, params };
  }
  return undefined;
}
