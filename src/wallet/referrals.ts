import type { Mall } from '../mall/mall.js';
import { journalRowsOf } from './history.js';
import { maskMember } from './leaderboard.js';

/** Most referred members listed (the oldest beyond it are left out and `truncated` says so). */
export const REFERRALS_MAX = 500;
const JOURNAL_PAGE = 1000;

export interface ReferralEarning {
  /** The referred member, masked. */
  member: string;
  joinedAt: string;
  /** Referral points (推荐奖励) their orders earned me, µpt. */
  earnedMicro: string;
}

export interface ReferralReport {
  referrals: ReferralEarning[];
  totalEarnedMicro: string;
  truncated: boolean;
}

/**
 * Who `memberId` referred (newest first) and the referral points each one's orders earned them: the
 * `points.awarded` events whose referrer is this member, read from the entries touching this member's
 * accounts (`journal_accounts`), not from a scan of the whole journal.
 */
export async function referralReport(mall: Mall, memberId: string): Promise<ReferralReport> {
  const referred = await mall.read
    .selectFrom('members')
    .select(['id', 'phone', 'email', 'created_at'])
    .where('referrer_id', '=', memberId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(REFERRALS_MAX + 1)
    .execute();
  const earned = await referralEarnings(mall, memberId);
  let total = 0n;
  for (const points of earned.values()) total += points;
  return {
    referrals: referred.slice(0, REFERRALS_MAX).map((row) => ({
      member: maskMember(row),
      joinedAt: row.created_at,
      earnedMicro: (earned.get(row.id) ?? 0n).toString(),
    })),
    totalEarnedMicro: total.toString(),
    truncated: referred.length > REFERRALS_MAX,
  };
}

/** Referral points per referred member, from `memberId`'s journal entries in pages. */
async function referralEarnings(mall: Mall, memberId: string): Promise<Map<string, bigint>> {
  const earned = new Map<string, bigint>();
  let after: bigint | undefined;
  for (;;) {
    const rows = await journalRowsOf(mall, memberId, { after, limit: JOURNAL_PAGE, order: 'asc' });
    for (const row of rows) {
      const events = JSON.parse(row.events) as Record<string, string>[];
      for (const event of events) {
        if (event.type !== 'points.awarded' || event.referrer !== memberId) continue;
        const member = event.member;
        const points = event.referralPoints;
        if (member === undefined || points === undefined || !/^[0-9]+$/.test(points))
          throw new Error(`assertion failed: entry ${row.seq} has a malformed points.awarded event`);
        earned.set(member, (earned.get(member) ?? 0n) + BigInt(points));
      }
    }
    const last = rows.at(-1);
    if (rows.length < JOURNAL_PAGE || last === undefined) return earned;
    after = BigInt(last.seq);
  }
}
