import { z } from 'zod';
import {
  currencyField,
  dateField,
  emailField,
  httpsUrlField,
  localeField,
  moneyField,
  optionalTextField,
  phoneField,
  textField,
  timeZoneField,
} from '../fields.ts';
import { copyOverridesField } from '../apply-copy.ts';

/** The product's four languages: the recipient's `locale` picks the video copy, captions and page. */
export const gentleReminderLocales = ['it-IT', 'en-GB', 'fr-FR', 'zh-TW'] as const;
export type GentleReminderLocale = (typeof gentleReminderLocales)[number];

/**
 * The personal fields of `gentle-reminder`, which are also the default column names of a
 * records file. One schema serves the composition's props, ingest and render jobs.
 */
export const gentleReminderSchema = z.object({
  id: textField({ label: 'id', max: 64 }),
  name: textField({ label: 'name', max: 120 }),
  amount: moneyField({ max: 10_000_000 }),
  currency: currencyField({ fallback: 'EUR' }),
  due_date: dateField(),
  invoice: textField({ label: 'invoice', max: 64 }),
  locale: localeField({ locales: gentleReminderLocales, fallback: 'it-IT' }),
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
