import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthError, ForbiddenError, KindlyError } from '../errors.ts';
import type { Role } from '../roles.ts';
import { findApiKey, markApiKeyUsed } from '../store/api-keys.ts';
import type { Queryable } from '../store/db.ts';
import { makeWrongKeyCounter, wrongKeyLimit } from './make-wrong-key-counter.ts';
import { accessRoles } from '../route-access.ts';

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

/** Who a request came from: the user, their key and role. The env and local keys act as admin. */
export type Caller = { userName: string; keyId: string | null; keyName: string; role: Role };

const missingKey = () =>
  new AuthError({
    problem: 'This route needs an API key',
    fix: 'Send Authorization: Bearer <key>; create a key with `kindly keys create --name <user> --role <role>`',
  });
const callers = new WeakMap<FastifyRequest, Caller>();

/** Who sent a request with a valid key (also when its role was refused), or undefined. */
export function findCaller(request: FastifyRequest): Caller | undefined {
  return callers.get(request);
}

/** Which key a request came with, as records keep it: the stored key's name and id, or 'env key'. */
export function getApiKeyName(request: FastifyRequest): string {
  const caller = callers.get(request);
  if (!caller) throw missingKey();
  return caller.keyId ? `${caller.keyName} (${caller.keyId})` : caller.keyName;
}

/**
 * The onRequest hook of every route, admitting what the route's `config.access` allows: anyone on
 * `public` routes; elsewhere a valid key (one made with `kindly keys create`, stored hashed; the
 * KINDLY_API_KEY the server was started with; or the server's own local key, both admin) whose
 * user's role the route admits (401 without a valid key, 403 with a role not admitted). It runs
 * before the body is read or validated, so callers without a key learn nothing about the API. An
 * address that sends ten wrong keys in a minute is refused (429) for the rest of that minute, so
 * keys cannot be guessed at speed; other addresses are not affected. Likewise a key refused for
 * its role ten times in a minute gets 429 on refused routes for the rest of that minute, and those
 * answers write no audit entry.
 */
export function requireApiKey(options: { db: Queryable; apiKey: string | undefined; localApiKey?: string }) {
  const configured = [
    { key: options.apiKey, name: envKeyName },
    { key: options.localApiKey, name: localKeyName },
  ].flatMap(({ key, name }) => (key ? [{ hash: crypto.createHash('sha256').update(key).digest(), name }] : []));
  const wrongKeys = makeWrongKeyCounter();
  // The same fixed windows count refusals per key, so a valid key cannot fill the audit log with them.
  const refusals = makeWrongKeyCounter();
  const identify = async (request: FastifyRequest, reply: FastifyReply): Promise<Caller> => {
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
    if (server) return { userName: server.name, keyId: null, keyName: server.name, role: 'admin' };
    const stored = await findApiKey({ db: options.db, key: given });
    if (stored) {
      // When a key was last used is worth a log line, never a failed request.
      await markApiKeyUsed({ db: options.db, id: stored.id }).catch((error: unknown) =>
        request.log.error({ err: error, keyId: stored.id }, 'marking the API key used failed'),
      );
      return { userName: stored.userName, keyId: stored.id, keyName: stored.name, role: stored.role };
    }
    wrongKeys.add(request.ip);
    throw new AuthError({
      problem: 'The API key is not valid',
      fix: 'Use a key made with `kindly keys create`, or the server KINDLY_API_KEY',
    });
  };
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    // Unknown addresses (the not-found handler) have no access declared and answer 404 to anyone.
    if (access === 'public' || (!access && request.routeOptions.url === undefined)) return;
    if (!access) {
      // requireRouteAccess stops the app from starting with such a route; if one gets here, it stays shut.
      throw new KindlyError({
        problem: 'This route declares no access, so it is refused rather than left open',
        value: `${request.method} ${request.routeOptions.url}`,
        fix: "Add config: { access } to the route's options (see accessRoles in server/route-access.ts)",
        statusCode: 500,
      });
    }
    // Browsers then ask for the key (as the password) on the queue board and the studio.
    if (/^\/(admin\/|studio|api\/studio\/)/.test(request.url))
      reply.header('www-authenticate', 'Basic realm="Kindly admin", charset="UTF-8"');
    const caller = await identify(request, reply);
    const admitted: readonly Role[] = accessRoles[access];
    callers.set(request, caller);
    if (admitted.includes(caller.role)) return;
    const refuser = caller.keyId ?? caller.keyName;
    const refused = refusals.failures(refuser);
    if (refused >= wrongKeyLimit.failures) {
      // Not the caller's any more: this answer writes no audit entry.
      callers.delete(request);
      const seconds = refusals.secondsLeft(refuser);
      reply.header('retry-after', String(seconds));
      throw new KindlyError({
        problem: `Too many refused calls with the key of ${caller.userName}; its refused calls are answered 429 for now`,
        value: `${refused} refused calls`,
        fix: `Wait ${seconds} seconds, and call only routes the role ${caller.role} may call`,
        statusCode: 429,
      });
    }
    refusals.add(refuser);
    throw new ForbiddenError({
      problem: `This route needs the role ${admitted.join(' or ')}; the key of ${caller.userName} has the role ${caller.role}`,
      value: `${request.method} ${request.routeOptions.url}`,
      fix: `Use a key of a user with the role ${admitted.join(' or ')}; an admin makes one with \`kindly keys create --name <user> --role ${admitted.at(-1)}\``,
    });
  };
}
