import { describe, expect, it } from 'vitest';
import { maskId, maskPhone, parseIdentity } from './identity.js';
import { hashPassword, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('hashes with scrypt and a random salt, and verifies only the same password', async () => {
    const first = await hashPassword('correct horse');
    const second = await hashPassword('correct horse');
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse', first)).toBe(true);
    expect(await verifyPassword('correct horsE', first)).toBe(false);
    expect(await verifyPassword('x'.repeat(129), first)).toBe(false);
  });

  it('enforces 8..128 characters and refuses damaged hashes', async () => {
    await expect(hashPassword('seven77')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(hashPassword('x'.repeat(129))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(hashPassword('口'.repeat(128))).resolves.toMatch(/^scrypt\$/);
    await expect(verifyPassword('whatever1', 'md5$abc')).rejects.toThrow(/format/);
    await expect(
      verifyPassword('whatever1', 'scrypt$1073741824$8$1$c2FsdA==$a2V5a2V5a2V5a2V5a2V5'),
    ).rejects.toThrow(/cost/);
  });
});

describe('identity', () => {
  it('takes exactly one of phone or email, e-mail lowercased', () => {
    expect(parseIdentity({ email: ' Ann@Example.COM ' })).toEqual({ email: 'ann@example.com' });
    expect(parseIdentity({ phone: '13812345678' })).toEqual({ phone: '13812345678' });
    expect(() => parseIdentity({})).toThrow(/exactly one/);
    expect(() => parseIdentity({ phone: '13812345678', email: 'a@b.cn' })).toThrow(/exactly one/);
    expect(() => parseIdentity({ phone: '12812345678' })).toThrow(/mobile/);
  });

  it('masks phones and ids', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskId('m0abcdefghjkmnpqrstvw')).toBe('m0a****stvw');
  });
});
