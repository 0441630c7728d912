import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serveSite } from '../api/serve-site.ts';
import { NotFoundError } from '../errors.ts';
import type { Studio } from './open-studio.ts';

/** Where preview pages report events, forms and clicks: answered, never counted (their ids are no personal links). */
export const previewTrackPath = '/studio/preview';

const previewParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{22}$/, { error: 'a preview id is the 22-character code of its page' }) });

/**
 * The studio's preview site under /studio/site/: the shared page assets and the preview pages
 * (`r/<128-bit id>/`, reachable only through a preview the API made: the page and its poster),
 * and the sink their events go to. Pages may be framed by the studio itself and nothing else.
 */
export function studioSiteRoutes(options: { studio: Studio }) {
  return async function register(app: FastifyInstance) {
    await fs.mkdir(options.studio.siteDir, { recursive: true });
    app.addHook('onClose', () => options.studio.close());
    // A preview's poster is the still renderer's picture of the poster frame, served once it is drawn.
    app.get('/studio/site/r/:id/poster.jpg', { schema: { hide: true } }, async (request, reply) => {
      const { id } = previewParams.parse(request.params);
      const file = await options.studio.getPoster(id);
      if (!file) throw new NotFoundError({ problem: 'No preview page has this id', value: `${id.slice(0, 4)}…`, fix: 'Ask POST /api/studio/preview for a new preview' });
      return reply.type('image/jpeg').header('cache-control', 'no-store').header('access-control-allow-origin', '*').send(createReadStream(file));
    });
    app.post(`${previewTrackPath}/t/*`, { schema: { hide: true } }, async (_request, reply) => reply.header('access-control-allow-origin', '*').header('cache-control', 'no-store').send({ preview: true, counted: false }));
    app.get(`${previewTrackPath}/t/*`, { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('This is a preview in the template studio: its links lead nowhere, and nothing is counted or paid.'),
    );
    await app.register(serveSite({ siteDir: options.studio.siteDir, prefix: '/studio/site/', framedBySelf: true }));
  };
}
