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
}

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
  };
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
