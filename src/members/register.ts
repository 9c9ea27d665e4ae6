import { MallError } from '../mall/errors.js';
import { newId, randomText } from '../mall/ids.js';
import { journal, type Mall, type MallTx } from '../mall/mall.js';
import {
  type Identity,
  identityColumn,
  parseDisplayName,
  parseIdentity,
  REFERRAL_CODE_PATTERN,
} from './identity.js';
import { type MemberView, type MemberViewRow, memberView } from './member-view.js';
import { checkPasswordRules, hashPassword } from './passwords.js';
import { insertSession, newSessionToken } from './sessions.js';

/** Tries at a referral code nobody has; 40 random bits make a second try already rare. */
const REFERRAL_CODE_TRIES_MAX = 8;

export interface RegisterInput {
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly password: string;
  readonly displayName?: string | undefined;
  readonly referralCode?: string | undefined;
}

/**
 * Registers a consumer and signs them in: the member row, a session and the economy's `join` (with the
 * referrer named by `referralCode`, fixed for good) commit together. Errors: 400 BAD_REQUEST (identity,
 * password or display name), 409 ALREADY_REGISTERED, 422 INVALID_REFERRAL_CODE (SPEC: one level of
 * referral, only consumers refer).
 */
export async function registerMember(
  mall: Mall,
  input: RegisterInput,
): Promise<{ member: MemberView; token: string }> {
  const identity = parseIdentity(input);
  checkPasswordRules(input.password);
  const displayName = input.displayName === undefined ? undefined : parseDisplayName(input.displayName);
  const referralCode = input.referralCode === undefined ? undefined : input.referralCode.trim().toLowerCase();
  // Hash before the unit of work: the batch it joins should not wait for scrypt.
  const passwordHash = await hashPassword(input.password);
  const id = newId('m');
  const token = newSessionToken();
  try {
    return await mall.write(async (tx) => {
      await assertIdentityFree(tx, identity);
      const referrerId = referralCode === undefined ? undefined : await referrerOf(tx, referralCode);
      if (referrerId === id) throw new MallError('INVALID_REFERRAL_CODE', 'a member cannot refer themselves');
      const code = await freshReferralCode(tx);
      const row: MemberViewRow = {
        id,
        role: 'consumer',
        merchant_id: null,
        display_name: displayName ?? `Member ${code.slice(0, 4).toUpperCase()}`,
        phone: identity.phone ?? null,
        email: identity.email ?? null,
        referral_code: code,
        referrer_id: referrerId ?? null,
        created_at: tx.now,
      };
      await tx.db
        .insertInto('members')
        .values({ ...row, password_hash: passwordHash })
        .execute();
      await insertSession(tx, id, token);
      await journal(tx, `member:${id}:join`, {
        type: 'join',
        member: id,
        ...(referrerId === undefined ? {} : { referrer: referrerId }),
      });
      return { member: memberView(row), token };
    });
  } catch (error) {
    // The unique indexes are the backstop for a race with a registration on another node.
    if (isUniqueViolation(error)) throw alreadyRegistered(identity);
    throw error;
  }
}

export interface StaffInput {
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly password: string;
  readonly role: 'admin' | 'merchant';
  readonly merchantId?: string | undefined;
  readonly displayName: string;
}

/**
 * Creates merchant staff or an admin inside the caller's unit of work (demo seed, admin routes). Staff
 * do not join the economy and cannot refer. Errors: 400 BAD_REQUEST (input, a merchant role without a
 * merchant or an admin with one), 404 NOT_FOUND (merchant), 409 ALREADY_REGISTERED.
 */
export async function createStaff(tx: MallTx, input: StaffInput): Promise<{ id: string }> {
  const identity = parseIdentity(input);
  const displayName = parseDisplayName(input.displayName);
  if (input.role !== 'admin' && input.role !== 'merchant')
    throw new MallError('BAD_REQUEST', 'staff are admins or merchant staff', { field: 'role' });
  if ((input.role === 'merchant') !== (input.merchantId !== undefined))
    throw new MallError('BAD_REQUEST', 'merchant staff, and only they, name their merchant', {
      field: 'merchantId',
    });
  const passwordHash = await hashPassword(input.password);
  await assertIdentityFree(tx, identity);
  if (input.merchantId !== undefined) {
    const merchant = await tx.db
      .selectFrom('merchants')
      .select('id')
      .where('id', '=', input.merchantId)
      .executeTakeFirst();
    if (merchant === undefined)
      throw new MallError('NOT_FOUND', `no merchant ${input.merchantId}`, { merchant: input.merchantId });
  }
  const id = newId('m');
  await tx.db
    .insertInto('members')
    .values({
      id,
      role: input.role,
      merchant_id: input.merchantId ?? null,
      display_name: displayName,
      phone: identity.phone ?? null,
      email: identity.email ?? null,
      password_hash: passwordHash,
      // The column needs a unique code; referrerOf accepts consumers' codes only, so this one is inert.
      referral_code: await freshReferralCode(tx),
      referrer_id: null,
      created_at: tx.now,
    })
    .execute();
  return { id };
}

async function assertIdentityFree(tx: MallTx, identity: Identity): Promise<void> {
  const { column, value } = identityColumn(identity);
  const taken = await tx.db.selectFrom('members').select('id').where(column, '=', value).executeTakeFirst();
  if (taken !== undefined) throw alreadyRegistered(identity);
}

function alreadyRegistered(identity: Identity): MallError {
  const { column } = identityColumn(identity);
  return new MallError(
    'ALREADY_REGISTERED',
    `this ${column === 'phone' ? 'phone number' : 'e-mail'} is registered`,
    {
      field: column,
    },
  );
}

/** The consumer whose referral code this is; 422 INVALID_REFERRAL_CODE for anything else. */
async function referrerOf(tx: MallTx, code: string): Promise<string> {
  const row = REFERRAL_CODE_PATTERN.test(code)
    ? await tx.db
        .selectFrom('members')
        .select('id')
        .where('referral_code', '=', code)
        .where('role', '=', 'consumer')
        .executeTakeFirst()
    : undefined;
  if (row === undefined)
    throw new MallError('INVALID_REFERRAL_CODE', 'no member has this referral code', { code });
  return row.id;
}

async function freshReferralCode(tx: MallTx): Promise<string> {
  for (let attempt = 0; attempt < REFERRAL_CODE_TRIES_MAX; attempt++) {
    const code = randomText(8);
    const taken = await tx.db
      .selectFrom('members')
      .select('id')
      .where('referral_code', '=', code)
      .executeTakeFirst();
    if (taken === undefined) return code;
  }
  throw new Error(`no free referral code after ${REFERRAL_CODE_TRIES_MAX} tries`);
}

/** A unique-index violation from either driver (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === '23505' || error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
