import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Mall } from '../mall/mall.js';
import {
  accountHistory,
  HISTORY_LIMIT_MAX,
  leaderboard,
  levelView,
  parseLevels,
  referralReport,
} from '../wallet/index.js';
import { requireMerchantStaff, requireRole } from './auth.js';
import { errors, IdParams, Nullable } from './schemas.js';

const bearer = [{ bearer: [] }];
const Str = Type.String;

const LevelSchema = Type.Object({ name: Str(), nameEn: Str(), minPointsMicro: Str() });
const HistoryPageSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      seq: Str(),
      time: Str(),
      key: Str(),
      type: Str({ description: "the command's type" }),
      postings: Type.Array(Type.Object({ account: Str(), asset: Str(), amount: Str() })),
    }),
  ),
  nextBefore: Nullable(Str({ description: '`before` of the next (older) page' })),
});

const HistoryQuery = Type.Object(
  {
    before: Type.Optional(
      Type.String({ pattern: '^[1-9][0-9]{0,18}$', description: 'entries before this seq' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORY_LIMIT_MAX, default: 20 })),
  },
  { additionalProperties: false },
);

/**
 * A member's standing and record: levels and the leaderboard, referral earnings and wallet history
 * (issue 11; docs/api-wallet.md).
 */
export async function registerStandingRoutes(app: FastifyInstance, mall: Mall): Promise<void> {
  // Bad level text stops the server at startup rather than at the first request.
  const levels = parseLevels(mall.settings.levels);

  app.get(
    '/api/levels',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Member levels by equity points held, lowest first (no sign-in)',
        response: { 200: Type.Object({ items: Type.Array(LevelSchema) }) },
      },
    },
    async () => ({ items: levels.map(levelView) }),
  );
  app.get(
    '/api/leaderboard',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Top 10 members by equity points held, masked; refreshed at most every 30 s (no sign-in)',
        response: {
          200: Type.Object({
            headSeq: Str(),
            computedAt: Str(),
            items: Type.Array(
              Type.Object({
                rank: Type.Integer(),
                member: Str({ description: '138****5678, a***@x.com, or a masked id' }),
                pointsMicro: Str(),
                valueFen: Str(),
                level: LevelSchema,
              }),
            ),
          }),
        },
      },
    },
    async () => leaderboard(mall, levels),
  );
  app.get(
    '/api/wallet/referrals',
    {
      schema: {
        tags: ['wallet'],
        security: bearer,
        summary: 'Members I referred (masked) and the referral points each earned me (members)',
        response: {
          200: Type.Object({
            referrals: Type.Array(Type.Object({ member: Str(), joinedAt: Str(), earnedMicro: Str() })),
            totalEarnedMicro: Str(),
            truncated: Type.Boolean({ description: 'more than 500 referrals: the oldest are left out' }),
          }),
          ...errors(401, 403),
        },
      },
    },
    async (request) => referralReport(mall, requireRole(request, 'consumer').memberId),
  );
  const history = (accountId: string, query: { before?: string; limit?: number }) =>
    accountHistory(mall, accountId, {
      before: query.before === undefined ? undefined : BigInt(query.before),
      limit: query.limit,
    });
  app.get(
    '/api/wallet/history',
    {
      schema: {
        tags: ['wallet'],
        security: bearer,
        summary: "My journal entries, newest first, with my accounts' postings (members)",
        querystring: HistoryQuery,
        response: { 200: HistoryPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) =>
      history(requireRole(request, 'consumer').memberId, request.query as { before?: string }),
  );
  app.get(
    '/api/merchants/:id/wallet/history',
    {
      schema: {
        tags: ['wallet'],
        security: bearer,
        summary: "The merchant's journal entries, newest first, with its postings (its staff, admins)",
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: HistoryPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      requireMerchantStaff(request, id);
      return history(id, request.query as { before?: string });
    },
  );
}
