/**
 * Proof of liabilities: a Merkle sum tree over what the economy owes each member (DESIGN.md "Trust",
 * docs/proof-of-liabilities.md). Pure: no I/O, no clock; salts come from the caller.
 *
 * Byte layout (every sum a 256-bit unsigned big-endian integer, every hash SHA-256):
 *   idHash = H(salt[32] || utf8(member))
 *   leaf   = H("leaf" || idHash[32] || valueFen[32] || cashFen[32] || stable[32])
 *   node   = H("node" || left.hash[32] || left sums[96] || right.hash[32] || right sums[96])
 * A node's sums are its children's sums added. Leaves are sorted by idHash (bytewise). A level with an
 * odd number of nodes (more than one) pairs its last node with the empty node: 32 zero bytes, sums 0.
 */
import { hash } from 'node:crypto';
import type { AccountKind, Rational } from '../economy/types.js';

/** What one account is owed, or the total under a node: fen, fen, stable points. */
export interface LiabilitySums {
  readonly valueFen: bigint;
  readonly cashFen: bigint;
  readonly stable: bigint;
}

/** The fields of an economy account the tree reads (an economy `Account` has them all). */
export interface LiabilityAccount {
  readonly id: string;
  readonly kind: AccountKind;
  /** µpt */
  readonly points: bigint;
  readonly cash: bigint;
  readonly stable: bigint;
  readonly heldFen: bigint;
  readonly heldStable: bigint;
}

export interface LiabilityRoot {
  /** 64 lowercase hex digits. */
  readonly hash: string;
  readonly sums: LiabilitySums;
}

/** Sums as they travel in JSON: decimal strings. */
export interface SumsJson {
  readonly valueFen: string;
  readonly cashFen: string;
  readonly stable: string;
}

export interface ProofStep {
  /** Where the sibling sits: 'left' means sibling || current, 'right' means current || sibling. */
  readonly side: 'left' | 'right';
  readonly hash: string;
  readonly sums: SumsJson;
}

/** One member's inclusion proof, plain JSON (docs/proof-of-liabilities.md). */
export interface InclusionProof {
  readonly version: 1;
  readonly member: string;
  /** 64 lowercase hex digits (32 bytes). */
  readonly salt: string;
  readonly sums: SumsJson;
  /** From the leaf's sibling up to the root's child. */
  readonly path: readonly ProofStep[];
  readonly root: { readonly hash: string; readonly sums: SumsJson };
  /** The price valueFen was computed at, fen per µpt. Not hashed: it travels with the root. */
  readonly price: { readonly num: string; readonly den: string };
  /** The journal entry the tree was built at (not hashed; the transparency endpoint publishes it). */
  readonly headSeq?: string;
  readonly headHash?: string;
}

/** What the transparency endpoint publishes: the root, its totals and what it was built at. */
export interface PublishedLiabilityRoot {
  readonly version: 1;
  readonly root: { readonly hash: string; readonly sums: SumsJson };
  readonly leafCount: number;
  readonly price: { readonly num: string; readonly den: string };
  readonly headSeq?: string;
  readonly headHash?: string;
}

export interface LiabilityTree {
  readonly root: LiabilityRoot;
  readonly leafCount: number;
  readonly price: Rational;
  readonly headSeq?: bigint;
  readonly headHash?: string;
  /** The member's proof, or undefined when the member has no leaf (unknown, treasury, all sums 0). */
  proofFor(memberId: string): InclusionProof | undefined;
  published(): PublishedLiabilityRoot;
}

export interface BuildOptions {
  readonly headSeq?: bigint;
  readonly headHash?: string;
}

export type VerifyResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export const SALT_BYTES = 32;
const HASH_BYTES = 32;
const SUM_BYTES = 32;
const SUMS_BYTES = 3 * SUM_BYTES;
const LEAF_TAG = Buffer.from('leaf', 'ascii');
const NODE_TAG = Buffer.from('node', 'ascii');
const LEAF_PREIMAGE_BYTES = LEAF_TAG.length + HASH_BYTES + SUMS_BYTES;
const NODE_PREIMAGE_BYTES = NODE_TAG.length + 2 * (HASH_BYTES + SUMS_BYTES);
/** The empty node's hash: pads an odd level. */
export const EMPTY_HASH = '0'.repeat(2 * HASH_BYTES);
const EMPTY_HASH_BYTES = Buffer.alloc(HASH_BYTES);
const SUM_LIMIT = 1n << BigInt(8 * SUM_BYTES);
const U64_LIMIT = 1n << 64n;
const ZERO_SUMS: LiabilitySums = { valueFen: 0n, cashFen: 0n, stable: 0n };
/** A proof's path never needs more steps than a 2^64-leaf tree. */
const MAX_PATH = 64;

/** The liabilities of one account at a price: floor(points * price), cash + heldFen, stable + heldStable. */
export function liabilitySums(account: LiabilityAccount, price: Rational): LiabilitySums {
  return {
    valueFen: (account.points * price.num) / price.den,
    cashFen: account.cash + account.heldFen,
    stable: account.stable + account.heldStable,
  };
}

/** sha256(salt || utf8(member)). */
export function memberIdHash(salt: Uint8Array, member: string): Buffer {
  return hash('sha256', Buffer.concat([salt, Buffer.from(member, 'utf8')]), 'buffer');
}

/** The hash of a leaf with this idHash and these sums. */
export function leafHash(idHash: Uint8Array, sums: LiabilitySums): Buffer {
  const leaf = preimage(LEAF_PREIMAGE_BYTES);
  writeLeafPreimage(leaf, idHash, sums.valueFen, sums.cashFen, sums.stable);
  return hash('sha256', leaf.bytes, 'buffer');
}

/** The hash of an internal node over these two children. */
export function nodeHash(
  left: { hash: Uint8Array; sums: LiabilitySums },
  right: { hash: Uint8Array; sums: LiabilitySums },
): Buffer {
  const node = preimage(NODE_PREIMAGE_BYTES);
  let at = NODE_TAG.copy(node.bytes, 0);
  node.bytes.set(left.hash, at);
  at = writeSums(node, at + HASH_BYTES, left.sums.valueFen, left.sums.cashFen, left.sums.stable);
  node.bytes.set(right.hash, at);
  writeSums(node, at + HASH_BYTES, right.sums.valueFen, right.sums.cashFen, right.sums.stable);
  return hash('sha256', node.bytes, 'buffer');
}

/** An array of bigint sums: a BigUint64Array while every total fits 64 bits, else plain bigints. */
type SumArray = { [index: number]: bigint; readonly length: number };

interface Level {
  readonly count: number;
  /** count * 32 bytes. */
  readonly hashes: Buffer;
  /** count * 3: valueFen, cashFen, stable of node i at 3i, 3i + 1, 3i + 2. */
  readonly sums: SumArray;
}

/**
 * Builds the tree over every consumer and merchant that is owed anything, at `price` (fen per µpt: the
 * economy's currentPrice, reserve / supply; while no points exist every valueFen is 0). `saltFor` gives
 * each member's 32-byte salt: random per member per tree, or derived from a secret so that proofs can be
 * made again later.
 * Time and memory O(n) beyond the O(n log n) sort of the leaves.
 * @throws RangeError on a negative balance, a bad salt, a negative price or a repeated member
 */
export function buildLiabilityTree(
  accounts: Iterable<LiabilityAccount>,
  price: Rational,
  saltFor: (memberId: string) => Uint8Array,
  options: BuildOptions = {},
): LiabilityTree {
  if (price.num < 0n || price.den <= 0n) throw new RangeError('the price needs num >= 0 and den > 0');
  if (options.headHash !== undefined && !isHex(options.headHash, HASH_BYTES)) {
    throw new RangeError('headHash needs 64 lowercase hex digits');
  }
  // In input order: the ids and sums of the accounts with a leaf.
  const ids: string[] = [];
  const inputSums: bigint[] = [];
  const totals = [0n, 0n, 0n];
  for (const account of accounts) {
    if (account.kind === 'treasury') continue;
    const { points, cash, stable, heldFen, heldStable } = account;
    if (points < 0n || cash < 0n || stable < 0n || heldFen < 0n || heldStable < 0n) {
      throw new RangeError(`account ${account.id} has a negative balance`);
    }
    const sums = liabilitySums(account, price);
    if (sums.valueFen === 0n && sums.cashFen === 0n && sums.stable === 0n) continue;
    ids.push(account.id);
    inputSums.push(sums.valueFen, sums.cashFen, sums.stable);
    totals[0]! += sums.valueFen;
    totals[1]! += sums.cashFen;
    totals[2]! += sums.stable;
  }
  const n = ids.length;
  for (const total of totals) {
    if (total >= SUM_LIMIT) throw new RangeError('a total does not fit 256 bits');
  }
  const wide = totals.some((total) => total >= U64_LIMIT);
  const sumArray = (length: number): SumArray =>
    wide ? new Array<bigint>(length).fill(0n) : new BigUint64Array(length);

  const salts = Buffer.allocUnsafe(n * SALT_BYTES);
  const idHashes = Buffer.allocUnsafe(n * HASH_BYTES);
  const keys = new Float64Array(n);
  // In input order: salts and idHashes. salt || utf8(id), written into one buffer (a UTF-16 unit is at most 3 bytes of UTF-8).
  let idPreimage = Buffer.alloc(SALT_BYTES + 256);
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    const salt = saltFor(id);
    if (salt.length !== SALT_BYTES) throw new RangeError(`the salt of ${id} is not ${SALT_BYTES} bytes`);
    salts.set(salt, i * SALT_BYTES);
    if (SALT_BYTES + 3 * id.length > idPreimage.length) idPreimage = Buffer.alloc(SALT_BYTES + 3 * id.length);
    idPreimage.set(salt, 0);
    const idBytes = idPreimage.write(id, SALT_BYTES, 'utf8');
    idHashes.set(hash('sha256', idPreimage.subarray(0, SALT_BYTES + idBytes), 'buffer'), i * HASH_BYTES);
    keys[i] = idHashes.readUIntBE(i * HASH_BYTES, 6);
  }

  // Leaves in idHash order: the first 48 bits decide almost always, the whole hash breaks ties.
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    const byKey = keys[a]! - keys[b]!;
    if (byKey !== 0) return byKey;
    return idHashes.compare(
      idHashes,
      b * HASH_BYTES,
      (b + 1) * HASH_BYTES,
      a * HASH_BYTES,
      (a + 1) * HASH_BYTES,
    );
  });

  const positions = new Map<string, number>();
  const sortedSalts = Buffer.allocUnsafe(n * SALT_BYTES);
  const leaves: Level = { count: n, hashes: Buffer.allocUnsafe(n * HASH_BYTES), sums: sumArray(3 * n) };
  const leafPreimage = preimage(LEAF_PREIMAGE_BYTES);
  for (let at = 0; at < n; at++) {
    const i = order[at]!;
    const id = ids[i]!;
    positions.set(id, at);
    if (positions.size !== at + 1) throw new RangeError(`member ${id} appears twice`);
    salts.copy(sortedSalts, at * SALT_BYTES, i * SALT_BYTES, (i + 1) * SALT_BYTES);
    const valueFen = inputSums[3 * i]!;
    const cashFen = inputSums[3 * i + 1]!;
    const stable = inputSums[3 * i + 2]!;
    leaves.sums[3 * at] = valueFen;
    leaves.sums[3 * at + 1] = cashFen;
    leaves.sums[3 * at + 2] = stable;
    writeLeafPreimage(
      leafPreimage,
      idHashes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES),
      valueFen,
      cashFen,
      stable,
    );
    leaves.hashes.set(hash('sha256', leafPreimage.bytes, 'buffer'), at * HASH_BYTES);
  }
  ids.length = 0;
  inputSums.length = 0;

  // Up the tree: each level half the one below, rounded up.
  const levels: Level[] = [leaves];
  const nodePreimage = preimage(NODE_PREIMAGE_BYTES);
  NODE_TAG.copy(nodePreimage.bytes, 0);
  for (let below = leaves; below.count > 1; ) {
    const count = Math.ceil(below.count / 2);
    const level: Level = { count, hashes: Buffer.allocUnsafe(count * HASH_BYTES), sums: sumArray(3 * count) };
    for (let j = 0; j < count; j++) {
      const l = 2 * j;
      const r = l + 1;
      let at = NODE_TAG.length;
      at += below.hashes.copy(nodePreimage.bytes, at, l * HASH_BYTES, (l + 1) * HASH_BYTES);
      at = writeSums(nodePreimage, at, below.sums[3 * l]!, below.sums[3 * l + 1]!, below.sums[3 * l + 2]!);
      if (r < below.count) {
        at += below.hashes.copy(nodePreimage.bytes, at, r * HASH_BYTES, (r + 1) * HASH_BYTES);
        writeSums(nodePreimage, at, below.sums[3 * r]!, below.sums[3 * r + 1]!, below.sums[3 * r + 2]!);
        for (let c = 0; c < 3; c++) level.sums[3 * j + c] = below.sums[3 * l + c]! + below.sums[3 * r + c]!;
      } else {
        at += EMPTY_HASH_BYTES.copy(nodePreimage.bytes, at);
        writeSums(nodePreimage, at, 0n, 0n, 0n);
        for (let c = 0; c < 3; c++) level.sums[3 * j + c] = below.sums[3 * l + c]!;
      }
      level.hashes.set(hash('sha256', nodePreimage.bytes, 'buffer'), j * HASH_BYTES);
    }
    levels.push(level);
    below = level;
  }

  const top = levels[levels.length - 1]!;
  const root: LiabilityRoot =
    n === 0 ? { hash: EMPTY_HASH, sums: ZERO_SUMS } : { hash: hexAt(top, 0), sums: sumsAt(top, 0) };
  const rootJson = { hash: root.hash, sums: sumsToJson(root.sums) };
  const priceJson = { num: price.num.toString(), den: price.den.toString() };
  const head = {
    ...(options.headSeq === undefined ? {} : { headSeq: options.headSeq.toString() }),
    ...(options.headHash === undefined ? {} : { headHash: options.headHash }),
  };

  return {
    root,
    leafCount: n,
    price,
    ...(options.headSeq === undefined ? {} : { headSeq: options.headSeq }),
    ...(options.headHash === undefined ? {} : { headHash: options.headHash }),
    proofFor(memberId) {
      const position = positions.get(memberId);
      if (position === undefined) return undefined;
      const path: ProofStep[] = [];
      let index = position;
      for (let l = 0; l < levels.length - 1; l++) {
        const level = levels[l]!;
        const sibling = index ^ 1;
        const side = (index & 1) === 1 ? 'left' : 'right';
        path.push(
          sibling < level.count
            ? { side, hash: hexAt(level, sibling), sums: sumsToJson(sumsAt(level, sibling)) }
            : { side, hash: EMPTY_HASH, sums: sumsToJson(ZERO_SUMS) },
        );
        index >>= 1;
      }
      return {
        version: 1,
        member: memberId,
        salt: sortedSalts.toString('hex', position * SALT_BYTES, (position + 1) * SALT_BYTES),
        sums: sumsToJson(sumsAt(leaves, position)),
        path,
        root: rootJson,
        price: priceJson,
        ...head,
      };
    },
    published() {
      return { version: 1, root: rootJson, leafCount: n, price: priceJson, ...head };
    },
  };
}

/**
 * Checks a proof offline: recomputes the leaf from member, salt and sums, folds the path and compares
 * the result with the root's hash and sums. Takes any parsed JSON; never throws.
 */
export function verifyInclusionProof(proof: unknown): VerifyResult {
  try {
    return verifyParsed(proof);
  } catch (error) {
    if (error instanceof ProofFormatError) return { ok: false, reason: error.message };
    throw error;
  }
}

class ProofFormatError extends Error {}

function verifyParsed(input: unknown): VerifyResult {
  const proof = requireObject(input, 'the proof');
  if (proof.version !== 1) return fail('version must be 1');
  if (typeof proof.member !== 'string') return fail('member must be a string');
  const salt = requireHex(proof.salt, 'salt', SALT_BYTES);
  const leafSums = parseSums(proof.sums, 'sums');
  const rootObject = requireObject(proof.root, 'root');
  const rootHash = requireHex(rootObject.hash, 'root.hash', HASH_BYTES);
  const rootSums = parseSums(rootObject.sums, 'root.sums');
  const price = requireObject(proof.price, 'price');
  parseDecimal(price.num, 'price.num');
  if (parseDecimal(price.den, 'price.den') === 0n) return fail('price.den must be positive');
  if (proof.headSeq !== undefined) parseDecimal(proof.headSeq, 'headSeq');
  if (proof.headHash !== undefined) requireHex(proof.headHash, 'headHash', HASH_BYTES);
  if (!Array.isArray(proof.path)) return fail('path must be an array');
  if (proof.path.length > MAX_PATH) return fail(`path is longer than ${MAX_PATH} steps`);

  let current = { hash: leafHash(memberIdHash(salt, proof.member), leafSums), sums: leafSums };
  for (const [i, raw] of (proof.path as unknown[]).entries()) {
    const step = requireObject(raw, `path[${i}]`);
    if (step.side !== 'left' && step.side !== 'right')
      return fail(`path[${i}].side must be "left" or "right"`);
    const sibling = {
      hash: requireHex(step.hash, `path[${i}].hash`, HASH_BYTES),
      sums: parseSums(step.sums, `path[${i}].sums`),
    };
    const [left, right] = step.side === 'left' ? [sibling, current] : [current, sibling];
    const sums = {
      valueFen: left.sums.valueFen + right.sums.valueFen,
      cashFen: left.sums.cashFen + right.sums.cashFen,
      stable: left.sums.stable + right.sums.stable,
    };
    if (sums.valueFen >= SUM_LIMIT || sums.cashFen >= SUM_LIMIT || sums.stable >= SUM_LIMIT) {
      return fail(`path[${i}]: a sum does not fit 256 bits`);
    }
    current = { hash: nodeHash(left, right), sums };
  }
  if (!current.hash.equals(rootHash)) return fail('the path does not lead to the root hash');
  for (const name of ['valueFen', 'cashFen', 'stable'] as const) {
    if (current.sums[name] !== rootSums[name]) return fail(`the path's ${name} total is not the root's`);
  }
  return { ok: true };
}

function fail(reason: string): never {
  throw new ProofFormatError(reason);
}

function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} must be an object`);
  return value as Record<string, unknown>;
}

function requireHex(value: unknown, what: string, bytes: number): Buffer {
  if (!isHex(value, bytes)) fail(`${what} must be ${2 * bytes} lowercase hex digits`);
  return Buffer.from(value as string, 'hex');
}

function isHex(value: unknown, bytes: number): boolean {
  return typeof value === 'string' && value.length === 2 * bytes && /^[0-9a-f]*$/.test(value);
}

/** A canonical non-negative decimal integer below 2^256: no sign, no leading zeros. */
function parseDecimal(value: unknown, what: string): bigint {
  if (typeof value !== 'string') return fail(`${what} must be a decimal string`);
  if (/^-[0-9]+$/.test(value)) return fail(`${what} is negative`);
  if (!/^(0|[1-9][0-9]*)$/.test(value)) return fail(`${what} must be a non-negative decimal integer`);
  const parsed = BigInt(value);
  if (parsed >= SUM_LIMIT) return fail(`${what} does not fit 256 bits`);
  return parsed;
}

function parseSums(value: unknown, what: string): LiabilitySums {
  const sums = requireObject(value, what);
  return {
    valueFen: parseDecimal(sums.valueFen, `${what}.valueFen`),
    cashFen: parseDecimal(sums.cashFen, `${what}.cashFen`),
    stable: parseDecimal(sums.stable, `${what}.stable`),
  };
}

function sumsToJson(sums: LiabilitySums): SumsJson {
  return {
    valueFen: sums.valueFen.toString(),
    cashFen: sums.cashFen.toString(),
    stable: sums.stable.toString(),
  };
}

function sumsAt(level: Level, i: number): LiabilitySums {
  return { valueFen: level.sums[3 * i]!, cashFen: level.sums[3 * i + 1]!, stable: level.sums[3 * i + 2]! };
}

function hexAt(level: Level, i: number): string {
  return level.hashes.toString('hex', i * HASH_BYTES, (i + 1) * HASH_BYTES);
}

/** A preimage buffer and a DataView on it (DataView writes 64-bit words faster than Buffer's methods). */
interface Preimage {
  readonly bytes: Buffer;
  readonly view: DataView;
}

function preimage(size: number): Preimage {
  const bytes = Buffer.alloc(size);
  return { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

function writeLeafPreimage(
  into: Preimage,
  idHash: Uint8Array,
  valueFen: bigint,
  cashFen: bigint,
  stable: bigint,
): void {
  LEAF_TAG.copy(into.bytes, 0);
  into.bytes.set(idHash, LEAF_TAG.length);
  writeSums(into, LEAF_TAG.length + HASH_BYTES, valueFen, cashFen, stable);
}

function writeSums(into: Preimage, at: number, valueFen: bigint, cashFen: bigint, stable: bigint): number {
  writeSum(into.view, at, valueFen);
  writeSum(into.view, at + SUM_BYTES, cashFen);
  writeSum(into.view, at + 2 * SUM_BYTES, stable);
  return at + SUMS_BYTES;
}

/** value as 32 bytes big-endian; 0 <= value < 2^256. */
function writeSum(view: DataView, at: number, value: bigint): void {
  if (value < 0n || value >= SUM_LIMIT) throw new RangeError(`sum ${value} is outside 0 .. 2^256 - 1`);
  if (value < U64_LIMIT) {
    view.setBigUint64(at, 0n);
    view.setBigUint64(at + 8, 0n);
    view.setBigUint64(at + 16, 0n);
    view.setBigUint64(at + 24, value);
    return;
  }
  let rest = value;
  for (let word = 3; word >= 0; word--) {
    view.setBigUint64(at + 8 * word, BigInt.asUintN(64, rest));
    rest >>= 64n;
  }
}
