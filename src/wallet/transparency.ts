import { PLATFORM_ID, TREASURY_ID } from '../economy/index.js';
import type { Mall } from '../mall/mall.js';
import { type PriceView, priceView } from './wallet-view.js';

/** Said wherever the price is published: it is a rule, not a promise. */
export const RISK_STATEMENT = {
  zh: '增值积分的价格只按公开的规则变动（储备金 ÷ 总量），不是收益承诺，也不保本：积分的价值可能低于您为其支付的金额，分红以额度为限且取决于平台的利润。请勿把购物当作投资。',
  en: 'The price of equity points moves only by the published rules (reserve / supply); it is not a promise of profit and nothing is assured: your points can be worth less than what you paid for them, and dividends are capped by your quota and depend on the platform’s profit. Do not shop as an investment.',
} as const;

/** The economy's published figures (the transparency page), every amount a decimal string. */
export interface TransparencyReport extends PriceView {
  reserveFen: string;
  supplyMicro: string;
  mintedMicro: string;
  burnedMicro: string;
  supplyCapMicro: string;
  dividendFundFen: string;
  /** Sum of every account's remaining dividend quota. */
  outstandingQuotaFen: string;
  /** Sum of every account's stable points (not counting those held for open orders). */
  outstandingStable: string;
  /** Stable points set aside for open orders. */
  heldStable: string;
  treasuryPointsMicro: string;
  platformPointsMicro: string;
  accounts: string;
  paramsVersion: string;
  sellFeeRate: string;
  convertFeeRate: string;
  headSeq: string;
  headHash: string;
  riskStatement: { zh: string; en: string };
}

export async function transparencyReport(mall: Mall): Promise<TransparencyReport> {
  await mall.ledger.catchUp();
  const { economy, head } = mall.ledger.state;
  // From the running totals, not a scan of every account (src/economy/state.ts EconomyTotals).
  const { totals } = economy;
  const quota = totals.quotaIssued - totals.quotaRetired;
  const heldStable = totals.stableHeld;
  const stable = totals.stableIssued - totals.stableSettled - heldStable;
  return {
    reserveFen: economy.reserve.toString(),
    supplyMicro: economy.supply.toString(),
    mintedMicro: economy.minted.toString(),
    burnedMicro: economy.burned.toString(),
    supplyCapMicro: economy.params.supplyCap.toString(),
    dividendFundFen: economy.dividendFund.toString(),
    ...priceView(economy),
    outstandingQuotaFen: quota.toString(),
    outstandingStable: stable.toString(),
    heldStable: heldStable.toString(),
    treasuryPointsMicro: (economy.accounts.get(TREASURY_ID)?.points ?? 0n).toString(),
    platformPointsMicro: (economy.accounts.get(PLATFORM_ID)?.points ?? 0n).toString(),
    accounts: economy.accounts.size.toString(),
    paramsVersion: economy.paramsVersion.toString(),
    sellFeeRate: economy.params.sellFeeRate.toString(),
    convertFeeRate: economy.params.convertFeeRate.toString(),
    headSeq: head.seq.toString(),
    headHash: head.hash,
    riskStatement: { ...RISK_STATEMENT },
  };
}
