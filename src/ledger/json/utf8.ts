/**
 * Strict UTF-8 for journal lines (RFC 3629): no overlong forms, no encoded surrogates, nothing above
 * U+10FFFF. The native decoder does the work; the byte scanner runs only on failure, to say where.
 */

// ignoreBOM keeps a leading U+FEFF in the text, so the JSON parser refuses it instead of it vanishing.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of `bytes`, or the byte offset of the first invalid sequence. */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; offset: number } {
  try {
    return { ok: true, text: strictDecoder.decode(bytes) };
  } catch {
    const offset = invalidUtf8Offset(bytes);
    // The decoder and the scanner implement the same RFC; disagreeing would be a bug in one of them.
    if (offset < 0) throw new Error('TextDecoder refused bytes that are valid UTF-8');
    return { ok: false, offset };
  }
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence, or -1 if all do. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const width = sequenceWidth(lead);
    if (width === 0 || i + width > bytes.length) return i;
    let codePoint = lead & (0xff >> (width + 1));
    for (let k = 1; k < width; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < MIN_CODE_POINT_BY_WIDTH[width]!) return i;
    if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += width;
  }
  return -1;
}

/** Smallest code point each width may encode; anything below is an overlong form. */
const MIN_CODE_POINT_BY_WIDTH = [0, 0, 0x80, 0x800, 0x10000] as const;

function sequenceWidth(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** How many bytes the UTF-8 encoding of text[0, index) takes; text is well-formed or has lone halves. */
export function utf8Length(text: string, index: number): number {
  let bytes = 0;
  for (let i = 0; i < index; i++) {
    const unit = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 are counted for each half.
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff)) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}
