import Fastify from 'fastify';
import type { Registry } from 'prom-client';

/**
 * The worker's metrics for Prometheus (this process's render metrics), on their own port: a
 * worker has no API. Any GET path answers, as scrapers may be set to `/metrics` or `/`.
 */
export async function serveWorkerMetrics(options: {
  registry: Registry;
  port: number;
  host: string;
}): Promise<{ close: () => Promise<void> }> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.get('/*', async (_request, reply) =>
    reply.type(options.registry.contentType).send(await options.registry.metrics()),
  );
  await app.listen({ port: options.port, host: options.host });
  return { close: () => app.close() };
}
