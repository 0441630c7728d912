import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formBodies, gateBody, surveyBody } from '../../templates/interactive/response-bodies.ts';
import { findTemplate } from '../../templates/registry.ts';
import { KindlyError, NotFoundError } from '../errors.ts';
import { requireValidInput } from '../require-valid-input.ts';
import type { Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { recordEvent } from '../store/events.ts';
import { countGateFailures, findGateShare, recordGateAttempt } from '../store/gate.ts';
import { insertResponse } from '../store/responses.ts';
import { findRecipientTemplateId } from '../store/variants.ts';
import { checkGateAnswer } from './check-gate-answer.ts';
import { getLinkRecipient, linkToken, pageBody, pageBodyTypes, readMissingPageBody } from './link-recipient.ts';

/** Events the interactive routes record; pages may not report them themselves. */
export const interactiveServerEvents = [
  'gate_passed',
  'plan_chosen',
  'form_paid',
  'form_dispute',
  'form_callback',
  'survey',
] as const;

/** Wrong answers allowed per link in the window before its gate locks for the rest of the window. */
export const gateLimit = { failures: 5, windowSeconds: 15 * 60 };

const formParams = z.object({
  token: linkToken,
  kind: z.enum(['paid', 'dispute', 'callback'], { error: 'the form must be paid, dispute or callback' }),
});
const tokenParams = z.object({ token: linkToken });
const surveyRanges = { '1-5': [1, 5], '0-10': [0, 10] } as const;
/** The form's body depends on its kind: checked against `formBodies[kind]` once the link is known. */
const formBody = pageBody(z.unknown()).describe('The answers of the form named by kind, as JSON');
const received = z.object({ received: z.string() });

/** Pages may live on a CDN origin of their own: let the campaign's page origin read the answers. */
const allowPageOrigin = (reply: FastifyReply, campaign: Campaign) =>
  reply
    .header('access-control-allow-origin', new URL(campaign.baseUrl).origin)
    .header('vary', 'origin')
    .header('cache-control', 'no-store');

/**
 * Public routes of the interactive page: the privacy gate (answer checked, attempts limited per
 * link, the key share handed out only after a right answer), the self-service forms and the
 * survey. Bodies are JSON (sent as text/plain by the page), validated, stored per campaign.
 */
export function interactiveRoutes(options: { db: Db; perMinute: number }): FastifyPluginAsyncZod {
  const { db } = options;
  // Refusals are thrown where each part is read (requireValidInput), so an unknown link is told before a bad body.
  const publicRoute = {
    attachValidation: true,
    config: { access: 'public' as const, rateLimit: { max: options.perMinute, timeWindow: '1 minute' } },
  };
  const pageRoute = { ...publicRoute, preValidation: readMissingPageBody };
  const tags = ['tracking'];
  return async (app) => {
    const gateSchema = {
      tags,
      summary: "Answer the page's privacy gate",
      security: [],
      params: tokenParams,
      consumes: pageBodyTypes,
      body: pageBody(gateBody),
      response: { 200: z.object({ share: z.string() }) },
    };
    app.post('/t/g/:token', { ...pageRoute, schema: gateSchema }, async (request, reply) => {
      requireValidInput({ request, part: 'params' });
      const { token } = request.params;
      const { recipient, campaign } = await getLinkRecipient({ db, token });
      allowPageOrigin(reply, campaign);
      const share = campaign.privacyGate && (await findGateShare({ db, token }));
      if (!campaign.privacyGate || !share)
        throw new NotFoundError({
          problem: 'This page has no privacy gate',
          value: `${token.slice(0, 4)}…`,
          fix: 'Open the page without answering',
        });
      requireValidInput({ request, part: 'body' });
      const { answer } = request.body;
      const failures = await countGateFailures({ db, token, windowSeconds: gateLimit.windowSeconds });
      if (failures >= gateLimit.failures) {
        throw new KindlyError({
          problem: 'Too many wrong answers for this link',
          value: failures,
          fix: `Wait ${gateLimit.windowSeconds / 60} minutes and try again`,
          statusCode: 429,
        });
      }
      const passed = checkGateAnswer({ answer, expected: recipient.data[campaign.privacyGate.field] });
      await recordGateAttempt({ db, token, passed });
      if (!passed) {
        const left = gateLimit.failures - failures - 1;
        throw new KindlyError({
          problem: 'The answer does not match',
          value: `${left} tries left`,
          fix: 'Check the detail asked for and try again',
          statusCode: 403,
        });
      }
      await recordEvent({ db, campaignId: campaign.id, recordId: recipient.recordId, type: 'gate_passed' });
      return { share };
    });

    const formSchema = {
      tags,
      summary: 'Send a self-service form (paid, dispute or callback)',
      security: [],
      params: formParams,
      consumes: pageBodyTypes,
      body: formBody,
      response: { 201: received },
    };
    app.post('/t/f/:token/:kind', { ...pageRoute, schema: formSchema }, async (request, reply) => {
      requireValidInput({ request, part: 'params' });
      const { token, kind } = request.params;
      const { recipient, campaign } = await getLinkRecipient({ db, token });
      allowPageOrigin(reply, campaign);
      requireValidInput({ request, part: 'body' });
      const data = formBodies[kind].parse(request.body);
      await insertResponse({ db, campaignId: campaign.id, recordId: recipient.recordId, kind, data });
      await recordEvent({ db, campaignId: campaign.id, recordId: recipient.recordId, type: `form_${kind}` });
      return reply.code(201).send({ received: kind });
    });

    const surveySchema = {
      tags,
      summary: 'Answer the survey',
      security: [],
      params: tokenParams,
      consumes: pageBodyTypes,
      body: pageBody(surveyBody),
      response: { 201: received },
    };
    app.post('/t/s/:token', { ...pageRoute, schema: surveySchema }, async (request, reply) => {
      requireValidInput({ request, part: 'params' });
      const { token } = request.params;
      const { recipient, campaign } = await getLinkRecipient({ db, token });
      allowPageOrigin(reply, campaign);
      // The page asked on its own template's scale: the recipient's A/B variant's, else the campaign's.
      const templateId = await findRecipientTemplateId({
        db,
        campaignId: campaign.id,
        recordId: recipient.recordId,
        fallback: campaign.templateId,
      });
      const scale = findTemplate(templateId)?.survey?.scale;
      if (!scale)
        throw new NotFoundError({
          problem: 'This page has no survey',
          value: templateId,
          fix: 'Add survey to the template definition',
        });
      requireValidInput({ request, part: 'body' });
      const data = request.body;
      const [low, high] = surveyRanges[scale];
      if (data.score < low || data.score > high)
        throw new KindlyError({
          problem: `score must be from ${low} to ${high}`,
          value: data.score,
          fix: `Answer on the ${scale} scale`,
        });
      // The answer's one home is the responses table (analytics count it there); the event only marks that one came.
      await insertResponse({
        db,
        campaignId: campaign.id,
        recordId: recipient.recordId,
        kind: 'survey',
        data: { ...data, scale },
      });
      await recordEvent({ db, campaignId: campaign.id, recordId: recipient.recordId, type: 'survey' });
      return reply.code(201).send({ received: 'survey' });
    });
  };
}
