import { big, int } from '../mall/database.js';
import type { Mall, MallTx } from '../mall/mall.js';
import { deliveryRow } from './endpoints.js';
import { eventsOfEntry } from './events.js';
import { journalRowsAfter, seqParam } from './feed.js';
import { webhookHeaders } from './signing.js';

/**
 * The webhook outbox (docs/integrations.md). Each pass (1) fills `webhook_deliveries` from the journal
 * after each active endpoint's cursor, rows and cursor in one unit, insert-or-ignore on (endpoint,
 * event): exactly one row per event per endpoint, whichever node fills; (2) claims due rows with a
 * conditional update that moves `next_attempt_at` a lease ahead, so no two nodes send one attempt;
 * (3) posts them signed; (4) records the outcome: delivered, or the next attempt after a backoff, or
 * failed after the last. A node that dies mid-attempt loses only its lease: the row is sent again
 * when the lease runs out (at least once, never lost).
 */

/** Waits after the 1st, 2nd, ... failed attempt; after the last one the delivery is `failed`. */
export const RETRY_DELAYS_MS: readonly number[] = [
  10_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000, 86_400_000, 86_400_000,
];
export const ATTEMPTS_MAX = RETRY_DELAYS_MS.length + 1;

export interface DispatchOptions {
  /** How long a claimed attempt is ours; longer than the request timeout. */
  readonly leaseMs?: number;
  readonly timeoutMs?: number;
  /** Most deliveries claimed (and sent in parallel) per pass. */
  readonly claimMax?: number;
}

const DEFAULTS = { leaseMs: 60_000, timeoutMs: 10_000, claimMax: 50 } as const;
/** Journal entries one fill unit reads, and fill units per endpoint per pass: a pass never hogs the writer. */
const FILL_ENTRIES_MAX = 500;
const FILL_UNITS_MAX = 20;
/** Rows per insert statement (11 columns each stays far below SQLite's bound parameter limit). */
const INSERT_ROWS_MAX = 200;
const ERROR_TEXT_MAX = 500;

export interface PassResult {
  filled: number;
  attempted: number;
  delivered: number;
  failed: number;
}

/** One pass of the outbox: fill, claim, send, record. Tests call it with a test clock. */
export async function runWebhookDeliveries(mall: Mall, options: DispatchOptions = {}): Promise<PassResult> {
  const settings = { ...DEFAULTS, ...options };
  if (settings.leaseMs <= settings.timeoutMs) throw new Error('the lease must outlast the request timeout');
  const filled = await fillDeliveries(mall);
  const claims = await claimDue(mall, settings.leaseMs, settings.claimMax);
  const outcomes = await Promise.all(claims.map((claim) => send(claim, settings.timeoutMs)));
  const recorded = await recordOutcomes(mall, claims, outcomes);
  return { filled, attempted: claims.length, ...recorded };
}

/** Fills every active endpoint's deliveries up to the journal's head (bounded per pass). */
export async function fillDeliveries(mall: Mall): Promise<number> {
  // Committed reads first, so an idle pass takes no turn at the writer.
  const head = await mall.read
    .selectFrom('journal')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  const headSeq = head?.seq === null || head?.seq === undefined ? 0n : big(head.seq);
  const endpoints = await mall.read
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('active', '=', 1)
    .where('after_seq', '<', seqParam(headSeq))
    .orderBy('id')
    .execute();
  let filled = 0;
  for (const { id } of endpoints) {
    for (let unit = 0; unit < FILL_UNITS_MAX; unit++) {
      const { rows, entries } = await mall.write((tx) => fillUnit(tx, id));
      filled += rows;
      if (entries < FILL_ENTRIES_MAX) break;
    }
  }
  return filled;
}

async function fillUnit(tx: MallTx, endpointId: string): Promise<{ rows: number; entries: number }> {
  const endpoint = await tx.db
    .selectFrom('webhook_endpoints')
    .select(['active', 'after_seq', 'event_types'])
    .where('id', '=', endpointId)
    .executeTakeFirstOrThrow();
  if (int(endpoint.active) !== 1) return { rows: 0, entries: 0 };
  const cursor = big(endpoint.after_seq);
  const entries = await journalRowsAfter(tx.db, cursor, FILL_ENTRIES_MAX);
  const last = entries.at(-1);
  if (last === undefined) return { rows: 0, entries: 0 };
  if (entries[0]!.seq <= cursor) throw new Error('fill read an entry at or before its cursor');
  const wanted = new Set(JSON.parse(endpoint.event_types) as string[]);
  const rows = entries
    .flatMap(eventsOfEntry)
    .filter((event) => wanted.size === 0 || wanted.has(event.type))
    .map((event) => deliveryRow(endpointId, event, tx.now));
  for (let i = 0; i < rows.length; i += INSERT_ROWS_MAX) {
    await tx.db
      .insertInto('webhook_deliveries')
      .values(rows.slice(i, i + INSERT_ROWS_MAX))
      .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
      .execute();
  }
  await tx.db
    .updateTable('webhook_endpoints')
    .set({ after_seq: last.seq.toString() })
    .where('id', '=', endpointId)
    .execute();
  return { rows: rows.length, entries: entries.length };
}

interface Claim {
  readonly endpointId: string;
  readonly eventId: string;
  readonly url: string;
  readonly secret: string;
  readonly payload: string;
  readonly attempts: number;
  readonly leaseUntil: string;
}

/** Takes up to `claimMax` due deliveries of active endpoints, each with a lease only one node gets. */
async function claimDue(mall: Mall, leaseMs: number, claimMax: number): Promise<Claim[]> {
  const anyDue = await mall.read
    .selectFrom('webhook_deliveries')
    .select('event_id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', mall.nowText())
    .limit(1)
    .executeTakeFirst();
  if (anyDue === undefined) return [];
  return mall.write(async (tx) => {
    const now = tx.now;
    const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
    const due = await tx.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .select([
        'd.endpoint_id',
        'd.event_id',
        'd.payload',
        'd.attempts',
        'd.next_attempt_at',
        'e.url',
        'e.secret',
      ])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .where('e.active', '=', 1)
      .orderBy('d.next_attempt_at')
      .orderBy('d.seq')
      .limit(claimMax)
      .execute();
    const claims: Claim[] = [];
    for (const row of due) {
      const taken = await tx.db
        .updateTable('webhook_deliveries')
        .set({ next_attempt_at: leaseUntil })
        .where('endpoint_id', '=', row.endpoint_id)
        .where('event_id', '=', row.event_id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '=', row.next_attempt_at)
        .executeTakeFirst();
      if (taken.numUpdatedRows !== 1n) continue;
      claims.push({
        endpointId: row.endpoint_id,
        eventId: row.event_id,
        url: row.url,
        secret: row.secret,
        payload: row.payload,
        attempts: int(row.attempts),
        leaseUntil,
      });
    }
    return claims;
  });
}

type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** One attempt: the payload as stored, signed now (the receiver checks the timestamp against its clock). */
async function send(claim: Claim, timeoutMs: number): Promise<Outcome> {
  const headers = webhookHeaders(claim.secret, claim.eventId, Math.floor(Date.now() / 1000), claim.payload);
  try {
    const response = await fetch(claim.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'tokenmall-webhooks', ...headers },
      body: claim.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true };
    return { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    const message = `${(error as Error).name}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`;
    return { ok: false, error: message.slice(0, ERROR_TEXT_MAX) };
  }
}

/** Records every attempt of the pass in one unit; a lease taken over meanwhile is left to its new owner. */
async function recordOutcomes(
  mall: Mall,
  claims: readonly Claim[],
  outcomes: readonly Outcome[],
): Promise<{ delivered: number; failed: number }> {
  if (claims.length !== outcomes.length) throw new Error('one outcome per claim');
  if (claims.length === 0) return { delivered: 0, failed: 0 };
  return mall.write(async (tx) => {
    let delivered = 0;
    let failed = 0;
    for (let i = 0; i < claims.length; i++) {
      const claim = claims[i]!;
      const outcome = outcomes[i]!;
      const attempts = claim.attempts + 1;
      const delayMs = RETRY_DELAYS_MS[attempts - 1];
      const last = delayMs === undefined;
      const set = outcome.ok
        ? { status: 'delivered', attempts, last_error: '', delivered_at: tx.now }
        : {
            status: last ? 'failed' : 'pending',
            attempts,
            last_error: outcome.error,
            next_attempt_at: new Date(Date.parse(tx.now) + (delayMs ?? 0)).toISOString(),
          };
      const updated = await tx.db
        .updateTable('webhook_deliveries')
        .set(set)
        .where('endpoint_id', '=', claim.endpointId)
        .where('event_id', '=', claim.eventId)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '=', claim.leaseUntil)
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) continue;
      if (outcome.ok) delivered += 1;
      else if (last) failed += 1;
    }
    return { delivered, failed };
  });
}

/**
 * Runs a pass every `intervalMs` (default 1 s) until stopped, one at a time per node; a failed pass is
 * logged and the next one tries again. The returned function stops the timer and waits for the pass
 * in progress.
 */
export function startWebhookDispatcher(
  mall: Mall,
  options: DispatchOptions & { intervalMs?: number; log?: (message: string) => void } = {},
): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 1000;
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 10) throw new Error('intervalMs below 10');
  const log = options.log ?? ((message: string) => process.emitWarning(message));
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running !== undefined) return;
    running = runWebhookDeliveries(mall, options)
      .then(() => undefined)
      .catch((error: unknown) => log(`webhook pass failed: ${(error as Error).message}`))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
