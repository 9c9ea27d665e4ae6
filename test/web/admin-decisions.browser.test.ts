// Issue 12's admin console in a browser, beyond the journey: a member's withdrawal approved and a
// merchant's payout approved (with a bank reference) in the decision pages, checked against the API.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiAs, apiLogin, launchBrowser, openPage, seededShop } from '../support/browser.js';
import { newStoreUrl } from '../support/mall.js';
import { type ServeProcess, startServe } from '../support/server.js';

let server: ServeProcess;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([
    newStoreUrl('sqlite').then((url) => startServe(url, { TOKENMALL_DIVIDEND_TIME: 'off' })),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('approves a withdrawal and pays a merchant payout from the admin console', async () => {
  const base = server.url;
  const shop = seededShop(server.output());
  const adminToken = await apiLogin(base, shop.admin.phone, shop.admin.password);
  const admin = apiAs(base, adminToken);
  const visitor = apiAs(base);
  const product = (await visitor.get('/api/products?sort=new&limit=1')).items[0];
  const detail = await visitor.get(`/api/products/${encodeURIComponent(product.id)}`);
  const sku = detail.skus.find((s: { stock: number }) => s.stock > 0);
  const staff = shop.staff.find((s) => s.merchantId === detail.merchantId)!;
  const merchant = apiAs(base, await apiLogin(base, staff.phone, staff.password));
  const reg = await visitor.post('/api/auth/register', {
    phone: '13612340009',
    password: 'smoke-password-1',
    displayName: 'S',
  });
  const buyer = apiAs(base, reg.token);
  for (let i = 0; i < 3; i++) {
    const placed = await buyer.post('/api/checkout', {
      address: '上海市浦东新区世纪大道 100 号',
      items: [{ skuId: sku.id, quantity: 1 }],
    });
    const order = placed.orders[0];
    const payment = await buyer.post(`/api/orders/${order.id}/pay`, { method: 'manual' });
    await admin.post(`/api/admin/payments/${payment.id}/confirm`, {});
    await merchant.post(`/api/orders/${order.id}/ship`, { carrier: 'SF', trackingNumber: 'SF1' });
    await merchant.post(`/api/orders/${order.id}/deliver`);
    await buyer.post(`/api/orders/${order.id}/confirm`);
  }
  await buyer.post('/api/wallet/sell', { pointsMicro: 'all' });
  const w = await buyer.post('/api/wallet/withdrawals', { amountFen: '1000' });
  const p = await merchant.post(`/api/merchants/${detail.merchantId}/payouts`, { amountFen: 'all' });
  const web = await openPage(browser, base, { lang: 'en', token: adminToken });
  await web.goto('/admin/withdrawals');
  // The consoles leave the shoppers' bottom tabs out.
  await web.page.getByRole('button', { name: 'Approve', exact: true }).first().waitFor();
  expect(await web.page.locator('nav.bottom-nav').count()).toBe(0);
  await web.page.getByRole('button', { name: 'Approve', exact: true }).first().click();
  await web.page
    .getByRole('alertdialog')
    .getByRole('button', { name: /Approve|Confirm/ })
    .last()
    .click();
  await expect
    .poll(
      async () =>
        (await admin.get('/api/admin/withdrawals?limit=10')).items.find((x: { id: string }) => x.id === w.id)
          ?.status,
    )
    .toBe('approved');
  await web.screenshot('admin-withdrawal-approved');
  await web.goto('/admin/payouts');
  await web.page.getByRole('button', { name: 'Approve', exact: true }).first().click();
  await web.screenshot('admin-payout-dialog');
  const dialog = web.page.getByRole('alertdialog');
  const reference = dialog.getByRole('textbox');
  if ((await reference.count()) > 0) await reference.first().fill('BANK-1');
  await dialog
    .getByRole('button', { name: /Approve|Confirm/ })
    .last()
    .click();
  await expect
    .poll(
      async () =>
        (await admin.get('/api/admin/payouts?limit=10')).items.find((x: { id: string }) => x.id === p.id)
          ?.status,
    )
    .toBe('paid');
  await web.screenshot('admin-payout-paid');
  expect(web.consoleErrors).toEqual([]);
  await web.close();
});
