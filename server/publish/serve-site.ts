import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { assetHeaders, cacheControl } from './publisher.ts';
import { makeContentSecurityPolicy } from '../render/make-microsite.ts';

/**
 * Serves the local CDN folder with the headers a CDN would add: immutable caching for hashed
 * assets, no-cache pages, no referrer, no indexing, a strict CSP and no framing for pages, and
 * for every other file a sandbox CSP and nosniff (`assetHeaders`).
 */
export function serveSite(options: {
  siteDir: string;
  trackBase?: string;
  /** Serve under this path (e.g. `/studio/site/`) instead of the root. */
  prefix?: string;
  /** Pages may be framed by the same origin (the studio's sandboxed previews, which may also read the files); by nobody otherwise. */
  framedBySelf?: boolean;
}): FastifyPluginAsync {
  // Any page may carry the live player or play HLS; each page's own meta CSP is stricter where it does not.
  const ancestors = options.framedBySelf ? "'self'" : "'none'";
  const csp = `${makeContentSecurityPolicy({ trackBase: options.trackBase, livePlayer: true, hls: true })}; frame-ancestors ${ancestors}`;
  return async (app) => {
    await app.register(fastifyStatic, {
      root: options.siteDir,
      ...(options.prefix ? { prefix: options.prefix, decorateReply: false } : {}),
      index: ['index.html'],
      redirect: true,
      dotfiles: 'deny',
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('referrer-policy', 'no-referrer');
        res.setHeader('x-robots-tag', 'noindex, nofollow, noarchive');
        res.setHeader('x-content-type-options', 'nosniff');
        // Shared HLS segments and sound playlists are named by their content, like the hashed assets.
        const isAsset =
          /[\\/]assets[\\/]([^\\/]+\.[0-9a-f]{12}\.\w+|static\.[0-9a-f]{12}[\\/].+|hls[\\/][^\\/]+)$/.test(file);
        res.setHeader(
          'cache-control',
          isAsset ? cacheControl.immutable : file.endsWith('.html') ? cacheControl.page : cacheControl.media,
        );
        if (file.endsWith('.html')) {
          res.setHeader('content-security-policy', csp);
          res.setHeader('x-frame-options', options.framedBySelf ? 'SAMEORIGIN' : 'DENY');
        } else {
          for (const [name, value] of Object.entries(assetHeaders)) res.setHeader(name, value);
          // The studio's frames are sandboxed into an opaque origin: their fonts and captions are cross-origin reads.
          if (options.framedBySelf) res.setHeader('access-control-allow-origin', '*');
        }
      },
    });
  };
}
