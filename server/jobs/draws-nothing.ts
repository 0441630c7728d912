import { findTemplate } from '../../templates/registry.ts';
import { resolvePlayback } from '../campaign-options.ts';
import type { Campaign } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';
import { getCampaignVariants } from '../store/variants.ts';

/**
 * Whether every page of a campaign is live, so publishing draws nothing for anyone: its template
 * and every A/B variant's resolve to `live` playback. Such a campaign is published in batches; one
 * with a rendered variant is rendered one recipient at a time, within the renders' own limit.
 */
export async function drawsNothing(options: { db: Queryable; campaign: Campaign }): Promise<boolean> {
  const { campaign } = options;
  const variants = (await getCampaignVariants({ db: options.db, campaignId: campaign.id })) ?? [];
  return [campaign.templateId, ...variants.map((variant) => variant.template)].every((id) => {
    const template = findTemplate(id);
    return template !== undefined && resolvePlayback({ campaign, template }) === 'live';
  });
}
