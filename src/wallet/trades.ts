import { type EconomyState, TREASURY_ID } from '../economy/index.js';
import { MallError, notFound } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import { journal, type MallTx } from '../mall/mall.js';
import { type PriceView, priceView, valueOfPoints } from './wallet-view.js';

const BP_ONE = 10_000n;

/** A sale of points back to the platform (SPEC.md "sell"): what was sold, the fee that stayed in the reserve, the net. */
export interface SaleResult extends PriceView {
  pointsMicro: string;
  grossFen: string;
  /** gross - net: it stays in the reserve (SPEC.md), which is why the price rises. */
  feeFen: string;
  netFen: string;
  /** The cash balance after the sale. */
  cashFen: string;
  /** Points left after the sale (and after any forced exit the sale caused). */
  pointsLeftMicro: string;
  status: string;
  journalSeq: string;
}

export interface ConversionResult {
  pointsMicro: string;
  valueFen: string;
  feeFen: string;
  stableReceived: string;
  /** Stable points held after the conversion. */
  stable: string;
  pointsLeftMicro: string;
  journalSeq: string;
}

export interface SettlementResult {
  stableSpent: string;
  pointsReceivedMicro: string;
  /** The merchant's points and stable points after the settlement. */
  pointsMicro: string;
  stable: string;
  journalSeq: string;
}

function accountOf(economy: EconomyState, id: string) {
  const account = economy.accounts.get(id);
  if (account === undefined) throw notFound('account', id);
  return account;
}

/** `0 < n <= points`; `all` is every point held (SPEC.md). Checked here too, for the details. */
function resolvePoints(economy: EconomyState, id: string, requested: bigint | 'all'): bigint {
  const held = accountOf(economy, id).points;
  const n = requested === 'all' ? held : requested;
  if (n <= 0n)
    throw new MallError(
      'INVALID_AMOUNT',
      requested === 'all' ? 'no points to sell' : 'points must be positive',
      {
        pointsMicro: n.toString(),
      },
    );
  if (n > held)
    throw new MallError('INSUFFICIENT_POINTS', `${id} holds ${held} µpt, not ${n}`, {
      available: held.toString(),
      requested: n.toString(),
    });
  return n;
}

const journalKey = (tx: MallTx, what: string, id: string): string =>
  `${what}:${id}:${newId('w', new Date(tx.now))}`;

/**
 * Sells `points` µpt (or all) of one's own account (a member or a merchant) back to the platform at the
 * current price less the sell fee. Figures as SPEC.md computes them from the state just before.
 */
export async function sellPoints(tx: MallTx, accountId: string, points: bigint | 'all'): Promise<SaleResult> {
  const economy = tx.context.economy;
  const account = accountOf(economy, accountId);
  const n = resolvePoints(economy, accountId, points);
  const gross = valueOfPoints(economy, n);
  const net = (gross * (BP_ONE - economy.params.sellFeeRate)) / BP_ONE;
  const seq = await journal(tx, journalKey(tx, 'sell', accountId), {
    type: 'sell',
    member: accountId,
    points: n,
  });
  return {
    pointsMicro: n.toString(),
    grossFen: gross.toString(),
    feeFen: (gross - net).toString(),
    netFen: net.toString(),
    cashFen: account.cash.toString(),
    pointsLeftMicro: account.points.toString(),
    status: account.status,
    ...priceView(economy),
    journalSeq: seq.toString(),
  };
}

/** A consumer turns equity points into stable points (SPEC.md "convert"); the points go to the treasury. */
export async function convertPoints(
  tx: MallTx,
  memberId: string,
  points: bigint | 'all',
): Promise<ConversionResult> {
  const economy = tx.context.economy;
  const account = accountOf(economy, memberId);
  if (account.kind !== 'consumer')
    throw new MallError('WRONG_ACCOUNT_KIND', 'only members convert points', { account: memberId });
  const n = resolvePoints(economy, memberId, points);
  const value = valueOfPoints(economy, n);
  const got = (value * (BP_ONE - economy.params.convertFeeRate)) / BP_ONE;
  const seq = await journal(tx, journalKey(tx, 'convert', memberId), {
    type: 'convert',
    member: memberId,
    points: n,
  });
  return {
    pointsMicro: n.toString(),
    valueFen: value.toString(),
    feeFen: (value - got).toString(),
    stableReceived: got.toString(),
    stable: account.stable.toString(),
    pointsLeftMicro: account.points.toString(),
    journalSeq: seq.toString(),
  };
}

/** A merchant turns stable points it took for orders into equity points from the treasury (SPEC.md "settle"). */
export async function settleStable(
  tx: MallTx,
  merchantId: string,
  stable: bigint,
): Promise<SettlementResult> {
  const economy = tx.context.economy;
  const account = accountOf(economy, merchantId);
  if (account.kind !== 'merchant')
    throw new MallError('WRONG_ACCOUNT_KIND', 'only merchants settle stable points', { account: merchantId });
  if (stable > account.stable)
    throw new MallError('INSUFFICIENT_STABLE', `${merchantId} holds ${account.stable} stable`, {
      available: account.stable.toString(),
      requested: stable.toString(),
    });
  const before = account.points;
  const treasuryBefore = accountOf(economy, TREASURY_ID).points;
  const seq = await journal(tx, journalKey(tx, 'settle', merchantId), {
    type: 'settle',
    merchant: merchantId,
    stable,
  });
  const received = account.points - before;
  // The points came from the treasury, not from anyone else's account (SPEC.md).
  if (treasuryBefore - accountOf(economy, TREASURY_ID).points !== received)
    throw new Error('assertion failed: settle moves treasury points only');
  return {
    stableSpent: stable.toString(),
    pointsReceivedMicro: received.toString(),
    pointsMicro: account.points.toString(),
    stable: account.stable.toString(),
    journalSeq: seq.toString(),
  };
}
