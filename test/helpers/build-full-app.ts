import crypto from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import path from 'node:path';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { Registry } from 'prom-client';
import { buildApp } from '../../server/api/build-app.ts';
import { makeRenderKit } from '../../server/jobs/make-render-kit.ts';
import { openQueueRunner } from '../../server/jobs/open-queue-runner.ts';
import { startQueueWorker } from '../../server/jobs/start-queue-worker.ts';
import { openLocalPublisher } from '../../server/publish/open-local-publisher.ts';
import type { Db } from '../../server/store/db.ts';
import { openEmbeddedStore } from '../../server/store/open-embedded-store.ts';
import { makeTempDir } from '../../scripts/lib/temp-dir.ts';
import type { Closers } from './listen-and-launch.ts';

/**
 * The app with every part given (an embedded store, the BullMQ queue on the local Redis with a
 * prefix of its own, a local publisher, the queue board, metrics, the studio), so every route it
 * can offer is registered, and every route it registered, as fastify announced it (HEAD twins of
 * GET routes left out). With `renders`, a queue worker with a real renderer takes the jobs, as
 * `kindly worker` does. What it opens is added to `closers`.
 */
export async function buildFullApp(options: {
  name: string;
  closers: Closers;
  apiKey?: string;
  trustProxy?: number;
  renders?: boolean;
}): Promise<{ app: FastifyInstance; db: Db; routes: RouteOptions[] }> {
  const { closers } = options;
  const temp = await makeTempDir(options.name);
  closers.push(() => temp.remove());
  const db = await openEmbeddedStore({ dataDir: temp.dir });
  closers.push(() => db.close());
  const queue = { redisUrl: 'redis://127.0.0.1:6379', prefix: `kindly-test-${crypto.randomBytes(4).toString('hex')}` };
  const runner = openQueueRunner({ db, ...queue });
  closers.push(
    () => runner.close(),
    () => runner.queue.obliterate({ force: true }),
  );
  const publisher = openLocalPublisher({ root: path.join(temp.dir, 'site') });
  if (options.renders) {
    const kit = makeRenderKit({ publisher, dataDir: temp.dir, browserExecutable: undefined });
    const worker = startQueueWorker({ db, publisher, ...kit, ...queue, concurrency: 2 });
    closers.push(
      () => kit.close(),
      () => worker.close(),
    );
  }
  const routes: RouteOptions[] = [];
  // Fastify announces each new instance on this channel before any route is added to it.
  const watch = ({ fastify }: { fastify: FastifyInstance }) =>
    fastify.addHook('onRoute', (route) => void (route.method !== 'HEAD' && routes.push(route)));
  const channel = diagnostics.channel('fastify.initialization');
  channel.subscribe(watch as (message: unknown) => void);
  try {
    const app = await buildApp({
      db,
      runner,
      publisher,
      queue: runner.queue,
      siteDir: path.join(temp.dir, 'site'),
      apiKey: options.apiKey,
      trustProxy: options.trustProxy,
      metricsRegistry: new Registry(),
      studio: { dataDir: temp.dir },
    });
    closers.push(() => app.close());
    await app.ready();
    return { app, db, routes };
  } finally {
    channel.unsubscribe(watch as (message: unknown) => void);
  }
}
