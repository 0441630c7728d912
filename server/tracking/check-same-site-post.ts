import type { FastifyRequest } from 'fastify';
import { KindlyError } from '../errors.ts';

/**
 * Refuses (403) a form post that a browser says came from another site, so no page elsewhere
 * can opt a debtor out behind their back. `Sec-Fetch-Site` decides when the browser sends it;
 * otherwise `Origin` must name this host. A post with neither (an older browser, a mail
 * client's own form) is taken: those headers are what a forged cross-site post always carries.
 */
export function checkSameSitePost(request: FastifyRequest): void {
  const header = (name: string) => [request.headers[name]].flat()[0];
  const site = header('sec-fetch-site');
  const origin = header('origin');
  const fromElsewhere =
    site !== undefined
      ? site !== 'same-origin' && site !== 'none'
      : origin !== undefined && hostOf(origin) !== request.host;
  if (fromElsewhere) {
    throw new KindlyError({
      problem: 'This opt-out was sent from another site, so it was not taken',
      value: origin ?? site,
      fix: 'Open the opt-out link from your message and press the button on that page',
      statusCode: 403,
    });
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
