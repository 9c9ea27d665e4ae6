/**
 * A strict reader for journal lines: RFC 8259 JSON restricted to I-JSON (RFC 7493) — valid UTF-8, no
 * repeated member names, no lone surrogates — that keeps each number's source text, since `5000`,
 * `5000.0` and `5e3` are different commands to the journal and JSON.parse cannot tell them apart.
 */
import { type JsonNumber, type JsonObject, JsonSyntaxError, type JsonValue, Parser } from './parser.js';
import { decodeUtf8, utf8Length } from './utf8.js';
import { isValidKey } from './validators.js';

export {
  JSON_DEPTH_MAX,
  type JsonErrorKind,
  type JsonNumber,
  type JsonObject,
  JsonSyntaxError,
  type JsonValue,
} from './parser.js';
export { isValidId, isValidKey, safeIntegerFromNumberText } from './validators.js';

export function isJsonObject(value: JsonValue): value is JsonObject {
  return value instanceof Map;
}

export function isJsonNumber(value: JsonValue): value is JsonNumber {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);
}

/**
 * Parses one I-JSON text. Bytes must be UTF-8 (a BOM is refused); a string must be well-formed UTF-16.
 * JSON whitespace (space, tab, CR, LF) may surround the value, so a CRLF line's `\r` is accepted.
 * @throws JsonSyntaxError for invalid UTF-8, any JSON syntax error, nesting beyond JSON_DEPTH_MAX, a
 *   repeated member name in any object, or a lone surrogate (raw or as a `\uD800` escape).
 */
export function parseIJson(input: Uint8Array | string): JsonValue {
  const text = typeof input === 'string' ? input : decodeOrThrow(input);
  if (typeof input === 'string') {
    const lone = input.search(/\p{Cs}/u);
    if (lone >= 0) {
      throw new JsonSyntaxError('lone-surrogate', 'the text holds a lone surrogate', utf8Length(input, lone));
    }
  }
  return new Parser(text, true).parseDocument();
}

function decodeOrThrow(bytes: Uint8Array): string {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) throw new JsonSyntaxError('utf8', 'the line is not UTF-8', decoded.offset);
  return decoded.text;
}

export type CommandLineParse =
  | { ok: true; value: JsonObject; key: string }
  | { ok: false; reason: string; key: string | undefined };

export const KEY_RULE =
  'a line must be a JSON object with one "key" of 1..200 characters, no whitespace or control characters, not "-"';

/**
 * Reads one journal line for `apply`, in the order the journal vectors fix: invalid UTF-8 or JSON
 * syntax (key unknown), then a top-level object with exactly one `key` member holding a valid key
 * (else key unknown), then the I-JSON rules (repeated names, lone surrogates) anywhere, which are
 * refused under the recovered key. `ok` means a well-formed object with a valid key; the command's
 * fields are the caller's to check. A rejected line prints `key ?? '-'`.
 */
export function parseCommandLine(bytes: Uint8Array): CommandLineParse {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return { ok: false, reason: `the line is not UTF-8 (byte ${decoded.offset})`, key: undefined };
  }
  // Lenient about the I-JSON rules so a repeated `amount` still yields the key to answer under.
  const parser = new Parser(decoded.text, false);
  let value: JsonValue;
  try {
    value = parser.parseDocument();
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false, reason: `not JSON: ${error.message} at byte ${error.offset}`, key: undefined };
  }
  if (!isJsonObject(value) || parser.topLevelKeyMembers !== 1) {
    return { ok: false, reason: KEY_RULE, key: undefined };
  }
  const key = value.get('key');
  if (typeof key !== 'string' || !isValidKey(key)) return { ok: false, reason: KEY_RULE, key: undefined };
  if (parser.violation !== undefined) return { ok: false, reason: parser.violation.message, key };
  return { ok: true, value, key };
}
