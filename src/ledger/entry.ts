import { createHash } from 'node:crypto';
import type { CommandEffects, EconomyEvent } from '../economy/index.js';
import type { CanonicalCommand } from './command.js';
import { canonicalJson } from './json/jcs.js';

export const GENESIS_HASH = '0'.repeat(64);

/** One journal entry as stored: the hashed parts as JCS text, plus the chain (CONTRACTS.md "An entry"). */
export interface JournalEntry {
  readonly seq: bigint;
  readonly time: string;
  readonly key: string;
  /** JCS of the command with its paramsVersion. */
  readonly command: string;
  /** JCS of the postings, each `[account, asset, amount]`. */
  readonly postings: string;
  /** JCS of the events, each a flat object of strings. */
  readonly events: string;
  readonly prevHash: string;
  readonly hash: string;
  /** sha256 of the JCS command without paramsVersion: the idempotency check. */
  readonly commandHash: string;
}

/** The command as hashed: the canonical form plus the parameter version it ran under. */
export function commandText(canonical: CanonicalCommand, paramsVersion: bigint): string {
  return canonicalJson({ ...canonical, paramsVersion: paramsVersion.toString() });
}

/** Postings as JCS, written directly: `[["world:money","fen","-10000"],...]`. */
export function postingsText(effects: CommandEffects): string {
  const parts: string[] = [];
  effects.forEachPosting((account, asset, amount) => {
    parts.push(`[${JSON.stringify(account)},"${asset}","${amount}"]`);
  });
  return `[${parts.join(',')}]`;
}

/** Events as JCS: flat objects, every number a decimal string. */
export function eventsText(events: readonly EconomyEvent[]): string {
  return canonicalJson(events.map(eventRecord));
}

export function eventRecord(event: EconomyEvent): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(event)) {
    if (value !== undefined) record[name] = typeof value === 'bigint' ? value.toString() : String(value);
  }
  return record;
}

/**
 * hash = sha256(prevHash as 32 raw bytes || JCS({seq, time, key, command, postings, events})). The parts
 * are JCS already, and JCS sorts these six names as command, events, key, postings, seq, time.
 */
export function entryHash(
  prevHash: string,
  parts: Pick<JournalEntry, 'seq' | 'time' | 'key' | 'command' | 'postings' | 'events'>,
): string {
  const canonical = `{"command":${parts.command},"events":${parts.events},"key":${JSON.stringify(parts.key)},"postings":${parts.postings},"seq":"${parts.seq}","time":${JSON.stringify(parts.time)}}`;
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(canonical, 'utf8').digest('hex');
}

/** Entry time: TOKENMALL_FIXED_TIME when set (tests, comparing implementations), else now in UTC. */
export function entryTime(env: NodeJS.ProcessEnv = process.env): string {
  return env.TOKENMALL_FIXED_TIME ?? new Date().toISOString();
}
