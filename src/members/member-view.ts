import type { Selectable } from 'kysely';
import type { MallDatabase } from '../mall/database.js';
import { maskPhone } from './identity.js';
import type { Role } from './index.js';

export type MemberRow = Selectable<MallDatabase['members']>;

/** The columns a view needs: never the password hash. */
export const MEMBER_VIEW_COLUMNS = [
  'id',
  'role',
  'merchant_id',
  'display_name',
  'phone',
  'email',
  'referral_code',
  'referrer_id',
  'created_at',
] as const;

export type MemberViewRow = Pick<MemberRow, (typeof MEMBER_VIEW_COLUMNS)[number]>;

/**
 * A member as the API shows them: the phone masked, the referral code and link only for consumers
 * (only a consumer can refer), and no password hash or session.
 */
export interface MemberView {
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

export function isRole(value: string): value is Role {
  return value === 'consumer' || value === 'merchant' || value === 'admin';
}

export function memberView(row: MemberViewRow): MemberView {
  if (!isRole(row.role)) throw new Error(`member ${row.id} has an unknown role ${row.role}`);
  const consumer = row.role === 'consumer';
  return {
    id: row.id,
    role: row.role,
    merchantId: row.merchant_id,
    displayName: row.display_name,
    phone: row.phone === null ? null : maskPhone(row.phone),
    email: row.email,
    referralCode: consumer ? row.referral_code : null,
    referralLink: consumer ? `/r/${row.referral_code}` : null,
    referrerId: row.referrer_id,
    createdAt: row.created_at,
  };
}
