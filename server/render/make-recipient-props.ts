import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';
import { KindlyError } from '../errors.ts';
import type { Campaign } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';
import { withVersionCopy } from './template-version-copy.ts';

/**
 * A recipient's props, for the composition and the page alike: the stored record parsed with the
 * template's schema (its tone came with it at upload), with the copy of the campaign's template
 * version and the campaign's brand kit. Throws KindlyError when the stored record no longer fits
 * the template.
 */
export async function makeRecipientProps(options: {
  db: Queryable;
  campaign: Pick<Campaign, 'templateId' | 'templateVersion' | 'brand'>;
  template: TemplateDefinition;
  data: Record<string, unknown>;
}): Promise<BaseRecord> {
  const { db, campaign, template } = options;
  const parsed = template.schema.safeParse(options.data);
  if (!parsed.success) {
    throw new KindlyError({
      problem: `The stored record no longer fits template ${template.id}@${template.version}`,
      value: parsed.error.issues[0]?.path.join('.'),
      fix: 'Fix the record and upload it again',
    });
  }
  const versioned = await withVersionCopy({
    db,
    templateId: campaign.templateId,
    templateVersion: campaign.templateVersion,
    record: parsed.data,
  });
  const branded = campaign.brand ? { ...versioned, brand: campaign.brand } : versioned;
  return branded;
}
