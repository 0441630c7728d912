import type { TemplateDefinition } from '../../templates/template-definition.ts';
import type { FontFace } from './find-font-faces.ts';
import { readFontCharacters } from './read-font-characters.ts';

/** A text the template shows, and what to name when one of its characters has no glyph. */
type Source = { locale: string; text: string; locate: (character: string) => string };

const describe = (code: number) =>
  `"${String.fromCodePoint(code)}" (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;

/**
 * Every character the template shows for its examples and in its copy must have a glyph in a
 * shipped font at every weight the compositions load, or a render would fall back to whatever
 * the machine has (or to empty boxes). Messages name template, locale, example and field (or
 * copy string), the character and its code point.
 */
export async function checkGlyphs(options: {
  template: TemplateDefinition;
  faces: readonly FontFace[];
}): Promise<string[]> {
  const { template, faces } = options;
  const name = `Template "${template.id}"@${template.version}`;
  const weights = [...new Set(faces.map((face) => face.weight))];
  const families = [...new Set(faces.map((face) => face.family))].join(', ');
  const cmaps = new Map<string, Promise<Set<number>>>();
  const hasGlyph = async (face: FontFace, code: number) => {
    if (!face.ranges.some(([start, end]) => start <= code && code <= end)) return false;
    const cmap = cmaps.get(face.file) ?? readFontCharacters(face.file);
    cmaps.set(face.file, cmap);
    return (await cmap).has(code);
  };
  const problems: string[] = [];
  const reported = new Set<string>();
  for (const source of listSources(template)) {
    for (const character of new Set(source.text)) {
      const code = character.codePointAt(0) ?? 0;
      const where = source.locate(character);
      if (/[\n\t\r]/.test(character) || reported.has(`${source.locale}|${where}|${code}`)) continue;
      const missing: string[] = [];
      for (const weight of weights) {
        const found = await someAsync(
          faces.filter((face) => face.weight === weight),
          (face) => hasGlyph(face, code),
        );
        if (!found) missing.push(weight);
      }
      if (missing.length === 0) continue;
      reported.add(`${source.locale}|${where}|${code}`);
      problems.push(
        `${name}, locale ${source.locale}, ${where}: character ${describe(code)} has no glyph in the shipped fonts (${families}) at weight ${missing.join(' and ')}; ` +
          'ship a font that covers it (import its @fontsource CSS in compositions/use-fonts.ts and list it in assets/LICENSES.md) or change the text',
      );
    }
  }
  return problems;
}

async function someAsync<T>(items: readonly T[], test: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
}

/**
 * The examples' shown text (captions and page), each character attributed to the example field
 * or copy string holding it, then every copy string of every locale.
 */
function listSources(template: TemplateDefinition): Source[] {
  const sources: Source[] = [];
  for (const raw of template.examples) {
    const parsed = template.schema.safeParse(raw);
    if (!parsed.success) continue;
    const record = parsed.data;
    const content = template.getPageContent(record);
    const shown = [
      ...template.getCues(record).map((cue) => cue.text),
      content.greeting,
      ...Object.values(content.facts),
    ];
    const copy = Object.entries(template.copy?.[record.locale] ?? {});
    const locate = (character: string) => {
      const field = Object.entries(raw).find(
        ([, value]) => typeof value === 'string' && value.includes(character),
      )?.[0];
      const key = copy.find(([, value]) => value.includes(character))?.[0];
      return `example ${record.id}, ${field ? `field "${field}"` : key ? `copy string "${key}"` : 'formatted text'}`;
    };
    sources.push({ locale: record.locale, text: shown.join('\n'), locate });
  }
  for (const [locale, strings] of Object.entries(template.copy ?? {})) {
    for (const [key, value] of Object.entries(strings))
      sources.push({ locale, text: value, locate: () => `copy string "${key}"` });
  }
  return sources;
}
