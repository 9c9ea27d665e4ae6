// The wallet over HTTP on both databases: points, price, value and quota; selling (fee and net),
// converting, paying with what was received, a merchant settling stable points; authorization,
// idempotency and the public transparency figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct } from '../../src/catalog/index.js';
import { expectError } from '../support/expect.js';
import { balance, DIALECTS, startTestMall, type TestMall } from '../support/mall.js';
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

describe.each(DIALECTS)('the wallet on %s', (dialect) => {
  let t: TestMall;
  let shop: TestShop;
  let buyer: TestBuyer;
  let cheapSku: string;
  beforeAll(async () => {
    t = await startTestMall(dialect);
    shop = await setUpShop(t);
    cheapSku = await t.mall.write(async (tx) => {
      const product = await createProduct(tx, {
        merchantId: shop.merchantId,
        title: '小瓶干红 Mini Red',
        skus: [{ name: '187ml', priceFen: 500n, costFen: 200n, stock: 100 }],
      });
      return product.skus[0]!.id;
    });
    buyer = await registerBuyer(t);
    const orderId = await placeOrder(t, buyer, shop.wineSku);
    await payByGateway(t, buyer, orderId);
    await shipDeliverConfirm(t, shop, buyer, orderId);
  });
  afterAll(async () => t.closeVerified());

  it('shows a buyer the points an order earned, their price, value and quota', async () => {
    const response = await t.call('GET', '/api/wallet', { token: buyer.token });
    expect(response.statusCode, response.body).toBe(200);
    const wallet = response.json();
    const economy = t.mall.ledger.state.economy;
    const account = economy.accounts.get(buyer.id)!;
    // The first order of the store: 3,000 fen to the reserve, 2,100 fen of award at 100 fen a point.
    expect(wallet).toMatchObject({
      accountId: buyer.id,
      kind: 'consumer',
      pointsMicro: '21000000',
      valueFen: '3000',
      quotaFen: '20000',
      stable: '0',
      cashFen: '0',
      heldFen: '0',
      heldStable: '0',
      status: 'active',
      // 21 points: above the default Member level (0), below Silver (100).
      level: { name: '普通会员', nameEn: 'Member', minPointsMicro: '0' },
      priceFenPerPointNum: (economy.reserve * 1_000_000n).toString(),
      priceFenPerPointDen: economy.supply.toString(),
    });
    expect(wallet.pointsMicro).toBe(account.points.toString());
    expect(wallet.priceYuanPerPoint).toBe('1.4286');
  });

  it('sells part of the points: fee and net stated, the cash balance grows, a retry changes nothing', async () => {
    const economy = t.mall.ledger.state.economy;
    const reserve = economy.reserve;
    const supply = economy.supply;
    const cashBefore = balance(t, `${buyer.id}:cash`, 'fen');
    const n = 10_500_000n;
    const gross = (n * reserve) / supply;
    const net = (gross * 9_000n) / 10_000n;
    const k = key();
    const body = { pointsMicro: n.toString() };
    const sold = await t.call('POST', '/api/wallet/sell', { token: buyer.token, key: k, body });
    expect(sold.statusCode, sold.body).toBe(200);
    expect(sold.json()).toMatchObject({
      pointsMicro: n.toString(),
      grossFen: gross.toString(),
      feeFen: (gross - net).toString(),
      netFen: net.toString(),
      cashFen: (cashBefore + net).toString(),
      pointsLeftMicro: '10500000',
      status: 'active',
    });
    expect(gross).toBe(1_500n);
    expect(net).toBe(1_350n);
    expect(balance(t, `${buyer.id}:cash`, 'fen')).toBe(cashBefore + net);
    // The fee stayed in the reserve: the price rose.
    expect(economy.reserve).toBe(reserve - net);
    expect(economy.reserve * supply > reserve * economy.supply).toBe(true);

    const retried = await t.call('POST', '/api/wallet/sell', { token: buyer.token, key: k, body });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual(sold.json());
    expect(balance(t, `${buyer.id}:cash`, 'fen')).toBe(cashBefore + net);

    const conflict = await t.call('POST', '/api/wallet/sell', {
      token: buyer.token,
      key: k,
      body: { pointsMicro: '1' },
    });
    expectError(conflict, 409, 'IDEMPOTENCY_CONFLICT');

    const wallet = (await t.call('GET', '/api/wallet', { token: buyer.token })).json();
    expect(wallet.cashFen).toBe((cashBefore + net).toString());
    expect(wallet.pointsMicro).toBe('10500000');
  });

  it('refuses selling more than held (422 INSUFFICIENT_POINTS), 0 points, and a sale without a key', async () => {
    const tooMany = await t.call('POST', '/api/wallet/sell', {
      token: buyer.token,
      key: key(),
      body: { pointsMicro: '999999999999' },
    });
    expectError(tooMany, 422, 'INSUFFICIENT_POINTS');
    expect(tooMany.json().details).toMatchObject({ available: '10500000', requested: '999999999999' });

    const zero = await t.call('POST', '/api/wallet/sell', {
      token: buyer.token,
      key: key(),
      body: { pointsMicro: '0' },
    });
    expectError(zero, 422, 'INVALID_AMOUNT');

    const noKey = await t.call('POST', '/api/wallet/sell', {
      token: buyer.token,
      body: { pointsMicro: '1' },
    });
    expectError(noKey, 400, 'BAD_REQUEST');

    const badBody = await t.call('POST', '/api/wallet/sell', {
      token: buyer.token,
      key: key(),
      body: { pointsMicro: '-5' },
    });
    expectError(badBody, 400, 'BAD_REQUEST');
    expect(t.mall.ledger.state.economy.accounts.get(buyer.id)!.points).toBe(10_500_000n);
  });

  it('converts points into stable points; they go to the treasury', async () => {
    const economy = t.mall.ledger.state.economy;
    const treasuryBefore = economy.accounts.get('treasury')!.points;
    const value = (5_000_000n * economy.reserve) / economy.supply;
    const converted = await t.call('POST', '/api/wallet/convert', {
      token: buyer.token,
      key: key(),
      body: { pointsMicro: '5000000' },
    });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json()).toMatchObject({
      pointsMicro: '5000000',
      valueFen: value.toString(),
      feeFen: '0',
      stableReceived: value.toString(),
      stable: value.toString(),
      pointsLeftMicro: '5500000',
    });
    expect(value > 500n).toBe(true);
    expect(balance(t, `${buyer.id}:stable`, 'stable')).toBe(value);
    expect(economy.accounts.get('treasury')!.points).toBe(treasuryBefore + 5_000_000n);
    const wallet = (await t.call('GET', '/api/wallet', { token: buyer.token })).json();
    expect(wallet.stable).toBe(value.toString());
  });

  it('pays a new order from the cash balance and stable points; the merchant settles its stable points', async () => {
    const cashBefore = balance(t, `${buyer.id}:cash`, 'fen');
    const stableBefore = balance(t, `${buyer.id}:stable`, 'stable');
    const orderId = await placeOrder(t, buyer, cheapSku);
    const paid = await t.call('POST', `/api/orders/${orderId}/pay`, {
      token: buyer.token,
      key: key(),
      body: { method: 'balance', stableFen: '200' },
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'succeeded', cashFen: '300', stable: '200' });
    expect(balance(t, `${buyer.id}:cash`, 'fen')).toBe(cashBefore - 300n);
    expect(balance(t, `${buyer.id}:stable`, 'stable')).toBe(stableBefore - 200n);
    await shipDeliverConfirm(t, shop, buyer, orderId);

    const merchantWallet = await t.call('GET', `/api/merchants/${shop.merchantId}/wallet`, {
      token: shop.staffToken,
    });
    expect(merchantWallet.statusCode, merchantWallet.body).toBe(200);
    expect(merchantWallet.json()).toMatchObject({
      accountId: shop.merchantId,
      kind: 'merchant',
      stable: '200',
    });
    const byAdmin = await t.call('GET', `/api/merchants/${shop.merchantId}/wallet`, {
      token: shop.adminToken,
    });
    expect(byAdmin.statusCode).toBe(200);

    const economy = t.mall.ledger.state.economy;
    const treasuryBefore = economy.accounts.get('treasury')!.points;
    const expected = (200n * economy.supply) / economy.reserve;
    const k = key();
    const settled = await t.call('POST', `/api/merchants/${shop.merchantId}/settle`, {
      token: shop.staffToken,
      key: k,
      body: { stableFen: '200' },
    });
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toMatchObject({
      stableSpent: '200',
      pointsReceivedMicro: expected.toString(),
      pointsMicro: expected.toString(),
      stable: '0',
    });
    expect(expected > 0n).toBe(true);
    expect(economy.accounts.get('treasury')!.points).toBe(treasuryBefore - expected);
    const again = await t.call('POST', `/api/merchants/${shop.merchantId}/settle`, {
      token: shop.staffToken,
      key: k,
      body: { stableFen: '200' },
    });
    expect(again.json()).toEqual(settled.json());

    const tooMuch = await t.call('POST', `/api/merchants/${shop.merchantId}/settle`, {
      token: shop.staffToken,
      key: key(),
      body: { stableFen: '1' },
    });
    expectError(tooMuch, 422, 'INSUFFICIENT_STABLE');

    // The merchant sells what it received back to the platform.
    const merchantCash = balance(t, `${shop.merchantId}:cash`, 'fen');
    const sold = await t.call('POST', `/api/merchants/${shop.merchantId}/sell`, {
      token: shop.staffToken,
      key: key(),
      body: { pointsMicro: 'all' },
    });
    expect(sold.statusCode, sold.body).toBe(200);
    const sale = sold.json();
    expect(sale.pointsMicro).toBe(expected.toString());
    expect(BigInt(sale.grossFen) - BigInt(sale.feeFen)).toBe(BigInt(sale.netFen));
    expect(balance(t, `${shop.merchantId}:cash`, 'fen')).toBe(merchantCash + BigInt(sale.netFen));
  });

  it('lets members act on their own wallet only, and staff on their own merchant only', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/wallet', undefined],
      ['POST', '/api/wallet/sell', { pointsMicro: '1' }],
      ['POST', '/api/wallet/convert', { pointsMicro: '1' }],
      ['GET', `/api/merchants/${shop.merchantId}/wallet`, undefined],
      ['POST', `/api/merchants/${shop.merchantId}/settle`, { stableFen: '1' }],
      ['POST', `/api/merchants/${shop.merchantId}/sell`, { pointsMicro: '1' }],
    ] as const) {
      const response = await t.call(method, path, { key: key(), body });
      expect({ path, status: response.statusCode }).toEqual({ path, status: 401 });
      expectError(response, 401, 'UNAUTHENTICATED');
    }
    const settle = await t.call('POST', `/api/merchants/${shop.merchantId}/settle`, {
      token: buyer.token,
      key: key(),
      body: { stableFen: '1' },
    });
    expectError(settle, 403, 'FORBIDDEN');
    const peek = await t.call('GET', `/api/merchants/${shop.merchantId}/wallet`, { token: buyer.token });
    expect(peek.statusCode).toBe(403);
    const staffAsMember = await t.call('POST', '/api/wallet/sell', {
      token: shop.staffToken,
      key: key(),
      body: { pointsMicro: '1' },
    });
    expect(staffAsMember.statusCode).toBe(403);
    const adminSettles = await t.call('POST', `/api/merchants/${shop.merchantId}/settle`, {
      token: shop.adminToken,
      key: key(),
      body: { stableFen: '1' },
    });
    expect(adminSettles.statusCode).toBe(403);
    const otherShop = await setUpShop(t);
    const otherStaff = await t.call('POST', `/api/merchants/${shop.merchantId}/sell`, {
      token: otherShop.staffToken,
      key: key(),
      body: { pointsMicro: '1' },
    });
    expectError(otherStaff, 403, 'FORBIDDEN');
  });

  it('publishes the transparency figures without a sign-in, matching the economy', async () => {
    const response = await t.call('GET', '/api/transparency');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    await t.mall.ledger.catchUp();
    const { economy, head } = t.mall.ledger.state;
    const accounts = [...economy.accounts.values()];
    const sum = (pick: (a: (typeof accounts)[number]) => bigint) =>
      accounts.reduce((s, a) => s + pick(a), 0n);
    expect(report).toMatchObject({
      reserveFen: economy.reserve.toString(),
      supplyMicro: economy.supply.toString(),
      mintedMicro: economy.minted.toString(),
      burnedMicro: economy.burned.toString(),
      supplyCapMicro: economy.params.supplyCap.toString(),
      outstandingQuotaFen: sum((a) => a.quota).toString(),
      outstandingStable: sum((a) => a.stable).toString(),
      treasuryPointsMicro: economy.accounts.get('treasury')!.points.toString(),
      priceFenPerPointNum: (economy.reserve * 1_000_000n).toString(),
      priceFenPerPointDen: economy.supply.toString(),
      headSeq: head.seq.toString(),
      headHash: head.hash,
    });
    expect(report.treasuryPointsMicro).not.toBe('0');
    expect(report.outstandingQuotaFen).toBe('20600'); // 2 x (10,000 + 300 cash);
    expect(report.riskStatement.zh).toMatch(/不是收益承诺/);
    expect(report.riskStatement.en).toMatch(/not a promise of profit/);
    expect(`${report.riskStatement.zh} ${report.riskStatement.en}`).not.toMatch(/guarantee|保证|稳赚/i);
    // Through the economy's own page the same head is published.
    const economyPage = (await t.call('GET', '/api/economy')).json();
    expect(economyPage.headHash).toBe(report.headHash);
  });
});
