/** The API's shapes the front reads (OpenAPI at /docs/json is the reference). Amounts are strings. */

export type Role = 'consumer' | 'merchant' | 'admin';

export interface Member {
  readonly id: string;
  readonly role: Role;
  readonly merchantId: string | null;
  readonly displayName: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly referralCode: string | null;
  readonly referralLink: string | null;
  readonly referrerId: string | null;
  readonly createdAt: string;
}

export interface Category {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly sort: number;
}

export interface Sku {
  readonly id: string;
  readonly productId: string;
  readonly name: string;
  readonly priceFen: string;
  readonly stock: number;
}

export interface Product {
  readonly id: string;
  readonly merchantId: string;
  readonly merchantName: string;
  readonly categoryId: string | null;
  readonly title: string;
  readonly description: string;
  readonly imageUrls: readonly string[];
  readonly status: 'active' | 'hidden';
  readonly createdAt: string;
  readonly priceFen: string;
  readonly skus: readonly Sku[];
}

export interface ProductPage {
  readonly items: readonly Product[];
  readonly nextCursor: string | null;
  readonly total: number;
}

export interface CartItem {
  readonly skuId: string;
  readonly productId: string;
  readonly title: string;
  readonly skuName: string;
  readonly unitPriceFen: string;
  readonly quantity: number;
  readonly stock: number;
}

export interface Cart {
  readonly merchants: readonly { merchantId: string; items: readonly CartItem[]; subtotalFen: string }[];
  readonly totalFen: string;
}

export type OrderStatus =
  | 'pending_payment'
  | 'paid'
  | 'shipped'
  | 'delivered'
  | 'completed'
  | 'cancelled'
  | 'refunded';

export interface TrackingEvent {
  readonly at: string;
  readonly status: string;
  readonly description: string;
  readonly location: string;
}

export interface Order {
  readonly id: string;
  readonly checkoutId: string;
  readonly memberId: string;
  readonly merchantId: string;
  readonly status: OrderStatus;
  readonly itemsFen: string;
  readonly discountFen: string;
  readonly totalFen: string;
  readonly paidCashFen: string;
  readonly paidStable: string;
  readonly paymentMethod: string | null;
  readonly couponId: string | null;
  readonly address: string;
  readonly createdAt: string;
  readonly payBy: string;
  readonly paidAt: string | null;
  readonly shippedAt: string | null;
  readonly deliveredAt: string | null;
  readonly completedAt: string | null;
  readonly cancelledAt: string | null;
  readonly refundedAt: string | null;
  readonly refundRequestedAt: string | null;
  readonly items: readonly {
    skuId: string;
    productId: string;
    title: string;
    skuName: string;
    unitPriceFen: string;
    quantity: number;
  }[];
  readonly shipment: {
    carrier: string;
    trackingNumber: string;
    createdAt: string;
    deliveredAt: string | null;
    events: readonly TrackingEvent[];
  } | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export type PaymentMethod = 'balance' | 'manual' | 'gateway';

export interface Payment {
  readonly id: string;
  readonly orderId: string;
  readonly provider: string;
  readonly status: string;
  readonly cashFen: string;
  readonly stable: string;
  readonly reference: string | null;
  readonly createdAt: string;
  readonly settledAt: string | null;
}

/** GET /api/wallet (the part the storefront reads; the wallet pages read more). */
export interface WalletSummary {
  readonly pointsMicro: string;
  readonly valueFen: string;
  readonly stable: string;
  readonly cashFen: string;
}

/** A member level (GET /api/levels, and the wallet's `level`). */
export interface Level {
  readonly name: string;
  readonly nameEn: string;
  readonly minPointsMicro: string;
}

/** An economy account's wallet (GET /api/wallet, GET /api/merchants/:id/wallet). */
export interface WalletView {
  readonly accountId: string;
  readonly kind: string;
  readonly pointsMicro: string;
  readonly priceYuanPerPoint: string;
  /** The exact price is num / den fen per point. */
  readonly priceFenPerPointNum: string;
  readonly priceFenPerPointDen: string;
  readonly valueFen: string;
  readonly quotaFen: string;
  readonly stable: string;
  readonly cashFen: string;
  readonly heldFen: string;
  readonly heldStable: string;
  readonly status: string;
  readonly level: Level;
}
