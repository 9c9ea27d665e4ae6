import type { Mall } from '../mall/mall.js';
import { maskPhone } from '../members/index.js';
import { type Level, type LevelView, levelOf, levelView } from './levels.js';
import { valueOfPoints } from './wallet-view.js';

export const LEADERBOARD_SIZE = 10;
/** The board is recomputed at most this often, and only when the journal has moved. */
export const LEADERBOARD_REFRESH_MS = 30_000;

export interface LeaderboardEntry {
  rank: number;
  /** The member as others may see them: 138****5678, a***@x.com, or a masked id. */
  member: string;
  pointsMicro: string;
  valueFen: string;
  level: LevelView;
}

export interface Leaderboard {
  /** The journal entry the board was computed at, and when. */
  headSeq: string;
  computedAt: string;
  items: LeaderboardEntry[];
}

/** A member as strangers may see them: the phone's first 3 and last 4 digits, the e-mail's first letter. */
export function maskMember(member: { id: string; phone: string | null; email: string | null }): string {
  if (member.phone !== null) return maskPhone(member.phone);
  if (member.email !== null) {
    const at = member.email.lastIndexOf('@');
    if (at > 0) return `${member.email.slice(0, 1)}***${member.email.slice(at)}`;
  }
  return member.id.length < 10 ? '****' : `${member.id.slice(0, 3)}****${member.id.slice(-4)}`;
}

interface Cached {
  readonly seq: bigint;
  readonly atMs: number;
  readonly board: Leaderboard;
}

const cache = new WeakMap<Mall, Cached>();

/**
 * The top LEADERBOARD_SIZE consumers by equity points held, with their value and level. Scanning every
 * account is O(n), so the board is kept per mall and recomputed only when the journal's head moved and
 * LEADERBOARD_REFRESH_MS has passed since the last computation.
 */
export async function leaderboard(mall: Mall, levels: readonly Level[]): Promise<Leaderboard> {
  await mall.ledger.catchUp();
  const seq = mall.ledger.state.head.seq;
  const nowMs = mall.clock.now().getTime();
  const cached = cache.get(mall);
  if (cached !== undefined && (cached.seq === seq || nowMs - cached.atMs < LEADERBOARD_REFRESH_MS))
    return cached.board;
  const board = await computeLeaderboard(mall, levels);
  cache.set(mall, { seq, atMs: nowMs, board });
  return board;
}

async function computeLeaderboard(mall: Mall, levels: readonly Level[]): Promise<Leaderboard> {
  const { economy, head } = mall.ledger.state;
  // A bounded selection instead of a full sort: keep the best LEADERBOARD_SIZE seen so far.
  const top: { id: string; points: bigint }[] = [];
  for (const account of economy.accounts.values()) {
    if (account.kind !== 'consumer' || account.points <= 0n) continue;
    const last = top.at(-1);
    if (top.length === LEADERBOARD_SIZE && last !== undefined && !ranksBefore(account, last)) continue;
    top.push({ id: account.id, points: account.points });
    top.sort((a, b) => (ranksBefore(a, b) ? -1 : 1));
    if (top.length > LEADERBOARD_SIZE) top.pop();
  }
  const ids = top.map((entry) => entry.id);
  const rows =
    ids.length === 0
      ? []
      : await mall.read
          .selectFrom('members')
          .select(['id', 'phone', 'email'])
          .where('id', 'in', ids)
          .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    headSeq: head.seq.toString(),
    computedAt: mall.nowText(),
    items: top.map((entry, index) => ({
      rank: index + 1,
      member: maskMember(byId.get(entry.id) ?? { id: entry.id, phone: null, email: null }),
      pointsMicro: entry.points.toString(),
      valueFen: valueOfPoints(economy, entry.points).toString(),
      level: levelView(levelOf(levels, entry.points)),
    })),
  };
}

/** More points first; ties by id, so the order never depends on the map's order. */
function ranksBefore(a: { id: string; points: bigint }, b: { id: string; points: bigint }): boolean {
  return a.points > b.points || (a.points === b.points && a.id < b.id);
}
