import { type TSchema, Type } from '@sinclair/typebox';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { localDate } from '../dividends/index.js';
import {
  DAILY_REPORT_COLUMNS,
  dailyReports,
  PRICE_POINTS_MAX,
  priceHistory,
  reconcile,
} from '../finance/index.js';
import type { Mall } from '../mall/mall.js';
import { requireRole } from './auth.js';
import { errors } from './schemas.js';

const bearer = [{ bearer: [] }];
const tags = ['finance'];

const LocalDate = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'a local date (YYYY-MM-DD) in TOKENMALL_TIMEZONE',
});
const ReportQuery = Type.Object({
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
});
const DailyReportSchema = Type.Object(
  Object.fromEntries(DAILY_REPORT_COLUMNS.map((name) => [name, Type.String()])) as Record<string, TSchema>,
);
const Difference = Type.Object({
  account: Type.String(),
  asset: Type.String(),
  journal: Type.String({ description: 'what replaying the journal from genesis gives' }),
  stored: Type.String({ description: 'the stored balance' }),
  replica: Type.String({ description: "this node's live balance" }),
});
const HeldDifference = Type.Object({
  account: Type.String(),
  asset: Type.String(),
  journal: Type.String({ description: '<id>:held in the journal' }),
  rows: Type.String({ description: "open orders' payments plus open withdrawals" }),
});
const ReconciliationSchema = Type.Object({
  ok: Type.Boolean(),
  headSeq: Type.String(),
  headHash: Type.String(),
  entriesReplayed: Type.String(),
  brokenEntry: Type.Union([Type.Object({ seq: Type.String(), reason: Type.String() }), Type.Null()]),
  balancesCompared: Type.Integer(),
  balanceDifferences: Type.Array(Difference),
  economyDifferences: Type.Array(
    Type.Object({ figure: Type.String(), journal: Type.String(), replica: Type.String() }),
  ),
  heldDifferences: Type.Array(HeldDifference),
  checkedAt: Type.String(),
});
const PricePointSchema = Type.Object({
  time: Type.String(),
  seq: Type.String(),
  priceFenPerPointNum: Type.String(),
  priceFenPerPointDen: Type.String(),
  priceYuanPerPoint: Type.String(),
  reserveFen: Type.String(),
  supplyMicro: Type.String(),
});

/** The finance team's reports, the reconciliation, and the public price history. */
export async function registerReportRoutes(app: FastifyInstance, mall: Mall): Promise<void> {
  const range = (query: { from?: string; to?: string }) => {
    // Entry times are the journal's clock (UTC wall time), so "today" is too.
    const today = localDate(new Date(), mall.settings.timezone);
    const to = query.to ?? query.from ?? today;
    return { from: query.from ?? to, to };
  };

  app.get(
    '/api/admin/reports/daily',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Daily finance report (admins): flows of each local day and levels at its end',
        description:
          'Days from..to inclusive (default: today, in TOKENMALL_TIMEZONE), at most 366. Each day is the difference of the readings of the journal at the end of the day before and at the end of the day.',
        querystring: ReportQuery,
        response: {
          200: Type.Object({ timezone: Type.String(), days: Type.Array(DailyReportSchema) }),
          ...errors(400, 401, 403, 422),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const { from, to } = range(request.query as { from?: string; to?: string });
      return { timezone: mall.settings.timezone, days: await dailyReports(mall, from, to) };
    },
  );

  app.get(
    '/api/admin/reports/daily.csv',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'The daily finance report as CSV (admins): one row per day, the JSON fields as columns',
        querystring: ReportQuery,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errors(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      const { from, to } = range(request.query as { from?: string; to?: string });
      const days = await dailyReports(mall, from, to);
      const csv = stringify(
        days.map((day) => DAILY_REPORT_COLUMNS.map((column) => day[column])),
        { header: true, columns: [...DAILY_REPORT_COLUMNS] },
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="tokenmall-finance-${from}-${to}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/admin/reconciliation',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Reconciliation (admins): every balance against the journal, every difference listed',
        description:
          'Replays the journal from genesis and compares every balance with the stored projection and this node’s replica, the economy figures with the replica’s, and each <id>:held with the open payments and withdrawals that explain it. `tokenmall verify` stops at the first problem; this lists them all.',
        response: { 200: ReconciliationSchema, ...errors(401, 403, 503) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return reconcile(mall);
    },
  );

  app.get(
    '/api/transparency/price-history',
    {
      schema: {
        tags: ['wallet'],
        summary: 'The price over any range, downsampled (public)',
        description:
          'One reading per 15 minutes is kept; a range is cut into `points` equal slices and each shows its last reading. A record of the rules at work, not a forecast.',
        querystring: Type.Object({
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          points: Type.Optional(Type.Integer({ minimum: 2, maximum: PRICE_POINTS_MAX, default: 200 })),
        }),
        response: {
          200: Type.Object({ from: Type.String(), to: Type.String(), points: Type.Array(PricePointSchema) }),
          ...errors(400, 422),
        },
      },
    },
    async (request) => priceHistory(mall, request.query as { from?: string; to?: string; points?: number }),
  );
}
