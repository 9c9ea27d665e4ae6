import type { Command } from 'commander';
import { openStore, verifyJournal } from '../ledger/index.js';
import { CliFailure, EXIT_MISUSE, EXIT_REJECTED } from './exit-codes.js';
import { progressBar } from './progress.js';
import { asCliFailure, databaseUrl, requireMigrated } from './store-options.js';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('replay the journal from genesis and check every entry, hash and stored balance')
    .option('--head <hex>', 'also require the chain to contain this published head hash')
    .action(async (options: { head?: string }) => {
      if (options.head !== undefined && !/^[0-9a-f]{64}$/.test(options.head)) {
        throw new CliFailure(EXIT_MISUSE, '--head needs 64 lowercase hex digits');
      }
      const store = openStore(databaseUrl(), { writer: false });
      try {
        await requireMigrated(store, databaseUrl());
        const total = await store.entryCount().catch(asCliFailure);
        const bar = progressBar('verify', Number(total));
        const result = await verifyJournal(store, {
          ...(options.head === undefined ? {} : { expectedHead: options.head }),
          onProgress: (seq) => bar.update(Number(seq)),
        });
        bar.finish(Number(total));
        if (result.ok) process.stdout.write(`ok seq=${result.seq} head=${result.head}\n`);
        else {
          process.stdout.write(`entry ${result.seq}: ${result.reason}\n`);
          process.exitCode = EXIT_REJECTED;
        }
      } finally {
        await store.close();
      }
    });
}
