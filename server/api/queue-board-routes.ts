import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Bull Board under /admin/queues (admin only: its scope is given that access by grantScopeAccess). */
export function queueBoardRoutes(options: { queue: Queue }): FastifyPluginAsyncZod {
  return async (app) => {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath('/admin/queues');
    // Bull Board's own page and API, not Kindly's: hidden from /docs.
    app.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    createBullBoard({ queues: [new BullMQAdapter(options.queue, { readOnlyMode: false })], serverAdapter });
    await app.register(serverAdapter.registerPlugin(), { prefix: '/admin/queues' });
  };
}
