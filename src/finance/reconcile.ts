import { type BalanceCapture, type BalanceDifference, reconcileBalances } from '../ledger/index.js';
import { big } from '../mall/database.js';
import { MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';

/** A held balance that the mall's open payments and withdrawals do not explain. */
export interface HeldDifference {
  readonly account: string;
  readonly asset: 'fen' | 'stable';
  /** `<id>:held` in the journal. */
  readonly journal: string;
  /** Open orders' payments plus open withdrawals, from the mall's rows. */
  readonly rows: string;
}

export interface Reconciliation {
  readonly ok: boolean;
  readonly headSeq: string;
  readonly headHash: string;
  readonly entriesReplayed: string;
  readonly brokenEntry: { readonly seq: string; readonly reason: string } | null;
  readonly balancesCompared: number;
  readonly balanceDifferences: BalanceDifference[];
  readonly economyDifferences: {
    readonly figure: string;
    readonly journal: string;
    readonly replica: string;
  }[];
  readonly heldDifferences: HeldDifference[];
  readonly checkedAt: string;
}

/** Orders whose payment is held: paid and not yet completed, refunded or cancelled. */
const OPEN_ORDER_STATUSES = ['paid', 'shipped', 'delivered'];
const OPEN_WITHDRAWAL_STATUSES = ['requested', 'approved'];

/**
 * The reconciliation an admin runs (issue 11): every balance of the journal, replayed from genesis,
 * against the stored projection and this node's replica; the replica's economy figures against the
 * replay's; and every `<id>:held` against the mall's rows that explain it (payments of open orders,
 * open withdrawals). Lists every difference; `tokenmall verify` stops at the first.
 */
export async function reconcile(mall: Mall): Promise<Reconciliation> {
  const capture = await captureBalances(mall);
  const result = await reconcileBalances(mall.ledger.store, capture);
  const economyDifferences: Reconciliation['economyDifferences'] = [];
  const live = mall.ledger.state;
  if (result.brokenEntry === undefined && live.head.seq === result.headSeq) {
    const replayed = result.replayed.economy;
    const figures = ['reserve', 'supply', 'minted', 'burned', 'dividendFund', 'paramsVersion'] as const;
    for (const figure of figures) {
      if (replayed[figure] !== live.economy[figure]) {
        economyDifferences.push({
          figure,
          journal: replayed[figure].toString(),
          replica: live.economy[figure].toString(),
        });
      }
    }
  }
  const heldDifferences = compareHeld(capture);
  const brokenEntry =
    result.brokenEntry === undefined
      ? null
      : { seq: result.brokenEntry.seq.toString(), reason: result.brokenEntry.reason };
  return {
    ok:
      brokenEntry === null &&
      result.differences.length === 0 &&
      economyDifferences.length === 0 &&
      heldDifferences.length === 0,
    headSeq: result.headSeq.toString(),
    headHash: result.headHash,
    entriesReplayed: result.entries.toString(),
    brokenEntry,
    balancesCompared: result.balancesCompared,
    balanceDifferences: result.differences,
    economyDifferences,
    heldDifferences,
    checkedAt: mall.nowText(),
  };
}

/**
 * The stored and live balances at one head: wait until this node has nothing in flight, read both, and
 * try again if any entry was written meanwhile (here or by another node).
 */
async function captureBalances(mall: Mall): Promise<BalanceCapture & { heldByRows: Map<string, bigint> }> {
  const { ledger } = mall;
  for (let attempt = 0; attempt < 20; attempt++) {
    await ledger.catchUp();
    await ledger.sequencer.drain();
    const headSeq = ledger.state.head.seq;
    const replica = [...ledger.state.balances.rows()];
    const stored = await ledger.store.readBalances();
    const heldByRows = await heldExplainedByRows(mall);
    const storedHead = await ledger.store.head();
    if (ledger.state.head.seq === headSeq && storedHead.seq === headSeq)
      return { headSeq, stored, replica, heldByRows };
  }
  throw new MallError('STORE_BUSY', 'the journal kept moving while the balances were read; try again');
}

/** `<id>:held <asset>` -> what open orders' payments and open withdrawals hold. */
async function heldExplainedByRows(mall: Mall): Promise<Map<string, bigint>> {
  const expected = new Map<string, bigint>();
  const add = (account: string, asset: string, amount: bigint) => {
    if (amount === 0n) return;
    const key = `${account}:held ${asset}`;
    expected.set(key, (expected.get(key) ?? 0n) + amount);
  };
  const payments = await mall.read
    .selectFrom('payments')
    .innerJoin('orders', 'orders.id', 'payments.order_id')
    .select(['orders.member_id as member', 'payments.cash_fen as cash', 'payments.stable as stable'])
    .where('payments.status', '=', 'succeeded')
    .where('orders.status', 'in', OPEN_ORDER_STATUSES)
    .execute();
  for (const payment of payments) {
    add(payment.member, 'fen', big(payment.cash));
    add(payment.member, 'stable', big(payment.stable));
  }
  const withdrawals = await mall.read
    .selectFrom('withdrawals')
    .select(['account_id', 'amount_fen'])
    .where('status', 'in', OPEN_WITHDRAWAL_STATUSES)
    .execute();
  for (const withdrawal of withdrawals) add(withdrawal.account_id, 'fen', big(withdrawal.amount_fen));
  return expected;
}

function compareHeld(capture: BalanceCapture & { heldByRows: Map<string, bigint> }): HeldDifference[] {
  const expected = capture.heldByRows;
  const journal = new Map<string, bigint>();
  for (const [account, asset, amount] of capture.stored) {
    if (account.endsWith(':held') && amount !== '0') journal.set(`${account} ${asset}`, BigInt(amount));
  }
  const keys = new Set([...expected.keys(), ...journal.keys()]);
  const differences: HeldDifference[] = [];
  for (const key of [...keys].sort()) {
    const fromJournal = journal.get(key) ?? 0n;
    const fromRows = expected.get(key) ?? 0n;
    if (fromJournal === fromRows) continue;
    const [account, asset] = key.split(' ') as [string, 'fen' | 'stable'];
    differences.push({ account, asset, journal: fromJournal.toString(), rows: fromRows.toString() });
  }
  return differences;
}
