import Fastify, { type FastifyInstance } from 'fastify';
import { currentPrice, formatYuanPerPoint } from '../economy/index.js';
import { foundingExampleScenario } from '../simulate/founding-example.js';
import { globalReport } from '../simulate/report.js';
import { runScenario } from '../simulate/scenario.js';
import { renderHomePage } from './home-page.js';

/**
 * The HTTP app. Until the mall exists (issue 10) it serves the founding example: a page with the price
 * after each of 100 buyers, and the same figures as JSON.
 */
export function buildApp(options: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });
  const prices: string[] = [];
  const { state, exits } = runScenario(foundingExampleScenario(), {
    afterEvent: (_index, _command, _events, current) =>
      prices.push(formatYuanPerPoint(currentPrice(current))),
  });
  const example = { pricesYuanPerPoint: prices, final: globalReport(state), exits: exits.length };

  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(renderHomePage(prices)),
  );
  app.get('/api/example', async () => example);
  app.get('/health', async () => ({ status: 'ok' }));
  return app;
}
