import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';

/** A record to lay the template out with, and how to name it in a message. */
export type FitRecord = { label: string; record: BaseRecord };

const sizeOf = (value: unknown) => String(value ?? '').length;

/**
 * The records the text-fit check lays out: every example in its own locale, and for every locale
 * the "longest" record — each field taken from the example whose parsed value is longest (the
 * longest name, the largest amount) — so every locale's copy meets the longest personal values.
 */
export function listFitRecords(template: TemplateDefinition): FitRecord[] {
  const parsed = template.examples.flatMap((raw) => {
    const result = template.schema.safeParse(raw);
    return result.success ? [{ raw, record: result.data }] : [];
  });
  const records: FitRecord[] = parsed.map(({ record }) => ({ label: `example ${record.id}`, record }));
  if (parsed.length === 0) return records;
  const longest: Record<string, unknown> = {};
  for (const field of template.fields) {
    const pick = parsed.reduce((best, next) =>
      sizeOf((next.record as Record<string, unknown>)[field]) > sizeOf((best.record as Record<string, unknown>)[field])
        ? next
        : best,
    );
    longest[field] = pick.raw[field];
  }
  for (const locale of template.locales) {
    const result = template.schema.safeParse({ ...longest, locale });
    if (result.success) records.push({ label: 'the longest example values', record: result.data });
  }
  return records;
}
