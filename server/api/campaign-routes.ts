import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireTemplate, requireTone } from '../campaign-options.ts';
import { InputError, KindlyError } from '../errors.ts';
import { makeCampaignId } from '../campaigns/make-campaign-id.ts';
import { getCampaignProgress } from '../store/campaign-progress.ts';
import { createCampaign, findCampaign, getCampaign, listCampaigns } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { setCampaignAnalytics } from '../store/variants.ts';
import { resolveTemplateVersion } from '../render/template-version-copy.ts';
import { getStats } from '../tracking/get-stats.ts';
import { campaignAnswer, campaignParams, createCampaignBody } from './campaign-body.ts';
import { setAuditDetails } from '../audit-details.ts';

/** Create, list and read campaigns, their progress and funnel. */
export function campaignRoutes(options: {
  db: Db;
  defaultBaseUrl: string;
  defaultTrackUrl: string;
}): FastifyPluginAsyncZod {
  const { db } = options;
  return async (app) => {
    // A brand kit's logo travels in the body as a data URL (up to 200 kB, a third more as base64).
    app.post(
      '/api/campaigns',
      {
        config: { access: 'operator', audit: 'campaign-create' },
        schema: {
          tags: ['campaigns'],
          summary: 'Create a campaign',
          body: createCampaignBody,
          response: { 201: campaignAnswer },
        },
        bodyLimit: 512 * 1024,
      },
      async (request, reply) => {
        const body = request.body;
        const template = requireTemplate(body.template);
        if (body.defaultLocale && !template.locales.includes(body.defaultLocale)) {
          throw new InputError({
            problem: 'defaultLocale is not offered by the template',
            value: body.defaultLocale,
            fix: `Use one of ${template.locales.join(', ')}`,
          });
        }
        for (const variant of body.variants ?? []) requireTemplate(variant.template);
        if (body.tone) requireTone({ template, tone: body.tone });
        const templateVersion = await resolveTemplateVersion({ db, template, label: body.templateVersion });
        if (body.privacyGate && !template.fields.includes(body.privacyGate.field)) {
          throw new InputError({
            problem: 'privacyGate.field is not a field of the template',
            value: body.privacyGate.field,
            fix: `Use one of ${template.fields.join(', ')}`,
          });
        }
        const id = body.id ?? makeCampaignId({ templateId: template.id });
        setAuditDetails(request, {
          campaignId: id,
          detail:
            [
              body.brand && 'with a brand kit',
              body.privacyGate && 'with a privacy gate',
              body.render === 'on-open' && 'rendered on open',
            ]
              .filter(Boolean)
              .join(', ') || undefined,
        });
        const exists = () =>
          new KindlyError({
            problem: 'A campaign with this id exists',
            value: id,
            fix: 'Choose another id or leave it out',
            statusCode: 409,
          });
        if (await findCampaign({ db, id })) throw exists();
        await createCampaign({
          db,
          campaign: {
            id,
            templateId: template.id,
            templateVersion,
            payUrl: body.payUrl,
            baseUrl: (body.baseUrl ?? options.defaultBaseUrl).replace(/\/$/, ''),
            trackUrl: (body.trackUrl ?? options.defaultTrackUrl).replace(/\/$/, ''),
            defaultLocale: body.defaultLocale,
            planRules: body.planRules ?? {},
            playback: body.playback,
            videoDelivery: body.video,
            startsAt: body.startsAt,
            endsAt: body.endsAt,
            brand: body.brand,
            tone: body.tone,
            privacyGate: body.privacyGate,
            neutralThumbnail: body.neutralThumbnail,
            renderMode: body.render,
          },
        }).catch((error: unknown) => {
          // Two creates of one id at once: the second loses on the primary key.
          throw (error as { code?: string }).code === '23505' ? exists() : error;
        });
        await setCampaignAnalytics({
          db,
          id,
          variants: body.variants,
          retentionDays: body.retentionDays,
          webhookSecret: body.webhookSecret,
        });
        return reply.code(201).send(await getCampaign({ db, id }));
      },
    );

    app.get(
      '/api/campaigns',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['campaigns'],
          summary: 'List campaigns',
          response: { 200: z.object({ campaigns: z.array(campaignAnswer) }) },
        },
      },
      async () => ({ campaigns: await listCampaigns({ db }) }),
    );

    app.get(
      '/api/campaigns/:id',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['campaigns'],
          summary: 'Read a campaign with its progress',
          params: campaignParams,
          response: { 200: campaignAnswer.extend({ progress: z.looseObject({}) }) },
        },
      },
      async (request) => {
        const campaign = await getCampaign({ db, id: request.params.id });
        return { ...campaign, progress: await getCampaignProgress({ db, id: campaign.id }) };
      },
    );

    app.get(
      '/api/campaigns/:id/stats',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['campaigns'],
          summary: "Read a campaign's funnel",
          params: campaignParams,
          response: { 200: z.looseObject({}) },
        },
      },
      async (request) => getStats({ db, campaignId: request.params.id }),
    );
  };
}
