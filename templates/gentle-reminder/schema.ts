import { z } from 'zod';
import { debtFields, makeDebtSchema } from '../debt-fields.ts';
import { productLocales } from '../pages/page-copy.ts';
import { emailField, httpsUrlField, optionalTextField, phoneField, timeZoneField } from '../fields.ts';
import { copyOverridesField } from '../apply-copy.ts';

/** The product's four languages: the recipient's `locale` picks the video copy, captions and page. */
export const gentleReminderLocales = productLocales;
export type GentleReminderLocale = (typeof gentleReminderLocales)[number];

/**
 * The personal fields of `gentle-reminder`, which are also the default column names of a
 * records file. One schema serves the composition's props, ingest and render jobs.
 */
export const gentleReminderSchema = makeDebtSchema({
  ...debtFields(gentleReminderLocales),
  email: emailField(),
  phone: phoneField(),
  copy: copyOverridesField,
  timezone: timeZoneField(),
  /** A fact the visitor can confirm at a campaign's privacy gate. */
  postcode: optionalTextField({ label: 'postcode', max: 16 }),
  /** A link to the invoice, shown on the page when present. */
  invoice_url: httpsUrlField({ label: 'invoice_url' }),
});

export type GentleReminderRecord = z.output<typeof gentleReminderSchema>;
