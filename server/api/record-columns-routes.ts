import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireTemplate } from '../campaign-options.ts';
import { InputError } from '../errors.ts';
import { matchFileColumns } from '../ingest/match-file-columns.ts';
import { columnsHeadBytes, readFileColumns } from '../ingest/read-file-columns.ts';
import { getCampaign } from '../store/campaigns.ts';
import { findColumnMapping } from '../store/column-mappings.ts';
import type { Db } from '../store/db.ts';
import { campaignParams } from './campaign-body.ts';

const columnsAnswer = z.object({
  format: z.enum(['csv', 'json', 'ndjson']),
  columns: z.array(z.object({ name: z.string(), samples: z.array(z.string()) })),
  fields: z.array(z.object({ field: z.string(), required: z.boolean(), column: z.string().nullable() })),
  savedMapping: z.record(z.string(), z.string()).nullable(),
  missing: z.array(z.string()),
});

/**
 * POST /api/campaigns/:id/records/columns: the columns of a records file's head (multipart, field
 * `file`; only the first 256 KiB are read) with a few sample values each, the column each template
 * field would read (the template's saved mapping first, then the column named like the field) and
 * the required fields without one. Stores nothing.
 */
export function recordColumnsRoutes(options: { db: Db }): FastifyPluginAsyncZod {
  const { db } = options;
  return async (app) => {
    app.post(
      '/api/campaigns/:id/records/columns',
      {
        config: { access: 'operator' },
        schema: {
          tags: ['campaigns'],
          summary: "Read a records file's columns and match them to the template's fields (multipart)",
          params: campaignParams,
          consumes: ['multipart/form-data'],
          response: { 200: columnsAnswer },
        },
      },
      async (request) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        const template = requireTemplate(campaign.templateId);
        // Past the head the upload is dropped as it arrives, not refused: a whole file may be sent.
        const file = request.isMultipart()
          ? await request.file({ limits: { fileSize: columnsHeadBytes }, throwFileSizeLimit: false })
          : undefined;
        if (!file)
          throw new InputError({
            problem: 'No records file in the request',
            fix: 'Send multipart/form-data with the head of the file in a field named "file"',
          });
        const { format, columns } = await readFileColumns({ stream: file.file, name: file.filename });
        const savedMapping = await findColumnMapping({ db, templateId: template.id });
        const { fields, missing } = matchFileColumns({
          template,
          columns: columns.map((column) => column.name),
          savedMapping,
        });
        return { format, columns, fields, savedMapping: savedMapping ?? null, missing };
      },
    );
  };
}
