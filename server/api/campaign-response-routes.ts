import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeFile } from '../describe-response.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { toCsvLine } from '../to-csv-line.ts';
import { getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import {
  holdingKinds,
  listResponses,
  markResponseHandled,
  releaseHold,
  reopenResponse,
  responseKinds,
  responseStatuses,
  type ResponseKind,
  type ResponseStatus,
  type StoredResponse,
} from '../store/responses.ts';
import { campaignParams } from './campaign-body.ts';
import { getApiKeyName } from './require-api-key.ts';

const kindList = z
  .string()
  .transform((text) => text.split(',').map((kind) => kind.trim()))
  .pipe(
    z.array(
      z.enum(responseKinds, { error: `kind must be one or more of ${responseKinds.join(', ')}, separated by commas` }),
    ),
  );

const filterQuery = z.object({
  /** One kind or several separated by commas, e.g. paid,dispute,callback. */
  kind: kindList.optional(),
  status: z.enum(responseStatuses, { error: `status must be ${responseStatuses.join(' or ')}` }).optional(),
});

const pageQuery = filterQuery.extend({
  /** The `next` of the previous page: responses older than this id. */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const responseParams = campaignParams.extend({
  responseId: z.coerce.number().int().min(1, { error: 'responseId must be the id of a response' }),
});

/** A response as the inbox shows it; its other fields pass as they are. */
const storedResponse = z.looseObject({ id: z.number(), recordId: z.string(), kind: z.string(), status: z.string() });
const oneResponse = { 200: z.object({ response: storedResponse }) };

const byBody = z.object({
  /** The name of the person acting, kept beside the admin key used. */
  by: z
    .string({ error: 'by must be text' })
    .trim()
    .max(100, { error: 'by is longer than 100 characters; give a shorter name' })
    .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), { error: 'by contains control characters; remove them' })
    .optional(),
});

/**
 * What debtors sent from their pages (already paid, disputes, call-backs, survey answers), per
 * campaign, newest first, as JSON pages or one CSV; and the operator's inbox actions: mark a
 * response handled (who and when are kept) or open it again, and release the hold of a claim or
 * dispute so reminders may resume for that recipient (who and when are kept; the first release stays).
 */
export function campaignResponseRoutes(options: { db: Db }): FastifyPluginAsyncZod {
  const { db } = options;
  return async (app) => {
    app.get(
      '/api/campaigns/:id/responses',
      {
        config: { access: 'operator', audit: 'read-responses', auditRepeatedRead: true },
        schema: {
          tags: ['responses'],
          summary: 'List what debtors sent from their pages, newest first, a page at a time',
          params: campaignParams,
          querystring: pageQuery,
          response: { 200: z.object({ responses: z.array(storedResponse), next: z.number().optional() }) },
        },
      },
      async (request) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        const { kind, status, before, limit } = request.query;
        const responses = await listResponses({ db, campaignId: campaign.id, kind, status, beforeId: before, limit });
        return { responses, next: responses.length === limit ? responses.at(-1)?.id : undefined };
      },
    );

    app.get(
      '/api/campaigns/:id/responses.csv',
      {
        config: { access: 'operator', audit: 'export-responses' },
        schema: {
          tags: ['responses'],
          summary: 'Download what debtors sent from their pages (CSV)',
          params: campaignParams,
          querystring: filterQuery,
          response: { 200: describeFile({ description: 'A CSV file', type: 'text/csv' }) },
        },
      },
      async (request, reply) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        return reply
          .headers({
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="${campaign.id}-responses.csv"`,
            'cache-control': 'no-store',
          })
          .send(
            Readable.from(
              makeResponsesCsv({ db, campaignId: campaign.id, kind: request.query.kind, status: request.query.status }),
            ),
          );
      },
    );

    app.post(
      '/api/campaigns/:id/responses/:responseId/handle',
      {
        config: { access: 'operator', audit: 'response-handle' },
        schema: {
          tags: ['responses'],
          summary: 'Mark a response handled',
          params: responseParams,
          body: byBody.nullish(),
          response: oneResponse,
        },
      },
      async (request) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        const by = { name: request.body?.by || null, key: getApiKeyName(request) };
        return {
          response:
            (await markResponseHandled({ db, campaignId: campaign.id, id: request.params.responseId, by })) ??
            throwUnknown(request.params.responseId),
        };
      },
    );

    app.post(
      '/api/campaigns/:id/responses/:responseId/reopen',
      {
        config: { access: 'operator', audit: 'response-reopen' },
        schema: {
          tags: ['responses'],
          summary: 'Open a handled response again',
          params: responseParams,
          response: oneResponse,
        },
      },
      async (request) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        return {
          response:
            (await reopenResponse({ db, campaignId: campaign.id, id: request.params.responseId })) ??
            throwUnknown(request.params.responseId),
        };
      },
    );

    app.post(
      '/api/campaigns/:id/responses/:responseId/release',
      {
        config: { access: 'operator', audit: 'response-release' },
        schema: {
          tags: ['responses'],
          summary: 'Release the hold of a claim or dispute so reminders may resume',
          params: responseParams,
          body: byBody.nullish(),
          response: oneResponse,
        },
      },
      async (request) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        const by = { name: request.body?.by || null, key: getApiKeyName(request) };
        const response =
          (await releaseHold({ db, campaignId: campaign.id, id: request.params.responseId, by })) ??
          throwUnknown(request.params.responseId);
        if (!holdingKinds.includes(response.kind)) {
          throw new InputError({
            problem: 'Only an already paid claim or a dispute holds reminders; this response holds nothing to release',
            value: response.kind,
            fix: 'Release the paid or dispute response of this recipient (GET /api/campaigns/:id/responses?kind=paid,dispute)',
          });
        }
        return { response };
      },
    );
  };
}

function throwUnknown(id: number): never {
  throw new NotFoundError({
    problem: 'This campaign has no response with this id',
    value: id,
    fix: 'Use an id from GET /api/campaigns/:id/responses',
  });
}

const csvColumns = [
  'id',
  'record_id',
  'kind',
  'created_at',
  'status',
  'handled_by',
  'handled_key',
  'handled_at',
  'data',
  'hold_released_by',
  'hold_released_key',
  'hold_released_at',
];
const toCsvCells = (response: StoredResponse) => [
  response.id,
  response.recordId,
  response.kind,
  response.createdAt,
  response.status,
  response.handledBy?.name ?? '',
  response.handledBy?.key ?? '',
  response.handledAt ?? '',
  JSON.stringify(response.data),
  response.holdReleasedBy?.name ?? '',
  response.holdReleasedBy?.key ?? '',
  response.holdReleasedAt ?? '',
];

/** One line per response, newest first: the inbox state and the form's fields as JSON (debtor text is defused for spreadsheets). */
async function* makeResponsesCsv(options: {
  db: Db;
  campaignId: string;
  kind?: readonly ResponseKind[];
  status?: ResponseStatus;
}): AsyncGenerator<string> {
  yield toCsvLine(csvColumns);
  for (let beforeId: number | undefined; ;) {
    const page = await listResponses({
      db: options.db,
      campaignId: options.campaignId,
      kind: options.kind,
      status: options.status,
      beforeId,
      limit: 1000,
    });
    if (page.length === 0) return;
    for (const response of page) yield toCsvLine(toCsvCells(response));
    beforeId = page.at(-1)?.id;
  }
}
