import type { Settings } from '../config.js';
import { Ledger } from '../ledger/index.js';
import { randomText } from './ids.js';
import { type Clock, Mall, type MallSettings, systemClock } from './mall.js';

/**
 * Opens the store, migrates it, loads the economy and returns the mall. The gateway secret comes from
 * TOKENMALL_GATEWAY_SECRET, or is generated once and kept in the store (so every node shares it).
 */
export async function openMall(
  settings: Pick<Settings, 'databaseUrl' | 'autoCancelMinutes' | 'autoCompleteDays' | 'gatewaySecret'>,
  clock: Clock = systemClock,
): Promise<Mall> {
  const ledger = await Ledger.open(settings.databaseUrl);
  try {
    const provisional = new Mall(ledger, mallSettings(settings, ''), clock);
    const gatewaySecret = settings.gatewaySecret ?? (await storedSecret(provisional));
    return new Mall(ledger, mallSettings(settings, gatewaySecret), clock);
  } catch (error) {
    await ledger.close();
    throw error;
  }
}

function mallSettings(
  settings: Pick<Settings, 'autoCancelMinutes' | 'autoCompleteDays'>,
  gatewaySecret: string,
): MallSettings {
  return {
    autoCancelMinutes: settings.autoCancelMinutes,
    autoCompleteDays: settings.autoCompleteDays,
    gatewaySecret,
    gatewayToleranceSeconds: 300,
  };
}

async function storedSecret(mall: Mall): Promise<string> {
  return mall.write(async (tx) => {
    const row = await tx.db
      .selectFrom('store_settings')
      .select('value')
      .where('name', '=', 'gateway_secret')
      .executeTakeFirst();
    if (row !== undefined) return row.value;
    const value = `gw_${randomText(32)}`;
    await tx.db.insertInto('store_settings').values({ name: 'gateway_secret', value }).execute();
    return value;
  });
}
