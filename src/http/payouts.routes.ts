import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Mall } from '../mall/mall.js';
import {
  approvePayout,
  listPayouts,
  owedToMerchant,
  PAYOUT_STATUSES,
  type PayoutStatus,
  rejectPayout,
  requestPayout,
} from '../payouts/index.js';
import { requireMerchantStaff, requireOwnStaff, requireRole } from './auth.js';
import { idempotentOk } from './idempotency.js';
import {
  errors,
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
const Owed = Type.Object({
  merchantId: Str(),
  owedFen: Str({ description: "`<m>:sales`: completed orders' fen not yet paid out" }),
  requestedFen: Str({ description: 'asked for by open payout requests' }),
  availableFen: Str({ description: 'owed - requested: what a new request may ask for' }),
});

/**
 * Merchant payouts: what the mall owes a merchant for its completed orders, asked for by its staff
 * (or the schedule) and paid or rejected by an admin (issue 11; docs/api-wallet.md).
 */
export function registerPayoutRoutes(app: FastifyInstance, mall: Mall): void {
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
        ...(request.query as PageQuery & { status?: PayoutStatus }),
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
        headers: IdempotencyHeaders,
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
      return idempotentOk(mall, request, reply, staff, (tx) =>
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
    async (request) => listPayouts(mall, request.query as PageQuery & { status?: PayoutStatus }),
  );
  app.post(
    '/api/admin/payouts/:id/approve',
    {
      schema: {
        tags,
        security: bearer,
        summary: "Pay a requested payout: the merchant's sales go out to its bank (admins; Idempotency-Key)",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Object({ reference: Type.Optional(Text(200)) }, { additionalProperties: false }),
        response: decided,
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const { id } = request.params as { id: string };
      const { reference = null } = request.body as { reference?: string };
      return idempotentOk(mall, request, reply, admin, (tx) =>
        approvePayout(tx, id, admin.memberId, reference),
      );
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
        headers: IdempotencyHeaders,
        body: Type.Object({ reason: Text(500) }, { additionalProperties: false }),
        response: decided,
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const { id } = request.params as { id: string };
      const { reason } = request.body as { reason: string };
      return idempotentOk(mall, request, reply, admin, (tx) => rejectPayout(tx, id, admin.memberId, reason));
    },
  );
}
