import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { z } from 'zod';
import { findTemplate } from '../../templates/registry.ts';
import { describeEmpty, describeFile } from '../describe-response.ts';
import { InputError } from '../errors.ts';
import { requireValidInput } from '../require-valid-input.ts';
import { findCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { eventTypes, hasCountedView } from '../store/events.ts';
import { findRecipientByToken, markOptedOut, type Recipient } from '../store/recipients.ts';
import { classifyRequest, type Flag } from './classify-request.ts';
import type { EventBuffer } from './make-event-buffer.ts';
import { checkSameSitePost } from './check-same-site-post.ts';
import { choosePlan, planQuery } from './choose-plan.ts';
import { interactiveServerEvents } from './interactive-routes.ts';
import { linkToken, pageBody, pageBodyTypes, readMissingPageBody, unknownLink } from './link-recipient.ts';
import { makePayRedirect } from './make-pay-redirect.ts';
import { makeRecipientCache, type TrackedRecipient } from './make-recipient-cache.ts';
import { makeVisitorHasher } from './make-visitor-hasher.ts';
import { OptOutPage } from './OptOutPage.tsx';

const token = linkToken;
/** Recorded by the server itself (clicks on its redirect, opt-outs, opens, answers), never reported by a page. */
const serverEvents = new Set<string>(['click_pay', 'click_plan', 'opt_out', 'open', ...interactiveServerEvents]);
const pageTypes = eventTypes.filter((type) => !serverEvents.has(type)) as [string, ...string[]];
/** `{token, type, ...detail}`: the detail (a hotspot id, a survey score, watched seconds) is kept as it came, up to 2 KB. */
const pageEvent = pageBody(z.looseObject({ token, type: z.enum(pageTypes) }));
const clickParams = z.object({ token, target: z.enum(['pay', 'plan'], { error: 'target must be pay or plan' }) });
const tokenParams = z.object({ token });
const maxDetail = 2048;

/** A 1×1 transparent GIF: the e-mail open pixel. */
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * Public tracking endpoints: page events (beacons from the page's script), the e-mail open
 * pixel, CTA clicks (a tracked redirect to the campaign's pay URL only) and the opt-out.
 * Scanners, previews, HEAD requests and clicks too soon after delivery are stored flagged and
 * never counted. Visitors are kept as a daily-rotating salted hash, never as an address.
 */
export function trackingRoutes(options: {
  db: Db;
  events: EventBuffer;
  findSiteCss: () => Promise<string | undefined>;
  perMinute: number;
  clickGraceSeconds?: number;
  /**
   * Told of every counted page view (never a flagged one), by link: a campaign rendering on open
   * renders the recipient's video at the first. Not waited for, and its failure is only logged:
   * the view is recorded whatever becomes of it.
   */
  onCountedView?: (view: { token: string }) => Promise<unknown>;
}): FastifyPluginAsyncZod {
  const { db, events } = options;
  const recipients = makeRecipientCache({ db });
  const findTracked = recipients.find;
  const hashVisitor = makeVisitorHasher({ db });
  const graceMs = (options.clickGraceSeconds ?? 10) * 1000;
  const requireTracked = async (value: string): Promise<TrackedRecipient> => {
    const recipient = await findTracked(value);
    if (!recipient) throw unknownLink(value);
    return recipient;
  };
  const record = async (
    request: FastifyRequest,
    recipient: TrackedRecipient,
    event: { type: string; flagged: Flag | undefined; detail?: Record<string, unknown> },
  ) => {
    const userAgent = request.headers['user-agent'];
    const visitor = await hashVisitor({ address: request.ip, userAgent });
    await events.add({
      campaignId: recipient.campaignId,
      recordId: recipient.recordId,
      visitor,
      at: new Date(),
      ...event,
    });
  };
  /**
   * A click is never refused for want of storage: the redirect goes (within a second at worst)
   * and the event is kept until the store takes it. Without a salt the click still counts.
   */
  const keepClick = async (
    request: FastifyRequest,
    recipient: TrackedRecipient,
    event: { type: string; flagged: Flag | undefined; detail?: Record<string, unknown> },
  ) => {
    const visitor = await hashVisitor({ address: request.ip, userAgent: request.headers['user-agent'] }).catch(
      () => undefined,
    );
    await events.keep({
      campaignId: recipient.campaignId,
      recordId: recipient.recordId,
      visitor,
      at: new Date(),
      ...event,
    });
  };
  const flagOf = (request: FastifyRequest, kind: 'open' | 'page' | 'click') =>
    classifyRequest({ method: request.method, userAgent: request.headers['user-agent'], kind });
  /** A click with no page view within seconds of delivery is a gateway checking the link, not the debtor. */
  const isTooSoon = async (recipient: TrackedRecipient) => {
    if (!recipient.deliveredAt || Date.now() - recipient.deliveredAt.getTime() > graceMs) return false;
    return !(await hasCountedView({ db, campaignId: recipient.campaignId, recordId: recipient.recordId }));
  };
  // Refusals are thrown where each part is read (requireValidInput), so an unknown link is told before a bad body.
  const publicRoute = {
    attachValidation: true,
    config: { access: 'public' as const, rateLimit: { max: options.perMinute, timeWindow: '1 minute' } },
  };
  const tags = ['tracking'];
  return async (app) => {
    app.addHook('onClose', async () => {
      await recipients.close();
      await events.close();
    });

    app.post(
      '/t/e',
      {
        ...publicRoute,
        preValidation: readMissingPageBody,
        schema: {
          tags,
          summary: 'Record an event a page reports',
          security: [],
          consumes: pageBodyTypes,
          body: pageEvent,
          response: { 204: describeEmpty({ description: 'Recorded' }) },
        },
      },
      async (request, reply) => {
        requireValidInput({ request, part: 'body' });
        const { token: given, type, ...detail } = request.body;
        const size = JSON.stringify(detail).length;
        if (size > maxDetail)
          throw new InputError({
            problem: 'The event detail is too large',
            value: `${size} characters`,
            fix: `Send at most ${maxDetail} characters besides token and type`,
          });
        const recipient = await requireTracked(given);
        const flagged = flagOf(request, 'page');
        await record(request, recipient, { type, flagged, detail: size > 2 ? detail : undefined });
        if (type === 'view' && !flagged && options.onCountedView)
          void options
            .onCountedView({ token: given })
            .catch((error: unknown) =>
              request.log.warn({ err: error }, 'a render on open was not enqueued; the sweeper will'),
            );
        return reply.code(204).send();
      },
    );

    const gif = {
      200: describeFile({ description: 'A 1×1 transparent GIF, for known and unknown links alike', type: 'image/gif' }),
    };
    app.get(
      '/t/p/:token/pixel.gif',
      {
        ...publicRoute,
        schema: {
          tags,
          summary: 'Record an e-mail open (the open pixel)',
          security: [],
          params: tokenParams,
          response: gif,
        },
      },
      async (request, reply) => {
        const recipient = request.validationError ? undefined : await findTracked(request.params.token);
        // Unknown links get the same picture: a broken image would tell a sender nothing useful.
        if (recipient) await record(request, recipient, { type: 'open', flagged: flagOf(request, 'open') });
        return reply
          .type('image/gif')
          .header('cache-control', 'no-store, no-cache, must-revalidate, private')
          .header('pragma', 'no-cache')
          .send(pixel);
      },
    );

    const clickSchema = {
      tags,
      summary: 'Record a click and redirect to the pay URL',
      security: [],
      params: clickParams,
      querystring: planQuery,
      response: {
        302: describeEmpty({ description: "To the campaign's pay URL, with the payment reference and the intent" }),
      },
    };
    app.get('/t/c/:token/:target', { ...publicRoute, schema: clickSchema }, async (request, reply) => {
      requireValidInput({ request, part: 'params' });
      const params = request.params;
      // A redirect is rare and must never follow an erased link: asked of the store every time.
      const recipient = await recipients.findFresh(params.token);
      if (!recipient) throw unknownLink(params.token);
      const campaign = await findCampaign({ db, id: recipient.campaignId });
      if (!campaign) throw unknownLink(params.token);
      // A plan chosen on the page is checked against the rules before anything is recorded.
      requireValidInput({ request, part: 'querystring' });
      const { plan: months } = request.query;
      const plan =
        months === undefined
          ? undefined
          : choosePlan({ campaign, recipient: await requireRecipient(params.token), months });
      const intent = plan ? 'plan' : params.target;
      const flagged =
        flagOf(request, 'click') ?? ((await isTooSoon(recipient).catch(() => false)) ? 'too_soon' : undefined);
      await keepClick(request, recipient, { type: intent === 'pay' ? 'click_pay' : 'click_plan', flagged });
      if (plan) await keepClick(request, recipient, { type: 'plan_chosen', flagged, detail: { months: plan.months } });
      return reply
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-store')
        .redirect(makePayRedirect({ payUrl: campaign.payUrl, payRef: recipient.payRef, intent, plan }), 302);
    });

    const requireRecipient = async (value: string): Promise<Recipient> => {
      const recipient = await findRecipientByToken({ db, token: value });
      if (!recipient) throw unknownLink(value);
      return recipient;
    };
    const optOutPage = async (recipient: Recipient, done: boolean) => {
      const campaign = await findCampaign({ db, id: recipient.campaignId });
      const template = campaign ? findTemplate(campaign.templateId) : undefined;
      const parsed = template?.schema.safeParse(recipient.data);
      if (!template || !parsed?.success) throw unknownLink(recipient.token);
      const { copy } = template.getPageContent(parsed.data);
      const css = await options.findSiteCss();
      return `<!doctype html>${renderToStaticMarkup(createElement(OptOutPage, { lang: recipient.locale, copy, done, css: css && `/${css}` }))}`;
    };

    app.get(
      '/t/o/:token',
      {
        ...publicRoute,
        schema: {
          tags,
          summary: 'Show the opt-out page',
          security: [],
          params: tokenParams,
          response: { 200: describeFile({ description: 'The opt-out page', type: 'text/html' }) },
        },
      },
      async (request, reply) => {
        requireValidInput({ request, part: 'params' });
        const recipient = await requireRecipient(request.params.token);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(await optOutPage(recipient, false));
      },
    );

    const optOutSchema = {
      tags,
      summary: 'Opt out of the campaign (the form on the opt-out page)',
      security: [],
      params: tokenParams,
      response: { 200: describeFile({ description: 'The opt-out page, saying it is done', type: 'text/html' }) },
    };
    app.post('/t/o/:token', { ...publicRoute, schema: optOutSchema }, async (request, reply) => {
      checkSameSitePost(request);
      requireValidInput({ request, part: 'params' });
      const recipient = await requireRecipient(request.params.token);
      await markOptedOut({ db, token: recipient.token });
      await record(request, { ...recipient, deliveredAt: undefined }, { type: 'opt_out', flagged: undefined });
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(await optOutPage(recipient, true));
    });
  };
}
