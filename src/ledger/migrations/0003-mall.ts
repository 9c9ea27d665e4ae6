import type { Kysely, RawBuilder } from 'kysely';

/**
 * The mall's tables: members, catalog, carts, orders, coupons, shipments, payments and the HTTP
 * idempotency records. They live in the same database and migration set as the journal because an
 * order's move to `completed` commits in the same transaction as its journal entry (DESIGN.md).
 * Money is bigint fen; times are UTC ISO-8601 text (they sort as they read); ids are text.
 */
export async function createMallTables(db: Kysely<unknown>, text: RawBuilder<unknown>): Promise<void> {
  await db.schema
    .createTable('store_settings')
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('merchants')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('members')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('phone', text, (c) => c.unique())
    .addColumn('email', text, (c) => c.unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('merchant_id', text, (c) => c.references('merchants.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('referral_code', text, (c) => c.notNull().unique())
    .addColumn('referrer_id', text, (c) => c.references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_referrer').on('members').column('referrer_id').execute();
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', text, (c) => c.primaryKey())
    .addColumn('member_id', text, (c) => c.notNull().references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_member').on('sessions').column('member_id').execute();
  await createCatalogTables(db, text);
  await createOrderTables(db, text);
  await db.schema
    .createTable('idempotency_records')
    .addColumn('principal', text, (c) => c.notNull())
    .addColumn('key', text, (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_records_pk', ['principal', 'key'])
    .execute();
}

async function createCatalogTables(db: Kysely<unknown>, text: RawBuilder<unknown>): Promise<void> {
  await db.schema
    .createTable('categories')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('products')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('merchant_id', text, (c) => c.notNull().references('merchants.id'))
    .addColumn('category_id', text, (c) => c.references('categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('image_urls', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('products_merchant').on('products').column('merchant_id').execute();
  await db.schema.createIndex('products_category').on('products').column('category_id').execute();
  await db.schema
    .createTable('skus')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('product_id', text, (c) => c.notNull().references('products.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('price_fen', 'bigint', (c) => c.notNull())
    .addColumn('cost_fen', 'bigint', (c) => c.notNull())
    .addColumn('stock', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('skus_product').on('skus').column('product_id').execute();
}

async function createOrderTables(db: Kysely<unknown>, text: RawBuilder<unknown>): Promise<void> {
  await db.schema
    .createTable('cart_items')
    .addColumn('member_id', text, (c) => c.notNull())
    .addColumn('sku_id', text, (c) => c.notNull().references('skus.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cart_items_pk', ['member_id', 'sku_id'])
    .execute();
  await db.schema
    .createTable('coupons')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('code', text, (c) => c.notNull().unique())
    .addColumn('merchant_id', text, (c) => c.references('merchants.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('min_spend_fen', 'bigint', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('per_user_limit', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('orders')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('checkout_id', text, (c) => c.notNull())
    .addColumn('member_id', text, (c) => c.notNull().references('members.id'))
    .addColumn('merchant_id', text, (c) => c.notNull().references('merchants.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('items_fen', 'bigint', (c) => c.notNull())
    .addColumn('discount_fen', 'bigint', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('cost_fen', 'bigint', (c) => c.notNull())
    .addColumn('coupon_id', text, (c) => c.references('coupons.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('payment_method', 'text')
    .addColumn('paid_cash_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_stable', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('payment_via', 'text')
    .addColumn('refund_requested_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('pay_by', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('shipped_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('refunded_at', 'text')
    .addColumn('journal_seq', 'bigint')
    .execute();
  await db.schema.createIndex('orders_member').on('orders').columns(['member_id', 'created_at']).execute();
  await db.schema
    .createIndex('orders_merchant')
    .on('orders')
    .columns(['merchant_id', 'created_at'])
    .execute();
  await db.schema.createIndex('orders_status').on('orders').columns(['status', 'pay_by']).execute();
  await db.schema
    .createTable('order_items')
    .addColumn('order_id', text, (c) => c.notNull().references('orders.id'))
    .addColumn('sku_id', text, (c) => c.notNull().references('skus.id'))
    .addColumn('product_id', text, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sku_name', 'text', (c) => c.notNull())
    .addColumn('unit_price_fen', 'bigint', (c) => c.notNull())
    .addColumn('unit_cost_fen', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_items_pk', ['order_id', 'sku_id'])
    .execute();
  await db.schema
    .createTable('coupon_redemptions')
    .addColumn('order_id', text, (c) => c.primaryKey().references('orders.id'))
    .addColumn('coupon_id', text, (c) => c.notNull().references('coupons.id'))
    .addColumn('member_id', text, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('coupon_redemptions_member')
    .on('coupon_redemptions')
    .columns(['coupon_id', 'member_id'])
    .execute();
  await db.schema
    .createTable('payments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('order_id', text, (c) => c.notNull().references('orders.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cash_fen', 'bigint', (c) => c.notNull())
    .addColumn('stable', 'bigint', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text')
    .execute();
  await db.schema.createIndex('payments_order').on('payments').column('order_id').execute();
  await db.schema
    .createTable('gateway_notifications')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('payment_id', text, (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('shipments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('order_id', text, (c) => c.notNull().unique().references('orders.id'))
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('tracking_number', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema
    .createTable('shipment_events')
    .addColumn('shipment_id', text, (c) => c.notNull().references('shipments.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('shipment_events_pk', ['shipment_id', 'seq'])
    .execute();
}
