import fs from 'node:fs/promises';
import { KindlyError } from '../errors.ts';
import type { TemplateNames } from './rename-template.ts';

/** Adds an import after a file's last import and an entry before the closing bracket after `anchor`. */
async function addToList(options: { file: string; importLine: string; anchor: RegExp; entry: string; close: string; what: string }): Promise<void> {
  const text = await fs.readFile(options.file, 'utf8');
  const anchor = options.anchor.exec(text);
  const imports = [...text.matchAll(/^import .*;$/gm)];
  const lastImport = imports.at(-1);
  const close = anchor ? text.indexOf(options.close, anchor.index + anchor[0].length) : -1;
  if (!anchor || !lastImport || close < 0) {
    throw new KindlyError({ problem: `Cannot find where to register the template in ${options.file}`, fix: `Add ${options.what} by hand: ${options.importLine} and ${options.entry.trim()}` });
  }
  const before = text.slice(0, close).replace(/,?\s*$/, '');
  const entry = `${before}${options.entry}${text.slice(close)}`;
  const at = lastImport.index + lastImport[0].length;
  await fs.writeFile(options.file, `${entry.slice(0, at)}\n${options.importLine}${entry.slice(at)}`);
}

/** Registers a new template: its definition in templates/registry.ts, its composition in compositions/components.ts. */
export async function registerTemplate(options: { registry: string; components: string; names: TemplateNames }): Promise<void> {
  const { names } = options;
  await addToList({
    file: options.registry,
    importLine: `import { ${names.camel} } from './${names.kebab}/definition.ts';`,
    anchor: /export const templates[^=]*=\s*\[/,
    entry: `, ${names.camel} as unknown as TemplateDefinition`,
    close: '];',
    what: 'the definition to templates/registry.ts',
  });
  await addToList({
    file: options.components,
    importLine: `import { ${names.pascal} } from './${names.kebab}/${names.pascal}.tsx';`,
    anchor: /export const components[^=]*=\s*\{/,
    entry: `,\n  '${names.kebab}': ${names.pascal} as ComponentType<never>,\n`,
    close: '};',
    what: 'the composition to compositions/components.ts',
  });
}
