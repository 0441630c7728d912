import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { Db } from '../store/db.ts';
import { pingStore } from '../store/ping-store.ts';

/** /healthz: the process answers. /readyz: the store (and the queue, when there is one) answer too. */
export function healthRoutes(options: { db: Db; runner: JobRunner | undefined }): FastifyPluginAsyncZod {
  const tags = ['operations'];
  const ok = z.object({ ok: z.literal(true) });
  const notReady = z.object({ ok: z.literal(false), error: z.string(), fix: z.string() });
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: { access: 'public' },
        schema: { tags, summary: 'Whether the process answers', security: [], response: { 200: ok } },
      },
      async () => ({ ok: true as const }),
    );
    app.get(
      '/readyz',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Whether the store and the queue answer too',
          security: [],
          response: { 200: ok, 503: notReady },
        },
      },
      async (_request, reply) => {
        try {
          await pingStore({ db: options.db });
          await options.runner?.getDepth();
          return { ok: true as const };
        } catch {
          return reply
            .code(503)
            .send({ ok: false as const, error: 'A dependency is not answering', fix: 'Check the database and Redis' });
        }
      },
    );
  };
}
