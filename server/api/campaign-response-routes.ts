import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toCsvLine } from '../to-csv-line.ts';
import { getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { listResponses, responseKinds, type ResponseKind } from '../store/responses.ts';
import { campaignParams } from './campaign-body.ts';

const responsesQuery = z.object({
  kind: z.enum(responseKinds, { error: `kind must be one of ${responseKinds.join(', ')}` }).optional(),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** What debtors sent from their pages (already paid, disputes, call-backs, survey answers), per campaign, as JSON pages or one CSV. */
export function campaignResponseRoutes(options: { db: Db }): FastifyPluginAsyncZod {
  const { db } = options;
  return async (app) => {
    app.get('/api/campaigns/:id/responses', { schema: { tags: ['responses'], params: campaignParams, querystring: responsesQuery } }, async (request) => {
      const campaign = await getCampaign({ db, id: request.params.id });
      const { kind, after, limit } = request.query;
      const responses = await listResponses({ db, campaignId: campaign.id, kind, afterId: after, limit });
      return { responses, next: responses.length === limit ? responses.at(-1)?.id : undefined };
    });

    app.get('/api/campaigns/:id/responses.csv', { schema: { tags: ['responses'], params: campaignParams } }, async (request, reply) => {
      const campaign = await getCampaign({ db, id: request.params.id });
      return reply
        .headers({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${campaign.id}-responses.csv"`, 'cache-control': 'no-store' })
        .send(Readable.from(makeResponsesCsv({ db, campaignId: campaign.id })));
    });
  };
}

/** One line per response: id, record id, kind, when, and the form's fields as JSON (debtor text is defused for spreadsheets). */
async function* makeResponsesCsv(options: { db: Db; campaignId: string; kind?: ResponseKind }): AsyncGenerator<string> {
  yield toCsvLine(['id', 'record_id', 'kind', 'created_at', 'data']);
  for (let afterId = 0; ; ) {
    const page = await listResponses({ db: options.db, campaignId: options.campaignId, kind: options.kind, afterId, limit: 1000 });
    if (page.length === 0) return;
    for (const response of page) yield toCsvLine([response.id, response.recordId, response.kind, response.createdAt, JSON.stringify(response.data)]);
    afterId = page.at(-1)?.id ?? afterId;
  }
}
