/** The admin pages' texts: zh (default) and en must have the same keys (test/web/i18n.test.ts). */
export const adminZh = {} as const;

export const adminEn: Record<keyof typeof adminZh, string> = {};
