import { z } from 'zod';

const copyMap = z.record(z.string().max(60), z.string().max(600));

/** POST /api/studio/preview: a template, a locale, a sample record as typed in the form, and copy edits for that locale. */
export const previewBody = z.object({
  templateId: z.string().min(1).max(80),
  locale: z.string().min(2).max(20),
  record: z.record(z.string().max(60), z.unknown()),
  copy: copyMap.optional(),
});

/** POST /api/studio/templates/:id/versions: copy edits per locale, and a note saying what changed. */
export const versionBody = z.object({
  copy: z.record(z.string().max(20), copyMap),
  note: z.string().max(500).default(''),
});

export const templateParams = z.object({ id: z.string().min(1).max(80) });
export const stillParams = z.object({
  file: z.string().regex(/^[0-9a-f]{64}\.jpg$/, { error: 'a still is named <64 hex digits>.jpg' }),
});
