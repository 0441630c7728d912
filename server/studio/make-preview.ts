import type { z } from 'zod';
import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';
import { checkCopyEdit, type CopyProblem } from './check-copy-edit.ts';

/** A previewed record: the parsed props, or every problem of the form and the copy edits. */
export type PreviewResult = { ok: true; props: BaseRecord } | { ok: false; problems: CopyProblem[] };

/** Splits a field message of the house style ("amount is not a number; write it like 1234.56") into problem and fix. */
function toProblem(issue: z.core.$ZodIssue): CopyProblem {
  const [problem, ...fix] = issue.message.split('; ');
  return {
    field: issue.path.join('.') || 'record',
    problem: problem ?? issue.message,
    fix: fix.join('; ') || 'Correct the value',
  };
}

/**
 * Parses a sample record as a campaign would (the template's schema), in the chosen locale and
 * with the copy edits of that locale, which must keep every placeholder of the built-in copy.
 */
export function makePreview(options: {
  template: TemplateDefinition;
  locale: string;
  record: Record<string, unknown>;
  copy?: Record<string, string>;
}): PreviewResult {
  const { template, locale } = options;
  const copy = options.copy && Object.keys(options.copy).length > 0 ? options.copy : undefined;
  const copyProblems = copy ? checkCopyEdit({ template, locale, copy }) : [];
  const parsed = template.schema.safeParse({ ...options.record, locale, copy });
  const problems = [...(parsed.success ? [] : parsed.error.issues.map(toProblem)), ...copyProblems];
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, props: parsed.data };
}
