import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/build-app.ts';
import type { Config } from '../config.ts';
import { announceServer } from '../store/announce-server.ts';
import { resumeCampaigns } from '../campaigns/resume-campaigns.ts';
import { sweepCampaigns } from '../campaigns/sweep-campaigns.ts';
import { sweepOpenRenders } from '../campaigns/sweep-open-renders.ts';
import type { Services } from '../open-services.ts';
import { expireEventData } from '../tracking/expire-event-data.ts';

/**
 * `kindly serve`: the local CDN folder, tracking and the admin API, listening on the configured
 * address. With a queue it sweeps for lost work; rendering in-process it resumes interrupted
 * campaigns. SIGTERM and SIGINT close it cleanly. On the embedded store it tells the store's lock
 * its address and a key of its own, so `kindly stats`, `retry` and `delivery` on this machine go
 * through it rather than opening the store it holds.
 */
export async function serveCommand(options: {
  siteDir: string;
  port: number;
  host: string;
  config: Config;
  services: Services;
  log: (line: string) => void;
}): Promise<FastifyInstance> {
  const { config, services } = options;
  await fs.mkdir(options.siteDir, { recursive: true });
  const localUrl = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port}`;
  const localApiKey = config.databaseUrl ? undefined : crypto.randomBytes(24).toString('base64url');
  const app = await buildApp({
    trustProxy: config.trustProxy,
    db: services.db,
    siteDir: config.s3 ? undefined : options.siteDir,
    apiKey: config.apiKey,
    localApiKey,
    runner: services.runner,
    publisher: services.publisher,
    segmentCache: services.segmentCache,
    queue: services.queue,
    defaultBaseUrl: config.publicBaseUrl ?? localUrl,
    defaultTrackUrl: config.trackBaseUrl ?? config.publicBaseUrl ?? localUrl,
    metricsRegistry: services.metrics.registry,
    logLevel: config.logLevel,
    trackingRateLimit: config.trackRateLimit,
    webhookSecret: config.webhookSecret,
    onCountedView: services.requestOpenRender,
    studio: { dataDir: config.dataDir, browserExecutable: config.browserExecutable },
  });
  // With a queue everything lost is swept; rendering here, only renders on open can wait unasked (their tries spent).
  const sweep = setInterval(() => {
    const { db, runner } = services;
    (runner.kind === 'queue'
      ? sweepCampaigns({ db, runner, staleSeconds: config.staleSeconds })
      : sweepOpenRenders({ db, runner, staleSeconds: config.staleSeconds })
    ).catch((error: unknown) => app.log.warn({ err: error }, 'sweep failed'));
  }, config.sweepSeconds * 1000);
  app.addHook('onClose', async () => clearInterval(sweep));
  // Retention: personal event data of campaigns past their retention period goes, hourly.
  const expire = () =>
    void expireEventData({ db: services.db, auditRetentionDays: config.auditRetentionDays, log: app.log }).catch(
      (error: unknown) => app.log.warn({ err: error }, 'expiring event data failed'),
    );
  const expiry = setInterval(expire, 3_600_000);
  app.addHook('onClose', async () => clearInterval(expiry));
  // The services (the store above all) close only once the app has: its plugins' own onClose hooks
  // run after the root's, and tracking stores the events it still holds (clicks kept through a
  // store outage included) as it closes.
  const close = async () => {
    try {
      await app.close();
    } finally {
      await services.close();
    }
  };
  let address: string;
  try {
    address = await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await close();
    throw error;
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      close().catch((error: unknown) => {
        app.log.error({ err: error }, 'closing failed');
        process.exitCode = 1;
      });
    });
  }
  if (localApiKey)
    await announceServer({
      dataDir: config.dataDir,
      apiUrl: makeLocalUrl(app.server.address() as AddressInfo),
      key: localApiKey,
    });
  expire();
  if (services.runner.kind === 'in-process') {
    const resumed = await resumeCampaigns({ db: services.db, runner: services.runner });
    if (resumed.length > 0) options.log(`Resumed rendering ${resumed.join(', ')}`);
    // Pages opened while no process rendered here: their videos are rendered now.
    const opened = await sweepOpenRenders({
      db: services.db,
      runner: services.runner,
      staleSeconds: config.staleSeconds,
    });
    if (opened > 0) options.log(`Rendering ${opened} video(s) of pages opened meanwhile`);
  }
  options.log(
    `Serving ${config.s3 ? 'tracking' : `${options.siteDir} and tracking`} on ${address}; API docs at ${address}/docs`,
  );
  options.log(
    `Renders run ${services.runner.kind === 'queue' ? 'on the workers (kindly worker) via Redis' : 'in this process'}`,
  );
  return app;
}

/** The address a command on this machine reaches the server at (loopback when it listens on every interface). */
function makeLocalUrl(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
