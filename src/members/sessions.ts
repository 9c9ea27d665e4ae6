import { createHash, randomBytes } from 'node:crypto';
import { MallError } from '../mall/errors.js';
import type { Mall, MallTx } from '../mall/mall.js';
import { identityColumn, identityOfIdentifier } from './identity.js';
import type { Principal } from './index.js';
import { isRole, MEMBER_VIEW_COLUMNS, type MemberView, memberView } from './member-view.js';
import { checkPasswordRules, decoyHash, hashPassword, verifyPassword } from './passwords.js';

export const SESSION_DAYS = 30;
/** Most live sessions one member keeps; signing in once more ends the oldest. */
export const SESSIONS_PER_MEMBER_MAX = 20;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A new opaque session token: 32 random bytes, base64url. Only its sha256 is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Stores a session for `memberId` in the unit, ending expired ones and any beyond the per-member limit. */
export async function insertSession(tx: MallTx, memberId: string, token: string): Promise<void> {
  if (!TOKEN_PATTERN.test(token)) throw new Error('session token is not 32 bytes of base64url');
  await tx.db
    .deleteFrom('sessions')
    .where('member_id', '=', memberId)
    .where('expires_at', '<=', tx.now)
    .execute();
  const live = await tx.db
    .selectFrom('sessions')
    .select('token_hash')
    .where('member_id', '=', memberId)
    .orderBy('created_at', 'desc')
    .orderBy('token_hash')
    .execute();
  const surplus = live.slice(SESSIONS_PER_MEMBER_MAX - 1).map((s) => s.token_hash);
  if (surplus.length > 0) await tx.db.deleteFrom('sessions').where('token_hash', 'in', surplus).execute();
  const expiresAt = new Date(Date.parse(tx.now) + SESSION_DAYS * DAY_MS).toISOString();
  await tx.db
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), member_id: memberId, created_at: tx.now, expires_at: expiresAt })
    .execute();
}

/**
 * Signs in with a phone number or e-mail address and a password; returns a new session token and the
 * member. Errors: 401 INVALID_CREDENTIALS, the same whether the member or the password is wrong.
 */
export async function login(
  mall: Mall,
  input: { identifier: string; password: string },
): Promise<{ token: string; member: MemberView }> {
  const identity = identityOfIdentifier(input.identifier);
  const where = identity === undefined ? undefined : identityColumn(identity);
  const row =
    where === undefined
      ? undefined
      : await mall.read
          .selectFrom('members')
          .select([...MEMBER_VIEW_COLUMNS, 'password_hash'])
          .where(where.column, '=', where.value)
          .executeTakeFirst();
  // Verify against a decoy when nobody matches, so the answer's timing does not tell who is a member.
  const matches = await verifyPassword(input.password, row?.password_hash ?? (await decoyHash()));
  if (row === undefined || !matches)
    throw new MallError('INVALID_CREDENTIALS', 'wrong phone, e-mail or password');
  const token = newSessionToken();
  await mall.write((tx) => insertSession(tx, row.id, token));
  const { password_hash: _hash, ...viewRow } = row;
  return { token, member: memberView(viewRow) };
}

/** Ends the session of `token` (a token that is unknown or already ended is fine). */
export async function logout(mall: Mall, token: string): Promise<void> {
  await mall.write(async (tx) => {
    await tx.db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
  });
}

/**
 * Replaces a member's password after checking the current one, and ends every other session of the
 * member (the one of `keepToken` stays). Errors: 401 INVALID_CREDENTIALS for a wrong current password,
 * 400 BAD_REQUEST for a new password that breaks the rules, 404 NOT_FOUND for an unknown member.
 */
export async function changePassword(
  mall: Mall,
  input: { memberId: string; currentPassword: string; newPassword: string; keepToken: string },
): Promise<void> {
  checkPasswordRules(input.newPassword, 'newPassword');
  const row = await mall.read
    .selectFrom('members')
    .select('password_hash')
    .where('id', '=', input.memberId)
    .executeTakeFirst();
  if (row === undefined)
    throw new MallError('NOT_FOUND', `no member ${input.memberId}`, { member: input.memberId });
  if (!(await verifyPassword(input.currentPassword, row.password_hash)))
    throw new MallError('INVALID_CREDENTIALS', 'the current password is wrong', { field: 'currentPassword' });
  const newHash = await hashPassword(input.newPassword);
  await mall.write(async (tx) => {
    // Compare-and-set: a password changed meanwhile by another request makes this one fail, not win.
    const updated = await tx.db
      .updateTable('members')
      .set({ password_hash: newHash })
      .where('id', '=', input.memberId)
      .where('password_hash', '=', row.password_hash)
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n)
      throw new MallError('INVALID_CREDENTIALS', 'the password was changed meanwhile', {
        field: 'currentPassword',
      });
    await tx.db
      .deleteFrom('sessions')
      .where('member_id', '=', input.memberId)
      .where('token_hash', '!=', tokenHash(input.keepToken))
      .execute();
  });
}

/** The principal of a live session token, from committed rows; undefined for an unknown or expired one. */
export async function principalForToken(mall: Mall, token: string): Promise<Principal | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const row = await mall.read
    .selectFrom('sessions')
    .innerJoin('members', 'members.id', 'sessions.member_id')
    .select(['members.id', 'members.role', 'members.merchant_id'])
    .where('sessions.token_hash', '=', tokenHash(token))
    .where('sessions.expires_at', '>', mall.nowText())
    .executeTakeFirst();
  if (row === undefined) return undefined;
  if (!isRole(row.role)) throw new Error(`member ${row.id} has an unknown role ${row.role}`);
  return { memberId: row.id, role: row.role, merchantId: row.merchant_id ?? undefined };
}
