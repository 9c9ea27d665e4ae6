/** CONTRACTS.md "Settings": environment variables with their defaults. */
export interface Settings {
  readonly databaseUrl: string;
  readonly port: number;
  readonly host: string;
  readonly timezone: string;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const portText = env.TOKENMALL_PORT ?? '3000';
  const port = Number(portText);
  if (!/^[0-9]+$/.test(portText) || port > 65535)
    throw new Error(`TOKENMALL_PORT must be 0..65535, got ${portText}`);
  return {
    databaseUrl: env.TOKENMALL_DATABASE_URL ?? 'sqlite:./data/tokenmall.db',
    port,
    host: env.TOKENMALL_HOST ?? '127.0.0.1',
    timezone: env.TOKENMALL_TIMEZONE ?? 'Asia/Shanghai',
  };
}
