import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bundleBrowserScript } from '../publish/bundle-browser-script.ts';

const dashboardDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/admin');
/** Each file of /admin/: its type and how to read it (the script is bundled from assets/admin/dashboard.ts). */
const files: Record<string, { type: string; read: () => Promise<Buffer | string> }> = {
  '': { type: 'text/html; charset=utf-8', read: () => fs.readFile(path.join(dashboardDir, 'dashboard.html')) },
  'dashboard.js': {
    type: 'text/javascript; charset=utf-8',
    read: () => bundleBrowserScript({ entry: 'assets/admin/dashboard.ts' }),
  },
  'dashboard.css': {
    type: 'text/css; charset=utf-8',
    read: () => fs.readFile(path.join(dashboardDir, 'dashboard.css')),
  },
  'inbox.css': { type: 'text/css; charset=utf-8', read: () => fs.readFile(path.join(dashboardDir, 'inbox.css')) },
  'console.css': {
    type: 'text/css; charset=utf-8',
    read: () => fs.readFile(path.join(dashboardDir, 'console.css')),
  },
  'debtor.css': { type: 'text/css; charset=utf-8', read: () => fs.readFile(path.join(dashboardDir, 'debtor.css')) },
};
// Frames of this origin only: the console shows recipients' preview pages (/studio/site/r/…).
const csp =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The dashboard at /admin/: a static page and script holding no data. The page asks for an
 * admin API key and reads everything through the admin API with it; nothing loads from elsewhere.
 */
export function dashboardRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    for (const [name, { type, read }] of Object.entries(files)) {
      // Files, not an API: hidden from /docs. Public: they hold no data; the page asks for the key.
      const schema = { hide: true, tags: ['dashboard'], summary: `The dashboard's ${name || 'page'}`, security: [] };
      app.get(`/admin/${name}`, { config: { access: 'public' }, schema }, async (_request, reply) =>
        reply
          .type(type)
          .header('content-security-policy', csp)
          .header('referrer-policy', 'no-referrer')
          .header('x-robots-tag', 'noindex')
          .header('cache-control', 'no-cache')
          .send(await read()),
      );
    }
  };
}
