import type { Command } from 'commander';
import { readSettings } from '../config.js';
import { buildApp } from '../http/app.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP app (TOKENMALL_PORT, TOKENMALL_HOST)')
    .action(async () => {
      const settings = readSettings();
      const app = buildApp({ logger: false });
      const url = await app.listen({ port: settings.port, host: settings.host });
      process.stdout.write(`tokenmall listening on ${url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void app.close().then(() => resolve());
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
