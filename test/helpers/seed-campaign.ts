import { gentleReminder } from '../../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { createCampaign, type NewCampaign } from '../../server/store/campaigns.ts';
import type { Db } from '../../server/store/db.ts';
import { makePayRef, makeToken } from '../../server/store/make-token.ts';
import type { Variant } from '../../server/store/pick-variant.ts';
import { insertRecipients, setRecipientState } from '../../server/store/recipients.ts';
import { assignVariants, setCampaignAnalytics } from '../../server/store/variants.ts';

/**
 * A campaign with the template's example records (gentle-reminder's unless given) stored as
 * published recipients (no render); with `variants`, an A/B test (events kept 90 days) with each
 * recipient assigned a variant. `settings` are the campaign's own (its status, its render mode).
 */
export async function seedCampaign(options: {
  db: Db;
  id: string;
  payUrl: string;
  baseUrl: string;
  template?: TemplateDefinition;
  variants?: readonly Variant[];
  settings?: Pick<NewCampaign, 'status' | 'renderMode'>;
}) {
  const template = options.template ?? gentleReminder;
  await createCampaign({
    db: options.db,
    campaign: {
      id: options.id,
      templateId: template.id,
      templateVersion: template.version,
      payUrl: options.payUrl,
      baseUrl: options.baseUrl,
      ...options.settings,
    },
  });
  const recipients = template.examples.map((example, index) => {
    const record = template.schema.parse(example) as Record<string, unknown> & { id: string; locale: string };
    return {
      recordId: record.id,
      row: index + 2,
      token: makeToken(),
      payRef: makePayRef(),
      locale: record.locale,
      data: record,
    };
  });
  await insertRecipients({ db: options.db, campaignId: options.id, recipients });
  await options.db.query('update campaigns set read_count = $2, accepted_count = $2 where id = $1', [
    options.id,
    recipients.length,
  ]);
  for (const recipient of recipients) {
    await setRecipientState({
      db: options.db,
      token: recipient.token,
      state: { status: 'published', url: `${options.baseUrl}/r/${recipient.token}/` },
    });
  }
  if (options.variants) {
    await setCampaignAnalytics({ db: options.db, id: options.id, retentionDays: 90, variants: options.variants });
    const recordIds = recipients.map((recipient) => recipient.recordId);
    await assignVariants({ db: options.db, campaignId: options.id, recordIds });
  }
  return recipients;
}
