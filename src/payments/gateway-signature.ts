import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The gateway's notification signature (docs/payments.md): `v1=` and the lowercase hex HMAC-SHA256,
 * under the shared secret, of `<timestamp>.<raw body>`, the timestamp in Unix seconds. Anyone can play
 * the gateway with this function or with `openssl dgst -sha256 -hmac`.
 */
export function signGatewayNotification(secret: string, timestampSeconds: number, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex')}`;
}

/** Headers a signed notification carries. */
export const GATEWAY_SIGNATURE_HEADER = 'x-tokenmall-signature';
export const GATEWAY_TIMESTAMP_HEADER = 'x-tokenmall-timestamp';

export type SignatureCheck = 'ok' | 'bad-signature' | 'stale';

/** Checks a notification's signature in constant time and its timestamp against our clock. */
export function checkGatewaySignature(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: string,
  nowSeconds: number,
  toleranceSeconds: number,
): SignatureCheck {
  if (
    headers.signature === undefined ||
    headers.timestamp === undefined ||
    !/^[0-9]{1,12}$/.test(headers.timestamp)
  )
    return 'bad-signature';
  const timestamp = Number(headers.timestamp);
  const expected = Buffer.from(signGatewayNotification(secret, timestamp, rawBody));
  const given = Buffer.from(headers.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-signature';
  return Math.abs(nowSeconds - timestamp) > toleranceSeconds ? 'stale' : 'ok';
}
