import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bundleBrowserScript } from '../publish/bundle-browser-script.ts';
import { playerStyleHash } from '../render/player-style-hash.ts';
import type { Studio } from './open-studio.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The studio page's policy: its own files only (and the player's one stylesheet by hash), previews framed from itself. */
const studioCsp = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${playerStyleHash}`,
  "img-src 'self'",
  "media-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The studio's own files: its type and how to read it (the script is bundled from assets/studio/studio.ts). */
const studioFiles: Record<string, { type: string; read: () => Promise<Buffer | string> }> = {
  'studio.js': {
    type: 'text/javascript; charset=utf-8',
    read: () => bundleBrowserScript({ entry: 'assets/studio/studio.ts' }),
  },
  'studio.css': {
    type: 'text/css; charset=utf-8',
    read: () => fs.readFile(path.join(root, 'assets/studio/studio.css')),
  },
};

/** GET /studio (behind the key): the template studio page, its script and stylesheet. */
export function studioPageRoutes(options: { studio: Studio }): FastifyPluginAsyncZod {
  // The studio's page and files, not an API: hidden from /docs.
  const tags = ['studio'];
  return async (app) => {
    app.get(
      '/studio',
      { config: { access: 'designer' }, schema: { hide: true, tags, summary: 'The template studio page' } },
      async (_request, reply) => {
        const assets = await options.studio.getAssets();
        const site = (file: string) => escapeAttribute(`/studio/site/${file}`);
        const html = (await fs.readFile(path.join(root, 'assets/studio/studio.html'), 'utf8'))
          .replace('{{siteCss}}', site(assets.css))
          .replace('{{cjkFonts}}', assets.cjkFonts ? site(assets.cjkFonts) : '')
          .replace('{{playerBundle}}', assets.player ? site(assets.player.bundle) : '')
          .replace('{{staticBase}}', assets.player ? site(assets.player.staticBase) : '');
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', studioCsp)
          .header('referrer-policy', 'no-referrer')
          .header('x-frame-options', 'DENY')
          .header('cache-control', 'no-store')
          .send(html);
      },
    );
    app.get(
      '/studio/:file',
      {
        config: { access: 'designer' },
        schema: {
          hide: true,
          tags,
          summary: "The studio page's script or stylesheet",
          params: z.object({ file: z.string() }),
        },
      },
      async (request, reply) => {
        const file = studioFiles[request.params.file];
        if (!file) return reply.code(404).send({ error: 'No such studio file', fix: 'Open /studio' });
        return reply
          .type(file.type)
          .header('cache-control', 'no-cache')
          .send(await file.read());
      },
    );
  };
}
