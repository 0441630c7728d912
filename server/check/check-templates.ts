import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCopy } from '../../templates/check-copy.ts';
import { checkExamples } from '../../templates/check-examples.ts';
import { checkTemplate } from '../../templates/check-template.ts';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { checkGlyphs } from './check-glyphs.ts';
import { checkLicences } from './check-licences.ts';
import { checkTextFit } from './check-text-fit.ts';
import { findFontFaces } from './find-font-faces.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What `kindly template check` found: problems per template, and those of the shared assets. */
export type TemplateCheckReport = { templates: { id: string; problems: string[] }[]; assets: string[] };

/**
 * Checks templates as CI does: the pure checks first (timeline, example records, copy in every
 * locale), then glyph coverage of the shipped fonts, then — in real Chromium — that every text
 * fits its box; and that every asset and font has a licence entry. `fit: false` skips Chromium.
 */
export async function checkTemplates(options: {
  templates: readonly TemplateDefinition[];
  fit?: boolean;
  browserExecutable?: string;
  /** A module exporting `components` (template id → composition); default compositions/components.ts. */
  componentsModule?: string;
  compositionsDir?: string;
  assetsDir?: string;
}): Promise<TemplateCheckReport> {
  const assetsDir = options.assetsDir ?? path.join(root, 'assets');
  const faces = await findFontFaces({ compositionsDir: options.compositionsDir ?? path.join(root, 'compositions') });
  const templates = [];
  for (const template of options.templates) {
    const problems = [
      ...checkTemplate(template),
      ...checkExamples(template),
      ...checkCopy(template),
      ...(await checkGlyphs({ template, faces })),
    ];
    templates.push({ id: template.id, problems });
  }
  if (options.fit ?? true) {
    const fit = await checkTextFit({
      templates: options.templates,
      assetsDir,
      browserExecutable: options.browserExecutable,
      componentsModule: options.componentsModule,
    });
    for (const report of templates) report.problems.push(...(fit.get(report.id) ?? []));
  }
  return { templates, assets: await checkLicences({ assetsDir, faces }) };
}
