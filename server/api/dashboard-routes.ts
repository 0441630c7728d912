import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

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
export function dashboardRoutes() {
  return async function register(app: FastifyInstance) {
    for (const [name, [file, type]] of Object.entries(files)) {
      app.get(`/admin/${name}`, async (_request, reply) =>
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
