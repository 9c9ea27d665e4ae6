// The API as a whole: OpenAPI from the routes' schemas, who may call what (route by route, from the
// OpenAPI document itself, so a new route is covered the day it is added), and no secret in the logs.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS, startTestMall, type TestMall } from '../support/mall.js';
import { key, placeOrder, registerBuyer, setUpShop, type TestShop } from '../support/shop.js';

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  secured: boolean;
}

/** Every documented operation, with `{id}`-style parameters filled with a placeholder id. */
function operations(spec: { paths: Record<string, Record<string, { security?: unknown[] }>> }): Operation[] {
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase() as Operation['method'],
      path: path.replace(/\{[^}]+\}/g, 'x1'),
      secured: operation.security !== undefined,
    })),
  );
}

describe.each(DIALECTS)('the API on %s', (dialect) => {
  let t: TestMall;
  let shop: TestShop;
  let spec: Parameters<typeof operations>[0];
  beforeAll(async () => {
    t = await startTestMall(dialect);
    shop = await setUpShop(t);
    const response = await t.call('GET', '/docs/json');
    expect(response.statusCode).toBe(200);
    spec = response.json();
  });
  afterAll(async () => t?.close());

  it('publishes OpenAPI 3 with every route and a page at /docs', async () => {
    expect((spec as unknown as { openapi: string }).openapi).toMatch(/^3\./);
    const documented = operations(spec);
    expect(documented.length).toBeGreaterThan(40);
    for (const path of [
      '/api/checkout',
      '/api/orders/{id}/pay',
      '/api/payments/gateway/notify',
      '/api/auth/login',
      '/api/products',
    ])
      expect(Object.keys(spec.paths)).toContain(path);
    expect((await t.call('GET', '/docs')).statusCode).toBeLessThan(400);
  });

  it('asks every secured route for a sign-in first (401), whatever the input', async () => {
    const secured = operations(spec).filter((o) => o.secured);
    expect(secured.length).toBeGreaterThan(25);
    for (const operation of secured) {
      const response = await t.call(operation.method, operation.path, { body: {} });
      expect({ route: `${operation.method} ${operation.path}`, status: response.statusCode }).toEqual({
        route: `${operation.method} ${operation.path}`,
        status: 401,
      });
      expect(response.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('keeps every admin route from consumers and merchant staff (403)', async () => {
    const buyer = await registerBuyer(t);
    const adminRoutes = operations(spec).filter((o) => o.path.startsWith('/api/admin/'));
    expect(adminRoutes.length).toBeGreaterThan(6);
    for (const token of [buyer.token, shop.staffToken]) {
      for (const operation of adminRoutes) {
        const response = await t.call(operation.method, operation.path, { token, body: {} });
        expect({ route: `${operation.method} ${operation.path}`, status: response.statusCode }).toEqual({
          route: `${operation.method} ${operation.path}`,
          status: 403,
        });
      }
    }
  });

  it("keeps a member's orders, payments and cart from other members and from other merchants' staff", async () => {
    const owner = await registerBuyer(t);
    const other = await registerBuyer(t);
    const otherShop = await setUpShop(t);
    const orderId = await placeOrder(t, owner, shop.wineSku);
    const attempts = [
      await t.call('GET', `/api/orders/${orderId}`, { token: other.token }),
      await t.call('GET', `/api/orders/${orderId}/payments`, { token: other.token }),
      await t.call('POST', `/api/orders/${orderId}/pay`, {
        token: other.token,
        key: key(),
        body: { method: 'manual' },
      }),
      await t.call('POST', `/api/orders/${orderId}/cancel`, { token: other.token }),
      await t.call('POST', `/api/orders/${orderId}/confirm`, { token: other.token, key: key() }),
      await t.call('GET', `/api/orders/${orderId}`, { token: otherShop.staffToken }),
      await t.call('POST', `/api/orders/${orderId}/ship`, {
        token: otherShop.staffToken,
        body: { carrier: 'X', trackingNumber: '1' },
      }),
    ];
    for (const response of attempts) expect([403, 404]).toContain(response.statusCode);
    expect(
      (await t.call('GET', `/api/merchants/${shop.merchantId}/orders`, { token: otherShop.staffToken }))
        .statusCode,
    ).toBe(403);
    const otherCart = (await t.call('GET', '/api/cart', { token: other.token })).json();
    expect(otherCart.merchants).toEqual([]);
    // There is no route that moves points or money between members.
    const paths = Object.keys(spec.paths).join(' ');
    expect(paths).not.toMatch(/transfer|gift|send/);
  });
});

describe('logs', () => {
  it('never carry passwords, tokens or signatures', async () => {
    const t = await startTestMall('sqlite');
    const stream = new PassThrough();
    let logs = '';
    stream.on('data', (chunk: Buffer) => void (logs += chunk.toString('utf8')));
    const app = await buildApp(t.mall, { logStream: stream });
    const password = 'a-very-secret-password';
    const registered = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { phone: '13912345678', password },
    });
    const { token } = registered.json();
    await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier: '13912345678', password: 'wrong-password!' },
    });
    await app.close();
    await t.close();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(password);
    expect(logs).not.toContain('wrong-password!');
    expect(logs).not.toContain(token);
  });
});
