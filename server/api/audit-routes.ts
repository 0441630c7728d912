import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeFile } from '../describe-response.ts';
import { listAuditEntries, type AuditEntry, type AuditFilter } from '../store/audit-entries.ts';
import type { Db } from '../store/db.ts';
import { toCsvLine } from '../to-csv-line.ts';

const filterQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe('Entries at or after this time (ISO 8601)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Entries before this time (ISO 8601)'),
  user: z.string().min(1).max(200).optional().describe("The user's name"),
  campaign: z.string().min(1).max(200).optional().describe('The campaign id'),
  action: z.string().min(1).max(100).optional().describe('The action, e.g. export-links or erase-recipient'),
});
const pageQuery = filterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z
    .string()
    .regex(/^\d{1,18}$/, { error: 'before must be the next of a previous page' })
    .optional(),
});

const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  userName: z.string().nullable(),
  keyId: z.string().nullable(),
  keyName: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  method: z.string().nullable(),
  route: z.string().nullable(),
  campaignId: z.string().nullable(),
  recordId: z.string().nullable(),
  address: z.string().nullable(),
  status: z.number().nullable(),
  outcome: z.enum(['done', 'refused', 'failed']),
  detail: z.string().nullable(),
});

const columns = Object.keys(auditEntry.shape) as (keyof AuditEntry)[];

const toFilter = (query: z.infer<typeof filterQuery>): AuditFilter => ({
  from: query.from ? new Date(query.from) : undefined,
  to: query.to ? new Date(query.to) : undefined,
  user: query.user,
  campaign: query.campaign,
  action: query.action,
});

/** Every entry matching the filter, newest first, a page at a time. */
async function* readAllEntries(options: { db: Db; filter: AuditFilter }): AsyncGenerator<AuditEntry> {
  let before: string | undefined;
  do {
    const page = await listAuditEntries({ db: options.db, filter: options.filter, limit: 500, before });
    yield* page.entries;
    before = page.next;
  } while (before);
}

async function* toCsvLines(entries: AsyncIterable<AuditEntry>): AsyncGenerator<string> {
  yield toCsvLine(columns);
  for await (const entry of entries) yield toCsvLine(columns.map((column) => entry[column] ?? ''));
}

async function* toNdjsonLines(entries: AsyncIterable<AuditEntry>): AsyncGenerator<string> {
  for await (const entry of entries) yield `${JSON.stringify(entry)}\n`;
}

/**
 * The audit log, read-only: GET /api/audit (paged, filtered) and its exports as CSV and NDJSON.
 * No route changes or deletes an entry; old ones go per KINDLY_AUDIT_RETENTION_DAYS.
 */
export function auditRoutes(options: { db: Db }): FastifyPluginAsyncZod {
  const { db } = options;
  const download = (name: string, type: string) => ({
    'content-type': `${type}; charset=utf-8`,
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });
  return async (app) => {
    app.get(
      '/api/audit',
      {
        config: { access: 'admin', audit: 'read-audit', auditRepeatedRead: true },
        schema: {
          tags: ['audit'],
          summary: 'Read the audit log, newest first, a page at a time',
          querystring: pageQuery,
          response: { 200: z.object({ entries: z.array(auditEntry), next: z.string().optional() }) },
        },
      },
      async (request) =>
        listAuditEntries({
          db,
          filter: toFilter(request.query),
          limit: request.query.limit,
          before: request.query.before,
        }),
    );

    const exports = [
      { format: 'csv', type: 'text/csv', what: 'CSV', toLines: toCsvLines },
      { format: 'ndjson', type: 'application/x-ndjson', what: 'NDJSON, one entry a line', toLines: toNdjsonLines },
    ] as const;
    for (const { format, type, what, toLines } of exports) {
      app.get(
        `/api/audit.${format}`,
        {
          config: { access: 'admin', audit: 'export-audit' },
          schema: {
            tags: ['audit'],
            summary: `Download the audit log entries matching the filters (${what})`,
            querystring: filterQuery,
            response: { 200: describeFile({ description: `The entries as ${what}`, type }) },
          },
        },
        async (request, reply) =>
          reply
            .headers(download(`audit.${format}`, type))
            .send(Readable.from(toLines(readAllEntries({ db, filter: toFilter(request.query) })))),
      );
    }
  };
}
