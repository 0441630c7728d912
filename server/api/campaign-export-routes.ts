import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeFile } from '../describe-response.ts';
import { checkDelivery } from '../delivery/check-delivery.ts';
import { listDeliveryEntries } from '../delivery/list-delivery-entries.ts';
import { deliveryFormats, makeDeliveryFile } from '../delivery/make-delivery-files.ts';
import { makeLinksCsv, makeRejectsCsv } from '../publish/campaign-csv.ts';
import { getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { listRecipients } from '../store/recipients.ts';
import { listRejects } from '../store/rejects.ts';
import { campaignParams } from './campaign-body.ts';

const csvFile = describeFile({ description: 'A CSV file', type: 'text/csv' });
const rejectsQuery = z.object({
  /** The `next` of the previous page: rejects stored after this one. */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const rejectsResponse = z.object({
  rejects: z.array(
    z.object({ id: z.number(), row: z.number(), field: z.string(), value: z.string(), reason: z.string() }),
  ),
  next: z.number().nullable(),
});
const failuresResponse = z.object({
  failures: z.array(z.object({ recordId: z.string(), row: z.number(), attempts: z.number(), error: z.string() })),
});

/**
 * The operator's downloads: links.csv, rejects.csv, the delivery kit (CSV or JSON); and the
 * rejects (a page at a time) and failures with their reasons.
 */
export function campaignExportRoutes(options: { db: Db }): FastifyPluginAsyncZod {
  const { db } = options;
  const csv = (name: string) => ({
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });
  return async (app) => {
    app.get(
      '/api/campaigns/:id/links.csv',
      {
        config: { access: 'operator', audit: 'export-links' },
        schema: {
          tags: ['exports'],
          summary: 'Download the personal links (CSV)',
          params: campaignParams,
          response: { 200: csvFile },
        },
      },
      async (request, reply) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        return reply.headers(csv(`${campaign.id}-links.csv`)).send(Readable.from(makeLinksCsv({ db, campaign })));
      },
    );

    app.get(
      '/api/campaigns/:id/rejects.csv',
      {
        config: { access: 'operator', audit: 'export-rejects' },
        schema: {
          tags: ['exports'],
          summary: 'Download the rejected records with their reasons (CSV)',
          params: campaignParams,
          response: { 200: csvFile },
        },
      },
      async (request, reply) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        return reply
          .headers(csv(`${campaign.id}-rejects.csv`))
          .send(Readable.from(makeRejectsCsv({ db, campaignId: campaign.id })));
      },
    );

    app.get(
      '/api/campaigns/:id/delivery.:format',
      {
        config: { access: 'operator', audit: 'export-delivery' },
        schema: {
          tags: ['exports'],
          summary: 'Download the delivery kit (CSV or JSON)',
          params: campaignParams.extend({
            format: z.enum(deliveryFormats, { error: 'the delivery kit is delivery.csv or delivery.json' }),
          }),
        },
      },
      async (request, reply) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        checkDelivery({ campaign });
        const now = new Date();
        const { format } = request.params;
        const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
        const file = makeDeliveryFile({
          format,
          campaignId: campaign.id,
          now,
          entries: listDeliveryEntries({ db, campaign, now }),
        });
        return reply
          .headers({
            'content-type': type,
            'content-disposition': `attachment; filename="${campaign.id}-delivery.${format}"`,
            'cache-control': 'no-store',
          })
          .send(Readable.from(file));
      },
    );

    app.get(
      '/api/campaigns/:id/rejects',
      {
        config: { access: 'operator', audit: 'read-rejects', auditRepeatedRead: true },
        schema: {
          tags: ['exports'],
          summary: 'List the rejected records with their reasons, in the order they were read, a page at a time',
          params: campaignParams,
          querystring: rejectsQuery,
          response: { 200: rejectsResponse },
        },
      },
      async (request) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        const { after, limit } = request.query;
        // One more than asked says whether another page follows, so the last page never comes back empty.
        const rejects = await listRejects({ db, campaignId: campaign.id, afterId: after, limit: limit + 1 });
        const page = rejects.slice(0, limit);
        return { rejects: page, next: rejects.length > limit ? (page.at(-1)?.id ?? null) : null };
      },
    );

    app.get(
      '/api/campaigns/:id/failures',
      {
        config: { access: 'operator', audit: 'read-failures', auditRepeatedRead: true },
        schema: {
          tags: ['exports'],
          summary: 'List failed recipients with their errors',
          params: campaignParams,
          response: { 200: failuresResponse },
        },
      },
      async (request) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        const failed = await listRecipients({ db, campaignId: campaign.id, statuses: ['failed'], limit: 1000 });
        return {
          failures: failed.map((recipient) => ({
            recordId: recipient.recordId,
            row: recipient.row,
            attempts: recipient.attempts,
            error: recipient.state.status === 'failed' ? recipient.state.error : '',
          })),
        };
      },
    );
  };
}
