// Economy parameters and the what-if simulation over HTTP on both databases: read, change (merged,
// validated, journaled, idempotent), refusals, who may, the next order under the new version, the
// history; what-if series that are deterministic, write nothing, and differ under proposed parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, snapshotState } from '../../src/economy/index.js';
import { journal } from '../../src/mall/mall.js';
import { DIALECTS, startTestMall, type TestMall } from '../support/mall.js';
import {
  key,
  payByGateway,
  placeOrder,
  registerBuyer,
  setUpShop,
  shipDeliverConfirm,
  type TestBuyer,
  type TestShop,
} from '../support/shop.js';

const DEFAULTS = {
  issuePrice: '100',
  reserveRate: '3000',
  awardRate: '7000',
  referralRate: '1000',
  sellFeeRate: '1000',
  convertFeeRate: '0',
  quotaMultiplier: '20000',
  dividendRate: '3000',
  supplyCap: '100000000000000',
  exitEnabled: true,
};

const WORKLOAD = {
  ordersPerDay: 40,
  orderFen: '10000',
  profitBp: 4000,
  stableShareBp: 1000,
  sellRateBp: 300,
  convertRateBp: 200,
  newMembersPerDay: 3,
  referralShareBp: 5000,
  days: 30,
};

describe.each(DIALECTS)('economy parameters and what-if on %s', (dialect) => {
  let t: TestMall;
  let shop: TestShop;
  let buyer: TestBuyer;
  const completeOrder = async (): Promise<bigint> => {
    const orderId = await placeOrder(t, buyer, shop.wineSku);
    await payByGateway(t, buyer, orderId);
    return BigInt((await shipDeliverConfirm(t, shop, buyer, orderId)).journalSeq);
  };
  const admin = (
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    options: { key?: string; body?: unknown } = {},
  ) => t.call(method, path, { token: shop.adminToken, ...options });

  beforeAll(async () => {
    t = await startTestMall(dialect);
    shop = await setUpShop(t);
    buyer = await registerBuyer(t);
    await completeOrder();
  });
  afterAll(async () => t?.closeVerified());

  it('shows the ten parameters and their version to admins only', async () => {
    const response = await admin('GET', '/api/admin/economy/params');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ version: '1', params: DEFAULTS });
    for (const path of ['/api/admin/economy/params', '/api/admin/economy/params/history']) {
      expect((await t.call('GET', path)).statusCode).toBe(401);
      for (const token of [buyer.token, shop.staffToken])
        expect((await t.call('GET', path, { token })).statusCode).toBe(403);
    }
    for (const token of [buyer.token, shop.staffToken]) {
      const put = await t.call('PUT', '/api/admin/economy/params', {
        token,
        key: key(),
        body: { sellFeeRate: '2000' },
      });
      expect(put.statusCode).toBe(403);
      const whatIf = await t.call('POST', '/api/admin/economy/what-if', {
        token,
        body: { workload: WORKLOAD },
      });
      expect(whatIf.statusCode).toBe(403);
    }
  });

  it('refuses bad changes as a whole: CAP_BELOW_MINTED, INVALID_PARAMS, unknown names, no key', async () => {
    const minted = t.mall.ledger.state.economy.minted;
    const cap = await admin('PUT', '/api/admin/economy/params', { key: key(), body: { supplyCap: '1' } });
    expect(cap.statusCode, cap.body).toBe(422);
    expect(cap.json()).toMatchObject({
      code: 'CAP_BELOW_MINTED',
      details: { mintedMicro: minted.toString() },
    });
    for (const body of [
      { awardRate: 9500 },
      { sellFeeRate: '10001' },
      { reserveRate: '-1' },
      { issuePrice: 0 },
      { dividendRate: '3000', quotaMultiplier: '-5' },
    ]) {
      const response = await admin('PUT', '/api/admin/economy/params', { key: key(), body });
      expect({ body, status: response.statusCode }).toEqual({ body, status: 422 });
      expect(response.json().code).toBe('INVALID_PARAMS');
    }
    for (const body of [{ bogus: 1 }, {}, { exitEnabled: 'no' }]) {
      const response = await admin('PUT', '/api/admin/economy/params', { key: key(), body });
      expect({ body, status: response.statusCode }).toEqual({ body, status: 400 });
    }
    const noKey = await admin('PUT', '/api/admin/economy/params', { body: { sellFeeRate: '2000' } });
    expect(noKey.statusCode).toBe(400);
    expect((await admin('GET', '/api/admin/economy/params')).json().version).toBe('1');
  });

  it('changes parameters once per key; the next order runs under the new version', async () => {
    const k = key();
    const body = { reserveRate: 4000, sellFeeRate: '2000' };
    const changed = await admin('PUT', '/api/admin/economy/params', { key: k, body });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({
      version: '2',
      params: { ...DEFAULTS, reserveRate: '4000', sellFeeRate: '2000' },
      journalSeq: expect.stringMatching(/^[0-9]+$/),
    });
    const retry = await admin('PUT', '/api/admin/economy/params', { key: k, body });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(changed.json());
    const conflict = await admin('PUT', '/api/admin/economy/params', {
      key: k,
      body: { sellFeeRate: '3000' },
    });
    expect(conflict.statusCode).toBe(409);
    expect((await admin('GET', '/api/admin/economy/params')).json()).toEqual({
      version: '2',
      params: changed.json().params,
    });

    const reserveBefore = t.mall.ledger.state.economy.reserve;
    const seq = await completeOrder();
    expect(t.mall.ledger.state.economy.reserve - reserveBefore).toBe(4000n);
    const entry = await t.mall.read
      .selectFrom('journal')
      .select('command')
      .where('seq', '=', Number(seq))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.command)).toMatchObject({ type: 'order', paramsVersion: '2' });

    // A change made outside the API (as `tokenmall apply` would, with its own key) has its time too.
    const applied = await t.mall.write((tx) =>
      journal(tx, `ops-change-${key()}`, {
        type: 'params',
        params: { ...tx.context.economy.params, dividendRate: DEFAULT_PARAMS.dividendRate + 1000n },
      }),
    );
    const history = await admin('GET', '/api/admin/economy/params/history');
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().items).toEqual([
      {
        version: '3',
        params: { ...changed.json().params, dividendRate: '4000' },
        journalSeq: applied.toString(),
        time: expect.any(String),
        key: expect.stringMatching(/^ops-change-/),
      },
      {
        version: '2',
        params: changed.json().params,
        journalSeq: changed.json().journalSeq,
        time: expect.any(String),
        key: expect.stringMatching(/^params:/),
      },
      { version: '1', params: DEFAULTS, journalSeq: null, time: null, key: null },
    ]);
  });

  it('simulates a workload on a copy: the series per day, deterministic, nothing written', async () => {
    const before = t.mall.ledger.state.head;
    const stateBefore = JSON.stringify(snapshotState(t.mall.ledger.state.economy));
    const rows = async () =>
      Number(
        (
          await t.mall.read
            .selectFrom('journal')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rowsBefore = await rows();
    const first = await admin('POST', '/api/admin/economy/what-if', { body: { workload: WORKLOAD } });
    expect(first.statusCode, first.body).toBe(200);
    const result = first.json();
    expect(result.proposed).toBe(false);
    expect(result.paramsVersion).toBe(t.mall.ledger.state.economy.paramsVersion.toString());
    expect(result.series).toHaveLength(30);
    expect(result.series.map((d: { day: number }) => d.day)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(result.totals).toMatchObject({
      orders: 1200,
      ordersFen: '12000000',
      rejected: 0,
      syntheticMembers: 130,
    });
    expect(BigInt(result.totals.dividendsPaidFen)).toBeGreaterThan(0n);
    // SPEC.md: the price never falls; the exact num/den agrees with the display.
    let last = 0n;
    for (const day of result.series) {
      const scaled = (BigInt(day.priceFenPerPointNum) * 1_000_000n) / BigInt(day.priceFenPerPointDen);
      expect(scaled).toBeGreaterThanOrEqual(last);
      last = scaled;
      expect(day).toEqual({
        day: expect.any(Number),
        priceYuanPerPoint: expect.stringMatching(/^[0-9]+\.[0-9]{4}$/),
        priceFenPerPointNum: expect.stringMatching(/^[0-9]+$/),
        priceFenPerPointDen: expect.stringMatching(/^[0-9]+$/),
        reserveFen: expect.stringMatching(/^[0-9]+$/),
        supplyMicro: expect.stringMatching(/^[0-9]+$/),
        outstandingQuotaFen: expect.stringMatching(/^[0-9]+$/),
        outstandingStable: expect.stringMatching(/^[0-9]+$/),
        dividendsPaidFen: expect.stringMatching(/^[0-9]+$/),
        exits: expect.any(Number),
      });
    }
    const again = await admin('POST', '/api/admin/economy/what-if', { body: { workload: WORKLOAD } });
    expect(again.json()).toEqual(result);
    expect(t.mall.ledger.state.head).toEqual(before);
    expect(JSON.stringify(snapshotState(t.mall.ledger.state.economy))).toBe(stateBefore);
    expect(await rows()).toBe(rowsBefore);
  });

  it('simulates proposed parameters without adopting them, and bounds the work', async () => {
    const version = (await admin('GET', '/api/admin/economy/params')).json();
    const current = (
      await admin('POST', '/api/admin/economy/what-if', { body: { workload: WORKLOAD } })
    ).json();
    const proposed = await admin('POST', '/api/admin/economy/what-if', {
      body: { params: { dividendRate: '6000', sellFeeRate: 500 }, workload: WORKLOAD },
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const body = proposed.json();
    expect(body.proposed).toBe(true);
    expect(body.params).toMatchObject({ dividendRate: '6000', sellFeeRate: '500' });
    expect(body.paramsVersion).toBe(String(Number(version.version) + 1));
    expect(body.series).toHaveLength(30);
    expect(body.series).not.toEqual(current.series);
    expect(BigInt(body.totals.dividendsPaidFen)).toBeGreaterThan(BigInt(current.totals.dividendsPaidFen));
    expect((await admin('GET', '/api/admin/economy/params')).json()).toEqual(version);

    const invalid = await admin('POST', '/api/admin/economy/what-if', {
      body: { params: { awardRate: '10001' }, workload: WORKLOAD },
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().code).toBe('INVALID_PARAMS');
    const cap = await admin('POST', '/api/admin/economy/what-if', {
      body: { params: { supplyCap: '0' }, workload: WORKLOAD },
    });
    expect(cap.json().code).toBe('CAP_BELOW_MINTED');
    const tooLarge = await admin('POST', '/api/admin/economy/what-if', {
      body: { workload: { ...WORKLOAD, ordersPerDay: 100_000, days: 30 } },
    });
    expect(tooLarge.statusCode, tooLarge.body).toBe(422);
    expect(tooLarge.json()).toMatchObject({ code: 'WHAT_IF_TOO_LARGE', details: { orders: '3000000' } });
    const tooLong = await admin('POST', '/api/admin/economy/what-if', {
      body: { workload: { ...WORKLOAD, days: 366 } },
    });
    expect(tooLong.statusCode).toBe(400);
  });
});
