import { type TSchema, Type } from '@sinclair/typebox';

/** Shared pieces of the routes' schemas (they validate requests and feed OpenAPI). */
export const Fen = Type.String({
  pattern: '^(0|[1-9][0-9]{0,14})$',
  description: 'an amount in fen, as a decimal string',
});
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^:\\s]+$' });
export const IdParams = Type.Object({ id: Id });
export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'scoped to the caller (CONTRACTS.md)',
  }),
});
export const Pagination = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};
/** A list route's query once validated by `Pagination`. */
export type PageQuery = { limit?: number; cursor?: string };

/** Free text a person types (a reason, a reference): not empty, at most `maxLength` characters. */
export const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** One page of a list: its items and the cursor of the next page, if any. */
export const pageOf = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

/** A list route's query: an optional `status` among `statuses`, and pagination. */
export const statusQuery = <S extends string>(statuses: readonly S[]) =>
  Type.Object(
    { status: Type.Optional(Type.Union(statuses.map((s) => Type.Literal(s)))), ...Pagination },
    { additionalProperties: false },
  );

/** Error responses a route documents (the error handler produces them). */
export function errors(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody]));
}

export const OrderViewSchema = Type.Object({
  id: Type.String(),
  checkoutId: Type.String(),
  memberId: Type.String(),
  merchantId: Type.String(),
  status: Type.String(),
  itemsFen: Type.String(),
  discountFen: Type.String(),
  totalFen: Type.String(),
  paidCashFen: Type.String(),
  paidStable: Type.String(),
  paymentMethod: Nullable(Type.String()),
  couponId: Nullable(Type.String()),
  address: Type.String(),
  createdAt: Type.String(),
  payBy: Type.String(),
  paidAt: Nullable(Type.String()),
  shippedAt: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  cancelledAt: Nullable(Type.String()),
  refundedAt: Nullable(Type.String()),
  refundRequestedAt: Nullable(Type.String()),
  journalSeq: Nullable(Type.String()),
  items: Type.Array(
    Type.Object({
      skuId: Type.String(),
      productId: Type.String(),
      title: Type.String(),
      skuName: Type.String(),
      unitPriceFen: Type.String(),
      quantity: Type.Integer(),
    }),
  ),
  shipment: Nullable(
    Type.Object({
      carrier: Type.String(),
      trackingNumber: Type.String(),
      createdAt: Type.String(),
      deliveredAt: Nullable(Type.String()),
      events: Type.Array(
        Type.Object({
          at: Type.String(),
          status: Type.String(),
          description: Type.String(),
          location: Type.String(),
        }),
      ),
    }),
  ),
});

export const PaymentViewSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  provider: Type.String(),
  status: Type.String(),
  cashFen: Type.String(),
  stable: Type.String(),
  reference: Nullable(Type.String()),
  createdAt: Type.String(),
  settledAt: Nullable(Type.String()),
});
