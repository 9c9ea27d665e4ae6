import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { verifyInclusionProof } from '../proof/index.js';
import { CliFailure, EXIT_REJECTED } from './exit-codes.js';

/** `tokenmall verify-proof FILE`: checks one member's inclusion proof offline (docs/proof-of-liabilities.md). */
export function registerVerifyProof(program: Command): void {
  program
    .command('verify-proof')
    .description("check a member's proof-of-liabilities inclusion proof offline, without a database")
    .argument('<file>', 'inclusion proof JSON, as the proof endpoint gives it')
    .action((file: string) => {
      let proof: unknown;
      try {
        proof = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new CliFailure(EXIT_REJECTED, `cannot read ${file}: ${(error as Error).message}`);
      }
      const result = verifyInclusionProof(proof);
      if (!result.ok) {
        process.stdout.write(`invalid: ${result.reason}\n`);
        process.exitCode = EXIT_REJECTED;
        return;
      }
      // verifyInclusionProof checked every field below.
      const checked = proof as { member: string; root: { hash: string }; sums: Record<string, string> };
      const { valueFen, cashFen, stable } = checked.sums;
      process.stdout.write(
        `ok member=${checked.member} root=${checked.root.hash} valueFen=${valueFen} cashFen=${cashFen} stable=${stable}\n`,
      );
    });
}
