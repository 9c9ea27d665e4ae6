import type { Kysely } from 'kysely';
import type { EconomyCommand } from '../economy/index.js';
import {
  type CommandResult,
  type Ledger,
  type LedgerCommand,
  mallCommand,
  type WorkContext,
} from '../ledger/index.js';
import type { MallDatabase } from './database.js';
import { MALL_ERROR_STATUS, MallError, type MallErrorCode } from './errors.js';

/** Where the time comes from: the wall clock, or a test's. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The mall's rules an operator can tune (docs/mall.md). */
export interface MallSettings {
  /** An unpaid order is cancelled automatically this long after it was placed. */
  readonly autoCancelMinutes: number;
  /** A delivered order completes automatically this many days after delivery. */
  readonly autoCompleteDays: number;
  /** Shared secret of the payment gateway's signed notifications (HMAC-SHA256). */
  readonly gatewaySecret: string;
  /** How far a gateway notification's timestamp may be from our clock. */
  readonly gatewayToleranceSeconds: number;
  /** The operator's day (CONTRACTS.md TOKENMALL_TIMEZONE), an IANA name such as Asia/Shanghai. */
  readonly timezone: string;
  /** Local `HH:MM` of the daily dividend run. */
  readonly dividendTime: string;
  /** Withdrawal limits in fen: smallest, largest single request, most per account per local day. */
  readonly withdrawMinFen: bigint;
  readonly withdrawMaxFen: bigint;
  readonly withdrawDailyMaxFen: bigint;
  /** Level thresholds as configured (config.ts `levels`). */
  readonly levels: string;
  /** When merchants' payouts are requested by themselves: `off`, `daily` or `weekly`. */
  readonly payoutSchedule: 'off' | 'daily' | 'weekly';
  /** Server secret from which the proof of liabilities derives each member's salt (kept in the store). */
  readonly proofSecret: string;
}

/** What a unit of work sees: the rows, the time, and the journal (inside one transaction). */
export interface MallTx {
  readonly db: Kysely<MallDatabase>;
  /** This unit's time (the mall's clock), as UTC ISO text. */
  readonly now: string;
  readonly context: WorkContext;
}

/**
 * The mall's handle on its store: committed reads, and writes as units of work that commit with the
 * journal in its batches (group commit). Every write goes through `write`, so the journal's order, the
 * rows and the idempotency records never disagree.
 */
export class Mall {
  readonly read: Kysely<MallDatabase>;

  constructor(
    readonly ledger: Ledger,
    readonly settings: MallSettings,
    readonly clock: Clock = systemClock,
  ) {
    this.read = ledger.store.reader as Kysely<MallDatabase>;
  }

  /** Runs `work` in the next batch's transaction; resolves once durable. A throw rolls back its rows. */
  write<T>(work: (tx: MallTx) => Promise<T>): Promise<T> {
    return this.ledger.run((context) =>
      work({ db: context.db as Kysely<MallDatabase>, now: this.clock.now().toISOString(), context }),
    );
  }

  nowText(): string {
    return this.clock.now().toISOString();
  }
}

/**
 * Applies an economy command in the unit's transaction and turns a rejection into a MallError. Call it
 * after the unit's own checks and row changes: an applied command cannot be undone.
 */
export async function journal(tx: MallTx, key: string, command: EconomyCommand): Promise<bigint> {
  const result: CommandResult = await tx.context.journal(mallCommand(key, command));
  if (result.kind === 'ack') return result.seq;
  const code: MallErrorCode = Object.hasOwn(MALL_ERROR_STATUS, result.code)
    ? (result.code as MallErrorCode)
    : 'BAD_REQUEST';
  throw new MallError(code, result.message, { journalCode: result.code });
}

export type { LedgerCommand };
