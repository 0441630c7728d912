import { KindlyError } from '../errors.ts';
import { redactTokens } from '../redact-tokens.ts';

/**
 * A failure as stored with the recipient and shown to operators: its message without personal
 * link tokens, and whether trying again may help (bad data will not; a crashed browser may).
 */
export function describeFailure(error: unknown): { error: string; retryable: boolean } {
  const message = error instanceof Error ? error.message : String(error);
  return {
    error: redactTokens(message).slice(0, 2000),
    retryable: !(error instanceof KindlyError) || error.retryable,
  };
}
