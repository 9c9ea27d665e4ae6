import type { Command } from 'commander';
import { exportArchive, importArchive, openStore } from '../ledger/index.js';
import { MALL_ARCHIVE_TABLES } from '../mall/archive-tables.js';
import { progressBar } from './progress.js';
import { asCliFailure, databaseUrl, requireMigrated } from './store-options.js';

export function registerArchive(program: Command): void {
  program
    .command('migrate')
    .description('apply pending migrations; prints schema <N>')
    .action(async () => {
      const store = openStore(databaseUrl(), { writer: true });
      try {
        process.stdout.write(`schema ${await store.migrate()}\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command('export')
    .description('write the archive (gzip JSON Lines, byte-identical for one store)')
    .argument('<file>')
    .action(async (file: string) => {
      const store = openStore(databaseUrl(), { writer: false });
      try {
        await requireMigrated(store, databaseUrl());
        const head = await store.head().catch(asCliFailure);
        const bar = progressBar('export', Number(head.seq));
        await exportArchive(store, file, {
          tables: MALL_ARCHIVE_TABLES,
          onProgress: (seq) => bar.update(Number(seq)),
        });
        bar.finish(Number(head.seq));
      } finally {
        await store.close();
      }
    });

  program
    .command('import')
    .description('load an archive into a freshly migrated store, checking every entry')
    .argument('<file>')
    .action(async (file: string) => {
      const store = openStore(databaseUrl(), { writer: true });
      try {
        await store.migrate();
        const bar = progressBar('import', 0);
        const seq = await importArchive(store, file, {
          tables: MALL_ARCHIVE_TABLES,
          onProgress: (done) => bar.update(Number(done)),
        }).catch(asCliFailure);
        bar.finish(Number(seq));
      } finally {
        await store.close();
      }
    });

  program
    .command('backup')
    .description('a consistent copy of a live SQLite store')
    .argument('<file>')
    .action(async (file: string) => {
      const store = openStore(databaseUrl(), { writer: false });
      try {
        await requireMigrated(store, databaseUrl());
        await store.backup(file).catch(asCliFailure);
      } finally {
        await store.close();
      }
    });
}
