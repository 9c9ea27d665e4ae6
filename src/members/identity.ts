import { MallError } from '../mall/errors.js';

/** A mainland China mobile number (11 digits starting 13..19). */
export const PHONE_PATTERN = /^1[3-9][0-9]{9}$/;
/** A deliberately simple e-mail check: something@something.tld, no spaces; the mailbox proves the rest. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_LENGTH_MAX = 254;
export const DISPLAY_NAME_LENGTH_MAX = 40;
/** Referral codes: 8 characters of randomText's alphabet, compared lowercased. */
export const REFERRAL_CODE_PATTERN = /^[0-9a-z]{8}$/;

/** How a member signs in: exactly one of a phone number or an e-mail address. */
export type Identity =
  | { readonly phone: string; readonly email?: never }
  | { readonly email: string; readonly phone?: never };

/**
 * The one identity of a registration, checked and normalised (e-mail lowercased). Throws 400
 * BAD_REQUEST when both or neither are given, or the one given is malformed.
 */
export function parseIdentity(input: { phone?: string | undefined; email?: string | undefined }): Identity {
  const { phone, email } = input;
  if ((phone === undefined) === (email === undefined))
    throw new MallError('BAD_REQUEST', 'give exactly one of phone or email', { fields: ['phone', 'email'] });
  if (phone !== undefined) {
    if (!PHONE_PATTERN.test(phone))
      throw new MallError('BAD_REQUEST', 'phone must be an 11-digit mobile number', { field: 'phone' });
    return { phone };
  }
  const lowered = (email ?? '').trim().toLowerCase();
  if (lowered.length > EMAIL_LENGTH_MAX || !EMAIL_PATTERN.test(lowered))
    throw new MallError('BAD_REQUEST', 'email is not an e-mail address', { field: 'email' });
  return { email: lowered };
}

/** The column an identity is stored in, and its value. */
export function identityColumn(identity: Identity): { column: 'phone' | 'email'; value: string } {
  return identity.phone !== undefined
    ? { column: 'phone', value: identity.phone }
    : { column: 'email', value: identity.email ?? '' };
}

/** A sign-in identifier as the identity it names, or undefined when it is neither kind. */
export function identityOfIdentifier(identifier: string): Identity | undefined {
  const text = identifier.trim();
  if (PHONE_PATTERN.test(text)) return { phone: text };
  const lowered = text.toLowerCase();
  if (lowered.length <= EMAIL_LENGTH_MAX && EMAIL_PATTERN.test(lowered)) return { email: lowered };
  return undefined;
}

/** A display name, trimmed: 1..40 code points without control characters; else 400 BAD_REQUEST. */
export function parseDisplayName(name: string): string {
  const trimmed = name.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > DISPLAY_NAME_LENGTH_MAX || /\p{Cc}/u.test(trimmed))
    throw new MallError(
      'BAD_REQUEST',
      `a display name has 1 to ${DISPLAY_NAME_LENGTH_MAX} printable characters`,
      {
        field: 'displayName',
      },
    );
  return trimmed;
}

/** A phone number as people may see it: 138****5678. */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '****';
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** A member id as a referrer sees it: enough to tell two apart, not enough to address one. */
export function maskId(id: string): string {
  if (id.length < 10) return '****';
  return `${id.slice(0, 3)}****${id.slice(-4)}`;
}
