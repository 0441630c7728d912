import { applyCopy } from '../apply-copy.ts';
import { getSenderName, type Branded } from '../brand/branded.ts';
import { fillCopy, formatDate, formatMoney } from '../format.ts';
import type { FactsText, OutroText } from '../scene-text.ts';
import { gentleReminderCopy, type GentleReminderCopy } from './copy.ts';
import type { GentleReminderRecord } from './schema.ts';

/** The text each scene shows for one recipient, in their locale: the video and its captions read the same. */
export type GentleReminderText = {
  copy: GentleReminderCopy;
  intro: { title: string; subtitle: string };
  personal: FactsText;
  outro: OutroText;
};

export function getVideoText(record: Branded<GentleReminderRecord>): GentleReminderText {
  const base = applyCopy(gentleReminderCopy[record.locale], record.copy);
  const copy = { ...base, brand: getSenderName({ brand: record.brand, fallback: base.brand }) };
  const values = { brand: copy.brand, name: record.name };
  return {
    copy,
    intro: { title: copy.introTitle, subtitle: fillCopy(copy.introSubtitle, values) },
    personal: {
      greeting: fillCopy(copy.greeting, values),
      lead: copy.lead,
      amountLabel: copy.amountLabel,
      amount: formatMoney({ amount: record.amount, currency: record.currency, locale: record.locale }),
      dueLabel: copy.dueLabel,
      dueDate: formatDate({ isoDate: record.due_date, locale: record.locale }),
      invoiceLabel: copy.invoiceLabel,
      invoice: record.invoice,
    },
    outro: { title: copy.outroTitle, subtitle: copy.outroSubtitle, payProvider: record.brand?.payProviderLabel },
  };
}
