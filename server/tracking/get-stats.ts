import { getAmountsByCurrency } from '../store/amounts-by-currency.ts';
import { getCampaign, getCampaignCounts, type CampaignCounts } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';
import { getEventTotals } from '../store/events.ts';
import { totalByCurrency, type CurrencyTotal } from './total-by-currency.ts';

/** Funnel counts: distinct recipients at each step, from links issued to clicks. */
export type Funnel = {
  issued: number;
  viewed: number;
  played: number;
  reached25: number;
  reached50: number;
  reached75: number;
  completed: number;
  clickedPay: number;
  clickedPlan: number;
  optedOut: number;
};

export type CampaignStats = {
  campaign: string;
  template: string;
  counts: CampaignCounts;
  funnel: Funnel;
  clicks: { pay: number; plan: number };
  amounts: CurrencyTotal[];
};

/** A campaign's record counts, its funnel (recipients who viewed, played, completed, clicked) and money owed and recovered per currency. */
export async function getStats(options: { db: Queryable; campaignId: string }): Promise<CampaignStats> {
  const campaign = await getCampaign({ db: options.db, id: options.campaignId });
  const counts = await getCampaignCounts({ db: options.db, id: campaign.id });
  const events = await getEventTotals({ db: options.db, campaignId: campaign.id });
  return {
    campaign: campaign.id,
    template: `${campaign.templateId}@${campaign.templateVersion}`,
    counts,
    funnel: {
      issued: counts.published,
      viewed: events.view.recipients,
      played: events.play.recipients,
      reached25: events.progress_25.recipients,
      reached50: events.progress_50.recipients,
      reached75: events.progress_75.recipients,
      completed: events.complete.recipients,
      clickedPay: events.click_pay.recipients,
      clickedPlan: events.click_plan.recipients,
      optedOut: events.opt_out.recipients,
    },
    clicks: { pay: events.click_pay.events, plan: events.click_plan.events },
    amounts: totalByCurrency(await getAmountsByCurrency({ db: options.db, campaignId: campaign.id })),
  };
}
