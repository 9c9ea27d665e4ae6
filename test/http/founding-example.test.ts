// SPEC.md's founding example, played through the HTTP API on both databases: 100 consumers register,
// buy the 100-yuan wine, pay through the gateway, receive it and confirm; the price then reads 5.1731.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../src/ledger/index.js';
import { DIALECTS, startTestMall, type TestMall } from '../support/mall.js';
import {
  payByGateway,
  placeOrder,
  registerBuyer,
  setUpShop,
  shipDeliverConfirm,
  type TestShop,
} from '../support/shop.js';

const BUYERS = 100;

describe.each(DIALECTS)('the founding example over HTTP on %s', (dialect) => {
  let t: TestMall;
  let shop: TestShop;
  beforeAll(async () => {
    t = await startTestMall(dialect);
    shop = await setUpShop(t);
  });
  afterAll(async () => t?.close());

  it('ends at 5.1731 yuan per point after 100 buyers', async () => {
    const prices: string[] = [];
    // Ten at a time: the order of completions is the order of the journal, as in the example.
    for (let start = 0; start < BUYERS; start += 10) {
      const buyers = await Promise.all(Array.from({ length: 10 }, () => registerBuyer(t)));
      const orders = await Promise.all(buyers.map((b) => placeOrder(t, b, shop.wineSku)));
      await Promise.all(buyers.map((b, i) => payByGateway(t, b, orders[i]!)));
      for (let i = 0; i < buyers.length; i++) {
        await shipDeliverConfirm(t, shop, buyers[i]!, orders[i]!);
        prices.push((await t.call('GET', '/api/economy')).json().priceYuanPerPoint);
      }
    }
    expect(prices.slice(0, 4)).toEqual(['1.4286', '1.6807', '1.8674', '2.0188']);
    expect(prices.at(-1)).toBe('5.1731');
    const economy = (await t.call('GET', '/api/economy')).json();
    expect(economy.priceYuanPerPoint).toBe('5.1731');
    expect(economy.reserveFen).toBe('300000');
    const result = await verifyJournal(t.mall.ledger.store);
    expect(result).toMatchObject({ ok: true });
  });
});
