import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { z } from 'zod';
import { getInteractiveCopy } from '../../templates/interactive/interactive-copy.ts';
import { fillCopy, formatDate, formatMinor } from '../../templates/format.ts';
import { findTemplate } from '../../templates/registry.ts';
import { describeFile } from '../describe-response.ts';
import { requireValidInput } from '../require-valid-input.ts';
import { makeRecipientUrl } from '../publish/publish-recipient.ts';
import { findCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { findRecipientByPayRef } from '../store/recipients.ts';
import { listOfferedPlans } from '../tracking/choose-plan.ts';
import { getDemoCheckoutCopy } from './demo-checkout-copy.ts';
import { findSiteAsset } from './find-site-asset.ts';
import { DemoCheckoutPage, type DemoCheckoutView } from './DemoCheckoutPage.tsx';

const query = z.object({
  ref: z.string().max(64).optional(),
  intent: z.enum(['pay', 'plan']).optional(),
  plan: z.coerce.number().int().min(1).max(120).optional().catch(undefined),
});

/**
 * What the checkout shows for a payment reference: the recipient's language, the amount as their
 * page shows it, the plan chosen (recomputed here, never read from the URL) and their page's link.
 * The URL carries only the opaque reference and the choice. Only for campaigns that send their
 * debtors here and have no privacy gate: a real campaign hands its references to its payment
 * provider, and whoever reads them there (its logs, a support ticket) must not learn from this
 * page the amount or the personal link; behind a gate the page shows nothing the gate guards.
 */
async function viewCheckout(options: {
  db: Db;
  path: string;
  reference: string | undefined;
  intent: 'pay' | 'plan';
  months: number | undefined;
}): Promise<DemoCheckoutView> {
  const reference = options.reference ?? '';
  const recipient = reference ? await findRecipientByPayRef({ db: options.db, payRef: reference }) : undefined;
  const found = recipient && (await findCampaign({ db: options.db, id: recipient.campaignId }));
  const campaign = found && !found.privacyGate && new URL(found.payUrl).pathname === options.path ? found : undefined;
  const template = campaign && findTemplate(campaign.templateId);
  const record = template?.schema.safeParse(recipient?.data);
  if (!recipient || !campaign || !template || !record?.success)
    return { lang: 'en-GB', copy: getDemoCheckoutCopy('en-GB'), intent: options.intent, reference };
  const locale = recipient.locale;
  const { copy, facts } = template.getPageContent(record.data);
  const { plans, currency } = listOfferedPlans({ campaign, recipient });
  const chosen = options.intent === 'plan' ? plans.find((plan) => plan.months === options.months) : undefined;
  const pageCopy = getInteractiveCopy(locale);
  const money = (amountMinor: number) => formatMinor({ amountMinor, currency, locale });
  const first = chosen?.instalments[0];
  const last = chosen?.instalments.at(-1);
  const plan = chosen &&
    first &&
    last && {
      months: chosen.months,
      option: fillCopy(pageCopy.planOption, { months: String(chosen.months), instalment: money(first.amountMinor) }),
      schedule: fillCopy(pageCopy.planSchedule, {
        first: formatDate({ isoDate: first.dueDate, locale }),
        last: formatDate({ isoDate: last.dueDate, locale }),
        lastAmount: money(last.amountMinor),
      }),
    };
  const backUrl =
    recipient.state.status === 'published'
      ? recipient.state.url
      : makeRecipientUrl({ baseUrl: campaign.baseUrl, token: recipient.token });
  return {
    lang: locale,
    copy: getDemoCheckoutCopy(locale),
    intent: options.intent,
    reference,
    found: { amountLabel: copy.amountLabel, amount: facts.amount, plan, backUrl },
  };
}

/**
 * A stand-in payment page, so the demo's Pay now lands somewhere real on a machine without
 * internet: in the debtor's language, with the amount or the plan chosen and a way back.
 */
export function demoPayRoute(options: { db: Db; path: string; siteDir: string | undefined }): FastifyPluginAsyncZod {
  const schema = {
    tags: ['demo'],
    summary: 'The demo checkout page a Pay now lands on',
    security: [],
    querystring: query,
    response: { 200: describeFile({ description: 'The checkout page', type: 'text/html' }) },
  };
  return async (app) => {
    app.get(options.path, { config: { access: 'public' }, attachValidation: true, schema }, async (request, reply) => {
      requireValidInput({ request, part: 'querystring' });
      const params = request.query;
      const view = await viewCheckout({
        db: options.db,
        path: options.path,
        reference: params.ref,
        intent: params.intent ?? 'pay',
        months: params.plan,
      });
      const find = (name: string) =>
        findSiteAsset({ siteDir: options.siteDir, name, extension: 'css' }).then((found) => found && `/${found}`);
      // The page's own stylesheet, and the shipped Chinese font where the page speaks Chinese.
      const css = [await find('site'), view.lang.startsWith('zh') ? await find('fonts-tc') : undefined].filter(
        (sheet): sheet is string => Boolean(sheet),
      );
      const html = renderToStaticMarkup(createElement(DemoCheckoutPage, { ...view, css }));
      return reply
        .type('text/html; charset=utf-8')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .send(`<!doctype html>${html}`);
    });
  };
}
