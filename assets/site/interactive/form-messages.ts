import type { FormCopy } from '../../../templates/interactive/form-copy.ts';
import { callbackDaysAhead, formMaxLengths } from '../../../templates/interactive/response-bodies.ts';
import { fillCopy } from '../../../templates/format.ts';

/**
 * What a person reads when a rule refuses a field: the zod issue's code (or the rule's own reason,
 * see FormRefusal) in the page's language. The same words whether the page or the server refused.
 */
export function describeIssue(options: { field: string; reason: string | undefined; copy: FormCopy }): string {
  const { field, copy } = options;
  switch (options.reason) {
    case 'invalid_type':
      return copy.fieldRequired;
    case 'invalid_format':
      return field === 'phone' ? copy.phoneInvalid : copy.dateInvalid;
    case 'invalid_value':
      return copy.chooseOption;
    case 'too_big':
      return fillCopy(copy.tooLong, { max: String(formMaxLengths[field as keyof typeof formMaxLengths] ?? '') });
    case 'too_small':
      return copy.fieldRequired;
    case 'control':
      return copy.controlCharacters;
    case 'future':
      return copy.paidFuture;
    case 'too_old':
      return copy.paidTooOld;
    case 'past':
      return copy.callbackPast;
    case 'too_far':
      return fillCopy(copy.callbackTooFar, { days: String(callbackDaysAhead) });
    default:
      return copy.refused;
  }
}

/** The answer of a page route, as postJson reads it. */
export type RouteAnswer = { ok: boolean; status: number; body: Record<string, unknown> };

/**
 * Why the server refused a send, in the page's language: a field it refused (400, with the field
 * when the form has it), too many sends (429), a link it does not know (404), or anything else
 * (5xx, no network) as "try again".
 */
export function describeRefusal(options: { answer: RouteAnswer; copy: FormCopy; fields: readonly string[] }): {
  field?: string;
  message: string;
} {
  const { answer, copy } = options;
  const field = typeof answer.body.field === 'string' ? answer.body.field : undefined;
  const reason = typeof answer.body.reason === 'string' ? answer.body.reason : undefined;
  if (answer.status === 400 && field && options.fields.includes(field))
    return { field, message: describeIssue({ field, reason, copy }) };
  if (answer.status === 404 || (answer.status === 400 && field === 'token')) return { message: copy.linkUnknown };
  if (answer.status === 429) return { message: copy.rateLimited };
  if (answer.status >= 400 && answer.status < 500) return { message: copy.refused };
  return { message: copy.sendLater };
}
