import type { FastifyRequest } from 'fastify';
import { redactTokens } from '../redact-tokens.ts';

/**
 * A request as logged: its method and its route's pattern (`/t/f/:token/:kind`), so no link token
 * (or anything else a path parameter holds) reaches the log. Requests no parametrised route
 * matched (site files, unknown paths) show their path with token-shaped codes redacted.
 */
export function describeRequest(request: FastifyRequest): { method: string; url: string } {
  const route = request.routeOptions?.url;
  return { method: request.method, url: route?.includes(':') ? route : redactTokens(request.url) };
}
