import type { Selectable } from 'kysely';
import { big, type MallDatabase } from '../mall/database.js';
import { MallError, notFound } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import { journal, type Mall, type MallTx } from '../mall/mall.js';
import { idCursor, idPage, type Page, pageLimit } from '../mall/pages.js';

/** requested -> paid, or requested -> rejected. */
export type PayoutStatus = 'requested' | 'paid' | 'rejected';
export const PAYOUT_STATUSES: readonly PayoutStatus[] = ['requested', 'paid', 'rejected'];
/** `requested_by` of the payouts the schedule asks for. */
export const SCHEDULE_REQUESTER = 'schedule';

export interface PayoutView {
  id: string;
  merchantId: string;
  requestedBy: string;
  amountFen: string;
  status: string;
  reason: string;
  decidedBy: string | null;
  reference: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** What the mall owes a merchant: its sales less payouts made, and how much open requests already ask. */
export interface OwedView {
  merchantId: string;
  /** `<m>:sales`: fen of completed orders not yet paid out. */
  owedFen: string;
  /** The sum of payout requests not yet decided. */
  requestedFen: string;
  /** owed - requested: what a new request may ask for. */
  availableFen: string;
}

function view(row: Selectable<MallDatabase['payouts']>): PayoutView {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    requestedBy: row.requested_by,
    amountFen: big(row.amount_fen).toString(),
    status: row.status,
    reason: row.reason,
    decidedBy: row.decided_by,
    reference: row.reference,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

type Db = Pick<MallTx, 'db'>['db'] | Mall['read'];

async function owed(db: Db, sales: bigint | undefined, merchantId: string): Promise<OwedView> {
  if (sales === undefined) throw notFound('merchant', merchantId);
  const open = await db
    .selectFrom('payouts')
    .select(['amount_fen'])
    .where('merchant_id', '=', merchantId)
    .where('status', '=', 'requested')
    .execute();
  const requested = open.reduce((sum, row) => sum + big(row.amount_fen), 0n);
  const available = sales > requested ? sales - requested : 0n;
  return {
    merchantId,
    owedFen: sales.toString(),
    requestedFen: requested.toString(),
    availableFen: available.toString(),
  };
}

function salesOf(economy: MallTx['context']['economy'], merchantId: string): bigint | undefined {
  const account = economy.accounts.get(merchantId);
  return account === undefined || account.kind !== 'merchant' ? undefined : account.sales;
}

/** What the mall owes merchant `merchantId` now (after catching up with the journal). Errors: NOT_FOUND. */
export async function owedToMerchant(mall: Mall, merchantId: string): Promise<OwedView> {
  await mall.ledger.catchUp();
  return owed(mall.read, salesOf(mall.ledger.state.economy, merchantId), merchantId);
}

/**
 * Asks for a payout of `amount` fen (or all that is available) of what the mall owes the merchant; an
 * admin then pays it. Errors: NOT_FOUND, NOTHING_OWED, INVALID_AMOUNT, INSUFFICIENT_SALES (more than is
 * owed beyond the open requests).
 */
export async function requestPayout(
  tx: MallTx,
  merchantId: string,
  requestedBy: string,
  amount: bigint | 'all',
): Promise<PayoutView> {
  const now = await owed(tx.db, salesOf(tx.context.economy, merchantId), merchantId);
  const available = BigInt(now.availableFen);
  if (available === 0n)
    throw new MallError('NOTHING_OWED', `the mall owes ${merchantId} nothing beyond its open requests`, {
      ...now,
    });
  const cash = amount === 'all' ? available : amount;
  if (cash <= 0n)
    throw new MallError('INVALID_AMOUNT', 'a payout is more than 0 fen', { amountFen: cash.toString() });
  if (cash > available)
    throw new MallError('INSUFFICIENT_SALES', `${merchantId} may ask for at most ${available} fen`, {
      available: available.toString(),
      requested: cash.toString(),
    });
  const id = newId('po', new Date(tx.now));
  await tx.db
    .insertInto('payouts')
    .values({
      id,
      merchant_id: merchantId,
      requested_by: requestedBy,
      amount_fen: cash.toString(),
      status: 'requested',
      created_at: tx.now,
    })
    .execute();
  return getPayout(tx, id);
}

async function getPayout(tx: Pick<MallTx, 'db'>, id: string): Promise<PayoutView> {
  const row = await tx.db.selectFrom('payouts').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound('payout', id);
  return view(row);
}

/** One conditional update `requested -> to`: of two racing decisions exactly one applies. */
async function decide(
  tx: MallTx,
  id: string,
  to: 'paid' | 'rejected',
  set: { decided_by: string; reason?: string; reference?: string | null },
): Promise<PayoutView> {
  const before = await getPayout(tx, id);
  const result = await tx.db
    .updateTable('payouts')
    .set({ status: to, decided_at: tx.now, ...set })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n || before.status !== 'requested')
    throw new MallError('PAYOUT_NOT_PENDING', `payout ${id} is ${before.status}, not requested`, {
      payout: id,
      status: before.status,
    });
  if (result.numUpdatedRows !== 1n) throw new Error(`assertion failed: one payout ${id}`);
  return before;
}

/**
 * An admin pays a requested payout (the bank transfer's reference): journal `payout`, key `payout:<id>`,
 * `<m>:sales` -> `world:money`. Errors: NOT_FOUND, PAYOUT_NOT_PENDING, INSUFFICIENT_SALES.
 */
export async function approvePayout(
  tx: MallTx,
  id: string,
  adminId: string,
  reference: string | null,
): Promise<PayoutView> {
  const before = await decide(tx, id, 'paid', { decided_by: adminId, reference });
  await journal(tx, `payout:${id}`, {
    type: 'payout',
    merchant: before.merchantId,
    cash: BigInt(before.amountFen),
  });
  return getPayout(tx, id);
}

/** An admin rejects a requested payout; nothing moves. Errors: NOT_FOUND, PAYOUT_NOT_PENDING. */
export async function rejectPayout(
  tx: MallTx,
  id: string,
  adminId: string,
  reason: string,
): Promise<PayoutView> {
  await decide(tx, id, 'rejected', { decided_by: adminId, reason });
  return getPayout(tx, id);
}

export interface PayoutFilter {
  readonly merchantId?: string | undefined;
  readonly status?: PayoutStatus | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

/** Payouts newest first, by merchant and status. Errors: BAD_REQUEST for a bad cursor or limit. */
export async function listPayouts(mall: Mall, filter: PayoutFilter): Promise<Page<PayoutView>> {
  const limit = pageLimit(filter.limit);
  const after = idCursor(filter.cursor);
  const rows = await mall.read
    .selectFrom('payouts')
    .selectAll()
    .$if(filter.merchantId !== undefined, (q) => q.where('merchant_id', '=', filter.merchantId ?? ''))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status ?? ''))
    .$if(after !== undefined, (q) => q.where('id', '<', after ?? ''))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return idPage(rows, limit, view);
}

/**
 * The payout schedule's run (settings.payoutSchedule; whoever runs the schedule calls this): one
 * `requested` payout of everything owed per merchant that is owed something and has no open request.
 * Returns how many were requested; 0 when the schedule is `off`. Idempotent: a second run finds the
 * open requests.
 */
export async function requestScheduledPayouts(mall: Mall): Promise<number> {
  if (mall.settings.payoutSchedule === 'off') return 0;
  return mall.write(async (tx) => {
    const owedMerchants: string[] = [];
    for (const account of tx.context.economy.accounts.values())
      if (account.kind === 'merchant' && account.sales > 0n) owedMerchants.push(account.id);
    if (owedMerchants.length === 0) return 0;
    const open = await tx.db
      .selectFrom('payouts')
      .select(['merchant_id'])
      .where('status', '=', 'requested')
      .where('merchant_id', 'in', owedMerchants)
      .execute();
    const busy = new Set(open.map((row) => row.merchant_id));
    let requested = 0;
    for (const merchantId of owedMerchants.sort()) {
      if (busy.has(merchantId)) continue;
      await requestPayout(tx, merchantId, SCHEDULE_REQUESTER, 'all');
      requested += 1;
    }
    return requested;
  });
}
