import { MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import { checkGatewaySignature } from './gateway-signature.js';
import { type PaymentView, settlePendingPayment } from './payments.js';

export interface GatewayNotification {
  notificationId: string;
  paymentId: string;
  status: 'succeeded' | 'failed';
  amountFen: string;
  reference?: string;
}

/**
 * A payment gateway's notification: signature and timestamp checked first (401 INVALID_SIGNATURE or
 * STALE_NOTIFICATION, nothing stored), then, in one unit, the notification id is looked up (a replay
 * gets the first answer and changes nothing), the amount checked against the payment, the payment
 * settled and the answer stored under the notification id.
 */
export async function receiveGatewayNotification(
  mall: Mall,
  rawBody: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  notification: GatewayNotification,
): Promise<{ status: number; body: { received: boolean; payment: PaymentView | null } }> {
  const check = checkGatewaySignature(
    mall.settings.gatewaySecret,
    headers,
    rawBody,
    Math.floor(mall.clock.now().getTime() / 1000),
    mall.settings.gatewayToleranceSeconds,
  );
  if (check === 'bad-signature')
    throw new MallError('INVALID_SIGNATURE', 'the notification signature does not verify');
  if (check === 'stale')
    throw new MallError('STALE_NOTIFICATION', 'the notification timestamp is outside the allowed window');
  return mall.write(async (tx) => {
    const seen = await tx.db
      .selectFrom('gateway_notifications')
      .select(['status_code', 'response'])
      .where('id', '=', notification.notificationId)
      .executeTakeFirst();
    if (seen !== undefined) return { status: Number(seen.status_code), body: JSON.parse(seen.response) };
    let answer: { status: number; body: { received: boolean; payment: PaymentView | null } };
    if (notification.status === 'failed') {
      answer = { status: 200, body: { received: true, payment: null } };
    } else {
      answer = await tx.context.savepoint(async () => {
        const payment = await tx.db
          .selectFrom('payments')
          .select(['cash_fen', 'provider'])
          .where('id', '=', notification.paymentId)
          .executeTakeFirst();
        if (payment === undefined || payment.provider !== 'gateway')
          throw new MallError('NOT_FOUND', `no gateway payment ${notification.paymentId}`);
        if (String(payment.cash_fen) !== notification.amountFen)
          throw new MallError(
            'AMOUNT_MISMATCH',
            `payment ${notification.paymentId} is for ${payment.cash_fen} fen`,
            {
              expectedFen: String(payment.cash_fen),
            },
          );
        const settled = await settlePendingPayment(
          tx,
          notification.paymentId,
          notification.reference ?? null,
        );
        return { status: 200, body: { received: true, payment: settled } };
      });
    }
    await tx.db
      .insertInto('gateway_notifications')
      .values({
        id: notification.notificationId,
        payment_id: notification.paymentId,
        received_at: tx.now,
        status_code: answer.status,
        response: JSON.stringify(answer.body),
      })
      .execute();
    return answer;
  });
}
