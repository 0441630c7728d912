import { InputError } from '../errors.ts';

/** The encodings a records file may use: what modern exports write, and what older Excel writes. */
export type TextEncoding = 'utf-8' | 'windows-1252';

const saveAsUtf8 = 'Save the file as UTF-8 CSV (in Excel: File > Save As > CSV UTF-8) and try again';

/**
 * Picks the encoding of a records file from its first bytes: a UTF-8 BOM or valid UTF-8 means
 * UTF-8, anything else is taken as Windows-1252. `complete` says the bytes are the whole file,
 * so a multi-byte sequence cut at the end is a real error rather than a chunk boundary.
 * Throws InputError for UTF-16 and other encodings with NUL bytes, which would decode as noise.
 */
export function sniffEncoding(options: { bytes: Uint8Array; complete: boolean; name: string }): TextEncoding {
  const { bytes, complete, name } = options;
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16 || bytes.includes(0)) {
    throw new InputError({
      problem: `The records file is in an encoding Kindly cannot read${utf16 ? ' (UTF-16)' : ' (it contains NUL bytes)'}`,
      value: name,
      fix: saveAsUtf8,
    });
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The reason given for a row that does not decode as UTF-8 after the start of the file did. */
export const notUtf8Reason =
  'contains characters that are not valid UTF-8; save the file as UTF-8 CSV (in Excel: File > Save As > CSV UTF-8) and try again';
