import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthError, KindlyError } from '../errors.ts';
import { findApiKey } from '../store/api-keys.ts';
import type { Queryable } from '../store/db.ts';
import { makeWrongKeyCounter, wrongKeyLimit } from './make-wrong-key-counter.ts';

/** The key of `Authorization: Bearer <key>`, or of Basic auth with the key as password (what a browser can send, for the queue board). */
function readKey(header: string | undefined): string | undefined {
  const bearer = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
  if (bearer) return bearer;
  const basic = /^Basic (\S+)$/.exec(header ?? '')?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1) || undefined;
}

/** The server's own KINDLY_API_KEY has no stored id or name; this is what records name it. */
export const envKeyName = 'env key';
/** The key a running `kindly serve` makes for the CLI on the same machine. */
export const localKeyName = 'local key';

const missingKey = () =>
  new AuthError({
    problem: 'This route needs an API key',
    fix: 'Send Authorization: Bearer <key>; create a key with `kindly keys create`',
  });
const keyNames = new WeakMap<FastifyRequest, string>();

/** Which admin key a request came with, as records keep it: the stored key's name and id, or 'env key'. */
export function getApiKeyName(request: FastifyRequest): string {
  const name = keyNames.get(request);
  if (!name) throw missingKey();
  return name;
}

/**
 * An onRequest hook admitting only a valid admin key: one made with `kindly keys create`
 * (stored hashed), the KINDLY_API_KEY the server was started with, or the server's own local key.
 * It runs before the body is read or validated, so callers without a key learn nothing about the
 * API. An address that sends ten wrong keys in a minute is refused (429) for the rest of that
 * minute, so keys cannot be guessed at speed; other addresses are not affected.
 */
export function requireApiKey(options: { db: Queryable; apiKey: string | undefined; localApiKey?: string }) {
  const configured = [
    { key: options.apiKey, name: envKeyName },
    { key: options.localApiKey, name: localKeyName },
  ].flatMap(({ key, name }) => (key ? [{ hash: crypto.createHash('sha256').update(key).digest(), name }] : []));
  const wrongKeys = makeWrongKeyCounter();
  return async (request: FastifyRequest, reply: FastifyReply) => {
    // Browsers then ask for the key (as the password) on the queue board and the studio.
    if (/^\/(admin\/|studio|api\/studio\/)/.test(request.url))
      reply.header('www-authenticate', 'Basic realm="Kindly admin", charset="UTF-8"');
    const given = readKey(request.headers.authorization);
    if (!given) throw missingKey();
    const failures = wrongKeys.failures(request.ip);
    if (failures >= wrongKeyLimit.failures) {
      const seconds = wrongKeys.secondsLeft(request.ip);
      reply.header('retry-after', String(seconds));
      throw new KindlyError({
        problem: 'Too many wrong API keys from this address; keys from it are refused for now',
        value: `${failures} wrong keys`,
        fix: `Wait ${seconds} seconds, then send a valid key`,
        statusCode: 429,
      });
    }
    const hashed = crypto.createHash('sha256').update(given).digest();
    const server = configured.find((key) => crypto.timingSafeEqual(hashed, key.hash));
    if (server) {
      keyNames.set(request, server.name);
      return;
    }
    const stored = await findApiKey({ db: options.db, key: given });
    if (stored) {
      keyNames.set(request, `${stored.name} (${stored.id})`);
      return;
    }
    wrongKeys.add(request.ip);
    throw new AuthError({
      problem: 'The API key is not valid',
      fix: 'Use a key made with `kindly keys create`, or the server KINDLY_API_KEY',
    });
  };
}
