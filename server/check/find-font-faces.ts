import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** One `@font-face` the compositions load: its family, weight, file and the characters it may serve. */
export type FontFace = { family: string; weight: string; file: string; ranges: [number, number][] };

const require = createRequire(import.meta.url);

/**
 * The font faces the compositions load: every `@fontsource/…/*.css` a file under `compositionsDir`
 * imports, read face by face (family, weight, WOFF2 file, unicode-range).
 */
export async function findFontFaces(options: { compositionsDir: string }): Promise<FontFace[]> {
  const sources = await fs.readdir(options.compositionsDir, { recursive: true });
  const styles = new Set<string>();
  for (const source of sources.filter((name) => /\.tsx?$/.test(name))) {
    const text = await fs.readFile(path.join(options.compositionsDir, source), 'utf8');
    for (const match of text.matchAll(/import\s+['"](@fontsource\/[^'"]+\.css)['"]/g))
      if (match[1]) styles.add(match[1]);
  }
  const faces: FontFace[] = [];
  for (const style of [...styles].sort()) {
    const file = require.resolve(style);
    faces.push(...parseFontFaces({ css: await fs.readFile(file, 'utf8'), dir: path.dirname(file) }));
  }
  return faces;
}

function parseFontFaces(options: { css: string; dir: string }): FontFace[] {
  return [...options.css.matchAll(/@font-face\s*{([^}]*)}/g)].flatMap((block) => {
    const body = block[1] ?? '';
    const family = /font-family:\s*['"]?([^;'"]+)['"]?;/.exec(body)?.[1];
    const weight = /font-weight:\s*([^;]+);/.exec(body)?.[1]?.trim();
    const url = /url\(([^)]+\.woff2)\)/.exec(body)?.[1]?.replace(/['"]/g, '');
    if (!family || !weight || !url) return [];
    const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
    return [
      { family, weight, file: path.resolve(options.dir, url), ranges: range ? parseRanges(range) : [[0, 0x10ffff]] },
    ];
  });
}

function parseRanges(text: string): [number, number][] {
  return text.split(',').map((part): [number, number] => {
    const [start = '0', end] = part.trim().replace(/^U\+/i, '').split('-');
    if (start.includes('?')) return [parseInt(start.replace(/\?/g, '0'), 16), parseInt(start.replace(/\?/g, 'F'), 16)];
    return [parseInt(start, 16), parseInt(end ?? start, 16)];
  });
}
