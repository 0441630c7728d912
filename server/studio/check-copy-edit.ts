import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { InputError } from '../errors.ts';

/** One refused copy edit: which key in which locale, what is wrong and how to fix it. */
export type CopyProblem = { field: string; problem: string; fix: string };

const placeholdersOf = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => `{${match[1]}}`));

/**
 * The problems of copy edits for one locale of a template: keys the template does not have, and
 * texts that drop a `{placeholder}` the built-in text has (the recipient's name would vanish).
 */
export function checkCopyEdit(options: {
  template: TemplateDefinition;
  locale: string;
  copy: Record<string, string>;
}): CopyProblem[] {
  const { template, locale } = options;
  const builtIn = template.copy?.[locale];
  if (!builtIn) {
    return [
      {
        field: 'copy',
        problem: `Template ${template.id} has no editable copy in locale ${locale}`,
        fix: `Use one of ${Object.keys(template.copy ?? {}).join(', ') || 'no locale: the template lists no copy'}`,
      },
    ];
  }
  const problems: CopyProblem[] = [];
  for (const [key, text] of Object.entries(options.copy)) {
    const original = builtIn[key];
    if (original === undefined) {
      problems.push({
        field: `copy.${key}`,
        problem: `Copy key "${key}" does not exist in ${template.id} (${locale})`,
        fix: `Use one of ${Object.keys(builtIn).join(', ')}`,
      });
      continue;
    }
    const kept = placeholdersOf(text);
    for (const placeholder of placeholdersOf(original)) {
      if (!kept.has(placeholder)) {
        problems.push({
          field: `copy.${key}`,
          problem: `The ${locale} text of "${key}" drops the placeholder ${placeholder}`,
          fix: `Put ${placeholder} back into the text; it is filled per recipient`,
        });
      }
    }
  }
  return problems;
}

/** Throws the first problem of edits across locales as an InputError naming key, locale and placeholder. */
export function requireCopyEdits(options: {
  template: TemplateDefinition;
  copy: Record<string, Record<string, string>>;
}): void {
  for (const [locale, copy] of Object.entries(options.copy)) {
    const [first] = checkCopyEdit({ template: options.template, locale, copy });
    if (first)
      throw new InputError({ problem: first.problem, value: copy[first.field.slice('copy.'.length)], fix: first.fix });
  }
}
