/** The merchant pages' texts: zh (default) and en must have the same keys (test/web/i18n.test.ts). */
export const merchantZh = {} as const;

export const merchantEn: Record<keyof typeof merchantZh, string> = {};
