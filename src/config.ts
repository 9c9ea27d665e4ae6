/** CONTRACTS.md "Settings" (environment variables with their defaults), plus the mall's own (docs/mall.md). */
export interface Settings {
  readonly databaseUrl: string;
  readonly port: number;
  readonly host: string;
  readonly timezone: string;
  /** Minutes before an unpaid order is cancelled (TOKENMALL_AUTO_CANCEL_MINUTES, default 30). */
  readonly autoCancelMinutes: number;
  /** Days after delivery before an order completes by itself (TOKENMALL_AUTO_COMPLETE_DAYS, default 7). */
  readonly autoCompleteDays: number;
  /** The payment gateway's shared secret (TOKENMALL_GATEWAY_SECRET); generated and stored when unset. */
  readonly gatewaySecret: string | undefined;
  /** Seed the demo wine shop into an empty store (TOKENMALL_DEMO, default on; `0` turns it off). */
  readonly demo: boolean;
  /**
   * Local time of the daily dividend run in `timezone`, `HH:MM` (TOKENMALL_DIVIDEND_TIME, default 00:05),
   * or `off`: no schedule, an admin runs each day's dividends by hand.
   */
  readonly dividendTime: string;
  /** Smallest withdrawal in fen (TOKENMALL_WITHDRAW_MIN_FEN, default 1000 = 10 yuan). */
  readonly withdrawMinFen: bigint;
  /** Largest single withdrawal in fen (TOKENMALL_WITHDRAW_MAX_FEN, default 5,000,000). */
  readonly withdrawMaxFen: bigint;
  /** Most one account may request in one local day, in fen (TOKENMALL_WITHDRAW_DAILY_MAX_FEN, default 10,000,000). */
  readonly withdrawDailyMaxFen: bigint;
  /**
   * Levels by points held: `name/英文名:minPoints,...` in whole points, ascending
   * (TOKENMALL_LEVELS, default `普通会员/Member:0,银卡会员/Silver:100,金卡会员/Gold:1000,钻石会员/Diamond:10000`).
   */
  readonly levels: string;
  /** Merchant payouts requested by themselves on a schedule: `off`, `daily` or `weekly` (TOKENMALL_PAYOUT_SCHEDULE, default weekly). */
  readonly payoutSchedule: 'off' | 'daily' | 'weekly';
}

export const DEFAULT_LEVELS =
  '普通会员/Member:0,银卡会员/Silver:100,金卡会员/Gold:1000,钻石会员/Diamond:10000';

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    databaseUrl: env.TOKENMALL_DATABASE_URL ?? 'sqlite:./data/tokenmall.db',
    port: integerSetting(env, 'TOKENMALL_PORT', 3000, 0, 65535),
    host: env.TOKENMALL_HOST ?? '127.0.0.1',
    timezone: env.TOKENMALL_TIMEZONE ?? 'Asia/Shanghai',
    autoCancelMinutes: integerSetting(env, 'TOKENMALL_AUTO_CANCEL_MINUTES', 30, 1, 10_080),
    autoCompleteDays: integerSetting(env, 'TOKENMALL_AUTO_COMPLETE_DAYS', 7, 0, 365),
    gatewaySecret: env.TOKENMALL_GATEWAY_SECRET || undefined,
    demo: env.TOKENMALL_DEMO !== '0',
    dividendTime: timeSetting(env, 'TOKENMALL_DIVIDEND_TIME', '00:05'),
    withdrawMinFen: BigInt(
      integerSetting(env, 'TOKENMALL_WITHDRAW_MIN_FEN', 1000, 1, Number.MAX_SAFE_INTEGER),
    ),
    withdrawMaxFen: BigInt(
      integerSetting(env, 'TOKENMALL_WITHDRAW_MAX_FEN', 5_000_000, 1, Number.MAX_SAFE_INTEGER),
    ),
    withdrawDailyMaxFen: BigInt(
      integerSetting(env, 'TOKENMALL_WITHDRAW_DAILY_MAX_FEN', 10_000_000, 1, Number.MAX_SAFE_INTEGER),
    ),
    levels: env.TOKENMALL_LEVELS || DEFAULT_LEVELS,
    payoutSchedule: choiceSetting(
      env,
      'TOKENMALL_PAYOUT_SCHEDULE',
      ['off', 'daily', 'weekly'] as const,
      'weekly',
    ),
  };
}

function timeSetting(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (text === 'off') return text;
  if (!/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(text))
    throw new Error(`${name} must be HH:MM (00:00..23:59), got ${text}`);
  return text;
}

function choiceSetting<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!(choices as readonly string[]).includes(text))
    throw new Error(`${name} must be one of ${choices.join(', ')}, got ${text}`);
  return text as T;
}

function integerSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || value < min || value > max)
    throw new Error(`${name} must be an integer in ${min}..${max}, got ${text}`);
  return value;
}
