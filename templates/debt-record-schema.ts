import { z } from 'zod';
import { copyOverridesField } from './apply-copy.ts';
import { debtFields, makeDebtSchema } from './debt-fields.ts';
import { emailField, phoneField, toneField } from './fields.ts';
import { productLocales } from './pages/page-copy.ts';

/** The two tones the reference templates ship: kind and personal, or plain and factual. */
export const referenceTones = ['empathetic', 'neutral'] as const;
export type ReferenceTone = (typeof referenceTones)[number];

/** The columns of a debt record, in the order of a records file. */
export const debtRecordFields = [
  'id',
  'name',
  'amount',
  'currency',
  'due_date',
  'invoice',
  'locale',
  'tone',
  'email',
  'phone',
] as const;

/**
 * The personal fields of the reference templates that speak the four product languages and two
 * tones (also the default column names of a records file). `tone` is usually set per campaign
 * or A/B variant; a `tone` column overrides it per record.
 */
export const debtRecordSchema = makeDebtSchema({
  ...debtFields(productLocales),
  tone: toneField({ tones: referenceTones, fallback: 'empathetic' }),
  email: emailField(),
  phone: phoneField(),
  copy: copyOverridesField,
});

export type DebtRecord = z.output<typeof debtRecordSchema>;

/** The shared debt record as a template reads it (see makeReferenceTemplate). */
export const debtRecord = { schema: debtRecordSchema, fields: debtRecordFields, tones: referenceTones };
