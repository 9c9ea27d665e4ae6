/** Members, roles, sessions and referral codes (issue 10). */
export type Role = 'consumer' | 'merchant' | 'admin';

/** Who is calling: a signed-in member, with the merchant a staff member works for. */
export interface Principal {
  readonly memberId: string;
  readonly role: Role;
  readonly merchantId: string | undefined;
}

export { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../mall/pages.js';
export { maskPhone } from './identity.js';
export type { MemberView } from './member-view.js';
export { hashPassword } from './passwords.js';
export {
  getMember,
  listMembers,
  listReferrals,
  type MemberFilter,
  type Page,
  type PageRequest,
  type ReferralView,
} from './queries.js';
export { createStaff, type RegisterInput, registerMember, type StaffInput } from './register.js';
export { changePassword, login, logout, principalForToken } from './sessions.js';
