import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KindlyError, NotFoundError } from '../errors.ts';
import { requireValidInput } from '../require-valid-input.ts';
import { checkStorable, isStorableText } from '../storable-text.ts';
import type { Db } from '../store/db.ts';
import { insertPayments } from '../store/payments.ts';
import { findRecordIdByPayRef } from '../store/recipient-ids.ts';
import { findWebhookSecret } from '../store/webhook-secrets.ts';
import { parseJsonText } from './parse-json-text.ts';
import { verifyWebhookSignature } from './verify-webhook-signature.ts';

/** Checked against when no campaign secret applies: no sender can sign with it. */
const unguessable = crypto.randomBytes(32).toString('hex');
const params = z.object({ campaignId: z.string().min(1).max(200) });
const paymentBody = z.object({
  paymentId: z.string().min(1).max(200),
  /** The opaque payment reference the pay redirect added as `ref`. */
  ref: z.string().min(1).max(200),
  amount: z.number().positive().max(1e12),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'currency must be an ISO 4217 code like EUR' })
    .optional(),
  paidAt: z.iso
    .datetime({ offset: true, error: 'paidAt must be an ISO date-time like 2027-03-15T10:00:00Z' })
    .optional(),
});
const schema = {
  tags: ['payments'],
  summary: 'Report a payment (signed by the payment provider)',
  description:
    'Signed with HMAC-SHA256 over `<kindly-timestamp>.<raw body>` in the kindly-signature header, with the campaign secret or KINDLY_WEBHOOK_SECRET; at most five minutes old.',
  security: [],
  params,
  // JSON text, read once the signature over its exact bytes is checked.
  body: z.preprocess((body) => parseJsonText(typeof body === 'string' ? body : ''), paymentBody),
  response: { 201: z.object({ recorded: z.string() }) },
};

/**
 * POST /hooks/payments/:campaignId: the payment provider reports a payment. The request is
 * signed (HMAC-SHA256 over timestamp and raw body, with the campaign's secret or
 * KINDLY_WEBHOOK_SECRET), at most five minutes old, and each payment id is stored once: a
 * replay is refused with 409 and changes nothing. A wrong signature and an unknown campaign get
 * the same 401.
 */
export function paymentWebhookRoutes(options: { db: Db; secret: string | undefined }): FastifyPluginAsyncZod {
  const { db } = options;
  return async (app) => {
    // The signature covers the exact bytes sent: keep them as text (the schema reads the JSON in them).
    const sent = new WeakMap<FastifyRequest, string>();
    app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (request, body, done) => {
      sent.set(request, body as string);
      done(null, body);
    });
    // Refusals are thrown where each part is read (requireValidInput): the signature is checked before the body.
    app.post(
      '/hooks/payments/:campaignId',
      { config: { access: 'public' }, attachValidation: true, schema },
      async (request, reply) => {
        requireValidInput({ request, part: 'params' });
        const { campaignId } = request.params;
        const campaign = isStorableText(campaignId) ? await findWebhookSecret({ db, campaignId }) : undefined;
        const secret = campaign?.secret ?? options.secret;
        if (!campaign || !secret)
          request.log.warn(
            'payment webhook refused: no such campaign, or no secret to check it with (give the campaign a webhookSecret or set KINDLY_WEBHOOK_SECRET)',
          );
        const raw = sent.get(request) ?? '';
        const header = (name: string) => [request.headers[name]].flat()[0];
        // An unknown campaign fails the signature check exactly as a wrong signature does, so the answer cannot tell campaign ids apart.
        verifyWebhookSignature({
          secret: (campaign && secret) || unguessable,
          timestamp: header('kindly-timestamp'),
          signature: header('kindly-signature'),
          body: raw,
        });
        requireValidInput({ request, part: 'body' });
        const body = request.body;
        checkStorable({ value: body, what: 'the payment' });
        const recordId = await findRecordIdByPayRef({ db, campaignId, payRef: body.ref });
        if (!recordId)
          throw new NotFoundError({
            problem: 'No recipient of this campaign has this payment reference',
            value: body.ref,
            fix: 'Send the ref the pay redirect added to the checkout URL',
          });
        const stored = await insertPayments({
          db,
          campaignId,
          payments: [
            {
              paymentId: body.paymentId,
              recordId,
              amount: body.amount,
              currency: body.currency,
              paidAt: body.paidAt ?? new Date().toISOString(),
              source: 'webhook',
            },
          ],
        });
        if (stored.size === 0) {
          throw new KindlyError({
            problem: 'This payment id was already recorded; nothing changed',
            value: body.paymentId,
            fix: 'Nothing to do: each payment counts once',
            statusCode: 409,
          });
        }
        return reply.code(201).send({ recorded: body.paymentId });
      },
    );
  };
}
