import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serveSite } from '../publish/serve-site.ts';
import { NotFoundError } from '../errors.ts';
import { requireValidInput } from '../require-valid-input.ts';
import type { Studio } from './open-studio.ts';
import { grantScopeAccess } from '../route-access.ts';

/** Where preview pages report events, forms and clicks: answered, never counted (their ids are no personal links). */
export const previewTrackPath = '/studio/preview';

const previewParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{22}$/, { error: 'a preview id is the 22-character code of its page' }),
});

/**
 * The studio's preview site under /studio/site/: the shared page assets and the preview pages
 * (`r/<128-bit id>/`, reachable only through a preview the API made: the page and its poster;
 * the studio's of example records, the console's of real recipients), and the sink their events
 * go to. Pages may be framed by this origin (the studio, the console) and nothing else.
 */
export function studioSiteRoutes(options: { studio: Studio }): FastifyPluginAsyncZod {
  // Files of the studio's previews, not an API: hidden from /docs. Public (the previews' frames cannot send a key); a page is found only by its 128-bit id.
  const tags = ['studio'];
  return async (app) => {
    // Preview pages may show real recipients (an operator's previews); those of an earlier run are no longer kept.
    await fs.rm(path.join(options.studio.siteDir, 'r'), { recursive: true, force: true });
    await fs.mkdir(options.studio.siteDir, { recursive: true });
    app.addHook('onClose', () => options.studio.close());
    // A preview's poster is the still renderer's picture of the poster frame, served once it is drawn.
    const posterSchema = { hide: true, tags, summary: "A preview page's poster", security: [], params: previewParams };
    app.get(
      '/studio/site/r/:id/poster.jpg',
      { config: { access: 'public' }, attachValidation: true, schema: posterSchema },
      async (request, reply) => {
        requireValidInput({ request, part: 'params' });
        const { id } = request.params;
        const file = await options.studio.getPoster(id);
        if (!file)
          throw new NotFoundError({
            problem: 'No preview page has this id',
            value: `${id.slice(0, 4)}…`,
            fix: 'Ask POST /api/studio/preview for a new preview',
          });
        return reply
          .type('image/jpeg')
          .header('cache-control', 'no-store')
          .header('access-control-allow-origin', '*')
          .send(createReadStream(file));
      },
    );
    const sinkSchema = {
      hide: true,
      tags,
      summary: 'Take an event or form of a preview page, counting nothing',
      security: [],
      response: { 200: z.object({ preview: z.literal(true), counted: z.literal(false) }) },
    };
    app.post(`${previewTrackPath}/t/*`, { config: { access: 'public' }, schema: sinkSchema }, async (_request, reply) =>
      reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'no-store')
        .send({ preview: true, counted: false }),
    );
    const linkSchema = { hide: true, tags, summary: "Answer a preview page's link, which leads nowhere", security: [] };
    app.get(`${previewTrackPath}/t/*`, { config: { access: 'public' }, schema: linkSchema }, async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send('This is a preview in the template studio: its links lead nowhere, and nothing is counted or paid.'),
    );
    // The previews' files, loaded by the frames without a key: a page is found only by its 128-bit id.
    await app.register(async (files) => {
      grantScopeAccess({ scope: files, access: 'public' });
      await files.register(serveSite({ siteDir: options.studio.siteDir, prefix: '/studio/site/', framedBySelf: true }));
    });
  };
}
