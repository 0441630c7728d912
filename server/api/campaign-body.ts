import { z } from 'zod';
import { storableId } from '../storable-id.ts';
import { variantsSchema } from '../store/pick-variant.ts';
import { brandKitSchema } from '../../templates/brand/brand-kit.ts';
import { planRulesOverrideSchema } from '../../templates/interactive/plan-rules.ts';
import { playbackModes, renderModes, videoDeliveries } from '../campaign-options.ts';

const isoDate = z.iso.date({ error: 'must be a date like 2027-03-01' });

/** The body of POST /api/campaigns. */
export const createCampaignBody = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,79}$/, { error: 'id must be 3–80 lowercase letters, digits and dashes' })
      .optional(),
    template: z.string().min(1),
    payUrl: z.url({
      protocol: /^https?$/,
      error: 'payUrl must be an http(s) URL such as https://pay.example.com/checkout',
    }),
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'baseUrl must be the http(s) address the pages are served from' })
      .optional(),
    trackUrl: z
      .url({ protocol: /^https?$/, error: 'trackUrl must be the http(s) address of this API, which pages report to' })
      .optional(),
    defaultLocale: z.string().optional(),
    /** Plan lengths, smallest instalment, days to the first payment: each one given replaces the template's. */
    planRules: planRulesOverrideSchema.optional(),
    /** Logo (SVG or PNG as a data URL), colours, font, sender name, pay provider label; refused when hard to read. */
    brand: brandKitSchema.optional(),
    /** The tone of the copy (e.g. empathetic or neutral) for records without a tone column. */
    tone: z.string().min(1).max(40).optional(),
    /** A template version saved in the studio (e.g. `1.0.0+2`): its copy edits; the built-in copy when absent. */
    templateVersion: z.string().min(1).max(80).optional(),
    playback: z
      .enum(playbackModes, { error: 'playback must be rendered (MP4 only), live (the player in the page) or both' })
      .optional(),
    /** When videos are rendered: all before sending (eager, the default) or each when its page is first opened (on-open, published live until then). */
    render: z
      .enum(renderModes, {
        error:
          'render must be eager (every video before sending) or on-open (each video when its page is first opened)',
      })
      .optional(),
    /** How the video is delivered: mp4 (one file per recipient, the default) or hls (shared segments and the recipient's own). */
    video: z
      .enum(videoDeliveries, {
        error:
          "video must be mp4 (one file per recipient) or hls (a playlist of shared segments and the recipient's own)",
      })
      .optional(),
    /** Ask the visitor to confirm this record field (e.g. postcode) before the page shows personal data. */
    privacyGate: z
      .object({
        field: z
          .string()
          .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'privacyGate.field must be a field name such as postcode' }),
      })
      .optional(),
    /** E-mail thumbnails show nothing personal: one neutral animated picture per locale instead of each debtor's video (always so with privacyGate). */
    neutralThumbnail: z.boolean({ error: 'neutralThumbnail must be true or false' }).optional(),
    startsAt: isoDate.optional(),
    endsAt: isoDate.optional(),
    /** A/B test: templates and weights; each recipient gets one, by a hash of campaign and record id. */
    variants: variantsSchema.optional(),
    /** Days after which personal event data is deleted (aggregates stay). */
    retentionDays: z.int().min(1).max(3650).default(180),
    /** Signs this campaign's payment webhooks (else KINDLY_WEBHOOK_SECRET). */
    webhookSecret: z.string().min(16, { error: 'webhookSecret must be at least 16 characters' }).max(200).optional(),
  })
  .refine((body) => !body.startsAt || !body.endsAt || body.startsAt <= body.endsAt, {
    error: 'endsAt must not be before startsAt',
    path: ['endsAt'],
  });

export const campaignParams = z.object({ id: storableId('id') });
export const recipientParams = campaignParams.extend({ recordId: storableId('recordId') });

/** A campaign as the API answers with it: named here by id and status, its other fields pass as they are. */
export const campaignAnswer = z.looseObject({ id: z.string(), status: z.string() });
