import fs from 'node:fs/promises';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Db } from '../store/db.ts';
import { trackingRoutes } from '../tracking/tracking-routes.ts';
import { campaignRoutes } from './campaign-routes.ts';
import { demoPayRoute } from './demo-pay-route.ts';
import { errorHandler } from './error-handler.ts';
import { serveSite } from './serve-site.ts';

/** Everything the HTTP face needs, passed in (tests give their own). */
export type AppDeps = {
  db: Db;
  /** The local CDN folder to serve; omit when a real CDN serves the pages. */
  siteDir?: string;
  apiKey: string | undefined;
  logLevel?: string;
};

/** The stand-in checkout page campaigns use when started without a pay URL. */
export const demoPayPath = '/demo/pay';

/** Personal links are secrets: logs show `/r/:token`, never the token itself. */
export const redactUrl = (url: string) => url.replace(/\/(r|t\/c|t\/o)\/[A-Za-z0-9_-]{8,}/g, '/$1/:token');

/**
 * The fastify app: the local CDN folder, public tracking routes and the admin API. It never
 * listens; the CLI does, tests use `inject()`.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logLevel && deps.logLevel !== 'silent'
      ? { level: deps.logLevel, serializers: { req: (request) => ({ method: request.method, url: redactUrl(request.url) }) } }
      : false,
    trustProxy: false,
    bodyLimit: 64 * 1024,
  });
  app.setErrorHandler(errorHandler);
  // The opt-out form posts an empty urlencoded body; nothing in it is read.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.get('/healthz', async () => ({ ok: true }));
  await app.register(trackingRoutes({ db: deps.db, findSiteCss: () => findSiteCss(deps.siteDir) }));
  await app.register(campaignRoutes({ db: deps.db, apiKey: deps.apiKey }));
  await app.register(demoPayRoute({ path: demoPayPath }));
  if (deps.siteDir) await app.register(serveSite({ siteDir: deps.siteDir }));
  return app;
}

async function findSiteCss(siteDir: string | undefined): Promise<string | undefined> {
  if (!siteDir) return undefined;
  const names = await fs.readdir(path.join(siteDir, 'assets')).catch(() => [] as string[]);
  const css = names.find((name) => /^site\.[0-9a-f]{12}\.css$/.test(name));
  return css && `assets/${css}`;
}
