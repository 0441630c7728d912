import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AuthError } from '../errors.ts';

/** A preHandler that admits only `Authorization: Bearer <key>`; with no key configured, the admin API stays shut. */
export function requireApiKey(options: { apiKey: string | undefined }) {
  const expected = options.apiKey ? crypto.createHash('sha256').update(options.apiKey).digest() : undefined;
  return async (request: FastifyRequest) => {
    if (!expected) {
      throw new AuthError({ problem: 'The admin API is disabled: no API key is configured', fix: 'Start the server with KINDLY_API_KEY set' });
    }
    const header = request.headers.authorization ?? '';
    const given = /^Bearer (.+)$/.exec(header)?.[1];
    if (!given) throw new AuthError({ problem: 'This route needs an API key', fix: 'Send the header Authorization: Bearer <KINDLY_API_KEY>' });
    const hashed = crypto.createHash('sha256').update(given).digest();
    if (!crypto.timingSafeEqual(hashed, expected)) throw new AuthError({ problem: 'The API key is not valid', fix: 'Use the key the server was started with' });
  };
}
