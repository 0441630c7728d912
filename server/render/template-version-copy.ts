import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';
import { InputError } from '../errors.ts';
import type { Queryable } from '../store/db.ts';
import { findTemplateVersion, listTemplateVersions } from '../store/template-versions.ts';

/**
 * The version a new campaign renders with: a saved template version's label (its copy edits), or
 * the template's code version (built-in copy) when none is named. An unknown label is refused.
 */
export async function resolveTemplateVersion(options: {
  db: Queryable;
  template: TemplateDefinition;
  label: string | undefined;
}): Promise<string> {
  const { db, template, label } = options;
  if (label === undefined || label === template.version) return template.version;
  if (await findTemplateVersion({ db, templateId: template.id, label })) return label;
  const saved = (await listTemplateVersions({ db, templateId: template.id })).map((version) => version.label);
  throw new InputError({
    problem: `Template ${template.id} has no version with this label`,
    value: label,
    fix: `Use ${[template.version, ...saved].join(', ')}, or save a version in the studio (POST /api/studio/templates/${template.id}/versions)`,
  });
}

/**
 * A campaign's record with the copy of the template version the campaign was created with, for
 * the record's locale. Campaigns without a saved version (a plain code version) keep the built-in copy.
 */
export async function withVersionCopy<Record extends BaseRecord>(options: {
  db: Queryable;
  templateId: string;
  templateVersion: string;
  record: Record;
}): Promise<Record> {
  const { record } = options;
  if (!options.templateVersion.includes('+')) return record;
  const version = await findTemplateVersion({
    db: options.db,
    templateId: options.templateId,
    label: options.templateVersion,
  });
  const copy = version?.copy[record.locale];
  return copy ? { ...record, copy: { ...copy, ...(record as { copy?: object }).copy } } : record;
}
