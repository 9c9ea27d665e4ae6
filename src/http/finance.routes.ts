import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  changeParams,
  currentParams,
  listDividendRuns,
  memberDividends,
  mergeParams,
  PAGE_MAX,
  paramsHistory,
  paramsRecord,
  runDividends,
} from '../dividends/index.js';
import { snapshotState } from '../economy/index.js';
import { MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import {
  checkWorkload,
  WHAT_IF_LIMITS,
  type WhatIfResult,
  WhatIfTooLarge,
  type WhatIfWorkload,
  whatIfSteps,
} from '../whatif/index.js';
import { requireRole } from './auth.js';
import { idempotent } from './idempotency.js';
import { errors, IdempotencyHeaders, Nullable } from './schemas.js';

const bearer = [{ bearer: [] }];
const tags = ['finance'];
const Amount = (description: string) => Type.String({ description });

const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_MAX, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 10, description: 'nextCursor of the previous page' })),
});

const DividendRunSchema = Type.Object({
  date: Type.String({ description: 'the local date (TOKENMALL_TIMEZONE) the run belongs to' }),
  key: Type.String({ description: 'the journal key, dividends:<date>' }),
  seq: Type.String(),
  time: Type.String({ description: "the entry's time (UTC)" }),
  paidFen: Amount('sum paid to holders'),
  holders: Amount('holders paid more than 0'),
  leftFen: Amount('the dividend fund after the run'),
  exits: Type.Array(
    Type.Object({ member: Type.String(), pointsMicro: Type.String(), netFen: Type.String() }),
    { description: 'forced exits the run caused' },
  ),
});

const Integer = Type.Union([Type.String({ pattern: '^-?[0-9]{1,25}$' }), Type.Integer()], {
  description: 'an integer as a decimal string (or a safe JSON integer)',
});
const ParamsChanges = (minProperties: number) =>
  Type.Object(
    {
      issuePrice: Type.Optional(Integer),
      reserveRate: Type.Optional(Integer),
      awardRate: Type.Optional(Integer),
      referralRate: Type.Optional(Integer),
      sellFeeRate: Type.Optional(Integer),
      convertFeeRate: Type.Optional(Integer),
      quotaMultiplier: Type.Optional(Integer),
      dividendRate: Type.Optional(Integer),
      supplyCap: Type.Optional(Integer),
      exitEnabled: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false, minProperties },
  );

const ParamsRecordSchema = Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean()]), {
  description: 'the ten parameters (SPEC.md): integers as decimal strings, exitEnabled a boolean',
});
const ParamsSchema = Type.Object({ version: Type.String(), params: ParamsRecordSchema });

const Bp = (description: string) => Type.Integer({ minimum: 0, maximum: 10_000, description });
const WhatIfBody = Type.Object(
  {
    params: Type.Optional(ParamsChanges(0)),
    workload: Type.Object(
      {
        ordersPerDay: Type.Integer({ minimum: 0, maximum: WHAT_IF_LIMITS.ordersMax }),
        orderFen: Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: 'each order, fen' }),
        stableShareBp: Type.Optional(Bp('share of each order paid in stable points (default 0)')),
        profitBp: Type.Optional(Bp('share of each order that is profit (default 0: no dividend fund)')),
        sellRateBp: Bp("share of each simulated buyer's points sold at the end of each day"),
        convertRateBp: Bp("share of each simulated buyer's points converted to stable each day"),
        newMembersPerDay: Type.Optional(Type.Integer({ minimum: 0, maximum: WHAT_IF_LIMITS.newMembersMax })),
        referralShareBp: Type.Optional(Bp('share of new members referred by an earlier one (default 0)')),
        days: Type.Integer({ minimum: 1, maximum: WHAT_IF_LIMITS.daysMax }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
type WhatIfInput = {
  params?: Record<string, unknown>;
  workload: Omit<
    WhatIfWorkload,
    'orderFen' | 'stableShareBp' | 'profitBp' | 'newMembersPerDay' | 'referralShareBp'
  > &
    Partial<Pick<WhatIfWorkload, 'stableShareBp' | 'profitBp' | 'newMembersPerDay' | 'referralShareBp'>> & {
      orderFen: string;
    };
};

const WhatIfDaySchema = Type.Object({
  day: Type.Integer(),
  priceYuanPerPoint: Type.String(),
  priceFenPerPointNum: Type.String(),
  priceFenPerPointDen: Type.String(),
  reserveFen: Type.String(),
  supplyMicro: Type.String(),
  outstandingQuotaFen: Type.String(),
  outstandingStable: Type.String(),
  dividendsPaidFen: Type.String(),
  exits: Type.Integer(),
});
const WhatIfSchema = Type.Object({
  proposed: Type.Boolean({ description: 'true when run under proposed parameters' }),
  paramsVersion: Type.String({ description: 'the version the simulation ran under (a proposed one is +1)' }),
  params: ParamsRecordSchema,
  series: Type.Array(WhatIfDaySchema),
  totals: Type.Object({
    orders: Type.Integer(),
    ordersFen: Type.String(),
    dividendsPaidFen: Type.String(),
    exits: Type.Integer(),
    pointsSoldMicro: Type.String(),
    sellNetFen: Type.String(),
    pointsConvertedMicro: Type.String(),
    stableFromConverts: Type.String(),
    syntheticMembers: Type.Integer(),
    rejected: Type.Integer(),
  }),
});

/** Daily dividends (run now, runs, a member's payouts), economy parameters, and the what-if simulation. */
export async function registerFinanceRoutes(app: FastifyInstance, mall: Mall): Promise<void> {
  registerDividendRoutes(app, mall);
  registerParamsRoutes(app, mall);
  app.post(
    '/api/admin/economy/what-if',
    {
      schema: {
        tags,
        security: bearer,
        summary:
          'Simulate days of orders, dividends, sells and converts on a copy of the economy, under the current or proposed parameters; nothing is written (admins)',
        body: WhatIfBody,
        response: { 200: WhatIfSchema, ...errors(400, 401, 403, 422) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const { params: changes, workload: input } = request.body as WhatIfInput;
      const workload: WhatIfWorkload = {
        ...input,
        orderFen: BigInt(input.orderFen),
        stableShareBp: input.stableShareBp ?? 0,
        profitBp: input.profitBp ?? 0,
        newMembersPerDay: input.newMembersPerDay ?? 0,
        referralShareBp: input.referralShareBp ?? 0,
      };
      await mall.ledger.catchUp();
      const economy = mall.ledger.state.economy;
      const proposed =
        changes === undefined ? undefined : mergeParams(economy.params, changes, economy.minted);
      try {
        checkWorkload(workload, economy.holders.size);
        const result = await runInSlices(whatIfSteps(snapshotState(economy), workload, proposed));
        return {
          proposed: proposed !== undefined,
          params: paramsRecord(proposed ?? economy.params),
          ...result,
        };
      } catch (error) {
        if (error instanceof WhatIfTooLarge)
          throw new MallError('WHAT_IF_TOO_LARGE', error.message, error.details);
        throw error;
      }
    },
  );
}

/** Runs the simulation a slice at a time, letting the server answer other requests in between. */
async function runInSlices(steps: Generator<void, WhatIfResult, void>): Promise<WhatIfResult> {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function registerDividendRoutes(app: FastifyInstance, mall: Mall): void {
  app.post(
    '/api/admin/dividends/run',
    {
      schema: {
        tags,
        security: bearer,
        summary:
          "Run today's dividends now, early, under today's key dividends:<date>; once run, the same run is returned (admins)",
        response: { 200: DividendRunSchema, ...errors(401, 403) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return runDividends(mall);
    },
  );

  app.get(
    '/api/admin/dividends',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Dividend runs, newest first (admins)',
        querystring: PageQuery,
        response: {
          200: Type.Object({ items: Type.Array(DividendRunSchema), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const { limit, cursor } = request.query as { limit?: number; cursor?: string };
      return listDividendRuns(mall, { limit: limit ?? 20, cursor });
    },
  );

  app.get(
    '/api/wallet/dividends',
    {
      schema: {
        tags: ['wallet'],
        security: bearer,
        summary: 'What each dividend run paid me, newest first (members)',
        querystring: PageQuery,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                date: Type.String(),
                seq: Type.String(),
                time: Type.String(),
                paidFen: Amount('paid to my cash balance by this run (0 when nothing)'),
              }),
            ),
            nextCursor: Nullable(Type.String()),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const member = requireRole(request, 'consumer');
      const { limit, cursor } = request.query as { limit?: number; cursor?: string };
      return memberDividends(mall, member.memberId, { limit: limit ?? 20, cursor });
    },
  );
}

function registerParamsRoutes(app: FastifyInstance, mall: Mall): void {
  app.get(
    '/api/admin/economy/params',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'The economy parameters in force and their version (admins)',
        response: { 200: ParamsSchema, ...errors(401, 403) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return currentParams(mall);
    },
  );

  app.put(
    '/api/admin/economy/params',
    {
      schema: {
        tags,
        security: bearer,
        summary:
          'Change economy parameters: the given ones merged over those in force, validated, journaled as the next version; effective from the next operation (admins; Idempotency-Key)',
        headers: IdempotencyHeaders,
        body: ParamsChanges(1),
        response: {
          200: Type.Object({ version: Type.String(), params: ParamsRecordSchema, journalSeq: Type.String() }),
          ...errors(400, 401, 403, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const changes = request.body as Record<string, unknown>;
      return idempotent(mall, request, reply, admin.memberId, async (tx) => ({
        status: 200,
        body: await changeParams(tx, changes),
      }));
    },
  );

  app.get(
    '/api/admin/economy/params/history',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Every parameter version, newest first, with the journal entry that made it (admins)',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                version: Type.String(),
                params: ParamsRecordSchema,
                journalSeq: Nullable(Type.String()),
                time: Nullable(Type.String()),
                key: Nullable(Type.String()),
              }),
            ),
          }),
          ...errors(401, 403),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return paramsHistory(mall);
    },
  );
}
