import { readSettings, type Settings } from '../config.js';
import { Ledger } from '../ledger/index.js';
import { randomText } from './ids.js';
import { type Clock, Mall, type MallSettings, systemClock } from './mall.js';

/**
 * Opens the store, migrates it, loads the economy and returns the mall. The gateway secret comes from
 * TOKENMALL_GATEWAY_SECRET, or is generated once and kept in the store (so every node shares it).
 */
export type MallOpenSettings = Pick<
  Settings,
  'databaseUrl' | 'autoCancelMinutes' | 'autoCompleteDays' | 'gatewaySecret'
> &
  Partial<
    Pick<
      Settings,
      | 'timezone'
      | 'dividendTime'
      | 'withdrawMinFen'
      | 'withdrawMaxFen'
      | 'withdrawDailyMaxFen'
      | 'levels'
      | 'payoutSchedule'
    >
  >;

/**
 * Opens the store, migrates it, loads the economy and returns the mall. The gateway secret comes from
 * TOKENMALL_GATEWAY_SECRET, or is generated once and kept in the store (so every node shares it); the
 * proof of liabilities' salt secret is always generated once and kept in the store.
 */
export async function openMall(settings: MallOpenSettings, clock: Clock = systemClock): Promise<Mall> {
  const ledger = await Ledger.open(settings.databaseUrl);
  try {
    const provisional = new Mall(ledger, mallSettings(settings, '', ''), clock);
    const gatewaySecret =
      settings.gatewaySecret ?? (await storedSecret(provisional, 'gateway_secret', 'gw_'));
    const proofSecret = await storedSecret(provisional, 'proof_secret', 'pf_');
    return new Mall(ledger, mallSettings(settings, gatewaySecret, proofSecret), clock);
  } catch (error) {
    await ledger.close();
    throw error;
  }
}

function mallSettings(settings: MallOpenSettings, gatewaySecret: string, proofSecret: string): MallSettings {
  const defaults = readSettings({});
  return {
    autoCancelMinutes: settings.autoCancelMinutes,
    autoCompleteDays: settings.autoCompleteDays,
    gatewaySecret,
    gatewayToleranceSeconds: 300,
    timezone: settings.timezone ?? defaults.timezone,
    dividendTime: settings.dividendTime ?? defaults.dividendTime,
    withdrawMinFen: settings.withdrawMinFen ?? defaults.withdrawMinFen,
    withdrawMaxFen: settings.withdrawMaxFen ?? defaults.withdrawMaxFen,
    withdrawDailyMaxFen: settings.withdrawDailyMaxFen ?? defaults.withdrawDailyMaxFen,
    levels: settings.levels ?? defaults.levels,
    payoutSchedule: settings.payoutSchedule ?? defaults.payoutSchedule,
    proofSecret,
  };
}

async function storedSecret(mall: Mall, name: string, prefix: string): Promise<string> {
  return mall.write(async (tx) => {
    const row = await tx.db
      .selectFrom('store_settings')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst();
    if (row !== undefined) return row.value;
    const value = `${prefix}${randomText(32)}`;
    await tx.db.insertInto('store_settings').values({ name, value }).execute();
    return value;
  });
}
