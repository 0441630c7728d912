const locales = [
  { locale: 'it-IT', currency: 'EUR', amount: (index: number) => `${100 + (index % 900)}.50` },
  { locale: 'en-GB', currency: 'GBP', amount: (index: number) => `${50 + (index % 500)}.25` },
  { locale: 'fr-FR', currency: 'EUR', amount: (index: number) => `${200 + (index % 700)}.10` },
  { locale: 'zh-TW', currency: 'TWD', amount: (index: number) => `${3000 + (index % 9000)}` },
];

/** How many locales the records take in turn: the first this many debtors are one of each. */
export const benchLocales = locales.length;

/**
 * A gentle-reminder records file (CSV text) of generated debtors `B-<n>` for the benchmarks: four
 * locales in turn, each debtor an amount of their own (so each draws a personal chunk). `pick`
 * keeps only the debtors at those indexes (0-based), with the same rows as in the whole file.
 */
export function makeBenchRecords(options: { recipients: number; pick?: readonly number[] }): string {
  const indexes = options.pick ?? Array.from({ length: options.recipients }, (_, index) => index);
  const lines = ['id,name,amount,currency,due_date,invoice,locale,email'];
  for (const index of indexes) {
    const { locale, currency, amount } = locales[index % locales.length]!;
    lines.push(`B-${index + 1},Debtor ${index + 1},${amount(index)},${currency},2027-03-15,F-${index + 1},${locale},`);
  }
  return `${lines.join('\n')}\n`;
}
