import type { TemplateDefinition } from '../../templates/template-definition.ts';

/** The names a designer reads for the reference templates' copy keys, and where each text shows. */
const readableNames: Record<string, string> = {
  brand: 'Sender name',
  introTitle: 'Intro title (video)',
  introSubtitle: 'Intro subtitle (video)',
  greeting: 'Greeting',
  lead: 'Opening line',
  amountLabel: 'Amount label',
  dueLabel: 'Due date label',
  invoiceLabel: 'Invoice label',
  outroTitle: 'Closing title (video)',
  outroSubtitle: 'Closing subtitle (video)',
  pageTitle: 'Page title (browser tab)',
  videoLabel: 'Video description (screen readers)',
  captionsLabel: 'Captions language name',
  detailsHeading: 'Summary heading (page)',
  payNow: 'Pay now button',
  downloadVideo: 'Download the video link',
  choosePlan: 'Choose a plan button',
  planLead: 'Payment plans introduction (page)',
  optOut: 'Opt-out link',
  optOutQuestion: 'Opt-out question',
  optOutConfirm: 'Opt-out confirm button',
  optOutDone: 'Opt-out confirmation',
  footer: 'Footer (page)',
};

/** `planOption` → "Plan option": a key no table names yet still reads as words. */
const toWords = (key: string) => {
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** A copy key as the studio labels it: a readable name and the `{placeholders}` its text may use. */
export type CopyKeyLabel = { name: string; placeholders: string[] };

/**
 * The studio's labels for a template's copy keys. A key may use the placeholders its built-in text
 * uses in any locale: those are the ones the template fills per recipient.
 */
export function describeCopyKeys(options: { template: TemplateDefinition }): Record<string, CopyKeyLabel> {
  const labels: Record<string, CopyKeyLabel> = {};
  for (const copy of Object.values(options.template.copy ?? {})) {
    for (const [key, text] of Object.entries(copy)) {
      const placeholders = new Set([
        ...(labels[key]?.placeholders ?? []),
        ...[...text.matchAll(/\{(\w+)\}/g)].map((match) => `{${match[1]}}`),
      ]);
      labels[key] = { name: readableNames[key] ?? toWords(key), placeholders: [...placeholders].sort() };
    }
  }
  return labels;
}
