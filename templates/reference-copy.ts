import { applyCopy } from './apply-copy.ts';
import { getSenderName, type Branded } from './brand/branded.ts';
import type { DebtRecord, ReferenceTone } from './debt-record-schema.ts';
import { fillCopy } from './format.ts';
import { standardPageCopy, type ProductLocale, type StandardPageCopy } from './pages/page-copy.ts';

/** The strings every tone of a reference template has (more may follow); `{brand}` and `{name}` are filled per recipient. */
export type ToneCopy = {
  introTitle: string;
  introSubtitle: string;
  greeting: string;
  lead: string;
  planLead: string;
  messageTitle: string;
  messageBody: string;
  outroTitle: string;
  outroSubtitle: string;
};

/** A template's copy: its tone-free strings per locale, and per tone and locale the strings that set the tone. */
export type TemplateCopy<Labels, Tone extends ToneCopy> = {
  sender: string;
  labels: Record<ProductLocale, Labels>;
  tones: Record<ReferenceTone, Record<ProductLocale, Tone>>;
};

/** Every string of one recipient's message: standard page strings, the template's labels and its tone, with the sender filled in. */
export function getReferenceCopy<Labels, Tone extends ToneCopy>(options: {
  copy: TemplateCopy<Labels, Tone>;
  record: Branded<DebtRecord>;
}): StandardPageCopy & Labels & Tone & { brand: string } {
  const { copy, record } = options;
  const brand = getSenderName({ brand: record.brand, fallback: copy.sender });
  const merged = applyCopy(
    { ...standardPageCopy[record.locale], ...copy.labels[record.locale], ...copy.tones[record.tone][record.locale] },
    record.copy,
  );
  const values = { brand, name: record.name };
  const filled = Object.fromEntries(
    Object.entries(merged).map(([key, text]) => [key, typeof text === 'string' ? fillCopy(text, values) : text]),
  );
  return { ...(filled as typeof merged), brand };
}

/**
 * One tone's strings per locale, page strings and labels included, as `TemplateDefinition.copy`
 * lists them (for the template check and the studio; a record's `copy` overrides any of them).
 */
export function listToneCopy<Labels, Tone extends ToneCopy>(
  copy: TemplateCopy<Labels, Tone>,
  tone: ReferenceTone,
): Record<ProductLocale, Record<string, string>> {
  const locales = Object.keys(copy.labels) as ProductLocale[];
  return Object.fromEntries(
    locales.map((locale): [ProductLocale, Record<string, string>] => [
      locale,
      { ...standardPageCopy[locale], ...copy.labels[locale], ...copy.tones[tone][locale] },
    ]),
  ) as Record<ProductLocale, Record<string, string>>;
}
