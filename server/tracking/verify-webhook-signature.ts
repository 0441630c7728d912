import crypto from 'node:crypto';
import { AuthError } from '../errors.ts';

/** How old a signed request may be: older ones are refused, so a captured request cannot be replayed later. */
export const webhookToleranceSeconds = 300;

/** The signature a sender puts in `kindly-signature`: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>`. */
export function signWebhook(options: { secret: string; timestamp: number; body: string }): string {
  return `sha256=${crypto.createHmac('sha256', options.secret).update(`${options.timestamp}.${options.body}`).digest('hex')}`;
}

/** Refuses (401) a webhook whose signature does not match, or whose timestamp is more than five minutes away from now. */
export function verifyWebhookSignature(options: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  now?: number;
}): void {
  const fix =
    'Sign `<timestamp>.<raw body>` with HMAC-SHA256 and the campaign webhook secret; send kindly-timestamp (Unix seconds) and kindly-signature: sha256=<hex>';
  const timestamp = Number(options.timestamp);
  if (!options.timestamp || !Number.isInteger(timestamp))
    throw new AuthError({ problem: 'The kindly-timestamp header is missing or not Unix seconds', fix });
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > webhookToleranceSeconds) {
    throw new AuthError({
      problem: `The webhook timestamp is more than ${webhookToleranceSeconds} seconds from now (a replay, or a wrong clock)`,
      fix: 'Send the request fresh, signed with the current time',
    });
  }
  const expected = Buffer.from(signWebhook({ secret: options.secret, timestamp, body: options.body }));
  const given = Buffer.from(options.signature ?? '');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    throw new AuthError({ problem: 'The webhook signature does not match', fix });
}
