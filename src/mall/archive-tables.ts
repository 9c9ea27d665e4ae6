import type { ArchiveTable } from '../ledger/index.js';

/**
 * The mall's sections of the archive (docs/archive.md), after the journal's, each table's rows in
 * primary key order. The order is foreign-key safe, as `import` inserts the sections in it: merchants
 * before members and products, categories before products, products before skus, coupons and members
 * before orders, orders before their items, redemptions, payments and shipments, shipments before
 * their events.
 *
 * `members.referrer_id` references `members.id`, and id order is not registration order: ids start
 * with the time in ms, so two members of one millisecond (or of a test clock that stands still) sort
 * by their random part, and a referred member may sort before its referrer. Import therefore writes
 * `referrer_id` once every member is in (`selfReferences`) instead of relying on any row order.
 *
 * Left out: `sessions` (sign-ins are not data to move: everyone signs in again) and `store_settings`
 * (the generated gateway secret: the operator sets TOKENMALL_GATEWAY_SECRET, or the imported store
 * generates a new one, and the proof of liabilities' salt secret). The ledger's own tables are the
 * journal's sections; balances, `journal_accounts` and `economy_history` are derived and rebuilt.
 */
export const MALL_ARCHIVE_TABLES: readonly ArchiveTable[] = [
  { section: 'merchants', table: 'merchants', orderBy: ['id'] },
  { section: 'members', table: 'members', orderBy: ['id'], selfReferences: ['referrer_id'] },
  { section: 'categories', table: 'categories', orderBy: ['id'] },
  { section: 'products', table: 'products', orderBy: ['id'] },
  { section: 'skus', table: 'skus', orderBy: ['id'] },
  { section: 'coupons', table: 'coupons', orderBy: ['id'] },
  { section: 'cart_items', table: 'cart_items', orderBy: ['member_id', 'sku_id'] },
  { section: 'orders', table: 'orders', orderBy: ['id'] },
  { section: 'order_items', table: 'order_items', orderBy: ['order_id', 'sku_id'] },
  { section: 'coupon_redemptions', table: 'coupon_redemptions', orderBy: ['order_id'] },
  { section: 'payments', table: 'payments', orderBy: ['id'] },
  { section: 'gateway_notifications', table: 'gateway_notifications', orderBy: ['id'] },
  { section: 'shipments', table: 'shipments', orderBy: ['id'] },
  { section: 'shipment_events', table: 'shipment_events', orderBy: ['shipment_id', 'seq'] },
  { section: 'withdrawals', table: 'withdrawals', orderBy: ['id'] },
  { section: 'payouts', table: 'payouts', orderBy: ['id'] },
  { section: 'webhook_endpoints', table: 'webhook_endpoints', orderBy: ['id'] },
  { section: 'webhook_deliveries', table: 'webhook_deliveries', orderBy: ['endpoint_id', 'event_id'] },
  { section: 'idempotency_records', table: 'idempotency_records', orderBy: ['principal', 'key'] },
];
