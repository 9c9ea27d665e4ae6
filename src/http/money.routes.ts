import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden } from '../mall/errors.js';
import type { Mall, MallTx } from '../mall/mall.js';
import type { Principal } from '../members/index.js';
import {
  approvePayout,
  listPayouts,
  owedToMerchant,
  PAYOUT_STATUSES,
  type PayoutStatus,
  rejectPayout,
  requestPayout,
} from '../payouts/index.js';
import {
  accountHistory,
  HISTORY_LIMIT_MAX,
  leaderboard,
  levelView,
  parseLevels,
  referralReport,
} from '../wallet/index.js';
import {
  approveWithdrawal,
  listWithdrawals,
  payWithdrawal,
  rejectWithdrawal,
  requestWithdrawal,
  WITHDRAWAL_STATUSES,
  type WithdrawalStatus,
} from '../withdrawals/index.js';
import { requireMerchantStaff, requireRole } from './auth.js';
import { idempotent } from './idempotency.js';
import { errors, Fen, IdempotencyHeaders, IdParams, Nullable, Pagination } from './schemas.js';

const bearer = [{ bearer: [] }];
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Str = Type.String;

const Withdrawal = Type.Object({
  id: Str(),
  accountId: Str({ description: 'the member or merchant whose cash is withdrawn' }),
  requestedBy: Str(),
  amountFen: Str(),
  status: Str({ description: 'requested -> approved -> paid, or requested|approved -> rejected' }),
  destination: Str(),
  reason: Str({ description: 'why it was rejected' }),
  decidedBy: Nullable(Str()),
  reference: Nullable(Str({ description: "the transfer's reference, once paid" })),
  createdAt: Str(),
  decidedAt: Nullable(Str()),
  paidAt: Nullable(Str()),
});
const Payout = Type.Object({
  id: Str(),
  merchantId: Str(),
  requestedBy: Str({ description: 'a staff member, or `schedule`' }),
  amountFen: Str(),
  status: Str({ description: 'requested -> paid, or requested -> rejected' }),
  reason: Str(),
  decidedBy: Nullable(Str()),
  reference: Nullable(Str()),
  createdAt: Str(),
  decidedAt: Nullable(Str()),
});
const pageOf = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Str()) });
const Owed = Type.Object({
  merchantId: Str(),
  owedFen: Str({ description: "`<m>:sales`: completed orders' fen not yet paid out" }),
  requestedFen: Str({ description: 'asked for by open payout requests' }),
  availableFen: Str({ description: 'owed - requested: what a new request may ask for' }),
});
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

const WithdrawalBody = Type.Object(
  { amountFen: Fen, destination: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
const statusQuery = <S extends string>(statuses: readonly S[]) =>
  Type.Object(
    { status: Type.Optional(Type.Union(statuses.map((s) => Type.Literal(s)))), ...Pagination },
    { additionalProperties: false },
  );
const HistoryQuery = Type.Object(
  {
    before: Type.Optional(
      Type.String({ pattern: '^[1-9][0-9]{0,18}$', description: 'entries before this seq' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORY_LIMIT_MAX, default: 20 })),
  },
  { additionalProperties: false },
);
const MoneyPost = { headers: IdempotencyHeaders };
type PageQueryT = { limit?: number; cursor?: string };

/** Staff of merchant `id` (not an admin: only a merchant's own staff move its money). */
function requireOwnStaff(request: FastifyRequest, merchantId: string): Principal {
  const staff = requireRole(request, 'merchant');
  if (staff.merchantId !== merchantId) throw forbidden('staff of another merchant');
  return staff;
}

/** An idempotent money-moving POST whose operation answers 200 with `body`. */
function once(
  mall: Mall,
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
  operation: (tx: MallTx) => Promise<unknown>,
) {
  return idempotent(mall, request, reply, principal.memberId, async (tx) => ({
    status: 200,
    body: await operation(tx),
  }));
}

/**
 * Withdrawals, merchant payouts, levels and the leaderboard, referral earnings and wallet history
 * (issue 11; docs/api-wallet.md).
 */
export async function registerMoneyRoutes(app: FastifyInstance, mall: Mall): Promise<void> {
  // Bad level text stops the server at startup rather than at the first request.
  const levels = parseLevels(mall.settings.levels);
  registerWithdrawalRoutes(app, mall);
  registerPayoutRoutes(app, mall);

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

function registerWithdrawalRoutes(app: FastifyInstance, mall: Mall): void {
  const tags = ['withdrawals'];
  const created = { 200: Withdrawal, ...errors(400, 401, 403, 404, 409, 422) };
  app.post(
    '/api/wallet/withdrawals',
    {
      schema: {
        tags,
        security: bearer,
        summary:
          'Withdraw cash from my balance: it is held until an admin pays or rejects it (members; Idempotency-Key)',
        ...MoneyPost,
        body: WithdrawalBody,
        response: created,
      },
    },
    async (request, reply) => {
      const member = requireRole(request, 'consumer');
      const { amountFen, destination = '' } = request.body as { amountFen: string; destination?: string };
      return once(mall, request, reply, member, (tx) =>
        requestWithdrawal(tx, mall.settings, {
          accountId: member.memberId,
          requestedBy: member.memberId,
          amountFen: BigInt(amountFen),
          destination,
        }),
      );
    },
  );
  app.get(
    '/api/wallet/withdrawals',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'My withdrawals, newest first (members)',
        querystring: statusQuery(WITHDRAWAL_STATUSES),
        response: { 200: pageOf(Withdrawal), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const member = requireRole(request, 'consumer');
      const query = request.query as PageQueryT & { status?: WithdrawalStatus };
      return listWithdrawals(mall, { ...query, accountId: member.memberId });
    },
  );
  app.post(
    '/api/merchants/:id/withdrawals',
    {
      schema: {
        tags,
        security: bearer,
        summary: "Withdraw cash from the merchant's balance (its staff; Idempotency-Key)",
        params: IdParams,
        ...MoneyPost,
        body: WithdrawalBody,
        response: created,
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const staff = requireOwnStaff(request, id);
      const { amountFen, destination = '' } = request.body as { amountFen: string; destination?: string };
      return once(mall, request, reply, staff, (tx) =>
        requestWithdrawal(tx, mall.settings, {
          accountId: id,
          requestedBy: staff.memberId,
          amountFen: BigInt(amountFen),
          destination,
        }),
      );
    },
  );
  app.get(
    '/api/merchants/:id/withdrawals',
    {
      schema: {
        tags,
        security: bearer,
        summary: "The merchant's withdrawals, newest first (its staff, admins)",
        params: IdParams,
        querystring: statusQuery(WITHDRAWAL_STATUSES),
        response: { 200: pageOf(Withdrawal), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      requireMerchantStaff(request, id);
      const query = request.query as PageQueryT & { status?: WithdrawalStatus };
      return listWithdrawals(mall, { ...query, accountId: id });
    },
  );
  app.get(
    '/api/admin/withdrawals',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Withdrawals, newest first, by status (admins)',
        querystring: statusQuery(WITHDRAWAL_STATUSES),
        response: { 200: pageOf(Withdrawal), ...errors(400, 401, 403) },
      },
    },
    async (request) => listWithdrawals(mall, request.query as PageQueryT & { status?: WithdrawalStatus }),
  );
  const decision = (
    path: string,
    summary: string,
    body: ReturnType<typeof Type.Object>,
    run: (tx: MallTx, id: string, admin: string, body: Record<string, string>) => Promise<unknown>,
  ) =>
    app.post(
      path,
      {
        schema: { tags, security: bearer, summary, params: IdParams, ...MoneyPost, body, response: created },
      },
      async (request, reply) => {
        const admin = requireRole(request, 'admin');
        const { id } = request.params as { id: string };
        return once(mall, request, reply, admin, (tx) =>
          run(tx, id, admin.memberId, request.body as Record<string, string>),
        );
      },
    );
  decision(
    '/api/admin/withdrawals/:id/approve',
    'Approve a requested withdrawal; the money stays held until it is paid (admins; Idempotency-Key)',
    Type.Object({}, { additionalProperties: false }),
    (tx, id, admin) => approveWithdrawal(tx, id, admin),
  );
  decision(
    '/api/admin/withdrawals/:id/reject',
    'Reject a requested or approved withdrawal; the cash goes back to the balance (admins; Idempotency-Key)',
    Type.Object({ reason: Text(500) }, { additionalProperties: false }),
    (tx, id, admin, body) => rejectWithdrawal(tx, id, admin, body.reason ?? ''),
  );
  decision(
    '/api/admin/withdrawals/:id/pay',
    "Record that an approved withdrawal was transferred, with the transfer's reference (admins; Idempotency-Key)",
    Type.Object({ reference: Text(200) }, { additionalProperties: false }),
    (tx, id, admin, body) => payWithdrawal(tx, id, admin, body.reference ?? ''),
  );
}

function registerPayoutRoutes(app: FastifyInstance, mall: Mall): void {
  const tags = ['payouts'];
  const decided = { 200: Payout, ...errors(400, 401, 403, 404, 409, 422) };
  app.get(
    '/api/merchants/:id/payouts/owed',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'What the mall owes the merchant for its completed orders (its staff, admins)',
        params: IdParams,
        response: { 200: Owed, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      requireMerchantStaff(request, id);
      return owedToMerchant(mall, id);
    },
  );
  app.get(
    '/api/merchants/:id/payouts',
    {
      schema: {
        tags,
        security: bearer,
        summary: "The merchant's payouts, newest first (its staff, admins)",
        params: IdParams,
        querystring: statusQuery(PAYOUT_STATUSES),
        response: { 200: pageOf(Payout), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      requireMerchantStaff(request, id);
      return listPayouts(mall, {
        ...(request.query as PageQueryT & { status?: PayoutStatus }),
        merchantId: id,
      });
    },
  );
  app.post(
    '/api/merchants/:id/payouts',
    {
      schema: {
        tags,
        security: bearer,
        summary:
          'Ask for a payout of what the mall owes the merchant, an amount or "all" (its staff; Idempotency-Key)',
        params: IdParams,
        ...MoneyPost,
        body: Type.Object(
          { amountFen: Type.String({ pattern: '^(all|0|[1-9][0-9]{0,14})$', description: 'fen, or "all"' }) },
          { additionalProperties: false },
        ),
        response: decided,
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const staff = requireOwnStaff(request, id);
      const { amountFen } = request.body as { amountFen: string };
      return once(mall, request, reply, staff, (tx) =>
        requestPayout(tx, id, staff.memberId, amountFen === 'all' ? 'all' : BigInt(amountFen)),
      );
    },
  );
  app.get(
    '/api/admin/payouts',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Payouts, newest first, by status (admins)',
        querystring: statusQuery(PAYOUT_STATUSES),
        response: { 200: pageOf(Payout), ...errors(400, 401, 403) },
      },
    },
    async (request) => listPayouts(mall, request.query as PageQueryT & { status?: PayoutStatus }),
  );
  app.post(
    '/api/admin/payouts/:id/approve',
    {
      schema: {
        tags,
        security: bearer,
        summary: "Pay a requested payout: the merchant's sales go out to its bank (admins; Idempotency-Key)",
        params: IdParams,
        ...MoneyPost,
        body: Type.Object({ reference: Type.Optional(Text(200)) }, { additionalProperties: false }),
        response: decided,
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const { id } = request.params as { id: string };
      const { reference = null } = request.body as { reference?: string };
      return once(mall, request, reply, admin, (tx) => approvePayout(tx, id, admin.memberId, reference));
    },
  );
  app.post(
    '/api/admin/payouts/:id/reject',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Reject a requested payout; nothing moves (admins; Idempotency-Key)',
        params: IdParams,
        ...MoneyPost,
        body: Type.Object({ reason: Text(500) }, { additionalProperties: false }),
        response: decided,
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const { id } = request.params as { id: string };
      const { reason } = request.body as { reason: string };
      return once(mall, request, reply, admin, (tx) => rejectPayout(tx, id, admin.memberId, reason));
    },
  );
}
