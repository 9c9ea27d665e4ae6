import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en } from './en';
import { zh } from './zh';

/**
 * Chinese by default, English on request; the choice is kept in localStorage. Add a text by adding
 * its key to zh.ts and en.ts (test/web/i18n.test.ts checks that both have the same keys).
 */
export type MessageKey = keyof typeof zh;
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

// Typed here so that a key missing from en.ts fails the typecheck, not only the test.
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };
const STORAGE_KEY = 'tokenmall.lang';

/** Values for `{name}` placeholders in a text. */
export type MessageVars = Record<string, string | number>;

interface I18nValue {
  readonly lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: MessageVars): string;
}

const I18nContext = createContext<I18nValue | null>(null);

function savedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Replaces `{name}` with vars.name; an unknown placeholder stays as it is, so it shows in review. */
export function interpolate(text: string, vars: MessageVars | undefined): string {
  if (vars === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(savedLang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }, []);
  const t = useCallback(
    // A key built at run time that is missing shows as the key itself rather than crashing the page.
    (key: MessageKey, vars?: MessageVars) => interpolate(dictionaries[lang][key] ?? key, vars),
    [lang],
  );
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** `const { t, lang, setLang } = useI18n();` then `t('nav.home')`. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** Just the translate function: `const t = useT();`. */
export function useT(): I18nValue['t'] {
  return useI18n().t;
}
