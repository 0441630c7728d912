// The bodies of the page's self-service forms, survey and gate. The server parses them on the
// public routes and the page's script checks the same rules before posting, hence zod/mini:
// measured with esbuild, its parts are 21.5 kB of the 40.3 kB minified page script (14.3 kB
// gzipped, 4.9 kB before the forms checked anything); full zod would add about 450 kB.
import * as z from 'zod/mini';

/** Why a rule refused a value, beyond zod's own issue codes: the page words each in its language. */
export type FormRefusal = 'control' | 'future' | 'too_old' | 'past' | 'too_far';

/** Longest texts the forms take, by field. */
export const formMaxLengths = { reference: 100, details: 2000, comment: 1000, answer: 100 } as const;

const noControl = (text: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
const refuse = (reason: FormRefusal, error: string) => ({ error, params: { reason } });
const text = (label: keyof typeof formMaxLengths) =>
  z.string({ error: `${label} must be text` }).check(
    z.trim(),
    z.maxLength(formMaxLengths[label], {
      error: `${label} is longer than ${formMaxLengths[label]} characters; shorten it`,
    }),
    z.refine(noControl, refuse('control', `${label} contains control characters; remove them`)),
  );
const isoDate = (label: string) => z.iso.date({ error: `${label} must be a date like 2027-03-15` });

/** The day `days` from today in UTC, as `YYYY-MM-DD`: the calendar the server's rules use. */
export const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Call-back days offered from today. */
export const callbackDaysAhead = 60;

/** "I already paid": when, and the payment's reference if the debtor has one. */
export const paidBody = z.object({
  paidOn: isoDate('paidOn').check(
    z.refine(
      (date) => date <= daysFromToday(1),
      refuse('future', 'paidOn is in the future; give the day the payment was made'),
    ),
    z.refine(
      (date) => date >= daysFromToday(-730),
      refuse('too_old', 'paidOn is more than two years ago; check the year'),
    ),
  ),
  reference: z.optional(text('reference')),
});

export const disputeReasons = ['not_mine', 'wrong_amount', 'service_issue', 'other'] as const;

/** A dispute: a reason from the list and, optionally, the debtor's own words. */
export const disputeBody = z.object({
  reason: z.enum(disputeReasons, { error: `reason must be one of ${disputeReasons.join(', ')}` }),
  details: z.optional(text('details')),
});

export const callbackWindows = ['morning', 'afternoon', 'evening'] as const;

/** A call-back request: the number to call, and a preferred day (today to 60 days ahead) and time of day. */
export const callbackBody = z.object({
  phone: z.pipe(
    z.pipe(
      z.string({ error: 'phone must be text' }),
      z.transform((value: string) => value.replace(/[\s().-]/g, '')),
    ),
    z.string().check(
      z.regex(/^\+?\d{6,15}$/, {
        error: 'phone is not a phone number; use 6 to 15 digits, optionally starting with +',
      }),
    ),
  ),
  preferredDate: isoDate('preferredDate').check(
    z.refine(
      (date) => date >= daysFromToday(0),
      refuse('past', 'preferredDate is in the past; choose today or a later day'),
    ),
    z.refine(
      (date) => date <= daysFromToday(callbackDaysAhead),
      refuse('too_far', `preferredDate is more than ${callbackDaysAhead} days ahead; choose an earlier day`),
    ),
  ),
  preferredWindow: z.enum(callbackWindows, { error: `preferredWindow must be one of ${callbackWindows.join(', ')}` }),
});

/** The survey's answer: a score on the template's scale (checked by the route), an optional comment, and what showed it. */
export const surveyBody = z.object({
  score: z.int({ error: 'score must be a whole number' }),
  comment: z.optional(text('comment')),
  shownAfter: z.enum(['cta', 'end'], { error: 'shownAfter must be cta or end' }),
});

export const gateBody = z.object({
  answer: text('answer').check(z.minLength(1, { error: 'answer is empty; type the detail asked for' })),
});

/** The self-service forms by kind, as their routes (`/t/f/<token>/<kind>`) name them. */
export const formBodies = { paid: paidBody, dispute: disputeBody, callback: callbackBody } as const;

export type FormKind = keyof typeof formBodies;
