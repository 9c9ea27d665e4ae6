/** Proof of liabilities (docs/proof-of-liabilities.md): the Merkle sum tree and its offline verifier. */

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
