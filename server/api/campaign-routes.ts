import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listCampaigns } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { getStats } from '../tracking/get-stats.ts';
import { requireApiKey } from './require-api-key.ts';

const campaignParams = z.object({ id: z.string().min(1).max(200) });

/** Admin routes over campaigns; every one needs the API key. */
export function campaignRoutes(options: { db: Db; apiKey: string | undefined }) {
  return async function register(app: FastifyInstance) {
    app.addHook('preHandler', requireApiKey({ apiKey: options.apiKey }));
    app.get('/api/campaigns', async () => ({ campaigns: await listCampaigns({ db: options.db }) }));
    app.get('/api/campaigns/:id/stats', async (request) => getStats({ db: options.db, campaignId: campaignParams.parse(request.params).id }));
  };
}
