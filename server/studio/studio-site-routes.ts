import fs from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { serveSite } from '../api/serve-site.ts';
import type { Studio } from './open-studio.ts';

/**
 * The studio's preview site under /studio/site/: the shared page assets and the preview pages
 * (`r/<128-bit id>/`, reachable only through a preview the API made). Pages may be framed by the
 * studio itself and nothing else.
 */
export function studioSiteRoutes(options: { studio: Studio }) {
  return async function register(app: FastifyInstance) {
    await fs.mkdir(options.studio.siteDir, { recursive: true });
    app.addHook('onClose', () => options.studio.close());
    await app.register(serveSite({ siteDir: options.studio.siteDir, prefix: '/studio/site/', framedBySelf: true }));
  };
}
