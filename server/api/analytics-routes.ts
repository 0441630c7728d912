import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeFile } from '../describe-response.ts';
import { InputError } from '../errors.ts';
import { getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { insertPayments } from '../store/payments.ts';
import { markDelivered } from '../store/recipient-deliveries.ts';
import { findKnownRecordIds } from '../store/recipient-ids.ts';
import { getAnalytics } from '../tracking/get-analytics.ts';
import { makeFunnelCsv, makeOutcomesCsv } from '../tracking/make-outcomes-csv.ts';
import { readPaymentsCsv, type PaymentReject } from '../tracking/read-payments-csv.ts';
import { campaignParams } from './campaign-body.ts';

const csvFile = describeFile({ description: 'A CSV file', type: 'text/csv' });
const paymentsImported = z.object({
  imported: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  /** The first 100 rows refused, with the field and the reason. */
  rejects: z.array(z.looseObject({ row: z.number(), field: z.string(), reason: z.string() })),
});
const deliveriesBody = z.object({
  recordIds: z.array(z.string().min(1).max(200)).min(1).max(100_000),
  deliveredAt: z.iso
    .datetime({ offset: true, error: 'deliveredAt must be an ISO date-time like 2027-03-15T10:00:00Z' })
    .optional(),
});

/**
 * A campaign's analytics (funnel per variant with significance, money per currency, retention
 * curve, survey answers with the Net Promoter Score, flagged traffic), its CSV exports, payments imported from a CSV, and deliveries
 * reported by the operator's sender (clicks seconds after delivery without a view are flagged).
 */
export function analyticsRoutes(options: { db: Db }): FastifyPluginAsyncZod {
  const { db } = options;
  const csv = (name: string) => ({
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });
  return async (app) => {
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_request, body, done) =>
      done(null, body),
    );

    app.get(
      '/api/campaigns/:id/analytics',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['analytics'],
          summary: "Read a campaign's analytics: funnel per variant, money, retention, survey, flagged traffic",
          params: campaignParams,
          response: { 200: z.looseObject({ campaign: z.string() }) },
        },
      },
      async (request) => getAnalytics({ db, campaignId: request.params.id }),
    );

    app.get(
      '/api/campaigns/:id/funnel.csv',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['analytics'],
          summary: 'Download the funnel per variant (CSV)',
          params: campaignParams,
          response: { 200: csvFile },
        },
      },
      async (request, reply) => {
        const analytics = await getAnalytics({ db, campaignId: request.params.id });
        return reply.headers(csv(`${analytics.campaign}-funnel.csv`)).send(makeFunnelCsv(analytics));
      },
    );

    app.get(
      '/api/campaigns/:id/outcomes.csv',
      {
        config: { access: 'operator', audit: 'export-outcomes' },
        schema: {
          tags: ['analytics'],
          summary: 'Download the outcome of every recipient (CSV)',
          params: campaignParams,
          response: { 200: csvFile },
        },
      },
      async (request, reply) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        return reply
          .headers(csv(`${campaign.id}-outcomes.csv`))
          .send(Readable.from(makeOutcomesCsv({ db, campaignId: campaign.id })));
      },
    );

    app.post(
      '/api/campaigns/:id/payments',
      {
        config: { access: 'operator', audit: 'record-payments' },
        schema: {
          tags: ['analytics'],
          summary: 'Import payments from a CSV file',
          params: campaignParams,
          consumes: ['text/csv'],
          response: { 201: paymentsImported },
        },
      },
      async (request, reply) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        if (typeof request.body !== 'string')
          throw new InputError({
            problem: 'The payments file must be sent as text/csv',
            value: request.headers['content-type'],
            fix: 'POST the CSV with Content-Type: text/csv',
          });
        const read = readPaymentsCsv({ text: request.body });
        const ids = [...new Set(read.payments.map(({ payment }) => payment.recordId))];
        const known = await findKnownRecordIds({ db, campaignId: campaign.id, recordIds: ids });
        const payments = read.payments
          .filter(({ payment }) => known.has(payment.recordId))
          .map(({ payment }) => payment);
        const rejects: PaymentReject[] = [
          ...read.rejects,
          ...read.payments
            .filter(({ payment }) => !known.has(payment.recordId))
            .map(({ row, payment }) => ({
              row,
              field: 'id',
              value: payment.recordId,
              reason: 'no recipient of this campaign has this id',
            })),
        ].sort((a, b) => a.row - b.row);
        const stored = await insertPayments({ db, campaignId: campaign.id, payments });
        return reply.code(201).send({
          imported: stored.size,
          duplicates: payments.length - stored.size,
          rejected: rejects.length,
          rejects: rejects.slice(0, 100),
        });
      },
    );

    app.post(
      '/api/campaigns/:id/deliveries',
      {
        config: { access: 'operator', audit: 'record-deliveries' },
        schema: {
          tags: ['analytics'],
          summary: "Report deliveries from the operator's sender",
          params: campaignParams,
          body: deliveriesBody,
          response: { 200: z.object({ updated: z.number(), unknown: z.array(z.string()) }) },
        },
      },
      async (request) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        const updated = await markDelivered({
          db,
          campaignId: campaign.id,
          recordIds: request.body.recordIds,
          deliveredAt: request.body.deliveredAt ?? new Date().toISOString(),
        });
        return {
          updated: updated.size,
          unknown: request.body.recordIds.filter((id) => !updated.has(id)).slice(0, 100),
        };
      },
    );
  };
}
