import crypto from 'node:crypto';
import { normaliseAnswer } from '../../templates/interactive/payload-crypto.ts';

const digest = (text: string) => crypto.createHash('sha256').update(normaliseAnswer(text)).digest();

/** Whether a gate answer matches the record's value, compared as normalised hashes in constant time. */
export function checkGateAnswer(options: { answer: string; expected: unknown }): boolean {
  if (options.expected === undefined || options.expected === null || String(options.expected).trim() === '')
    return false;
  return crypto.timingSafeEqual(digest(options.answer), digest(String(options.expected)));
}
