import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storableId } from '../storable-id.ts';
import { requireTemplate } from '../campaign-options.ts';
import { KindlyError, NotFoundError } from '../errors.ts';
import { makeRecipientProps } from '../render/make-recipient-props.ts';
import { getCampaign, takenDownStatuses } from '../store/campaigns.ts';
import { findRecipientTemplateId } from '../store/variants.ts';
import { setAuditDetails } from '../audit-details.ts';
import type { Queryable } from '../store/db.ts';
import { findRecipient, listFirstRecipients, type Recipient } from '../store/recipients.ts';
import type { StillRequest } from './open-still-renderer.ts';
import type { Studio } from './open-studio.ts';
import { previewTrackPath } from './studio-site-routes.ts';

const previewsBody = z
  .object({
    /** The recipients to preview; without them, the first three by row. */
    recordIds: z
      .array(storableId('a record id'), { error: 'recordIds must be a list of record ids' })
      .min(1, { error: 'recordIds names no recipient; leave it out for the first three' })
      .max(5, { error: 'recordIds names more than 5 recipients; preview at most 5 at a time' })
      .optional(),
  })
  .optional();

const previewsAnswer = z.object({
  previews: z.array(z.object({ recordId: z.string(), row: z.number(), locale: z.string(), url: z.string() })),
});

const firstRecipients = 3;

/**
 * POST /api/campaigns/:id/previews (operators): real recipients' pages exactly as the debtors will
 * see them (template, copy version, tone, brand kit, plan rules), written as studio preview pages:
 * the player plays live, nothing is rendered, published or counted, and a privacy gate is shown
 * open. Each page is reachable only by its 128-bit id, without a key, so the console can frame it.
 */
export function recipientPreviewRoutes(options: { db: Queryable; studio: Studio }): FastifyPluginAsyncZod {
  const { db, studio } = options;
  return async (app) => {
    app.post(
      '/api/campaigns/:id/previews',
      {
        config: { access: 'operator', audit: 'preview-recipients' },
        schema: {
          tags: ['campaigns'],
          summary:
            "Preview recipients' pages as the debtors will see them (first three by row, or up to 5 by record id)",
          params: z.object({ id: storableId('id') }),
          body: previewsBody,
          response: { 200: previewsAnswer },
        },
      },
      async (request) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        if (takenDownStatuses.includes(campaign.status))
          throw new KindlyError({
            problem: `The campaign is ${campaign.status}: its recipients' pages are not shown any more`,
            value: campaign.id,
            fix: 'Preview the recipients of a campaign that is not cancelled or unpublished',
            statusCode: 409,
          });
        const first = await listFirstRecipients({ db, campaignId: campaign.id, limit: firstRecipients });
        if (first.length === 0)
          throw new KindlyError({
            problem: 'The campaign has no accepted recipient to preview',
            value: campaign.id,
            fix: 'Upload a records file first',
            statusCode: 409,
          });
        const recordIds = request.body?.recordIds;
        const recipients = recordIds ? await findRecipients({ db, campaignId: campaign.id, recordIds }) : first;
        // Which debtors' pages were shown: their number, and the record id when the call named one.
        setAuditDetails(request, {
          detail: `${recipients.length} page(s)`,
          recordId: recipients.length === 1 ? recipients[0]!.recordId : undefined,
        });
        const trackBase = `${request.protocol}://${request.host}${previewTrackPath}`;
        const posters: StillRequest[] = [];
        const previews = [];
        for (const recipient of recipients) {
          // An A/B test shows each recipient their variant's template.
          const template = requireTemplate(
            await findRecipientTemplateId({
              db,
              campaignId: campaign.id,
              recordId: recipient.recordId,
              fallback: campaign.templateId,
            }),
          );
          const props = await makeRecipientProps({ db, campaign, template, data: recipient.data });
          // Nothing personal is drawn: the poster (shown until the player runs) is the template's example, in the campaign's brand.
          const example = await makeRecipientProps({
            db,
            campaign,
            template,
            data: { ...template.examples[0], locale: props.locale },
          });
          const poster = await studio.stills.planPoster({ template, record: example });
          // No gate: the operator sees the page as it is once the debtor has opened it.
          const page = await studio.writePreviewPage({
            template,
            props,
            trackBase,
            poster,
            brand: campaign.brand,
            planRules: campaign.planRules,
            personal: true,
          });
          posters.push(poster);
          previews.push({
            recordId: recipient.recordId,
            row: recipient.row,
            locale: props.locale,
            url: `/studio/site/${page}`,
          });
        }
        studio.stills.request(posters);
        return { previews };
      },
    );
  };
}

/** The recipients with these record ids, in the order asked; an unknown or erased one is refused. */
async function findRecipients(options: {
  db: Queryable;
  campaignId: string;
  recordIds: readonly string[];
}): Promise<Recipient[]> {
  const found: Recipient[] = [];
  for (const recordId of new Set(options.recordIds)) {
    const recipient = await findRecipient({ db: options.db, campaignId: options.campaignId, recordId });
    if (!recipient || recipient.erased)
      throw new NotFoundError({
        problem: 'The campaign has no recipient with this record id',
        value: recordId,
        fix: 'Use the record id of an accepted row of the records file',
      });
    found.push(recipient);
  }
  return found;
}
