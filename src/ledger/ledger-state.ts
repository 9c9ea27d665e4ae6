import {
  applyCommand,
  type CommandEffects,
  commandFromInput,
  createState,
  type EconomyCommand,
  type EconomyState,
} from '../economy/index.js';
import { BalanceProjection } from './balance-projection.js';
import { entryHash, eventsText, GENESIS_HASH, type JournalEntry, postingsText } from './entry.js';
import type { Head } from './store.js';

/** One process's replica: the economy in memory, the journal's head and the balance projection. */
export interface LedgerState {
  economy: EconomyState;
  head: Head;
  /** Balance of each (account, asset) as the postings give it, with what changed since the last write. */
  readonly balances: BalanceProjection;
}

export function emptyLedgerState(): LedgerState {
  return { economy: createState(), head: { seq: 0n, hash: GENESIS_HASH }, balances: new BalanceProjection() };
}

/** Why a stored entry does not replay: `verify` prints `entry <seq>: <reason>`. */
export class ReplayMismatch extends Error {
  override readonly name = 'ReplayMismatch';
  constructor(
    readonly seq: bigint,
    readonly reason: string,
  ) {
    super(`entry ${seq}: ${reason}`);
  }
}

/** The engine's command from a stored canonical command (every integer a decimal string). */
export function commandFromStored(
  seq: bigint,
  text: string,
): { command: EconomyCommand; paramsVersion: bigint } {
  try {
    const record = JSON.parse(text) as Record<string, unknown>;
    const version = record.paramsVersion;
    if (typeof version !== 'string' || !/^[1-9][0-9]*$/.test(version)) throw new Error('no paramsVersion');
    return {
      command: commandFromInput(record, { ignored: ['paramsVersion'], mall: true }),
      paramsVersion: BigInt(version),
    };
  } catch (error) {
    throw new ReplayMismatch(seq, `the command cannot be read: ${(error as Error).message}`);
  }
}

/**
 * Applies a stored entry through the engine and checks it whole: its place in the chain, its parameter
 * version, the postings and events the rules give, and its hash. Used on start, catch-up, verify, import.
 * @throws ReplayMismatch
 */
export function replayEntry(
  state: LedgerState,
  entry: JournalEntry,
  options: { project: boolean },
): CommandEffects {
  const expectedSeq = state.head.seq + 1n;
  if (entry.seq !== expectedSeq)
    throw new ReplayMismatch(expectedSeq, `missing (the next stored entry is ${entry.seq})`);
  if (entry.prevHash !== state.head.hash)
    throw new ReplayMismatch(entry.seq, 'prevHash does not match the previous hash');
  const { command, paramsVersion } = commandFromStored(entry.seq, entry.command);
  if (paramsVersion !== state.economy.paramsVersion) {
    throw new ReplayMismatch(
      entry.seq,
      `ran under parameters ${paramsVersion}, but ${state.economy.paramsVersion} were in force`,
    );
  }
  let effects: CommandEffects;
  try {
    effects = applyCommand(state.economy, command);
  } catch (error) {
    throw new ReplayMismatch(entry.seq, `the rules reject its command: ${(error as Error).message}`);
  }
  if (postingsText(effects) !== entry.postings)
    throw new ReplayMismatch(entry.seq, 'postings differ from what the rules give');
  if (eventsText(effects.events) !== entry.events)
    throw new ReplayMismatch(entry.seq, 'events differ from what the rules give');
  if (entryHash(entry.prevHash, entry) !== entry.hash)
    throw new ReplayMismatch(entry.seq, 'hash does not match its content');
  if (options.project) state.balances.project(effects);
  state.head = { seq: entry.seq, hash: entry.hash };
  return effects;
}
