import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Mall } from '../mall/mall.js';
import {
  createEndpoint,
  disableEndpoint,
  ENTRIES_PER_READ_MAX,
  listDeliveries,
  listEndpoints,
  MALL_EVENT_TYPES,
  REPLAY_IDS_MAX,
  readEventFeed,
  replayDeliveries,
} from '../webhooks/index.js';
import { requireRole } from './auth.js';
import { errors, IdParams, Nullable } from './schemas.js';

const bearer = [{ bearer: [] }];
const Seq = Type.String({ pattern: '^(0|[1-9][0-9]{0,15})$', description: 'a journal seq, decimal string' });
const EventType = Type.String({ pattern: '^[a-z]+\\.[a-z]+$', maxLength: 40 });

const EventSchema = Type.Object({
  id: Type.String({ description: '`evt_<seq>_<n>`: stable, the `webhook-id` of its deliveries' }),
  type: Type.String(),
  seq: Type.String(),
  time: Type.String(),
  hash: Type.String({ description: "the entry's hash (for `tokenmall verify --head`)" }),
  data: Type.Record(Type.String(), Type.String()),
});

const EndpointSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  eventTypes: Type.Array(Type.String()),
  description: Type.String(),
  active: Type.Boolean(),
  cursorSeq: Type.String(),
  createdAt: Type.String(),
});

const DeliverySchema = Type.Object({
  eventId: Type.String(),
  eventType: Type.String(),
  seq: Type.String(),
  status: Type.String({ description: 'pending, delivered or failed' }),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastError: Type.String(),
  createdAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
});

/** The event feed (GET /events, also at /api/events) and the admin's webhook endpoints (docs/integrations.md). */
export async function registerWebhookRoutes(app: FastifyInstance, mall: Mall): Promise<void> {
  // The issue names the feed `GET /events`; `/api/events` is the same feed beside the rest of the API.
  for (const path of ['/events', '/api/events']) {
    app.get(
      path,
      {
        schema: {
          tags: ['events'],
          security: bearer,
          summary: 'The journal as events, in order, page by page (admins)',
          querystring: Type.Object({
            after: Type.Optional(Seq),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ENTRIES_PER_READ_MAX, default: 100 })),
            type: Type.Optional(
              Type.String({ maxLength: 1000, description: 'comma-separated event types to keep' }),
            ),
          }),
          response: {
            200: Type.Object({ events: Type.Array(EventSchema), nextAfter: Seq }),
            ...errors(400, 401, 403),
          },
        },
      },
      async (request) => {
        requireRole(request, 'admin');
        const query = request.query as { after?: string; limit?: number; type?: string };
        const types = query.type?.split(',').filter((t) => t !== '');
        return readEventFeed(mall.read, {
          afterSeq: BigInt(query.after ?? '0'),
          limit: query.limit ?? 100,
          ...(types === undefined || types.length === 0 ? {} : { types: new Set(types) }),
        });
      },
    );
  }

  const tags = ['webhooks'];
  app.post(
    '/api/admin/webhooks',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Registers a webhook endpoint; the response shows its secret this once',
        body: Type.Object(
          {
            url: Type.String({ pattern: '^https?://', maxLength: 2000, format: 'uri' }),
            eventTypes: Type.Optional(
              Type.Array(EventType, { maxItems: 50, description: `any of ${MALL_EVENT_TYPES.join(', ')}` }),
            ),
            description: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Composite([EndpointSchema, Type.Object({ secret: Type.String() })]),
          ...errors(400, 401, 403, 422),
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { url: string; eventTypes?: string[]; description?: string };
      return reply.status(201).send(await createEndpoint(mall, body));
    },
  );

  app.get(
    '/api/admin/webhooks',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Webhook endpoints (without their secrets)',
        response: { 200: Type.Object({ endpoints: Type.Array(EndpointSchema) }), ...errors(401, 403) },
      },
    },
    async () => ({ endpoints: await listEndpoints(mall) }),
  );

  app.delete(
    '/api/admin/webhooks/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Disables a webhook endpoint (its deliveries stay as a record)',
        params: IdParams,
        response: { 200: EndpointSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => disableEndpoint(mall, (request.params as { id: string }).id),
  );

  app.get(
    '/api/admin/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        security: bearer,
        summary: "An endpoint's deliveries, latest journal position first",
        params: IdParams,
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
          ),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        }),
        response: {
          200: Type.Object({ deliveries: Type.Array(DeliverySchema) }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const query = request.query as { status?: string; limit?: number };
      const deliveries = await listDeliveries(mall, (request.params as { id: string }).id, {
        ...(query.status === undefined ? {} : { status: query.status }),
        limit: query.limit ?? 100,
      });
      return { deliveries };
    },
  );

  app.post(
    '/api/admin/webhooks/:id/replay',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Sends events again, with the same ids: from a journal seq on, and/or by id',
        params: IdParams,
        body: Type.Object(
          {
            fromSeq: Type.Optional(Seq),
            eventIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: REPLAY_IDS_MAX })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ reset: Type.Integer(), cursorSeq: Type.String() }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const body = request.body as { fromSeq?: string; eventIds?: string[] };
      return replayDeliveries(mall, (request.params as { id: string }).id, {
        ...(body.fromSeq === undefined ? {} : { fromSeq: BigInt(body.fromSeq) }),
        ...(body.eventIds === undefined ? {} : { eventIds: body.eventIds }),
      });
    },
  );
}
