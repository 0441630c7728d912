import fs from 'node:fs/promises';
import zlib from 'node:zlib';

/**
 * The code points a WOFF2 or WOFF font file maps to a glyph (its `cmap`, formats 4 and 12).
 * WOFF2 keeps `cmap` untransformed in its Brotli stream; WOFF deflates each table on its own.
 */
export async function readFontCharacters(file: string): Promise<Set<number>> {
  const data = await fs.readFile(file);
  const signature = data.toString('latin1', 0, 4);
  const cmap = signature === 'wOF2' ? findWoff2Cmap(data) : signature === 'wOFF' ? findWoffCmap(data) : undefined;
  if (!cmap) throw new Error(`${file} is not a WOFF or WOFF2 font with a cmap table`);
  return readCmap(cmap);
}

function readBase128(data: Buffer, at: number): { value: number; next: number } {
  let value = 0;
  for (let index = 0; index < 5; index += 1) {
    const byte = data.readUInt8(at + index);
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return { value, next: at + index + 1 };
  }
  throw new Error('Malformed WOFF2 table directory');
}

function findWoff2Cmap(data: Buffer): Buffer | undefined {
  const numTables = data.readUInt16BE(12);
  const compressedLength = data.readUInt32BE(20);
  let at = 48;
  let offset = 0;
  let cmap: { offset: number; length: number } | undefined;
  for (let index = 0; index < numTables; index += 1) {
    const flags = data.readUInt8(at);
    at += 1;
    const tag = flags & 0x3f;
    if (tag === 0x3f) at += 4;
    const transform = flags >> 6;
    const original = readBase128(data, at);
    at = original.next;
    let length = original.value;
    // glyf and loca (tags 10 and 11) are transformed at version 0, every other table at versions 1–3.
    const transformed = tag === 10 || tag === 11 ? transform === 0 : transform !== 0;
    if (transformed) {
      const stored = readBase128(data, at);
      at = stored.next;
      length = stored.value;
    }
    if (tag === 0) cmap = { offset, length };
    offset += length;
  }
  if (!cmap) return undefined;
  const tables = zlib.brotliDecompressSync(data.subarray(at, at + compressedLength));
  return tables.subarray(cmap.offset, cmap.offset + cmap.length);
}

function findWoffCmap(data: Buffer): Buffer | undefined {
  const numTables = data.readUInt16BE(12);
  for (let index = 0; index < numTables; index += 1) {
    const at = 44 + index * 20;
    if (data.toString('latin1', at, at + 4) !== 'cmap') continue;
    const offset = data.readUInt32BE(at + 4);
    const compressed = data.readUInt32BE(at + 8);
    const original = data.readUInt32BE(at + 12);
    const table = data.subarray(offset, offset + compressed);
    return compressed < original ? zlib.inflateSync(table) : table;
  }
  return undefined;
}

function readCmap(cmap: Buffer): Set<number> {
  const characters = new Set<number>();
  const count = cmap.readUInt16BE(2);
  for (let index = 0; index < count; index += 1) {
    const subtable = cmap.readUInt32BE(4 + index * 8 + 4);
    const format = cmap.readUInt16BE(subtable);
    if (format === 4) readFormat4(cmap, subtable, characters);
    if (format === 12) readFormat12(cmap, subtable, characters);
  }
  return characters;
}

function readFormat4(cmap: Buffer, at: number, characters: Set<number>): void {
  const segments = cmap.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let segment = 0; segment < segments; segment += 1) {
    const end = cmap.readUInt16BE(ends + segment * 2);
    const start = cmap.readUInt16BE(starts + segment * 2);
    const delta = cmap.readInt16BE(deltas + segment * 2);
    const rangeOffsetAt = rangeOffsets + segment * 2;
    const rangeOffset = cmap.readUInt16BE(rangeOffsetAt);
    for (let code = start; code <= end && code !== 0xffff; code += 1) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
      else {
        const raw = cmap.readUInt16BE(rangeOffsetAt + rangeOffset + (code - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) characters.add(code);
    }
  }
}

function readFormat12(cmap: Buffer, at: number, characters: Set<number>): void {
  const groups = cmap.readUInt32BE(at + 12);
  for (let group = 0; group < groups; group += 1) {
    const start = cmap.readUInt32BE(at + 16 + group * 12);
    const end = cmap.readUInt32BE(at + 20 + group * 12);
    const firstGlyph = cmap.readUInt32BE(at + 24 + group * 12);
    for (let code = start; code <= end; code += 1) if (firstGlyph + (code - start) !== 0) characters.add(code);
  }
}
