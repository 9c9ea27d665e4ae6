// The catalog over HTTP on both databases: the demo wine shop, listing (search, filters, sorts, cursor
// pages), product detail, who may edit what, admin-only routes, error shapes and stock that never goes
// below zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoShop } from '../../src/demo/seed.js';
import { login, registerMember } from '../../src/members/index.js';
import { DIALECTS, startTestMall, type TestMall } from '../support/mall.js';

interface ProductJson {
  id: string;
  merchantId: string;
  categoryId: string | null;
  title: string;
  status: string;
  priceFen: string;
  skus: { id: string; name: string; priceFen: string; costFen?: string; stock: number }[];
}

interface PageJson {
  items: ProductJson[];
  nextCursor: string | null;
  total: number;
}

for (const dialect of DIALECTS) {
  describe(`catalog over HTTP (${dialect})`, () => {
    let t: TestMall;
    let adminToken: string;
    let bordeauxToken: string;
    let consumerToken: string;

    beforeAll(async () => {
      t = await startTestMall(dialect);
      const accounts = await seedDemoShop(t.mall);
      if (accounts === undefined) throw new Error('the demo shop was not seeded on an empty store');
      adminToken = (
        await login(t.mall, { identifier: accounts.adminPhone, password: accounts.adminPassword })
      ).token;
      const bordeaux = accounts.staff.find((s) => s.merchantId === 'bordeaux-cellars')!;
      bordeauxToken = (await login(t.mall, { identifier: bordeaux.phone, password: bordeaux.password }))
        .token;
      consumerToken = (await registerMember(t.mall, { phone: '13912345678', password: 'consumer-password' }))
        .token;
    });
    afterAll(async () => t?.close());

    const get = async (path: string, token?: string) => {
      const response = await t.call('GET', path, token === undefined ? {} : { token });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const page = (query: string): Promise<PageJson> => get(`/api/products?${query}`);

    /** Every product of a listing, page by page, following nextCursor. */
    async function walk(query: string): Promise<ProductJson[]> {
      const items: ProductJson[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const body: PageJson = await page(`${query}${cursor === null ? '' : `&cursor=${cursor}`}`);
        items.push(...body.items);
        cursor = body.nextCursor;
        if (cursor === null) return items;
      }
      throw new Error('too many pages');
    }

    it('seeds the demo wine shop once, with the merchants as economy accounts', async () => {
      expect(await seedDemoShop(t.mall)).toBeUndefined();
      const merchants = await get('/api/merchants');
      expect(merchants.items.map((m: { id: string }) => m.id)).toEqual([
        'bordeaux-cellars',
        'burgundy-cellar',
        'new-world-wines',
      ]);
      for (const merchant of merchants.items)
        expect(t.mall.ledger.state.economy.accounts.get(merchant.id)?.kind).toBe('merchant');
      const categories = await get('/api/categories');
      expect(categories.items.map((c: { id: string }) => c.id)).toEqual([
        'red',
        'white',
        'sparkling',
        'gift',
      ]);
      expect(categories.items[0]).toEqual({ id: 'red', name: '红葡萄酒', nameEn: 'Red wine', sort: 10 });
      const classic = (await page('q=Classic Red')).items;
      expect(classic).toHaveLength(1);
      expect(classic[0]!.skus.map((s) => [s.name, s.priceFen])).toEqual([
        ['750ml x 1', '10000'],
        ['750ml x 6', '57000'],
      ]);
      expect(classic[0]!.skus[0]!.costFen).toBeUndefined();
    });

    it('documents every catalog route in OpenAPI', async () => {
      const paths = (await get('/docs/json')).paths as Record<string, Record<string, { tags?: string[] }>>;
      for (const path of [
        '/api/products',
        '/api/products/{id}',
        '/api/skus/{id}/stock',
        '/api/admin/merchants',
      ])
        expect(Object.values(paths[path] ?? {})[0]?.tags, path).toEqual(['catalog']);
    });

    it('walks every page of each sort once, in order', async () => {
      const all = await page('limit=100');
      expect(all.total).toBe(12);
      expect(all.items).toHaveLength(12);
      expect(all.nextCursor).toBeNull();
      for (const sort of ['new', 'price_asc', 'price_desc']) {
        const walked = await walk(`sort=${sort}&limit=5`);
        expect(new Set(walked.map((p) => p.id)).size).toBe(12);
        const prices = walked.map((p) => BigInt(p.priceFen));
        if (sort === 'price_asc')
          expect(prices).toEqual([...prices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        if (sort === 'price_desc')
          expect(prices).toEqual([...prices].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
      }
      const first = await page('sort=price_asc&limit=5');
      expect(first.total).toBe(12);
      expect(first.items[0]!.priceFen).toBe('9800');
      const wrongSort = await t.call('GET', `/api/products?sort=new&cursor=${first.nextCursor}`);
      expect(wrongSort.statusCode).toBe(400);
    });

    it('searches titles and descriptions without case, and filters by category, merchant and price', async () => {
      expect((await page('q=PROSECCO')).items.map((p) => p.title)).toEqual(['普罗塞克起泡酒 Prosecco 750ml']);
      expect((await page(`q=${encodeURIComponent('霞多丽')}`)).total).toBe(2);
      expect((await page(`q=${encodeURIComponent('%')}`)).total).toBe(0);
      expect((await page(`q=${encodeURIComponent('_')}`)).total).toBe(0);
      const sparkling = await page('categoryId=sparkling');
      expect(sparkling.total).toBe(2);
      expect(sparkling.items.every((p) => p.categoryId === 'sparkling')).toBe(true);
      expect((await page('merchantId=burgundy-cellar')).total).toBe(4);
      const mid = await page('minPriceFen=20000&maxPriceFen=30000&sort=price_asc');
      expect(mid.items.map((p) => p.priceFen)).toEqual(['22800', '26800', '29800']);
      expect((await page('categoryId=red&merchantId=new-world-wines')).total).toBe(2);
    });

    it('shows a product with its SKUs; costs only to its staff and admins', async () => {
      const [wine] = (await page('q=Classic Red')).items;
      const publicView = await get(`/api/products/${wine!.id}`);
      expect(publicView.skus).toHaveLength(2);
      expect(publicView.skus[0].costFen).toBeUndefined();
      expect(publicView.skus[0].stock).toBeGreaterThanOrEqual(100);
      const staffView = await get(`/api/products/${wine!.id}`, bordeauxToken);
      expect(staffView.skus[0].costFen).toBe('6000');
      expect((await get(`/api/products/${wine!.id}`, adminToken)).skus[0].costFen).toBe('6000');
      const missing = await t.call('GET', '/api/products/pd-nope');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({
        code: 'NOT_FOUND',
        message: expect.any(String),
        details: { product: 'pd-nope' },
      });
    });

    it('lets merchant staff edit their own products and nobody else’s', async () => {
      const ownId = (await page('q=Left Bank')).items[0]!.id;
      const otherId = (await page('merchantId=burgundy-cellar&limit=1')).items[0]!.id;
      const patch = (id: string, body: object, token?: string) =>
        t.call('PATCH', `/api/products/${id}`, { body, ...(token === undefined ? {} : { token }) });
      expect((await patch(ownId, { title: '新标题 New Title' }, bordeauxToken)).json().title).toBe(
        '新标题 New Title',
      );
      expect((await patch(otherId, { title: 'x' }, bordeauxToken)).statusCode).toBe(403);
      expect((await patch(otherId, { title: 'x' }, consumerToken)).statusCode).toBe(403);
      expect((await patch(otherId, { title: 'x' })).statusCode).toBe(401);
      expect((await patch('pd-nope', { title: 'x' }, bordeauxToken)).statusCode).toBe(404);
      expect((await patch(otherId, { categoryId: 'white' }, adminToken)).json().categoryId).toBe('white');

      // A hidden product leaves the public listing; its staff still see it, with costs.
      expect((await patch(ownId, { status: 'hidden' }, bordeauxToken)).statusCode).toBe(200);
      expect((await page('limit=100')).total).toBe(11);
      expect((await t.call('GET', `/api/products/${ownId}`)).statusCode).toBe(404);
      expect((await t.call('GET', `/api/products/${ownId}`, { token: consumerToken })).statusCode).toBe(404);
      const own = await get('/api/merchants/bordeaux-cellars/products?limit=100', bordeauxToken);
      expect(own.total).toBe(4);
      expect(own.items.find((p: ProductJson) => p.id === ownId).status).toBe('hidden');
      expect(own.items[0].skus[0].costFen).toMatch(/^[0-9]+$/);
      const foreign = await t.call('GET', '/api/merchants/burgundy-cellar/products', {
        token: bordeauxToken,
      });
      expect(foreign.statusCode).toBe(403);
      expect((await t.call('GET', '/api/merchants/nope/products', { token: adminToken })).statusCode).toBe(
        404,
      );
      expect((await patch(ownId, { status: 'active' }, bordeauxToken)).statusCode).toBe(200);
    });

    it('adds products and SKUs for the own merchant only, and checks prices', async () => {
      const body = {
        title: '测试干红 Test Red',
        categoryId: 'red',
        imageUrls: ['https://example.com/red.png', '/images/wine-1.svg'],
        skus: [{ name: '750ml x 1', priceFen: '8800', costFen: '5000', stock: 10 }],
      };
      const created = await t.call('POST', '/api/merchants/bordeaux-cellars/products', {
        token: bordeauxToken,
        body,
      });
      expect(created.statusCode, created.body).toBe(201);
      const product: ProductJson = created.json();
      expect(product.skus[0]).toMatchObject({ priceFen: '8800', costFen: '5000', stock: 10 });
      const foreign = await t.call('POST', '/api/merchants/burgundy-cellar/products', {
        token: bordeauxToken,
        body,
      });
      expect(foreign.statusCode).toBe(403);
      const noMerchant = await t.call('POST', '/api/merchants/nope/products', { token: adminToken, body });
      expect(noMerchant.statusCode).toBe(404);
      const noCategory = await t.call('POST', '/api/merchants/bordeaux-cellars/products', {
        token: bordeauxToken,
        body: { ...body, categoryId: 'nope' },
      });
      expect(noCategory.json()).toMatchObject({ code: 'NOT_FOUND', details: { category: 'nope' } });

      const sku = await t.call('POST', `/api/products/${product.id}/skus`, {
        token: bordeauxToken,
        body: { name: '750ml x 6', priceFen: '48000', costFen: '30000', stock: 5 },
      });
      expect(sku.statusCode, sku.body).toBe(201);
      const skuId: string = sku.json().id;
      const repriced = await t.call('PATCH', `/api/skus/${skuId}`, {
        token: bordeauxToken,
        body: { priceFen: '45000' },
      });
      expect(repriced.json()).toMatchObject({ priceFen: '45000', costFen: '30000' });
      const loss = await t.call('PATCH', `/api/skus/${skuId}`, {
        token: bordeauxToken,
        body: { costFen: '45001' },
      });
      expect(loss.statusCode).toBe(400);
      expect(loss.json()).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'costFen' } });
      const otherSku = (await page('merchantId=burgundy-cellar&limit=1')).items[0]!.skus[0]!.id;
      expect(
        (await t.call('PATCH', `/api/skus/${otherSku}`, { token: bordeauxToken, body: { name: 'x' } }))
          .statusCode,
      ).toBe(403);
      expect(
        (await t.call('PATCH', '/api/skus/sk-nope', { token: bordeauxToken, body: { name: 'x' } }))
          .statusCode,
      ).toBe(404);
    });

    it('answers bad input with 400 BAD_REQUEST and details', async () => {
      const post = (body: object) =>
        t.call('POST', '/api/merchants/bordeaux-cellars/products', { token: bordeauxToken, body });
      const sku = { name: '750ml x 1', priceFen: '100', costFen: '50', stock: 1 };
      for (const body of [
        { title: 'x', skus: [{ ...sku, priceFen: '12.5' }] },
        { title: 'x', skus: [{ ...sku, priceFen: 100 }] },
        { title: 'x', skus: [{ ...sku, priceFen: '1234567890123456' }] },
        { title: 'x', skus: [] },
        { title: '', skus: [sku] },
        { title: 'x', skus: [sku], extra: true },
      ]) {
        const response = await post(body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.json()).toMatchObject({ code: 'BAD_REQUEST', message: expect.any(String) });
        expect(response.json().details.errors.length).toBeGreaterThan(0);
      }
      const script = await post({ title: 'x', imageUrls: ['javascript:alert(1)'], skus: [sku] });
      expect(script.json()).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'imageUrls/0' } });
      const zero = await post({ title: 'x', skus: [{ ...sku, priceFen: '0', costFen: '0' }] });
      expect(zero.json()).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'priceFen' } });
      for (const query of [
        'limit=0',
        'limit=101',
        'limit=abc',
        'sort=cheap',
        'cursor=bm9wZQ',
        'color=red',
        'minPriceFen=-1',
      ])
        expect((await t.call('GET', `/api/products?${query}`)).statusCode, query).toBe(400);
    });

    it('keeps the admin routes to admins', async () => {
      const category = { id: 'rose', name: '桃红葡萄酒', nameEn: 'Rosé', sort: 25 };
      expect((await t.call('POST', '/api/admin/categories', { body: category })).statusCode).toBe(401);
      expect(
        (await t.call('POST', '/api/admin/categories', { token: consumerToken, body: category })).statusCode,
      ).toBe(403);
      expect(
        (await t.call('POST', '/api/admin/categories', { token: bordeauxToken, body: category })).statusCode,
      ).toBe(403);
      const created = await t.call('POST', '/api/admin/categories', { token: adminToken, body: category });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toEqual(category);
      const again = await t.call('POST', '/api/admin/categories', { token: adminToken, body: category });
      expect(again.json()).toMatchObject({ code: 'CATEGORY_EXISTS' });
      expect(again.statusCode).toBe(409);
      const renamed = await t.call('PATCH', '/api/admin/categories/rose', {
        token: adminToken,
        body: { sort: 5 },
      });
      expect(renamed.json()).toEqual({ ...category, sort: 5 });
      expect((await get('/api/categories')).items[0].id).toBe('rose');
      expect(
        (await t.call('PATCH', '/api/admin/categories/nope', { token: adminToken, body: { sort: 1 } }))
          .statusCode,
      ).toBe(404);
      expect(
        (await t.call('DELETE', '/api/admin/categories/rose', { token: bordeauxToken })).statusCode,
      ).toBe(403);
      expect((await t.call('DELETE', '/api/admin/categories/rose', { token: adminToken })).statusCode).toBe(
        204,
      );

      const merchant = { id: 'champagne-house', name: '香槟之家 Champagne House' };
      expect(
        (await t.call('POST', '/api/admin/merchants', { token: bordeauxToken, body: merchant })).statusCode,
      ).toBe(403);
      const made = await t.call('POST', '/api/admin/merchants', { token: adminToken, body: merchant });
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json()).toMatchObject({ ...merchant, description: '' });
      expect(t.mall.ledger.state.economy.accounts.get('champagne-house')?.kind).toBe('merchant');
      expect((await get('/api/merchants/champagne-house')).name).toBe(merchant.name);
      const taken = await t.call('POST', '/api/admin/merchants', { token: adminToken, body: merchant });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe('ACCOUNT_EXISTS');
      const reserved = await t.call('POST', '/api/admin/merchants', {
        token: adminToken,
        body: { id: 'world', name: 'x' },
      });
      expect(reserved.statusCode).toBe(400);
      const generated = await t.call('POST', '/api/admin/merchants', {
        token: adminToken,
        body: { name: '新商户' },
      });
      expect(generated.statusCode).toBe(201);
      expect(t.mall.ledger.state.economy.accounts.get(generated.json().id)?.kind).toBe('merchant');
      expect((await t.call('GET', '/api/merchants/nope')).statusCode).toBe(404);
    });

    it('never lets stock go below zero, even under concurrent takes', async () => {
      const skuId = (await page('q=Classic Red')).items[0]!.skus[0]!.id;
      const stock = (body: object, token = bordeauxToken) =>
        t.call('POST', `/api/skus/${skuId}/stock`, { token, body });
      expect((await stock({ set: 5 })).json().stock).toBe(5);
      expect((await stock({ delta: -3 })).json().stock).toBe(2);
      const short = await stock({ delta: -3 });
      expect(short.statusCode).toBe(409);
      expect(short.json()).toMatchObject({ code: 'OUT_OF_STOCK', details: { stock: 2 } });
      expect((await stock({ delta: 8 })).json().stock).toBe(10);
      const takes = await Promise.all(Array.from({ length: 16 }, () => stock({ delta: -1 })));
      expect(takes.filter((r) => r.statusCode === 200)).toHaveLength(10);
      expect(takes.filter((r) => r.statusCode === 409)).toHaveLength(6);
      expect((await get(`/api/products/${(await page('q=Classic Red')).items[0]!.id}`)).skus[0].stock).toBe(
        0,
      );
      expect((await stock({ set: -1 })).statusCode).toBe(400);
      expect((await stock({ delta: 1, set: 1 })).statusCode).toBe(400);
      const otherSku = (await page('merchantId=burgundy-cellar&limit=1')).items[0]!.skus[0]!.id;
      expect(
        (await t.call('POST', `/api/skus/${otherSku}/stock`, { token: bordeauxToken, body: { set: 1 } }))
          .statusCode,
      ).toBe(403);
      expect((await stock({ set: 1 }, consumerToken)).statusCode).toBe(403);
    });
  });
}
