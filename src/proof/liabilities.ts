/**
 * The mall's proof of liabilities (docs/proof-of-liabilities.md "Endpoints"): one Merkle sum tree over
 * every member's liabilities at the journal's head, salts derived from the server secret, cached per head
 * and rebuilt at most once a minute. The transparency endpoint publishes its root, the proof endpoint
 * gives each member their path to it: both read the same cached tree.
 */
import { createHmac } from 'node:crypto';
import { currentPrice } from '../economy/index.js';
import type { LedgerState } from '../ledger/index.js';
import { MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import {
  buildLiabilityTree,
  type InclusionProof,
  type LiabilityTree,
  SALT_BYTES,
  type SumsJson,
} from './merkle-sum-tree.js';

/** A tree is rebuilt only when the head moved and at least this long after the last build. */
export const REBUILD_INTERVAL_MS = 60_000;

/** The root as the transparency endpoint publishes it, every integer a decimal string. */
export interface PublishedLiabilities {
  readonly version: 1;
  /** The root hash, 64 lowercase hex digits. */
  readonly root: string;
  /** The root's sums: what the tree says the economy owes its members in all. */
  readonly totals: SumsJson;
  readonly leafCount: string;
  /** The price valueFen was computed at, fen per µpt (reserve / supply). */
  readonly price: { readonly num: string; readonly den: string };
  /** The journal entry the tree was built at. */
  readonly headSeq: string;
  readonly headHash: string;
  /** When it was built (the mall's clock), UTC ISO text. */
  readonly builtAt: string;
}

/** One built tree and when it was built. */
export interface BuiltLiabilityTree {
  readonly tree: LiabilityTree;
  readonly headSeq: bigint;
  readonly builtAtMs: number;
  readonly published: PublishedLiabilities;
}

/**
 * A member's salt for the tree at `headSeq`: HMAC-SHA256(secret, `<memberId>:<headSeq>`). It changes with
 * every published tree and nobody without the secret can compute it, so idHashes cannot be matched to
 * ids by guessing; the server can give the same proof again after a restart without storing salts.
 */
export function memberSalt(secret: string, memberId: string, headSeq: bigint): Buffer {
  if (secret.length === 0) throw new RangeError('the proof secret is empty');
  const salt = createHmac('sha256', secret).update(`${memberId}:${headSeq}`, 'utf8').digest();
  if (salt.length !== SALT_BYTES) throw new RangeError(`a salt must be ${SALT_BYTES} bytes`);
  return salt;
}

/**
 * Builds the tree over every consumer and merchant account of `state` at its head, at the current price.
 * Synchronous: it reads the replica in one go, so the tree is exactly the state at `state.head`.
 * @throws RangeError when an account has a negative balance (a bug in the economy)
 */
export function buildMallLiabilityTree(state: LedgerState, secret: string, now: Date): BuiltLiabilityTree {
  const { economy, head } = state;
  const headSeq = head.seq;
  const tree = buildLiabilityTree(
    economy.accounts.values(),
    currentPrice(economy),
    (memberId) => memberSalt(secret, memberId, headSeq),
    { headSeq, headHash: head.hash },
  );
  const published = tree.published();
  return {
    tree,
    headSeq,
    builtAtMs: now.getTime(),
    published: {
      version: 1,
      root: published.root.hash,
      totals: published.root.sums,
      leafCount: String(published.leafCount),
      price: published.price,
      headSeq: headSeq.toString(),
      headHash: head.hash,
      builtAt: now.toISOString(),
    },
  };
}

/**
 * The last built tree of one mall. The first call waits for a build; later calls get the last tree at
 * once and, when it is stale (the head moved and REBUILD_INTERVAL_MS passed), start a rebuild on a later
 * turn of the event loop, so the request that notices never waits for it.
 */
export class LiabilityTreeCache {
  private current: BuiltLiabilityTree | undefined;
  private building: Promise<BuiltLiabilityTree> | undefined;
  private failure: unknown;

  constructor(
    private readonly mall: Mall,
    private readonly intervalMs = REBUILD_INTERVAL_MS,
  ) {
    if (!(intervalMs >= 0)) throw new RangeError('the rebuild interval must be >= 0');
  }

  /** The tree to publish now (after catching up with other nodes' writes). */
  async latest(): Promise<BuiltLiabilityTree> {
    await this.mall.ledger.catchUp();
    const current = this.current;
    // A failed background build is a bug: the next request builds in the open, so its error is seen.
    if (current === undefined || this.failure !== undefined) {
      this.failure = undefined;
      return this.rebuild();
    }
    if (this.isStale(current)) {
      this.rebuild().catch((error: unknown) => {
        this.failure = error;
      });
    }
    return current;
  }

  /** The published root and totals of the current tree. */
  async published(): Promise<PublishedLiabilities> {
    return (await this.latest()).published;
  }

  /**
   * `memberId`'s inclusion proof in the current tree (the file `tokenmall verify-proof` checks).
   * @throws MallError NOT_FOUND when the member has no leaf in it (nothing owed, or joined after it)
   */
  async proofFor(memberId: string): Promise<InclusionProof> {
    const { tree, headSeq } = await this.latest();
    const proof = tree.proofFor(memberId);
    if (proof === undefined) {
      throw new MallError('NOT_FOUND', `member ${memberId} has no leaf in the tree at entry ${headSeq}`, {
        member: memberId,
        headSeq: headSeq.toString(),
      });
    }
    return proof;
  }

  /** Waits for a build in progress, if any (tests, shutdown). */
  async settled(): Promise<void> {
    await this.building?.catch(() => undefined);
  }

  private isStale(built: BuiltLiabilityTree): boolean {
    if (this.mall.ledger.state.head.seq === built.headSeq) return false;
    return this.mall.clock.now().getTime() - built.builtAtMs >= this.intervalMs;
  }

  /** One build at a time; callers during a build share it. */
  private rebuild(): Promise<BuiltLiabilityTree> {
    this.building ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        const built = buildMallLiabilityTree(
          this.mall.ledger.state,
          this.mall.settings.proofSecret,
          this.mall.clock.now(),
        );
        this.current = built;
        return built;
      })
      .finally(() => {
        this.building = undefined;
      });
    return this.building;
  }
}

const caches = new WeakMap<Mall, LiabilityTreeCache>();

/** The one tree cache of `mall`, so every route and command publishes the same tree. */
export function liabilityTreeOf(mall: Mall): LiabilityTreeCache {
  let cache = caches.get(mall);
  if (cache === undefined) {
    cache = new LiabilityTreeCache(mall);
    caches.set(mall, cache);
  }
  return cache;
}
