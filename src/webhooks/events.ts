/**
 * The mall's published events, derived from journal entries (docs/integrations.md): every event the
 * journal recorded, plus `order.completed` for an order's completion entry and one `dividend.paid` per
 * member paid by a dividend run. Pure: the same entry always gives the same events with the same ids,
 * which is what lets a feed reader, a webhook endpoint and a replay agree on them.
 */

import type { JournalEntry } from '../ledger/index.js';

/**
 * The parts of a journal entry events are derived from: the hashed parts as JCS text and the entry's
 * hash (the chain's prevHash and the idempotency hash play no part).
 */
export type JournalRow = Pick<
  JournalEntry,
  'seq' | 'time' | 'key' | 'command' | 'postings' | 'events' | 'hash'
>;

/** One published event: a stable id, its type, the entry it comes from, and flat decimal-string data. */
export interface MallEvent {
  /** `evt_<seq>_<n>`: n counts the entry's events from 0, journal events first, derived ones after. */
  readonly id: string;
  readonly type: string;
  readonly seq: string;
  readonly time: string;
  /** The entry's hash: a head a reader can check with `tokenmall verify --head`. */
  readonly hash: string;
  readonly data: Readonly<Record<string, string>>;
}

/** The journal's own event types (CONTRACTS.md "The journal"). */
export const JOURNAL_EVENT_TYPES = [
  'member.joined',
  'merchant.created',
  'params.changed',
  'points.awarded',
  'points.sold',
  'member.exited',
  'points.converted',
  'stable.settled',
  'payment.held',
  'payment.released',
  'withdrawal.requested',
  'withdrawal.paid',
  'withdrawal.returned',
  'payout.paid',
  'dividends.ran',
] as const;

/** Every type an endpoint or a feed reader may ask for: the journal's, then the derived ones. */
export const MALL_EVENT_TYPES: readonly string[] = [
  ...JOURNAL_EVENT_TYPES,
  'order.completed',
  'dividend.paid',
];

const COMPLETION_KEY = /^order:([^:\s]+):complete$/;

/** The id of the n-th event of entry `seq`. */
export function eventId(seq: bigint, n: number): string {
  if (seq < 1n || !Number.isSafeInteger(n) || n < 0) throw new Error(`bad event position ${seq}/${n}`);
  return `evt_${seq}_${n}`;
}

/** The entry seq an event id names, or undefined if it is not one of ours. */
export function seqOfEventId(id: string): bigint | undefined {
  const match = /^evt_([1-9][0-9]{0,18})_(0|[1-9][0-9]{0,5})$/.exec(id);
  return match === null ? undefined : BigInt(match[1]!);
}

/**
 * The events of one journal entry, in order: the journal's events as recorded (without `type` in their
 * data), then `order.completed` if the entry completes an order, then `dividend.paid` per payout of a
 * dividend run, in the order of its postings.
 */
export function eventsOfEntry(entry: JournalRow): MallEvent[] {
  if (entry.seq < 1n) throw new Error(`journal seq ${entry.seq} is not positive`);
  const datas: Array<{ type: string; data: Record<string, string> }> = [];
  for (const recorded of parseArray(entry.events, 'events')) {
    const { type, ...data } = flatStrings(recorded);
    if (type === undefined) throw new Error(`entry ${entry.seq}: an event without a type`);
    datas.push({ type, data });
  }
  const command = flatCommand(entry.command, entry.seq);
  const orderId = COMPLETION_KEY.exec(entry.key)?.[1];
  if (orderId !== undefined && command.type === 'order') datas.push(orderCompleted(orderId, command));
  if (command.type === 'dividends') {
    for (const [member, amountFen] of dividendPayouts(parseArray(entry.postings, 'postings')))
      datas.push({ type: 'dividend.paid', data: { member, amountFen } });
  }
  return datas.map(({ type, data }, n) => ({
    id: eventId(entry.seq, n),
    type,
    seq: entry.seq.toString(),
    time: entry.time,
    hash: entry.hash,
    data,
  }));
}

function orderCompleted(
  orderId: string,
  command: Record<string, string>,
): { type: string; data: Record<string, string> } {
  const { member, merchant, amount } = command;
  if (member === undefined || merchant === undefined || amount === undefined)
    throw new Error(`order completion ${orderId} without member, merchant or amount`);
  return {
    type: 'order.completed',
    data: {
      orderId,
      member,
      merchant,
      amountFen: amount,
      stableFen: command.stable ?? '0',
      profitFen: command.profit ?? '0',
    },
  };
}

/**
 * A dividend run's payouts: each `<id>:cash` fen credit right after a `dividend-fund` fen debit
 * (CONTRACTS.md). Cash credits of the cascade that follows (forced exits) are not payouts.
 */
export function dividendPayouts(postings: readonly unknown[]): Array<[member: string, amountFen: string]> {
  const payouts: Array<[string, string]> = [];
  let previous: readonly unknown[] | undefined;
  for (const posting of postings) {
    if (!Array.isArray(posting) || posting.length !== 3)
      throw new Error('a posting is not [account, asset, amount]');
    const [account, asset, amount] = posting as [unknown, unknown, unknown];
    const fromFund = previous !== undefined && previous[0] === 'dividend-fund' && previous[1] === 'fen';
    if (fromFund && asset === 'fen' && typeof account === 'string' && account.endsWith(':cash')) {
      if (typeof amount !== 'string' || BigInt(amount) <= 0n)
        throw new Error(`a payout of ${String(amount)}`);
      payouts.push([account.slice(0, -':cash'.length), amount]);
    }
    previous = posting;
  }
  return payouts;
}

function parseArray(text: string, what: string): unknown[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error(`journal ${what} are not an array`);
  return value;
}

function flatCommand(text: string, seq: bigint): Record<string, string> {
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`entry ${seq}: the command is not an object`);
  // Only the string fields matter here (a params command also has an object: it is left out).
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(value)) if (typeof field === 'string') fields[name] = field;
  return fields;
}

function flatStrings(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error('an event is not an object');
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(value)) {
    if (typeof field !== 'string') throw new Error(`event field ${name} is not a string`);
    fields[name] = field;
  }
  return fields;
}
