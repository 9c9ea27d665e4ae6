/**
 * The shop the HTTP load runs against, set up through the API before any timing: the demo wine shop a
 * fresh `tokenmall serve` seeds (its admin and staff sign in with the passwords it printed), one SKU per
 * product with its stock set high, and registered buyers with their session tokens.
 */

export interface BenchShop {
  /** One SKU per product, each with the merchant whose staff ship it. */
  readonly skus: readonly { readonly id: string; readonly merchantId: string }[];
  /** Staff session token per merchant id. */
  readonly staffTokens: ReadonlyMap<string, string>;
  readonly buyerTokens: readonly string[];
  readonly registerSeconds: number;
}

/** Stock per SKU: far more than any run sells, so no checkout fails for want of stock. */
const STOCK = 1_000_000_000;
/** Registrations in flight at once (scrypt on the server's thread pool). */
const REGISTER_CONCURRENCY = 16;
const BUYER_PASSWORD = 'buyer-password';

/** A JSON call; throws unless the server answers `expected`. */
export async function call(
  base: string,
  method: string,
  path: string,
  expected: number,
  options: { token?: string; body?: unknown } = {},
): Promise<unknown> {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  if (response.status !== expected)
    throw new Error(`${method} ${path}: expected ${expected}, got ${response.status}: ${text.slice(0, 500)}`);
  return text.length > 0 ? JSON.parse(text) : undefined;
}

interface Credentials {
  readonly admin: { phone: string; password: string };
  readonly staff: { merchantId: string; phone: string; password: string }[];
}

/** The sign-ins `serve` printed when it seeded the demo shop into the empty store. */
function seededCredentials(output: string): Credentials {
  const admin = /admin login (\S+) password (\S+)/.exec(output);
  if (!admin) throw new Error(`serve did not seed the demo shop: ${output}`);
  const staff = [...output.matchAll(/staff of (\S+): login (\S+) password (\S+)/g)].map((m) => ({
    merchantId: m[1]!,
    phone: m[2]!,
    password: m[3]!,
  }));
  if (staff.length === 0) throw new Error(`serve printed no staff sign-in: ${output}`);
  return { admin: { phone: admin[1]!, password: admin[2]! }, staff };
}

async function login(base: string, phone: string, password: string): Promise<string> {
  const body = (await call(base, 'POST', '/api/auth/login', 200, {
    body: { identifier: phone, password },
  })) as { token: string };
  return body.token;
}

/** The phone of buyer `index`: 135 then eight digits, unique per store. */
function buyerPhone(index: number): string {
  if (index < 0 || index >= 1e8) throw new Error(`buyer index ${index} out of range`);
  return `135${String(index).padStart(8, '0')}`;
}

async function registerBuyers(base: string, count: number): Promise<string[]> {
  const tokens: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const body = (await call(base, 'POST', '/api/auth/register', 201, {
        body: { phone: buyerPhone(i), password: BUYER_PASSWORD },
      })) as { token: string };
      tokens[i] = body.token;
    }
  };
  await Promise.all(Array.from({ length: Math.min(REGISTER_CONCURRENCY, count) }, worker));
  return tokens;
}

/** Signs in, picks the first SKU of every product, sets its stock, then registers `buyers` buyers. */
export async function setUpShop(base: string, serveOutput: string, buyers: number): Promise<BenchShop> {
  const credentials = seededCredentials(serveOutput);
  const adminToken = await login(base, credentials.admin.phone, credentials.admin.password);
  const staffTokens = new Map<string, string>();
  for (const s of credentials.staff) staffTokens.set(s.merchantId, await login(base, s.phone, s.password));

  const page = (await call(base, 'GET', '/api/products?limit=100', 200)) as {
    items: { id: string; merchantId: string }[];
  };
  const skus: { id: string; merchantId: string }[] = [];
  for (const product of page.items) {
    if (!staffTokens.has(product.merchantId)) continue;
    const detail = (await call(base, 'GET', `/api/products/${product.id}`, 200)) as {
      skus: { id: string }[];
    };
    const sku = detail.skus[0];
    if (sku === undefined) continue;
    await call(base, 'POST', `/api/skus/${sku.id}/stock`, 200, { token: adminToken, body: { set: STOCK } });
    skus.push({ id: sku.id, merchantId: product.merchantId });
  }
  if (skus.length === 0) throw new Error('the demo shop has no SKU to sell');

  const start = process.hrtime.bigint();
  const buyerTokens = await registerBuyers(base, buyers);
  const registerSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { skus, staffTokens, buyerTokens, registerSeconds };
}
