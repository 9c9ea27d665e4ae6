import type { Command } from 'commander';
import { loadLedgerState, openStore } from '../ledger/index.js';
import { accountsReport, globalReport, simulateTable } from '../simulate/report.js';
import { asCliFailure, databaseUrl, requireMigrated } from './store-options.js';

export function registerState(program: Command): void {
  program
    .command('state')
    .description("print the economy's state at the journal's head")
    .option('--json', 'as JSON (the fields of simulate --json plus paramsVersion, headSeq, headHash)')
    .option('--accounts', 'include every account')
    .action(async (options: { json?: boolean; accounts?: boolean }) => {
      const store = openStore(databaseUrl(), { writer: false });
      try {
        await requireMigrated(store, databaseUrl());
        const { economy, head } = await loadLedgerState(store).catch(asCliFailure);
        if (!options.json) {
          process.stdout.write(
            `head           ${head.seq} ${head.hash}\nparameters     ${economy.paramsVersion}\n`,
          );
          process.stdout.write(simulateTable(economy, [], { accounts: options.accounts === true }));
          return;
        }
        const report = {
          ...globalReport(economy),
          paramsVersion: economy.paramsVersion.toString(),
          headSeq: head.seq.toString(),
          headHash: head.hash,
          ...(options.accounts ? { accounts: accountsReport(economy) } : {}),
        };
        process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
      } finally {
        await store.close();
      }
    });
}
