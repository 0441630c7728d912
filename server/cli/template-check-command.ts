import { templates as allTemplates, findTemplate } from '../../templates/registry.ts';
import { checkTemplates } from '../check/check-templates.ts';
import type { Config } from '../config.ts';
import { InputError, KindlyError } from '../errors.ts';

/**
 * `kindly template check [ids…]`: every check of every named template (all when none are named),
 * one line per problem; fails with the count when there is any.
 */
export async function templateCheckCommand(options: {
  ids: string[];
  fit: boolean;
  config: Config;
  log: (line: string) => void;
}): Promise<void> {
  const templates =
    options.ids.length === 0
      ? allTemplates
      : options.ids.map((id) => {
          const template = findTemplate(id);
          if (!template)
            throw new InputError({
              problem: 'Unknown template',
              value: id,
              fix: `Use one of: ${allTemplates.map((known) => known.id).join(', ')}`,
            });
          return template;
        });
  const report = await checkTemplates({
    templates,
    fit: options.fit,
    browserExecutable: options.config.browserExecutable,
  });
  let count = report.assets.length;
  for (const line of report.assets) options.log(`  ✗ ${line}`);
  for (const template of report.templates) {
    count += template.problems.length;
    options.log(
      template.problems.length === 0 ? `${template.id}: ok` : `${template.id}: ${template.problems.length} problem(s)`,
    );
    for (const line of template.problems) options.log(`  ✗ ${line}`);
  }
  if (count > 0) {
    throw new KindlyError({
      problem: `The template check found ${count} problem(s)`,
      fix: 'Fix each one listed above, then run kindly template check again',
    });
  }
}
