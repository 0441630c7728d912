import type { FastifyInstance } from 'fastify';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { z } from 'zod';
import { findTemplate } from '../../templates/registry.ts';
import { NotFoundError } from '../errors.ts';
import { findCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { eventTypes, recordEvent } from '../store/events.ts';
import { findRecipientByToken, markOptedOut, type Recipient } from '../store/recipients.ts';
import { makePayRedirect } from './make-pay-redirect.ts';
import { OptOutPage } from './OptOutPage.tsx';

const token = z.string().regex(/^[A-Za-z0-9_-]{22}$/, { error: 'token must be the 22-character code from a personal link' });
/** Events a page may report; clicks and opt-outs are recorded by the server itself. */
const pageEvent = z.object({ token, type: z.enum(eventTypes.filter((type) => !type.startsWith('click_') && type !== 'opt_out') as [string, ...string[]]) });
const clickParams = z.object({ token, target: z.enum(['pay', 'plan'], { error: 'target must be pay or plan' }) });
const tokenParams = z.object({ token });

const unknownLink = (value: string) =>
  new NotFoundError({ problem: 'This personal link is not known', value: `${value.slice(0, 4)}…`, fix: 'Open the link exactly as it was sent' });

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
      const body = typeof request.body === 'string' ? safeJson(request.body) : request.body;
      const event = pageEvent.parse(body);
      const recipient = await requireRecipient(event.token);
      await recordEvent({ db, campaignId: recipient.campaignId, recordId: recipient.recordId, type: event.type as (typeof eventTypes)[number] });
      return reply.code(204).send();
    });

    app.get('/t/c/:token/:target', limited, async (request, reply) => {
      const params = clickParams.parse(request.params);
      const recipient = await requireRecipient(params.token);
      const campaign = await findCampaign({ db, id: recipient.campaignId });
      if (!campaign) throw unknownLink(params.token);
      await recordEvent({ db, campaignId: campaign.id, recordId: recipient.recordId, type: params.target === 'pay' ? 'click_pay' : 'click_plan' });
      return reply
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-store')
        .redirect(makePayRedirect({ payUrl: campaign.payUrl, payRef: recipient.payRef, intent: params.target }), 302);
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
