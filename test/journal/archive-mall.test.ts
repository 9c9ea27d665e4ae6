// The mall's rows travel in the archive too (docs/archive.md): a store with members,
// orders, payments, shipments and coupons, built through the HTTP API, goes to the other database and
// comes back byte for byte; journal-only archives (the vector's) still load; and import refuses a store whose mall
// tables have rows.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MALL_ARCHIVE_TABLES } from '../../src/mall/archive-tables.js';
import { runWebhookDeliveries } from '../../src/webhooks/index.js';
import {
  archiveText,
  type CliRun,
  count,
  DIALECTS,
  journalVectors,
  lines,
  newStore,
  type TestStore,
  tables,
  vector,
} from '../support/journal.js';
import { startTestMall } from '../support/mall.js';
import {
  key,
  payByGateway,
  placeOrder,
  registerBuyer,
  setUpShop,
  shipDeliverConfirm,
} from '../support/shop.js';

function expectSuccess(run: CliRun): void {
  expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
}

/** Every mall table of the archive, rows in key order, values as strings. */
async function mallRows(store: TestStore): Promise<Record<string, Record<string, string>[]>> {
  const all: Record<string, Record<string, string>[]> = {};
  for (const table of MALL_ARCHIVE_TABLES)
    all[table.table] = await store.rows(table.table, table.orderBy.join(', '));
  return all;
}

/** The tables of a store: ledger, mall archive sections, and the two left out on purpose. */
async function tableNames(store: TestStore): Promise<string[]> {
  const found =
    store.dialect === 'sqlite'
      ? await store.sql(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
      : await store.sql(`select tablename as name from pg_tables where schemaname = 'public'`);
  return found.map((row) => String(row.name)).sort();
}

function sectionsOf(text: string): string[] {
  const sections: string[] = [];
  for (const line of lines(text).slice(1)) {
    const section = (JSON.parse(line) as { section: string }).section;
    if (sections.at(-1) !== section) sections.push(section);
  }
  return sections;
}

/** An archive file of `text`'s lines (a list of lines, each without its newline). */
function writeArchive(file: string, text: readonly string[]): string {
  writeFileSync(file, gzipSync(`${text.join('\n')}\n`));
  return file;
}

for (const dialect of DIALECTS) {
  const other = dialect === 'sqlite' ? 'postgres' : 'sqlite';
  describe(`the mall's sections from ${dialect}`, () => {
    const stores: TestStore[] = [];
    const make = async (kind: typeof dialect | typeof other) => {
      const store = await newStore(kind);
      stores.push(store);
      return store;
    };
    afterAll(async () => {
      for (const store of stores) await store.dispose();
    });

    let source: TestStore;
    let first: string;
    let firstText: string;
    let referredFirst: string;
    beforeAll(async () => {
      source = await make(dialect);
      const t = await startTestMall(dialect, { url: source.url });
      try {
        const shop = await setUpShop(t);
        const category = await t.call('POST', '/api/admin/categories', {
          token: shop.adminToken,
          body: { name: '红酒', nameEn: 'Red wine', sort: 2 },
        });
        expect(category.statusCode, category.body).toBe(201);
        const code = `ARCHIVE${dialect.toUpperCase()}`;
        const coupon = await t.call('POST', '/api/coupons', {
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
        expect(coupon.statusCode, coupon.body).toBe(201);
        const alice = await registerBuyer(t);
        const bob = await registerBuyer(t, alice.referralCode);
        const carol = await registerBuyer(t, bob.referralCode);
        const cart = await t.call('PUT', `/api/cart/items/${shop.caseSku}`, {
          token: alice.token,
          body: { quantity: 3 },
        });
        expect(cart.statusCode, cart.body).toBe(200);
        const withCoupon = await placeOrder(t, bob, shop.wineSku, 2, { coupons: [code] });
        await payByGateway(t, bob, withCoupon);
        await shipDeliverConfirm(t, shop, bob, withCoupon);
        const paid = await placeOrder(t, carol, shop.caseSku, 1);
        await payByGateway(t, carol, paid);
        await placeOrder(t, alice, shop.wineSku, 1);
        // Money out: bob sells his points and withdraws cash; the merchant asks for its sales.
        const sold = await t.call('POST', '/api/wallet/sell', {
          token: bob.token,
          key: key(),
          body: { pointsMicro: 'all' },
        });
        expect(sold.statusCode, sold.body).toBe(200);
        const withdrawal = await t.call('POST', '/api/wallet/withdrawals', {
          token: bob.token,
          key: key(),
          body: { amountFen: '1000', destination: 'bank' },
        });
        expect(withdrawal.statusCode, withdrawal.body).toBe(200);
        const payout = await t.call('POST', `/api/merchants/${shop.merchantId}/payouts`, {
          token: shop.staffToken,
          key: key(),
          body: { amountFen: 'all' },
        });
        expect(payout.statusCode, payout.body).toBeLessThan(300);
        // A webhook endpoint nobody listens on: one pass leaves its deliveries pending, to be retried.
        const hook = await t.call('POST', '/api/admin/webhooks', {
          token: shop.adminToken,
          body: { url: 'http://127.0.0.1:9/hook' },
        });
        expect(hook.statusCode, hook.body).toBe(201);
        await t.call('POST', `/api/admin/webhooks/${hook.json().id}/replay`, {
          token: shop.adminToken,
          body: { fromSeq: '1' },
        });
        await runWebhookDeliveries(t.mall);
        // A member whose id sorts before its referrer's (ids of one millisecond sort at random): import
        // must not depend on referrers coming first.
        referredFirst = 'm0-referred-first';
        await t.mall.write(async (tx) => {
          await tx.db
            .insertInto('members')
            .values({
              id: referredFirst,
              phone: null,
              email: 'early@example.com',
              password_hash: 'not-a-hash',
              role: 'consumer',
              merchant_id: null,
              display_name: 'Early',
              referral_code: 'EARLYREF',
              referrer_id: carol.id,
              created_at: tx.now,
            })
            .execute();
        });
        expect(referredFirst < carol.id).toBe(true);
      } finally {
        await t.close();
      }
      for (const table of MALL_ARCHIVE_TABLES)
        expect(await count(source, table.table), table.table).toBeGreaterThan(0);
      first = join(source.dir, 'first.gz');
      expectSuccess(source.cli('export', first));
      firstText = archiveText(first);
    });

    it('writes the version 1 header, the ledger sections, then the mall tables in order', () => {
      const header = JSON.parse(lines(firstText)[0]!) as Record<string, unknown>;
      expect(header.version).toBe(1);
      const expected = ['parameters', 'journal', 'rejections', ...MALL_ARCHIVE_TABLES.map((t) => t.section)];
      // Sections without rows write no line; the ones present keep the order.
      const sections = sectionsOf(firstText);
      expect(sections).toEqual(expected.filter((section) => sections.includes(section)));
      expect(sections).toEqual(expect.arrayContaining(['members', 'orders', 'shipment_events', 'coupons']));
      expect(sections).not.toContain('sessions');
      expect(sections).not.toContain('store_settings');
      const sku = lines(firstText).find(
        (line) => line.includes('"section":"skus"') && line.includes('"name":"750ml x 1"'),
      );
      expect(sku).toMatch(/"price_fen":"10000"/);
      const early = lines(firstText).find((line) => line.includes(referredFirst))!;
      expect(early).toMatch(/"referrer_id":"m/);
    });

    it('archives every table except the ones left out on purpose', async () => {
      // Balances, the account index and the history are derived: import rebuilds them from the journal.
      const ledger = [
        'balances',
        'economy_history',
        'journal',
        'journal_accounts',
        'parameters',
        'rejections',
        'snapshots',
      ];
      const migrations = ['schema_migrations', 'schema_migrations_lock'];
      const leftOut = ['sessions', 'store_settings'];
      expect(await tableNames(source)).toEqual(
        [...ledger, ...migrations, ...leftOut, ...MALL_ARCHIVE_TABLES.map((t) => t.table)].sort(),
      );
    });

    describe(`through ${other} and back`, () => {
      let middle: TestStore;
      let second: string;

      it(`imports into ${other} with the same journal, balances and mall rows`, async () => {
        middle = await make(other);
        expectSuccess(middle.cli('migrate'));
        expectSuccess(middle.cli('import', first));
        const verify = middle.cli('verify');
        expectSuccess(verify);
        expect(verify.stdout).toBe(source.cli('verify').stdout);
        expect(await tables(middle)).toEqual(await tables(source));
        expect(await mallRows(middle)).toEqual(await mallRows(source));
        expect(await count(middle, 'sessions')).toBe(0);
      });

      it(`exports from ${other} the same archive, byte for byte`, () => {
        second = join(middle.dir, 'second.gz');
        expectSuccess(middle.cli('export', second));
        expect(archiveText(second)).toBe(firstText);
        expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
      });

      it(`imports that into a new ${dialect} store, identical again`, async () => {
        const last = await make(dialect);
        expectSuccess(last.cli('import', second));
        expectSuccess(last.cli('verify'));
        expect(await mallRows(last)).toEqual(await mallRows(source));
        const third = join(last.dir, 'third.gz');
        expectSuccess(last.cli('export', third));
        expect(readFileSync(third).equals(readFileSync(first))).toBe(true);
      });

      it('opens the mall on the imported store', async () => {
        const t = await startTestMall(other, { url: middle.url });
        try {
          const listed = await t.call('GET', '/api/products');
          expect(listed.statusCode, listed.body).toBe(200);
        } finally {
          await t.close();
        }
      });
    });

    it('refuses a store whose mall tables have rows, with exit 2 and nothing changed', async () => {
      const target = await make(other);
      expectSuccess(target.cli('migrate'));
      await target.sql(`insert into merchants (id, name, description, created_at) values (?, ?, ?, ?)`, [
        'x-merchant',
        'Already here',
        '',
        '2026-01-01T00:00:00.000Z',
      ]);
      const run = target.cli('import', first);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/STORE_NOT_EMPTY/);
      expect(await count(target, 'journal')).toBe(0);
      expect(await count(target, 'merchants')).toBe(1);
      expect(await count(target, 'members')).toBe(0);
    });

    it('refuses an unknown section, a mall section out of order, and a broken row, leaving the store fresh', async () => {
      const text = lines(firstText);
      const orderLine = text.find((line) => line.endsWith('"section":"orders"}'))!;
      const bad = {
        unknown: [...text, '{"row":{"id":"w1"},"section":"wishlists"}'],
        outOfOrder: [...text, orderLine],
        // A second copy of a merchant: its primary key is taken.
        duplicate: text.flatMap((line) => (line.endsWith('"section":"merchants"}') ? [line, line] : [line])),
        numbers: text.map((line) =>
          line === orderLine ? line.replace(/"items_fen":"(\d+)"/, '"items_fen":$1') : line,
        ),
      };
      expect(bad.numbers).not.toEqual(text);
      for (const [name, archive] of Object.entries(bad)) {
        const target = await make(other);
        expectSuccess(target.cli('migrate'));
        const run = target.cli('import', writeArchive(join(source.dir, `${name}.gz`), archive));
        expect(run.code, `${name}: ${run.stderr}`).toBe(1);
        expect(run.stderr, name).toMatch(/BAD_ARCHIVE/);
        expect(await count(target, 'journal'), name).toBe(0);
        expect(await count(target, 'merchants'), name).toBe(0);
        expect(await count(target, 'members'), name).toBe(0);
      }
    });
  });

  describe(`journal-only archives on ${dialect}`, () => {
    const stores: TestStore[] = [];
    afterAll(async () => {
      for (const store of stores) await store.dispose();
    });

    // small.archive.jsonl, the journal vectors' archive of small, has no mall sections.
    let v1: string[];
    let source: TestStore;
    beforeAll(async () => {
      source = await newStore(dialect);
      stores.push(source);
      expect(source.cli('apply', join(journalVectors, 'small.jsonl')).code).toBe(1);
      v1 = lines(readFileSync(join(journalVectors, 'small.archive.jsonl'), 'utf8'));
      expect(v1[0]).toMatch(/"version":1\}$/);
    });

    it("still imports (the vectors' small.archive.jsonl), with empty mall tables", async () => {
      const target = await newStore(other);
      stores.push(target);
      expectSuccess(target.cli('import', writeArchive(join(source.dir, 'v1.gz'), v1)));
      expect(target.cli('verify').stdout).toBe(`${vector('small.verify.txt').trim()}\n`);
      expect(target.cli('verify').stdout).toBe(source.cli('verify').stdout);
      // Rejection codes and messages are each implementation's own (the vector's are not ours).
      const { rejections: _r, ...ledger } = await tables(target);
      const { rejections: _s, ...sourceLedger } = await tables(source);
      expect(ledger).toEqual(sourceLedger);
      expect(await count(target, 'rejections')).toBe(await count(source, 'rejections'));
      for (const table of MALL_ARCHIVE_TABLES) expect(await count(target, table.table)).toBe(0);
    });
  });
}
