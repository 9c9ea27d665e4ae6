// Withdrawals, merchant payouts, levels and the leaderboard, referral earnings and wallet history over
// HTTP on both databases: every route, each rejection, each role, idempotent retries, racing decisions
// that apply once, and the journal's balances after each step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestScheduledPayouts } from '../../src/payouts/index.js';
import { parseLevels } from '../../src/wallet/index.js';
import { localDay } from '../../src/withdrawals/index.js';
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

const LEVELS = '普通会员/Member:0,银卡会员/Silver:5,金卡会员/Gold:20';
const masked = (phone: string): string => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

describe.each(DIALECTS)('money on %s', (dialect) => {
  let t: TestMall;
  let shop: TestShop;
  let referrer: TestBuyer;
  let buyer: TestBuyer;
  let buyer2: TestBuyer;
  const phones = new Map<string, string>();

  async function buy(who: TestBuyer, quantity: number): Promise<void> {
    const orderId = await placeOrder(t, who, shop.wineSku, quantity);
    await payByGateway(t, who, orderId);
    await shipDeliverConfirm(t, shop, who, orderId);
  }
  const post = (path: string, token: string, body: object = {}, k = key()) =>
    t.call('POST', path, { token, key: k, body });
  // Each request a second later, so ids (which sort by creation time) give the order of the requests.
  const withdraw = (who: TestBuyer, amountFen: string, k = key()) => {
    t.clock.advance(1_000);
    return post('/api/wallet/withdrawals', who.token, { amountFen, destination: 'ICBC 6222 **** 1234' }, k);
  };
  const admin = (path: string, body: object = {}, k = key()) => post(path, shop.adminToken, body, k);

  beforeAll(async () => {
    t = await startTestMall(dialect, {
      settings: { withdrawMinFen: 100n, withdrawMaxFen: 1_000n, withdrawDailyMaxFen: 1_500n, levels: LEVELS },
    });
    shop = await setUpShop(t);
    referrer = await registerBuyer(t);
    buyer = await registerBuyer(t, referrer.referralCode);
    buyer2 = await registerBuyer(t);
    for (const row of await t.mall.read.selectFrom('members').select(['id', 'phone']).execute())
      if (row.phone !== null) phones.set(row.id, row.phone);
    await buy(buyer, 2);
    await buy(buyer2, 1);
  });
  afterAll(async () => t.closeVerified());

  it('lists the levels and ranks members by points held, masked, cached for 30 s', async () => {
    const levels = await t.call('GET', '/api/levels');
    expect(levels.statusCode, levels.body).toBe(200);
    expect(levels.json().items).toEqual([
      { name: '普通会员', nameEn: 'Member', minPointsMicro: '0' },
      { name: '银卡会员', nameEn: 'Silver', minPointsMicro: '5000000' },
      { name: '金卡会员', nameEn: 'Gold', minPointsMicro: '20000000' },
    ]);
    const board = await t.call('GET', '/api/leaderboard');
    expect(board.statusCode, board.body).toBe(200);
    const economy = t.mall.ledger.state.economy;
    const levelOf = (p: bigint) => (p >= 20_000_000n ? 'Gold' : p >= 5_000_000n ? 'Silver' : 'Member');
    // The referrer's points were forced out by the cascade (SPEC.md): only holders are ranked.
    const expected = [referrer, buyer, buyer2]
      .map((who) => ({ who, points: economy.accounts.get(who.id)!.points }))
      .filter((e) => e.points > 0n)
      .sort((a, b) => (a.points > b.points ? -1 : 1));
    expect(expected).toHaveLength(2);
    expect(board.json().headSeq).toBe(t.mall.ledger.state.head.seq.toString());
    expect(
      board
        .json()
        .items.map((i: { member: string; pointsMicro: string; level: { nameEn: string } }) => [
          i.member,
          i.pointsMicro,
          i.level.nameEn,
        ]),
    ).toEqual(expected.map((e) => [masked(phones.get(e.who.id)!), e.points.toString(), levelOf(e.points)]));
    expect(board.body).not.toContain(phones.get(buyer.id)!);
    expect(board.body).not.toContain(buyer.id);
    expect(board.json().items[0]).toMatchObject({
      rank: 1,
      valueFen: ((expected[0]!.points * economy.reserve) / economy.supply).toString(),
    });

    // A new order moves the journal, but the board is kept for 30 s.
    const buyer3 = await registerBuyer(t);
    await buy(buyer3, 3);
    const cached = await t.call('GET', '/api/leaderboard');
    expect(cached.json()).toEqual(board.json());
    t.clock.advance(31_000);
    const fresh = (await t.call('GET', '/api/leaderboard')).json();
    expect(fresh.headSeq).toBe(t.mall.ledger.state.head.seq.toString());
    expect(fresh.items).toHaveLength(3);
    expect(fresh.items[0].pointsMicro).toBe(economy.accounts.get(buyer3.id)!.points.toString());
  });

  it('shows a referrer who they referred and what each earned them', async () => {
    // What the journal says the referrer earned (their points may since have been forced out).
    let earned = 0n;
    for (const row of await t.mall.read.selectFrom('journal').select('events').execute())
      for (const event of JSON.parse(row.events) as Record<string, string>[])
        if (event.type === 'points.awarded' && event.referrer === referrer.id)
          earned += BigInt(event.referralPoints!);
    expect(earned > 0n).toBe(true);
    const response = await t.call('GET', '/api/wallet/referrals', { token: referrer.token });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      referrals: [
        {
          member: masked(phones.get(buyer.id)!),
          joinedAt: expect.any(String),
          earnedMicro: earned.toString(),
        },
      ],
      totalEarnedMicro: earned.toString(),
      truncated: false,
    });
    const none = (await t.call('GET', '/api/wallet/referrals', { token: buyer2.token })).json();
    expect(none).toEqual({ referrals: [], totalEarnedMicro: '0', truncated: false });
    expectError(await t.call('GET', '/api/wallet/referrals', { token: shop.staffToken }), 403, 'FORBIDDEN');
  });

  it('withdraws cash within the limits: held at once, idempotent, per local day', async () => {
    const sold = await post('/api/wallet/sell', buyer.token, { pointsMicro: 'all' });
    expect(sold.statusCode, sold.body).toBe(200);
    const cash = balance(t, `${buyer.id}:cash`);
    expect(cash > 2_000n).toBe(true);

    expectError(await withdraw(buyer, '99'), 422, 'WITHDRAWAL_TOO_SMALL');
    expectError(await withdraw(buyer, '1001'), 422, 'WITHDRAWAL_TOO_LARGE');
    const k = key();
    const first = await withdraw(buyer, '800', k);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      accountId: buyer.id,
      requestedBy: buyer.id,
      amountFen: '800',
      status: 'requested',
      destination: 'ICBC 6222 **** 1234',
      decidedBy: null,
    });
    expect(balance(t, `${buyer.id}:cash`)).toBe(cash - 800n);
    expect(balance(t, `${buyer.id}:held`)).toBe(800n);
    const again = await withdraw(buyer, '800', k);
    expect(again.json()).toEqual(first.json());
    expect(balance(t, `${buyer.id}:cash`)).toBe(cash - 800n);
    expectError(await withdraw(buyer, '700', k), 409, 'IDEMPOTENCY_CONFLICT');
    const noKey = await t.call('POST', '/api/wallet/withdrawals', {
      token: buyer.token,
      body: { amountFen: '500' },
    });
    expect(noKey.statusCode).toBe(400);

    const over = await withdraw(buyer, '800');
    expectError(over, 422, 'WITHDRAWAL_LIMIT_REACHED');
    expect(over.json().details).toMatchObject({ dailyMaxFen: '1500', requestedTodayFen: '800' });
    expect((await withdraw(buyer, '700')).statusCode).toBe(200);
    expectError(await withdraw(buyer, '100'), 422, 'WITHDRAWAL_LIMIT_REACHED');
    // The next day in Asia/Shanghai starts at 16:00 UTC.
    t.clock.set('2026-03-01T16:00:00.000Z');
    const nextDay = await withdraw(buyer, '100');
    expect(nextDay.statusCode, nextDay.body).toBe(200);
    expect(balance(t, `${buyer.id}:held`)).toBe(1_600n);
    expect(balance(t, `${buyer.id}:cash`)).toBe(cash - 1_600n);

    // Without the cash: refused by the journal, and no withdrawal row is left behind.
    const poor = await registerBuyer(t);
    expectError(await withdraw(poor, '500'), 422, 'INSUFFICIENT_CASH');
    expect((await t.call('GET', '/api/wallet/withdrawals', { token: poor.token })).json().items).toEqual([]);
    const merchant = await post(`/api/merchants/${shop.merchantId}/withdrawals`, shop.staffToken, {
      amountFen: '500',
    });
    expectError(merchant, 422, 'INSUFFICIENT_CASH');
  });

  it('lets admins approve, pay and reject; each state allows only its moves', async () => {
    const list = await t.call('GET', '/api/wallet/withdrawals', { token: buyer.token });
    expect(list.statusCode, list.body).toBe(200);
    const [third, second, first] = list.json().items as { id: string; amountFen: string }[];
    expect([first?.amountFen, second?.amountFen, third?.amountFen]).toEqual(['800', '700', '100']);
    const money = balance(t, 'world:money');
    const cash = balance(t, `${buyer.id}:cash`);

    expectError(
      await admin(`/api/admin/withdrawals/${first!.id}/pay`, { reference: 'T1' }),
      409,
      'WITHDRAWAL_NOT_PENDING',
    );
    const approved = await admin(`/api/admin/withdrawals/${first!.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: expect.any(String) });
    expect(balance(t, `${buyer.id}:held`)).toBe(1_600n);
    expectError(await admin(`/api/admin/withdrawals/${first!.id}/approve`), 409, 'WITHDRAWAL_NOT_PENDING');
    const k = key();
    const paid = await admin(`/api/admin/withdrawals/${first!.id}/pay`, { reference: 'BANK-001' }, k);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', reference: 'BANK-001', paidAt: expect.any(String) });
    expect(balance(t, `${buyer.id}:held`)).toBe(800n);
    expect(balance(t, 'world:money')).toBe(money + 800n);
    const retried = await admin(`/api/admin/withdrawals/${first!.id}/pay`, { reference: 'BANK-001' }, k);
    expect(retried.json()).toEqual(paid.json());
    expect(balance(t, 'world:money')).toBe(money + 800n);
    expectError(
      await admin(`/api/admin/withdrawals/${first!.id}/reject`, { reason: 'late' }),
      409,
      'WITHDRAWAL_NOT_PENDING',
    );

    const rejected = await admin(`/api/admin/withdrawals/${second!.id}/reject`, {
      reason: 'account name mismatch',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: 'account name mismatch' });
    expect(balance(t, `${buyer.id}:cash`)).toBe(cash + 700n);
    expect(balance(t, `${buyer.id}:held`)).toBe(100n);
    expectError(
      await admin(`/api/admin/withdrawals/${second!.id}/pay`, { reference: 'x' }),
      409,
      'WITHDRAWAL_NOT_PENDING',
    );
    expectError(await admin('/api/admin/withdrawals/wdnosuchwithdrawal/approve'), 404, 'NOT_FOUND');
    const badBody = await admin(`/api/admin/withdrawals/${third!.id}/reject`, {});
    expect(badBody.statusCode).toBe(400);
  });

  it('applies racing decisions once', async () => {
    const cash = balance(t, `${buyer2.id}:cash`);
    await post('/api/wallet/sell', buyer2.token, { pointsMicro: 'all' });
    const got = balance(t, `${buyer2.id}:cash`) - cash;
    expect(got > 1_000n).toBe(true);
    const a = (await withdraw(buyer2, '300')).json();
    const rejects = await Promise.all(
      [1, 2, 3].map(() => admin(`/api/admin/withdrawals/${a.id}/reject`, { reason: 'duplicate' })),
    );
    expect(rejects.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect(balance(t, `${buyer2.id}:held`)).toBe(0n);
    expect(balance(t, `${buyer2.id}:cash`)).toBe(cash + got);

    const b = (await withdraw(buyer2, '400')).json();
    const money = balance(t, 'world:money');
    const [approve1, approve2] = await Promise.all([
      admin(`/api/admin/withdrawals/${b.id}/approve`),
      admin(`/api/admin/withdrawals/${b.id}/approve`),
    ]);
    expect([approve1.statusCode, approve2.statusCode].sort()).toEqual([200, 409]);
    const [pay, reject] = await Promise.all([
      admin(`/api/admin/withdrawals/${b.id}/pay`, { reference: 'R' }),
      admin(`/api/admin/withdrawals/${b.id}/reject`, { reason: 'race' }),
    ]);
    expect([pay.statusCode, reject.statusCode].sort()).toEqual([200, 409]);
    expect(balance(t, `${buyer2.id}:held`)).toBe(0n);
    if (pay.statusCode === 200) {
      expect(balance(t, 'world:money')).toBe(money + 400n);
      expect(balance(t, `${buyer2.id}:cash`)).toBe(cash + got - 400n);
    } else {
      expect(balance(t, 'world:money')).toBe(money);
      expect(balance(t, `${buyer2.id}:cash`)).toBe(cash + got);
    }
  });

  it('lists withdrawals for admins by status with a cursor, and for owners only their own', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = await t.call('GET', `/api/admin/withdrawals?limit=1${query}`, { token: shop.adminToken });
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json().items.length).toBeLessThanOrEqual(1);
      all.push(...page.json().items.map((w: { id: string }) => w.id));
      cursor = page.json().nextCursor;
    } while (cursor !== null);
    expect(all).toHaveLength(5);
    expect([...all].sort().reverse()).toEqual(all);
    const requested = await t.call('GET', '/api/admin/withdrawals?status=requested', {
      token: shop.adminToken,
    });
    expect(requested.json().items.map((w: { amountFen: string }) => w.amountFen)).toEqual(['100']);
    expect(
      (await t.call('GET', '/api/admin/withdrawals?status=nope', { token: shop.adminToken })).statusCode,
    ).toBe(400);
    expectError(
      await t.call('GET', '/api/admin/withdrawals?cursor=%2F%2F', { token: shop.adminToken }),
      400,
      'BAD_REQUEST',
    );
    const mine = (await t.call('GET', '/api/wallet/withdrawals', { token: buyer2.token })).json().items;
    expect(mine.every((w: { accountId: string }) => w.accountId === buyer2.id)).toBe(true);
    expect(mine).toHaveLength(2);
    const merchants = await t.call('GET', `/api/merchants/${shop.merchantId}/withdrawals`, {
      token: shop.staffToken,
    });
    expect(merchants.json().items).toEqual([]);
  });

  it('pays merchants what the mall owes them, on request and on schedule, once', async () => {
    const owedPath = `/api/merchants/${shop.merchantId}/payouts/owed`;
    const sales = t.mall.ledger.state.economy.accounts.get(shop.merchantId)!.sales;
    expect(sales > 1_000n).toBe(true);
    expect(balance(t, `${shop.merchantId}:sales`)).toBe(sales);
    const owed = await t.call('GET', owedPath, { token: shop.staffToken });
    expect(owed.statusCode, owed.body).toBe(200);
    expect(owed.json()).toEqual({
      merchantId: shop.merchantId,
      owedFen: sales.toString(),
      requestedFen: '0',
      availableFen: sales.toString(),
    });
    const payoutsPath = `/api/merchants/${shop.merchantId}/payouts`;
    expectError(
      await post(payoutsPath, shop.staffToken, { amountFen: (sales + 1n).toString() }),
      422,
      'INSUFFICIENT_SALES',
    );
    expectError(await post(payoutsPath, shop.staffToken, { amountFen: '0' }), 422, 'INVALID_AMOUNT');
    const k = key();
    const part = await post(payoutsPath, shop.staffToken, { amountFen: '1000' }, k);
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json()).toMatchObject({
      merchantId: shop.merchantId,
      amountFen: '1000',
      status: 'requested',
    });
    expect((await post(payoutsPath, shop.staffToken, { amountFen: '1000' }, k)).json()).toEqual(part.json());
    const rest = await post(payoutsPath, shop.staffToken, { amountFen: 'all' });
    expect(rest.json().amountFen).toBe((sales - 1_000n).toString());
    expectError(await post(payoutsPath, shop.staffToken, { amountFen: 'all' }), 422, 'NOTHING_OWED');
    expect(balance(t, `${shop.merchantId}:sales`)).toBe(sales);

    const money = balance(t, 'world:money');
    const paid = await admin(`/api/admin/payouts/${part.json().id}/approve`, { reference: 'PAY-1' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', reference: 'PAY-1' });
    expect(balance(t, `${shop.merchantId}:sales`)).toBe(sales - 1_000n);
    expect(balance(t, 'world:money')).toBe(money + 1_000n);
    expectError(await admin(`/api/admin/payouts/${part.json().id}/approve`), 409, 'PAYOUT_NOT_PENDING');
    const rejected = await admin(`/api/admin/payouts/${rest.json().id}/reject`, {
      reason: 'bank details missing',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: 'bank details missing' });
    expectError(await admin(`/api/admin/payouts/${rest.json().id}/approve`), 409, 'PAYOUT_NOT_PENDING');
    expect(balance(t, `${shop.merchantId}:sales`)).toBe(sales - 1_000n);

    // The schedule asks for everything owed, once per open request.
    expect(await requestScheduledPayouts(t.mall)).toBe(1);
    expect(await requestScheduledPayouts(t.mall)).toBe(0);
    const open = await t.call('GET', '/api/admin/payouts?status=requested', { token: shop.adminToken });
    expect(open.json().items).toHaveLength(1);
    const scheduled = open.json().items[0];
    expect(scheduled).toMatchObject({ requestedBy: 'schedule', amountFen: (sales - 1_000n).toString() });
    const [approve, reject] = await Promise.all([
      admin(`/api/admin/payouts/${scheduled.id}/approve`, { reference: 'PAY-2' }),
      admin(`/api/admin/payouts/${scheduled.id}/reject`, { reason: 'race' }),
    ]);
    expect([approve.statusCode, reject.statusCode].sort()).toEqual([200, 409]);
    const left = approve.statusCode === 200 ? 0n : sales - 1_000n;
    expect(balance(t, `${shop.merchantId}:sales`)).toBe(left);
    const mine = await t.call('GET', `${payoutsPath}?limit=2`, { token: shop.staffToken });
    expect(mine.json().items).toHaveLength(2);
    expect(mine.json().nextCursor).not.toBeNull();
  });

  it('shows wallet history newest first, with cursors, from the journal', async () => {
    const first = await t.call('GET', '/api/wallet/history?limit=2', { token: buyer.token });
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(2);
    expect(BigInt(page.items[0].seq) > BigInt(page.items[1].seq)).toBe(true);
    for (const item of page.items)
      for (const posting of item.postings) expect(posting.account.startsWith(`${buyer.id}:`)).toBe(true);
    const all = [...page.items];
    let before = page.nextBefore;
    while (before !== null) {
      const next = (
        await t.call('GET', `/api/wallet/history?limit=2&before=${before}`, { token: buyer.token })
      ).json();
      all.push(...next.items);
      before = next.nextBefore;
    }
    const types = all.map((i: { type: string }) => i.type).reverse();
    // `join` moves no balance, so it is not in the history.
    expect(types.slice(0, 3)).toEqual(['hold', 'order', 'sell']);
    expect(types).toContain('withdraw');
    expect(types).toContain('pay-withdrawal');
    // Summing this account's postings gives its balances.
    const sum = (account: string) =>
      all
        .flatMap((i: { postings: { account: string; asset: string; amount: string }[] }) => i.postings)
        .filter((p: { account: string; asset: string }) => p.account === account && p.asset === 'fen')
        .reduce((s: bigint, p: { amount: string }) => s + BigInt(p.amount), 0n);
    expect(sum(`${buyer.id}:cash`)).toBe(balance(t, `${buyer.id}:cash`));
    expect(sum(`${buyer.id}:held`)).toBe(balance(t, `${buyer.id}:held`));
    const merchant = await t.call('GET', `/api/merchants/${shop.merchantId}/wallet/history`, {
      token: shop.staffToken,
    });
    expect(merchant.statusCode, merchant.body).toBe(200);
    expect(merchant.json().items.some((i: { type: string }) => i.type === 'payout')).toBe(true);
  });

  it('asks for a sign-in (401) and the right role (403) on every route', async () => {
    const other = await setUpShop(t);
    const m = shop.merchantId;
    const routes: [string, string, object | undefined][] = [
      ['POST', '/api/wallet/withdrawals', { amountFen: '100' }],
      ['GET', '/api/wallet/withdrawals', undefined],
      ['GET', '/api/wallet/referrals', undefined],
      ['GET', '/api/wallet/history', undefined],
      ['POST', `/api/merchants/${m}/withdrawals`, { amountFen: '100' }],
      ['GET', `/api/merchants/${m}/withdrawals`, undefined],
      ['GET', `/api/merchants/${m}/wallet/history`, undefined],
      ['GET', `/api/merchants/${m}/payouts/owed`, undefined],
      ['GET', `/api/merchants/${m}/payouts`, undefined],
      ['POST', `/api/merchants/${m}/payouts`, { amountFen: 'all' }],
      ['GET', '/api/admin/withdrawals', undefined],
      ['POST', '/api/admin/withdrawals/x1/approve', {}],
      ['POST', '/api/admin/withdrawals/x1/reject', { reason: 'r' }],
      ['POST', '/api/admin/withdrawals/x1/pay', { reference: 'r' }],
      ['GET', '/api/admin/payouts', undefined],
      ['POST', '/api/admin/payouts/x1/approve', {}],
      ['POST', '/api/admin/payouts/x1/reject', { reason: 'r' }],
    ];
    for (const [method, path, body] of routes) {
      const response = await t.call(method as 'GET' | 'POST', path, { key: key(), body });
      expect({ path, status: response.statusCode }).toEqual({ path, status: 401 });
    }
    const forbidden = async (token: string, method: string, path: string, body?: object) => {
      const response = await t.call(method as 'GET' | 'POST', path, { token, key: key(), body });
      expect({ path, status: response.statusCode }).toEqual({ path, status: 403 });
    };
    for (const [method, path, body] of routes.filter(([, p]) => p.startsWith('/api/admin/'))) {
      await forbidden(buyer.token, method, path, body);
      await forbidden(shop.staffToken, method, path, body);
    }
    for (const [method, path, body] of routes.filter(([, p]) => p.startsWith('/api/merchants/'))) {
      await forbidden(buyer.token, method, path, body);
      await forbidden(other.staffToken, method, path, body);
    }
    for (const [method, path, body] of routes.filter(([, p]) => p.startsWith('/api/wallet/')))
      await forbidden(shop.staffToken, method, path, body);
    // Admins read a merchant's money but do not move it.
    await forbidden(shop.adminToken, 'POST', `/api/merchants/${m}/withdrawals`, { amountFen: '100' });
    await forbidden(shop.adminToken, 'POST', `/api/merchants/${m}/payouts`, { amountFen: 'all' });
    expect((await t.call('GET', `/api/merchants/${m}/payouts`, { token: shop.adminToken })).statusCode).toBe(
      200,
    );
  });
});

describe('levels and local days', () => {
  it('refuses level text that is not name/English:points ascending from 0', () => {
    expect(parseLevels('A/a:0,B/b:10')).toEqual([
      { name: 'A', nameEn: 'a', minPointsMicro: 0n },
      { name: 'B', nameEn: 'b', minPointsMicro: 10_000_000n },
    ]);
    for (const bad of ['', 'A:0', 'A/a:1', 'A/a:0,B/b:0', 'A/a:0,B/b:1.5', 'A/a:0,,B/b:2'])
      expect(() => parseLevels(bad), bad).toThrow(/levels/);
  });

  it('cuts the operator day at local midnight, also across a DST change', () => {
    expect(localDay(new Date('2026-03-01T15:59:59.999Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-03-01',
      startUtc: '2026-02-28T16:00:00.000Z',
      endUtc: '2026-03-01T16:00:00.000Z',
    });
    expect(localDay(new Date('2026-03-08T12:00:00.000Z'), 'America/New_York')).toEqual({
      date: '2026-03-08',
      startUtc: '2026-03-08T05:00:00.000Z',
      endUtc: '2026-03-09T04:00:00.000Z',
    });
  });
});
