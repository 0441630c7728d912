import type { TemplateDefinition } from './template-definition.ts';

const placeholdersOf = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1])
    .sort()
    .join(', ');

/**
 * The problems of a template's copy, as messages naming template, locale and string: every
 * locale the template offers has every string any locale has, none blank, with the same
 * `{placeholders}`. Empty when the copy is complete.
 */
export function checkCopy(template: TemplateDefinition): string[] {
  const name = `Template "${template.id}"@${template.version}`;
  const copy = template.copy;
  if (!copy)
    return [`${name}: has no copy; set \`copy\` in templates/${template.id}/definition.ts to its strings per locale`];
  const problems: string[] = [];
  const keys = [...new Set(Object.values(copy).flatMap((strings) => Object.keys(strings)))];
  const reference = template.locales.find((locale) => copy[locale]) ?? Object.keys(copy)[0] ?? '';
  for (const locale of template.locales) {
    const strings = copy[locale];
    if (!strings) {
      problems.push(
        `${name}, locale ${locale}: has no strings at all; add a "${locale}" entry to the copy of templates/${template.id}, or drop the locale`,
      );
      continue;
    }
    for (const key of keys) {
      const text = strings[key];
      const sample = copy[reference]?.[key];
      if (text === undefined) {
        problems.push(
          `${name}, locale ${locale}, string "${key}": missing${sample ? ` (${reference}: "${sample}")` : ''}; translate it in templates/${template.id}`,
        );
      } else if (text.trim() === '') {
        problems.push(`${name}, locale ${locale}, string "${key}": blank; translate it in templates/${template.id}`);
      } else if (sample !== undefined && placeholdersOf(text) !== placeholdersOf(sample)) {
        problems.push(
          `${name}, locale ${locale}, string "${key}": has placeholders {${placeholdersOf(text)}} but ${reference} has {${placeholdersOf(sample)}}; use the same placeholders in every locale`,
        );
      }
    }
  }
  for (const locale of Object.keys(copy)) {
    if (!template.locales.includes(locale))
      problems.push(
        `${name}, locale ${locale}: has copy but is not one of the template's locales (${template.locales.join(', ')}); add it to the schema's locales or remove the copy`,
      );
  }
  return problems;
}
