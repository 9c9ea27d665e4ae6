/**
 * The one way pages talk to the server: JSON in and out, the member's bearer token from localStorage,
 * an Idempotency-Key on money-moving POSTs, and the server's errors thrown as ApiError
 * ({code, message, details}, docs/errors.md) so a form can show the server's own message.
 */

const TOKEN_KEY = 'tokenmall.token';
const TIMEOUT_MS = 20_000;

export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details: Record<string, unknown>;
}

export class ApiError extends Error implements ApiErrorBody {
  readonly code: string;
  readonly details: Record<string, unknown>;
  /** The HTTP status, or 0 when the server was not reached. */
  readonly status: number;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
  }
}

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token === null) localStorage.removeItem(TOKEN_KEY);
  else localStorage.setItem(TOKEN_KEY, token);
}

/**
 * A fresh key for one money-moving intent (checkout, pay, confirm, sell...). Keep it while retrying
 * the same intent, so a retry after a timeout is answered with the first result, not done twice.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only in secure contexts; a phone on plain http over the LAN gets this instead.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Required by the server on money-moving POSTs (docs/mall.md "Idempotency"). */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.message === 'string';
}

/** The caller's signal, plus a timeout where the browser can combine them (AbortSignal.any). */
function withTimeout(signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  if (signal === undefined) return timeout;
  return typeof AbortSignal.any === 'function' ? AbortSignal.any([signal, timeout]) : signal;
}

/** Sends one request; resolves with the parsed JSON (undefined for 204), rejects with ApiError. */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  if (!path.startsWith('/api/')) throw new Error(`api paths start with /api/: ${path}`);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = getToken();
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  const signal = withTimeout(options.signal);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      signal,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch (error) {
    if (options.signal?.aborted === true) throw error;
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: String(error), details: {} });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      isErrorBody(json)
        ? { code: json.code, message: json.message, details: json.details ?? {} }
        : {
            code: `HTTP_${response.status}`,
            message: response.statusText || text.slice(0, 200),
            details: {},
          },
    );
  }
  return json as T;
}

export const apiGet = <T>(path: string, signal?: AbortSignal): Promise<T> =>
  api<T>('GET', path, signal === undefined ? {} : { signal });

export const apiPost = <T>(path: string, body?: unknown, idempotencyKey?: string): Promise<T> =>
  api<T>('POST', path, {
    ...(body === undefined ? {} : { body }),
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  });

export const apiPut = <T>(path: string, body: unknown): Promise<T> => api<T>('PUT', path, { body });

/** Builds a query string from the defined values only: query({q: 'x', cursor: undefined}) -> "?q=x". */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
