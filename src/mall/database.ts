/**
 * The mall's tables as Kysely sees them (src/ledger/migrations/0003-mall.ts creates them). Integers
 * come back as numbers from SQLite and as strings from PostgreSQL's bigint: read them with `big()`.
 */
import type { ColumnType } from 'kysely';

type Int = number | string | bigint;
type Text = string;
/** A nullable column an insert may leave out. */
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** A column with a default an insert may leave out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface MallDatabase {
  store_settings: { name: Text; value: Text };
  merchants: { id: Text; name: Text; description: Defaulted<Text>; created_at: Text };
  members: {
    id: Text;
    phone: Nullable<Text>;
    email: Nullable<Text>;
    password_hash: Text;
    role: Text;
    merchant_id: Nullable<Text>;
    display_name: Text;
    referral_code: Text;
    referrer_id: Nullable<Text>;
    created_at: Text;
  };
  sessions: { token_hash: Text; member_id: Text; created_at: Text; expires_at: Text };
  categories: { id: Text; name: Text; name_en: Defaulted<Text>; sort: Defaulted<Int> };
  products: {
    id: Text;
    merchant_id: Text;
    category_id: Nullable<Text>;
    title: Text;
    description: Defaulted<Text>;
    image_urls: Defaulted<Text>;
    status: Defaulted<Text>;
    created_at: Text;
  };
  skus: { id: Text; product_id: Text; name: Text; price_fen: Int; cost_fen: Int; stock: Int };
  cart_items: { member_id: Text; sku_id: Text; quantity: Int; added_at: Text };
  coupons: {
    id: Text;
    code: Text;
    merchant_id: Nullable<Text>;
    kind: Text;
    value: Int;
    min_spend_fen: Int;
    starts_at: Text;
    ends_at: Text;
    per_user_limit: Int;
    created_at: Text;
  };
  orders: {
    id: Text;
    checkout_id: Text;
    member_id: Text;
    merchant_id: Text;
    status: Text;
    items_fen: Int;
    discount_fen: Int;
    total_fen: Int;
    cost_fen: Int;
    coupon_id: Nullable<Text>;
    address: Text;
    payment_method: Nullable<Text>;
    paid_cash_fen: Defaulted<Int>;
    paid_stable: Defaulted<Int>;
    payment_via: Nullable<Text>;
    refund_requested_at: Nullable<Text>;
    created_at: Text;
    pay_by: Text;
    paid_at: Nullable<Text>;
    shipped_at: Nullable<Text>;
    delivered_at: Nullable<Text>;
    completed_at: Nullable<Text>;
    cancelled_at: Nullable<Text>;
    refunded_at: Nullable<Text>;
    journal_seq: Nullable<Int>;
  };
  order_items: {
    order_id: Text;
    sku_id: Text;
    product_id: Text;
    title: Text;
    sku_name: Text;
    unit_price_fen: Int;
    unit_cost_fen: Int;
    quantity: Int;
  };
  coupon_redemptions: { order_id: Text; coupon_id: Text; member_id: Text; created_at: Text };
  payments: {
    id: Text;
    order_id: Text;
    provider: Text;
    status: Text;
    cash_fen: Int;
    stable: Int;
    reference: Nullable<Text>;
    created_at: Text;
    settled_at: Nullable<Text>;
  };
  gateway_notifications: { id: Text; payment_id: Text; received_at: Text; status_code: Int; response: Text };
  shipments: {
    id: Text;
    order_id: Text;
    carrier: Text;
    tracking_number: Text;
    created_at: Text;
    delivered_at: Nullable<Text>;
  };
  shipment_events: {
    shipment_id: Text;
    at: Text;
    seq: Int;
    status: Text;
    description: Text;
    location: Defaulted<Text>;
  };
  idempotency_records: {
    principal: Text;
    key: Text;
    request_hash: Text;
    status_code: Int;
    response: Text;
    created_at: Text;
  };
  journal: { seq: Int; key: Text; time: Text; command: Text; postings: Text; events: Text; hash: Text };
  withdrawals: {
    id: Text;
    account_id: Text;
    requested_by: Text;
    amount_fen: Int;
    status: Text;
    destination: Defaulted<Text>;
    reason: Defaulted<Text>;
    decided_by: Nullable<Text>;
    reference: Nullable<Text>;
    created_at: Text;
    decided_at: Nullable<Text>;
    paid_at: Nullable<Text>;
  };
  payouts: {
    id: Text;
    merchant_id: Text;
    requested_by: Text;
    amount_fen: Int;
    status: Text;
    reason: Defaulted<Text>;
    decided_by: Nullable<Text>;
    reference: Nullable<Text>;
    created_at: Text;
    decided_at: Nullable<Text>;
  };
  webhook_endpoints: {
    id: Text;
    url: Text;
    secret: Text;
    event_types: Defaulted<Text>;
    description: Defaulted<Text>;
    active: Defaulted<Int>;
    after_seq: Int;
    created_at: Text;
  };
  webhook_deliveries: {
    event_id: Text;
    endpoint_id: Text;
    event_type: Text;
    seq: Int;
    payload: Text;
    status: Text;
    attempts: Defaulted<Int>;
    next_attempt_at: Text;
    last_error: Defaulted<Text>;
    created_at: Text;
    delivered_at: Nullable<Text>;
  };
  economy_history: { bucket: Text; seq: Int; time: Text; figures: Text };
  journal_accounts: { id: Text; seq: Int };
}

/** An integer column as bigint, whichever driver read it. */
export function big(value: Int): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

/** An integer column that fits a number (quantities, stock, counts). */
export function int(value: Int): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${String(value)}`);
  return n;
}
