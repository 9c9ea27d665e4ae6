import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import { orderRow, requireOrderAccess } from '../orders/index.js';
import {
  GATEWAY_SIGNATURE_HEADER,
  GATEWAY_TIMESTAMP_HEADER,
  type GatewayNotification,
  type PaymentMethod,
  paymentView,
  receiveGatewayNotification,
  settlePendingPayment,
  startPayment,
} from '../payments/index.js';
import { requirePrincipal, requireRole } from './auth.js';
import { idempotent } from './idempotency.js';
import { errors, Fen, Id, IdempotencyHeaders, IdParams, Pagination, PaymentViewSchema } from './schemas.js';

const bearer = [{ bearer: [] }];
const tags = ['payments'];

declare module 'fastify' {
  interface FastifyRequest {
    /** The request body as received, for signatures over it (the gateway's notifications). */
    rawBody: string | undefined;
  }
}

/** Paying orders: balance, manual transfer (an admin confirms), gateway (signed notifications). */
export async function registerPaymentRoutes(app: FastifyInstance, mall: Mall): Promise<void> {
  app.post(
    '/api/orders/:id/pay',
    {
      schema: {
        tags,
        security: bearer,
        summary:
          'Pay an order (buyer; Idempotency-Key). balance settles now; manual and gateway return a pending payment',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            method: Type.Union([Type.Literal('balance'), Type.Literal('manual'), Type.Literal('gateway')]),
            stableFen: Type.Optional({
              ...Fen,
              description: 'the part paid in stable points (1 stable = 1 fen)',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: PaymentViewSchema, 201: PaymentViewSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, 'consumer');
      const { id } = request.params as { id: string };
      const body = request.body as { method: PaymentMethod; stableFen?: string };
      return idempotent(mall, request, reply, actor.memberId, async (tx) => {
        const payment = await startPayment(tx, id, actor, {
          method: body.method,
          stableFen: BigInt(body.stableFen ?? '0'),
        });
        return { status: payment.status === 'succeeded' ? 200 : 201, body: payment };
      });
    },
  );

  app.get(
    '/api/admin/payments',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Payments, e.g. manual transfers waiting for confirmation (admins)',
        querystring: Type.Object({
          status: Type.Optional(Type.String()),
          provider: Type.Optional(Type.String()),
          ...Pagination,
        }),
        response: {
          200: Type.Object({
            items: Type.Array(PaymentViewSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const {
        status,
        provider,
        limit = 20,
        cursor,
      } = request.query as { status?: string; provider?: string; limit?: number; cursor?: string };
      let query = mall.read.selectFrom('payments').selectAll();
      if (status !== undefined) query = query.where('status', '=', status);
      if (provider !== undefined) query = query.where('provider', '=', provider);
      if (cursor !== undefined) query = query.where('id', '>', cursor);
      const rows = await query
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      return {
        items: page.map(paymentView),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.post(
    '/api/admin/payments/:id/confirm',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Confirm a manual transfer was received: the order is paid (admins; Idempotency-Key)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Object(
          { reference: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: PaymentViewSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const { id } = request.params as { id: string };
      const reference = (request.body as { reference?: string } | undefined)?.reference ?? null;
      return idempotent(mall, request, reply, admin.memberId, async (tx) => {
        const payment = await tx.db
          .selectFrom('payments')
          .select('provider')
          .where('id', '=', id)
          .executeTakeFirst();
        if (payment !== undefined && payment.provider !== 'manual') {
          throw new MallError(
            'ORDER_NOT_PAYABLE',
            `payment ${id} is a ${payment.provider} payment, not a manual transfer`,
          );
        }
        return { status: 200, body: await settlePendingPayment(tx, id, reference) };
      });
    },
  );

  app.post(
    '/api/payments/gateway/notify',
    {
      schema: {
        tags,
        summary: `A payment gateway's signed notification (headers ${GATEWAY_TIMESTAMP_HEADER}, ${GATEWAY_SIGNATURE_HEADER}; docs/payments.md)`,
        body: Type.Object(
          {
            notificationId: Type.String({ minLength: 1, maxLength: 100 }),
            paymentId: Id,
            status: Type.Union([Type.Literal('succeeded'), Type.Literal('failed')]),
            amountFen: Fen,
            reference: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            received: Type.Boolean(),
            payment: Type.Union([PaymentViewSchema, Type.Null()]),
          }),
          ...errors(400, 401, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      const { status, body } = await receiveGatewayNotification(
        mall,
        request.rawBody ?? '',
        { signature: header(GATEWAY_SIGNATURE_HEADER), timestamp: header(GATEWAY_TIMESTAMP_HEADER) },
        request.body as GatewayNotification,
      );
      return reply.status(status as 200).send(body);
    },
  );

  app.get(
    '/api/orders/:id/payments',
    {
      schema: {
        tags,
        security: bearer,
        summary: "An order's payments (its buyer, staff, admins)",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(PaymentViewSchema) }) },
      },
    },
    async (request) => {
      const actor = requirePrincipal(request);
      const { id } = request.params as { id: string };
      requireOrderAccess(await orderRow(mall.read, id), actor);
      const rows = await mall.read
        .selectFrom('payments')
        .selectAll()
        .where('order_id', '=', id)
        .orderBy('id')
        .execute();
      return { items: rows.map(paymentView) };
    },
  );
}
