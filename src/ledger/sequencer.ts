import type { Kysely } from 'kysely';
import { applyCommand, EconomyError, type EconomyState } from '../economy/index.js';
import type { LedgerCommand } from './command.js';
import { commandText, entryHash, entryTime, eventsText, type JournalEntry, postingsText } from './entry.js';
import { historyRow, touchedIds } from './history.js';
import { type LedgerState, replayEntry } from './ledger-state.js';
import { canonicalParams } from './params-text.js';
import type { KeyRecord, LedgerStore, LedgerWriter, ParametersRow, RejectionRow } from './store.js';

/** What a command got: `ack` with its seq, or a rejection with a code (CONTRACTS.md `apply`). */
export type CommandResult =
  | { readonly kind: 'ack'; readonly seq: bigint }
  | { readonly kind: 'reject'; readonly code: string; readonly message: string };

/**
 * What a unit of work sees inside the batch's transaction: the rows (`db`), the batch's clock, the
 * economy as it stands at this point of the total order, and the journal.
 */
export interface WorkContext {
  readonly db: Kysely<unknown>;
  /** The batch's time (CONTRACTS.md entry time), one reading for every unit in the batch. */
  readonly time: string;
  readonly economy: EconomyState;
  /**
   * Applies a command in this batch, in order. Call it after the unit's row checks: once it is applied,
   * the unit must not fail (the batch would be rolled back and the replica reloaded).
   */
  journal(command: LedgerCommand): Promise<CommandResult>;
  /** Runs `work` in a nested savepoint (e.g. to keep an idempotency record of a failed operation). */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
}

/** Row changes and journal commands that commit together, or not at all. */
export type Work<T> = (context: WorkContext) => Promise<T>;

type Pending =
  | {
      readonly kind: 'command';
      readonly command: LedgerCommand;
      readonly resolve: (result: CommandResult) => void;
      readonly reject: (error: unknown) => void;
    }
  | {
      readonly kind: 'work';
      readonly work: Work<unknown>;
      readonly resolve: (value: unknown) => void;
      readonly reject: (error: unknown) => void;
    };

type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

export interface SequencerOptions {
  /** Most commands in one transaction (TigerBeetle-style batching: the batch size is the speed). */
  readonly batchMax?: number;
  /** How long a lone command waits for company before its batch is written. */
  readonly lingerMs?: number;
  /** Called after each commit, e.g. to write a snapshot now and then. */
  readonly afterCommit?: (state: LedgerState) => Promise<void>;
  /** Reloads the replica after a failed commit (the in-memory state ran ahead of the database). */
  readonly reload: () => Promise<LedgerState>;
}

/**
 * Applies economy commands in one total order, in batches: collect, lock, catch up with entries others
 * wrote, decide each command (idempotency first, then the rules), write entries, rejections and changed
 * balances in one transaction, commit, and only then answer each caller (group commit).
 */
export class Sequencer {
  private queue: Pending[] = [];
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly batchMax: number;
  private readonly lingerMs: number;

  constructor(
    private readonly store: LedgerStore,
    private state: LedgerState,
    private readonly options: SequencerOptions,
  ) {
    this.batchMax = options.batchMax ?? 5000;
    this.lingerMs = options.lingerMs ?? 2;
  }

  get ledger(): LedgerState {
    return this.state;
  }

  /** Queues a command; resolves once its batch is durable. */
  submit(command: LedgerCommand): Promise<CommandResult> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'command', command, resolve, reject }));
  }

  /**
   * Queues a unit of work for the next batch: its row changes and journal commands commit with the
   * batch (group commit), in the journal's total order. Resolves with its value once durable; if it
   * throws, its row changes are rolled back (savepoint) and the promise rejects with its error.
   */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.enqueue({ kind: 'work', work, resolve: resolve as (value: unknown) => void, reject }),
    );
  }

  private enqueue(pending: Pending): void {
    this.queue.push(pending);
    if (this.queue.length >= this.batchMax) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.lingerMs);
  }

  /** Writes everything queued so far and waits for it. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.running !== undefined) {
      this.kick();
      await this.running;
    }
  }

  private kick(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.running !== undefined || this.queue.length === 0) return;
    this.running = this.runBatches().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async runBatches(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.batchMax);
      let outcomes: Outcome[];
      try {
        outcomes = await this.store.write((writer) => this.decide(writer, batch));
      } catch (error) {
        for (const pending of batch) pending.reject(error);
        this.state = await this.options.reload();
        continue;
      }
      for (let i = 0; i < batch.length; i++) {
        const outcome = outcomes[i]!;
        const pending = batch[i]!;
        if (outcome.ok) (pending.resolve as (value: unknown) => void)(outcome.value);
        else pending.reject(outcome.error);
      }
      // The batch is durable and answered; a failed snapshot only means a longer replay at the next start.
      await this.options.afterCommit?.(this.state).catch((error: unknown) => {
        process.emitWarning(`snapshot not written: ${(error as Error).message}`);
      });
    }
  }

  private async decide(writer: LedgerWriter, batch: readonly Pending[]): Promise<Outcome[]> {
    for (const entry of await writer.entriesAfter(this.state.head.seq))
      replayEntry(this.state, entry, { project: true });
    const commandKeys = batch.flatMap((p) => (p.kind === 'command' ? [p.command.key] : []));
    const known = await writer.lookupKeys(commandKeys);
    // Keys already looked up in the batch's one query: a miss there is a new key, not worth a second query.
    const lookedUp = new Set(commandKeys);
    const entries: JournalEntry[] = [];
    const rejections: RejectionRow[] = [];
    const parameters: ParametersRow[] = [];
    const accountIndex: (readonly [string, bigint])[] = [];
    // One clock reading per batch: its entries commit together.
    const time = entryTime();
    const journal = async (command: LedgerCommand): Promise<CommandResult> => {
      const first =
        known.get(command.key) ??
        (lookedUp.has(command.key) ? undefined : (await writer.lookupKeys([command.key])).get(command.key));
      if (first !== undefined) return repeated(command, first);
      const { result, record } = this.applyOne(command, time, entries, rejections, parameters, accountIndex);
      known.set(command.key, record);
      return result;
    };
    const context: WorkContext = {
      db: writer.db,
      time,
      economy: this.state.economy,
      journal,
      savepoint: async (work) => {
        const entriesBefore = entries.length;
        try {
          return await writer.savepoint(work);
        } catch (error) {
          if (entries.length !== entriesBefore) throw new AppliedThenFailed(error);
          throw error;
        }
      },
    };
    const outcomes: Outcome[] = [];
    for (const pending of batch) {
      if (pending.kind === 'command') {
        outcomes.push({ ok: true, value: await journal(pending.command) });
        continue;
      }
      const entriesBefore = entries.length;
      try {
        outcomes.push({ ok: true, value: await writer.savepoint(() => pending.work(context)) });
      } catch (error) {
        // A unit that fails after its command was applied would leave the replica ahead of its rows.
        if (entries.length !== entriesBefore) throw error;
        outcomes.push({ ok: false, error });
      }
    }
    await writer.insertEntries(entries);
    await writer.insertRejections(rejections);
    await writer.insertParameters(parameters);
    await writer.upsertBalances(this.state.balances.takeChanged());
    await writer.insertAccountIndex(accountIndex);
    // One clock reading per batch, so one history row: the state after the batch's last entry.
    if (entries.length > 0)
      await writer.upsertHistory([historyRow(this.state.economy, this.state.head.seq, time)]);
    return outcomes;
  }

  private applyOne(
    { key, command, canonical, commandHash }: LedgerCommand,
    time: string,
    entries: JournalEntry[],
    rejections: RejectionRow[],
    parameters: ParametersRow[],
    accountIndex: (readonly [string, bigint])[],
  ): { result: CommandResult; record: KeyRecord } {
    const economy = this.state.economy;
    const paramsVersion = economy.paramsVersion;
    try {
      const effects = applyCommand(economy, command);
      this.state.balances.project(effects);
      const seq = this.state.head.seq + 1n;
      const entry = {
        seq,
        time,
        key,
        command: commandText(canonical, paramsVersion),
        postings: postingsText(effects),
        events: eventsText(effects.events),
        prevHash: this.state.head.hash,
        hash: '',
        commandHash,
      };
      entry.hash = entryHash(entry.prevHash, entry);
      entries.push(entry);
      touchedIds(effects, seq, accountIndex);
      const hash = entry.hash;
      this.state.head = { seq, hash };
      if (command.type === 'params')
        parameters.push({ version: economy.paramsVersion, params: canonicalParams(economy.params) });
      return { result: { kind: 'ack', seq }, record: { kind: 'entry', seq, commandHash } };
    } catch (error) {
      if (!(error instanceof EconomyError)) throw error;
      rejections.push({ key, commandHash, code: error.code, message: error.message });
      const result = { kind: 'reject', code: error.code, message: error.message } as const;
      return { result, record: { kind: 'rejection', commandHash, code: error.code, message: error.message } };
    }
  }
}

/** A key seen before: its first result again, or a conflict when the command differs. */
function repeated(command: LedgerCommand, first: KeyRecord): CommandResult {
  if (first.commandHash !== command.commandHash) {
    const what = first.kind === 'entry' ? `applied (seq ${first.seq})` : `rejected (${first.code})`;
    return { kind: 'reject', code: 'IDEMPOTENCY_CONFLICT', message: `key was ${what} with another command` };
  }
  return first.kind === 'entry'
    ? { kind: 'ack', seq: first.seq }
    : { kind: 'reject', code: first.code, message: first.message };
}

/**
 * A unit of work failed after one of its commands was applied: its rows roll back but the replica has
 * moved on, so the whole batch must fail and the replica reload. A bug, never a user's error.
 */
export class AppliedThenFailed extends Error {
  override readonly name = 'AppliedThenFailed';
  constructor(readonly failure: unknown) {
    super(`a unit of work failed after its journal command was applied: ${(failure as Error)?.message}`);
  }
}
