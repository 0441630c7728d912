import type { TemplateDefinition } from './template-definition.ts';

/**
 * The problems of a template's example records (the Studio's props, the demo campaign and the
 * records every other check renders): there is at least one, each parses with the template's
 * schema, and ids are unique.
 */
export function checkExamples(template: TemplateDefinition): string[] {
  const name = `Template "${template.id}"@${template.version}`;
  const where = `templates/${template.id}/examples.ts`;
  if (template.examples.length === 0)
    return [
      `${name}: has no example records; add some to ${where}, including the longest names and amounts you expect`,
    ];
  const problems: string[] = [];
  const ids = new Set<string>();
  template.examples.forEach((example, index) => {
    const parsed = template.schema.safeParse(example);
    const label = `${name}, example ${index + 1} (${String(example.id ?? 'no id')})`;
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${label}, field "${issue.path.join('.')}": ${issue.message}; fix it in ${where}`);
      return;
    }
    if (ids.has(parsed.data.id)) problems.push(`${label}: the id is used twice; give every example its own id`);
    ids.add(parsed.data.id);
  });
  return problems;
}
