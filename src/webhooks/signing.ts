import { createHmac, randomBytes } from 'node:crypto';
import type { MallEvent } from './events.js';

/**
 * Standard Webhooks (https://www.standardwebhooks.com): a secret is `whsec_` + base64 of random bytes,
 * the HMAC key is those bytes, and `webhook-signature` is `v1,` + base64 HMAC-SHA256 of
 * `<webhook-id>.<webhook-timestamp>.<body>`. The receiving side verifies with any Standard Webhooks
 * library (docs/integrations.md); the `standardwebhooks` package is used by our tests to check this.
 */
const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

/** A new endpoint secret. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/** The three headers of one attempt at `timestampSeconds` (the sender's wall clock). */
export function webhookHeaders(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('a webhook secret starts with whsec_');
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds <= 0)
    throw new Error('bad webhook timestamp');
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  if (key.length === 0) throw new Error('an empty webhook secret');
  const signature = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${signature}`,
  };
}

/**
 * The body posted for an event (Standard Webhooks' `{type, timestamp, data}`): the event's data plus
 * the journal position it comes from, `journalSeq` and `journalHash`.
 */
export function webhookPayload(event: MallEvent): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.time,
    data: { ...event.data, journalSeq: event.seq, journalHash: event.hash },
  });
}
