import { findTemplate } from '../../templates/registry.ts';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { KindlyError } from '../errors.ts';
import type { Campaign } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';
import type { Recipient } from '../store/recipients.ts';
import { getVariantTemplateId } from '../store/variants.ts';

/**
 * The template a recipient's render uses: their A/B variant's, else their campaign's. A template
 * this worker does not have throws a non-retryable KindlyError.
 */
export async function findJobTemplate(options: {
  db: Queryable;
  campaign: Campaign;
  recipient: Recipient;
}): Promise<TemplateDefinition> {
  const templateId = await getVariantTemplateId({
    db: options.db,
    campaignId: options.campaign.id,
    variant: options.recipient.variant,
    fallback: options.campaign.templateId,
  });
  const template = findTemplate(templateId);
  if (!template) {
    throw new KindlyError({
      problem: 'The campaign uses a template this worker does not have',
      value: templateId,
      fix: 'Deploy the same Kindly version on every worker',
    });
  }
  return template;
}
