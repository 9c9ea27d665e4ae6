/** Carts, checkout, coupons, the order state machine and logistics (issue 10). */

export { type CartView, cartView, setCartItem } from './cart.js';
export {
  CHECKOUT_LINES_MAX,
  type CheckoutInput,
  checkout,
  LINE_QUANTITY_MAX,
  restoreStock,
  takeStock,
} from './checkout.js';
export { type CouponInput, couponView, createCoupon } from './coupons.js';
export {
  addTrackingEvent,
  cancelOrder,
  completeOrder,
  completionKey,
  deliverOrder,
  moveOrder,
  refundOrder,
  requestRefund,
  requireOrderAccess,
  shipOrder,
} from './lifecycle.js';
export {
  listOrders,
  type OrderRow,
  type OrderStatus,
  type OrderView,
  orderRow,
  orderViews,
} from './order-view.js';
export { runDueOrderJobs, startOrderScheduler } from './scheduler.js';
