// Events out of the journal on both databases: the admin's event feed and its pages, webhook endpoints,
// and the outbox delivering to a local receiver that fails the first two attempts of every event. Every
// request the receiver gets must verify with the standardwebhooks package, not with our own code.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journal } from '../../src/mall/mall.js';
import { runWebhookDeliveries } from '../../src/webhooks/index.js';
import { DIALECTS, startTestMall, type TestMall } from '../support/mall.js';
import {
  payByGateway,
  placeOrder,
  registerBuyer,
  setUpShop,
  shipDeliverConfirm,
  type TestShop,
} from '../support/shop.js';

interface Received {
  path: string;
  id: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

interface FeedEvent {
  id: string;
  type: string;
  seq: string;
  time: string;
  hash: string;
  data: Record<string, string>;
}

/** A receiver: `/ok/*` answers 500 to the first two attempts of each event id, then 204; `/down` always 500. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      const id = String(request.headers['webhook-id']);
      const n = (attempts.get(`${path} ${id}`) ?? 0) + 1;
      attempts.set(`${path} ${id}`, n);
      const status = path.startsWith('/ok/') && n > 2 ? 204 : 500;
      received.push({
        path,
        id,
        headers: flat(request.headers),
        body: Buffer.concat(chunks).toString(),
        status,
      });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

function flat(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}

describe.each(DIALECTS)('events and webhooks on %s', (dialect) => {
  let t: TestMall;
  let shop: TestShop;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const endpoints: Record<
    'all' | 'orders' | 'off' | 'down',
    { id: string; secret: string; cursorSeq: string }
  > = {} as never;

  const admin = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) =>
    t.call(method, path, { token: shop.adminToken, ...(body === undefined ? {} : { body }) });

  async function addEndpoint(path: string, eventTypes?: string[]) {
    const response = await admin('POST', '/api/admin/webhooks', {
      url: `${receiver.url}${path}`,
      ...(eventTypes === undefined ? {} : { eventTypes }),
      description: path,
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    return body as { id: string; secret: string; cursorSeq: string };
  }

  async function feed(query: string): Promise<{ events: FeedEvent[]; nextAfter: string }> {
    const response = await admin('GET', `/api/events?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  /** Runs passes, the test clock a minute on each time, until the pending deliveries are done. */
  async function drive(stepMs = 60_000, passesMax = 30, malls = [t.mall, t.mall]): Promise<void> {
    for (let pass = 0; pass < passesMax; pass++) {
      // Passes at once, as two nodes would run them: no attempt may be made twice.
      await Promise.all(malls.map((mall) => runWebhookDeliveries(mall)));
      const due = await t.mall.read
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('d.status', '=', 'pending')
        .where('e.active', '=', 1)
        .executeTakeFirstOrThrow();
      if (Number(due.n) === 0) return;
      t.clock.advance(stepMs);
    }
    throw new Error('deliveries still pending');
  }

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestMall(dialect);
    shop = await setUpShop(t);
    endpoints.all = await addEndpoint('/ok/all');
    endpoints.orders = await addEndpoint('/ok/orders', ['order.completed', 'dividend.paid', 'dividends.ran']);
    endpoints.off = await addEndpoint('/ok/off');
    const disabled = await admin('DELETE', `/api/admin/webhooks/${endpoints.off.id}`);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().active).toBe(false);

    const first = await registerBuyer(t);
    const second = await registerBuyer(t, first.referralCode);
    for (const buyer of [first, second, first]) {
      const orderId = await placeOrder(t, buyer, shop.wineSku);
      await payByGateway(t, buyer, orderId);
      await shipDeliverConfirm(t, shop, buyer, orderId);
    }
    await t.mall.write((tx) => journal(tx, 'dividends:2026-03-01', { type: 'dividends' }));
    await drive();
  });
  afterAll(async () => {
    await t.closeVerified();
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  it('delivers every wanted event of the journal, signed, after two failures each, none lost or doubled', async () => {
    const all = (await feed('after=0&limit=1000')).events;
    const types = new Set(all.map((e) => e.type));
    for (const type of [
      'member.joined',
      'points.awarded',
      'order.completed',
      'dividends.ran',
      'dividend.paid',
    ])
      expect(types, type).toContain(type);
    const orderTypes = new Set(['order.completed', 'dividend.paid', 'dividends.ran']);
    for (const [name, wants] of [
      ['all', () => true],
      ['orders', (e: FeedEvent) => orderTypes.has(e.type)],
    ] as const) {
      const endpoint = endpoints[name];
      const expected = all.filter((e) => BigInt(e.seq) > BigInt(endpoint.cursorSeq) && wants(e));
      const got = receiver.received.filter((r) => r.path === `/ok/${name}`);
      expect(expected.length).toBeGreaterThan(3);
      // Each event exactly three times: two 500s, then the 204.
      const counts = new Map<string, number>();
      for (const r of got) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
      expect([...counts.keys()].sort()).toEqual(expected.map((e) => e.id).sort());
      expect([...counts.values()].every((n) => n === 3)).toBe(true);
      const webhook = new Webhook(endpoint.secret);
      for (const r of got) {
        const payload = webhook.verify(r.body, r.headers) as {
          type: string;
          timestamp: string;
          data: object;
        };
        const event = expected.find((e) => e.id === r.id)!;
        expect(payload).toEqual({
          type: event.type,
          timestamp: event.time,
          data: { ...event.data, journalSeq: event.seq, journalHash: event.hash },
        });
        expect(r.headers['content-type']).toBe('application/json');
      }
      const deliveries = (
        await admin('GET', `/api/admin/webhooks/${endpoint.id}/deliveries?limit=1000`)
      ).json().deliveries as Array<{ status: string; attempts: number; lastError: string }>;
      expect(deliveries).toHaveLength(expected.length);
      expect(
        deliveries.every((d) => d.status === 'delivered' && d.attempts === 3 && d.lastError === ''),
      ).toBe(true);
    }
    const completed = all.find((e) => e.type === 'order.completed')!;
    expect(completed.data).toMatchObject({ amountFen: '10000', merchant: shop.merchantId });
    expect(completed.data.orderId).toMatch(/./);
    expect(all.filter((e) => e.type === 'dividend.paid').every((e) => BigInt(e.data.amountFen!) > 0n)).toBe(
      true,
    );
  });

  it('sends nothing to a disabled endpoint, and lists endpoints without their secrets', async () => {
    expect(receiver.received.filter((r) => r.path === '/ok/off')).toEqual([]);
    const list = await admin('GET', '/api/admin/webhooks');
    expect(list.statusCode).toBe(200);
    const views = list.json().endpoints as Array<Record<string, unknown>>;
    expect(views.map((v) => v.id).sort()).toEqual(
      [endpoints.all.id, endpoints.orders.id, endpoints.off.id].sort(),
    );
    expect(list.body).not.toContain('whsec_');
    expect(views.find((v) => v.id === endpoints.orders.id)?.eventTypes).toEqual([
      'dividend.paid',
      'dividends.ran',
      'order.completed',
    ]);
    const replay = await admin('POST', `/api/admin/webhooks/${endpoints.off.id}/replay`, { fromSeq: '1' });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('WEBHOOK_DISABLED');
  });

  it('pages the feed by entries, filters by type, and ends at the head', async () => {
    const whole = await feed('after=0&limit=1000');
    const paged: FeedEvent[] = [];
    let after = '0';
    for (let page = 0; page < 1000; page++) {
      const next = await feed(`after=${after}&limit=3`);
      paged.push(...next.events);
      if (next.nextAfter === after) break;
      expect(BigInt(next.nextAfter) > BigInt(after)).toBe(true);
      after = next.nextAfter;
    }
    expect(paged).toEqual(whole.events);
    expect(after).toBe(t.mall.ledger.state.head.seq.toString());
    // The last event carries the head's hash: a reader can check it with `tokenmall verify --head`.
    expect(whole.events.at(-1)?.hash).toBe(t.mall.ledger.state.head.hash);
    const filtered = await feed('after=0&limit=1000&type=order.completed,dividend.paid');
    expect(filtered.events).toEqual(
      whole.events.filter((e) => ['order.completed', 'dividend.paid'].includes(e.type)),
    );
    expect(filtered.nextAfter).toBe(whole.nextAfter);
    expect((await admin('GET', '/api/events?after=-1')).statusCode).toBe(400);
    // The issue's path, `/events`, is the same feed.
    expect((await admin('GET', '/events?after=0&limit=1000')).json()).toEqual(whole);
  });

  it('is for admins only (401 without a token, 403 for others)', async () => {
    const buyer = await registerBuyer(t);
    for (const [method, path] of [
      ['GET', '/api/events'],
      ['GET', '/events'],
      ['GET', '/api/admin/webhooks'],
      ['POST', '/api/admin/webhooks'],
      ['DELETE', `/api/admin/webhooks/${endpoints.all.id}`],
      ['GET', `/api/admin/webhooks/${endpoints.all.id}/deliveries`],
      ['POST', `/api/admin/webhooks/${endpoints.all.id}/replay`],
    ] as const) {
      const body = method === 'POST' ? { url: 'https://example.com/hook' } : undefined;
      const anonymous = await t.call(method, path, { ...(body ? { body } : {}) });
      expect({ path, status: anonymous.statusCode }).toEqual({ path, status: 401 });
      for (const token of [buyer.token, shop.staffToken]) {
        const other = await t.call(method, path, { token, ...(body ? { body } : {}) });
        expect({ path, status: other.statusCode }).toEqual({ path, status: 403 });
      }
    }
    const unknown = await admin('POST', '/api/admin/webhooks', {
      url: 'https://example.com/hook',
      eventTypes: ['order.shipped'],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('UNKNOWN_EVENT_TYPE');
    const notUrl = await admin('POST', '/api/admin/webhooks', { url: 'ftp://example.com' });
    expect(notUrl.statusCode).toBe(400);
    await drive();
  });

  it('replays by id and from a seq with the same event ids', async () => {
    const endpoint = endpoints.orders;
    const got = () => receiver.received.filter((r) => r.path === '/ok/orders');
    const target = got().at(-1)!;
    const before = got().length;
    const replay = await admin('POST', `/api/admin/webhooks/${endpoint.id}/replay`, {
      eventIds: [target.id],
    });
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json().reset).toBe(1);
    await drive();
    const again = got().slice(before);
    expect(again.map((r) => r.id)).toEqual([target.id]);
    expect(again[0]!.status).toBe(204);
    expect(new Webhook(endpoint.secret).verify(again[0]!.body, again[0]!.headers)).toEqual(
      JSON.parse(target.body),
    );

    // From seq 1: every wanted event again, including those from before the endpoint existed.
    const wanted = (await feed('after=0&limit=1000&type=order.completed,dividend.paid,dividends.ran')).events;
    const sent = new Set(got().map((r) => r.id));
    const fromStart = await admin('POST', `/api/admin/webhooks/${endpoint.id}/replay`, { fromSeq: '1' });
    expect(fromStart.statusCode, fromStart.body).toBe(200);
    expect(fromStart.json().cursorSeq).toBe('0');
    const mark = got().length;
    await drive();
    const replayed = got()
      .slice(mark)
      .filter((r) => r.status === 204);
    expect(replayed.map((r) => r.id).sort()).toEqual(wanted.map((e) => e.id).sort());
    expect(wanted.every((e) => sent.has(e.id) || BigInt(e.seq) <= BigInt(endpoint.cursorSeq))).toBe(true);
    for (const r of got()) expect(() => new Webhook(endpoint.secret).verify(r.body, r.headers)).not.toThrow();
  });

  // Two nodes need PostgreSQL: a SQLite store has one writer. Defined only there, so nothing is skipped.
  if (dialect === 'postgres')
    it('fills and sends once with two nodes on one store', async () => {
      const other = await startTestMall(dialect, { url: t.url, clock: t.clock });
      try {
        const two = await addEndpoint('/ok/two');
        await Promise.all([registerBuyer(t), registerBuyer(t), registerBuyer(t)]);
        await drive(60_000, 30, [t.mall, other.mall, t.mall, other.mall]);
        const expected = (await feed(`after=${two.cursorSeq}&limit=1000`)).events;
        const got = receiver.received.filter((r) => r.path === '/ok/two');
        expect(expected.length).toBeGreaterThanOrEqual(3);
        expect(got).toHaveLength(expected.length * 3);
        expect(new Set(got.map((r) => r.id))).toEqual(new Set(expected.map((e) => e.id)));
        for (const r of got) expect(() => new Webhook(two.secret).verify(r.body, r.headers)).not.toThrow();
        await admin('DELETE', `/api/admin/webhooks/${two.id}`);
      } finally {
        await other.close();
      }
    });

  it('gives up after the last attempt (failed, last error kept) and a replay makes it pending again', async () => {
    const down = await addEndpoint('/down', ['dividends.ran']);
    await t.mall.write((tx) => journal(tx, 'dividends:2026-03-02', { type: 'dividends' }));
    await drive(86_400_000);
    const deliveries = (await admin('GET', `/api/admin/webhooks/${down.id}/deliveries`)).json().deliveries;
    expect(deliveries).toEqual([
      expect.objectContaining({
        eventType: 'dividends.ran',
        status: 'failed',
        attempts: 10,
        lastError: 'HTTP 500',
      }),
    ]);
    const received = receiver.received.filter((r) => r.path === '/down');
    expect(received).toHaveLength(10);
    expect(new Set(received.map((r) => r.id)).size).toBe(1);
    for (const r of received) expect(() => new Webhook(down.secret).verify(r.body, r.headers)).not.toThrow();
    const replay = await admin('POST', `/api/admin/webhooks/${down.id}/replay`, {
      eventIds: [deliveries[0].eventId],
    });
    expect(replay.statusCode).toBe(200);
    const pending = (await admin('GET', `/api/admin/webhooks/${down.id}/deliveries?status=pending`)).json();
    expect(pending.deliveries).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);
    await admin('DELETE', `/api/admin/webhooks/${down.id}`);
  });
});
