import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MallError } from '../mall/errors.js';
import type { Mall, MallTx } from '../mall/mall.js';
import type { Principal } from '../members/index.js';
import { errorResponse } from './errors.js';

const KEY_PATTERN = /^[^\s\p{Cc}]{1,200}$/u;

/** The `Idempotency-Key` header every money-moving POST needs (CONTRACTS.md). */
export const IDEMPOTENCY_HEADER = {
  type: 'object',
  properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['idempotency-key'],
} as const;

/**
 * Runs a money-moving operation once per (principal, Idempotency-Key): the first response, success or
 * business error, is stored with a hash of the request in the same transaction as the operation's
 * rows and journal entries; a retry gets it back; the same key with another request is 409
 * IDEMPOTENCY_CONFLICT.
 */
export async function idempotent(
  mall: Mall,
  request: FastifyRequest,
  reply: FastifyReply,
  principal: string,
  operation: (tx: MallTx) => Promise<{ status: number; body: unknown }>,
): Promise<FastifyReply> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !KEY_PATTERN.test(key))
    throw new MallError(
      'IDEMPOTENCY_KEY_REQUIRED',
      'send an Idempotency-Key header (1..200 characters, no spaces)',
    );
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url ?? request.url}\n`)
    .update(JSON.stringify(request.params ?? {}))
    .update(stableJson(request.body ?? null))
    .digest('hex');
  const { status, body } = await mall.write(async (tx) => {
    const stored = await tx.db
      .selectFrom('idempotency_records')
      .select(['request_hash', 'status_code', 'response'])
      .where('principal', '=', principal)
      .where('key', '=', key)
      .executeTakeFirst();
    if (stored !== undefined) {
      if (stored.request_hash !== requestHash)
        throw new MallError('IDEMPOTENCY_CONFLICT', 'this Idempotency-Key was used with another request', {
          key,
        });
      return { status: Number(stored.status_code), body: JSON.parse(stored.response) as unknown };
    }
    let outcome: { status: number; body: unknown };
    try {
      outcome = await tx.context.savepoint(() => operation(tx));
    } catch (error) {
      if (!(error instanceof MallError)) throw error;
      outcome = errorResponse(error);
    }
    await tx.db
      .insertInto('idempotency_records')
      .values({
        principal,
        key,
        request_hash: requestHash,
        status_code: outcome.status,
        response: JSON.stringify(outcome.body),
        created_at: tx.now,
      })
      .execute();
    return outcome;
  });
  return reply.status(status).send(body);
}

/** `idempotent` for an operation whose result is the 200 response's body. */
export function idempotentOk(
  mall: Mall,
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
  operation: (tx: MallTx) => Promise<unknown>,
): Promise<FastifyReply> {
  return idempotent(mall, request, reply, principal.memberId, async (tx) => ({
    status: 200,
    body: await operation(tx),
  }));
}

/** JSON with object members sorted, so two bodies that differ only in member order hash the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const names = Object.keys(value).sort();
    return `{${names.map((n) => `${JSON.stringify(n)}:${stableJson((value as Record<string, unknown>)[n])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
