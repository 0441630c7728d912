import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { describeFile } from '../describe-response.ts';

const faviconFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/brand/favicon.ico');

/**
 * `/favicon.ico`: Kindly's icon, for the dashboard, the studio and the demo checkout (and any
 * browser that asks the server's root for it). Pages link their own published copy.
 */
export function faviconRoute(): FastifyPluginAsyncZod {
  // A file, not an API: hidden from /docs.
  const schema = {
    hide: true,
    summary: "Kindly's icon",
    security: [],
    response: { 200: describeFile({ description: 'The icon', type: 'image/x-icon' }) },
  };
  return async (app) => {
    const icon = await fs.readFile(faviconFile);
    app.get('/favicon.ico', { config: { access: 'public' }, schema }, async (_request, reply) =>
      reply.type('image/x-icon').header('cache-control', 'public, max-age=86400').send(icon),
    );
  };
}
