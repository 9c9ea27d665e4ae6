import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Mall, MallTx } from '../mall/mall.js';
import {
  addTrackingEvent,
  cancelOrder,
  cartView,
  checkout,
  completeOrder,
  couponView,
  createCoupon,
  deliverOrder,
  listOrders,
  orderRow,
  orderViews,
  refundOrder,
  requestRefund,
  requireOrderAccess,
  setCartItem,
  shipOrder,
} from '../orders/index.js';
import { requireMerchantStaff, requirePrincipal, requireRole } from './auth.js';
import { idempotent } from './idempotency.js';
import { errors, Fen, Id, IdempotencyHeaders, IdParams, OrderViewSchema, Pagination } from './schemas.js';

const bearer = [{ bearer: [] }];
const tags = ['orders'];

/** Cart, checkout, the order's life (pay is in payments.routes.ts), logistics and coupons. */
export async function registerOrderRoutes(app: FastifyInstance, mall: Mall): Promise<void> {
  const one = async (id: string) => (await orderViews(mall.read, [await orderRow(mall.read, id)]))[0]!;

  app.get(
    '/api/cart',
    { schema: { tags, security: bearer, summary: 'My cart, split by merchant' } },
    async (request) => cartView(mall.read, requireRole(request, 'consumer').memberId),
  );
  app.put(
    '/api/cart/items/:skuId',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Set a cart line (quantity 0 removes it)',
        params: Type.Object({ skuId: Id }),
        body: Type.Object(
          { quantity: Type.Integer({ minimum: 0, maximum: 999 }) },
          { additionalProperties: false },
        ),
        response: { ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { memberId } = requireRole(request, 'consumer');
      const { skuId } = request.params as { skuId: string };
      const { quantity } = request.body as { quantity: number };
      await mall.write((tx) => setCartItem(tx, memberId, skuId, quantity));
      return cartView(mall.read, memberId);
    },
  );

  app.post(
    '/api/checkout',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Place one order per merchant from the cart or the given lines (Idempotency-Key)',
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            items: Type.Optional(
              Type.Array(
                Type.Object(
                  { skuId: Id, quantity: Type.Integer({ minimum: 1, maximum: 999 }) },
                  { additionalProperties: false },
                ),
                {
                  minItems: 1,
                  maxItems: 50,
                },
              ),
            ),
            address: Type.String({ minLength: 1, maxLength: 500 }),
            coupons: Type.Optional(
              Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10 }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ checkoutId: Type.String(), orders: Type.Array(OrderViewSchema) }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const { memberId } = requireRole(request, 'consumer');
      const body = request.body as {
        items?: { skuId: string; quantity: number }[];
        address: string;
        coupons?: string[];
      };
      return idempotent(mall, request, reply, memberId, async (tx) => ({
        status: 201,
        body: await checkout(tx, memberId, body, mall.settings.autoCancelMinutes),
      }));
    },
  );

  // Three views of one list: a buyer's own orders, a merchant's (its staff, admins), all (admins).
  const listing = (
    path: string,
    summary: string,
    filterFor: (request: FastifyRequest) => { memberId?: string; merchantId?: string },
  ) =>
    app.get(
      path,
      {
        schema: {
          tags,
          security: bearer,
          summary,
          ...(path.includes(':id') ? { params: IdParams } : {}),
          querystring: Type.Object({ status: Type.Optional(Type.String()), ...Pagination }),
          response: {
            200: Type.Object({
              items: Type.Array(OrderViewSchema),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => {
        const filter = filterFor(request);
        const { status, limit, cursor } = request.query as {
          status?: string;
          limit?: number;
          cursor?: string;
        };
        return listOrders(
          mall.read,
          { ...filter, ...(status ? { status } : {}) },
          { limit: limit ?? 20, cursor },
        );
      },
    );
  listing('/api/orders', 'My orders, newest first', (request) => ({
    memberId: requirePrincipal(request).memberId,
  }));
  listing('/api/merchants/:id/orders', "A merchant's orders (its staff, admins)", (request) => {
    const { id } = request.params as { id: string };
    requireMerchantStaff(request, id);
    return { merchantId: id };
  });
  listing('/api/admin/orders', 'All orders (admins)', (request) => {
    requireRole(request, 'admin');
    return {};
  });
  app.get(
    '/api/orders/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'One order with its items and shipment',
        params: IdParams,
        response: { 200: OrderViewSchema, ...errors(401, 404) },
      },
    },
    async (request) => {
      const actor = requirePrincipal(request);
      const { id } = request.params as { id: string };
      requireOrderAccess(await orderRow(mall.read, id), actor);
      return one(id);
    },
  );

  registerTransitions(app, mall, one);
  registerCouponRoutes(app, mall);
}

function registerTransitions(app: FastifyInstance, mall: Mall, one: (id: string) => Promise<unknown>): void {
  /** A POST that moves an order along (no money moves: no Idempotency-Key) and answers the order. */
  function transition(
    path: string,
    summary: string,
    run: (
      tx: MallTx,
      id: string,
      actor: ReturnType<typeof requirePrincipal>,
      body: never,
    ) => Promise<unknown>,
    body?: ReturnType<typeof Type.Object>,
  ) {
    app.post(
      path,
      {
        schema: {
          tags,
          security: bearer,
          summary,
          params: IdParams,
          ...(body === undefined ? {} : { body }),
          response: { 200: OrderViewSchema, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request) => {
        const actor = requirePrincipal(request);
        const { id } = request.params as { id: string };
        await mall.write((tx) => run(tx, id, actor, request.body as never));
        return one(id);
      },
    );
  }
  transition('/api/orders/:id/cancel', 'Cancel an unpaid order (stock comes back)', (tx, id, actor) =>
    cancelOrder(tx, id, actor),
  );
  transition(
    '/api/orders/:id/ship',
    'Ship a paid order with carrier and tracking number (merchant staff)',
    (tx, id, actor, body: { carrier: string; trackingNumber: string }) => shipOrder(tx, id, actor, body),
    Type.Object(
      {
        carrier: Type.String({ minLength: 1, maxLength: 64 }),
        trackingNumber: Type.String({ minLength: 1, maxLength: 64 }),
      },
      { additionalProperties: false },
    ),
  );
  transition(
    '/api/orders/:id/tracking',
    'Add a tracking event; status delivered marks the order delivered (merchant staff)',
    (
      tx,
      id,
      actor,
      body: {
        status: 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception';
        description: string;
        location?: string;
      },
    ) => addTrackingEvent(tx, id, actor, body),
    Type.Object(
      {
        status: Type.Union([
          Type.Literal('in_transit'),
          Type.Literal('out_for_delivery'),
          Type.Literal('delivered'),
          Type.Literal('exception'),
        ]),
        description: Type.String({ minLength: 1, maxLength: 200 }),
        location: Type.Optional(Type.String({ maxLength: 100 })),
      },
      { additionalProperties: false },
    ),
  );
  transition('/api/orders/:id/deliver', 'Mark a shipped order delivered (merchant staff)', (tx, id, actor) =>
    deliverOrder(tx, id, actor),
  );
  transition('/api/orders/:id/refund-request', 'Ask for a refund of a paid order (buyer)', (tx, id, actor) =>
    requestRefund(tx, id, actor),
  );

  app.post(
    '/api/orders/:id/confirm',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Confirm receipt: the order completes and its points are awarded (buyer; Idempotency-Key)',
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 200: OrderViewSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requirePrincipal(request);
      const { id } = request.params as { id: string };
      return idempotent(mall, request, reply, actor.memberId, async (tx) => {
        await completeOrder(tx, id, actor);
        return { status: 200, body: (await orderViewsIn(tx, id))[0] };
      });
    },
  );
  app.post(
    '/api/orders/:id/refund',
    {
      schema: {
        tags,
        security: bearer,
        summary:
          'Refund a paid order that is not completed: money back where it came from, stock restored (merchant staff, admins; Idempotency-Key)',
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 200: OrderViewSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requirePrincipal(request);
      const { id } = request.params as { id: string };
      return idempotent(mall, request, reply, actor.memberId, async (tx) => {
        await refundOrder(tx, id, actor);
        return { status: 200, body: (await orderViewsIn(tx, id))[0] };
      });
    },
  );
}

async function orderViewsIn(tx: MallTx, id: string) {
  return orderViews(tx.db, [await orderRow(tx.db, id)]);
}

function registerCouponRoutes(app: FastifyInstance, mall: Mall): void {
  const CouponSchema = Type.Object({
    id: Type.String(),
    code: Type.String(),
    merchantId: Type.Union([Type.String(), Type.Null()]),
    kind: Type.String(),
    value: Type.String(),
    minSpendFen: Type.String(),
    startsAt: Type.String(),
    endsAt: Type.String(),
    perUserLimit: Type.Integer(),
  });
  app.post(
    '/api/coupons',
    {
      schema: {
        tags: ['coupons'],
        security: bearer,
        summary: 'Create a coupon: platform wide (admins) or for one merchant (its staff)',
        body: Type.Object(
          {
            code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
            merchantId: Type.Optional(Id),
            kind: Type.Union([Type.Literal('fixed'), Type.Literal('percent')]),
            value: Type.String({
              pattern: '^[1-9][0-9]{0,14}$',
              description: 'fen for fixed, basis points for percent',
            }),
            minSpendFen: Fen,
            startsAt: Type.String({ format: 'date-time' }),
            endsAt: Type.String({ format: 'date-time' }),
            perUserLimit: Type.Integer({ minimum: 1, maximum: 1000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: CouponSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        code: string;
        merchantId?: string;
        kind: 'fixed' | 'percent';
        value: string;
        minSpendFen: string;
        startsAt: string;
        endsAt: string;
        perUserLimit: number;
      };
      if (body.merchantId === undefined) requireRole(request, 'admin');
      else requireMerchantStaff(request, body.merchantId);
      const row = await mall.write((tx) =>
        createCoupon(tx, {
          code: body.code,
          merchantId: body.merchantId ?? null,
          kind: body.kind,
          value: BigInt(body.value),
          minSpendFen: BigInt(body.minSpendFen),
          startsAt: new Date(body.startsAt).toISOString(),
          endsAt: new Date(body.endsAt).toISOString(),
          perUserLimit: body.perUserLimit,
        }),
      );
      return reply.status(201).send(couponView(row));
    },
  );
  app.get(
    '/api/coupons',
    {
      schema: {
        tags: ['coupons'],
        summary: 'Coupons valid now (all, or one merchant and the platform wide ones)',
        querystring: Type.Object({ merchantId: Type.Optional(Id) }),
        response: { 200: Type.Object({ items: Type.Array(CouponSchema) }) },
      },
    },
    async (request) => {
      const { merchantId } = request.query as { merchantId?: string };
      const now = mall.nowText();
      let query = mall.read
        .selectFrom('coupons')
        .selectAll()
        .where('starts_at', '<=', now)
        .where('ends_at', '>', now);
      if (merchantId !== undefined)
        query = query.where((eb) =>
          eb.or([eb('merchant_id', '=', merchantId), eb('merchant_id', 'is', null)]),
        );
      const rows = await query.orderBy('code').limit(100).execute();
      return { items: rows.map(couponView) };
    },
  );
}
