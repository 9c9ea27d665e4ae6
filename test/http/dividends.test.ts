// Daily dividends on both databases: a day simulated with a test clock (orders completed, the clock
// passes the dividend time, the catch-up check runs the day), a restart in the middle, run-now, a second
// node on PostgreSQL racing the first: exactly one `dividends:<date>` entry, paying what the engine pays.
import { afterAll, describe, expect, it } from 'vitest';
import { runDividends, runDueDividends, startDividendScheduler } from '../../src/dividends/index.js';
import { applyCommand, restoreState, snapshotState } from '../../src/economy/index.js';
import { DIALECTS, type Dialect, startTestMall, type TestClock, type TestMall } from '../support/mall.js';
import {
  payByGateway,
  placeOrder,
  registerBuyer,
  setUpShop,
  shipDeliverConfirm,
  type TestBuyer,
  type TestShop,
} from '../support/shop.js';

// 22:00 in Shanghai on 1 March; the run is at 23:30 local (15:30 UTC).
const EVENING = '2026-03-01T14:00:00.000Z';
const AFTER_RUN_TIME = '2026-03-01T15:31:00.000Z';
const settings = { timezone: 'Asia/Shanghai', dividendTime: '23:30' };

async function completedOrder(t: TestMall, shop: TestShop, buyer: TestBuyer): Promise<void> {
  const orderId = await placeOrder(t, buyer, shop.wineSku);
  await payByGateway(t, buyer, orderId);
  await shipDeliverConfirm(t, shop, buyer, orderId);
}

async function entriesWithKey(t: TestMall, key: string) {
  return t.mall.read
    .selectFrom('journal')
    .select(['seq', 'postings', 'events'])
    .where('key', '=', key)
    .execute();
}

/** The postings the engine gives for a dividend run on a copy of the state as it is now. */
function enginePostings(t: TestMall): string[][] {
  const copy = restoreState(snapshotState(t.mall.ledger.state.economy));
  const effects = applyCommand(copy, { type: 'dividends' });
  const postings: string[][] = [];
  effects.forEachPosting((account, asset, amount) => postings.push([account, asset, amount.toString()]));
  return postings;
}

async function start(dialect: Dialect, clock?: TestClock, url?: string): Promise<TestMall> {
  return startTestMall(dialect, {
    settings,
    ...(clock === undefined ? {} : { clock }),
    ...(url === undefined ? {} : { url }),
  });
}

describe.each(DIALECTS)('daily dividends on %s', (dialect) => {
  const open: TestMall[] = [];
  afterAll(async () => {
    for (const t of open.splice(0)) await t.close();
  });

  it('runs the day once when the clock passes the dividend time, across a restart, paying what the engine pays', async () => {
    let t = await start(dialect);
    open.push(t);
    t.clock.set(EVENING);
    const shop = await setUpShop(t);
    const buyers = [await registerBuyer(t), await registerBuyer(t)];
    await completedOrder(t, shop, buyers[0]!);
    expect(await runDueDividends(t.mall)).toBeUndefined();

    // A restart in the middle of the day: the new process has the same store and clock.
    const { url, clock } = t;
    await t.close();
    open.pop();
    t = await start(dialect, clock, url);
    open.push(t);
    await completedOrder(t, shop, buyers[1]!);
    const late = await registerBuyer(t);
    expect(await runDueDividends(t.mall)).toBeUndefined();

    t.clock.set(AFTER_RUN_TIME);
    const expected = enginePostings(t);
    const run = await runDueDividends(t.mall);
    expect(run).toMatchObject({
      date: '2026-03-01',
      key: 'dividends:2026-03-01',
      holders: '2',
      leftFen: '0',
    });
    // Two orders of 10,000 fen with 4,000 fen profit each: 30% of the profit to the fund.
    expect(run!.paidFen).toBe('2400');
    const [entry, ...more] = await entriesWithKey(t, 'dividends:2026-03-01');
    expect(more).toEqual([]);
    expect(String(entry!.seq)).toBe(run!.seq);
    expect(JSON.parse(entry!.postings)).toEqual(expected);

    // Checked again, run again, pressed again, or after another restart: the same run, no new entry.
    expect(await runDueDividends(t.mall)).toBeUndefined();
    expect(await runDividends(t.mall)).toEqual(run);
    const pressed = await t.call('POST', '/api/admin/dividends/run', { token: shop.adminToken });
    expect(pressed.statusCode, pressed.body).toBe(200);
    expect(pressed.json()).toEqual(run);
    await t.close();
    open.pop();
    t = await start(dialect, clock, url);
    open.push(t);
    expect(await runDueDividends(t.mall)).toBeUndefined();
    expect(await entriesWithKey(t, 'dividends:2026-03-01')).toHaveLength(1);

    // What each member got, from the entry's postings.
    const payouts = new Map(expected.filter((p) => p[0]!.endsWith(':cash')).map((p) => [p[0], p[2]]));
    for (const buyer of [...buyers, late]) {
      const mine = await t.call('GET', '/api/wallet/dividends', { token: buyer.token });
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.json()).toEqual({
        items: [
          {
            date: '2026-03-01',
            seq: run!.seq,
            time: run!.time,
            paidFen: payouts.get(`${buyer.id}:cash`) ?? '0',
          },
        ],
        nextCursor: null,
      });
    }
    expect(payouts.get(`${late.id}:cash`)).toBeUndefined();

    // The next local day has its own run, once the clock passes its time.
    t.clock.set('2026-03-02T15:00:00.000Z');
    expect(await runDueDividends(t.mall)).toBeUndefined();
    const buyer = buyers[0]!;
    await completedOrder(t, shop, buyer);
    t.clock.set('2026-03-02T15:30:00.000Z');
    const second = await runDueDividends(t.mall);
    expect(second).toMatchObject({ date: '2026-03-02', paidFen: '1200' });

    const listed = await t.call('GET', '/api/admin/dividends?limit=1', { token: shop.adminToken });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toEqual({ items: [second], nextCursor: '2026-03-02' });
    const rest = await t.call('GET', '/api/admin/dividends?limit=1&cursor=2026-03-02', {
      token: shop.adminToken,
    });
    expect(rest.json()).toEqual({ items: [run], nextCursor: null });
    const history = (await t.call('GET', '/api/wallet/dividends', { token: buyer.token })).json();
    expect(history.items.map((i: { date: string }) => i.date)).toEqual(['2026-03-02', '2026-03-01']);
    expect(history.items[0].paidFen).not.toBe('0');

    expect((await t.call('POST', '/api/admin/dividends/run', { token: buyer.token })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/admin/dividends', { token: shop.staffToken })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/wallet/dividends')).statusCode).toBe(401);
    await t.closeVerified();
    open.pop();
  });

  it('runs now, early, under the same key: concurrent presses and checks make one entry', async () => {
    const t = await start(dialect);
    open.push(t);
    t.clock.set(EVENING);
    const shop = await setUpShop(t);
    await completedOrder(t, shop, await registerBuyer(t));
    const expected = enginePostings(t);
    const results = await Promise.all([
      t.call('POST', '/api/admin/dividends/run', { token: shop.adminToken }),
      t.call('POST', '/api/admin/dividends/run', { token: shop.adminToken }),
      runDividends(t.mall),
    ]);
    const [first, again, direct] = results;
    expect(first!.statusCode, first!.body).toBe(200);
    expect(again!.statusCode).toBe(200);
    expect(again!.json()).toEqual(first!.json());
    expect(direct).toEqual(first!.json());
    expect(direct.paidFen).toBe('1200');
    // The scheduled time comes later the same day: the day has had its run.
    t.clock.set(AFTER_RUN_TIME);
    expect(await runDueDividends(t.mall)).toBeUndefined();
    const entries = await entriesWithKey(t, 'dividends:2026-03-01');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.postings)).toEqual(expected);
  });

  it('leaves a new shop’s first day to “run now”: a node starting after the run time with an empty fund makes no run', async () => {
    const t = await start(dialect);
    open.push(t);
    t.clock.set(AFTER_RUN_TIME);
    const shop = await setUpShop(t);
    const stop = startDividendScheduler(t.mall, (error) => {
      throw error;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop();
    expect(await entriesWithKey(t, 'dividends:2026-03-01')).toHaveLength(0);
    await completedOrder(t, shop, await registerBuyer(t));
    const pressed = await t.call('POST', '/api/admin/dividends/run', { token: shop.adminToken });
    expect(pressed.statusCode, pressed.body).toBe(200);
    expect(BigInt(pressed.json().paidFen)).toBeGreaterThan(0n);
  });

  it('starts a schedule whose first check makes up a missed day that has something to pay', async () => {
    const t = await start(dialect);
    open.push(t);
    t.clock.set(EVENING);
    await completedOrder(t, await setUpShop(t), await registerBuyer(t));
    t.clock.set(AFTER_RUN_TIME);
    const errors: unknown[] = [];
    const stop = startDividendScheduler(t.mall, (error) => errors.push(error));
    try {
      for (let i = 0; i < 100 && (await entriesWithKey(t, 'dividends:2026-03-01')).length === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      stop();
    }
    expect(errors).toEqual([]);
    expect(await entriesWithKey(t, 'dividends:2026-03-01')).toHaveLength(1);
  });

  // Two nodes need PostgreSQL: a SQLite store has one writer. Defined only there, so nothing is skipped.
  if (dialect === 'postgres')
    it('makes one run when two nodes on one store check and press at once', async () => {
      const a = await start(dialect);
      open.push(a);
      a.clock.set(EVENING);
      const b = await start(dialect, a.clock, a.url);
      open.push(b);
      const shop = await setUpShop(a);
      await completedOrder(a, shop, await registerBuyer(a));
      await completedOrder(b, shop, await registerBuyer(b));
      await b.mall.ledger.catchUp();
      a.clock.set(AFTER_RUN_TIME);
      const expected = enginePostings(b);
      const [fromA, fromB, pressedA, pressedB, directB] = await Promise.all([
        runDueDividends(a.mall),
        runDueDividends(b.mall),
        a.call('POST', '/api/admin/dividends/run', { token: shop.adminToken }),
        b.call('POST', '/api/admin/dividends/run', { token: shop.adminToken }),
        runDividends(b.mall),
      ]);
      expect(pressedA.statusCode, pressedA.body).toBe(200);
      expect(pressedB.statusCode, pressedB.body).toBe(200);
      const runs = [fromA, fromB, pressedA.json(), pressedB.json(), directB].filter((r) => r !== undefined);
      for (const run of runs) expect(run).toEqual(directB);
      expect(directB.paidFen).toBe('2400');
      const entries = await entriesWithKey(a, 'dividends:2026-03-01');
      expect(entries).toHaveLength(1);
      expect(JSON.parse(entries[0]!.postings)).toEqual(expected);
    });
});
