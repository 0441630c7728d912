import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { controlCampaign, operatorActions } from '../campaigns/control-campaign.ts';
import { takeDownCampaign } from '../campaigns/take-down-campaign.ts';
import { describeEmpty } from '../describe-response.ts';
import { NotFoundError } from '../errors.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { eraseRecipient } from '../publish/erase-recipient.ts';
import type { Publisher } from '../publish/publisher.ts';
import type { SegmentCache } from '../render/segment-cache.ts';
import { getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { campaignAnswer, campaignParams, recipientParams } from './campaign-body.ts';
import { setAuditDetails } from '../audit-details.ts';

const actionParams = campaignParams.extend({
  action: z.enum(operatorActions, { error: 'action must be start, pause, resume, cancel or retry' }),
});

const actionResponse = z.object({ campaign: campaignAnswer, enqueued: z.number(), requeued: z.number() });

/** Start, pause, resume, cancel, retry failed; unpublish a campaign; erase one recipient. */
export function campaignActionRoutes(options: {
  db: Db;
  runner: JobRunner;
  publisher: Publisher;
  segmentCache?: SegmentCache;
}): FastifyPluginAsyncZod {
  const { db } = options;
  return async (app) => {
    app.post(
      '/api/campaigns/:id/:action',
      {
        config: { access: 'operator', audit: 'campaign-:action' },
        schema: {
          tags: ['campaigns'],
          summary: 'Start, pause, resume, cancel a campaign or retry its failures',
          params: actionParams,
          response: { 200: actionResponse },
        },
      },
      async (request) => {
        const { campaign, enqueued, requeued } = await controlCampaign({
          db,
          runner: options.runner,
          id: request.params.id,
          action: request.params.action,
        });
        return { campaign, enqueued, requeued };
      },
    );

    app.delete(
      '/api/campaigns/:id/published',
      {
        config: { access: 'operator', audit: 'unpublish' },
        schema: {
          tags: ['campaigns'],
          summary: "Take a campaign's pages down from the CDN",
          params: campaignParams,
          response: { 200: z.object({ removed: z.number() }) },
        },
      },
      async (request) => {
        return takeDownCampaign({ db, runner: options.runner, publisher: options.publisher, id: request.params.id });
      },
    );

    app.delete(
      '/api/campaigns/:id/recipients/:recordId',
      {
        config: { access: 'operator', audit: 'erase-recipient' },
        schema: {
          tags: ['recipients'],
          summary: 'Erase one recipient, their page and personal media',
          params: recipientParams,
          response: { 204: describeEmpty({ description: 'Erased' }) },
        },
      },
      async (request, reply) => {
        // Only a call that reached here names the record; one refused before it does not.
        setAuditDetails(request, { recordId: request.params.recordId });
        await getCampaign({ db, id: request.params.id });
        const { anonymousId } = await eraseRecipient({
          db,
          publisher: options.publisher,
          segmentCache: options.segmentCache,
          campaignId: request.params.id,
          recordId: request.params.recordId,
        }).catch((error: unknown) => {
          // An id that names no recipient (perhaps one erased before) is not kept: it may be a debtor's.
          if (error instanceof NotFoundError) setAuditDetails(request, { recordId: 'not found' });
          throw error;
        });
        // The entry that the erasure happened names the debtor's anonymous id, like every entry about them now.
        setAuditDetails(request, { recordId: anonymousId });
        return reply.code(204).send();
      },
    );
  };
}
