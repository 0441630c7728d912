import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { InputError } from '../errors.ts';
import { sniffEncoding, type TextEncoding } from './sniff-encoding.ts';

/** Where records come from: a file on disk, or a stream (an upload) with the name it came under. */
export type RecordsSource = { path: string } | { stream: NodeJS.ReadableStream | Readable; name: string };

/** A records file decoded to text, read once, front to back. */
export type TextSource = {
  name: string;
  encoding: TextEncoding;
  /** The decoded start of the file, for sniffing its format; `chunks` yields it again first. */
  head: string;
  chunks: AsyncIterable<string>;
  /** Stops reading and releases the file; safe to call at any time, more than once. */
  close: () => Promise<void>;
};

/** Enough to see a header line and judge the encoding, small enough to never matter. */
const headBytes = 64 * 1024;

/**
 * Opens a records source as decoded text without reading it whole: sniffs the encoding from
 * the first 64 KiB, then decodes chunk by chunk. Throws InputError when the file is missing,
 * empty or in an encoding it cannot read.
 */
export async function openText(options: { source: RecordsSource }): Promise<TextSource> {
  const { stream, name } = await openStream(options.source);
  const bytes = stream[Symbol.asyncIterator]();
  const close = async () => {
    await bytes.return?.();
  };
  try {
    const { head, complete } = await readHead(bytes);
    const encoding = sniffEncoding({ bytes: head, complete, name });
    const decode = decoder(encoding);
    const text = decode.write(head);
    if (complete && text.trim() === '') {
      throw new InputError({
        problem: 'The records file is empty',
        value: name,
        fix: 'Export the records again, with a header row and one row per debtor',
      });
    }
    async function* chunks(): AsyncGenerator<string> {
      if (text) yield text;
      for (let next = complete ? undefined : await bytes.next(); next && !next.done; next = await bytes.next()) {
        yield decode.write(toBuffer(next.value));
      }
      const tail = decode.end();
      if (tail) yield tail;
    }
    return { name, encoding, head: text, chunks: chunks(), close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function openStream(source: RecordsSource): Promise<{ stream: NodeJS.ReadableStream | Readable; name: string }> {
  if ('stream' in source) return source;
  const handle = await open(source.path, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      throw new InputError({
        problem: 'The records file does not exist',
        value: source.path,
        fix: 'Check the path and the file name',
        cause: error,
      });
    }
    if (error.code === 'EACCES' || error.code === 'EPERM') {
      throw new InputError({
        problem: 'The records file cannot be opened',
        value: source.path,
        fix: 'Check that you are allowed to read it',
        cause: error,
      });
    }
    throw error;
  });
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw new InputError({
      problem: 'The records path is a folder, not a file',
      value: source.path,
      fix: 'Give the path of the records file itself',
    });
  }
  return { stream: handle.createReadStream({ highWaterMark: headBytes }), name: source.path };
}

async function readHead(bytes: AsyncIterator<string | Buffer>): Promise<{ head: Buffer; complete: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < headBytes) {
    const next = await bytes.next();
    if (next.done) return { head: Buffer.concat(parts), complete: true };
    const part = toBuffer(next.value);
    parts.push(part);
    size += part.length;
  }
  return { head: Buffer.concat(parts), complete: false };
}

function decoder(encoding: TextEncoding): { write: (bytes: Buffer) => string; end: () => string } {
  if (encoding === 'windows-1252') return { write: (bytes) => iconv.decode(bytes, 'windows-1252'), end: () => '' };
  // Stateful, so a character split across two chunks decodes whole; the BOM is dropped.
  const utf8 = new TextDecoder('utf-8');
  return { write: (bytes) => utf8.decode(bytes, { stream: true }), end: () => utf8.decode() };
}

/** Streams in text mode hand over strings; re-encode them so sniffing sees the bytes. */
const toBuffer = (chunk: string | Buffer): Buffer => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
