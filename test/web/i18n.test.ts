import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { zh } from '../../web/src/i18n/zh.js';

// Issue 12: Chinese and English cover the same texts, so switching language never shows a raw key.
describe('web i18n dictionaries', () => {
  it('zh and en have exactly the same keys', () => {
    const zhKeys = Object.keys(zh).sort();
    const enKeys = Object.keys(en).sort();
    expect(enKeys.filter((key) => !(key in zh))).toEqual([]);
    expect(zhKeys.filter((key) => !(key in en))).toEqual([]);
    expect(enKeys).toEqual(zhKeys);
  });

  it('no text is empty', () => {
    for (const dictionary of [zh, en]) {
      const empty = Object.entries(dictionary).filter(([, text]) => text.trim() === '');
      expect(empty).toEqual([]);
    }
  });

  it('a text uses the same {placeholders} in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(zh[key])]);
    }
  });
});
