import type { Selectable } from 'kysely';
import { big, type MallDatabase } from '../mall/database.js';
import { MallError, notFound } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import { journal, type Mall, type MallSettings, type MallTx } from '../mall/mall.js';
import { idCursor, idPage, type Page, pageLimit } from '../mall/pages.js';
import { localDay } from './local-day.js';

/** requested -> approved -> paid, or requested|approved -> rejected (src/ledger/migrations/0004-finance.ts). */
export type WithdrawalStatus = 'requested' | 'approved' | 'paid' | 'rejected';
export const WITHDRAWAL_STATUSES: readonly WithdrawalStatus[] = ['requested', 'approved', 'paid', 'rejected'];
const TEXT_LENGTH_MAX = 200;

/** A withdrawal as its owner and admins see it; amounts as decimal strings. */
export interface WithdrawalView {
  id: string;
  accountId: string;
  requestedBy: string;
  amountFen: string;
  status: string;
  destination: string;
  reason: string;
  decidedBy: string | null;
  reference: string | null;
  createdAt: string;
  decidedAt: string | null;
  paidAt: string | null;
}

function view(row: Selectable<MallDatabase['withdrawals']>): WithdrawalView {
  return {
    id: row.id,
    accountId: row.account_id,
    requestedBy: row.requested_by,
    amountFen: big(row.amount_fen).toString(),
    status: row.status,
    destination: row.destination,
    reason: row.reason,
    decidedBy: row.decided_by,
    reference: row.reference,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    paidAt: row.paid_at,
  };
}

export interface WithdrawalRequest {
  /** The economy account the cash leaves: the member's own id, or the staff member's merchant. */
  readonly accountId: string;
  readonly requestedBy: string;
  readonly amountFen: bigint;
  readonly destination: string;
}

/**
 * Sets `amountFen` of the account's cash aside for a withdrawal (journal `withdraw`, key
 * `withdrawal:<id>:request`): within the smallest and largest single amounts and the account's daily
 * limit over the local day of the operator's time zone (requests not rejected count).
 * Errors: WITHDRAWAL_TOO_SMALL, WITHDRAWAL_TOO_LARGE, WITHDRAWAL_LIMIT_REACHED, BAD_REQUEST, and the
 * journal's INSUFFICIENT_CASH, UNKNOWN_ACCOUNT, WRONG_ACCOUNT_KIND.
 */
export async function requestWithdrawal(
  tx: MallTx,
  settings: MallSettings,
  input: WithdrawalRequest,
): Promise<WithdrawalView> {
  const { withdrawMinFen, withdrawMaxFen, withdrawDailyMaxFen, timezone } = settings;
  const amount = input.amountFen;
  if (amount < withdrawMinFen)
    throw new MallError('WITHDRAWAL_TOO_SMALL', `the smallest withdrawal is ${withdrawMinFen} fen`, {
      minFen: withdrawMinFen.toString(),
    });
  if (amount > withdrawMaxFen)
    throw new MallError('WITHDRAWAL_TOO_LARGE', `the largest withdrawal is ${withdrawMaxFen} fen`, {
      maxFen: withdrawMaxFen.toString(),
    });
  if (input.destination.length > TEXT_LENGTH_MAX)
    throw new MallError('BAD_REQUEST', `a destination has at most ${TEXT_LENGTH_MAX} characters`, {
      field: 'destination',
    });
  const day = localDay(new Date(tx.now), timezone);
  const today = await tx.db
    .selectFrom('withdrawals')
    .select(['amount_fen'])
    .where('account_id', '=', input.accountId)
    .where('created_at', '>=', day.startUtc)
    .where('created_at', '<', day.endUtc)
    .where('status', '!=', 'rejected')
    .execute();
  const requestedToday = today.reduce((sum, row) => sum + big(row.amount_fen), 0n);
  if (requestedToday + amount > withdrawDailyMaxFen)
    throw new MallError(
      'WITHDRAWAL_LIMIT_REACHED',
      `at most ${withdrawDailyMaxFen} fen a day may be withdrawn`,
      {
        dailyMaxFen: withdrawDailyMaxFen.toString(),
        requestedTodayFen: requestedToday.toString(),
        date: day.date,
      },
    );
  const id = newId('wd', new Date(tx.now));
  await tx.db
    .insertInto('withdrawals')
    .values({
      id,
      account_id: input.accountId,
      requested_by: input.requestedBy,
      amount_fen: amount.toString(),
      status: 'requested',
      destination: input.destination,
      created_at: tx.now,
    })
    .execute();
  await journal(tx, `withdrawal:${id}:request`, { type: 'withdraw', account: input.accountId, cash: amount });
  return getWithdrawal(tx, id);
}

async function getWithdrawal(tx: Pick<MallTx, 'db'>, id: string): Promise<WithdrawalView> {
  const row = await tx.db.selectFrom('withdrawals').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound('withdrawal', id);
  return view(row);
}

/**
 * Moves withdrawal `id` from one of `from` to `to` with one conditional update, so of two racing calls
 * exactly one applies; the other gets WITHDRAWAL_NOT_PENDING. Returns the row as it was before.
 */
async function transition(
  tx: MallTx,
  id: string,
  from: readonly WithdrawalStatus[],
  to: WithdrawalStatus,
  set: { decided_by: string; reason?: string; reference?: string; paid_at?: string; decided_at?: string },
): Promise<WithdrawalView> {
  const before = await getWithdrawal(tx, id);
  const result = await tx.db
    .updateTable('withdrawals')
    .set({ status: to, ...set })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n || !from.includes(before.status as WithdrawalStatus))
    throw new MallError(
      'WITHDRAWAL_NOT_PENDING',
      `withdrawal ${id} is ${before.status}, not ${from.join(' or ')}`,
      {
        withdrawal: id,
        status: before.status,
      },
    );
  if (result.numUpdatedRows !== 1n) throw new Error(`assertion failed: one withdrawal ${id}`);
  return before;
}

/** An admin approves a requested withdrawal; the money stays held. Errors: NOT_FOUND, WITHDRAWAL_NOT_PENDING. */
export async function approveWithdrawal(tx: MallTx, id: string, adminId: string): Promise<WithdrawalView> {
  await transition(tx, id, ['requested'], 'approved', { decided_by: adminId, decided_at: tx.now });
  return getWithdrawal(tx, id);
}

/**
 * An admin rejects a requested or approved withdrawal: the held cash goes back to the account's cash
 * (journal `return-withdrawal`, key `withdrawal:<id>:return`). Errors: NOT_FOUND, WITHDRAWAL_NOT_PENDING.
 */
export async function rejectWithdrawal(
  tx: MallTx,
  id: string,
  adminId: string,
  reason: string,
): Promise<WithdrawalView> {
  const before = await transition(tx, id, ['requested', 'approved'], 'rejected', {
    decided_by: adminId,
    decided_at: tx.now,
    reason,
  });
  await journal(tx, `withdrawal:${id}:return`, {
    type: 'return-withdrawal',
    account: before.accountId,
    cash: BigInt(before.amountFen),
  });
  return getWithdrawal(tx, id);
}

/**
 * An admin records that an approved withdrawal was paid out (a bank transfer's reference): the held cash
 * leaves the economy (journal `pay-withdrawal`, key `withdrawal:<id>:pay`). Errors: NOT_FOUND,
 * WITHDRAWAL_NOT_PENDING.
 */
export async function payWithdrawal(
  tx: MallTx,
  id: string,
  adminId: string,
  reference: string,
): Promise<WithdrawalView> {
  const before = await transition(tx, id, ['approved'], 'paid', {
    decided_by: adminId,
    reference,
    paid_at: tx.now,
  });
  await journal(tx, `withdrawal:${id}:pay`, {
    type: 'pay-withdrawal',
    account: before.accountId,
    cash: BigInt(before.amountFen),
  });
  return getWithdrawal(tx, id);
}

export interface WithdrawalFilter {
  readonly accountId?: string | undefined;
  readonly status?: WithdrawalStatus | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

/** Withdrawals newest first, by account and status. Errors: BAD_REQUEST for a bad cursor or limit. */
export async function listWithdrawals(mall: Mall, filter: WithdrawalFilter): Promise<Page<WithdrawalView>> {
  const limit = pageLimit(filter.limit);
  const after = idCursor(filter.cursor);
  const rows = await mall.read
    .selectFrom('withdrawals')
    .selectAll()
    .$if(filter.accountId !== undefined, (q) => q.where('account_id', '=', filter.accountId ?? ''))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status ?? ''))
    .$if(after !== undefined, (q) => q.where('id', '<', after ?? ''))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return idPage(rows, limit, view);
}
