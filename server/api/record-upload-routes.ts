import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireTemplate } from '../campaign-options.ts';
import { endCampaignUpload } from '../campaigns/end-campaign-upload.ts';
import { moveCampaign } from '../campaigns/move-campaign.ts';
import { InputError } from '../errors.ts';
import { parseMapping } from '../ingest/parse-mapping.ts';
import { readRecords } from '../ingest/read-records.ts';
import { campaignDefaults, getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { listRejects } from '../store/rejects.ts';
import { saveColumnMapping } from '../store/column-mappings.ts';
import { findUnstorable } from '../storable-text.ts';
import { storeIngest } from '../campaigns/store-ingest.ts';
import { campaignParams } from './campaign-body.ts';

/** The counts of the upload (read, accepted, rejected...) and its first rejects. */
const uploadAnswer = z.looseObject({ rejects: z.array(z.looseObject({ row: z.number(), reason: z.string() })) });

/**
 * POST /api/campaigns/:id/records: a multipart upload (field `file`; optional field `map`
 * before it, as in `--map` or as a JSON object) streamed through the same ingest as the CLI.
 * Answers with the counts and the first rejects; all of them are in rejects.csv. The mapping
 * of an upload answered 201 is saved as its template's (see record-columns-routes.ts).
 */
export function recordUploadRoutes(options: { db: Db }): FastifyPluginAsyncZod {
  const { db } = options;
  return async (app) => {
    app.post(
      '/api/campaigns/:id/records',
      {
        config: { access: 'operator', audit: 'upload-records' },
        schema: {
          tags: ['campaigns'],
          summary: 'Upload the records file (multipart)',
          params: campaignParams,
          consumes: ['multipart/form-data'],
          response: { 201: uploadAnswer },
        },
      },
      async (request, reply) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        const template = requireTemplate(campaign.templateId);
        const file = request.isMultipart() ? await request.file() : undefined;
        if (!file)
          throw new InputError({
            problem: 'No records file in the request',
            fix: 'Send multipart/form-data with the file in a field named "file"',
          });
        const mapField = file.fields.map;
        const mapText =
          mapField && !Array.isArray(mapField) && mapField.type === 'field' ? String(mapField.value) : undefined;
        // `field=Column,...` as on the command line, or a JSON object for column names with commas.
        const mapping = mapText
          ? parseMapping(
              mapText.trimStart().startsWith('{') ? { fileContents: mapText, template } : { text: mapText, template },
            )
          : undefined;
        // One upload at a time, and only before the campaign starts.
        await moveCampaign({ db, id: campaign.id, action: 'upload' }).catch((error: unknown) => {
          file.file.resume();
          throw error;
        });
        // Past the size limit the stream would just end; failing it keeps a cut-off last row out of the store.
        file.file.once('limit', () =>
          file.file.destroy(
            new InputError({
              problem: 'The records file is larger than the upload limit',
              value: file.filename,
              fix: 'Split it into several uploads',
            }),
          ),
        );
        let answer;
        try {
          const events = readRecords({
            source: { stream: file.file, name: file.filename },
            template,
            mapping,
            defaults: campaignDefaults(campaign),
          });
          const counts = await storeIngest({ db, campaignId: campaign.id, events });
          // The next file of this template is offered the same columns, when they read at least one record;
          // a name the store cannot hold is not kept, and a mapping not kept fails nothing stored.
          if (mapping && Object.keys(mapping).length > 0 && counts.accepted > 0 && !findUnstorable(mapping))
            await saveColumnMapping({ db, templateId: template.id, mapping }).catch((error: unknown) =>
              request.log.warn({ err: error }, 'the column mapping was not kept'),
            );
          const rejects = (await listRejects({ db, campaignId: campaign.id, limit: 50 })).map(
            ({ id: _id, ...reject }) => reject,
          );
          answer = { ...counts, rejects };
        } finally {
          file.file.resume();
          await endCampaignUpload({ db, id: campaign.id });
        }
        // Answered only once the campaign is ready: a start sent straight after the answer finds it so.
        return reply.code(201).send(answer);
      },
    );
  };
}
