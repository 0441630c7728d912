import { productLocales, type ProductLocale } from './page-copy.ts';

/** The product locale to speak for `locale`: itself, else one of the same language, else en-GB. */
export function pickProductLocale(locale: string): ProductLocale {
  const language = locale.slice(0, 2).toLowerCase();
  return (
    productLocales.find((candidate) => candidate === locale) ??
    productLocales.find((candidate) => candidate.startsWith(language)) ??
    'en-GB'
  );
}
