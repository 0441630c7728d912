import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../errors.ts';
import { findCampaign, type Campaign } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';
import { findRecipientByToken, type Recipient } from '../store/recipients.ts';
import { checkStorable } from '../storable-text.ts';
import { parseJsonText } from './parse-json-text.ts';

/** The opaque code of a personal link. */
export const linkToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, { error: 'token must be the 22-character code from a personal link' });

export const unknownLink = (value: string) =>
  new NotFoundError({
    problem: 'This personal link is not known',
    value: `${value.slice(0, 4)}…`,
    fix: 'Open the link exactly as it was sent',
  });

/** The recipient and campaign behind a personal link, or a 404 that shows only the link's first characters. */
export async function getLinkRecipient(options: {
  db: Queryable;
  token: string;
}): Promise<{ recipient: Recipient; campaign: Campaign }> {
  const recipient = await findRecipientByToken(options);
  const campaign = recipient && (await findCampaign({ db: options.db, id: recipient.campaignId }));
  if (!recipient || !campaign) throw unknownLink(options.token);
  return { recipient, campaign };
}

/** How pages send their bodies: text/plain needs no preflight. */
export const pageBodyTypes = ['text/plain', 'application/json'];

/**
 * The schema of a page's POST body, as routes declare it: JSON sent as text/plain (a simple
 * request, no preflight) or as application/json, then `schema`. A body the store cannot hold (NUL,
 * a broken surrogate pair, nesting past 64 levels) is refused first with that Kindly error, carried
 * in the issue's `params.refusal` (see `requireValidInput`), so it never reaches a batch shared with
 * other visitors. Routes pair it with `readMissingPageBody`.
 */
export function pageBody<Schema extends z.core.$ZodType>(schema: Schema) {
  return z.preprocess((body, context) => {
    const value = typeof body === 'string' ? parseJsonText(body) : body;
    try {
      checkStorable({ value, what: 'the body' });
    } catch (refusal) {
      context.addIssue({ code: 'custom', message: (refusal as Error).message, params: { refusal } });
    }
    return value;
  }, schema);
}

/**
 * A preValidation hook for routes with a page body: a request without one is read as empty text,
 * as fastify hands a missing body to schemas as null, which is a JSON body of its own.
 */
export async function readMissingPageBody(request: FastifyRequest): Promise<void> {
  if (request.body === undefined) request.body = '';
}
