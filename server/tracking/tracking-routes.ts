import type { FastifyInstance } from 'fastify';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { z } from 'zod';
import { findTemplate } from '../../templates/registry.ts';
import { findCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { eventTypes, recordEvent } from '../store/events.ts';
import { findRecipientByToken, markOptedOut, type Recipient } from '../store/recipients.ts';
import { choosePlan, planQuery } from './choose-plan.ts';
import { interactiveServerEvents } from './interactive-routes.ts';
import { linkToken, readPageBody, unknownLink } from './link-recipient.ts';
import { makePayRedirect } from './make-pay-redirect.ts';
import { OptOutPage } from './OptOutPage.tsx';

const token = linkToken;
/** Events the server records itself (clicks on its redirect, opt-outs, answers); a page may not report them. */
const serverEvents = new Set<string>(['click_pay', 'click_plan', 'opt_out', ...interactiveServerEvents]);
/** Events a page may report. */
const pageEvent = z.object({ token, type: z.enum(eventTypes.filter((type) => !serverEvents.has(type)) as [string, ...string[]]) });
const clickParams = z.object({ token, target: z.enum(['pay', 'plan'], { error: 'target must be pay or plan' }) });
const tokenParams = z.object({ token });

/**
 * Public tracking endpoints: page events (beacons from the page's script), CTA clicks (a
 * tracked redirect to the campaign's pay URL only) and the opt-out.
 */
export function trackingRoutes(options: { db: Db; findSiteCss: () => Promise<string | undefined>; perMinute: number }) {
  const { db } = options;
  const requireRecipient = async (value: string): Promise<Recipient> => {
    const recipient = await findRecipientByToken({ db, token: value });
    if (!recipient) throw unknownLink(value);
    return recipient;
  };
  const limited = { config: { rateLimit: { max: options.perMinute, timeWindow: '1 minute' } } };
  return async function register(app: FastifyInstance) {
    app.post('/t/e', limited, async (request, reply) => {
      const event = pageEvent.parse(readPageBody(request.body));
      const recipient = await requireRecipient(event.token);
      await recordEvent({ db, campaignId: recipient.campaignId, recordId: recipient.recordId, type: event.type as (typeof eventTypes)[number] });
      return reply.code(204).send();
    });

    app.get('/t/c/:token/:target', limited, async (request, reply) => {
      const params = clickParams.parse(request.params);
      const recipient = await requireRecipient(params.token);
      const campaign = await findCampaign({ db, id: recipient.campaignId });
      if (!campaign) throw unknownLink(params.token);
      // A plan chosen on the page is checked against the rules before anything is recorded.
      const { plan: months } = planQuery.parse(request.query);
      const plan = months === undefined ? undefined : choosePlan({ campaign, recipient, months });
      const intent = plan ? 'plan' : params.target;
      await recordEvent({ db, campaignId: campaign.id, recordId: recipient.recordId, type: intent === 'pay' ? 'click_pay' : 'click_plan' });
      if (plan) await recordEvent({ db, campaignId: campaign.id, recordId: recipient.recordId, type: 'plan_chosen' });
      return reply
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-store')
        .redirect(makePayRedirect({ payUrl: campaign.payUrl, payRef: recipient.payRef, intent, plan }), 302);
    });

    const optOutPage = async (recipient: Recipient, done: boolean) => {
      const campaign = await findCampaign({ db, id: recipient.campaignId });
      const template = campaign ? findTemplate(campaign.templateId) : undefined;
      const record = template?.schema.safeParse(recipient.data);
      if (!template || !record?.success) throw unknownLink(recipient.token);
      const { copy } = template.getPageContent(record.data);
      const css = await options.findSiteCss();
      return `<!doctype html>${renderToStaticMarkup(createElement(OptOutPage, { lang: recipient.locale, copy, done, css: css && `/${css}` }))}`;
    };

    app.get('/t/o/:token', limited, async (request, reply) => {
      const recipient = await requireRecipient(tokenParams.parse(request.params).token);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(await optOutPage(recipient, false));
    });

    app.post('/t/o/:token', limited, async (request, reply) => {
      const recipient = await requireRecipient(tokenParams.parse(request.params).token);
      await markOptedOut({ db, token: recipient.token });
      await recordEvent({ db, campaignId: recipient.campaignId, recordId: recipient.recordId, type: 'opt_out' });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(await optOutPage(recipient, true));
    });
  };
}
