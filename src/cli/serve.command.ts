import type { Command } from 'commander';
import { readSettings } from '../config.js';
import { seedDemoShop } from '../demo/seed.js';
import { startDividendScheduler } from '../dividends/index.js';
import { buildApp } from '../http/app.js';
import { openMall } from '../mall/open.js';
import { startOrderScheduler } from '../orders/index.js';
import { startPayoutSchedule } from '../payouts/index.js';
import { startWebhookDispatcher } from '../webhooks/index.js';

/** How often each node looks for orders to cancel or complete (the keys make races harmless). */
const ORDER_JOBS_INTERVAL_MS = 15_000;

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the mall over HTTP (TOKENMALL_DATABASE_URL, TOKENMALL_PORT, TOKENMALL_HOST)')
    .action(async () => {
      const settings = readSettings();
      const mall = await openMall(settings);
      if (settings.demo) {
        const seeded = await seedDemoShop(mall);
        if (seeded !== undefined) {
          process.stdout.write(
            `demo wine shop created; admin login ${seeded.adminPhone} password ${seeded.adminPassword} (shown once: write it down)\n`,
          );
          for (const staff of seeded.staff) {
            process.stdout.write(
              `  staff of ${staff.merchantId}: login ${staff.phone} password ${staff.password}\n`,
            );
          }
        }
      }
      const app = await buildApp(mall, { logger: process.env.TOKENMALL_LOG === '1' });
      const log = (message: string) => process.stderr.write(`${message}\n`);
      const failed = (job: string) => (error: unknown) => log(`${job} failed: ${(error as Error).message}`);
      // Every node runs every job: the journal's keys and conditional updates make each apply once.
      const stopOrders = startOrderScheduler(mall, ORDER_JOBS_INTERVAL_MS, log);
      const stopDividends = startDividendScheduler(mall, failed('dividends'));
      const stopPayouts = startPayoutSchedule(mall, failed('payout schedule'));
      const stopWebhooks = startWebhookDispatcher(mall, { log });
      const url = await app.listen({ port: settings.port, host: settings.host });
      process.stdout.write(`tokenmall listening on ${url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          stopOrders();
          stopDividends();
          stopPayouts();
          void stopWebhooks()
            .then(() => app.close())
            .then(() => mall.ledger.close())
            .then(() => resolve());
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
