import { z } from 'zod';

const noControl = (text: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} is longer than ${max} characters; shorten it` })
    .refine(noControl, { error: `${label} contains control characters; remove them` });
const isoDate = (label: string) => z.iso.date({ error: `${label} must be a date like 2027-03-15` });

const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** "I already paid": when, and the payment's reference if the debtor has one. */
export const paidBody = z.object({
  paidOn: isoDate('paidOn')
    .refine((date) => date <= daysFromToday(1), { error: 'paidOn is in the future; give the day the payment was made' })
    .refine((date) => date >= daysFromToday(-730), { error: 'paidOn is more than two years ago; check the year' }),
  reference: text('reference', 100).optional(),
});

export const disputeReasons = ['not_mine', 'wrong_amount', 'service_issue', 'other'] as const;

/** A dispute: a reason from the list and, optionally, the debtor's own words. */
export const disputeBody = z.object({
  reason: z.enum(disputeReasons, { error: `reason must be one of ${disputeReasons.join(', ')}` }),
  details: text('details', 2000).optional(),
});

export const callbackWindows = ['morning', 'afternoon', 'evening'] as const;

/** A call-back request: the number to call, and a preferred day (today to 60 days ahead) and time of day. */
export const callbackBody = z.object({
  phone: z
    .string({ error: 'phone must be text' })
    .transform((value) => value.replace(/[\s().-]/g, ''))
    .pipe(z.string().regex(/^\+?\d{6,15}$/, { error: 'phone is not a phone number; use 6 to 15 digits, optionally starting with +' })),
  preferredDate: isoDate('preferredDate')
    .refine((date) => date >= today(), { error: 'preferredDate is in the past; choose today or a later day' })
    .refine((date) => date <= daysFromToday(60), { error: 'preferredDate is more than 60 days ahead; choose an earlier day' }),
  preferredWindow: z.enum(callbackWindows, { error: `preferredWindow must be one of ${callbackWindows.join(', ')}` }),
});

/** The survey's answer: a score on the template's scale (checked by the route), an optional comment, and what showed it. */
export const surveyBody = z.object({
  score: z.int({ error: 'score must be a whole number' }),
  comment: text('comment', 1000).optional(),
  shownAfter: z.enum(['cta', 'end'], { error: 'shownAfter must be cta or end' }),
});

export const gateBody = z.object({ answer: text('answer', 100).min(1, { error: 'answer is empty; type the detail asked for' }) });

export const formBodies = { paid: paidBody, dispute: disputeBody, callback: callbackBody } as const;
