import { Readable } from 'node:stream';
import { InputError } from '../errors.ts';
import { cleanText, isNestedTooDeep } from '../storable-text.ts';
import { openText, type TextSource } from './open-text.ts';
import { parseCsvRecords } from './parse-csv-records.ts';
import { pickFormat, type RecordsFormat } from './pick-format.ts';
import { readNdjsonLines } from './read-ndjson-rows.ts';
import { splitJsonArray } from './split-json-array.ts';

/** A column of a records file with a few of its values, as text to show. */
export type FileColumn = { name: string; samples: string[] };

/** What the head of a records file shows: its format and its columns in file order. */
export type FileColumns = { format: RecordsFormat; columns: FileColumn[] };

/** How much of a file is read for its columns: a head this long is taken as cut off after its last line end. */
export const columnsHeadBytes = 256 * 1024;
const sampleRows = 3;
/** Samples are shown, never stored: each is cut to this many characters. */
const sampleLength = 80;
/** A wider header is listed up to here; no template has nearly as many fields. */
const maxColumns = 1000;
/** Column names are listed up to this length (a record id's). */
const maxNameLength = 200;

/**
 * Reads the columns of a records file from its head (at most `columnsHeadBytes`; the rest of the
 * stream is read and dropped): the header, or for JSON the keys of the first records, with up to
 * three non-blank values each from the first well-formed rows. Format, encoding and delimiter are
 * sniffed as the ingest does. A head that fills `columnsHeadBytes` is taken as cut off, so its
 * last line, unless ended, is left out. Names and samples are text with what the store cannot hold
 * replaced; samples are cut to 80 characters. Throws InputError for an empty or unreadable file.
 */
export async function readFileColumns(options: {
  stream: NodeJS.ReadableStream | Readable;
  name: string;
}): Promise<FileColumns> {
  const { name } = options;
  const head = await readHeadBytes(options.stream);
  // A JSON array may be one long line (minified): its reader stops at the first element left open.
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const array = pickFormat({ name, head: head.subarray(bom, 4096).toString('latin1') }) === 'json';
  const cut = head.length >= columnsHeadBytes && !array;
  const whole = cut ? head.subarray(0, lastLineEnd(head)) : head;
  if (cut && whole.length === 0)
    throw new InputError({
      problem: `The first line of the records file is longer than ${columnsHeadBytes / 1024} KiB`,
      value: name,
      fix: 'Check that the file is a CSV, JSON or NDJSON records file with a header row',
    });
  const text = await openText({ source: { stream: Readable.from([whole]), name } });
  try {
    const format = pickFormat({ name, head: text.head });
    const columns = format === 'csv' ? await readCsvColumns(text) : await readJsonColumns(text, format);
    return {
      format,
      // A name longer than any header a person writes cannot be chosen in a mapping: it is left out.
      columns: columns
        .filter((column) => column.name.length <= maxNameLength)
        .slice(0, maxColumns)
        .map((column) => ({
          name: cleanText(column.name),
          samples: column.samples.filter((sample) => sample.trim() !== '').map(toSample),
        })),
    };
  } finally {
    await text.close();
  }
}

async function readHeadBytes(stream: NodeJS.ReadableStream | Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  // Read to the end (an upload must be drained), keeping only the head.
  for await (const chunk of stream) {
    if (size >= columnsHeadBytes) continue;
    const part = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    parts.push(part.subarray(0, columnsHeadBytes - size));
    size += Math.min(part.length, columnsHeadBytes - size);
  }
  return Buffer.concat(parts);
}

/** The length up to and including the last LF or CR (single bytes in UTF-8 and Windows-1252 alike). */
function lastLineEnd(bytes: Buffer): number {
  return Math.max(bytes.lastIndexOf(0x0a), bytes.lastIndexOf(0x0d)) + 1;
}

async function readCsvColumns(text: TextSource): Promise<FileColumn[]> {
  const { records } = parseCsvRecords({ text });
  let header: string[] | undefined;
  const rows: string[][] = [];
  try {
    for await (const { record } of records) {
      if (!header) header = record;
      // A row the ingest would refuse for its cell count shows nothing.
      else if (record.length === header.length) rows.push(record);
      if (rows.length >= sampleRows) break;
    }
  } catch (error) {
    // Past the header, a row that does not parse (a quote left open where the head was cut) only ends the samples.
    if (!header) throw error;
  }
  if (!header) throw emptyFile(text.name);
  return header
    .map((name, index) => ({ name: name.trim(), samples: rows.map((row) => row[index] ?? '') }))
    .filter((column) => column.name !== '');
}

async function readJsonColumns(text: TextSource, format: 'json' | 'ndjson'): Promise<FileColumn[]> {
  const objects: Record<string, unknown>[] = [];
  try {
    for await (const record of format === 'json' ? jsonElements(text) : ndjsonLines(text)) {
      const value = parseObject(record);
      if (value) objects.push(value);
      if (objects.length >= sampleRows) break;
    }
  } catch (error) {
    // An array left open where the head was cut only ends the samples.
    if (objects.length === 0) throw error;
  }
  if (objects.length === 0) throw emptyFile(text.name);
  const columns = new Map<string, string[]>();
  for (const object of objects) {
    for (const [key, value] of Object.entries(object)) {
      const samples = columns.get(key) ?? [];
      columns.set(key, samples);
      if (value !== null && value !== undefined)
        samples.push(typeof value === 'string' ? value : JSON.stringify(value));
    }
  }
  return [...columns].map(([name, samples]) => ({ name: name.trim(), samples })).filter((column) => column.name !== '');
}

async function* jsonElements(text: TextSource): AsyncGenerator<string> {
  for await (const element of splitJsonArray({ chunks: text.chunks, name: text.name })) yield element.text;
}

async function* ndjsonLines(text: TextSource): AsyncGenerator<string> {
  for await (const { content } of readNdjsonLines({ text })) yield content;
}

/** A record that is a JSON object no deeper than the ingest takes; anything else shows nothing. */
function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value) || isNestedTooDeep(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** A value cut to `sampleLength` characters (whole code points), ending in … when it was longer. */
function toSample(value: string): string {
  // A huge cell is cut before it is split into characters; what is cut is far past the sample's end.
  const points = Array.from(cleanText(value.slice(0, sampleLength * 4)));
  return points.length > sampleLength ? `${points.slice(0, sampleLength - 1).join('')}…` : points.join('');
}

function emptyFile(name: string): InputError {
  return new InputError({
    problem: 'The records file has no header row or records to read columns from',
    value: name,
    fix: 'Send a CSV file with a header row, a JSON array of objects, or one JSON object per line',
  });
}
