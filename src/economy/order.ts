import { runForcedExitCascade } from './cascade.js';
import { type EffectsRecorder, ledgerAccount as L } from './effects.js';
import { EconomyError } from './errors.js';
import { BP_ONE } from './params.js';
import { addAccount, type EconomyState, fenToPoints, requireAccount } from './state.js';
import { type Account, type EconomyCommand, PLATFORM_ID } from './types.js';

type OrderCommand = Extract<EconomyCommand, { type: 'order' }>;

/**
 * SPEC.md "order": pays part of the cash into the reserve, mints equity points for the buyer and the
 * referrer at the price before the order, adds quota and dividend fund, then runs the cascade.
 * @throws EconomyError INVALID_AMOUNT, INSUFFICIENT_STABLE, UNKNOWN_ACCOUNT, WRONG_ACCOUNT_KIND
 */
export function applyOrder(state: EconomyState, command: OrderCommand, effects: EffectsRecorder): void {
  const { amount } = command;
  const stable = command.stable ?? 0n;
  const profit = command.profit ?? 0n;
  if (amount <= 0n) throw invalidAmount('amount must be positive');
  if (stable < 0n || stable > amount) throw invalidAmount('stable must be within 0..amount');
  if (profit < 0n || profit > amount) throw invalidAmount('profit must be within 0..amount');
  const merchant = requireAccount(state, command.merchant ?? PLATFORM_ID, 'merchant');
  const existing = state.accounts.get(command.member);
  if (existing !== undefined) requireAccount(state, command.member, 'consumer');
  const fromHeld = command.paidFrom === 'held';
  if (fromHeld) requireHeld(existing, command.member, amount - stable, stable);
  const available = fromHeld ? stable : (existing?.stable ?? 0n);
  if (stable > available) {
    throw new EconomyError(
      'INSUFFICIENT_STABLE',
      `${command.member} holds ${available} stable, needs ${stable}`,
      {
        available: available.toString(),
      },
    );
  }
  const buyer = existing ?? addAccount(state, command.member, 'consumer', undefined);
  const referrer = buyer.referrer === undefined ? undefined : state.accounts.get(buyer.referrer);
  const { params } = state;

  // 1. The stable part moves to the merchant; the cash part is paid from outside these rules.
  const cash = amount - stable;
  const stableSource = fromHeld ? L.held(buyer.id) : L.stable(buyer.id);
  const cashSource = fromHeld ? L.held(buyer.id) : L.worldMoney;
  if (fromHeld) {
    buyer.heldFen -= cash;
    buyer.heldStable -= stable;
    state.totals.stableHeld -= stable;
  } else {
    buyer.stable -= stable;
  }
  merchant.stable += stable;
  effects.move(stableSource, L.stable(merchant.id), 'stable', stable);

  // 2-4. Reserve share, awards priced before this order, capped by what may still be minted.
  const reserveShare = (cash * params.reserveRate) / BP_ONE;
  const award = (reserveShare * params.awardRate) / BP_ONE;
  const referral = referrer === undefined ? 0n : (reserveShare * params.referralRate) / BP_ONE;
  const mintable = params.supplyCap - state.minted;
  const buyerPoints = minBig(fenToPoints(state, award), mintable);
  const referralPoints =
    referrer === undefined ? 0n : minBig(fenToPoints(state, referral), mintable - buyerPoints);
  effects.post(cashSource, 'fen', -cash);
  effects.post(L.reserve, 'fen', reserveShare);
  effects.post(L.sales(merchant.id), 'fen', cash - reserveShare);
  merchant.sales += cash - reserveShare;
  state.totals.sales += amount;
  state.totals.salesCash += cash;
  state.totals.orders += 1n;
  state.totals.reserveIn += reserveShare;

  // 5. Reserve and supply grow together.
  state.reserve += reserveShare;
  state.supply += buyerPoints + referralPoints;
  state.minted += buyerPoints + referralPoints;
  creditPoints(buyer, buyerPoints, effects);
  if (referrer !== undefined && referralPoints > 0n) {
    creditPoints(referrer, referralPoints, effects);
    state.holders.update(referrer);
  }

  // 6-7. Quota (twice the cash spent by default) and the dividend fund's share of the profit.
  const quota = (cash * params.quotaMultiplier) / BP_ONE;
  buyer.quota += quota;
  if (cash > 0n) buyer.status = 'active';
  state.holders.update(buyer);
  effects.move(L.worldQuota, L.quota(buyer.id), 'quota', quota);
  const dividendShare = (profit * params.dividendRate) / BP_ONE;
  state.dividendFund += dividendShare;
  state.totals.dividendFundIn += dividendShare;
  state.totals.quotaIssued += quota;
  effects.move(L.worldMoney, L.dividendFund, 'fen', dividendShare);

  if (buyerPoints + referralPoints > 0n) {
    effects.emit(
      referralPoints > 0n && referrer !== undefined
        ? {
            type: 'points.awarded',
            member: buyer.id,
            points: buyerPoints,
            referrer: referrer.id,
            referralPoints,
          }
        : { type: 'points.awarded', member: buyer.id, points: buyerPoints },
    );
  }
  // 8.
  runForcedExitCascade(state, effects);
}

/** The caller re-queues the account once its quota is final too. */
function creditPoints(account: Account, pointsMicro: bigint, effects: EffectsRecorder): void {
  account.points += pointsMicro;
  effects.move(L.worldMint, L.points(account.id), 'upt', pointsMicro);
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function invalidAmount(message: string): EconomyError {
  return new EconomyError('INVALID_AMOUNT', message);
}

/** An order paid from held balances needs them: the mall held them when the buyer paid. */
function requireHeld(buyer: Account | undefined, member: string, cash: bigint, stable: bigint): void {
  const heldFen = buyer?.heldFen ?? 0n;
  const heldStable = buyer?.heldStable ?? 0n;
  if (cash > heldFen || stable > heldStable) {
    throw new EconomyError('INSUFFICIENT_HELD', `${member} holds less than the order's payment`, {
      heldFen: heldFen.toString(),
      heldStable: heldStable.toString(),
    });
  }
}
