import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTemplates } from '../server/check/check-templates.ts';
import { makeRegistrySources } from '../server/scaffold/make-registry-sources.ts';
import { scaffoldTemplate } from '../server/scaffold/scaffold-template.ts';
import { templates } from '../templates/registry.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';
import { runCli } from './helpers/run-cli.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
const newTemplate = (args: string[]) =>
  runCli({ args: ['template', 'new', ...args, '--root', temp.dir], timeoutMs: 60_000 });

beforeAll(async () => {
  // A copy of the project's templates and compositions, so the real tree is never touched.
  temp = await makeTempDir('template-new');
  await fs.cp(path.join(root, 'templates'), path.join(temp.dir, 'templates'), { recursive: true });
  await fs.cp(path.join(root, 'compositions'), path.join(temp.dir, 'compositions'), { recursive: true });
  await fs.symlink(path.join(root, 'node_modules'), path.join(temp.dir, 'node_modules'));
});

afterAll(async () => {
  await temp?.remove();
});

describe('kindly template new <id> --from <template>', () => {
  it('finds both registries as written from the one list of template ids', async () => {
    const sources = makeRegistrySources({ ids: templates.map((template) => template.id) });
    expect(await fs.readFile(path.join(root, 'templates/registry.ts'), 'utf8')).toBe(sources.registry);
    expect(await fs.readFile(path.join(root, 'compositions/components.ts'), 'utf8')).toBe(sources.components);
  });

  it('copies both folders under the new id, renamed in every spelling, and registers it', async () => {
    const result = await newTemplate(['spring-reminder', '--from', 'gentle-reminder']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Template spring-reminder made from gentle-reminder:');
    expect(result.stdout).toContain('compositions/spring-reminder/SpringReminder.tsx');
    expect((await fs.readdir(path.join(temp.dir, 'compositions/spring-reminder'))).sort()).toEqual([
      'SpringReminder.tsx',
    ]);
    expect((await fs.readdir(path.join(temp.dir, 'templates/spring-reminder'))).sort()).toEqual([
      'copy.ts',
      'definition.ts',
      'examples.ts',
      'schema.ts',
      'video-text.ts',
    ]);
    const definition = await fs.readFile(path.join(temp.dir, 'templates/spring-reminder/definition.ts'), 'utf8');
    expect(definition).toContain(
      "export const springReminder = makeReferenceTemplate({\n  id: 'spring-reminder',\n  version: '0.1.0',\n  title: 'Spring reminder',",
    );
    const composition = await fs.readFile(
      path.join(temp.dir, 'compositions/spring-reminder/SpringReminder.tsx'),
      'utf8',
    );
    expect(composition).toContain("import { springReminder } from '../../templates/spring-reminder/definition.ts';");
    expect(composition).toContain('export function SpringReminder(record: Branded<SpringReminderRecord>)');
    for (const folder of ['templates/spring-reminder', 'compositions/spring-reminder']) {
      for (const file of await fs.readdir(path.join(temp.dir, folder))) {
        expect(await fs.readFile(path.join(temp.dir, folder, file), 'utf8')).not.toMatch(
          /gentle-reminder|gentleReminder|GentleReminder/,
        );
      }
    }
    // The original is untouched, here and in the real project.
    expect(await fs.readFile(path.join(temp.dir, 'templates/gentle-reminder/definition.ts'), 'utf8')).toBe(
      await fs.readFile(path.join(root, 'templates/gentle-reminder/definition.ts'), 'utf8'),
    );
    expect(await fs.readFile(path.join(root, 'templates/registry.ts'), 'utf8')).not.toContain('spring');
  }, 120_000);

  it('makes a template that loads, is registered twice over, and passes the whole check in Chromium', async () => {
    const registry = (await import(path.join(temp.dir, 'templates/registry.ts'))) as {
      templates: readonly TemplateDefinition[];
    };
    const components = (await import(path.join(temp.dir, 'compositions/components.ts'))) as {
      components: Record<string, unknown>;
    };
    expect(registry.templates.map((template) => template.id)).toEqual([
      'gentle-reminder',
      'instalment-offer',
      'friendly-final-notice',
      'spring-reminder',
    ]);
    expect(Object.keys(components.components)).toEqual([
      'gentle-reminder',
      'instalment-offer',
      'friendly-final-notice',
      'spring-reminder',
    ]);
    const spring = registry.templates.find((template) => template.id === 'spring-reminder') as TemplateDefinition;
    const report = await checkTemplates({
      templates: [spring],
      componentsModule: path.join(temp.dir, 'compositions/components.ts'),
      compositionsDir: path.join(temp.dir, 'compositions'),
      assetsDir: path.join(root, 'assets'),
    });
    expect(report).toEqual({ templates: [{ id: 'spring-reminder', problems: [] }], assets: [] });
  }, 120_000);

  it('refuses an id already taken, a bad id and an unknown source, changing nothing', async () => {
    const registryBefore = await fs.readFile(path.join(temp.dir, 'templates/registry.ts'), 'utf8');
    const taken = await newTemplate(['spring-reminder', '--from', 'gentle-reminder']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe(
      'kindly: Template "spring-reminder" already exists (templates/spring-reminder) (got "spring-reminder"). Choose another id, or edit the existing template\n',
    );
    const bad = await newTemplate(['Spring_Reminder', '--from', 'gentle-reminder']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'kindly: A template id is 3–40 lowercase letters and digits in words joined by single dashes, starting with a letter (got "Spring_Reminder"). Use an id such as spring-reminder\n',
    );
    for (const id of ['sp', '2-spring', 'spring--reminder', 'spring-', '../escape', 'a'.repeat(41)]) {
      await expect(scaffoldTemplate({ root: temp.dir, id, from: 'gentle-reminder' })).rejects.toThrow(
        'A template id is 3–40 lowercase letters',
      );
    }
    const unknown = await newTemplate(['autumn-reminder', '--from', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'kindly: No template "nope" to start from: templates/nope is missing (got "nope"). Name an existing template with --from',
    );
    expect(await fs.readFile(path.join(temp.dir, 'templates/registry.ts'), 'utf8')).toBe(registryBefore);
    await expect(fs.stat(path.join(temp.dir, 'templates/autumn-reminder'))).rejects.toThrow();
  }, 180_000);
});
