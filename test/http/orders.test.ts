// Orders over HTTP on both databases: the whole life of an order, every payment provider, refunds,
// cancels, the timed jobs, coupons, stock races, authorization and idempotency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueOrderJobs } from '../../src/orders/index.js';
import { balance, DIALECTS, startTestMall, type TestMall } from '../support/mall.js';
import {
  gatewayNotify,
  key,
  payByGateway,
  placeOrder,
  registerBuyer,
  setUpShop,
  shipDeliverConfirm,
  type TestShop,
} from '../support/shop.js';

describe.each(DIALECTS)('orders on %s', (dialect) => {
  let t: TestMall;
  let shop: TestShop;
  beforeAll(async () => {
    t = await startTestMall(dialect);
    shop = await setUpShop(t);
  });
  afterAll(async () => t.closeVerified());

  it('lives place -> pay (gateway) -> ship -> deliver -> confirm, and the economy applies once', async () => {
    const buyer = await registerBuyer(t);
    const orderId = await placeOrder(t, buyer, shop.wineSku);
    await payByGateway(t, buyer, orderId);
    expect(balance(t, `${buyer.id}:held`, 'fen')).toBe(10_000n);
    const reserveBefore = t.mall.ledger.state.economy.reserve;
    const order = await shipDeliverConfirm(t, shop, buyer, orderId);
    expect(order.status).toBe('completed');
    expect(order.journalSeq).not.toBeNull();
    expect(balance(t, `${buyer.id}:held`, 'fen')).toBe(0n);
    expect(t.mall.ledger.state.economy.reserve - reserveBefore).toBe(3_000n);
    expect(t.mall.ledger.state.economy.accounts.get(buyer.id)!.points > 0n).toBe(true);
    expect(order.shipment.carrier).toBe('SF Express');
    // Confirming again (a new key) finds it completed: no second application.
    const again = await t.call('POST', `/api/orders/${orderId}/confirm`, { token: buyer.token, key: key() });
    expect(again.statusCode).toBe(200);
    expect(t.mall.ledger.state.economy.reserve - reserveBefore).toBe(3_000n);
  });

  it('answers a retried checkout with its first response and refuses the key with another body', async () => {
    const buyer = await registerBuyer(t);
    const k = key();
    const body = { items: [{ skuId: shop.wineSku, quantity: 1 }], address: 'A' };
    const first = await t.call('POST', '/api/checkout', { token: buyer.token, key: k, body });
    const second = await t.call('POST', '/api/checkout', { token: buyer.token, key: k, body });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const orders = await t.call('GET', '/api/orders', { token: buyer.token });
    expect(orders.json().items).toHaveLength(1);
    const conflict = await t.call('POST', '/api/checkout', {
      token: buyer.token,
      key: k,
      body: { ...body, address: 'B' },
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().code).toBe('IDEMPOTENCY_CONFLICT');
    const missing = await t.call('POST', '/api/checkout', { token: buyer.token, body });
    expect(missing.statusCode).toBe(400);
  });

  it('pays by manual transfer once an admin confirms it', async () => {
    const buyer = await registerBuyer(t);
    const orderId = await placeOrder(t, buyer, shop.wineSku);
    const started = await t.call('POST', `/api/orders/${orderId}/pay`, {
      token: buyer.token,
      key: key(),
      body: { method: 'manual' },
    });
    expect(started.statusCode).toBe(201);
    const paymentId = started.json().id;
    const byBuyer = await t.call('POST', `/api/admin/payments/${paymentId}/confirm`, {
      token: buyer.token,
      key: key(),
    });
    expect(byBuyer.statusCode).toBe(403);
    const confirmed = await t.call('POST', `/api/admin/payments/${paymentId}/confirm`, {
      token: shop.adminToken,
      key: key(),
      body: { reference: 'bank 123' },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const order = (await t.call('GET', `/api/orders/${orderId}`, { token: buyer.token })).json();
    expect(order.status).toBe('paid');
    expect(order.paymentMethod).toBe('manual');
  });

  it('refuses a balance payment without cash, and pays one with cash from a refund-free sale', async () => {
    const buyer = await registerBuyer(t);
    const orderId = await placeOrder(t, buyer, shop.wineSku);
    const refused = await t.call('POST', `/api/orders/${orderId}/pay`, {
      token: buyer.token,
      key: key(),
      body: { method: 'balance' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('INSUFFICIENT_CASH');
    const order = (await t.call('GET', `/api/orders/${orderId}`, { token: buyer.token })).json();
    expect(order.status).toBe('pending_payment');
  });

  it('refunds a paid order: money back to the world, stock restored, no points', async () => {
    const buyer = await registerBuyer(t);
    const stockBefore = await stock(t, shop.wineSku);
    const orderId = await placeOrder(t, buyer, shop.wineSku, 2);
    await payByGateway(t, buyer, orderId);
    expect(balance(t, `${buyer.id}:held`, 'fen')).toBe(20_000n);
    const byBuyer = await t.call('POST', `/api/orders/${orderId}/refund`, { token: buyer.token, key: key() });
    expect(byBuyer.statusCode).toBe(403);
    const refunded = await t.call('POST', `/api/orders/${orderId}/refund`, {
      token: shop.staffToken,
      key: key(),
    });
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect(refunded.json().status).toBe('refunded');
    expect(balance(t, `${buyer.id}:held`, 'fen')).toBe(0n);
    expect(await stock(t, shop.wineSku)).toBe(stockBefore);
    expect(t.mall.ledger.state.economy.accounts.get(buyer.id)!.points).toBe(0n);
  });

  it('cancels unpaid orders by hand and when they time out, and completes delivered ones after N days', async () => {
    const buyer = await registerBuyer(t);
    const own = await setUpShop(t);
    const shopStock = () => stock(t, own.wineSku);
    const stockBefore = await shopStock();
    const manual = await placeOrder(t, buyer, own.wineSku);
    const cancelled = await t.call('POST', `/api/orders/${manual}/cancel`, { token: buyer.token });
    expect(cancelled.json().status).toBe('cancelled');
    const late = await placeOrder(t, buyer, own.wineSku);
    const delivered = await placeOrder(t, buyer, own.wineSku);
    await payByGateway(t, buyer, delivered);
    await t.call('POST', `/api/orders/${delivered}/ship`, {
      token: own.staffToken,
      body: { carrier: 'EMS', trackingNumber: 'E1' },
    });
    await t.call('POST', `/api/orders/${delivered}/tracking`, {
      token: own.staffToken,
      body: { status: 'delivered', description: '已签收' },
    });
    t.clock.advance(31 * 60_000);
    expect((await runDueOrderJobs(t.mall)).cancelled).toBeGreaterThanOrEqual(1);
    expect((await t.call('GET', `/api/orders/${late}`, { token: buyer.token })).json().status).toBe(
      'cancelled',
    );
    expect(await shopStock()).toBe(stockBefore - 1);
    t.clock.advance(7 * 86_400_000);
    expect((await runDueOrderJobs(t.mall)).completed).toBeGreaterThanOrEqual(1);
    const done = (await t.call('GET', `/api/orders/${delivered}`, { token: buyer.token })).json();
    expect(done.status).toBe('completed');
    expect(done.shipment.events.map((e: { status: string }) => e.status)).toEqual(['shipped', 'delivered']);
  });

  it('keeps orders and actions to their owners', async () => {
    const owner = await registerBuyer(t);
    const other = await registerBuyer(t);
    const orderId = await placeOrder(t, owner, shop.wineSku);
    expect((await t.call('GET', `/api/orders/${orderId}`, { token: other.token })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/orders/${orderId}`)).statusCode).toBe(401);
    const pay = await t.call('POST', `/api/orders/${orderId}/pay`, {
      token: other.token,
      key: key(),
      body: { method: 'gateway' },
    });
    expect(pay.statusCode).toBe(404);
    expect((await t.call('POST', `/api/orders/${orderId}/cancel`, { token: other.token })).statusCode).toBe(
      404,
    );
    await payByGateway(t, owner, orderId);
    const ship = await t.call('POST', `/api/orders/${orderId}/ship`, {
      token: owner.token,
      body: { carrier: 'X', trackingNumber: '1' },
    });
    expect(ship.statusCode).toBe(403);
    expect((await t.call('GET', '/api/admin/orders', { token: owner.token })).statusCode).toBe(403);
    expect(
      (await t.call('GET', `/api/merchants/${shop.merchantId}/orders`, { token: owner.token })).statusCode,
    ).toBe(403);
    const staffView = await t.call('GET', `/api/merchants/${shop.merchantId}/orders`, {
      token: shop.staffToken,
    });
    expect(staffView.statusCode).toBe(200);
  });

  it('never oversells: parallel checkouts for the last units', async () => {
    const lastUnits = await setUpShop(t, { stock: 5 });
    const buyers = await Promise.all(Array.from({ length: 20 }, () => registerBuyer(t)));
    const responses = await Promise.all(
      buyers.map((b) =>
        t.call('POST', '/api/checkout', {
          token: b.token,
          key: key(),
          body: { items: [{ skuId: lastUnits.wineSku, quantity: 1 }], address: 'A' },
        }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(15);
    expect(responses.find((r) => r.statusCode === 409)!.json().code).toBe('OUT_OF_STOCK');
    expect(await stock(t, lastUnits.wineSku)).toBe(0);
  });

  it('applies coupons with their minimum spend and per-user limit', async () => {
    const code = `WINE${dialect.toUpperCase()}`;
    const created = await t.call('POST', '/api/coupons', {
      token: shop.staffToken,
      body: {
        code,
        merchantId: shop.merchantId,
        kind: 'fixed',
        value: '1500',
        minSpendFen: '15000',
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2027-01-01T00:00:00Z',
        perUserLimit: 1,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const buyer = await registerBuyer(t);
    const tooSmall = await t.call('POST', '/api/checkout', {
      token: buyer.token,
      key: key(),
      body: { items: [{ skuId: shop.wineSku, quantity: 1 }], address: 'A', coupons: [code] },
    });
    expect(tooSmall.statusCode).toBe(422);
    expect(tooSmall.json().code).toBe('COUPON_NOT_APPLICABLE');
    const used = await t.call('POST', '/api/checkout', {
      token: buyer.token,
      key: key(),
      body: { items: [{ skuId: shop.wineSku, quantity: 2 }], address: 'A', coupons: [code] },
    });
    expect(used.statusCode, used.body).toBe(201);
    expect(used.json().orders[0]).toMatchObject({
      itemsFen: '20000',
      discountFen: '1500',
      totalFen: '18500',
    });
    const twice = await t.call('POST', '/api/checkout', {
      token: buyer.token,
      key: key(),
      body: { items: [{ skuId: shop.wineSku, quantity: 2 }], address: 'A', coupons: [code] },
    });
    expect(twice.json().code).toBe('COUPON_LIMIT_REACHED');
    const byConsumer = await t.call('POST', '/api/coupons', {
      token: buyer.token,
      body: {
        code: 'X1',
        kind: 'fixed',
        value: '1',
        minSpendFen: '0',
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2027-01-01T00:00:00Z',
        perUserLimit: 1,
      },
    });
    expect(byConsumer.statusCode).toBe(403);
  });

  it('takes a percent coupon of the platform off the largest order, floored to the fen', async () => {
    const code = `PCT${dialect.toUpperCase()}`;
    const body = {
      code,
      kind: 'percent',
      value: '1250',
      minSpendFen: '0',
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2027-01-01T00:00:00Z',
      perUserLimit: 5,
    };
    expect((await t.call('POST', '/api/coupons', { token: shop.staffToken, body })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/coupons', { token: shop.adminToken, body })).statusCode).toBe(201);
    const otherShop = await setUpShop(t);
    const buyer = await registerBuyer(t);
    const placed = await t.call('POST', '/api/checkout', {
      token: buyer.token,
      key: key(),
      body: {
        items: [
          { skuId: shop.caseSku, quantity: 1 },
          { skuId: otherShop.wineSku, quantity: 1 },
        ],
        address: 'A',
        coupons: [code],
      },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const orders = placed.json().orders as {
      merchantId: string;
      itemsFen: string;
      discountFen: string;
      totalFen: string;
    }[];
    expect(orders).toHaveLength(2);
    const caseOrder = orders.find((o) => o.merchantId === shop.merchantId)!;
    expect(caseOrder).toMatchObject({ itemsFen: '57000', discountFen: '7125', totalFen: '49875' });
    expect(orders.find((o) => o.merchantId === otherShop.merchantId)).toMatchObject({ discountFen: '0' });
  });

  it('checks gateway notifications: signature, time window, amount, replays', async () => {
    const buyer = await registerBuyer(t);
    const orderId = await placeOrder(t, buyer, shop.wineSku);
    const payment = (
      await t.call('POST', `/api/orders/${orderId}/pay`, {
        token: buyer.token,
        key: key(),
        body: { method: 'gateway' },
      })
    ).json();
    const body = {
      notificationId: `n-${orderId}`,
      paymentId: payment.id,
      status: 'succeeded',
      amountFen: '10000',
    };
    expect((await gatewayNotify(t, body, { secret: 'wrong' })).json().code).toBe('INVALID_SIGNATURE');
    const stale = await gatewayNotify(t, body, {
      timestamp: Math.floor(t.clock.now().getTime() / 1000) - 3600,
    });
    expect(stale.json().code).toBe('STALE_NOTIFICATION');
    expect((await gatewayNotify(t, { ...body, notificationId: 'x', amountFen: '1' })).json().code).toBe(
      'AMOUNT_MISMATCH',
    );
    const first = await gatewayNotify(t, body);
    expect(first.statusCode, first.body).toBe(200);
    const headBefore = t.mall.ledger.state.head.seq;
    const replay = await gatewayNotify(t, body);
    expect(replay.json()).toEqual(first.json());
    const another = await gatewayNotify(t, { ...body, notificationId: `n2-${orderId}` });
    expect(another.statusCode).toBe(200);
    expect(t.mall.ledger.state.head.seq).toBe(headBefore);
    expect(balance(t, `${buyer.id}:held`, 'fen')).toBe(10_000n);
  });

  it('answers bad input with 400 and the error shape, never a 500', async () => {
    const buyer = await registerBuyer(t);
    const cases = [
      await t.call('POST', '/api/checkout', {
        token: buyer.token,
        key: key(),
        body: { items: [{ skuId: shop.wineSku, quantity: -1 }], address: 'A' },
      }),
      await t.call('POST', '/api/checkout', {
        token: buyer.token,
        key: key(),
        body: { address: 'A', extra: 1 },
      }),
      await t.call('POST', '/api/checkout', {
        token: buyer.token,
        key: key(),
        headers: { 'content-type': 'application/json' },
        body: '{not json',
      }),
      await t.call('PUT', `/api/cart/items/${shop.wineSku}`, {
        token: buyer.token,
        body: { quantity: 'many' },
      }),
    ];
    for (const response of cases) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.any(String),
        details: expect.any(Object),
      });
    }
  });
});

async function stock(t: TestMall, skuId: string): Promise<number> {
  const row = await t.mall.read
    .selectFrom('skus')
    .select('stock')
    .where('id', '=', skuId)
    .executeTakeFirstOrThrow();
  return Number(row.stock);
}
