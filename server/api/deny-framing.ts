import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * An onSend hook: an HTML answer that sets no CSP of its own (the opt-out page, the demo
 * checkout, the API docs) may not be framed by any site, so a click on it cannot be hijacked
 * from an invisible frame. A meta CSP cannot say this; only the header can. Answers with their
 * own CSP (published pages, studio, dashboard) keep it.
 */
export async function denyFraming(_request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const type = String(reply.getHeader('content-type') ?? reply.raw.getHeader('content-type') ?? '');
  const ownPolicy = reply.getHeader('content-security-policy') ?? reply.raw.getHeader('content-security-policy');
  if (type.startsWith('text/html') && ownPolicy === undefined) {
    reply.header('content-security-policy', "frame-ancestors 'none'").header('x-frame-options', 'DENY');
  }
  return payload;
}
