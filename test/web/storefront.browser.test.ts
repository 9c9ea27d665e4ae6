// Issue 12: the storefront in a real browser (Debian's Chromium through playwright-core, a phone's
// viewport): home, a product, registering a visitor through the form, signing in, and the public
// transparency page; in Chinese (the default) and then in English after the header's switch. Each
// page must show its texts with no console error and no failed request; screenshots of each go to
// test-artifacts/screenshots/storefront-*.png.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  expectHeading,
  launchBrowser,
  loginAs,
  openPage,
  problems,
  registerAs,
  switchLanguage,
  type WebPage,
} from '../support/browser.js';
import { newStoreUrl } from '../support/mall.js';
import { type ServeProcess, startServe } from '../support/server.js';

const VISITOR = { phone: '13912345678', password: 'visitor-password-1', displayName: '小王' };

describe('storefront in a browser', () => {
  let server: ServeProcess;
  let browser: Browser;
  let web: WebPage;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      newStoreUrl('sqlite').then((url) => startServe(url)),
      launchBrowser(),
    ]);
    web = await openPage(browser, server.url);
  });
  afterAll(async () => {
    await web?.close();
    await browser?.close();
    await server?.stop();
  });

  it('home, product, register, sign in and transparency in Chinese, then in English', async () => {
    const { page } = web;
    const firstProduct = (await apiAs(server.url).get('/api/products?sort=new&limit=1')).items[0];
    expect(firstProduct).toBeDefined();

    // 首页: the newest products of the demo wine shop.
    await web.goto('/');
    await expectHeading(page, '精选葡萄酒');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.locator('.product-card').first().waitFor();
    await page.getByText(firstProduct.title).first().waitFor();
    await web.screenshot('storefront-zh-home');

    // 商品: opened from the list, with its SKU picker.
    await page.locator('.product-card a').first().click();
    await page.waitForURL(/\/products\//);
    await expectHeading(page, firstProduct.title);
    await page.getByRole('button', { name: '加入购物车' }).waitFor();
    await web.screenshot('storefront-zh-product');

    // 注册: a visitor registers through the form and lands on 我的.
    await web.goto('/register?next=/me');
    await expectHeading(page, '注册');
    await web.screenshot('storefront-zh-register');
    const registered = await registerAs(web, VISITOR);
    await expectHeading(page, '我的');
    await page.getByText(VISITOR.displayName).waitFor();
    expect((await apiAs(server.url, registered).get('/api/me')).displayName).toBe(VISITOR.displayName);
    await web.screenshot('storefront-zh-me');

    // 退出 then 登录 with the same phone and password.
    await page.getByRole('button', { name: '退出登录' }).click();
    await expectHeading(page, '精选葡萄酒');
    expect(await web.token()).toBeNull();
    await web.goto('/login?next=/me');
    await expectHeading(page, '登录');
    await web.screenshot('storefront-zh-login');
    const token = await loginAs(web, VISITOR.phone, VISITOR.password);
    await expectHeading(page, '我的');
    expect((await apiAs(server.url, token).get('/api/me')).displayName).toBe(VISITOR.displayName);

    // 公开透明: public figures, the journal head and the risk statement from the API.
    const report = await apiAs(server.url).get('/api/transparency');
    await web.goto('/transparency');
    await expectHeading(page, '公开透明');
    await page.getByRole('heading', { name: '储备与总量' }).waitFor();
    await page.getByText(`¥${report.priceYuanPerPoint} / 积分`).waitFor();
    expect(await page.getByTestId('head-hash').textContent()).toBe(report.headHash);
    await page.getByText(`--head ${report.headHash}`).waitFor();
    await page.getByText(report.riskStatement.zh).waitFor();
    expect(await page.getByTestId('liabilities-root').textContent()).toBe(report.liabilities.root);
    await web.screenshot('storefront-zh-transparency');

    // Switch to English with the header's button: the same page in English, and it stays English.
    await switchLanguage(page, 'en');
    await expectHeading(page, 'Transparency');
    await page.getByRole('heading', { name: 'Reserve and supply' }).waitFor();
    await page.getByText(report.riskStatement.en).waitFor();
    await page.getByText(`¥${report.priceYuanPerPoint} / point`).waitFor();
    await web.screenshot('storefront-en-transparency');

    // A fresh store has no price history yet (one reading per 15 minutes), so the chart is drawn
    // from a made-up answer: an SVG image whose text names the first, last, lowest and highest price.
    const readings = ['1.0000', '1.2500', '0.9000', '1.5000'].map((price, i) => ({
      time: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
      seq: String(i + 1),
      priceFenPerPointNum: String(Math.round(Number(price) * 10_000)),
      priceFenPerPointDen: '100',
      priceYuanPerPoint: price,
      reserveFen: '0',
      supplyMicro: '0',
    }));
    await page.route('**/api/transparency/price-history**', (route) =>
      route.fulfill({ json: { from: readings[0]!.time, to: readings[3]!.time, points: readings } }),
    );
    await web.goto('/transparency');
    const chart = page.getByRole('img', { name: /Point price chart/ });
    await chart.waitFor();
    const label = await chart.getAttribute('aria-label');
    for (const price of ['¥1.0000', '¥1.5000', 'lowest ¥0.9000', 'highest ¥1.5000'])
      expect(label).toContain(price);
    expect(await page.locator('svg.sparkline path.sparkline-line').getAttribute('d')).toMatch(
      /^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){3}$/,
    );
    await web.screenshot('storefront-en-transparency-chart');
    await page.unroute('**/api/transparency/price-history**');

    await web.goto('/');
    await expectHeading(page, 'Selected wines');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await web.screenshot('storefront-en-home');

    await web.goto(`/products/${encodeURIComponent(firstProduct.id)}`);
    await expectHeading(page, firstProduct.title);
    await web.screenshot('storefront-en-product');

    await web.goto('/me');
    await expectHeading(page, 'Me');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await web.screenshot('storefront-en-me');

    expect(problems(web)).toEqual([]);
  });
});
