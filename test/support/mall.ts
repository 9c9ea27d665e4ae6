// HTTP tests: a fresh store (SQLite file or PostgreSQL database), the mall on it, and the app answering
// through Fastify's inject (no port). Every feature test loops over DIALECTS, as Kysely's tests do.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect, inject } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { verifyJournal } from '../../src/ledger/index.js';
import type { Clock, Mall } from '../../src/mall/mall.js';
import { type MallOpenSettings, openMall } from '../../src/mall/open.js';
import { createTestDatabase } from './postgres.js';

export { DIALECTS, type Dialect } from './journal.js';

import type { Dialect } from './journal.js';

/** A clock a test moves by hand (auto-cancel, auto-complete). */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-03-01T02:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
}

export const GATEWAY_SECRET = 'gw_test_secret_do_not_use';

export interface TestMall {
  readonly dialect: Dialect;
  readonly url: string;
  readonly mall: Mall;
  readonly app: FastifyInstance;
  readonly clock: TestClock;
  /** A request through the app; `token` adds the bearer header, `key` the Idempotency-Key. */
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options?: { token?: string; key?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
  /** Checks that the journal verifies from genesis (as `tokenmall verify` does), then closes. */
  closeVerified(): Promise<void>;
}

/** What `account` holds of `asset` (fen unless said), as the ledger derives it from the journal. */
export function balance(t: TestMall, account: string, asset = 'fen'): bigint {
  return t.mall.ledger.state.balances.get(account, asset);
}

/** A database URL for a new, empty store of `dialect`. */
export async function newStoreUrl(dialect: Dialect): Promise<string> {
  if (dialect === 'sqlite')
    return `sqlite:${join(mkdtempSync(join(tmpdir(), 'tokenmall-http-')), 'store.db')}`;
  return createTestDatabase(inject('pgAdminUrl'));
}

/** A mall on a fresh store (no demo data), with a test clock and a known gateway secret. */
export async function startTestMall(
  dialect: Dialect,
  options: {
    autoCancelMinutes?: number;
    autoCompleteDays?: number;
    url?: string;
    /** Any other mall setting (timezone, dividend time, withdrawal limits, levels, payout schedule). */
    settings?: Partial<MallOpenSettings>;
    /** Share one clock between two malls on one store (a second node, a restart). */
    clock?: TestClock;
  } = {},
): Promise<TestMall> {
  const url = options.url ?? (await newStoreUrl(dialect));
  const clock = options.clock ?? new TestClock();
  const mall = await openMall(
    {
      ...options.settings,
      databaseUrl: url,
      autoCancelMinutes: options.autoCancelMinutes ?? 30,
      autoCompleteDays: options.autoCompleteDays ?? 7,
      gatewaySecret: GATEWAY_SECRET,
    },
    clock,
  );
  const app = await buildApp(mall);
  await app.ready();
  return {
    dialect,
    url,
    mall,
    app,
    clock,
    call: (method, path, { token, key, body, headers = {} } = {}) =>
      app.inject({
        method,
        url: path,
        headers: {
          ...headers,
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...(key === undefined ? {} : { 'idempotency-key': key }),
        },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    close: async () => {
      await app.close();
      await mall.ledger.close();
    },
    closeVerified: async () => {
      const result = await verifyJournal(mall.ledger.store);
      const text = JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      expect(result.ok, text).toBe(true);
      await app.close();
      await mall.ledger.close();
    },
  };
}
