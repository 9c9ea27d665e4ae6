/**
 * The recursive-descent core of the I-JSON reader (see ijson.ts): the value types, the error, and a
 * parser that either throws on an I-JSON violation or records it and reads on.
 */
import { utf8Length } from './utf8.js';

/** A JSON number as written; `text` matches `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`. */
export interface JsonNumber {
  readonly kind: 'number';
  readonly text: string;
}
/** Members in the order the line gives them; a Map, so names like `__proto__` are plain data. */
export type JsonObject = Map<string, JsonValue>;
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;

export type JsonErrorKind = 'utf8' | 'syntax' | 'depth' | 'duplicate-name' | 'lone-surrogate';

/** Why a line is not I-JSON; `offset` counts bytes of the line's UTF-8. */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    readonly kind: JsonErrorKind,
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Containers nest at most this deep; the journal's commands need 2. */
export const JSON_DEPTH_MAX = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

/** A recursive-descent parser over decoded text; positions are UTF-16 indexes until reported. */
export class Parser {
  private pos = 0;
  /** The first I-JSON violation seen when not strict; the parse goes on so the key can be found. */
  violation: JsonSyntaxError | undefined;
  /** How many members named `key` the top-level object has: a repeated key leaves the line keyless. */
  topLevelKeyMembers = 0;

  constructor(
    private readonly text: string,
    private readonly strict: boolean,
  ) {}

  parseDocument(): JsonValue {
    this.skipWhitespace();
    const value = this.parseValue(0);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('syntax', 'unexpected data after the JSON value');
    return value;
  }

  private parseValue(depth: number): JsonValue {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === QUOTE) return this.parseString();
    if (c === 0x7b) return this.parseObject(depth + 1);
    if (c === 0x5b) return this.parseArray(depth + 1);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.parseNumber();
    if (text.startsWith('true', this.pos)) return this.skipLiteral(4, true);
    if (text.startsWith('false', this.pos)) return this.skipLiteral(5, false);
    if (text.startsWith('null', this.pos)) return this.skipLiteral(4, null);
    return this.failNotJson();
  }

  private skipLiteral(length: number, value: boolean | null): boolean | null {
    this.pos += length;
    return value;
  }

  private parseObject(depth: number): JsonObject {
    if (depth > JSON_DEPTH_MAX) this.fail('depth', `objects and arrays nest deeper than ${JSON_DEPTH_MAX}`);
    const members: JsonObject = new Map();
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return members;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== QUOTE) this.fail('syntax', 'expected a member name in quotes');
      const nameAt = this.pos;
      const name = this.parseString();
      this.skipWhitespace();
      this.expect(0x3a, "expected ':' after a member name");
      this.skipWhitespace();
      const value = this.parseValue(depth);
      if (depth === 1 && name === 'key') this.topLevelKeyMembers++;
      if (members.has(name)) {
        this.violate('duplicate-name', `member name '${name}' appears twice`, nameAt);
      } else {
        members.set(name, value);
      }
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) === 0x7d) {
        this.pos++;
        return members;
      }
      this.expect(0x2c, "expected ',' or '}' after a member");
      this.skipWhitespace();
    }
  }

  private parseArray(depth: number): JsonValue[] {
    if (depth > JSON_DEPTH_MAX) this.fail('depth', `objects and arrays nest deeper than ${JSON_DEPTH_MAX}`);
    const items: JsonValue[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.parseValue(depth));
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) === 0x5d) {
        this.pos++;
        return items;
      }
      this.expect(0x2c, "expected ',' or ']' after an item");
      this.skipWhitespace();
    }
  }

  /** Reads a string whose opening quote is at pos; unescaped runs are sliced, not copied unit by unit. */
  private parseString(): string {
    const text = this.text;
    let out = '';
    let runStart = ++this.pos;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === QUOTE) {
        out += text.slice(runStart, this.pos++);
        return out;
      }
      if (c === BACKSLASH) {
        out += text.slice(runStart, this.pos);
        out += this.parseEscape();
        runStart = this.pos;
      } else if (c < 0x20) {
        this.fail('syntax', 'a string holds a raw control character (U+0000..U+001F)');
      } else if (Number.isNaN(c)) {
        this.fail('syntax', 'unterminated string');
      } else {
        this.pos++;
      }
    }
  }

  /** Reads the escape at pos (a backslash); a `\uD83D\uDE00` pair is read whole. */
  private parseEscape(): string {
    const escapeAt = this.pos;
    const letter = this.text.charAt(this.pos + 1);
    this.pos += 2;
    if (letter !== 'u') {
      const simple = SIMPLE_ESCAPES.get(letter);
      if (simple === undefined) this.fail('syntax', 'invalid escape in a string', escapeAt);
      return simple;
    }
    const unit = this.readHex4();
    if (unit >= 0xd800 && unit <= 0xdbff && this.text.startsWith('\\u', this.pos)) {
      const save = this.pos;
      this.pos += 2;
      const low = this.readHex4();
      if (low >= 0xdc00 && low <= 0xdfff) return String.fromCharCode(unit, low);
      this.pos = save;
    }
    if (unit >= 0xd800 && unit <= 0xdfff) {
      this.violate('lone-surrogate', 'a string holds a lone surrogate escape', escapeAt);
    }
    return String.fromCharCode(unit);
  }

  private readHex4(): number {
    const digits = this.text.slice(this.pos, this.pos + 4);
    if (!/^[0-9A-Fa-f]{4}$/.test(digits)) this.fail('syntax', '\\u must be followed by 4 hex digits');
    this.pos += 4;
    return Number.parseInt(digits, 16);
  }

  private parseNumber(): JsonNumber {
    const start = this.pos;
    if (this.text.charCodeAt(this.pos) === 0x2d) this.pos++;
    if (this.text.charCodeAt(this.pos) === 0x30) this.pos++;
    else if (this.skipDigits() === 0) this.failNotJson(start);
    if (this.text.charCodeAt(this.pos) === 0x2e) {
      this.pos++;
      if (this.skipDigits() === 0) this.fail('syntax', 'expected a digit after the decimal point');
    }
    const e = this.text.charCodeAt(this.pos);
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      const sign = this.text.charCodeAt(this.pos);
      if (sign === 0x2b || sign === 0x2d) this.pos++;
      if (this.skipDigits() === 0) this.fail('syntax', 'expected a digit in the exponent');
    }
    return { kind: 'number', text: this.text.slice(start, this.pos) };
  }

  private skipDigits(): number {
    const start = this.pos;
    for (let c = this.text.charCodeAt(this.pos); c >= 0x30 && c <= 0x39; c = this.text.charCodeAt(this.pos)) {
      this.pos++;
    }
    return this.pos - start;
  }

  private skipWhitespace(): void {
    for (let c = this.text.charCodeAt(this.pos); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; ) {
      c = this.text.charCodeAt(++this.pos);
    }
  }

  private expect(unit: number, message: string): void {
    if (this.text.charCodeAt(this.pos) !== unit) this.fail('syntax', message);
    this.pos++;
  }

  /** Names the offending word, so `NaN`, `Infinity` and `-Infinity` say what they are. */
  private failNotJson(at = this.pos): never {
    const word = /^-?[A-Za-z_]+/.exec(this.text.slice(at, at + 32))?.[0];
    if (word !== undefined) this.fail('syntax', `${word} is not JSON`, at);
    if (at >= this.text.length) this.fail('syntax', 'expected a value, found the end of the line', at);
    return this.fail('syntax', 'expected a JSON value', at);
  }

  private violate(kind: JsonErrorKind, message: string, at: number): void {
    if (this.strict) this.fail(kind, message, at);
    this.violation ??= new JsonSyntaxError(kind, message, utf8Length(this.text, at));
  }

  private fail(kind: JsonErrorKind, message: string, at = this.pos): never {
    throw new JsonSyntaxError(kind, message, utf8Length(this.text, at));
  }
}
