import { makeTemplateNames } from './rename-template.ts';

const header = (other: string) =>
  `// Written with ${other} from one list of template ids by \`kindly template new\` (makeRegistrySources).\n`;

/**
 * The two registries for these template ids, in this order: `templates/registry.ts` (each
 * template's definition, exported as `<camelId>` from `templates/<id>/definition.ts`) and, made
 * from the same list, `compositions/components.ts` (each template's Remotion component, exported
 * as `<PascalId>` from `compositions/<id>/<PascalId>.tsx`). `kindly template new` writes both.
 */
export function makeRegistrySources(options: { ids: readonly string[] }): { registry: string; components: string } {
  const names = options.ids.map((id) => makeTemplateNames(id));
  const sorted = [...names].sort((a, b) => (a.kebab < b.kebab ? -1 : 1));
  const registry = [
    header('compositions/components.ts'),
    ...sorted.map((name) => `import { ${name.camel} } from './${name.kebab}/definition.ts';\n`),
    "import type { TemplateDefinition } from './template-definition.ts';\n",
    '\n/** Every template Kindly can render, in the order the API and the studio list them. */\n',
    'export const templates: readonly TemplateDefinition[] = [\n',
    ...names.map((name) => `  ${name.camel} as unknown as TemplateDefinition,\n`),
    '];\n',
    '\n/** The template with this id, or undefined. */\n',
    'export function findTemplate(id: string): TemplateDefinition | undefined {\n',
    '  return templates.find((template) => template.id === id);\n',
    '}\n',
  ];
  const components = [
    header('templates/registry.ts'),
    "import type { ComponentType } from 'react';\n",
    ...sorted.map((name) => `import { ${name.pascal} } from './${name.kebab}/${name.pascal}.tsx';\n`),
    '\n/** The Remotion component of each template in templates/registry.ts, by template id. */\n',
    'export const components: Record<string, ComponentType<never>> = {\n',
    ...names.map((name) => `  '${name.kebab}': ${name.pascal} as ComponentType<never>,\n`),
    '};\n',
  ];
  return { registry: registry.join(''), components: components.join('') };
}
