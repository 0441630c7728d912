import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { controlCampaign, operatorActions } from '../campaigns/control-campaign.ts';
import { takeDownCampaign } from '../campaigns/take-down-campaign.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { eraseRecipient } from '../publish/erase-recipient.ts';
import type { Publisher } from '../publish/publisher.ts';
import type { SegmentCache } from '../render/segment-cache.ts';
import { getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { campaignParams, recipientParams } from './campaign-body.ts';

const actionParams = campaignParams.extend({ action: z.enum(operatorActions, { error: 'action must be start, pause, resume, cancel or retry' }) });

/** Start, pause, resume, cancel, retry failed; unpublish a campaign; erase one recipient. */
export function campaignActionRoutes(options: { db: Db; runner: JobRunner; publisher: Publisher; segmentCache?: SegmentCache }): FastifyPluginAsyncZod {
  const { db } = options;
  return async (app) => {
    app.post('/api/campaigns/:id/:action', { schema: { tags: ['campaigns'], params: actionParams } }, async (request) => {
      const { campaign, enqueued, requeued } = await controlCampaign({ db, runner: options.runner, id: request.params.id, action: request.params.action });
      return { campaign, enqueued, requeued };
    });

    app.delete('/api/campaigns/:id/published', { schema: { tags: ['campaigns'], params: campaignParams } }, async (request) => {
      return takeDownCampaign({ db, runner: options.runner, publisher: options.publisher, id: request.params.id });
    });

    app.delete('/api/campaigns/:id/recipients/:recordId', { schema: { tags: ['recipients'], params: recipientParams } }, async (request, reply) => {
      await getCampaign({ db, id: request.params.id });
      await eraseRecipient({ db, publisher: options.publisher, segmentCache: options.segmentCache, campaignId: request.params.id, recordId: request.params.recordId });
      return reply.code(204).send();
    });
  };
}
