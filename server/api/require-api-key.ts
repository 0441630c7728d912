import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthError, KindlyError } from '../errors.ts';
import { isValidApiKey } from '../store/api-keys.ts';
import type { Queryable } from '../store/db.ts';

/** The key of `Authorization: Bearer <key>`, or of Basic auth with the key as password (what a browser can send, for the queue board). */
function readKey(header: string | undefined): string | undefined {
  const bearer = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
  if (bearer) return bearer;
  const basic = /^Basic (\S+)$/.exec(header ?? '')?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1) || undefined;
}

/** Wrong keys one address may send in a window; past that, every key from it is refused (429) until the window ends. */
export const wrongKeyLimit = { failures: 10, windowMs: 60_000, addresses: 10_000 };

/** Counts wrong keys per address in fixed windows, remembering a bounded number of addresses. */
function makeWrongKeyCounter() {
  const counts = new Map<string, { failures: number; until: number }>();
  const current = (address: string) => {
    const entry = counts.get(address);
    return entry && entry.until > Date.now() ? entry : undefined;
  };
  return {
    failures: (address: string) => current(address)?.failures ?? 0,
    secondsLeft: (address: string) => Math.ceil(((current(address)?.until ?? Date.now()) - Date.now()) / 1000),
    add: (address: string) => {
      const entry = current(address) ?? { failures: 0, until: Date.now() + wrongKeyLimit.windowMs };
      entry.failures += 1;
      counts.delete(address);
      if (counts.size >= wrongKeyLimit.addresses) counts.delete(counts.keys().next().value!);
      counts.set(address, entry);
    },
  };
}

/**
 * An onRequest hook admitting only a valid admin key: one made with `kindly keys create`
 * (stored hashed) or the KINDLY_API_KEY the server was started with. It runs before the body
 * is read or validated, so callers without a key learn nothing about the API. An address that
 * sends ten wrong keys in a minute is refused (429) for the rest of that minute, so keys cannot
 * be guessed at speed; other addresses are not affected.
 */
export function requireApiKey(options: { db: Queryable; apiKey: string | undefined }) {
  const configured = options.apiKey ? crypto.createHash('sha256').update(options.apiKey).digest() : undefined;
  const wrongKeys = makeWrongKeyCounter();
  return async (request: FastifyRequest, reply: FastifyReply) => {
    // Browsers then ask for the key (as the password) on the queue board and the studio.
    if (/^\/(admin\/|studio|api\/studio\/)/.test(request.url)) reply.header('www-authenticate', 'Basic realm="Kindly admin", charset="UTF-8"');
    const given = readKey(request.headers.authorization);
    if (!given) throw new AuthError({ problem: 'This route needs an API key', fix: 'Send Authorization: Bearer <key>; create a key with `kindly keys create`' });
    const failures = wrongKeys.failures(request.ip);
    if (failures >= wrongKeyLimit.failures) {
      const seconds = wrongKeys.secondsLeft(request.ip);
      reply.header('retry-after', String(seconds));
      throw new KindlyError({ problem: 'Too many wrong API keys from this address; keys from it are refused for now', value: `${failures} wrong keys`, fix: `Wait ${seconds} seconds, then send a valid key`, statusCode: 429 });
    }
    const hashed = crypto.createHash('sha256').update(given).digest();
    if (configured && crypto.timingSafeEqual(hashed, configured)) return;
    if (await isValidApiKey({ db: options.db, key: given })) return;
    wrongKeys.add(request.ip);
    throw new AuthError({ problem: 'The API key is not valid', fix: 'Use a key made with `kindly keys create`, or the server KINDLY_API_KEY' });
  };
}
