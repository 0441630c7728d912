import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Queue } from 'bullmq';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Registry } from 'prom-client';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Publisher } from '../publish/publisher.ts';
import type { SegmentCache } from '../render/segment-cache.ts';
import { transformRouteSchema } from '../describe-response.ts';
import { redactTokens } from '../redact-tokens.ts';
import type { Db } from '../store/db.ts';
import { makeEventBuffer } from '../tracking/make-event-buffer.ts';
import { interactiveRoutes } from '../tracking/interactive-routes.ts';
import { trackingRoutes } from '../tracking/tracking-routes.ts';
import { paymentWebhookRoutes } from '../tracking/payment-webhook-routes.ts';
import { analyticsRoutes } from './analytics-routes.ts';
import { campaignActionRoutes } from './campaign-action-routes.ts';
import { campaignExportRoutes } from './campaign-export-routes.ts';
import { campaignResponseRoutes } from './campaign-response-routes.ts';
import { campaignRoutes } from './campaign-routes.ts';
import { describeRequest } from './describe-request.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { demoPayRoute } from './demo-pay-route.ts';
import { denyFraming } from './deny-framing.ts';
import { errorHandler } from './error-handler.ts';
import { faviconRoute } from './favicon-route.ts';
import { findSiteAsset } from './find-site-asset.ts';
import { healthRoutes } from './health-routes.ts';
import { metricsRoutes } from './metrics-routes.ts';
import { queueBoardRoutes } from './queue-board-routes.ts';
import { recordColumnsRoutes } from './record-columns-routes.ts';
import { recordUploadRoutes } from './record-upload-routes.ts';
import { recipientRoutes } from './recipient-routes.ts';
import { requireApiKey } from './require-api-key.ts';
import { recordAuditEntry } from './record-audit-entry.ts';
import { auditRoutes } from './audit-routes.ts';
import { callerRoutes } from './caller-routes.ts';
import { grantScopeAccess, requireRouteAccess } from '../route-access.ts';
import { serveSite } from '../publish/serve-site.ts';
import { templateRoutes } from './template-routes.ts';
import { openStudio, type StudioOptions } from '../studio/open-studio.ts';
import { studioApiRoutes } from '../studio/studio-api-routes.ts';
import { studioPageRoutes } from '../studio/studio-page-routes.ts';
import { studioSiteRoutes } from '../studio/studio-site-routes.ts';
import { recipientPreviewRoutes } from '../studio/recipient-preview-routes.ts';

/** Everything the HTTP face needs, passed in (tests give their own). */
export type AppDeps = {
  db: Db;
  /** The local CDN folder to serve; omit when a real CDN serves the pages. */
  siteDir?: string;
  /** A key from the environment, accepted besides the stored ones. */
  apiKey?: string;
  /** A key for commands on this machine, valid while this process runs (`kindly serve` writes it beside the store lock). */
  localApiKey?: string;
  /** Where render jobs go; without it the campaign actions are not offered. */
  runner?: JobRunner;
  /** The CDN origin, for unpublish and erase. */
  publisher?: Publisher;
  /** The rendered segments, for erase (a debtor's personal chunks, sounds and poster go too). */
  segmentCache?: SegmentCache;
  /** The BullMQ queue, shown on the queue board. */
  queue?: Queue;
  /** Where new campaigns' pages are served from unless they say otherwise. */
  defaultBaseUrl?: string;
  /** This API's public address, which pages report events and clicks to. */
  defaultTrackUrl?: string;
  metricsRegistry?: Registry;
  logLevel?: string;
  /** Where logs go (standard output when omitted). */
  logDestination?: DestinationStream;
  /** Tracking requests per minute from one address. */
  trackingRateLimit?: number;
  /** Behind a load balancer or CDN: trust its X-Forwarded-For (hops or true), so limits apply per visitor. */
  trustProxy?: boolean | number;
  /** Signs payment webhooks of campaigns without a secret of their own. */
  webhookSecret?: string;
  /** Told of every counted page view: renders on open start there (see Services.requestOpenRender). */
  onCountedView?: (view: { token: string }) => Promise<unknown>;
  /** With it, the template studio (/studio, /api/studio) keeps its previews and stills here. */
  studio?: StudioOptions;
};

/** The stand-in checkout page campaigns use when started without a pay URL. */
export const demoPayPath = '/demo/pay';

/**
 * The fastify app: the local CDN folder, public (rate-limited) tracking routes, and the admin
 * API behind the API key. It never listens; the CLI does, tests use `inject()`.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      deps.logLevel && deps.logLevel !== 'silent'
        ? {
            level: deps.logLevel,
            serializers: { req: describeRequest },
            // Besides the route patterns above: any line (a plugin's message, an error naming a path) loses its tokens.
            hooks: { streamWrite: redactTokens },
            ...(deps.logDestination ? { stream: deps.logDestination } : {}),
          }
        : false,
    bodyLimit: 64 * 1024,
    // A number trusts that many hops nearest to this server, as proxy-addr counts them.
    trustProxy:
      typeof deps.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (deps.trustProxy as number)
        : (deps.trustProxy ?? false),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Every route says who may call it (config.access), checked on each request; the start fails on a route that does not.
  app.addHook('onRoute', requireRouteAccess);
  app.addHook('onRequest', requireApiKey({ db: deps.db, apiKey: deps.apiKey, localApiKey: deps.localApiKey }));
  app.addHook('onSend', recordAuditEntry({ db: deps.db }));
  app.addHook('onSend', denyFraming);
  // Fastify's own 404 names the path it got, which may be a personal link.
  app.setNotFoundHandler((_request, reply) =>
    reply
      .code(404)
      .send({ error: 'Nothing is published at this address', fix: 'Open the link exactly as it was sent' }),
  );
  // The opt-out form posts an empty urlencoded body; nothing in it is read.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Kindly API', version: '1' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform: transformRouteSchema,
  });
  await app.register(async (docs) => {
    grantScopeAccess({ scope: docs, access: 'public' });
    await docs.register(fastifySwaggerUi, { routePrefix: '/docs' });
  });
  await app.register(fastifyMultipart, { limits: { fileSize: 512 * 1024 * 1024, files: 1, fields: 5 } });
  await app.register(fastifyRateLimit, { global: false });

  await app.register(healthRoutes({ db: deps.db, runner: deps.runner }));
  if (deps.metricsRegistry)
    await app.register(metricsRoutes({ db: deps.db, runner: deps.runner, registry: deps.metricsRegistry }));
  const events = makeEventBuffer({ db: deps.db });
  await app.register(
    trackingRoutes({
      db: deps.db,
      events,
      findSiteCss: () => findSiteAsset({ siteDir: deps.siteDir, name: 'site', extension: 'css' }),
      perMinute: deps.trackingRateLimit ?? 600,
      onCountedView: deps.onCountedView,
    }),
  );
  await app.register(interactiveRoutes({ db: deps.db, perMinute: deps.trackingRateLimit ?? 600 }));
  const studio = deps.studio && openStudio(deps.studio);
  await app.register(async (admin) => {
    await admin.register(templateRoutes());
    const defaultBaseUrl = deps.defaultBaseUrl ?? 'http://127.0.0.1:8080';
    await admin.register(
      campaignRoutes({ db: deps.db, defaultBaseUrl, defaultTrackUrl: deps.defaultTrackUrl ?? defaultBaseUrl }),
    );
    await admin.register(campaignExportRoutes({ db: deps.db }));
    await admin.register(analyticsRoutes({ db: deps.db }));
    await admin.register(campaignResponseRoutes({ db: deps.db }));
    await admin.register(recordUploadRoutes({ db: deps.db }));
    await admin.register(recordColumnsRoutes({ db: deps.db }));
    if (deps.runner && deps.publisher)
      await admin.register(
        campaignActionRoutes({
          db: deps.db,
          runner: deps.runner,
          publisher: deps.publisher,
          segmentCache: deps.segmentCache,
        }),
      );
    await admin.register(recipientRoutes({ db: deps.db, runner: deps.runner }));
    if (deps.queue)
      await admin.register(async (board) => {
        grantScopeAccess({ scope: board, access: 'admin', audit: 'queue-board' });
        await board.register(queueBoardRoutes({ queue: deps.queue! }));
      });
    await admin.register(auditRoutes({ db: deps.db }));
    await admin.register(callerRoutes());
    if (studio) await admin.register(studioApiRoutes({ db: deps.db, studio }));
    if (studio) await admin.register(studioPageRoutes({ studio }));
    if (studio) await admin.register(recipientPreviewRoutes({ db: deps.db, studio }));
  });
  await app.register(paymentWebhookRoutes({ db: deps.db, secret: deps.webhookSecret }));
  await app.register(dashboardRoutes());
  if (studio) await app.register(studioSiteRoutes({ studio }));
  await app.register(demoPayRoute({ db: deps.db, path: demoPayPath, siteDir: deps.siteDir }));
  await app.register(faviconRoute());
  if (deps.siteDir)
    await app.register(async (site) => {
      grantScopeAccess({ scope: site, access: 'public' });
      await site.register(serveSite({ siteDir: deps.siteDir!, trackBase: deps.defaultTrackUrl }));
    });
  return app;
}
