import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import { type Principal, principalForToken, type Role } from '../members/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

/** Reads `Authorization: Bearer <token>` on every request; routes then require what they need. */
export function installAuth(app: FastifyInstance, mall: Mall): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header === undefined || !header.startsWith('Bearer ')) return;
    request.principal = await principalForToken(mall, header.slice('Bearer '.length).trim());
  });
  // Who may call a route is decided before its input is read: a route documented as secured needs a
  // signed-in caller (401), and every /api/admin/ route an admin (403). Finer checks (whose order,
  // which merchant) stay in the handlers.
  app.addHook('onRoute', (route) => {
    const secured = (route.schema as { security?: unknown[] } | undefined)?.security !== undefined;
    const adminOnly = route.url.startsWith('/api/admin/');
    if (!secured && !adminOnly) return;
    const gate = async (request: FastifyRequest) => {
      if (adminOnly) requireRole(request, 'admin');
      else requirePrincipal(request);
    };
    const existing = route.onRequest;
    route.onRequest =
      existing === undefined ? [gate] : [...(Array.isArray(existing) ? existing : [existing]), gate];
  });
}

/** The signed-in principal, or 401 UNAUTHENTICATED. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (request.principal === undefined) throw new MallError('UNAUTHENTICATED', 'sign in first');
  return request.principal;
}

/** The signed-in principal if it has one of `roles`, else 401 or 403. */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Principal {
  const principal = requirePrincipal(request);
  if (!roles.includes(principal.role)) throw forbidden(`this needs the role ${roles.join(' or ')}`);
  return principal;
}

/** Merchant staff of `merchantId`, or an admin. */
export function requireMerchantStaff(request: FastifyRequest, merchantId: string): Principal {
  const principal = requireRole(request, 'merchant', 'admin');
  if (principal.role === 'merchant' && principal.merchantId !== merchantId)
    throw forbidden('staff of another merchant');
  return principal;
}

/** Staff of merchant `merchantId`, not an admin: only a merchant's own staff move its money or points. */
export function requireOwnStaff(request: FastifyRequest, merchantId: string): Principal {
  const staff = requireRole(request, 'merchant');
  if (staff.merchantId !== merchantId) throw forbidden('staff of another merchant');
  return staff;
}
