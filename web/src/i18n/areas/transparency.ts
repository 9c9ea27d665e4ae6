/** The transparency pages' texts: zh (default) and en must have the same keys (test/web/i18n.test.ts). */
export const transparencyZh = {} as const;

export const transparencyEn: Record<keyof typeof transparencyZh, string> = {};
