import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyInstance } from 'fastify';
import { currentPrice, formatYuanPerPoint } from '../economy/index.js';
import type { Mall } from '../mall/mall.js';
import { foundingExampleScenario } from '../simulate/founding-example.js';
import { globalReport } from '../simulate/report.js';
import { runScenario } from '../simulate/scenario.js';
import { installAuth } from './auth.js';
import { registerCatalogRoutes } from './catalog.routes.js';
import { registerEconomyRoutes } from './economy.routes.js';
import { installErrorHandler } from './errors.js';
import { registerFinanceRoutes } from './finance.routes.js';
import { renderHomePage } from './home-page.js';
import { registerMemberRoutes } from './members.routes.js';
import { registerOrderRoutes } from './orders.routes.js';
import { registerPaymentRoutes } from './payments.routes.js';
import { registerPayoutRoutes } from './payouts.routes.js';
import { registerReportRoutes } from './reports.routes.js';
import { registerStandingRoutes } from './standing.routes.js';
import { registerWalletRoutes } from './wallet.routes.js';
import { defaultWebRoot, registerWebFront } from './web.js';
import { registerWebhookRoutes } from './webhooks.routes.js';
import { registerWithdrawalRoutes } from './withdrawals.routes.js';

export type App = FastifyInstance;
export type TypedApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

export interface AppOptions {
  readonly logger?: boolean;
  /** Where logs go (tests read them to check that no secret is logged); stdout by default. */
  readonly logStream?: NodeJS.WritableStream;
  /**
   * The built web front to serve at `/` (dist/web by default, when it has been built); null serves
   * the engine-only home page instead, as when the front is not built.
   */
  readonly webRoot?: string | null;
}

/**
 * The mall's HTTP API (CONTRACTS.md "HTTP API"): JSON, amounts as decimal strings, one error shape,
 * OpenAPI at /docs/json from the same schemas that validate the requests.
 */
export async function buildApp(mall: Mall, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === true || options.logStream !== undefined
        ? {
            // Tokens, passwords and signatures never reach the logs (request bodies are not logged at all).
            redact: [
              'req.headers.authorization',
              'req.headers["x-tokenmall-signature"]',
              'req.headers.cookie',
            ],
            ...(options.logStream === undefined ? {} : { stream: options.logStream }),
          }
        : false,
    bodyLimit: 256 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();
  installValidators(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tokenmall API',
        version: '0.1.0',
        description:
          'Amounts are decimal strings in fen (…Fen) or micro-points (…Micro). Errors: {code, message, details}.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(rateLimit, { global: false });
  installErrorHandler(app);
  installAuth(app, mall);
  keepRawJsonBodies(app);

  await registerExampleRoutes(app, options.webRoot === undefined ? defaultWebRoot() : options.webRoot);
  await registerEconomyRoutes(app, mall);
  await registerMemberRoutes(app, mall);
  await registerCatalogRoutes(app, mall);
  await registerOrderRoutes(app, mall);
  await registerPaymentRoutes(app, mall);
  await registerWalletRoutes(app, mall);
  registerWithdrawalRoutes(app, mall);
  registerPayoutRoutes(app, mall);
  await registerStandingRoutes(app, mall);
  await registerFinanceRoutes(app, mall);
  await registerReportRoutes(app, mall);
  await registerWebhookRoutes(app, mall);
  return app;
}

/**
 * The founding example's figures (SPEC.md), and what `/` shows: the web front when it is built, else
 * the engine-only page (so API tests never depend on the front's build).
 */
async function registerExampleRoutes(
  app: FastifyInstance,
  webRoot: string | null | undefined,
): Promise<void> {
  const prices: string[] = [];
  const { state, exits } = runScenario(foundingExampleScenario(), {
    afterEvent: (_index, _command, _events, current) =>
      prices.push(formatYuanPerPoint(currentPrice(current))),
  });
  const example = { pricesYuanPerPoint: prices, final: globalReport(state), exits: exits.length };
  if (webRoot === null || webRoot === undefined) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(renderHomePage(prices)),
    );
  } else {
    await registerWebFront(app, webRoot);
  }
  app.get('/api/example', { schema: { hide: true } }, async () => example);
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  // A member's referral link (`/r/<code>`, GET /api/me): the storefront opens with the code filled in.
  app.get('/r/:code', { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    return reply.redirect(`/?ref=${encodeURIComponent(code)}`, 302);
  });
}

/** JSON bodies are parsed as usual and also kept as received (`request.rawBody`) for signatures. */
function keepRawJsonBodies(app: FastifyInstance): void {
  app.decorateRequest('rawBody', undefined);
  app.removeContentTypeParser('application/json');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    if ((body as string).length === 0) return done(null, undefined);
    parseJson(request, body as string, done);
  });
  // A POST without a body is an empty object, so a route whose body fields are all optional accepts it.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET') request.body = {};
  });
}

/**
 * Two validators: query strings, path parameters and headers are text, so their numbers are coerced
 * (`?limit=5`); JSON bodies are not coerced at all, so `"quantity": "5"` or a number where a decimal
 * string of fen is expected is a 400, not a guess.
 */
function installValidators(app: FastifyInstance): void {
  const options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const;
  const strict = addFormats.default(new Ajv({ ...options, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...options, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema),
  );
}
