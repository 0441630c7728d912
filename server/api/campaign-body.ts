import { z } from 'zod';

const isoDate = z.iso.date({ error: 'must be a date like 2027-03-01' });

/** The body of POST /api/campaigns. */
export const createCampaignBody = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,79}$/, { error: 'id must be 3–80 lowercase letters, digits and dashes' })
      .optional(),
    template: z.string().min(1),
    payUrl: z.url({ protocol: /^https?$/, error: 'payUrl must be an http(s) URL such as https://pay.example.com/checkout' }),
    baseUrl: z.url({ protocol: /^https?$/, error: 'baseUrl must be the http(s) address the pages are served from' }).optional(),
    trackUrl: z.url({ protocol: /^https?$/, error: 'trackUrl must be the http(s) address of this API, which pages report to' }).optional(),
    defaultLocale: z.string().optional(),
    planRules: z
      .object({
        months: z.array(z.int().min(2).max(60)).min(1).max(6).default([3, 6, 12]),
        minimumInstalment: z.number().positive().default(25),
        firstPaymentInDays: z.int().min(0).max(90).default(14),
      })
      .default({ months: [3, 6, 12], minimumInstalment: 25, firstPaymentInDays: 14 }),
    /** Ask the visitor to confirm this record field (e.g. postcode) before the page shows personal data. */
    privacyGate: z.object({ field: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'privacyGate.field must be a field name such as postcode' }) }).optional(),
    startsAt: isoDate.optional(),
    endsAt: isoDate.optional(),
  })
  .refine((body) => !body.startsAt || !body.endsAt || body.startsAt <= body.endsAt, { error: 'endsAt must not be before startsAt', path: ['endsAt'] });

export const campaignParams = z.object({ id: z.string().min(1).max(200) });
export const recipientParams = campaignParams.extend({ recordId: z.string().min(1).max(200) });
