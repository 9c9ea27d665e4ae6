// The web tests' browser: Debian's /usr/bin/chromium driven by playwright-core (never a downloaded
// browser), pages at a phone's viewport that record console errors and failed requests, screenshots
// in test-artifacts/screenshots, and the steps a journey repeats (register, sign in, switch language,
// call the API as someone). The journey tests (referral to dividend) build on these.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { http } from './server.js';

// biome-ignore lint/suspicious/noExplicitAny: a test reads response bodies by their documented shape.
type Json = any;

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** An iPhone 12-14 sized screen: the storefront is mobile first. */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;
export const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', 'test-artifacts');
export const SCREENSHOTS_DIR = join(ARTIFACTS_DIR, 'screenshots');

/** Starts headless Chromium from the Debian package (pretest checks it is installed). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export type Lang = 'zh' | 'en';

export interface OpenOptions {
  /** The language stored before the first page loads (the app's default is zh). */
  readonly lang?: Lang;
  readonly viewport?: { width: number; height: number };
  /** A bearer token to store before the first load, i.e. open the page signed in (see apiLogin). */
  readonly token?: string;
  /**
   * Service workers: blocked by default, so every request is the page's own and each load is cold;
   * 'allow' to test the installed app shell.
   */
  readonly serviceWorkers?: 'allow' | 'block';
}

/** One browser context (its own storage: one person) with its page and what went wrong in it. */
export interface WebPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly baseUrl: string;
  /** console.error messages and uncaught page errors, in order. */
  readonly consoleErrors: string[];
  /** Requests that failed (network) or answered 5xx, as "METHOD url: reason". */
  readonly failedRequests: string[];
  /** Opens `path` on the server and waits until the network is quiet. */
  goto(path: string): Promise<void>;
  /** A full-page screenshot to test-artifacts/screenshots/<name>.png; returns its path. */
  screenshot(name: string): Promise<string>;
  /** The bearer token the app keeps (null when signed out). */
  token(): Promise<string | null>;
  close(): Promise<void>;
}

const TOKEN_KEY = 'tokenmall.token';
const LANG_KEY = 'tokenmall.lang';

/**
 * A fresh context at a phone viewport on `baseUrl`. Everything the app logs with console.error, every
 * uncaught error, every failed request and every 5xx is collected; assert with `expectClean`.
 */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  options: OpenOptions = {},
): Promise<WebPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? PHONE_VIEWPORT,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: options.lang === 'en' ? 'en-GB' : 'zh-CN',
    serviceWorkers: options.serviceWorkers ?? 'block',
    baseURL: baseUrl,
  });
  const initial: Record<string, string> = {};
  if (options.lang !== undefined) initial[LANG_KEY] = options.lang;
  if (options.token !== undefined) initial[TOKEN_KEY] = options.token;
  if (Object.keys(initial).length > 0) {
    // Only on the first document of the context, so later changes by the app (sign-out, switch) hold.
    // (A script text: the test code is compiled without the DOM's types.)
    await context.addInitScript({
      content: `try {
        if (sessionStorage.getItem('tokenmall.test.seeded') === null) {
          sessionStorage.setItem('tokenmall.test.seeded', '1');
          for (const [key, value] of Object.entries(${JSON.stringify(initial)})) localStorage.setItem(key, value);
        }
      } catch {}`,
    });
  }
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    // A request the app itself cancelled (an AbortController on navigation) is not a failure.
    if (reason === 'net::ERR_ABORTED') return;
    failedRequests.push(`${request.method()} ${request.url()}: ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 500)
      failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
  });
  return {
    page,
    context,
    baseUrl,
    consoleErrors,
    failedRequests,
    goto: async (path) => {
      await page.goto(new URL(path, baseUrl).toString(), { waitUntil: 'networkidle' });
    },
    screenshot: (name) => screenshot(page, name),
    token: () => page.evaluate<string | null>(`localStorage.getItem(${JSON.stringify(TOKEN_KEY)})`),
    close: () => context.close(),
  };
}

/** Saves a full-page PNG to test-artifacts/screenshots/<name>.png (the folder is created). */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[\w.-]+$/.test(name))
    throw new Error(`screenshot name ${JSON.stringify(name)}: letters, digits, . _ - only`);
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  // Fonts first, or Chinese can be caught as boxes while Noto CJK is still loading.
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** What went wrong in the page so far, for `expect(problems(web)).toEqual([])`. */
export function problems(web: WebPage): string[] {
  return [...web.consoleErrors, ...web.failedRequests];
}

/** The page's one h1 (every page has exactly one), once it shows `text` (a string or a pattern). */
export async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor({ state: 'visible' });
}

/** Switches the language with the header's button (the way a person does) and waits for `<html lang>`. */
export async function switchLanguage(page: Page, lang: Lang): Promise<void> {
  const want = lang === 'zh' ? 'zh-CN' : 'en';
  if ((await page.getAttribute('html', 'lang')) === want) return;
  await page.locator('header .lang-switch').click();
  await page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(want)}`);
}

/** The label texts of the sign-in and registration forms, in both languages (web/src/i18n). */
const FORM_TEXT = {
  zh: {
    identifier: '手机号或邮箱',
    password: '密码',
    displayName: '昵称（可选）',
    referral: '推荐码（可选）',
    login: '登录',
    register: '注册',
  },
  en: {
    identifier: 'Phone or e-mail',
    password: 'Password',
    displayName: 'Display name (optional)',
    referral: 'Referral code (optional)',
    login: 'Sign in',
    register: 'Register',
  },
} as const;

async function currentLang(page: Page): Promise<Lang> {
  return (await page.getAttribute('html', 'lang')) === 'en' ? 'en' : 'zh';
}

/**
 * Signs in through the login page (`/login?next=...`), as a person would, and waits until the app has
 * left it. Returns the session's bearer token (for `apiAs`).
 */
export async function loginAs(web: WebPage, phone: string, password: string, next = '/me'): Promise<string> {
  const { page } = web;
  await web.goto(`/login?next=${encodeURIComponent(next)}`);
  const text = FORM_TEXT[await currentLang(page)];
  await page.getByLabel(text.identifier, { exact: true }).fill(phone);
  await page.getByLabel(text.password, { exact: true }).fill(password);
  await page.locator('form').getByRole('button', { name: text.login, exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  const token = await web.token();
  if (token === null) throw new Error(`signed in as ${phone} but the app kept no token`);
  return token;
}

export interface Registration {
  readonly phone: string;
  readonly password: string;
  readonly displayName?: string;
  /** Typed into the form; a visitor who came by a referral link finds it filled in already. */
  readonly referralCode?: string;
}

/** Registers through the registration page and waits until the app has left it; returns the token. */
export async function registerAs(web: WebPage, who: Registration, next = '/me'): Promise<string> {
  const { page } = web;
  if (new URL(page.url() === 'about:blank' ? web.baseUrl : page.url()).pathname !== '/register')
    await web.goto(`/register?next=${encodeURIComponent(next)}`);
  const text = FORM_TEXT[await currentLang(page)];
  await page.getByLabel(text.identifier, { exact: true }).fill(who.phone);
  await page.getByLabel(text.password, { exact: true }).fill(who.password);
  if (who.displayName !== undefined)
    await page.getByLabel(text.displayName, { exact: true }).fill(who.displayName);
  if (who.referralCode !== undefined)
    await page.getByLabel(text.referral, { exact: true }).fill(who.referralCode);
  await page.locator('form').getByRole('button', { name: text.register, exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/register');
  const token = await web.token();
  if (token === null) throw new Error(`registered ${who.phone} but the app kept no token`);
  return token;
}

/** The sign-ins `tokenmall serve` printed when it seeded the demo wine shop into an empty store. */
export interface SeededShop {
  readonly admin: { readonly phone: string; readonly password: string };
  readonly staff: readonly {
    readonly merchantId: string;
    readonly phone: string;
    readonly password: string;
  }[];
}

export function seededShop(serveOutput: string): SeededShop {
  const admin = /admin login (\S+) password (\S+)/.exec(serveOutput);
  if (admin === null) throw new Error(`serve did not seed the demo shop:\n${serveOutput}`);
  const staff = [...serveOutput.matchAll(/staff of (\S+): login (\S+) password (\S+)/g)].map((m) => ({
    merchantId: m[1]!,
    phone: m[2]!,
    password: m[3]!,
  }));
  return { admin: { phone: admin[1]!, password: admin[2]! }, staff };
}

/** Thrown by `apiAs` calls that do not answer 2xx: the status and the server's error body. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
  }
}

/** The API as one person (or a visitor, without a token): JSON in and out, throws unless 2xx. */
export interface ApiClient {
  get(path: string): Promise<Json>;
  post(path: string, body?: unknown, idempotencyKey?: string): Promise<Json>;
  put(path: string, body?: unknown): Promise<Json>;
  delete(path: string): Promise<Json>;
}

let keys = 0;
/** A fresh Idempotency-Key for one intent. */
export function newKey(label = 'test'): string {
  keys += 1;
  return `${label}-${process.pid}-${Date.now()}-${keys}`;
}

/**
 * `apiAs(base, token)` for setting up and checking a journey without clicking through every step
 * (an admin confirming a payment, staff shipping). POSTs get a fresh Idempotency-Key unless given one.
 */
export function apiAs(baseUrl: string, token?: string): ApiClient {
  const call = async (method: string, path: string, body?: unknown, key?: string): Promise<Json> => {
    const result = await http(baseUrl, method, path, {
      ...(token === undefined ? {} : { token }),
      ...(body === undefined ? {} : { body }),
      ...(key === undefined ? {} : { key }),
    });
    if (result.status < 200 || result.status >= 300)
      throw new ApiCallError(result.status, result.body, `${method} ${path}`);
    return result.body;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body, key) => call('POST', path, body ?? {}, key ?? newKey()),
    put: (path, body) => call('PUT', path, body ?? {}),
    delete: (path) => call('DELETE', path),
  };
}

/** Signs in over the API (no browser) and returns the bearer token, e.g. for `openPage({ token })`. */
export async function apiLogin(baseUrl: string, identifier: string, password: string): Promise<string> {
  const body = await apiAs(baseUrl).post('/api/auth/login', { identifier, password });
  return body.token as string;
}
