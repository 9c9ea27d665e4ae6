// The finance team's side over HTTP on both databases: the daily report (JSON and CSV) equals the
// journal's own figures, the reconciliation lists every difference it is shown (and none on a sound
// store), the public price history follows the price, and the transparency figures come from the
// running totals yet equal the sums over every account.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journal } from '../../src/mall/mall.js';
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

/** The local date in Asia/Shanghai of the journal's clock (entries carry the wall time). */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trim().split('\n');
  const names = header!.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((value, i) => [names[i], value])));
}

describe.each(DIALECTS)('finance reports on %s', (dialect) => {
  let t: TestMall;
  let shop: TestShop;
  let buyers: TestBuyer[];
  let sellFee: bigint;
  let convertFee: bigint;
  let withdrawalId: string;

  beforeAll(async () => {
    t = await startTestMall(dialect, { settings: { withdrawMinFen: 100n } });
    shop = await setUpShop(t);
    buyers = [];
    for (let i = 0; i < 3; i++) {
      const buyer = await registerBuyer(t);
      buyers.push(buyer);
      const orderId = await placeOrder(t, buyer, shop.wineSku);
      await payByGateway(t, buyer, orderId);
      await shipDeliverConfirm(t, shop, buyer, orderId);
    }
    // An order paid but not completed: its payment is held.
    await payByGateway(t, buyers[2]!, await placeOrder(t, buyers[2]!, shop.wineSku));
    const sold = await t.call('POST', '/api/wallet/sell', {
      token: buyers[0]!.token,
      key: key(),
      body: { pointsMicro: '5000000' },
    });
    expect(sold.statusCode, sold.body).toBe(200);
    sellFee = BigInt(sold.json().feeFen);
    const converted = await t.call('POST', '/api/wallet/convert', {
      token: buyers[1]!.token,
      key: key(),
      body: { pointsMicro: '3000000' },
    });
    expect(converted.statusCode, converted.body).toBe(200);
    convertFee = BigInt(converted.json().feeFen);
    await t.mall.write((tx) => journal(tx, `dividends:test-${dialect}`, { type: 'dividends' }));
    const withdrawal = await t.call('POST', '/api/wallet/withdrawals', {
      token: buyers[0]!.token,
      key: key(),
      body: { amountFen: '200' },
    });
    expect(withdrawal.statusCode, withdrawal.body).toBe(200);
    withdrawalId = withdrawal.json().id;
  });
  afterAll(async () => t.closeVerified());

  it("reports today's flows and end-of-day levels exactly as the journal has them", async () => {
    const response = await t.call('GET', '/api/admin/reports/daily', { token: shop.adminToken });
    expect(response.statusCode, response.body).toBe(200);
    const { timezone, days } = response.json();
    expect(timezone).toBe('Asia/Shanghai');
    expect(days).toHaveLength(1);
    const day = days[0];
    const economy = t.mall.ledger.state.economy;
    const accounts = [...economy.accounts.values()];
    const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n).toString();
    expect(day).toMatchObject({
      date: today(),
      openingSeq: '0',
      closingSeq: t.mall.ledger.state.head.seq.toString(),
      orders: '3',
      salesFen: '30000',
      salesCashFen: '30000',
      salesStable: '0',
      reserveInflowFen: '9000',
      pointsMintedMicro: economy.minted.toString(),
      pointsBurnedMicro: economy.burned.toString(),
      sellFeesFen: sellFee.toString(),
      convertFeesFen: convertFee.toString(),
      dividendsPaidFen: (-balance(t, 'dividend-fund') + economy.totals.dividendFundIn).toString(),
      withdrawalsPaidFen: '0',
      reserveFen: economy.reserve.toString(),
      supplyMicro: economy.supply.toString(),
      dividendFundFen: economy.dividendFund.toString(),
      outstandingQuotaFen: sum(accounts.map((a) => a.quota)),
      outstandingStable: sum(accounts.map((a) => a.stable + a.heldStable)),
      treasuryPointsMicro: balance(t, 'treasury:points', 'upt').toString(),
    });
    expect(BigInt(day.reserveFen)).toBe(balance(t, 'reserve'));
    expect(day.dividendsPaidFen).toBe(economy.totals.dividendsPaid.toString());
    expect(BigInt(day.sellFeesFen)).toBeGreaterThan(0n);
  });

  it('gives a day before any entry as zero flows at the starting price, and a range day by day', async () => {
    const date = today();
    const yesterday = new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const response = await t.call('GET', `/api/admin/reports/daily?from=${yesterday}&to=${date}`, {
      token: shop.adminToken,
    });
    expect(response.statusCode, response.body).toBe(200);
    const [before, day] = response.json().days;
    expect(before).toMatchObject({
      date: yesterday,
      openingSeq: '0',
      closingSeq: '0',
      orders: '0',
      salesFen: '0',
      reserveFen: '0',
      priceYuanPerPoint: '1.0000',
    });
    expect(before.to).toBe(day.from);
    expect(Date.parse(day.to) - Date.parse(day.from)).toBe(86_400_000);
    expect(day.from).toBe(`${yesterday}T16:00:00.000Z`);
    const backwards = await t.call('GET', `/api/admin/reports/daily?from=${date}&to=${yesterday}`, {
      token: shop.adminToken,
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().code).toBe('INVALID_DATE_RANGE');
    const tooLong = await t.call('GET', '/api/admin/reports/daily?from=2020-01-01&to=2026-01-01', {
      token: shop.adminToken,
    });
    expect(tooLong.json().code).toBe('INVALID_DATE_RANGE');
    const badDate = await t.call('GET', '/api/admin/reports/daily?from=2026-13-01', {
      token: shop.adminToken,
    });
    expect(badDate.statusCode).toBe(400);
  });

  it('downloads the same report as CSV', async () => {
    const json = (await t.call('GET', '/api/admin/reports/daily', { token: shop.adminToken })).json();
    const response = await t.call('GET', '/api/admin/reports/daily.csv', { token: shop.adminToken });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="tokenmall-finance-/);
    expect(parseCsv(response.body)).toEqual(json.days);
  });

  it('keeps the reports and the reconciliation to admins', async () => {
    for (const path of [
      '/api/admin/reports/daily',
      '/api/admin/reports/daily.csv',
      '/api/admin/reconciliation',
    ]) {
      expect((await t.call('GET', path)).statusCode).toBe(401);
      expect((await t.call('GET', path, { token: buyers[0]!.token })).statusCode).toBe(403);
      expect((await t.call('GET', path, { token: shop.staffToken })).statusCode).toBe(403);
    }
  });

  it('finds nothing to report on a sound store: balances, economy figures and held money agree', async () => {
    const response = await t.call('GET', '/api/admin/reconciliation', { token: shop.adminToken });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({
      ok: true,
      headSeq: t.mall.ledger.state.head.seq.toString(),
      headHash: t.mall.ledger.state.head.hash,
      brokenEntry: null,
      balanceDifferences: [],
      economyDifferences: [],
      heldDifferences: [],
    });
    expect(report.balancesCompared).toBeGreaterThan(20);
  });

  it('lists every difference it is shown, not only the first', async () => {
    const db = t.mall.read;
    const cashOf = `${buyers[1]!.id}:cash`;
    const pointsOf = `${buyers[2]!.id}:points`;
    const cash = balance(t, cashOf);
    const points = balance(t, pointsOf, 'upt');
    const withdrawalRow = await db
      .selectFrom('withdrawals')
      .select('amount_fen')
      .where('id', '=', withdrawalId)
      .executeTakeFirstOrThrow();
    // Someone edits the database behind the journal's back: two balances and a withdrawal's amount.
    const setBalance = (account: string, asset: string, amount: string) =>
      sql`update balances set amount = ${amount} where account = ${account} and asset = ${asset}`.execute(db);
    await setBalance(cashOf, 'fen', (cash + 1n).toString());
    await setBalance(pointsOf, 'upt', '0');
    await sql`update withdrawals set amount_fen = 150 where id = ${withdrawalId}`.execute(db);
    try {
      const report = (await t.call('GET', '/api/admin/reconciliation', { token: shop.adminToken })).json();
      expect(report.ok).toBe(false);
      expect(report.balanceDifferences).toEqual(
        [
          {
            account: cashOf,
            asset: 'fen',
            journal: cash.toString(),
            stored: (cash + 1n).toString(),
            replica: cash.toString(),
          },
          {
            account: pointsOf,
            asset: 'upt',
            journal: points.toString(),
            stored: '0',
            replica: points.toString(),
          },
        ].sort((a, b) => (a.account < b.account ? -1 : 1)),
      );
      const held = balance(t, `${buyers[0]!.id}:held`);
      expect(report.heldDifferences).toEqual([
        {
          account: `${buyers[0]!.id}:held`,
          asset: 'fen',
          journal: held.toString(),
          rows: (held - 50n).toString(),
        },
      ]);
    } finally {
      await setBalance(cashOf, 'fen', cash.toString());
      await setBalance(pointsOf, 'upt', points.toString());
      await sql`update withdrawals set amount_fen = ${withdrawalRow.amount_fen} where id = ${withdrawalId}`.execute(
        db,
      );
    }
    expect((await t.call('GET', '/api/admin/reconciliation', { token: shop.adminToken })).json().ok).toBe(
      true,
    );
  });

  it('publishes the price history to anyone, downsampled, ending at the current price', async () => {
    const response = await t.call('GET', '/api/transparency/price-history?points=5');
    expect(response.statusCode, response.body).toBe(200);
    const { points } = response.json();
    expect(points.length).toBeGreaterThan(0);
    expect(points.length).toBeLessThanOrEqual(5);
    const last = points.at(-1);
    const transparency = (await t.call('GET', '/api/transparency')).json();
    expect(last).toMatchObject({
      seq: t.mall.ledger.state.head.seq.toString(),
      priceYuanPerPoint: transparency.priceYuanPerPoint,
      reserveFen: transparency.reserveFen,
      supplyMicro: transparency.supplyMicro,
    });
    const empty = await t.call(
      'GET',
      '/api/transparency/price-history?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z',
    );
    expect(empty.json().points).toEqual([]);
    const backwards = await t.call(
      'GET',
      '/api/transparency/price-history?from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z',
    );
    expect(backwards.statusCode).toBe(422);
  });

  it("publishes outstanding quota and stable points from the running totals, equal to every account's sum", async () => {
    const transparency = (await t.call('GET', '/api/transparency')).json();
    const accounts = [...t.mall.ledger.state.economy.accounts.values()];
    const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n).toString();
    expect(transparency.outstandingQuotaFen).toBe(sum(accounts.map((a) => a.quota)));
    expect(transparency.outstandingStable).toBe(sum(accounts.map((a) => a.stable)));
    expect(transparency.heldStable).toBe(sum(accounts.map((a) => a.heldStable)));
  });
});
