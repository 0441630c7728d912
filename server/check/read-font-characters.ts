import { open } from 'fontkit';

/**
 * The code points a font file (WOFF2 as @fontsource ships them, or any format fontkit reads) maps
 * to a glyph other than the missing-glyph box.
 */
export async function readFontCharacters(file: string): Promise<Set<number>> {
  const font = await open(file);
  if (!('characterSet' in font)) throw new Error(`${file} is a font collection; give one font file per @font-face`);
  let characters: number[];
  try {
    characters = font.characterSet;
  } catch (error) {
    throw new Error(`${file} has no readable cmap table (${String(error)}); use the font's WOFF2 file`, {
      cause: error,
    });
  }
  return new Set(characters.filter((code) => font.hasGlyphForCodePoint(code)));
}
