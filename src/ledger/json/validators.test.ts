import { describe, expect, it } from 'vitest';
import { isValidId, isValidKey, safeIntegerFromNumberText } from './validators.js';

// Unicode White_Space and Cc characters the journal vectors use, beyond plain space and tab.
const FORBIDDEN = [' ', '\t', '\n', '\u00a0', '\u1680', '\u2007', '\u2028', '\u3000', '\u0085'];
const CONTROLS = ['\u0000', '\u0007', '\u001f', '\u007f', '\u0080', '\u009f'];

describe('isValidKey', () => {
  it('takes 1..200 code points, counting a surrogate pair as one', () => {
    expect(isValidKey('k')).toBe(true);
    expect(isValidKey('k'.repeat(200))).toBe(true);
    expect(isValidKey('k'.repeat(201))).toBe(false);
    expect(isValidKey('😀'.repeat(200))).toBe(true);
    expect(isValidKey('😀'.repeat(201))).toBe(false);
    expect(isValidKey(`${'😀'.repeat(199)}kk`)).toBe(false);
    expect(isValidKey('')).toBe(false);
  });

  it('refuses "-", whitespace, control characters and lone surrogates', () => {
    expect(isValidKey('-')).toBe(false);
    expect(isValidKey('--')).toBe(true);
    for (const c of [...FORBIDDEN, ...CONTROLS, '\ud800', '\udc00'])
      expect(isValidKey(`a${c}b`), c).toBe(false);
    expect(isValidKey('a:b\ufeffＡ')).toBe(true);
  });
});

describe('isValidId', () => {
  it('takes 1..64 code points without ":", whitespace or controls, and not "world"', () => {
    expect(isValidId('a'.repeat(64))).toBe(true);
    expect(isValidId('a'.repeat(65))).toBe(false);
    expect(isValidId('😀'.repeat(64))).toBe(true);
    expect(isValidId('😀'.repeat(65))).toBe(false);
    expect(isValidId('')).toBe(false);
    expect(isValidId('world')).toBe(false);
    expect(isValidId('World')).toBe(true);
    expect(isValidId('a:b')).toBe(false);
    for (const c of [...FORBIDDEN, ...CONTROLS, '\ud800']) expect(isValidId(`a${c}b`), c).toBe(false);
  });
});

describe('safeIntegerFromNumberText', () => {
  it.each([
    ['0', 0n],
    ['-0', 0n],
    ['5000', 5000n],
    ['-5', -5n],
    ['9007199254740991', 9007199254740991n],
    ['-9007199254740991', -9007199254740991n],
  ])('reads %s', (text, value) => {
    expect(safeIntegerFromNumberText(text)).toBe(value);
  });

  it.each([
    '9007199254740992',
    '-9007199254740992',
    '99999999999999999999',
    '5000.0',
    '5e3',
    '5E3',
    '1e400',
    '-0.0',
    '01',
    '+1',
    '',
    '-',
    ' 1',
  ])('refuses %j', (text) => {
    expect(safeIntegerFromNumberText(text)).toBeUndefined();
  });
});
