import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { InputError } from '../errors.ts';
import { makeRegistrySources } from './make-registry-sources.ts';
import { makeTemplateNames, renameTemplate } from './rename-template.ts';

const validId = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

/**
 * `kindly template new <id> --from <template>`: copies templates/<from> and compositions/<from>
 * to the new id, renames the id in every spelling (file names, exports, strings), starts it at
 * version 0.1.0 with its own title, and registers it: templates/registry.ts and
 * compositions/components.ts (which compositions/Root.tsx renders) are written anew from the
 * registered template ids and the new one. Returns the files written.
 */
export async function scaffoldTemplate(options: { root: string; id: string; from: string }): Promise<string[]> {
  const { root, id, from } = options;
  if (id.length < 3 || id.length > 40 || !validId.test(id)) {
    throw new InputError({
      problem:
        'A template id is 3–40 lowercase letters and digits in words joined by single dashes, starting with a letter',
      value: id,
      fix: 'Use an id such as spring-reminder',
    });
  }
  const folders = (name: string) => [path.join(root, 'templates', name), path.join(root, 'compositions', name)];
  for (const folder of folders(from)) {
    if (!(await exists(folder)))
      throw new InputError({
        problem: `No template "${from}" to start from: ${path.relative(root, folder)} is missing`,
        value: from,
        fix: 'Name an existing template with --from, e.g. --from gentle-reminder',
      });
  }
  for (const folder of folders(id)) {
    if (await exists(folder))
      throw new InputError({
        problem: `Template "${id}" already exists (${path.relative(root, folder)})`,
        value: id,
        fix: 'Choose another id, or edit the existing template',
      });
  }
  const registry = path.join(root, 'templates', 'registry.ts');
  const { templates } = (await import(pathToFileURL(registry).href)) as { templates: readonly TemplateDefinition[] };
  const ids = templates.map((template) => template.id);
  const names = { from: makeTemplateNames(from), to: makeTemplateNames(id) };
  if (ids.includes(id))
    throw new InputError({
      problem: `Template "${id}" is already registered in templates/registry.ts`,
      value: id,
      fix: 'Choose another id',
    });
  const written: string[] = [];
  for (const [source, target] of folders(from).map((folder, index) => [folder, folders(id)[index] ?? ''] as const)) {
    for (const entry of await fs.readdir(source, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const relative = path.relative(source, path.join(entry.parentPath, entry.name));
      const file = path.join(target, renameTemplate(relative, names));
      let text = renameTemplate(await fs.readFile(path.join(source, relative), 'utf8'), names);
      if (relative === 'definition.ts')
        text = text
          .replace(/version: '[^']*'/, "version: '0.1.0'")
          .replace(/title: '[^']*'/, `title: '${names.to.title}'`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, text);
      written.push(path.relative(root, file));
    }
  }
  const sources = makeRegistrySources({ ids: [...ids, id] });
  await fs.writeFile(registry, sources.registry);
  await fs.writeFile(path.join(root, 'compositions', 'components.ts'), sources.components);
  return written;
}
