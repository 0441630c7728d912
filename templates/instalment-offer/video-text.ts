import type { Branded } from '../brand/branded.ts';
import type { DebtRecord } from '../debt-record-schema.ts';
import { fillCopy, formatDate, formatMoney } from '../format.ts';
import { defaultPlanRules } from '../interactive/plan-rules.ts';
import { computeInstalments } from '../plans/compute-instalments.ts';
import { getReferenceCopy } from '../reference-copy.ts';
import { instalmentOfferCopy } from './copy.ts';

/** The plans the video offers: the default plan lengths, none below the default smallest instalment. */
const videoPlans = { months: defaultPlanRules.months, minimumInstalment: defaultPlanRules.minimumInstalment };

/** The text each scene of `instalment-offer` shows for one recipient: the video, captions and page read the same. */
export function getInstalmentOfferText(record: Branded<DebtRecord>) {
  const copy = getReferenceCopy({ copy: instalmentOfferCopy, record });
  const money = (amount: number) => formatMoney({ amount, currency: record.currency, locale: record.locale });
  const plans = computeInstalments({ amount: record.amount, currency: record.currency, ...videoPlans }).map((plan) =>
    fillCopy(copy.planOption, { months: String(plan.months), instalment: money(plan.instalment) }),
  );
  return {
    copy,
    intro: { title: copy.introTitle, subtitle: copy.introSubtitle },
    personal: {
      greeting: copy.greeting,
      lead: copy.lead,
      totalLabel: copy.totalLabel,
      total: money(record.amount),
      plansHeading: copy.plansHeading,
      plans,
    },
    message: { title: copy.messageTitle, body: copy.messageBody },
    outro: { title: copy.outroTitle, subtitle: copy.outroSubtitle, payProvider: record.brand?.payProviderLabel },
    greeting: copy.greeting,
    facts: {
      amount: money(record.amount),
      dueDate: formatDate({ isoDate: record.due_date, locale: record.locale }),
      invoice: record.invoice,
    },
    captions: {
      intro: [`${copy.introTitle}\n${copy.introSubtitle}`],
      plans: [`${copy.greeting}\n${copy.lead}`, `${copy.totalLabel}: ${money(record.amount)}\n${plans.join(' · ')}`],
      terms: [`${copy.messageTitle}\n${copy.messageBody}`],
      outro: [`${copy.outroTitle}\n${copy.outroSubtitle}`],
    },
  };
}

export type InstalmentOfferText = ReturnType<typeof getInstalmentOfferText>;
