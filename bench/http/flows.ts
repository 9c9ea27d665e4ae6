/**
 * The chains the HTTP benchmark loops over: a paid order (checkout, start a gateway payment, the
 * gateway's signed notification) and the whole life of an order (that, then ship and deliver by the
 * merchant's staff and the buyer's confirmation, after which the economy has applied the order).
 */
import { signGatewayNotification } from '../../src/payments/index.js';
import type { ChainContext, Step, StepRequest } from './load.js';
import type { BenchShop } from './shop.js';

const ADDRESS = '上海市黄浦区南京东路 1 号';
let keyCounter = 0;
let orderCounter = 0;

/** A fresh Idempotency-Key (the server keys them per member, and every store is fresh). */
const nextKey = (): string => `bench-${process.pid}-${++keyCounter}`;

function json(token: string, key: string | undefined): Record<string, string> {
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
    ...(key === undefined ? {} : { 'idempotency-key': key }),
  };
}

function post(path: string, headers: Record<string, string>, body?: unknown): StepRequest {
  return {
    method: 'POST',
    path,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** Checkout, pay, notify: the steps of one order placed and paid through the gateway. */
export function paidOrderSteps(shop: BenchShop, gatewaySecret: string): Step[] {
  if (shop.buyerTokens.length === 0 || shop.skus.length === 0) throw new Error('no buyers or no SKUs');
  const checkout: Step = {
    name: 'checkout',
    expectedStatus: 201,
    build: (context: ChainContext) => {
      const n = orderCounter++;
      const sku = shop.skus[n % shop.skus.length]!;
      context.buyerToken = shop.buyerTokens[n % shop.buyerTokens.length]!;
      context.skuId = sku.id;
      context.merchantId = sku.merchantId;
      return post('/api/checkout', json(context.buyerToken, nextKey()), {
        items: [{ skuId: sku.id, quantity: 1 }],
        address: ADDRESS,
      });
    },
    read: (body, context) => {
      const order = (JSON.parse(body) as { orders: { id: string }[] }).orders[0];
      context.orderId = order?.id;
      return order !== undefined;
    },
  };
  const pay: Step = {
    name: 'pay',
    expectedStatus: 201,
    build: (context) =>
      post(`/api/orders/${context.orderId}/pay`, json(context.buyerToken!, nextKey()), { method: 'gateway' }),
    read: (body, context) => {
      const payment = JSON.parse(body) as { id?: string; cashFen?: string };
      context.paymentId = payment.id;
      context.cashFen = payment.cashFen;
      return typeof payment.id === 'string' && typeof payment.cashFen === 'string';
    },
  };
  const notify: Step = {
    name: 'notify',
    expectedStatus: 200,
    build: (context) => {
      const raw = JSON.stringify({
        notificationId: `n-${context.paymentId}`,
        paymentId: context.paymentId,
        status: 'succeeded',
        amountFen: context.cashFen,
      });
      const timestamp = Math.floor(Date.now() / 1000);
      return {
        method: 'POST',
        path: '/api/payments/gateway/notify',
        headers: {
          'content-type': 'application/json',
          'x-tokenmall-timestamp': String(timestamp),
          'x-tokenmall-signature': signGatewayNotification(gatewaySecret, timestamp, raw),
        },
        body: raw,
      };
    },
    read: (body) => {
      const answer = JSON.parse(body) as { received?: boolean; payment?: { status?: string } | null };
      return answer.received === true && answer.payment?.status === 'succeeded';
    },
  };
  return [checkout, pay, notify];
}

/** A paid order, then shipped, delivered, and confirmed by its buyer: the economy applies it. */
export function lifecycleSteps(shop: BenchShop, gatewaySecret: string): Step[] {
  const staffToken = (context: ChainContext): string => {
    const token = shop.staffTokens.get(context.merchantId!);
    if (token === undefined) throw new Error(`no staff signed in for ${context.merchantId}`);
    return token;
  };
  const ship: Step = {
    name: 'ship',
    expectedStatus: 200,
    build: (context) =>
      post(`/api/orders/${context.orderId}/ship`, json(staffToken(context), undefined), {
        carrier: 'SF Express',
        trackingNumber: `SF${context.orderId}`,
      }),
  };
  const deliver: Step = {
    name: 'deliver',
    expectedStatus: 200,
    // No body, so no content type: Fastify refuses an empty JSON body.
    build: (context) =>
      post(`/api/orders/${context.orderId}/deliver`, { authorization: `Bearer ${staffToken(context)}` }),
  };
  const confirm: Step = {
    name: 'confirm',
    expectedStatus: 200,
    build: (context) =>
      post(`/api/orders/${context.orderId}/confirm`, {
        authorization: `Bearer ${context.buyerToken}`,
        'idempotency-key': nextKey(),
      }),
    read: (body) => {
      const order = JSON.parse(body) as { status?: string; journalSeq?: string | null };
      return order.status === 'completed' && typeof order.journalSeq === 'string';
    },
  };
  return [...paidOrderSteps(shop, gatewaySecret), ship, deliver, confirm];
}
