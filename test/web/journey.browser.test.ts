// Issue 12's end-to-end journey in a real browser (Debian's Chromium through playwright-core, a phone's
// viewport), on a fresh SQLite store served by `tokenmall serve` with the demo wine shop:
//   a member who has bought before (set up over the API) shares their referral link; a visitor opens
//   it, registers with the code filled in, buys a bottle and pays by bank transfer; the admin confirms
//   the payment in the admin console; the merchant's staff ship it (carrier and tracking number) and
//   mark it delivered in the merchant console; the buyer confirms receipt on the order page and sees
//   points and value in the wallet; the referrer sees the referral points; the transparency page
//   shows the new reserve; the admin runs the dividends and the buyer sees the dividend paid.
// Every page is screenshotted to test-artifacts/screenshots/journey-*.png; no page may log a console
// error or see a failed request. The pages are in English (the header's switch is covered by the
// storefront test), so the assertions read like the journey.

import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFen, formatPointsMicro } from '../../web/src/format.js';
import {
  type ApiClient,
  apiAs,
  apiLogin,
  expectHeading,
  launchBrowser,
  loginAs,
  openPage,
  problems,
  registerAs,
  type SeededShop,
  seededShop,
  type WebPage,
} from '../support/browser.js';
import { newStoreUrl } from '../support/mall.js';
import { type ServeProcess, startServe } from '../support/server.js';

// biome-ignore lint/suspicious/noExplicitAny: a test reads response bodies by their documented shape.
type Json = any;

const REFERRER = { phone: '13712340001', password: 'referrer-password-1', displayName: '老张' };
const BUYER = { phone: '13712340002', password: 'buyer-password-1', displayName: 'Li Buyer' };
const ADDRESS = '上海市浦东新区世纪大道 100 号 8 楼';
const CARRIER = '顺丰速运';
const TRACKING = 'SF1234567890';

/** The text of the <dd> that follows the <dt> named `term` inside `scope`. */
function definition(scope: Locator, term: string): Locator {
  return scope.locator(`dt:text-is("${term}") + dd`);
}

/**
 * A full-page screenshot from the top: clicks scroll the page, and a full-page shot of a scrolled page
 * draws the sticky header over the middle of it.
 */
async function shot(web: WebPage, name: string): Promise<void> {
  await web.page.evaluate('window.scrollTo(0, 0)');
  await web.screenshot(name);
}

/** The one open confirmation dialog (ConfirmDialog: a modal <dialog role="alertdialog">). */
function dialog(page: Page, title: string): Locator {
  return page.getByRole('alertdialog', { name: title });
}

describe('journey in a browser: referral to dividend', () => {
  let server: ServeProcess;
  let browser: Browser;
  let shop: SeededShop;
  const pages: WebPage[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      // No schedule: a run that happens to span 00:05 in Shanghai would otherwise run the day in the
      // middle. "Run now" is what the journey exercises; the schedule has tests of its own.
      newStoreUrl('sqlite').then((url) => startServe(url, { TOKENMALL_DIVIDEND_TIME: 'off' })),
      launchBrowser(),
    ]);
    shop = seededShop(server.output());
  });
  afterAll(async () => {
    for (const web of pages) await web.close();
    await browser?.close();
    await server?.stop();
  });

  const open = async (token?: string): Promise<WebPage> => {
    const web = await openPage(browser, server.url, { lang: 'en', ...(token ? { token } : {}) });
    pages.push(web);
    return web;
  };

  it('a referred visitor buys, pays by transfer, receives, earns points and a dividend', async () => {
    const base = server.url;
    const visitor = apiAs(base);
    const admin = apiAs(base, await apiLogin(base, shop.admin.phone, shop.admin.password));

    // A bottle of the demo shop, and the staff of its merchant.
    const product = (await visitor.get('/api/products?sort=new&limit=1')).items[0];
    expect(product).toBeDefined();
    const detail = await visitor.get(`/api/products/${encodeURIComponent(product.id)}`);
    const sku = detail.skus.find((s: Json) => s.stock > 0);
    expect(sku).toBeDefined();
    const staff = shop.staff.find((s) => s.merchantId === detail.merchantId);
    expect(staff, `staff of ${detail.merchantId} in the serve output`).toBeDefined();
    const merchant = apiAs(base, await apiLogin(base, staff!.phone, staff!.password));

    // A fresh store: no dividend run yet (the schedule makes up a missed day only with a fund to pay).
    expect((await admin.get('/api/admin/dividends?limit=30')).items).toEqual([]);

    // Setup over the API: the referrer registers and buys a bottle (manual transfer, confirmed,
    // shipped, delivered, received), so they are a member who has bought before.
    const registered = await visitor.post('/api/auth/register', {
      phone: REFERRER.phone,
      password: REFERRER.password,
      displayName: REFERRER.displayName,
    });
    const referrer = apiAs(base, registered.token as string);
    const referralCode = registered.member.referralCode as string;
    expect(referralCode).toMatch(/^\S+$/);
    await buyAndComplete(referrer, admin, merchant, sku.id);
    expect(BigInt((await referrer.get('/api/wallet')).pointsMicro)).toBeGreaterThan(0n);
    const reserveBefore = BigInt((await visitor.get('/api/transparency')).reserveFen);

    // 1. The referrer's referral page: the link and its QR code, nobody referred yet.
    const referrerWeb = await open(registered.token as string);
    await referrerWeb.goto('/referral');
    await expectHeading(referrerWeb.page, 'Refer friends');
    const linkField = referrerWeb.page.getByLabel('Referral link', { exact: true });
    const link = await linkField.inputValue();
    expect(link).toBe(`${base}/r/${encodeURIComponent(referralCode)}`);
    await referrerWeb.page.getByRole('img', { name: /QR code of the referral link/ }).waitFor();
    await referrerWeb.page.getByText('Nobody has signed up through your link yet').waitFor();
    await shot(referrerWeb, 'journey-01-referrer-link');

    // 2. A visitor opens the link: the storefront, with the code kept for registration.
    const buyerWeb = await open();
    const buyerPage = buyerWeb.page;
    await buyerWeb.goto(new URL(link).pathname);
    expect(new URL(buyerPage.url()).searchParams.get('ref')).toBe(referralCode);
    await expectHeading(buyerPage, 'Selected wines');
    await shot(buyerWeb, 'journey-02-visitor-home');

    // 3. Registers: the referral code is filled in already.
    const productPath = `/products/${encodeURIComponent(product.id)}`;
    await buyerWeb.goto(`/register?next=${encodeURIComponent(productPath)}`);
    await expectHeading(buyerPage, 'Register');
    expect(await buyerPage.getByLabel('Referral code (optional)', { exact: true }).inputValue()).toBe(
      referralCode,
    );
    await shot(buyerWeb, 'journey-03-register');
    const buyerToken = await registerAs(buyerWeb, BUYER, productPath);
    const buyer = apiAs(base, buyerToken);
    expect((await buyer.get('/api/me')).displayName).toBe(BUYER.displayName);
    const myReferrals = await referrer.get('/api/wallet/referrals');
    expect(myReferrals.referrals).toHaveLength(1);

    // 4. Buys the bottle now, paying by bank transfer.
    await expectHeading(buyerPage, detail.title);
    await buyerPage.getByRole('radio', { name: sku.name }).check();
    await shot(buyerWeb, 'journey-04-product');
    await buyerPage.getByRole('button', { name: 'Buy now' }).click();
    await expectHeading(buyerPage, 'Checkout');
    await buyerPage.getByLabel('Delivery address').fill(ADDRESS);
    await buyerPage.getByRole('radio', { name: /Bank transfer/ }).check();
    await shot(buyerWeb, 'journey-05-checkout');
    await buyerPage.getByRole('button', { name: 'Place order and pay' }).click();
    const place = dialog(buyerPage, 'Place the order?');
    await place.getByText(formatFen(sku.priceFen)).waitFor();
    await place.getByRole('button', { name: 'Place order and pay' }).click();
    await expectHeading(buyerPage, 'Order placed');
    const orders = (await buyer.get('/api/orders')).items;
    expect(orders).toHaveLength(1);
    const order = orders[0];
    expect(order).toMatchObject({ status: 'pending_payment', totalFen: sku.priceFen });
    await buyerPage.getByRole('link', { name: `Order ${order.id}` }).waitFor();
    await buyerPage.getByRole('status').getByText(formatFen(order.totalFen)).waitFor();
    await shot(buyerWeb, 'journey-06-order-placed');

    // 5. The admin confirms the transfer in the admin console.
    const adminWeb = await open();
    const adminPage = adminWeb.page;
    await loginAs(adminWeb, shop.admin.phone, shop.admin.password, '/admin/orders');
    await expectHeading(adminPage, 'Orders');
    const manual = adminPage.getByRole('region', { name: 'Manual transfers to confirm' });
    const row = manual.getByRole('row').filter({ hasText: order.id });
    await row.waitFor();
    await shot(adminWeb, 'journey-07-admin-orders');
    await row.getByRole('button', { name: 'Confirm payment' }).click();
    const confirmPayment = dialog(adminPage, 'Confirm the manual transfer was received?');
    await confirmPayment.getByText(formatFen(order.totalFen)).waitFor();
    await confirmPayment.getByRole('button', { name: 'Confirm payment' }).click();
    await adminPage.getByText(`Payment confirmed: order ${order.id} is paid.`).waitFor();
    await manual.getByText('No manual transfers are waiting for confirmation.').waitFor();
    expect((await buyer.get(`/api/orders/${order.id}`)).status).toBe('paid');
    await shot(adminWeb, 'journey-08-admin-confirmed');

    // 6. The merchant's staff ship it with carrier and tracking number, then mark it delivered.
    const merchantWeb = await open();
    const merchantPage = merchantWeb.page;
    await loginAs(merchantWeb, staff!.phone, staff!.password, '/merchant/orders');
    await expectHeading(merchantPage, 'Orders to ship');
    const card = merchantPage.locator('li.order-card').filter({ hasText: `Order ${order.id}` });
    await card.waitFor();
    await card.getByLabel('Carrier').fill(CARRIER);
    await card.getByLabel('Tracking number').fill(TRACKING);
    await shot(merchantWeb, 'journey-09-merchant-to-ship');
    await card.getByRole('button', { name: 'Ship', exact: true }).click();
    await card.getByText(`Shipped with ${CARRIER}, ${TRACKING}`).waitFor();
    await card.getByRole('button', { name: 'Mark delivered' }).click();
    await dialog(merchantPage, 'Mark as delivered?').getByRole('button', { name: 'Confirm' }).click();
    // The tracking list also says Delivered once the event is added: wait for the status badge.
    await card.locator('span.badge', { hasText: /^Delivered$/ }).waitFor();
    expect((await buyer.get(`/api/orders/${order.id}`)).status).toBe('delivered');
    await shot(merchantWeb, 'journey-10-merchant-delivered');

    // 7. The buyer sees the tracking and confirms receipt on the order page.
    await buyerWeb.goto(`/orders/${encodeURIComponent(order.id)}`);
    await expectHeading(buyerPage, `Order ${order.id}`);
    await buyerPage.getByText(`${CARRIER} · ${TRACKING}`).waitFor();
    await shot(buyerWeb, 'journey-11-order-delivered');
    await buyerPage.getByRole('button', { name: 'Confirm receipt' }).click();
    await dialog(buyerPage, 'Received the goods?').getByRole('button', { name: 'Confirm receipt' }).click();
    await buyerPage.getByText('Completed', { exact: true }).waitFor();
    expect((await buyer.get(`/api/orders/${order.id}`)).status).toBe('completed');
    await shot(buyerWeb, 'journey-12-order-completed');

    // 8. Points and their value in the buyer's wallet, as the API has them.
    const wallet = await buyer.get('/api/wallet');
    expect(BigInt(wallet.pointsMicro)).toBeGreaterThan(0n);
    expect(BigInt(wallet.valueFen)).toBeGreaterThan(0n);
    await buyerWeb.goto('/wallet');
    await expectHeading(buyerPage, 'Wallet');
    const overview = buyerPage.locator('dl.summary').first();
    await expect
      .poll(() => definition(overview, 'Equity points').textContent())
      .toBe(formatPointsMicro(wallet.pointsMicro));
    expect(await definition(overview, 'Value of my points').locator('.money').textContent()).toBe(
      formatFen(wallet.valueFen),
    );
    await buyerPage.getByRole('region', { name: 'Dividend history' }).getByText('No dividends yet').waitFor();
    await shot(buyerWeb, 'journey-13-buyer-wallet');

    // 9. The referrer sees the referral points the purchase earned them.
    const referrals = await referrer.get('/api/wallet/referrals');
    expect(BigInt(referrals.totalEarnedMicro)).toBeGreaterThan(0n);
    await referrerWeb.goto('/referral');
    await expectHeading(referrerWeb.page, 'Refer friends');
    const earned = formatPointsMicro(referrals.totalEarnedMicro);
    await referrerWeb.page.getByText(`Referral points earned in all: ${earned}`).waitFor();
    await referrerWeb.page
      .getByText(`Earned me ${formatPointsMicro(referrals.referrals[0].earnedMicro)} points`)
      .waitFor();
    await shot(referrerWeb, 'journey-14-referrer-points');

    // 10. The public transparency page shows the new reserve (anyone, signed out).
    const report = await visitor.get('/api/transparency');
    expect(BigInt(report.reserveFen)).toBeGreaterThan(reserveBefore);
    const publicWeb = await open();
    await publicWeb.goto('/transparency');
    await expectHeading(publicWeb.page, 'Transparency');
    const figures = publicWeb.page.getByRole('region', { name: 'Reserve and supply' });
    await expect.poll(() => definition(figures, 'Reserve').textContent()).toBe(formatFen(report.reserveFen));
    expect(await publicWeb.page.getByTestId('head-hash').textContent()).toBe(report.headHash);
    await shot(publicWeb, 'journey-15-transparency');

    // 11. The admin runs today's dividends from the economy page, after its confirmation.
    await adminWeb.goto('/admin/economy');
    await expectHeading(adminPage, 'Economy and dividends');
    const dividends = adminPage.getByRole('region', { name: 'Daily dividends' });
    await dividends.getByText('No dividend runs yet.').waitFor();
    await shot(adminWeb, 'journey-16-admin-economy');
    await dividends.getByRole('button', { name: 'Run today’s dividends now' }).click();
    await dialog(adminPage, 'Run today’s dividends now?')
      .getByRole('button', { name: 'Run today’s dividends now' })
      .click();
    const ran = dividends.getByRole('status');
    await ran.getByText(/^Dividends of \d{4}-\d{2}-\d{2}/).waitFor();
    const runs = (await admin.get('/api/admin/dividends?limit=30')).items;
    expect(runs).toHaveLength(1);
    const run = runs[0];
    expect(BigInt(run.paidFen), `the run paid nothing: ${JSON.stringify(run)}`).toBeGreaterThan(0n);
    expect(await ran.locator('.money').textContent()).toBe(formatFen(run.paidFen));
    await dividends.getByRole('table').getByRole('cell', { name: run.date, exact: true }).waitFor();
    await shot(adminWeb, 'journey-17-admin-dividends-run');

    // 12. The buyer sees the dividend paid in the wallet's dividend history.
    const mine = (await buyer.get('/api/wallet/dividends?limit=20')).items;
    expect(mine).toHaveLength(1);
    expect(BigInt(mine[0].paidFen)).toBeGreaterThan(0n);
    await buyerWeb.goto('/wallet');
    await expectHeading(buyerPage, 'Wallet');
    const history = buyerPage.getByRole('region', { name: 'Dividend history' });
    await history.getByText(`Dividends of ${mine[0].date}`).waitFor();
    await history.getByText(`Dividend ${formatFen(mine[0].paidFen)}`).waitFor();
    await shot(buyerWeb, 'journey-18-buyer-dividend');

    for (const web of pages) expect(problems(web)).toEqual([]);
  });
});

/** One bottle bought over the API by `buyer` and carried through to completed. */
async function buyAndComplete(buyer: ApiClient, admin: ApiClient, merchant: ApiClient, skuId: string) {
  const placed = await buyer.post('/api/checkout', { address: ADDRESS, items: [{ skuId, quantity: 1 }] });
  const order = placed.orders[0];
  const payment = await buyer.post(`/api/orders/${order.id}/pay`, { method: 'manual' });
  expect(payment.status).toBe('pending');
  await admin.post(`/api/admin/payments/${payment.id}/confirm`, {});
  await merchant.post(`/api/orders/${order.id}/ship`, { carrier: CARRIER, trackingNumber: 'SF0000000001' });
  await merchant.post(`/api/orders/${order.id}/deliver`);
  const done = await buyer.post(`/api/orders/${order.id}/confirm`);
  expect(done.status).toBe('completed');
}
