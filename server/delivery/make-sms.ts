import { fillCopy } from '../../templates/format.ts';
import { KindlyError } from '../errors.ts';
import { deliveryCopy, type DeliveryCopy } from './delivery-copy.ts';
import { countGsm7Septets, transliterateToGsm7 } from './gsm7.ts';

/** One SMS: its text, character set, length in that set's units, and the single-message limit. */
export type Sms = {
  text: string;
  charset: DeliveryCopy['charset'];
  length: number;
  limit: number;
  transliterated: string[];
};

const limits = { 'GSM-7': 160, 'UCS-2': 70 } as const;

/** The delivery copy of a locale, or an error naming the locales there are. */
export function getDeliveryCopy(locale: string): DeliveryCopy {
  const copy = deliveryCopy[locale];
  if (!copy)
    throw new KindlyError({
      problem: 'No delivery copy (SMS and e-mail words) for this locale',
      value: locale,
      fix: `Use one of ${Object.keys(deliveryCopy).join(', ')}, or add the locale to server/delivery/delivery-copy.ts`,
    });
  return copy;
}

/**
 * The SMS for a recipient: the locale's longest copy that fits one message with the link, in
 * GSM-7 (160 septets; letters GSM-7 lacks lose their accent, anything else is refused) or, for
 * Chinese, UCS-2 (70 characters). It never holds an amount or a name, only the brand and link.
 */
export function makeSms(options: { locale: string; url: string; brand?: string }): Sms {
  const copy = getDeliveryCopy(options.locale);
  const limit = limits[copy.charset];
  const variants = copy.sms.filter((text) => options.brand || !text.includes('{brand}'));
  let shortest = Number.POSITIVE_INFINITY;
  for (const variant of variants) {
    const filled = fillCopy(variant, { brand: options.brand ?? '', url: options.url });
    let sms: Sms;
    if (copy.charset === 'GSM-7') {
      const plain = transliterateToGsm7(filled);
      if (plain.refused.length > 0) {
        throw new KindlyError({
          problem: `The ${options.locale} SMS has characters the GSM-7 alphabet cannot spell`,
          value: plain.refused.join(' '),
          fix: 'Use a brand name and SMS copy in Latin letters (server/delivery/delivery-copy.ts, the template copy "brand")',
        });
      }
      sms = {
        text: plain.text,
        charset: 'GSM-7',
        length: countGsm7Septets(plain.text) ?? Number.POSITIVE_INFINITY,
        limit,
        transliterated: plain.replaced,
      };
    } else {
      sms = { text: filled, charset: 'UCS-2', length: filled.length, limit, transliterated: [] };
    }
    if (sms.length <= limit) return sms;
    shortest = Math.min(shortest, sms.length);
  }
  throw new KindlyError({
    problem: `The ${options.locale} SMS is ${shortest} ${copy.charset} characters with the link, over the ${limit} one message holds`,
    value: options.url,
    fix: `Use a shorter base URL: the link alone takes ${options.url.length} characters`,
  });
}
