/** The public API shapes this page reads (GET /api/transparency, GET /api/transparency/price-history). */

export interface LiabilitySums {
  readonly valueFen: string;
  readonly cashFen: string;
  readonly stable: string;
}

export interface PublishedLiabilities {
  readonly version: 1;
  readonly root: string;
  readonly totals: LiabilitySums;
  readonly leafCount: string;
  readonly price: { readonly num: string; readonly den: string };
  readonly headSeq: string;
  readonly headHash: string;
  readonly builtAt: string;
}

export interface Transparency {
  readonly reserveFen: string;
  readonly supplyMicro: string;
  readonly mintedMicro: string;
  readonly burnedMicro: string;
  readonly supplyCapMicro: string;
  readonly dividendFundFen: string;
  readonly priceYuanPerPoint: string;
  readonly priceFenPerPointNum: string;
  readonly priceFenPerPointDen: string;
  readonly outstandingQuotaFen: string;
  readonly outstandingStable: string;
  readonly heldStable: string;
  readonly treasuryPointsMicro: string;
  readonly platformPointsMicro: string;
  readonly accounts: string;
  readonly paramsVersion: string;
  /** Basis points. */
  readonly sellFeeRate: string;
  /** Basis points. */
  readonly convertFeeRate: string;
  readonly headSeq: string;
  readonly headHash: string;
  readonly riskStatement: { readonly zh: string; readonly en: string };
  readonly liabilities: PublishedLiabilities;
}

export interface PricePoint {
  readonly time: string;
  readonly seq: string;
  readonly priceFenPerPointNum: string;
  readonly priceFenPerPointDen: string;
  readonly priceYuanPerPoint: string;
  readonly reserveFen: string;
  readonly supplyMicro: string;
}

export interface PriceHistory {
  readonly from: string;
  readonly to: string;
  readonly points: readonly PricePoint[];
}
