import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, apiGet, apiPost, getToken, setToken } from './api';
import type { Member } from './types';

/**
 * The signed-in member (GET /api/me) and the session's life: login, register (with the referral code
 * of the link the visitor came by), logout. The bearer token lives in localStorage (api.ts).
 */
const REF_KEY = 'tokenmall.ref';

export interface RegisterInput {
  readonly identifier: string;
  readonly password: string;
  readonly displayName?: string;
  readonly referralCode?: string;
}

interface AuthValue {
  /** undefined while the first /api/me is in flight; null when nobody is signed in. */
  readonly member: Member | null | undefined;
  login(identifier: string, password: string): Promise<Member>;
  register(input: RegisterInput): Promise<Member>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

/** A `?ref=CODE` on arrival (a referral link /r/CODE redirects there) is kept for registration. */
export function rememberReferral(search: string): void {
  const code = new URLSearchParams(search).get('ref');
  if (code !== null && /^[A-Za-z0-9]{1,32}$/.test(code)) localStorage.setItem(REF_KEY, code);
}

export function rememberedReferral(): string {
  return localStorage.getItem(REF_KEY) ?? '';
}

/** A phone (mainland mobile) or an e-mail, as the API wants exactly one of them. */
export function identifierBody(identifier: string): { phone: string } | { email: string } {
  const trimmed = identifier.trim();
  return trimmed.includes('@') ? { email: trimmed } : { phone: trimmed };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [member, setMember] = useState<Member | null | undefined>(getToken() === null ? null : undefined);

  const refresh = useCallback(async () => {
    if (getToken() === null) return setMember(null);
    try {
      setMember(await apiGet<Member>('/api/me'));
    } catch (error) {
      // An expired or revoked session: forget it. Other failures keep the token for a later try.
      if (error instanceof ApiError && error.status === 401) setToken(null);
      setMember(null);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(async (identifier: string, password: string) => {
    const result = await apiPost<{ token: string; member: Member }>('/api/auth/login', {
      identifier: identifier.trim(),
      password,
    });
    setToken(result.token);
    setMember(result.member);
    return result.member;
  }, []);

  const register = useCallback(async (input: RegisterInput) => {
    const result = await apiPost<{ token: string; member: Member }>('/api/auth/register', {
      ...identifierBody(input.identifier),
      password: input.password,
      ...(input.displayName ? { displayName: input.displayName } : {}),
      ...(input.referralCode ? { referralCode: input.referralCode.trim() } : {}),
    });
    setToken(result.token);
    setMember(result.member);
    localStorage.removeItem(REF_KEY);
    return result.member;
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiPost<void>('/api/auth/logout');
    } catch {
      // The session may already be gone; signing out locally is what the member asked for.
    }
    setToken(null);
    setMember(null);
  }, []);

  const value = useMemo(
    () => ({ member, login, register, logout, refresh }),
    [member, login, register, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error('useAuth outside AuthProvider');
  return value;
}
