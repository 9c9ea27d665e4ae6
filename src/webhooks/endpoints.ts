import { big, int } from '../mall/database.js';
import { MallError, notFound } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import type { Mall, MallTx } from '../mall/mall.js';
import { eventsOfEntry, MALL_EVENT_TYPES, type MallEvent, seqOfEventId } from './events.js';
import { journalRowsAfter, seqParam } from './feed.js';
import { newWebhookSecret, webhookPayload } from './signing.js';

/** An endpoint as an admin sees it (never its secret, which is shown once at creation). */
export interface EndpointView {
  id: string;
  url: string;
  /** The types it receives; empty for every type. */
  eventTypes: string[];
  description: string;
  active: boolean;
  /** Deliveries exist for the journal up to this seq (the fill cursor). */
  cursorSeq: string;
  createdAt: string;
}

export interface DeliveryView {
  eventId: string;
  eventType: string;
  seq: string;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string;
  createdAt: string;
  deliveredAt: string | null;
}

/** Most event ids one replay request names. */
export const REPLAY_IDS_MAX = 100;

/**
 * Registers an endpoint that receives the events journaled from now on (the current head is its
 * cursor; older ones come by replay). Returns its view and its secret, shown this once.
 * @throws MallError UNKNOWN_EVENT_TYPE
 */
export async function createEndpoint(
  mall: Mall,
  input: { url: string; eventTypes?: readonly string[]; description?: string },
): Promise<EndpointView & { secret: string }> {
  const types = [...new Set(input.eventTypes ?? [])].sort();
  const unknown = types.filter((type) => !MALL_EVENT_TYPES.includes(type));
  if (unknown.length > 0)
    throw new MallError('UNKNOWN_EVENT_TYPE', `no event type ${unknown.join(', ')}`, {
      unknown,
      known: MALL_EVENT_TYPES,
    });
  const secret = newWebhookSecret();
  const id = await mall.write(async (tx) => {
    const head = await tx.db
      .selectFrom('journal')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    const id = newId('whe_', new Date(tx.now));
    await tx.db
      .insertInto('webhook_endpoints')
      .values({
        id,
        url: input.url,
        secret,
        event_types: JSON.stringify(types),
        description: input.description ?? '',
        active: 1,
        after_seq: String(head?.seq ?? 0),
        created_at: tx.now,
      })
      .execute();
    return id;
  });
  return { ...(await endpointView(mall, id)), secret };
}

export async function listEndpoints(mall: Mall): Promise<EndpointView[]> {
  const rows = await mall.read
    .selectFrom('webhook_endpoints')
    .selectAll()
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map(toView);
}

/** @throws MallError NOT_FOUND */
export async function endpointView(mall: Mall, id: string): Promise<EndpointView> {
  const row = await mall.read
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw notFound('webhook', id);
  return toView(row);
}

/**
 * Disables an endpoint: nothing more is filled or sent to it; its deliveries stay as a record.
 * @throws MallError NOT_FOUND
 */
export async function disableEndpoint(mall: Mall, id: string): Promise<EndpointView> {
  const updated = await mall.write((tx) =>
    tx.db.updateTable('webhook_endpoints').set({ active: 0 }).where('id', '=', id).executeTakeFirst(),
  );
  if (updated.numUpdatedRows === 0n) throw notFound('webhook', id);
  return endpointView(mall, id);
}

/**
 * An endpoint's deliveries, newest journal position first, optionally of one status.
 * @throws MallError NOT_FOUND
 */
export async function listDeliveries(
  mall: Mall,
  endpointId: string,
  options: { status?: string; limit: number },
): Promise<DeliveryView[]> {
  await endpointView(mall, endpointId);
  let query = mall.read.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId);
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  const rows = await query.orderBy('seq', 'desc').orderBy('event_id', 'desc').limit(options.limit).execute();
  return rows.map((row) => ({
    eventId: row.event_id,
    eventType: row.event_type,
    seq: big(row.seq).toString(),
    status: row.status,
    attempts: int(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  }));
}

/**
 * Sends events again with their ids unchanged: every delivery from journal entry `fromSeq` on (the
 * fill cursor moves back, so entries before the endpoint existed are filled too), and the events
 * named in `eventIds`, whatever their type. Each becomes pending with a fresh count of attempts.
 * @throws MallError NOT_FOUND (endpoint or event id), WEBHOOK_DISABLED
 */
export async function replayDeliveries(
  mall: Mall,
  endpointId: string,
  request: { fromSeq?: bigint; eventIds?: readonly string[] },
): Promise<{ reset: number; cursorSeq: string }> {
  if ((request.eventIds?.length ?? 0) > REPLAY_IDS_MAX) throw new Error('too many event ids');
  return mall.write(async (tx) => {
    const endpoint = await tx.db
      .selectFrom('webhook_endpoints')
      .select(['active', 'after_seq'])
      .where('id', '=', endpointId)
      .executeTakeFirst();
    if (endpoint === undefined) throw notFound('webhook', endpointId);
    if (int(endpoint.active) !== 1)
      throw new MallError('WEBHOOK_DISABLED', 'this webhook endpoint is disabled', { webhook: endpointId });
    let cursor = big(endpoint.after_seq);
    let reset = 0;
    const again = {
      status: 'pending',
      attempts: 0,
      next_attempt_at: tx.now,
      last_error: '',
      delivered_at: null,
    };
    if (request.fromSeq !== undefined) {
      const fromSeq = request.fromSeq < 1n ? 1n : request.fromSeq;
      const updated = await tx.db
        .updateTable('webhook_deliveries')
        .set(again)
        .where('endpoint_id', '=', endpointId)
        .where('seq', '>=', seqParam(fromSeq))
        .executeTakeFirst();
      reset += Number(updated.numUpdatedRows);
      if (fromSeq - 1n < cursor) cursor = fromSeq - 1n;
      await tx.db
        .updateTable('webhook_endpoints')
        .set({ after_seq: cursor.toString() })
        .where('id', '=', endpointId)
        .execute();
    }
    for (const id of new Set(request.eventIds ?? [])) {
      await insertDelivery(tx, endpointId, await eventById(tx, id));
      await tx.db
        .updateTable('webhook_deliveries')
        .set(again)
        .where('endpoint_id', '=', endpointId)
        .where('event_id', '=', id)
        .execute();
      reset += 1;
    }
    return { reset, cursorSeq: cursor.toString() };
  });
}

/** Adds a pending delivery of `event` unless the endpoint has one already (exactly once per event). */
export async function insertDelivery(tx: MallTx, endpointId: string, event: MallEvent): Promise<void> {
  await tx.db
    .insertInto('webhook_deliveries')
    .values(deliveryRow(endpointId, event, tx.now))
    .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
    .execute();
}

export function deliveryRow(endpointId: string, event: MallEvent, now: string) {
  return {
    event_id: event.id,
    endpoint_id: endpointId,
    event_type: event.type,
    seq: event.seq,
    payload: webhookPayload(event),
    status: 'pending',
    next_attempt_at: now,
    created_at: now,
  };
}

async function eventById(tx: MallTx, id: string): Promise<MallEvent> {
  const seq = seqOfEventId(id);
  const [entry] = seq === undefined ? [] : await journalRowsAfter(tx.db, seq - 1n, 1);
  const event =
    entry?.seq === seq && entry !== undefined ? eventsOfEntry(entry).find((e) => e.id === id) : undefined;
  if (event === undefined) throw notFound('event', id);
  return event;
}

function toView(row: {
  id: string;
  url: string;
  event_types: string;
  description: string;
  active: number | string | bigint;
  after_seq: number | string | bigint;
  created_at: string;
}): EndpointView {
  return {
    id: row.id,
    url: row.url,
    eventTypes: JSON.parse(row.event_types) as string[],
    description: row.description,
    active: int(row.active) === 1,
    cursorSeq: big(row.after_seq).toString(),
    createdAt: row.created_at,
  };
}
