/** Payment providers: balance, manual transfer, and a signed gateway (issue 10, docs/payments.md). */
export { type GatewayNotification, receiveGatewayNotification } from './gateway.js';
export {
  checkGatewaySignature,
  GATEWAY_SIGNATURE_HEADER,
  GATEWAY_TIMESTAMP_HEADER,
  signGatewayNotification,
} from './gateway-signature.js';
export {
  type PaymentMethod,
  type PaymentView,
  paymentView,
  settlePendingPayment,
  startPayment,
} from './payments.js';
