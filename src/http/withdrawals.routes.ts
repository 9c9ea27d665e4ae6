import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Mall, MallTx } from '../mall/mall.js';
import {
  approveWithdrawal,
  listWithdrawals,
  payWithdrawal,
  rejectWithdrawal,
  requestWithdrawal,
  WITHDRAWAL_STATUSES,
  type WithdrawalStatus,
} from '../withdrawals/index.js';
import { requireMerchantStaff, requireOwnStaff, requireRole } from './auth.js';
import { idempotentOk } from './idempotency.js';
import {
  errors,
  Fen,
  IdempotencyHeaders,
  IdParams,
  Nullable,
  type PageQuery,
  pageOf,
  statusQuery,
  Text,
} from './schemas.js';

const bearer = [{ bearer: [] }];
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
const WithdrawalBody = Type.Object(
  { amountFen: Fen, destination: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

/**
 * Withdrawals of cash by members and merchants: requested, held, then approved and paid or rejected by
 * an admin (issue 11; docs/api-wallet.md).
 */
export function registerWithdrawalRoutes(app: FastifyInstance, mall: Mall): void {
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
        headers: IdempotencyHeaders,
        body: WithdrawalBody,
        response: created,
      },
    },
    async (request, reply) => {
      const member = requireRole(request, 'consumer');
      const { amountFen, destination = '' } = request.body as { amountFen: string; destination?: string };
      return idempotentOk(mall, request, reply, member, (tx) =>
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
      const query = request.query as PageQuery & { status?: WithdrawalStatus };
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
        headers: IdempotencyHeaders,
        body: WithdrawalBody,
        response: created,
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const staff = requireOwnStaff(request, id);
      const { amountFen, destination = '' } = request.body as { amountFen: string; destination?: string };
      return idempotentOk(mall, request, reply, staff, (tx) =>
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
      const query = request.query as PageQuery & { status?: WithdrawalStatus };
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
    async (request) => listWithdrawals(mall, request.query as PageQuery & { status?: WithdrawalStatus }),
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
        schema: {
          tags,
          security: bearer,
          summary,
          params: IdParams,
          headers: IdempotencyHeaders,
          body,
          response: created,
        },
      },
      async (request, reply) => {
        const admin = requireRole(request, 'admin');
        const { id } = request.params as { id: string };
        return idempotentOk(mall, request, reply, admin, (tx) =>
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
