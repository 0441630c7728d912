import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const dashboardDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/admin');
const files = {
  '': ['dashboard.html', 'text/html; charset=utf-8'],
  'dashboard.js': ['dashboard.js', 'text/javascript; charset=utf-8'],
  'dashboard.css': ['dashboard.css', 'text/css; charset=utf-8'],
  'inbox.js': ['inbox.js', 'text/javascript; charset=utf-8'],
  'inbox.css': ['inbox.css', 'text/css; charset=utf-8'],
} as const;
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The dashboard at /admin/: a static page and script holding no data. The page asks for an
 * admin API key and reads everything through the admin API with it; nothing loads from elsewhere.
 */
export function dashboardRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    for (const [name, [file, type]] of Object.entries(files)) {
      // Files, not an API: hidden from /docs. Public: they hold no data; the page asks for the key.
      const schema = { hide: true, tags: ['dashboard'], summary: `The dashboard's ${file}`, security: [] };
      app.get(`/admin/${name}`, { schema }, async (_request, reply) =>
        reply
          .type(type)
          .header('content-security-policy', csp)
          .header('referrer-policy', 'no-referrer')
          .header('x-robots-tag', 'noindex')
          .header('cache-control', 'no-cache')
          .send(await fs.readFile(path.join(dashboardDir, file))),
      );
    }
  };
}
