/** The wallet pages' texts: zh (default) and en must have the same keys (test/web/i18n.test.ts). */
export const walletZh = {} as const;

export const walletEn: Record<keyof typeof walletZh, string> = {};
