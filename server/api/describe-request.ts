import type { FastifyRequest } from 'fastify';
import { redactTokens } from '../redact-tokens.ts';

/**
 * A request as logged: its method and its route's pattern (`/t/f/:token/:kind`), so no link token
 * (or anything else a path parameter or query holds) reaches the log. Requests no route matched but
 * by a wildcard (site files, unknown paths) show their path with token-shaped codes redacted.
 */
export function describeRequest(request: FastifyRequest): { method: string; url: string } {
  const route = request.routeOptions?.url;
  // A query may name a debtor (a search by record id): a request a route matched is logged without it.
  const logged = route && (route.includes(':') || !route.includes('*')) ? route : redactTokens(request.url);
  return { method: request.method, url: logged };
}
