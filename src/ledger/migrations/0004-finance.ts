import type { Kysely, RawBuilder } from 'kysely';

/**
 * Issue 11's tables: withdrawals and merchant payouts (their money moves are journal entries; these rows
 * carry the request, the decision and who made it), webhook endpoints and their delivery outbox, and the
 * economy's history (one row per 15-minute bucket of UTC time, written by the journal with each batch:
 * the state at the bucket's last entry and running totals, from which price charts and daily finance
 * reports are read without replaying the journal).
 */
export async function createFinanceTables(
  db: Kysely<unknown>,
  text: RawBuilder<unknown>,
  seqType: 'bigint' | 'integer',
  clustered: RawBuilder<unknown>,
): Promise<void> {
  // Which entries touch which id (`<id>:...` in the postings): a member's history without a scan.
  await db.schema
    .createTable('journal_accounts')
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('journal_accounts_pk', ['id', 'seq'])
    .modifyEnd(clustered)
    .execute();
  await db.schema
    .createTable('withdrawals')
    .addColumn('id', text, (c) => c.primaryKey())
    /** The economy account the cash leaves: a member id or a merchant id. */
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('requested_by', text, (c) => c.notNull().references('members.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    /** requested -> approved -> paid, or requested|approved -> rejected. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', text, (c) => c.references('members.id'))
    .addColumn('reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('paid_at', 'text')
    .execute();
  await db.schema
    .createIndex('withdrawals_account')
    .on('withdrawals')
    .columns(['account_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('withdrawals_status')
    .on('withdrawals')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createTable('payouts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('merchant_id', text, (c) => c.notNull().references('merchants.id'))
    /** A member (merchant staff) or `schedule`. */
    .addColumn('requested_by', text, (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    /** requested -> paid, or requested -> rejected. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', text, (c) => c.references('members.id'))
    .addColumn('reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('payouts_merchant')
    .on('payouts')
    .columns(['merchant_id', 'created_at'])
    .execute();
  await db.schema.createIndex('payouts_status').on('payouts').columns(['status', 'created_at']).execute();
  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    /** `whsec_` + base64 (Standard Webhooks). */
    .addColumn('secret', 'text', (c) => c.notNull())
    /** JSON array of event types, or `[]` for every type. */
    .addColumn('event_types', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    /** The fill cursor: deliveries exist for entries up to this seq (the head at creation, then moved on). */
    .addColumn('after_seq', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('webhook_deliveries')
    /** The stable event id (`webhook-id`): the same on every attempt and every replay. */
    .addColumn('event_id', text, (c) => c.notNull())
    .addColumn('endpoint_id', text, (c) => c.notNull().references('webhook_endpoints.id'))
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    /** pending -> delivered, or pending -> failed after the last attempt. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addPrimaryKeyConstraint('webhook_deliveries_pk', ['endpoint_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createTable('economy_history')
    /** UTC start of the 15-minute bucket, `YYYY-MM-DDTHH:MM:00.000Z` (every real time zone offset is a multiple of 15 minutes). */
    .addColumn('bucket', text, (c) => c.primaryKey())
    .addColumn('seq', seqType, (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    /** JSON object of decimal strings: the state and running totals after entry `seq` (src/ledger/history.ts). */
    .addColumn('figures', 'text', (c) => c.notNull())
    .execute();
}
