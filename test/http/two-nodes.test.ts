// Two `tokenmall serve` processes on one PostgreSQL take checkouts, payments and completions at the
// same time; the journal then verifies, and its serial replay (an import into a fresh store) gives the
// same state and head as both nodes report.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signGatewayNotification } from '../../src/payments/index.js';
import { tokenmall } from '../support/journal.js';
import { newStoreUrl } from '../support/mall.js';
import { http, type ServeProcess, startServe } from '../support/server.js';

const SECRET = 'gw_two_nodes_test';
const BUYERS = 24;

describe('two serve processes on one PostgreSQL', () => {
  const nodes: ServeProcess[] = [];
  afterAll(async () => Promise.all(nodes.map((n) => n.stop())));

  it('apply every order once, in one serial journal', async () => {
    const url = await newStoreUrl('postgres');
    const env = { TOKENMALL_GATEWAY_SECRET: SECRET };
    // Both start on the empty store at once: exactly one seeds the demo shop.
    nodes.push(...(await Promise.all([startServe(url, env), startServe(url, env)])));
    const [a, b] = nodes as [ServeProcess, ServeProcess];
    const seeded = nodes
      .map((n) => /admin login (\S+) password (\S+)/.exec(n.output()))
      .filter((m) => m !== null);
    expect(seeded).toHaveLength(1);
    const [, adminPhone, adminPassword] = seeded[0]!;
    const admin = (
      await http(a.url, 'POST', '/api/auth/login', {
        body: { identifier: adminPhone, password: adminPassword },
      })
    ).body.token;
    const products = (await http(a.url, 'GET', '/api/products?limit=100')).body.items;
    const wine = products.find((p: { title: string }) => p.title.includes('经典干红'));
    expect(wine).toBeDefined();
    const detail = (await http(b.url, 'GET', `/api/products/${wine.id}`)).body;
    const skuId = detail.skus[0].id;
    const staffPhone = '13700000099';
    expect(
      (
        await http(a.url, 'POST', '/api/admin/staff', {
          token: admin,
          body: {
            phone: staffPhone,
            password: 'staff-password',
            role: 'merchant',
            merchantId: wine.merchantId,
            displayName: 'S',
          },
        })
      ).status,
    ).toBe(201);
    const staff = (
      await http(b.url, 'POST', '/api/auth/login', {
        body: { identifier: staffPhone, password: 'staff-password' },
      })
    ).body.token;

    let counter = 0;
    const node = () => (counter++ % 2 === 0 ? a : b).url;
    const key = () => `two-nodes-${counter++}`;
    await Promise.all(
      Array.from({ length: BUYERS }, async (_, i) => {
        const phone = `136${String(i).padStart(8, '0')}`;
        const buyer = (
          await http(node(), 'POST', '/api/auth/register', { body: { phone, password: 'buyer-password' } })
        ).body.token;
        const placed = await http(node(), 'POST', '/api/checkout', {
          token: buyer,
          key: key(),
          body: { items: [{ skuId, quantity: 1 }], address: 'A' },
        });
        expect(placed.status).toBe(201);
        const orderId = placed.body.orders[0].id;
        const payment = (
          await http(node(), 'POST', `/api/orders/${orderId}/pay`, {
            token: buyer,
            key: key(),
            body: { method: 'gateway' },
          })
        ).body;
        const raw = JSON.stringify({
          notificationId: `n-${payment.id}`,
          paymentId: payment.id,
          status: 'succeeded',
          amountFen: payment.cashFen,
        });
        const ts = Math.floor(Date.now() / 1000);
        // The gateway notifies twice, once to each node: one payment.
        for (const target of [a.url, b.url]) {
          const notified = await http(target, 'POST', '/api/payments/gateway/notify', {
            body: raw,
            headers: {
              'x-tokenmall-timestamp': String(ts),
              'x-tokenmall-signature': signGatewayNotification(SECRET, ts, raw),
            },
          });
          expect(notified.status).toBe(200);
        }
        expect(
          (
            await http(node(), 'POST', `/api/orders/${orderId}/ship`, {
              token: staff,
              body: { carrier: 'SF', trackingNumber: `T${i}` },
            })
          ).status,
        ).toBe(200);
        expect((await http(node(), 'POST', `/api/orders/${orderId}/deliver`, { token: staff })).status).toBe(
          200,
        );
        // The buyer confirms on both nodes at once: one completion.
        const confirmations = await Promise.all(
          [a.url, b.url].map((target) =>
            http(target, 'POST', `/api/orders/${orderId}/confirm`, {
              token: buyer,
              key: `confirm-${orderId}-${target}`,
            }),
          ),
        );
        expect(confirmations.map((c) => c.status)).toEqual([200, 200]);
        expect(confirmations[0]!.body.journalSeq).toBe(confirmations[1]!.body.journalSeq);
      }),
    );

    const verify = tokenmall(url, ['verify']);
    expect(verify.stdout).toMatch(/^ok seq=\d+ head=[0-9a-f]{64}\n$/);
    const stored = JSON.parse(tokenmall(url, ['state', '--json', '--accounts']).stdout);
    const archive = join(mkdtempSync(join(tmpdir(), 'tokenmall-two-nodes-')), 'store.jsonl.gz');
    expect(tokenmall(url, ['export', archive]).code).toBe(0);
    const replayUrl = await newStoreUrl('sqlite');
    expect(tokenmall(replayUrl, ['migrate']).code).toBe(0);
    expect(tokenmall(replayUrl, ['import', archive]).code, 'import').toBe(0);
    const replayed = JSON.parse(tokenmall(replayUrl, ['state', '--json', '--accounts']).stdout);
    expect(replayed).toEqual(stored);
    for (const n of nodes) {
      const economy = (await http(n.url, 'GET', '/api/economy')).body;
      expect(economy.headHash).toBe(stored.headHash);
      expect(economy.reserveFen).toBe(stored.reserve);
    }
    expect(BigInt(stored.reserve)).toBe(BigInt(BUYERS) * 3000n);
  });
});
