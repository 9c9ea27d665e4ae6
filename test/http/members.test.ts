// Members over HTTP (issue 10): sign-up with referral, sessions, password change, rate limits and
// who may read what, on both dialects; one mall per dialect, each test with its own members.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../../src/members/index.js';
import { DIALECTS, startTestMall, type TestMall } from '../support/mall.js';

const PASSWORD = 'correct horse 1';
let phones = 0;
/** A phone number no other test uses. */
const nextPhone = () => `1390000${String(++phones).padStart(4, '0')}`;

interface Registered {
  id: string;
  token: string;
  phone: string;
  referralCode: string;
}

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let t: TestMall;
    let admin: { id: string; token: string };
    beforeAll(async () => {
      t = await startTestMall(dialect);
      const { id } = await t.mall.write((tx) =>
        createStaff(tx, {
          email: 'Root@Example.com',
          password: PASSWORD,
          role: 'admin',
          displayName: 'Root',
        }),
      );
      const login = await t.call('POST', '/api/auth/login', {
        body: { identifier: 'root@example.com', password: PASSWORD },
      });
      expect(login.statusCode, login.body).toBe(200);
      admin = { id, token: login.json().token };
    });
    afterAll(async () => {
      await t?.close();
    });

    async function register(extra: Record<string, unknown> = {}): Promise<Registered> {
      const phone = nextPhone();
      const response = await t.call('POST', '/api/auth/register', {
        body: { phone, password: PASSWORD, ...extra },
      });
      expect(response.statusCode, response.body).toBe(201);
      const { member, token } = response.json();
      return { id: member.id, token, phone, referralCode: member.referralCode };
    }
    const login = (identifier: string, password = PASSWORD) =>
      t.call('POST', '/api/auth/login', { body: { identifier, password } });
    const me = (token?: string) => t.call('GET', '/api/me', token === undefined ? {} : { token });

    it('registers, signs in and out, and shows the member without secrets', async () => {
      const phone = nextPhone();
      const created = await t.call('POST', '/api/auth/register', {
        body: { phone, password: PASSWORD, displayName: '  Ann  ' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { member, token } = created.json();
      expect(member).toMatchObject({
        role: 'consumer',
        displayName: 'Ann',
        phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      });
      expect(member.referralCode).toMatch(/^[0-9a-z]{8}$/);
      expect(member.referralLink).toBe(`/r/${member.referralCode}`);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const signedIn = await login(phone);
      expect(signedIn.statusCode, signedIn.body).toBe(200);
      const second = signedIn.json().token as string;
      expect(second).not.toBe(token);
      expect(signedIn.body).not.toContain('scrypt$');
      const view = await me(second);
      expect(view.statusCode).toBe(200);
      expect(view.json()).toEqual({ ...member, referrerId: null });
      expect(view.body).not.toMatch(/scrypt\$|password/);

      expect((await t.call('POST', '/api/auth/logout', { token: second })).statusCode).toBe(204);
      expect((await me(second)).statusCode).toBe(401);
      expect((await me(token)).statusCode).toBe(200);
    });

    it('signs in by e-mail in any case; a wrong password or unknown member is 401', async () => {
      const created = await t.call('POST', '/api/auth/register', {
        body: { email: `Bea.${dialect}@Example.COM`, password: PASSWORD },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().member.email).toBe(`bea.${dialect}@example.com`);
      expect((await login(`BEA.${dialect}@example.com`)).statusCode).toBe(200);
      for (const attempt of [
        login(`bea.${dialect}@example.com`, 'wrong password'),
        login('nobody@example.com'),
      ]) {
        const response = await attempt;
        expect(response.statusCode).toBe(401);
        expect(response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      }
    });

    it('refuses a phone or e-mail that is registered (409)', async () => {
      const { phone } = await register();
      const again = await t.call('POST', '/api/auth/register', { body: { phone, password: PASSWORD } });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toEqual({
        code: 'ALREADY_REGISTERED',
        message: expect.any(String),
        details: { field: 'phone' },
      });
      const email = await t.call('POST', '/api/auth/register', {
        body: { email: 'ROOT@example.com', password: PASSWORD },
      });
      expect(email.json().code).toBe('ALREADY_REGISTERED');
    });

    it('answers bad input with 400 BAD_REQUEST', async () => {
      const bodies = [
        { phone: nextPhone(), email: 'both@example.com', password: PASSWORD },
        { password: PASSWORD },
        { phone: '12345678901', password: PASSWORD },
        { phone: nextPhone(), password: 'short' },
        { phone: nextPhone(), password: 'x'.repeat(129) },
        { email: 'not-an-email', password: PASSWORD },
        { phone: nextPhone(), password: PASSWORD, role: 'admin' },
        { phone: nextPhone(), password: PASSWORD, displayName: '   ' },
      ];
      for (const body of bodies) {
        const response = await t.call('POST', '/api/auth/register', { body });
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.json()).toEqual({
          code: 'BAD_REQUEST',
          message: expect.any(String),
          details: expect.any(Object),
        });
      }
      const badQuery = await t.call('GET', '/api/admin/members?limit=0', { token: admin.token });
      expect(badQuery.json().code).toBe('BAD_REQUEST');
    });

    it('fixes the referrer at registration and lists referrals page by page', async () => {
      const ann = await register();
      const bob = await register({ referralCode: ann.referralCode.toUpperCase() });
      const cid = await register({ referralCode: ann.referralCode, displayName: 'Cid' });
      await register({ referralCode: bob.referralCode });
      expect((await me(bob.token)).json().referrerId).toBe(ann.id);
      expect(t.mall.ledger.state.economy.accounts.get(bob.id)?.referrer).toBe(ann.id);
      expect(t.mall.ledger.state.economy.accounts.get(ann.id)?.referrer).toBeUndefined();

      const first = await t.call('GET', '/api/me/referrals?limit=1', { token: ann.token });
      expect(first.statusCode, first.body).toBe(200);
      const page1 = first.json();
      expect(page1.items).toEqual([
        { id: expect.stringContaining('****'), displayName: 'Cid', createdAt: expect.any(String) },
      ]);
      expect(page1.items[0].id).not.toBe(cid.id);
      const rest = await t.call('GET', `/api/me/referrals?limit=5&cursor=${page1.nextCursor}`, {
        token: ann.token,
      });
      expect(rest.json()).toMatchObject({ items: [{ displayName: expect.any(String) }], nextCursor: null });
      const bad = await t.call('GET', '/api/me/referrals?cursor=garbage', { token: ann.token });
      expect(bad.json().code).toBe('BAD_REQUEST');
    });

    it('refuses an unknown referral code, and staff codes, with 422', async () => {
      const staff = await t.mall.read
        .selectFrom('members')
        .select('referral_code')
        .where('id', '=', admin.id)
        .executeTakeFirstOrThrow();
      for (const referralCode of ['zzzzzzzz', 'short', staff.referral_code]) {
        const response = await t.call('POST', '/api/auth/register', {
          body: { phone: nextPhone(), password: PASSWORD, referralCode },
        });
        expect(response.statusCode).toBe(422);
        expect(response.json().code).toBe('INVALID_REFERRAL_CODE');
      }
      expect((await me(admin.token)).json()).toMatchObject({
        role: 'admin',
        referralCode: null,
        referralLink: null,
      });
    });

    it('changes a password with the current one and ends the other sessions', async () => {
      const dee = await register();
      const other = (await login(dee.phone)).json().token as string;
      const change = (currentPassword: string) =>
        t.call('POST', '/api/auth/password', {
          token: dee.token,
          body: { currentPassword, newPassword: 'new secret 22' },
        });
      const wrong = await change('not it');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
      expect((await change(PASSWORD)).statusCode).toBe(204);
      expect((await me(other)).statusCode).toBe(401);
      expect((await me(dee.token)).statusCode).toBe(200);
      expect((await login(dee.phone)).statusCode).toBe(401);
      expect((await login(dee.phone, 'new secret 22')).statusCode).toBe(200);
    });

    it('limits sign-in attempts per client and identifier (429 RATE_LIMITED)', async () => {
      const eve = await register();
      for (let attempt = 1; attempt <= 10; attempt++)
        expect((await login(eve.phone, 'guess guess')).statusCode).toBe(401);
      const limited = await login(eve.phone);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toEqual({ code: 'RATE_LIMITED', message: expect.any(String), details: {} });
      expect((await login(nextPhone())).statusCode).toBe(401);
    });

    it('keeps members to their own data and admin routes to admins', async () => {
      const fay = await register();
      expect((await me()).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect((await me('A'.repeat(43))).statusCode).toBe(401);
      expect((await t.call('GET', '/api/admin/members', { token: fay.token })).statusCode).toBe(403);
      const staffBody = {
        email: `shop.${dialect}@example.com`,
        password: PASSWORD,
        role: 'admin',
        displayName: 'Ops',
      };
      expect(
        (await t.call('POST', '/api/admin/staff', { token: fay.token, body: staffBody })).statusCode,
      ).toBe(403);
      expect((await me(fay.token)).json().id).toBe(fay.id);
      const referrals = await t.call('GET', '/api/me/referrals', { token: fay.token });
      expect(referrals.json()).toEqual({ items: [], nextCursor: null });

      const listed = await t.call('GET', `/api/admin/members?role=consumer&q=${fay.phone.slice(-4)}`, {
        token: admin.token,
      });
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json().items.map((m: { id: string }) => m.id)).toEqual([fay.id]);
      expect(listed.body).not.toContain('scrypt$');
      const noMerchant = await t.call('POST', '/api/admin/staff', {
        token: admin.token,
        body: { ...staffBody, role: 'merchant' },
      });
      expect(noMerchant.json().code).toBe('BAD_REQUEST');
      const created = await t.call('POST', '/api/admin/staff', { token: admin.token, body: staffBody });
      expect(created.statusCode, created.body).toBe(201);
      const opsToken = (await login(staffBody.email)).json().token as string;
      expect((await t.call('GET', '/api/me/referrals', { token: opsToken })).statusCode).toBe(403);
      expect(
        (await t.call('GET', '/api/admin/members?q=ops', { token: opsToken })).json().items,
      ).toHaveLength(1);
    });

    it('ends sessions after 30 days', async () => {
      const gus = await register();
      t.clock.advance(31 * 24 * 60 * 60 * 1000);
      expect((await me(gus.token)).statusCode).toBe(401);
      expect((await login(gus.phone)).statusCode).toBe(200);
    });
  });
}
