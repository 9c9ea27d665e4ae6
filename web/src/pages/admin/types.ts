/** The admin API's shapes the console reads (OpenAPI at /docs/json is the reference). */

export interface Transparency {
  readonly reserveFen: string;
  readonly supplyMicro: string;
  readonly mintedMicro: string;
  readonly burnedMicro: string;
  readonly supplyCapMicro: string;
  readonly dividendFundFen: string;
  readonly priceYuanPerPoint: string;
  readonly outstandingQuotaFen: string;
  readonly outstandingStable: string;
  readonly heldStable: string;
  readonly accounts: string;
  readonly paramsVersion: string;
  readonly headSeq: string;
  readonly headHash: string;
}

export interface PricePoint {
  readonly time: string;
  readonly seq: string;
  readonly priceYuanPerPoint: string;
  readonly reserveFen: string;
  readonly supplyMicro: string;
}

export interface DailyReport {
  readonly date: string;
  readonly orders: string;
  readonly salesFen: string;
  readonly dividendsPaidFen: string;
  readonly exits: string;
  readonly reserveFen: string;
  readonly supplyMicro: string;
  readonly priceYuanPerPoint: string;
  readonly withdrawalsPaidFen: string;
  readonly payoutsPaidFen: string;
}

export interface Withdrawal {
  readonly id: string;
  readonly accountId: string;
  readonly requestedBy: string;
  readonly amountFen: string;
  readonly status: 'requested' | 'approved' | 'paid' | 'rejected';
  readonly destination: string;
  readonly reason: string;
  readonly decidedBy: string | null;
  readonly reference: string | null;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly paidAt: string | null;
}

export interface Payout {
  readonly id: string;
  readonly merchantId: string;
  readonly requestedBy: string;
  readonly amountFen: string;
  readonly status: 'requested' | 'paid' | 'rejected';
  readonly reason: string;
  readonly decidedBy: string | null;
  readonly reference: string | null;
  readonly createdAt: string;
  readonly decidedAt: string | null;
}

export interface Coupon {
  readonly id: string;
  readonly code: string;
  readonly merchantId: string | null;
  readonly kind: string;
  readonly value: string;
  readonly minSpendFen: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly perUserLimit: number;
}

export type Params = Record<string, string | boolean>;

export interface DividendRun {
  readonly date: string;
  readonly key: string;
  readonly seq: string;
  readonly time: string;
  readonly paidFen: string;
  readonly holders: string;
  readonly leftFen: string;
  readonly exits: readonly { member: string; pointsMicro: string; netFen: string }[];
}

export interface Reconciliation {
  readonly ok: boolean;
  readonly headSeq: string;
  readonly headHash: string;
  readonly entriesReplayed: string;
  readonly brokenEntry: { seq: string; reason: string } | null;
  readonly balancesCompared: number;
  readonly balanceDifferences: readonly {
    account: string;
    asset: string;
    journal: string;
    stored: string;
    replica: string;
  }[];
  readonly economyDifferences: readonly { figure: string; journal: string; replica: string }[];
  readonly heldDifferences: readonly { account: string; asset: string; journal: string; rows: string }[];
  readonly checkedAt: string;
}

export interface WhatIfDay {
  readonly day: number;
  readonly priceYuanPerPoint: string;
  readonly reserveFen: string;
  readonly supplyMicro: string;
  readonly outstandingQuotaFen: string;
  readonly outstandingStable: string;
  readonly dividendsPaidFen: string;
  readonly exits: number;
}

export interface WhatIfResult {
  readonly proposed: boolean;
  readonly paramsVersion: string;
  readonly params: Params;
  readonly series: readonly WhatIfDay[];
  readonly totals: {
    orders: number;
    ordersFen: string;
    dividendsPaidFen: string;
    exits: number;
    pointsSoldMicro: string;
    sellNetFen: string;
    pointsConvertedMicro: string;
    stableFromConverts: string;
    syntheticMembers: number;
    rejected: number;
  };
}

/** The ten parameters, in SPEC.md's order. */
export const PARAM_NAMES = [
  'issuePrice',
  'reserveRate',
  'awardRate',
  'referralRate',
  'sellFeeRate',
  'convertFeeRate',
  'quotaMultiplier',
  'dividendRate',
  'supplyCap',
  'exitEnabled',
] as const;
export type ParamName = (typeof PARAM_NAMES)[number];
