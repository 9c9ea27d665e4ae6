// A small shop on a test mall: an admin, a merchant with staff, a wine at 100 yuan (10,000 fen, cost
// 6,000) with a given stock, and buyers registered through the API.
import { expect } from 'vitest';
import { createMerchant, createProduct } from '../../src/catalog/index.js';
import { createStaff, login } from '../../src/members/index.js';
import { signGatewayNotification } from '../../src/payments/index.js';
import { GATEWAY_SECRET, type TestMall } from './mall.js';

export interface TestShop {
  adminToken: string;
  merchantId: string;
  staffToken: string;
  wineSku: string;
  caseSku: string;
}

let phoneCounter = 0;
/** A fresh, valid Chinese mobile number per call (unique in the run). */
export function nextPhone(): string {
  phoneCounter += 1;
  return `139${String(process.pid % 10_000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

export async function setUpShop(
  t: TestMall,
  options: { stock?: number; merchantId?: string } = {},
): Promise<TestShop> {
  const adminPhone = nextPhone();
  const staffPhone = nextPhone();
  const { merchantId, wineSku, caseSku } = await t.mall.write(async (tx) => {
    await createStaff(tx, {
      phone: adminPhone,
      password: 'admin-password',
      role: 'admin',
      displayName: 'Admin',
    });
    const merchant = await createMerchant(tx, {
      ...(options.merchantId ? { id: options.merchantId } : {}),
      name: '波尔多酒庄',
    });
    await createStaff(tx, {
      phone: staffPhone,
      password: 'staff-password',
      role: 'merchant',
      merchantId: merchant.id,
      displayName: 'Staff',
    });
    const product = await createProduct(tx, {
      merchantId: merchant.id,
      title: '经典干红 Classic Red',
      skus: [
        { name: '750ml x 1', priceFen: 10_000n, costFen: 6_000n, stock: options.stock ?? 1000 },
        { name: '750ml x 6', priceFen: 57_000n, costFen: 36_000n, stock: options.stock ?? 1000 },
      ],
    });
    return { merchantId: merchant.id, wineSku: product.skus[0]!.id, caseSku: product.skus[1]!.id };
  });
  const adminToken = (await login(t.mall, { identifier: adminPhone, password: 'admin-password' })).token;
  const staffToken = (await login(t.mall, { identifier: staffPhone, password: 'staff-password' })).token;
  return { adminToken, merchantId, staffToken, wineSku, caseSku };
}

export interface TestBuyer {
  id: string;
  token: string;
  referralCode: string;
}

export async function registerBuyer(t: TestMall, referralCode?: string): Promise<TestBuyer> {
  const response = await t.call('POST', '/api/auth/register', {
    body: { phone: nextPhone(), password: 'buyer-password', ...(referralCode ? { referralCode } : {}) },
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json();
  return { id: body.member.id, token: body.token, referralCode: body.member.referralCode };
}

let keyCounter = 0;
export const key = (): string => `k-${process.pid}-${++keyCounter}`;

/** Places an order for `quantity` bottles; returns the order id. */
export async function placeOrder(
  t: TestMall,
  buyer: TestBuyer,
  skuId: string,
  quantity = 1,
  extra: object = {},
): Promise<string> {
  const response = await t.call('POST', '/api/checkout', {
    token: buyer.token,
    key: key(),
    body: { items: [{ skuId, quantity }], address: '上海市黄浦区南京东路 1 号', ...extra },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().orders[0].id;
}

/** A signed gateway notification, as an external gateway would send it. */
export function gatewayNotify(
  t: TestMall,
  body: object,
  options: { secret?: string; timestamp?: number } = {},
) {
  const raw = JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(t.clock.now().getTime() / 1000);
  return t.app.inject({
    method: 'POST',
    url: '/api/payments/gateway/notify',
    headers: {
      'content-type': 'application/json',
      'x-tokenmall-timestamp': String(timestamp),
      'x-tokenmall-signature': signGatewayNotification(options.secret ?? GATEWAY_SECRET, timestamp, raw),
    },
    payload: raw,
  });
}

/** Pays through the gateway: starts the payment, then plays the gateway's notification. */
export async function payByGateway(t: TestMall, buyer: TestBuyer, orderId: string): Promise<void> {
  const started = await t.call('POST', `/api/orders/${orderId}/pay`, {
    token: buyer.token,
    key: key(),
    body: { method: 'gateway' },
  });
  expect(started.statusCode, started.body).toBe(201);
  const payment = started.json();
  const notified = await gatewayNotify(t, {
    notificationId: `n-${payment.id}`,
    paymentId: payment.id,
    status: 'succeeded',
    amountFen: payment.cashFen,
  });
  expect(notified.statusCode, notified.body).toBe(200);
}

/** Ships, delivers and confirms a paid order; returns the order view after confirmation. */
export async function shipDeliverConfirm(t: TestMall, shop: TestShop, buyer: TestBuyer, orderId: string) {
  const shipped = await t.call('POST', `/api/orders/${orderId}/ship`, {
    token: shop.staffToken,
    body: { carrier: 'SF Express', trackingNumber: `SF${orderId.slice(-8)}` },
  });
  expect(shipped.statusCode, shipped.body).toBe(200);
  const delivered = await t.call('POST', `/api/orders/${orderId}/deliver`, { token: shop.staffToken });
  expect(delivered.statusCode, delivered.body).toBe(200);
  const confirmed = await t.call('POST', `/api/orders/${orderId}/confirm`, {
    token: buyer.token,
    key: key(),
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return confirmed.json();
}
