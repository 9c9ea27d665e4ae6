/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) for what the journal hashes and exports: plain objects,
 * arrays, strings, booleans, null and safe integers. The journal writes its numbers as strings, so the
 * number form is only ever an integer; anything else here is a bug and throws instead of hashing.
 */

/** Objects and arrays nest at most this deep; entries need 4, and a cycle must not overflow the stack. */
export const CANONICAL_DEPTH_MAX = 64;

/**
 * The JCS text of `value`: members sorted by the UTF-16 code units of their names (RFC 8785 §3.2.3), no
 * whitespace, strings escaped as ECMAScript's JSON.stringify does, integers in plain decimal.
 * @throws TypeError for undefined, a bigint, a function or symbol, a number that is not a safe integer,
 *   a lone surrogate, an object whose prototype is not Object.prototype or null (a Map, a Date), or
 *   nesting beyond CANONICAL_DEPTH_MAX.
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`canonicalJson: ${value} is not a safe integer`);
      // RFC 8785 numbers are ECMAScript's Number-to-String: plain decimal here, and -0 becomes 0.
      return String(value);
    case 'object':
      if (value === null) return 'null';
      if (depth >= CANONICAL_DEPTH_MAX) {
        throw new TypeError(`canonicalJson: nesting deeper than ${CANONICAL_DEPTH_MAX} (a cycle?)`);
      }
      return Array.isArray(value) ? writeArray(value, depth + 1) : writeObject(value, depth + 1);
    default:
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
  }
}

function writeArray(items: readonly unknown[], depth: number): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    out += write(items[i], depth);
  }
  return `${out}]`;
}

function writeObject(object: object, depth: number): string {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError('canonicalJson: only plain objects, arrays and primitives can be serialised');
  }
  const record = object as Readonly<Record<string, unknown>>;
  const names = sortNames(Object.keys(record));
  let out = '{';
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (i > 0) out += ',';
    out += quote(name);
    out += ':';
    out += write(record[name], depth);
  }
  return `${out}}`;
}

/** Below this many members an insertion sort beats Array.prototype.sort, whose comparator calls cost more. */
const INSERTION_SORT_NAMES_MAX = 16;

/**
 * Sorts names by UTF-16 code units, the order RFC 8785 prescribes; `<` on strings and the default sort
 * both compare code units. Entries have a handful of members, so the insertion sort is the usual path.
 */
function sortNames(names: string[]): string[] {
  if (names.length > INSERTION_SORT_NAMES_MAX) return names.sort();
  for (let i = 1; i < names.length; i++) {
    const name = names[i]!;
    let j = i - 1;
    for (; j >= 0 && names[j]! > name; j--) names[j + 1] = names[j]!;
    names[j + 1] = name;
  }
  return names;
}

/** What JSON.stringify would escape, plus surrogates, which may be lone; other strings need no work. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls are what JSON must escape.
const NEEDS_ESCAPE_CHECK = /[\u0000-\u001f"\\\ud800-\udfff]/;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * JSON.stringify's string form is RFC 8785's for well-formed strings: it escapes `"`, `\`, \b \f \n \r
 * \t, other controls below U+0020 as lowercase \u00xx, and nothing else. It writes a lone surrogate as
 * `\udxxx`, which RFC 8785 forbids, so only then is the slower exact check run.
 */
function quote(text: string): string {
  if (!NEEDS_ESCAPE_CHECK.test(text)) return `"${text}"`;
  const quoted = JSON.stringify(text);
  if (quoted.includes('\\ud') && LONE_SURROGATE.test(text)) {
    throw new TypeError('canonicalJson: a string holds a lone surrogate');
  }
  return quoted;
}
