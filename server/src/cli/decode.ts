/**
 * Turning a file's bytes into the text the service lints: binary detection, UTF-8 validation, BOM.
 */
import { READ_LIMITS, readBounded } from '../files/boundedRead';
import type { ReadOptions } from '../files/boundedRead';

export type DecodedFile =
  | { kind: 'binary' }
  | {
      kind: 'text';
      /** The text without a leading BOM (the service's offsets and the reported columns are relative to it). */
      text: string;
      /** Byte offset of the first invalid UTF-8 sequence (the text then has U+FFFD in its place). */
      invalidUtf8At?: number;
      bom: boolean;
    };

/** How many leading bytes are checked for NUL (as git and grep do). */
const BINARY_PROBE = 8192;

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

export function decodeFile(bytes: Uint8Array): DecodedFile {
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) return { kind: 'binary' };
  // TextDecoder drops a leading BOM by default; note it so callers can say so.
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { kind: 'text', text: strict.decode(bytes), bom };
  } catch {
    return { kind: 'text', text: lenient.decode(bytes), bom, invalidUtf8At: firstInvalidUtf8(bytes) };
  }
}

/**
 * Reads a workflow document (a regular file within the document size limit; throws FileReadError otherwise)
 * and decodes it as decodeFile does. Most files are valid UTF-8 without a NUL: one lenient decoding gives the
 * text. A NUL or a U+FFFD in it (binary, invalid UTF-8, or a real U+FFFD) sends the
 * bytes through decodeFile's checks instead.
 */
export function readTextFile(path: string, options: ReadOptions = {}): DecodedFile {
  const bytes = readBounded(path, READ_LIMITS.document, options);
  const text = bytes.toString('utf8');
  if (text.indexOf('\u0000') === -1 && text.indexOf('\ufffd') === -1) {
    const bom = text.charCodeAt(0) === 0xfeff;
    return { kind: 'text', text: bom ? text.slice(1) : text, bom };
  }
  return decodeFile(bytes);
}

/** Byte offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}
