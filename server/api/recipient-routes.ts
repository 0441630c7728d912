import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isStorableText, unstorableReason } from '../storable-text.ts';
import { rerenderRecipient } from '../campaigns/rerender-recipient.ts';
import { NotFoundError } from '../errors.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Db } from '../store/db.ts';
import { findRecipientsByRecordId } from '../store/recipient-timeline.ts';
import { campaignAnswer, recipientParams } from './campaign-body.ts';
import { setAuditDetails } from '../audit-details.ts';
import { getRecipientDetail, recipientDetail } from './recipient-detail.ts';

/** The most matches a search answers with. */
const maxMatches = 50;

const searchQuery = z.object({
  /** The creditor's id for the debtor, exactly (the id column of links.csv). */
  recordId: z
    .string({ error: 'recordId must be the record id to look for' })
    .trim()
    .min(1, { error: 'recordId must be the record id to look for' })
    .max(200, { error: 'recordId is longer than 200 characters; give the id column of links.csv' })
    .refine(isStorableText, { error: `recordId ${unstorableReason}` }),
});

const searchAnswer = z.object({
  matches: z.array(
    z.object({
      campaignId: z.string(),
      recordId: z.string(),
      status: z.enum(['queued', 'rendering', 'published', 'failed']),
    }),
  ),
});

/** A refused lookup may name a debtor: its entry keeps that it found nothing, not the id. */
const keepNotFound = (request: Parameters<typeof setAuditDetails>[0]) => (error: unknown) => {
  if (error instanceof NotFoundError) setAuditDetails(request, { recordId: 'not found' });
  throw error;
};

/**
 * One debtor, found: the exact search by record id across campaigns, one recipient's detail
 * (state, link, timeline, responses, payments, hold), and rendering one recipient again (with a runner).
 */
export function recipientRoutes(options: { db: Db; runner?: JobRunner }): FastifyPluginAsyncZod {
  const { db } = options;
  return async (app) => {
    app.get(
      '/api/recipients',
      {
        config: { access: 'operator', audit: 'recipient-search' },
        schema: {
          tags: ['recipients'],
          summary: 'Find the recipients with exactly this record id, across campaigns',
          querystring: searchQuery,
          response: { 200: searchAnswer },
        },
      },
      async (request) => {
        const { recordId } = request.query;
        const matches = await findRecipientsByRecordId({ db, recordId, limit: maxMatches });
        // The id looked for is kept in the entry's record id only, and only when someone has it.
        setAuditDetails(request, {
          recordId: matches.length > 0 ? recordId : 'not found',
          detail: `${matches.length} found`,
        });
        return { matches };
      },
    );

    app.get(
      '/api/campaigns/:id/recipients/:recordId',
      {
        config: { access: 'operator', audit: 'recipient-read' },
        schema: {
          tags: ['recipients'],
          summary: "One recipient's state, link, events (counted and not), responses, payments and hold",
          params: recipientParams,
          response: { 200: recipientDetail },
        },
      },
      async (request) => {
        const { id, recordId } = request.params;
        const detail = await getRecipientDetail({ db, campaignId: id, recordId }).catch(keepNotFound(request));
        setAuditDetails(request, { recordId });
        return detail;
      },
    );

    const { runner } = options;
    if (!runner) return;
    app.post(
      '/api/campaigns/:id/recipients/:recordId/render',
      {
        config: { access: 'operator', audit: 'rerender-recipient' },
        schema: {
          tags: ['recipients'],
          summary: "Render one recipient's video and page again, at the same link",
          params: recipientParams,
          response: { 200: z.object({ campaign: campaignAnswer, enqueued: z.number() }) },
        },
      },
      async (request) => {
        const { id, recordId } = request.params;
        // Only a re-render that happened names the record: a refused id may be mistyped, or an erased debtor's.
        const { campaign, enqueued } = await rerenderRecipient({ db, runner, id, recordId }).catch(
          keepNotFound(request),
        );
        setAuditDetails(request, { recordId });
        return { campaign, enqueued };
      },
    );
  };
}
