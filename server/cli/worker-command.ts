import pino from 'pino';
import path from 'node:path';
import type { Config } from '../config.ts';
import { InputError } from '../errors.ts';
import { forgetErasedSegments } from '../jobs/forget-erased-segments.ts';
import { serveWorkerMetrics } from '../jobs/serve-worker-metrics.ts';
import { openServices } from '../open-services.ts';
import { redactTokens } from '../redact-tokens.ts';

/**
 * `kindly worker`: renders jobs from Redis until stopped. SIGTERM or SIGINT stops taking jobs,
 * lets the running renders finish, then exits; a worker killed outright loses nothing, its jobs
 * are found stalled and rendered by another worker.
 */
export async function workerCommand(options: { config: Config; concurrency: number; out: string }) {
  const { config } = options;
  if (!config.redisUrl)
    throw new InputError({
      problem: 'kindly worker needs a queue',
      fix: 'Set REDIS_URL (e.g. redis://127.0.0.1:6379); without it, kindly serve renders in-process',
    });
  if (!config.databaseUrl)
    throw new InputError({
      problem: 'kindly worker needs a shared store',
      fix: 'Set DATABASE_URL to the PostgreSQL database the API uses',
    });
  // Logs carry campaign, job and recipient position, never personal data or link tokens.
  const logger = pino({ level: config.logLevel, base: { pid: process.pid, role: 'worker' } });
  const services = await openServices({
    config,
    siteDir: path.resolve(options.out, 'site'),
    renders: {
      worker: {
        concurrency: options.concurrency,
        onOutcome: ({ jobId, campaignId, seq, outcome, seconds }) => {
          const fields = { job: jobId, campaign: campaignId, recipient: seq, seconds: Math.round(seconds * 10) / 10 };
          if (outcome.kind === 'skipped')
            logger.info({ ...fields, outcome: 'skipped', reason: outcome.reason }, 'render job skipped');
          else
            logger.info(
              {
                ...fields,
                outcome: outcome.state.status,
                ...(outcome.state.status === 'failed' ? { error: outcome.state.error.slice(0, 300) } : {}),
              },
              'render job done',
            );
        },
      },
    },
  });
  const { db, metrics } = services;
  const worker = services.worker!;
  const stopForgetting = forgetErasedSegments({
    db,
    dataDir: config.dataDir,
    onState: (listening) =>
      listening
        ? logger.info("dropping erased debtors' segments as erasures are announced")
        : logger.warn('not hearing erasures: copies of erased segments may stay until reconnected'),
    onError: (error) =>
      logger.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'an erased segment could not be removed',
      ),
  });
  worker.on('failed', (job, error) =>
    logger.warn(
      {
        job: job?.id,
        campaign: job?.data.campaignId,
        recipient: job?.data.seq,
        attempt: job?.attemptsMade,
        error: redactTokens(error.message).slice(0, 300),
      },
      'render job failed',
    ),
  );
  // A metrics port that cannot be had stops the worker whole, not with its jobs still running.
  const metricsServer = config.workerMetricsPort
    ? await serveWorkerMetrics({ registry: metrics.registry, port: config.workerMetricsPort, host: config.host }).catch(
        async (error: unknown) => {
          await worker.close();
          await stopForgetting?.();
          await services.close();
          throw error;
        },
      )
    : undefined;
  logger.info({ concurrency: options.concurrency, prefix: config.queuePrefix }, 'worker taking render jobs');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'finishing running renders, taking no new jobs');
    // Renders running now finish first; erasures announced meanwhile still reach this machine.
    await worker.close();
    await stopForgetting?.();
    await metricsServer?.close();
    await services.close();
    logger.info('worker stopped');
  };
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop(signal).then(resolve));
  });
}
