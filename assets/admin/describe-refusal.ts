import { describeError } from '../shared/describe-error.ts';

/** The API's refusal in full: what is wrong, the value it read and how to fix it, as one line of text. */
export function describeRefusal(error: unknown): string {
  const { value, fix } = (error ?? {}) as { value?: unknown; fix?: unknown };
  return [
    describeError(error),
    typeof value === 'string' && value ? `(${value})` : '',
    typeof fix === 'string' && fix ? `— ${fix}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
