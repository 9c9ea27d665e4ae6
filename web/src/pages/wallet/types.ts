/** The wallet API's shapes (docs/api-wallet.md; OpenAPI at /docs/json). Amounts are decimal strings. */
import type { Level, WalletView } from '../../types';

export type { Level, WalletView };

export interface Transparency {
  readonly sellFeeRate: string;
  readonly convertFeeRate: string;
  readonly riskStatement: { readonly zh: string; readonly en: string };
}

export interface Sale {
  readonly pointsMicro: string;
  readonly grossFen: string;
  readonly feeFen: string;
  readonly netFen: string;
  readonly cashFen: string;
  readonly pointsLeftMicro: string;
  readonly status: string;
  readonly journalSeq: string;
}

export interface Conversion {
  readonly pointsMicro: string;
  readonly valueFen: string;
  readonly feeFen: string;
  readonly stableReceived: string;
  readonly stable: string;
  readonly pointsLeftMicro: string;
  readonly journalSeq: string;
}

export interface Posting {
  readonly account: string;
  readonly asset: string;
  readonly amount: string;
}

export interface HistoryItem {
  readonly seq: string;
  readonly time: string;
  readonly key: string;
  readonly type: string;
  readonly postings: readonly Posting[];
}

export interface HistoryPage {
  readonly items: readonly HistoryItem[];
  readonly nextBefore: string | null;
}

export interface DividendItem {
  readonly date: string;
  readonly seq: string;
  readonly time: string;
  readonly paidFen: string;
}

export interface DividendPage {
  readonly items: readonly DividendItem[];
  readonly nextCursor: string | null;
}

export type WithdrawalStatus = 'requested' | 'approved' | 'paid' | 'rejected';

export interface Withdrawal {
  readonly id: string;
  readonly accountId: string;
  readonly amountFen: string;
  readonly status: WithdrawalStatus;
  readonly destination: string;
  readonly reason: string;
  readonly reference: string | null;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly paidAt: string | null;
}

export interface WithdrawalPage {
  readonly items: readonly Withdrawal[];
  readonly nextCursor: string | null;
}

export interface ReferralReport {
  readonly referrals: readonly { member: string; joinedAt: string; earnedMicro: string }[];
  readonly totalEarnedMicro: string;
  readonly truncated: boolean;
}

export interface Leaderboard {
  readonly headSeq: string;
  readonly computedAt: string;
  readonly items: readonly {
    rank: number;
    member: string;
    pointsMicro: string;
    valueFen: string;
    level: Level;
  }[];
}

export interface Levels {
  readonly items: readonly Level[];
}
