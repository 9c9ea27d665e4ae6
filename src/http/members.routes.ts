import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import {
  changePassword,
  createStaff,
  getMember,
  listMembers,
  listReferrals,
  login,
  logout,
  PAGE_LIMIT_MAX,
  registerMember,
} from '../members/index.js';
import { requirePrincipal, requireRole } from './auth.js';
import { errors, Nullable } from './schemas.js';

const MemberSchema = Type.Object({
  id: Type.String(),
  role: Type.Union([Type.Literal('consumer'), Type.Literal('merchant'), Type.Literal('admin')]),
  merchantId: Nullable(Type.String()),
  displayName: Type.String(),
  phone: Nullable(Type.String({ description: 'masked: 138****5678' })),
  email: Nullable(Type.String()),
  referralCode: Nullable(Type.String({ description: 'consumers only' })),
  referralLink: Nullable(Type.String({ description: '/r/<referralCode>' })),
  referrerId: Nullable(Type.String()),
  createdAt: Type.String(),
});

const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'mainland China mobile number' });
const Email = Type.String({ minLength: 3, maxLength: 254 });
const Password = Type.String({ minLength: 8, maxLength: 128 });
const DisplayName = Type.String({ minLength: 1, maxLength: 40 });
const Token = Type.String({ description: 'bearer token of the new session; shown once' });

// Querystrings arrive as text and the app does not coerce types, so numbers are patterns here.
const PageQuery = {
  limit: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,3}$', description: `1..${PAGE_LIMIT_MAX}, default 20` }),
  ),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the page before' }),
  ),
};

const ReferralPage = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String(), createdAt: Type.String() })),
  nextCursor: Nullable(Type.String()),
});
const MemberPage = Type.Object({ items: Type.Array(MemberSchema), nextCursor: Nullable(Type.String()) });

const RegisterBody = Type.Object(
  {
    phone: Type.Optional(Phone),
    email: Type.Optional(Email),
    password: Password,
    displayName: Type.Optional(DisplayName),
    referralCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  },
  { additionalProperties: false, description: 'exactly one of phone or email' },
);
const LoginBody = Type.Object(
  {
    identifier: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
const PasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 128 }), newPassword: Password },
  { additionalProperties: false },
);
const StaffBody = Type.Object(
  {
    phone: Type.Optional(Phone),
    email: Type.Optional(Email),
    password: Password,
    role: Type.Union([Type.Literal('admin'), Type.Literal('merchant')]),
    merchantId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    displayName: DisplayName,
  },
  {
    additionalProperties: false,
    description: 'exactly one of phone or email; merchant staff name their merchant',
  },
);

/** Sign-in attempts per client address and identifier (and password changes per member) before 429. */
const LOGIN_ATTEMPTS_PER_MINUTE_MAX = 10;
const bearer = [{ bearer: [] }];

/** The bearer token of this request (auth.ts already turned it into request.principal). */
function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) throw new MallError('UNAUTHENTICATED', 'sign in first');
  return header.slice('Bearer '.length).trim();
}

function pageLimit(limit: string | undefined): number | undefined {
  return limit === undefined ? undefined : Number(limit);
}

/** Sign-up, sign-in, the signed-in member, their referrals, and the admin's member list (issue 10). */
export async function registerMemberRoutes(app: FastifyInstance, mall: Mall): Promise<void> {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const Member = MemberSchema;

  typed.post(
    '/api/auth/register',
    {
      schema: {
        tags: ['members'],
        summary: 'Register a consumer (optionally referred by a referral code) and sign in',
        body: RegisterBody,
        response: { 201: Type.Object({ member: Member, token: Token }), ...errors(400, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await registerMember(mall, request.body)),
  );

  typed.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['members'],
        summary: 'Sign in with a phone number or e-mail address',
        body: LoginBody,
        response: { 200: Type.Object({ token: Token, member: Member }), ...errors(400, 401, 429) },
      },
      config: {
        rateLimit: {
          max: LOGIN_ATTEMPTS_PER_MINUTE_MAX,
          timeWindow: '1 minute',
          // After parsing, so the key can name the account tried; invalid bodies are counted too.
          hook: 'preValidation',
          keyGenerator: (request) => {
            const body = request.body as { identifier?: unknown } | undefined;
            const identifier =
              typeof body?.identifier === 'string' ? body.identifier.trim().toLowerCase() : '';
            return `${request.ip}:${identifier.slice(0, 254)}`;
          },
        },
      },
    },
    async (request) => login(mall, request.body),
  );

  typed.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['members'],
        summary: 'End this session',
        security: bearer,
        response: { 204: Type.Null(), ...errors(401) },
      },
    },
    async (request, reply) => {
      requirePrincipal(request);
      await logout(mall, bearerToken(request));
      return reply.status(204).send(null);
    },
  );

  typed.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['members'],
        summary: 'Change the password; ends every other session',
        security: bearer,
        body: PasswordBody,
        response: { 204: Type.Null(), ...errors(400, 401, 429) },
      },
      config: {
        rateLimit: {
          max: LOGIN_ATTEMPTS_PER_MINUTE_MAX,
          timeWindow: '1 minute',
          // Guessing the current password with a stolen session is limited like signing in.
          keyGenerator: (request) => request.principal?.memberId ?? request.ip,
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await changePassword(mall, {
        memberId: principal.memberId,
        ...request.body,
        keepToken: bearerToken(request),
      });
      return reply.status(204).send(null);
    },
  );

  typed.get(
    '/api/me',
    {
      schema: {
        tags: ['members'],
        summary: 'The signed-in member',
        security: bearer,
        response: { 200: Member, ...errors(401) },
      },
    },
    async (request) => getMember(mall, requirePrincipal(request).memberId),
  );

  typed.get(
    '/api/me/referrals',
    {
      schema: {
        tags: ['members'],
        summary: 'Members I referred, newest first',
        security: bearer,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: ReferralPage, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'consumer');
      const { limit, cursor } = request.query;
      return listReferrals(mall, principal.memberId, { limit: pageLimit(limit), cursor });
    },
  );

  typed.get(
    '/api/admin/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Members, newest first, by role and a search on phone, e-mail or display name',
        security: bearer,
        querystring: Type.Object(
          {
            role: Type.Optional(
              Type.Union([Type.Literal('consumer'), Type.Literal('merchant'), Type.Literal('admin')]),
            ),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: MemberPage, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const { role, q, limit, cursor } = request.query;
      return listMembers(mall, { role, q, limit: pageLimit(limit), cursor });
    },
  );

  typed.post(
    '/api/admin/staff',
    {
      schema: {
        tags: ['members'],
        summary: 'Create merchant staff or an admin',
        security: bearer,
        body: StaffBody,
        response: { 201: Type.Object({ member: Member }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      const body: Static<typeof StaffBody> = request.body;
      const { id } = await mall.write((tx) => createStaff(tx, body));
      return reply.status(201).send({ member: await getMember(mall, id) });
    },
  );
}
