import type { Branded } from '../brand/branded.ts';
import type { DebtRecord } from '../debt-record-schema.ts';
import { formatDate, formatMoney } from '../format.ts';
import { getReferenceCopy } from '../reference-copy.ts';
import { friendlyFinalNoticeCopy } from './copy.ts';

/** The text each scene of `friendly-final-notice` shows for one recipient: the video, captions and page read the same. */
export function getFinalNoticeText(record: Branded<DebtRecord>) {
  const copy = getReferenceCopy({ copy: friendlyFinalNoticeCopy, record });
  const facts = {
    amount: formatMoney({ amount: record.amount, currency: record.currency, locale: record.locale }),
    dueDate: formatDate({ isoDate: record.due_date, locale: record.locale }),
    invoice: record.invoice,
  };
  return {
    copy,
    intro: { title: copy.introTitle, subtitle: copy.introSubtitle },
    personal: {
      badge: copy.badge,
      greeting: copy.greeting,
      lead: copy.lead,
      amountLabel: copy.amountLabel,
      amount: facts.amount,
      dueLabel: copy.dueLabel,
      dueDate: facts.dueDate,
      invoiceLabel: copy.invoiceLabel,
      invoice: facts.invoice,
    },
    message: { title: copy.messageTitle, body: copy.messageBody },
    outro: { title: copy.outroTitle, subtitle: copy.outroSubtitle, payProvider: record.brand?.payProviderLabel },
    greeting: copy.greeting,
    facts,
    captions: {
      intro: [`${copy.introTitle}\n${copy.introSubtitle}`],
      facts: [
        `${copy.badge}\n${copy.greeting} ${copy.lead}`,
        `${copy.amountLabel}: ${facts.amount} · ${copy.dueLabel}: ${facts.dueDate}\n${copy.invoiceLabel}: ${facts.invoice}`,
      ],
      'next-steps': [`${copy.messageTitle}\n${copy.messageBody}`],
      outro: [`${copy.outroTitle}\n${copy.outroSubtitle}`],
    },
  };
}
