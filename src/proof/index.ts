/**
 * Proof of liabilities (docs/proof-of-liabilities.md): the Merkle sum tree, its offline verifier, and the
 * mall's cached tree with salts derived from the server secret.
 */

export {
  type BuiltLiabilityTree,
  buildMallLiabilityTree,
  LiabilityTreeCache,
  liabilityTreeOf,
  memberSalt,
  type PublishedLiabilities,
  REBUILD_INTERVAL_MS,
} from './liabilities.js';
export {
  type BuildOptions,
  buildLiabilityTree,
  EMPTY_HASH,
  type InclusionProof,
  type LiabilityAccount,
  type LiabilityRoot,
  type LiabilitySums,
  type LiabilityTree,
  leafHash,
  liabilitySums,
  memberIdHash,
  nodeHash,
  type ProofStep,
  type PublishedLiabilityRoot,
  SALT_BYTES,
  type SumsJson,
  type VerifyResult,
  verifyInclusionProof,
} from './merkle-sum-tree.js';
