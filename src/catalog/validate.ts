import { MallError } from '../mall/errors.js';

/** Limits on what a catalog row may hold (TIGER_STYLE: a limit on everything). */
export const CATALOG_LIMITS = {
  idLengthMax: 64,
  nameLengthMax: 100,
  titleLengthMax: 200,
  descriptionLengthMax: 5000,
  imageCountMax: 10,
  imageUrlLengthMax: 500,
  skuCountMax: 50,
  stockMax: 1_000_000_000,
  /** Fifteen decimal digits: below 2^53, so SQLite's numbers read them exactly. */
  fenDigitsMax: 15,
} as const;

const RESERVED_IDS = new Set(['world', 'platform', 'treasury']);
const ID_FORBIDDEN = /[:\p{White_Space}\p{Cc}]/u;
const FEN_TEXT = /^[0-9]{1,15}$/;

const badRequest = (message: string, details: Record<string, unknown> = {}): MallError =>
  new MallError('BAD_REQUEST', message, details);

/**
 * Checks an id that the journal may carry (CONTRACTS.md "Ids"): 1..64 code points, no `:`, whitespace
 * or control character, and none of the economy's own names. Throws BAD_REQUEST.
 */
export function checkId(id: string, field: string): string {
  const length = [...id].length;
  if (length < 1 || length > CATALOG_LIMITS.idLengthMax || ID_FORBIDDEN.test(id))
    throw badRequest(`${field} must be 1..64 characters without ':', spaces or control characters`, {
      field,
    });
  if (RESERVED_IDS.has(id)) throw badRequest(`${field} '${id}' is reserved`, { field });
  return id;
}

/** Checks a text field's length in code points (and that a required one is not blank). */
export function checkText(value: string, field: string, min: number, max: number): string {
  const length = [...value].length;
  if (length < min || length > max || (min > 0 && value.trim() === ''))
    throw badRequest(`${field} must be ${min}..${max} characters`, { field });
  return value;
}

/** An amount in fen from its decimal text (`^[0-9]{1,15}$`), as the HTTP API sends it. */
export function parseFen(text: string, field: string): bigint {
  if (!FEN_TEXT.test(text)) throw badRequest(`${field} must be a decimal string of 1..15 digits`, { field });
  return BigInt(text);
}

/**
 * A SKU's price and cost: a price of at least 1 fen and a cost in 0..price, because an order's profit
 * (price - cost) must lie in 0..amount (SPEC.md "order").
 */
export function checkPrice(priceFen: bigint, costFen: bigint): void {
  const fenMax = 10n ** BigInt(CATALOG_LIMITS.fenDigitsMax) - 1n;
  if (priceFen < 1n || priceFen > fenMax)
    throw badRequest('priceFen must be 1..999999999999999', { field: 'priceFen' });
  if (costFen < 0n || costFen > priceFen)
    throw badRequest('costFen must be between 0 and priceFen', { field: 'costFen' });
}

/** A stock level: a whole number in 0..1e9. */
export function checkStock(stock: number, field = 'stock'): number {
  if (!Number.isSafeInteger(stock) || stock < 0 || stock > CATALOG_LIMITS.stockMax)
    throw badRequest(`${field} must be a whole number in 0..${CATALOG_LIMITS.stockMax}`, { field });
  return stock;
}

/** Image URLs: at most ten, each http(s) or a path on this site (`/images/wine-1.svg`). */
export function checkImageUrls(urls: readonly string[]): string[] {
  if (urls.length > CATALOG_LIMITS.imageCountMax)
    throw badRequest(`at most ${CATALOG_LIMITS.imageCountMax} images`, { field: 'imageUrls' });
  return urls.map((url, index) => {
    if (url.length > CATALOG_LIMITS.imageUrlLengthMax || !isImageUrl(url))
      throw badRequest('an image URL must be http(s) or a path starting with one /', {
        field: `imageUrls/${index}`,
      });
    return url;
  });
}

function isImageUrl(url: string): boolean {
  if (/[\s\p{Cc}]/u.test(url)) return false;
  if (url.startsWith('/')) return !url.startsWith('//');
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}
