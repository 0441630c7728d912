import { pickVariant, variantsSchema, type Variant } from './pick-variant.ts';
import type { Queryable } from './db.ts';

/** A campaign's A/B variants (none: every recipient gets the campaign's template). */
export async function getCampaignVariants(options: {
  db: Queryable;
  campaignId: string;
}): Promise<Variant[] | undefined> {
  const { rows } = await options.db.query<{ variants: unknown }>('select variants from campaigns where id = $1', [
    options.campaignId,
  ]);
  const parsed = variantsSchema.safeParse(rows[0]?.variants);
  return parsed.success ? parsed.data : undefined;
}

/** Gives the newly stored recipients their variant (when the campaign has variants). */
export async function assignVariants(options: {
  db: Queryable;
  campaignId: string;
  recordIds: Iterable<string>;
}): Promise<void> {
  const variants = await getCampaignVariants(options);
  const recordIds = [...options.recordIds];
  if (!variants || recordIds.length === 0) return;
  const picked = recordIds.map((recordId) => pickVariant({ campaignId: options.campaignId, recordId, variants }).id);
  await options.db.query(
    'update recipients set variant = v.variant from unnest($2::text[], $3::text[]) as v(record_id, variant) where recipients.campaign_id = $1 and recipients.record_id = v.record_id',
    [options.campaignId, recordIds, picked],
  );
}

/** The template a recipient's video and page are made with: their variant's, else the campaign's. */
export async function findRecipientTemplateId(options: {
  db: Queryable;
  campaignId: string;
  recordId: string;
  fallback: string;
}): Promise<string> {
  const { rows } = await options.db.query<{ variant: string | null }>(
    'select variant from recipients where campaign_id = $1 and record_id = $2',
    [options.campaignId, options.recordId],
  );
  return getVariantTemplateId({ ...options, variant: rows[0]?.variant ?? undefined });
}

/** The template of a recipient's A/B variant, as read with the recipient (`undefined`: none, the fallback). */
export async function getVariantTemplateId(options: {
  db: Queryable;
  campaignId: string;
  variant: string | undefined;
  fallback: string;
}): Promise<string> {
  const variantId = options.variant;
  if (!variantId) return options.fallback;
  const variants = await getCampaignVariants(options);
  return variants?.find((variant) => variant.id === variantId)?.template ?? options.fallback;
}

/** A campaign's A/B variants, retention period and webhook secret, set when it is created. */
export async function setCampaignAnalytics(options: {
  db: Queryable;
  id: string;
  variants?: readonly Variant[];
  retentionDays: number;
  webhookSecret?: string;
}): Promise<void> {
  await options.db.query(
    'update campaigns set variants = $2::jsonb, retention_days = $3, webhook_secret = $4 where id = $1',
    [
      options.id,
      options.variants ? JSON.stringify(options.variants) : null,
      options.retentionDays,
      options.webhookSecret ?? null,
    ],
  );
}
