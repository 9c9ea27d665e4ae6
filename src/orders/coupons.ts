import type { Kysely, Selectable } from 'kysely';
import { big, int, type MallDatabase } from '../mall/database.js';
import { MallError } from '../mall/errors.js';
import { newId } from '../mall/ids.js';
import type { MallTx } from '../mall/mall.js';

export type CouponRow = Selectable<MallDatabase['coupons']>;

export interface CouponInput {
  code: string;
  merchantId: string | null;
  kind: 'fixed' | 'percent';
  /** fen for `fixed`, basis points (1..10000) for `percent`. */
  value: bigint;
  minSpendFen: bigint;
  startsAt: string;
  endsAt: string;
  perUserLimit: number;
}

/** Creates a coupon, platform wide (`merchantId` null) or for one merchant. */
export async function createCoupon(tx: MallTx, input: CouponInput): Promise<CouponRow> {
  if (input.kind === 'percent' && (input.value < 1n || input.value > 10_000n))
    throw new MallError('BAD_REQUEST', 'a percent coupon takes 1..10000 basis points');
  if (input.kind === 'fixed' && input.value < 1n)
    throw new MallError('BAD_REQUEST', 'a fixed coupon takes at least 1 fen');
  if (!(input.startsAt < input.endsAt)) throw new MallError('BAD_REQUEST', 'startsAt must be before endsAt');
  const taken = await tx.db
    .selectFrom('coupons')
    .select('id')
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (taken !== undefined)
    throw new MallError('BAD_REQUEST', `coupon code ${input.code} exists`, { code: input.code });
  const row = {
    id: newId('cp'),
    code: input.code,
    merchant_id: input.merchantId,
    kind: input.kind,
    value: input.value.toString(),
    min_spend_fen: input.minSpendFen.toString(),
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    per_user_limit: input.perUserLimit,
    created_at: tx.now,
  };
  await tx.db.insertInto('coupons').values(row).execute();
  return row;
}

/** A coupon by code, or 422 COUPON_INVALID. */
export async function couponByCode(db: Kysely<MallDatabase>, code: string): Promise<CouponRow> {
  const row = await db.selectFrom('coupons').selectAll().where('code', '=', code).executeTakeFirst();
  if (row === undefined) throw new MallError('COUPON_INVALID', `no coupon ${code}`, { coupon: code });
  return row;
}

/**
 * The discount `coupon` gives an order of `itemsFen` from `merchantId` for `memberId` now, after
 * checking its window, merchant, minimum spend and per-user limit. A discount always leaves at least
 * 1 fen to pay, so every order still reaches the economy.
 * @throws MallError COUPON_INVALID, COUPON_NOT_APPLICABLE, COUPON_LIMIT_REACHED
 */
export async function couponDiscount(
  tx: MallTx,
  coupon: CouponRow,
  order: { merchantId: string; itemsFen: bigint; memberId: string },
): Promise<bigint> {
  const details = { coupon: coupon.code };
  if (tx.now < coupon.starts_at || tx.now >= coupon.ends_at)
    throw new MallError('COUPON_INVALID', `coupon ${coupon.code} is not valid now`, details);
  if (coupon.merchant_id !== null && coupon.merchant_id !== order.merchantId)
    throw new MallError('COUPON_NOT_APPLICABLE', `coupon ${coupon.code} is for another merchant`, details);
  if (order.itemsFen < big(coupon.min_spend_fen))
    throw new MallError(
      'COUPON_NOT_APPLICABLE',
      `coupon ${coupon.code} needs a spend of ${coupon.min_spend_fen} fen`,
      details,
    );
  const used = await tx.db
    .selectFrom('coupon_redemptions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('coupon_id', '=', coupon.id)
    .where('member_id', '=', order.memberId)
    .executeTakeFirstOrThrow();
  if (int(used.n as number) >= int(coupon.per_user_limit))
    throw new MallError(
      'COUPON_LIMIT_REACHED',
      `coupon ${coupon.code} was used ${coupon.per_user_limit} times`,
      details,
    );
  const value = big(coupon.value);
  const discount = coupon.kind === 'fixed' ? value : (order.itemsFen * value) / 10_000n;
  return discount < order.itemsFen ? discount : order.itemsFen - 1n;
}

export function couponView(row: CouponRow) {
  return {
    id: row.id,
    code: row.code,
    merchantId: row.merchant_id,
    kind: row.kind,
    value: big(row.value).toString(),
    minSpendFen: big(row.min_spend_fen).toString(),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    perUserLimit: int(row.per_user_limit),
  };
}
