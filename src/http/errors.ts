import type { FastifyError, FastifyInstance } from 'fastify';
import { MALL_ERROR_STATUS, MallError } from '../mall/errors.js';

/** The error body of every 4xx and 5xx (CONTRACTS.md "HTTP API"). */
export interface ErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/** A MallError as status and body: the one table from codes to statuses is MALL_ERROR_STATUS. */
export function errorResponse(error: MallError): { status: number; body: ErrorBody } {
  return {
    status: MALL_ERROR_STATUS[error.code],
    body: { code: error.code, message: error.message, details: error.details },
  };
}

/**
 * Maps every failure to `{code, message, details}`: our MallErrors by their table, schema validation
 * to 400 BAD_REQUEST with the failed paths, Fastify's own 4xx (bad JSON, body too large, rate limit)
 * by their status, and anything else to 500 INTERNAL without internals in the body.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      code: 'NOT_FOUND',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
      details: {},
    });
  });
  app.setErrorHandler((error: FastifyError | MallError, request, reply) => {
    if (error instanceof MallError) {
      const { status, body } = errorResponse(error);
      return reply.status(status).send(body);
    }
    if (error.validation !== undefined) {
      return reply.status(400).send({
        code: 'BAD_REQUEST',
        message: `invalid ${error.validationContext ?? 'request'}: ${error.message}`,
        details: {
          errors: error.validation.map((v) => ({ path: v.instancePath, message: v.message ?? '' })),
        },
      });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return reply.status(429).send({ code: 'RATE_LIMITED', message: error.message, details: {} });
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ code: 'BAD_REQUEST', message: error.message, details: {} });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: 'internal error', details: {} });
  });
}
